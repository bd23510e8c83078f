import type { GoogleCloudMonitoringQueryModel, GoogleCloudMonitoringTimeSeriesList } from '../../generated/index.js';
import { ModelQuery, modelProps } from './model-query.js';

/**
 * A Google Cloud Monitoring query (plugin `stackdriver`): PromQL, MQL, or a metric time
 * series list with aligners and reducers.
 *
 * @example
 * cloudMonitoringPromQL('my-project', 'sum(rate(run_googleapis_com:request_count[5m]))')
 * // → { "refId": "A", "queryType": "promQL", "promQLQuery": { "projectName": "my-project", "expr": "sum(…)", "step": "10s" } }
 */
export class GoogleCloudMonitoringQuery extends ModelQuery<'stackdriver', GoogleCloudMonitoringQueryModel> {
  readonly kind = 'stackdriver' as const;

  /** Series name pattern, e.g. `{{metric.label.instance_name}}`. */
  aliasBy(alias: string): this {
    return this.fields({ aliasBy: alias });
  }
}

/** A PromQL query on Cloud Monitoring's Prometheus-compatible API. */
export function cloudMonitoringPromQL(projectName: string, expr: string, step = '10s'): GoogleCloudMonitoringQuery {
  return new GoogleCloudMonitoringQuery(modelProps<GoogleCloudMonitoringQueryModel>({ queryType: 'promQL', promQLQuery: { projectName, expr, step } }));
}

/** An MQL (Monitoring Query Language) query. */
export function cloudMonitoringMQL(projectName: string, query: string): GoogleCloudMonitoringQuery {
  return new GoogleCloudMonitoringQuery(modelProps<GoogleCloudMonitoringQueryModel>({ queryType: 'timeSeriesQuery', timeSeriesQuery: { projectName, query } }));
}

/** A metric time series list: filters, aligner, cross-series reducer and group-bys. */
export function cloudMonitoringMetrics(list: GoogleCloudMonitoringTimeSeriesList): GoogleCloudMonitoringQuery {
  return new GoogleCloudMonitoringQuery(modelProps<GoogleCloudMonitoringQueryModel>({ queryType: 'timeSeriesList', timeSeriesList: list }));
}
