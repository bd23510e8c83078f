import type { ElasticsearchBucketAggregation, ElasticsearchMetricAggregation, ElasticsearchQueryModel } from '../../generated/index.js';
import { ModelQuery, modelProps } from './model-query.js';

/**
 * An Elasticsearch (or OpenSearch-compatible) query: a Lucene query string with metric and
 * bucket aggregations, as Grafana's Elasticsearch plugin stores it.
 *
 * @example
 * elasticsearch('status:500').metric({ id: '1', type: 'count' }).bucket({ id: '2', type: 'date_histogram', field: '@timestamp' })
 * // → { "refId": "A", "query": "status:500", "metrics": [{ "id": "1", "type": "count" }],
 * //     "bucketAggs": [{ "id": "2", "type": "date_histogram", "field": "@timestamp" }] }
 */
export class ElasticsearchQuery extends ModelQuery<'elasticsearch', ElasticsearchQueryModel> {
  readonly kind = 'elasticsearch' as const;

  /** Adds a metric aggregation (count, avg, percentiles, raw_data, logs, …). */
  metric(...metrics: ElasticsearchMetricAggregation[]): this {
    return this.fields({ metrics: [...(this.props.model.metrics ?? []), ...metrics] });
  }

  /** Adds a bucket aggregation (date_histogram, terms, filters, histogram, …), outermost first. */
  bucket(...buckets: ElasticsearchBucketAggregation[]): this {
    return this.fields({ bucketAggs: [...(this.props.model.bucketAggs ?? []), ...buckets] });
  }

  /** Series name pattern, e.g. `{{term host}}`. */
  alias(alias: string): this {
    return this.fields({ alias });
  }

  /** The time field of the index (default: the data source's). */
  timeField(field: string): this {
    return this.fields({ timeField: field });
  }
}

/** An Elasticsearch query on a Lucene query string (see {@link ElasticsearchQuery}). */
export function elasticsearch(lucene = ''): ElasticsearchQuery {
  if (typeof lucene !== 'string') throw new TypeError(`elasticsearch(): expected a Lucene query string, got ${JSON.stringify(lucene)}`);
  return new ElasticsearchQuery(modelProps<ElasticsearchQueryModel>({ query: lucene }));
}
