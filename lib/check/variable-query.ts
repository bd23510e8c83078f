/**
 * A Prometheus template variable query, as Grafana's Prometheus data source parses it
 * (`label_values`, `label_names`, `metrics`, `query_result`); anything else is a PromQL
 * expression evaluated like `query_result`.
 */
export type VariableQuery =
  | { kind: 'label_names'; match?: string }
  | { kind: 'label_values'; label: string; match?: string }
  | { kind: 'metrics'; regex: string }
  | { kind: 'query_result'; expr: string };

const LABEL_NAMES = /^label_names\(\s*\)\s*$/;
const LABEL_NAMES_MATCH = /^label_names\((.+)\)\s*$/s;
const LABEL_VALUES = /^label_values\((?:(.+),\s*)?([a-zA-Z_$][a-zA-Z0-9_]*)\)\s*$/s;
const METRICS = /^metrics\((.+)\)\s*$/s;
const QUERY_RESULT = /^query_result\((.+)\)\s*$/s;

/**
 * Parses a (interpolated) variable query with Grafana's own patterns.
 *
 * @example
 * parseVariableQuery('label_values(up{job=~"api"}, instance)')
 * // → { kind: 'label_values', label: 'instance', match: 'up{job=~"api"}' }
 * parseVariableQuery('metrics(^node_)') // → { kind: 'metrics', regex: '^node_' }
 */
export function parseVariableQuery(query: string): VariableQuery {
  const text = query.trim();
  if (LABEL_NAMES.test(text)) return { kind: 'label_names' };
  let m = LABEL_NAMES_MATCH.exec(text);
  if (m) return { kind: 'label_names', match: m[1]!.trim() };
  m = LABEL_VALUES.exec(text);
  if (m) return { kind: 'label_values', label: m[2]!, ...(m[1] !== undefined && { match: m[1].trim() }) };
  m = METRICS.exec(text);
  if (m) return { kind: 'metrics', regex: m[1]!.trim() };
  m = QUERY_RESULT.exec(text);
  if (m) return { kind: 'query_result', expr: m[1]!.trim() };
  return { kind: 'query_result', expr: text };
}

/** The query text of a variable: a string, or the `query` of the object form. */
export function variableQueryText(query: unknown): string | undefined {
  if (typeof query === 'string') return query;
  if (query && typeof query === 'object' && typeof (query as { query?: unknown }).query === 'string') return (query as { query: string }).query;
  return undefined;
}

/**
 * Grafana's text for one `query_result` sample: `name{label="value", …} value timestampMs`.
 *
 * @example
 * queryResultText({ __name__: 'up', job: 'api' }, [1700000000, '1']) // → 'up{job="api"} 1 1700000000000'
 */
export function queryResultText(metric: Readonly<Record<string, string>>, value: readonly [number, string]): string {
  const name = metric['__name__'] ?? '';
  const labels = Object.entries(metric)
    .filter(([k]) => k !== '__name__')
    .map(([k, v]) => `${k}="${v}"`);
  return `${name}{${labels.join(', ')}} ${value[1]} ${value[0] * 1000}`;
}
