import { isDatasourceDefinition } from '../datasources/datasource-definition.js';
import type { SourceProblem } from './errors.js';

/**
 * Checks the `datasources` key of a config: a list of data source definitions
 * (`prometheusDatasource(...)` and friends) with distinct uids and names, since Grafana keys
 * data sources by both. Returns the problems, each naming `file` and the entry.
 *
 * @example
 * validateDatasources([prom, prom], 'dash.config.ts')
 * // → [{ file: 'dash.config.ts', message: '"datasources[1]": the uid "prom" is also used by datasources[0]' }]
 */
export function validateDatasources(value: unknown, file: string): SourceProblem[] {
  if (value === undefined) return [];
  if (!Array.isArray(value))
    return [{ file, message: `"datasources" must be an array of data source definitions (prometheusDatasource(...) etc.), got ${typeof value}` }];
  const problems: SourceProblem[] = [];
  const uids = new Map<string, number>();
  const names = new Map<string, number>();
  value.forEach((entry: unknown, i) => {
    if (!isDatasourceDefinition(entry)) {
      problems.push({
        file,
        message: `"datasources[${i}]" is not a data source definition (use prometheusDatasource(...), lokiDatasource(...), genericDatasource(...) …)`,
      });
      return;
    }
    const sameUid = uids.get(entry.uid);
    if (sameUid !== undefined) problems.push({ file, message: `"datasources[${i}]": the uid "${entry.uid}" is also used by datasources[${sameUid}]` });
    else uids.set(entry.uid, i);
    const sameName = names.get(entry.displayName);
    if (sameName !== undefined)
      problems.push({ file, message: `"datasources[${i}]": the name "${entry.displayName}" is also used by datasources[${sameName}]` });
    else names.set(entry.displayName, i);
  });
  return problems;
}
