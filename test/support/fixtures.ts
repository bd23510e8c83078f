/**
 * Shared builders for library tests: the house-style data source and label variables, and a
 * helper that places one panel on a dashboard so its golden JSON has id, gridPos and canonical
 * key order exactly as a dashboard emits it.
 */
import { dashboard, datasourceVariable, labelValues, queryVariable, type AnyPanel, type Dashboard, type VariableBuilder } from '../../lib/index.js';

export const promDs = datasourceVariable('datasource', 'prometheus').label('Data source');
export const lokiDs = datasourceVariable('loki_datasource', 'loki').label('Logs');
export const tempoDs = datasourceVariable('tempo_datasource', 'tempo').label('Traces');

export const job = queryVariable('job').datasource(promDs).query(labelValues('up', 'job')).multi().includeAll({ allValue: '.+' }).refresh('time-range-change');

export const instance = queryVariable('instance')
  .datasource(promDs)
  .query(labelValues(`up{job=~"${job}"}`, 'instance'))
  .multi()
  .includeAll({ allValue: '.+' })
  .refresh('time-range-change');

export const houseVariables: readonly VariableBuilder[] = [promDs, lokiDs, tempoDs, job, instance];

/** A dashboard holding the house variables and `panels` above any row. */
export function dashboardWith(...panels: AnyPanel[]) {
  return dashboard('Golden')
    .uid('golden')
    .variable(...houseVariables)
    .panel(...panels);
}

/** The dashboard JSON of {@link dashboardWith}. */
export function buildWith(...panels: AnyPanel[]): Dashboard {
  return dashboardWith(...panels).build();
}

/** Panels of a built dashboard, as plain records. */
export function panelsOf(json: Dashboard): Record<string, any>[] {
  return json.panels as unknown as Record<string, any>[];
}
