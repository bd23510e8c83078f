import { queryShapes } from '../model/queries/query-shape.js';

/**
 * Which other data source a target's fields say it is written for, when nothing names its data
 * source and it has no PromQL `expr`: `dash check` then reports it not checked, naming that
 * kind, instead of calling it an empty Prometheus query. The kinds are those of
 * {@link queryShapes}; a non-empty `query` of no known kind is "non-Prometheus".
 *
 * @example
 * foreignQueryShape({ refId: 'A', rawSql: 'SELECT 1' }) // → 'SQL'
 * foreignQueryShape({ refId: 'A', expr: 'up' })         // → undefined (a Prometheus query)
 */
export function foreignQueryShape(target: Record<string, unknown>): string | undefined {
  if (typeof target['expr'] === 'string' && target['expr'].trim() !== '') return undefined;
  const shape = queryShapes(target)[0];
  if (shape !== undefined) return shape.name;
  if (typeof target['query'] === 'string' && target['query'].trim() !== '') return 'non-Prometheus';
  return undefined;
}
