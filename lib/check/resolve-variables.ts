import type { PrometheusClient, QueryData } from './prometheus-client.js';
import { PrometheusError } from './prometheus-error.js';
import { datasourceKind } from './datasource-kind.js';
import { formatGrafanaDuration, parseGrafanaDuration } from '../util/grafana-duration.js';
import { interpolate, type VariableScope, type VariableValue } from './interpolate.js';
import type { CheckWindow } from './time-context.js';
import { parseVariableQuery, queryResultText, variableQueryText } from './variable-query.js';

/** One option of a variable: what is shown and what is interpolated. */
export interface VariableOption {
  text: string;
  value: string;
}

/** A dashboard variable after resolution against Prometheus. */
export interface ResolvedVariable {
  name: string;
  type: string;
  /** The query as sent, variables interpolated (query variables). */
  query?: string;
  /** Every option found, in the variable's sort order ("All" not included). */
  options: VariableOption[];
  /** What Grafana would select: the saved current value when still valid, else All or the first option. */
  selected: VariableValue;
  /** Why the variable could not be resolved (Prometheus error, unsupported data source). */
  error?: string;
  /** Why it was not queried (e.g. a Loki variable). */
  skipped?: string;
}

/** What {@link resolveVariables} returns. */
export interface ResolvedVariables {
  variables: ResolvedVariable[];
  /** Values by name, built-ins included, ready for {@link interpolate}. */
  scope: Map<string, VariableValue | string>;
  /** Datasource variables: name → plugin id (`prometheus`, `loki`, …). */
  datasources: Map<string, string>;
}

/** Options of {@link resolveVariables}. */
export interface ResolveVariablesOptions {
  client: PrometheusClient;
  window: CheckWindow;
  /** Grafana's globals (`__interval`, `__rate_interval`, …) for variable queries. */
  builtins: Readonly<Record<string, string>>;
}

type Json = Record<string, unknown>;

/**
 * Resolves a dashboard's variables in order, as Grafana does when the dashboard opens:
 * - `query` variables on Prometheus run `label_values(…)`, `label_names(…)`, `metrics(…)` or
 *   `query_result(…)` / a bare expression, after interpolating the variables before them
 *   (chaining), then apply the variable's `regex` (first capture group, or the named groups
 *   `text`/`value`) and `sort`;
 * - `custom`, `interval`, `constant` and `textbox` variables take their options from `query`;
 * - `datasource` variables stand for the Prometheus being checked (their plugin is recorded so
 *   targets on a Loki variable can be told apart);
 * - the selection is the saved `current` value when it is still an option, otherwise "All"
 *   when the variable includes it, otherwise the first option.
 * A failing query does not stop the others: the variable gets an `error` and no options.
 */
export async function resolveVariables(list: readonly unknown[], options: ResolveVariablesOptions): Promise<ResolvedVariables> {
  const scope = new Map<string, VariableValue | string>(Object.entries(options.builtins));
  const datasources = new Map<string, string>();
  const variables: ResolvedVariable[] = [];
  for (const raw of list) {
    if (!raw || typeof raw !== 'object') continue;
    const v = raw as Json;
    const name = typeof v['name'] === 'string' ? v['name'] : undefined;
    const type = typeof v['type'] === 'string' ? v['type'] : 'query';
    if (!name) continue;
    const resolved = await resolveOne(name, type, v, scope, datasources, options);
    if (type === 'datasource') datasources.set(name, typeof v['query'] === 'string' ? v['query'] : 'prometheus');
    if (type !== 'adhoc') scope.set(name, resolved.variable.selected);
    if (resolved.autoInterval !== undefined) scope.set(`__auto_interval_${name}`, resolved.autoInterval);
    variables.push(resolved.variable);
  }
  return { variables, scope, datasources };
}

async function resolveOne(
  name: string,
  type: string,
  v: Json,
  scope: VariableScope,
  datasources: ReadonlyMap<string, string>,
  options: ResolveVariablesOptions,
): Promise<{ variable: ResolvedVariable; autoInterval?: string }> {
  const multi = v['multi'] === true;
  const includeAll = v['includeAll'] === true;
  const allValue = typeof v['allValue'] === 'string' && v['allValue'] !== '' ? v['allValue'] : undefined;
  const base = { name, type };
  const finish = (opts: VariableOption[], extra: Partial<ResolvedVariable> = {}): ResolvedVariable => ({
    ...base,
    ...extra,
    options: opts,
    selected: select(v['current'], opts, { multi, includeAll, ...(allValue !== undefined && { allValue }) }),
  });

  switch (type) {
    case 'datasource': {
      const plugin = typeof v['query'] === 'string' ? v['query'] : 'prometheus';
      return { variable: { ...base, options: [{ text: plugin, value: plugin }], selected: { values: [plugin], texts: [plugin] } } };
    }
    case 'constant':
    case 'textbox': {
      const current = currentValues(v['current'])[0];
      const value = type === 'textbox' && current !== undefined ? current : String(v['query'] ?? '');
      return { variable: { ...base, options: [{ text: value, value }], selected: { values: [value], texts: [value] } } };
    }
    case 'custom':
      return { variable: finish(customOptions(String(v['query'] ?? ''))) };
    case 'interval': {
      const opts = String(v['query'] ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '')
        .map((s) => ({ text: s, value: s }));
      let autoInterval: string | undefined;
      if (v['auto'] === true) {
        const count = typeof v['auto_count'] === 'number' && v['auto_count'] > 0 ? v['auto_count'] : 30;
        const min = typeof v['auto_min'] === 'string' ? (parseGrafanaDuration(v['auto_min']) ?? 0) : 0;
        autoInterval = formatGrafanaDuration(Math.max(options.window.rangeMs / count, min, 1));
        opts.unshift({ text: 'auto', value: '$__auto_interval_' + name });
      }
      const variable = finish(opts);
      if (autoInterval !== undefined && variable.selected.values.length > 0) {
        variable.selected = {
          ...variable.selected,
          values: variable.selected.values.map((x) => (x === '$__auto_interval_' + name || x === 'auto' ? autoInterval! : x)),
        };
      }
      return { variable, ...(autoInterval !== undefined && { autoInterval }) };
    }
    case 'query':
      break;
    default:
      return { variable: { ...base, options: [], selected: { values: [] }, skipped: `${type} variables are not resolved` } };
  }

  const kind = datasourceKind(v['datasource'], datasources) ?? 'prometheus';
  if (kind !== 'prometheus') {
    return { variable: finish([], { skipped: `a ${kind} variable (only Prometheus queries are checked)` }) };
  }
  const text = variableQueryText(v['query']) ?? (typeof v['definition'] === 'string' ? v['definition'] : undefined);
  if (text === undefined || text.trim() === '') return { variable: finish([], { error: 'no query' }) };
  const query = interpolate(text, scope);
  let values: string[];
  try {
    values = await runVariableQuery(query, options);
  } catch (error) {
    if (error instanceof PrometheusError && error.unreachable) throw error;
    const detail = error instanceof PrometheusError ? `${error.status ?? ''} ${error.errorType ?? ''}: ${error.detail}`.trim() : String(error);
    return { variable: finish([], { query, error: detail.replace(/^: /, '') }) };
  }
  let opts: VariableOption[];
  try {
    opts = applyRegex(values, typeof v['regex'] === 'string' ? v['regex'] : '');
  } catch (error) {
    return { variable: finish([], { query, error: `invalid regex ${String(v['regex'])}: ${(error as Error).message}` }) };
  }
  return { variable: finish(sortOptions(opts, typeof v['sort'] === 'number' ? v['sort'] : 0), { query }) };
}

async function runVariableQuery(query: string, { client, window }: ResolveVariablesOptions): Promise<string[]> {
  const range = { start: Math.floor((window.endMs - window.rangeMs) / 1000), end: Math.floor(window.endMs / 1000) };
  const parsed = parseVariableQuery(query);
  switch (parsed.kind) {
    case 'label_names':
      return client.labelNames(parsed.match !== undefined ? [parsed.match] : undefined, range);
    case 'label_values':
      return client.labelValues(parsed.label, parsed.match !== undefined ? [parsed.match] : undefined, range);
    case 'metrics': {
      const filter = new RegExp(parsed.regex);
      return (await client.labelValues('__name__', undefined, range)).filter((n) => filter.test(n));
    }
    case 'query_result':
      return queryResultLines(await client.query(parsed.expr, range.end));
  }
}

function queryResultLines(data: QueryData): string[] {
  switch (data.resultType) {
    case 'vector':
      return data.result.map((s) => queryResultText(s.metric, s.value));
    case 'matrix':
      return data.result.map((s) => queryResultText(s.metric, s.values[s.values.length - 1] ?? [0, '']));
    default:
      return [`${data.resultType}(${data.result[1]}) ${data.result[0] * 1000}`];
  }
}

/** Grafana's variable regex: `/re/flags`, or a bare pattern matched whole. */
function applyRegex(values: readonly string[], regex: string): VariableOption[] {
  const seen = new Set<string>();
  const out: VariableOption[] = [];
  const push = (text: string, value: string) => {
    if (seen.has(value)) return;
    seen.add(value);
    out.push({ text, value });
  };
  if (regex === '') {
    for (const value of values) push(value, value);
    return out;
  }
  const slashed = /^\/(.*)\/([gimsuy]*)$/s.exec(regex);
  const re = slashed ? new RegExp(slashed[1]!, slashed[2]!.replace('g', '')) : new RegExp(`^${regex}$`);
  for (const value of values) {
    const match = re.exec(value);
    if (!match) continue;
    const groups = match.groups;
    if (groups && (groups['value'] !== undefined || groups['text'] !== undefined)) {
      push(groups['text'] ?? groups['value']!, groups['value'] ?? groups['text']!);
    } else {
      const picked = match.length > 1 ? (match.slice(1).find((g) => g !== undefined) ?? match[0]) : match[0];
      push(picked, picked);
    }
  }
  return out;
}

/** Grafana's sort orders: 1/2 alphabetical, 3/4 numerical, 5/6 case-insensitive, 7/8 natural; odd ascending. */
function sortOptions(opts: VariableOption[], sort: number): VariableOption[] {
  if (sort <= 0) return opts;
  const desc = sort % 2 === 0;
  const kind = Math.ceil(sort / 2);
  const number = (s: string) => {
    const m = /.*?(\d+)/.exec(s);
    return m ? Number(m[1]) : Number.NEGATIVE_INFINITY;
  };
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  const compare = (a: VariableOption, b: VariableOption): number => {
    if (kind === 2) return number(a.text) - number(b.text);
    if (kind === 3) return a.text.toLowerCase() < b.text.toLowerCase() ? -1 : a.text.toLowerCase() > b.text.toLowerCase() ? 1 : 0;
    if (kind === 4) return collator.compare(a.text, b.text);
    return a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
  };
  const sorted = [...opts].sort(compare);
  return desc ? sorted.reverse() : sorted;
}

/** A custom variable's `query`: comma-separated options (`\,` escapes), each `text : value` or one string. */
export function customOptions(query: string): VariableOption[] {
  const parts = query.match(/(?:\\,|[^,])+/g) ?? [];
  return parts.map((raw) => {
    const part = raw.trim().replace(/\\,/g, ',');
    const pair = /^(.+?)\s:\s(.+)$/.exec(part);
    return pair ? { text: pair[1]!.trim(), value: pair[2]!.trim() } : { text: part, value: part };
  });
}

function currentValues(current: unknown): string[] {
  if (!current || typeof current !== 'object') return [];
  const value = (current as { value?: unknown }).value;
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((x): x is string => typeof x === 'string');
  return [];
}

function select(current: unknown, opts: readonly VariableOption[], declared: { multi: boolean; includeAll: boolean; allValue?: string }): VariableValue {
  const all = (): VariableValue => ({
    ...declared,
    all: true,
    values: opts.map((o) => o.value),
    texts: opts.map((o) => o.text),
  });
  const saved = currentValues(current);
  if (declared.includeAll && saved.length > 0 && saved.every((s) => s === '$__all')) return all();
  const valid = opts.filter((o) => saved.includes(o.value));
  if (valid.length > 0) {
    const picked = declared.multi ? valid : valid.slice(0, 1);
    return { ...declared, values: picked.map((o) => o.value), texts: picked.map((o) => o.text) };
  }
  if (declared.includeAll) return all();
  const first = opts[0];
  return { ...declared, values: first ? [first.value] : [], texts: first ? [first.text] : [] };
}
