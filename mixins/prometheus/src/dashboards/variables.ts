import { datasourceVariable, labelValues, pickerVariable, type DatasourceVariable, type QueryVariable } from 'grafts';
import { braces, type PrometheusMixinConfig } from '../config.js';

/** The variables of the mixin's dashboards and the selector every query uses. */
export interface PrometheusVariables {
  readonly datasource: DatasourceVariable<'prometheus'>;
  /** Prometheus servers' jobs (from `prometheus_build_info` under `prometheusSelector`). */
  readonly job: QueryVariable;
  /** Prometheus servers' instances, chained on `$job`. */
  readonly instance: QueryVariable;
  /**
   * `{prometheusSelector, job=~"$job", instance=~"$instance"[, extra…]}`: the servers picked.
   * The selector stays in every query, so "All" (`.+`) never reaches other jobs.
   */
  readonly servers: (...extra: string[]) => string;
}

/**
 * House-style variables for Prometheus servers: the data source, then `job` and `instance`
 * discovered from `prometheus_build_info` (which every Prometheus exposes once), chained.
 */
export function prometheusVariables(c: Readonly<PrometheusMixinConfig>): PrometheusVariables {
  const datasource = datasourceVariable('datasource', 'prometheus').label('Data source');
  const info = (...m: string[]) => `prometheus_build_info${braces(c.prometheusSelector, ...m)}`;
  const job = pickerVariable('job', { label: 'Job', datasource, query: labelValues(info(), 'job') });
  const instance = pickerVariable('instance', { label: 'Instance', datasource, query: labelValues(info(`job=~"${job}"`), 'instance') });
  return {
    datasource,
    job,
    instance,
    servers: (...extra) => braces(c.prometheusSelector, `job=~"${job}"`, `instance=~"${instance}"`, ...extra),
  };
}
