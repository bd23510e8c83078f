import { ModelQuery, modelProps } from './model-query.js';

/**
 * The query model of Grafana's InfluxDB plugin, for raw InfluxQL and Flux queries.
 * Hand-written: Grafana publishes no JSON Schema for it; the fields are those its query editor
 * saves in raw (code) mode.
 */
export interface InfluxQueryModel {
  /** The InfluxQL or Flux text. */
  readonly query: string;
  /** True for InfluxQL written as text (not the visual editor). */
  readonly rawQuery?: boolean;
  readonly resultFormat?: 'time_series' | 'table' | 'logs';
  /** Series name pattern (InfluxQL), e.g. `$tag_host`. */
  readonly alias?: string;
}

/**
 * An InfluxDB query: InfluxQL (`influxQL`) or Flux (`flux`), depending on the data source's
 * query language; both are plugin `influxdb`.
 *
 * @example
 * influxQL('SELECT mean("usage_idle") FROM "cpu" WHERE $timeFilter GROUP BY time($__interval)')
 * // → { "refId": "A", "query": "SELECT mean(\"usage_idle\") …", "rawQuery": true, "resultFormat": "time_series" }
 * flux('from(bucket: "metrics") |> range(start: v.timeRangeStart)')
 * // → { "refId": "A", "query": "from(bucket: \"metrics\") |> …" }
 */
export class InfluxQuery extends ModelQuery<'influxdb', InfluxQueryModel> {
  readonly kind = 'influxdb' as const;

  /** Series name pattern, e.g. `$tag_host`. */
  alias(alias: string): this {
    return this.fields({ alias });
  }

  /** `time_series` (default), `table` or `logs`. */
  resultFormat(format: 'time_series' | 'table' | 'logs'): this {
    return this.fields({ resultFormat: format });
  }
}

function checked(where: string, query: string): string {
  if (typeof query !== 'string' || query.trim() === '') throw new TypeError(`${where}: expected a query, got ${JSON.stringify(query)}`);
  return query;
}

/** A raw InfluxQL query (see {@link InfluxQuery}). */
export function influxQL(query: string): InfluxQuery {
  return new InfluxQuery(modelProps<InfluxQueryModel>({ query: checked('influxQL()', query), rawQuery: true, resultFormat: 'time_series' }));
}

/** A Flux query (see {@link InfluxQuery}). */
export function flux(query: string): InfluxQuery {
  return new InfluxQuery(modelProps<InfluxQueryModel>({ query: checked('flux()', query) }));
}
