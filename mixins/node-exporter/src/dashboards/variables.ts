// The house-style variables of every node exporter dashboard: a templated Prometheus data
// source, then `job` and `instance` discovered from node_uname_info (one series per node
// exporter) within `nodeExporterSelector`, `instance` chained on `job`.
//
// Not standardVariables({ infoMetric }): its chaining leaves a label the info selector already
// matches alone, so with `job="node"` in the selector `instance` would not follow `$job`.
import { datasourceVariable, labelValues, queryVariable, type DatasourceVariable, type QueryVariable } from 'grafts';
import { braces, type NodeExporterConfig } from '../config.js';

export interface NodeVariables {
  readonly datasource: DatasourceVariable<'prometheus'>;
  readonly job: QueryVariable;
  readonly instance: QueryVariable;
  /** `{<nodeExporterSelector>, <extra…>, job=~"$job", instance=~"$instance"}`: every dashboard selector. */
  readonly sel: (...extra: string[]) => string;
}

export function nodeVariables(c: Readonly<NodeExporterConfig>): NodeVariables {
  const datasource = datasourceVariable('datasource', 'prometheus').label('Data source');
  const labelVariable = (name: 'job' | 'instance', label: string, query: string) =>
    queryVariable(name)
      .label(label)
      .datasource(datasource)
      .query(query)
      .multi()
      .includeAll({ allValue: '.+' })
      .refresh('time-range-change')
      .sort('alphabetical-asc');
  const job = labelVariable('job', 'Job', labelValues(`node_uname_info${braces(c.nodeExporterSelector)}`, 'job'));
  const instance = labelVariable('instance', 'Instance', labelValues(`node_uname_info${braces(c.nodeExporterSelector, `job=~"${job}"`)}`, 'instance'));
  const sel = (...extra: string[]) => braces(c.nodeExporterSelector, ...extra, `job=~"${job}"`, `instance=~"${instance}"`);
  return { datasource, job, instance, sel };
}
