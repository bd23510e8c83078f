// The house-style variables of every node exporter dashboard: a templated Prometheus data
// source, then `job` and `instance` discovered from node_uname_info (one series per node
// exporter) within `nodeExporterSelector`, `instance` chained on `job`.
//
// Not standardVariables({ infoMetric }): its chaining leaves a label the info selector already
// matches alone, so with `job="node"` in the selector `instance` would not follow `$job`.
import { datasourceVariable, labelValues, pickerVariable, type DatasourceVariable, type QueryVariable } from 'grafts';
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
  const job = pickerVariable('job', { label: 'Job', datasource, query: labelValues(`node_uname_info${braces(c.nodeExporterSelector)}`, 'job') });
  const instance = pickerVariable('instance', {
    label: 'Instance',
    datasource,
    query: labelValues(`node_uname_info${braces(c.nodeExporterSelector, `job=~"${job}"`)}`, 'instance'),
  });
  const sel = (...extra: string[]) => braces(c.nodeExporterSelector, ...extra, `job=~"${job}"`, `instance=~"${instance}"`);
  return { datasource, job, instance, sel };
}
