import type { AlertRuleJson } from '../mixin/alert-rule.js';
import type { RecordingRuleJson } from '../mixin/recording-rule.js';
import type { RuleGroupJson } from '../mixin/rule-group.js';
import { canonicalPrometheusDuration } from './prometheus-duration.js';

type Token = { kind: 'word' | 'string' | 'punct'; text: string };

const WORD = /[A-Za-z0-9_:.$]/;
/** Operators of two or more characters, longest first (PromQL and LogQL). */
const MULTI_PUNCT = ['!~', '=~', '!=', '==', '>=', '<=', '|=', '|~', '|>', '!>'];

function tokenize(expr: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '#') {
      // A comment runs to the end of the line.
      while (i < expr.length && expr[i] !== '\n') i++;
    } else if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < expr.length && expr[j] !== c) j += c !== '`' && expr[j] === '\\' ? 2 : 1;
      tokens.push({ kind: 'string', text: expr.slice(i, j + 1) });
      i = j + 1;
    } else if (WORD.test(c)) {
      let j = i + 1;
      while (j < expr.length && WORD.test(expr[j]!)) j++;
      tokens.push({ kind: 'word', text: expr.slice(i, j) });
      i = j;
    } else {
      const multi = MULTI_PUNCT.find((op) => expr.startsWith(op, i));
      const text = multi ?? c;
      tokens.push({ kind: 'punct', text });
      i += text.length;
    }
  }
  return tokens;
}

/**
 * A canonical form of a PromQL (or LogQL) expression, so that formatting never shows as a change:
 * comments are dropped, whitespace outside string literals is removed except one space between two
 * words (`sum by (job) (x)` → `sum by(job)(x)`, `a and b` stays), durations are spelled
 * canonically (`[60s]` → `[1m]`), string literals are kept as written. It is for comparison,
 * not for display.
 *
 * @example
 * normalizePromQL('sum by (job) (\n  rate(x{a="1 2"}[5m])  # per second\n) > 0')
 * // → 'sum by(job)(rate(x{a="1 2"}[5m]))>0'
 */
export function normalizePromQL(expr: string): string {
  let out = '';
  let previous: Token | undefined;
  for (const token of tokenize(expr)) {
    if (previous && previous.kind === 'word' && token.kind === 'word') out += ' ';
    out += token.kind === 'word' ? durationsIn(token.text) : token.text;
    previous = token;
  }
  return out;
}

const DURATION = /^(\d+(ms|y|w|d|h|m|s))+$/;

/**
 * `[60s]` and `[1m]` are the same range: a word made of durations (`60s`, or `30m:60s` in a
 * subquery, where `:` joins the word) gets their canonical spelling. Names never start with a
 * digit, so they are never taken for durations.
 */
function durationsIn(word: string): string {
  const parts = word.split(':');
  if (!parts.some((p) => DURATION.test(p)) || !parts.every((p) => p === '' || DURATION.test(p))) return word;
  return parts.map((p) => (p === '' ? p : normalizeDuration(p))).join(':');
}

/**
 * A Prometheus duration in its canonical spelling (`60s` → `1m`, `90m` → `1h30m`, `0m` → `0s`);
 * text that is not a duration is returned as given.
 *
 * @example
 * normalizeDuration('120s') // → '2m'
 */
export function normalizeDuration(text: string): string {
  return canonicalPrometheusDuration(text.trim()) ?? text;
}

function sortedMap(map: Readonly<Record<string, string>> | undefined): Record<string, string> | undefined {
  if (!map || Object.keys(map).length === 0) return undefined;
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function optionalDuration(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const d = normalizeDuration(text);
  return d === '0s' ? undefined : d;
}

const KNOWN_GROUP_KEYS = new Set(['name', 'interval', 'limit', 'rules']);
const DURATION_GROUP_KEYS = new Set(['query_offset', 'evaluation_delay']);

/**
 * A rule group in canonical form: PromQL normalised ({@link normalizePromQL}), durations
 * normalised, zero `interval`/`for`/`keep_firing_for`/`limit` and empty labels/annotations dropped,
 * label and annotation keys sorted, other group settings (`query_offset`, `source_tenants`, …)
 * kept. Rule order is kept (it is evaluation order).
 */
export function canonicalRuleGroup(group: RuleGroupJson): RuleGroupJson {
  const out: RuleGroupJson = { name: group.name, rules: [] };
  // `interval: 0s` is the default interval: rulers drop it when they store the group.
  const interval = optionalDuration(group.interval);
  if (interval !== undefined) out.interval = interval;
  if (group.limit !== undefined && group.limit !== 0) out.limit = group.limit;
  // Group settings other tools drop (query_offset, source_tenants, …) take part in the comparison.
  for (const [key, value] of Object.entries(group)) {
    if (KNOWN_GROUP_KEYS.has(key) || value === undefined || value === null) continue;
    const normalised = typeof value === 'string' && DURATION_GROUP_KEYS.has(key) ? optionalDuration(value) : value;
    if (normalised !== undefined) (out as unknown as Record<string, unknown>)[key] = normalised;
  }
  out.rules = (group.rules ?? []).map((rule): AlertRuleJson | RecordingRuleJson => {
    const labels = sortedMap(rule.labels);
    if ('record' in rule && rule.record !== undefined) {
      return { record: rule.record, expr: normalizePromQL(String(rule.expr)), ...(labels ? { labels } : {}) };
    }
    const alert = rule as AlertRuleJson;
    const forDuration = optionalDuration(alert.for);
    const keep = optionalDuration(alert.keep_firing_for);
    const annotations = sortedMap(alert.annotations);
    return {
      alert: alert.alert,
      expr: normalizePromQL(String(alert.expr)),
      ...(forDuration ? { for: forDuration } : {}),
      ...(keep ? { keep_firing_for: keep } : {}),
      ...(labels ? { labels } : {}),
      ...(annotations ? { annotations } : {}),
    };
  });
  return out;
}

/**
 * Whether two rule groups mean the same: compared in {@link canonicalRuleGroup} form, so PromQL
 * formatting, key order, `for: 0s` vs no `for`, `60s` vs `1m` and empty maps make no difference.
 *
 * @example
 * sameRuleGroup({ name: 'g', rules: [{ record: 'r', expr: 'sum(x)' }] },
 *               { name: 'g', rules: [{ record: 'r', expr: 'sum( x )', labels: {} }] }) // → true
 */
export function sameRuleGroup(a: RuleGroupJson, b: RuleGroupJson): boolean {
  return JSON.stringify(canonicalRuleGroup(a)) === JSON.stringify(canonicalRuleGroup(b));
}
