import { datasourceVariable, labelValues, queryVariable, type DatasourceVariable, type QueryVariable } from 'grafts';
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

function pickerOf(name: 'job' | 'instance', label: string, datasource: DatasourceVariable<'prometheus'>, query: string): QueryVariable {
  return queryVariable(name)
    .label(label)
    .datasource(datasource)
    .query(query)
    .multi()
    .includeAll({ allValue: '.+' })
    .refresh('time-range-change')
    .sort('alphabetical-asc');
}

/**
 * House-style variables for Prometheus servers: the data source, then `job` and `instance`
 * discovered from `prometheus_build_info` (which every Prometheus exposes once), chained.
 */
export function prometheusVariables(c: Readonly<PrometheusMixinConfig>): PrometheusVariables {
  const datasource = datasourceVariable('datasource', 'prometheus').label('Data source');
  const info = (...m: string[]) => `prometheus_build_info${braces(c.prometheusSelector, ...m)}`;
  const job = pickerOf('job', 'Job', datasource, labelValues(info(), 'job'));
  const instance = pickerOf('instance', 'Instance', datasource, labelValues(info(`job=~"${job}"`), 'instance'));
  return {
    datasource,
    job,
    instance,
    servers: (...extra) => braces(c.prometheusSelector, `job=~"${job}"`, `instance=~"${instance}"`, ...extra),
  };
}
