import { parsePromQL } from '../../promql/parse.js';
import { templateChunk } from '../dashboard/ts-literal.js';

/** A label matcher as written in an expression, and where. */
export interface MatcherSpan {
  /** The matcher's exact text, e.g. `job="node"`. */
  readonly text: string;
  readonly from: number;
  readonly to: number;
}

/** A matcher repeated across a set of expressions, worth a config key. */
export interface RepeatedSelector {
  /** The matcher's exact text (the config default), e.g. `job="node"`. */
  readonly text: string;
  /** Vector selectors holding it. */
  readonly count: number;
  /** Vector selectors with at least one matcher. */
  readonly of: number;
}

const MATCHER_TEXT = /^[A-Za-z_][A-Za-z0-9_]*\s*(?:=~|!~|!=|=)\s*(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`)$/s;

/**
 * The label matchers of a PromQL expression with their exact text and offsets, found with the
 * lezer-promql parser (Grafana variables masked). Also works inside Grafana's `label_values(…)`
 * variable queries, which are not PromQL: matchers are taken from the parser's recovered tree and
 * kept only when their text is a well-formed matcher.
 *
 * @example
 * matcherSpans('rate(x{job="node", mode!="idle"}[5m])').map((m) => m.text) // → ['job="node"', 'mode!="idle"']
 */
export function matcherSpans(expr: string): MatcherSpan[] {
  const parsed = parsePromQL(expr);
  const inMask = (from: number, to: number) => parsed.masked.spans.some((s) => from < s.to && to > s.from);
  const out: MatcherSpan[] = [];
  parsed.tree.iterate({
    enter(ref) {
      if (ref.name !== 'UnquotedLabelMatcher') return undefined;
      const text = expr.slice(ref.from, ref.to);
      if (MATCHER_TEXT.test(text) && !inMask(ref.from, ref.to)) out.push({ text, from: ref.from, to: ref.to });
      return false;
    },
  });
  return out;
}

/**
 * The matcher most vector selectors of `exprs` share, when it is a constant (no Grafana variable:
 * `job=~"$job"` is the dashboard's own variable, not config) and more than half of the selectors
 * with matchers hold it (and at least three). Undefined otherwise.
 *
 * @example
 * findRepeatedSelector(['up{job="node"}', 'rate(x{job="node",mode="idle"}[5m])', 'z{job="node"}', 'y{job="other"}'])
 * // → { text: 'job="node"', count: 3, of: 4 }
 */
export function findRepeatedSelector(exprs: Iterable<string>): RepeatedSelector | undefined {
  const counts = new Map<string, number>();
  let selectors = 0;
  for (const expr of exprs) {
    // Matchers grouped by their selector: the `{…}` they sit in (the matchers of one pair of braces are adjacent).
    const spans = matcherSpans(expr);
    const groups = groupBySelector(expr, spans);
    selectors += groups.length;
    for (const group of groups) {
      for (const text of new Set(group.map((s) => s.text))) counts.set(text, (counts.get(text) ?? 0) + 1);
    }
  }
  let best: [string, number] | undefined;
  for (const [text, count] of counts) {
    if (text.includes('$') || text.includes('[[')) continue;
    if (!best || count > best[1] || (count === best[1] && text < best[0])) best = [text, count];
  }
  // A strict majority, and at least three: two rules sharing `operation="read"` are not a selector.
  if (!best || best[1] < 3 || best[1] * 2 <= selectors) return undefined;
  return { text: best[0], count: best[1], of: selectors };
}

/**
 * TS source for `expr` with every occurrence of the matcher `lifted` replaced by `${code}` (a
 * template literal equal to `expr` when the config holds the default), or undefined when the
 * expression does not hold it.
 *
 * @example
 * liftSelector('up{job="node"} == 0', 'job="node"', 'c.selector') // → '`up{${c.selector}} == 0`'
 */
export function liftSelector(expr: string, lifted: string, code: string): string | undefined {
  const spans = matcherSpans(expr).filter((s) => s.text === lifted);
  if (spans.length === 0) return undefined;
  let out = '`';
  let last = 0;
  for (const span of spans) {
    out += templateChunk(expr.slice(last, span.from));
    out += `\${${code}}`;
    last = span.to;
  }
  out += templateChunk(expr.slice(last));
  // One line ending in a line break (a YAML `|` block) reads better with the break escaped.
  if (expr.indexOf('\n') === expr.length - 1) out = `${out.slice(0, -1)}\\n`;
  return `${out}\``;
}

function groupBySelector(expr: string, spans: readonly MatcherSpan[]): MatcherSpan[][] {
  const groups: MatcherSpan[][] = [];
  for (const span of spans) {
    const current = groups[groups.length - 1];
    const previous = current?.[current.length - 1];
    // Adjacent matchers of one selector are separated by a comma (and whitespace) only.
    if (current && previous && /^\s*,\s*$/.test(expr.slice(previous.to, span.from))) current.push(span);
    else groups.push([span]);
  }
  return groups;
}
