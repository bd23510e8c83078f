import type { parser } from '@prometheus-io/lezer-promql';
import { promqlParser } from '../promql/grammars.js';
import type { VariableBuilder } from '../model/variables/variable-builder.js';
import { maskVariables, unquote, type MaskedText } from '../promql/variables.js';

/**
 * A PromQL label match operator.
 *
 * @example
 * withSelectors('up', { path: { op: '!~' satisfies MatchOperator, value: '/health.*' } }) // → 'up{path!~"/health.*"}'
 */
export type MatchOperator = '=' | '!=' | '=~' | '!~';

/**
 * What a label is matched against:
 * - a variable → `label=~"$name"` (a regex match, because multi-select and "All" produce regexes),
 * - a string → `label="value"` (an exact match),
 * - `{ op, value }` → any operator, the value a string or a variable.
 */
export type MatcherValue = VariableBuilder | string | { readonly op: MatchOperator; readonly value: string | VariableBuilder };

/**
 * Label matchers keyed by label name, in output order. `undefined` entries are skipped, so
 * optional variables (e.g. a `cluster` level that is off) can be passed as they are.
 *
 * @example
 * const matchers: Matchers = { job, instance, env: 'prod', code: { op: '=~', value: '5..' } };
 */
export type Matchers = Readonly<Record<string, MatcherValue | undefined>>;

/**
 * One label matcher, fully spelt out; a list of these may match one label several times.
 *
 * @example
 * selector([{ label: 'job', op: '=~', value: '$job' }, { label: 'job', op: '!=', value: 'test' }])
 * // → '{job=~"$job", job!="test"}'
 */
export interface LabelMatcher {
  readonly label: string;
  readonly op: MatchOperator;
  /** The value as written between the quotes, before escaping (e.g. `$job`, `5..`). */
  readonly value: string;
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Normalises matchers given as an object or a list into a list, in order. Throws for label
 * names PromQL cannot use unquoted.
 *
 * @example
 * labelMatchers({ job, env: 'prod' })
 * // → [{ label: 'job', op: '=~', value: '$job' }, { label: 'env', op: '=', value: 'prod' }]
 */
export function labelMatchers(matchers: Matchers | readonly LabelMatcher[]): LabelMatcher[] {
  const list: LabelMatcher[] = Array.isArray(matchers)
    ? (matchers as readonly LabelMatcher[]).map((m) => ({ ...m }))
    : Object.entries(matchers as Matchers).flatMap(([label, value]) => (value === undefined ? [] : [toMatcher(label, value)]));
  for (const m of list) {
    if (!LABEL_NAME.test(m.label)) throw new Error(`"${m.label}" is not a valid PromQL label name`);
  }
  return list;
}

function toMatcher(label: string, value: MatcherValue): LabelMatcher {
  if (typeof value === 'string') return { label, op: '=', value };
  if (isMatcherObject(value)) return { label, op: value.op, value: String(value.value) };
  return { label, op: '=~', value: String(value) };
}

function isMatcherObject(value: MatcherValue): value is { readonly op: MatchOperator; readonly value: string | VariableBuilder } {
  return typeof value === 'object' && 'op' in value && typeof (value as { op: unknown }).op === 'string';
}

/**
 * A PromQL (and LogQL) string literal: double-quoted, with backslashes, quotes and line
 * breaks escaped.
 *
 * @example
 * quoteLabelValue('say "hi"')  // → '"say \\"hi\\""'
 * quoteLabelValue('C:\\tmp')   // → '"C:\\\\tmp"'
 */
export function quoteLabelValue(value: string): string {
  const escaped = value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  return `"${escaped}"`;
}

/** `label="value", …` (values escaped), the inside of a selector's braces. */
export function renderMatchers(matchers: readonly LabelMatcher[]): string {
  return matchers.map((m) => `${m.label}${m.op}${quoteLabelValue(m.value)}`).join(', ');
}

/**
 * A label selector `{…}` from matchers, values escaped. Use it for stream selectors (LogQL),
 * `label_values()` queries, or to append to a metric name.
 *
 * @example
 * selector({ job, instance })                         // → '{job=~"$job", instance=~"$instance"}'
 * selector({ env: 'prod', path: { op: '!~', value: '/health.*' } })
 * // → '{env="prod", path!~"/health.*"}'
 * `up${selector({ job })}`                            // → 'up{job=~"$job"}'
 */
export function selector(matchers: Matchers | readonly LabelMatcher[]): string {
  return `{${renderMatchers(labelMatchers(matchers))}}`;
}

type SyntaxNode = ReturnType<typeof parser.parse>['topNode'];

/** Where one vector selector starts its matchers, and which labels it already matches. */
interface SelectorSite {
  /** Offset to insert at. */
  readonly at: number;
  /** True when the selector has no braces: the insertion must add them. */
  readonly bare: boolean;
  /** True when something other than `{` precedes the insertion inside braces (needs a comma). */
  readonly needsComma: boolean;
  /** True when a space must separate the insertion from a trailing comma. */
  readonly space?: boolean;
  readonly labels: ReadonlySet<string>;
}

function selectorSites(expr: string, masked: MaskedText): SelectorSite[] {
  const tree = promqlParser().parse(masked.text);
  const errors: number[] = [];
  const sites: SelectorSite[] = [];
  const inMask = (from: number, to: number) => masked.spans.some((s) => from < s.to && to > s.from);
  tree.iterate({
    enter(ref) {
      if (ref.type.isError) {
        errors.push(ref.from);
        return false;
      }
      if (ref.name !== 'VectorSelector') return undefined;
      const node: SyntaxNode = ref.node;
      const name = node.getChild('Identifier');
      const braces = node.getChild('LabelMatchers');
      if (!braces) {
        // A bare variable may be a number (`topk($k, …)`) as well as a metric: leave it alone.
        if (name && !inMask(name.from, name.to)) sites.push({ at: name.to, bare: true, needsComma: false, labels: new Set() });
        return false;
      }
      const labels = new Set<string>();
      let lastEnd = braces.from + 1;
      for (let child = braces.firstChild; child; child = child.nextSibling) {
        if (child.type.isError) errors.push(child.from);
        if (child.name === 'UnquotedLabelMatcher') {
          const label = child.getChild('LabelName');
          if (label) labels.add(expr.slice(label.from, label.to));
        } else if (child.name === 'QuotedLabelMatcher') {
          const label = child.getChild('QuotedLabelName')?.getChild('StringLiteral');
          if (label) labels.add(unquote(expr.slice(label.from, label.to)));
        } else if (child.name === 'QuotedLabelName') {
          labels.add('__name__');
        } else {
          continue;
        }
        lastEnd = child.to;
      }
      const closing = braces.to - 1;
      const between = expr.slice(lastEnd, closing);
      const hasMatchers = lastEnd > braces.from + 1;
      const trailingComma = hasMatchers && between.includes(',');
      // After a trailing comma the new matchers go before `}`, separated by a space.
      sites.push({
        at: trailingComma ? closing : lastEnd,
        bare: false,
        needsComma: hasMatchers && !trailingComma,
        space: trailingComma && !/\s$/.test(between),
        labels,
      });
      return false;
    },
  });
  if (errors.length > 0) {
    const at = errors[0]!;
    throw new Error(`not valid PromQL at offset ${at} ("${expr.slice(Math.max(0, at - 10), at)}⟨here⟩${expr.slice(at, at + 10)}"): ${expr}`);
  }
  return sites;
}

/**
 * Adds matchers to EVERY vector selector of a PromQL expression, so no query forgets
 * `job=~"$job"`. The expression is parsed (Grafana variables are masked first, strings are
 * never touched), and matchers are inserted after a selector's own matchers; a label the
 * selector already matches is left as written. Function names, `by`/`without` clauses,
 * keywords, numbers, ranges and `offset` are not selectors and stay as they are. Everything
 * else in the text, spacing included, is kept. Throws on invalid PromQL.
 *
 * A bare variable (`$metric` without braces) is not extended: it may as well be a number.
 *
 * @example
 * withSelectors(
 *   'sum(rate(http_requests_total{code=~"5.."}[$__rate_interval])) / sum(rate(http_requests_total[$__rate_interval]))',
 *   { job, instance },
 * )
 * // → 'sum(rate(http_requests_total{code=~"5..", job=~"$job", instance=~"$instance"}[$__rate_interval]))
 * //    / sum(rate(http_requests_total{job=~"$job", instance=~"$instance"}[$__rate_interval]))'
 */
export function withSelectors(expr: string, matchers: Matchers | readonly LabelMatcher[]): string {
  const list = labelMatchers(matchers);
  if (list.length === 0) return expr;
  const sites = selectorSites(expr, maskVariables(expr));
  let out = '';
  let cursor = 0;
  for (const site of [...sites].sort((a, b) => a.at - b.at)) {
    const missing = list.filter((m) => !site.labels.has(m.label));
    if (missing.length === 0) continue;
    const text = renderMatchers(missing);
    out += expr.slice(cursor, site.at) + (site.bare ? `{${text}}` : site.needsComma ? `, ${text}` : site.space ? ` ${text}` : text);
    cursor = site.at;
  }
  return out + expr.slice(cursor);
}
