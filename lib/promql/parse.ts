import type { parser } from '@prometheus-io/lezer-promql';
import { promqlParser } from './grammars.js';
import { maskVariables, unquote, type MaskedText } from './variables.js';
import { firstErrorAt } from './grammar-mask.js';

/** A node of the lezer-promql syntax tree. */
export type PromQLNode = ReturnType<typeof parser.parse>['topNode'];

/** Where a query stops being valid PromQL. */
export interface PromQLSyntaxError {
  /** 0-based offset in the ORIGINAL expression (variables included). */
  readonly offset: number;
  /** `unexpected "…"` or `unexpected end of query`. */
  readonly message: string;
  /** The text around the offset with a `⟨here⟩` marker, for messages. */
  readonly snippet: string;
}

/** A parsed PromQL expression. */
export interface ParsedPromQL {
  /** The expression as written. */
  readonly expr: string;
  readonly masked: MaskedText;
  readonly tree: ReturnType<typeof parser.parse>;
  /** The first syntax error, or undefined when the expression parses. */
  readonly error: PromQLSyntaxError | undefined;
}

/**
 * Parses PromQL that may contain Grafana variables (masked first by same-length placeholders,
 * so offsets refer to the original text) and finds the first syntax error.
 *
 * @example
 * parsePromQL('sum(rate(x{job=~"$job"}[$__rate_interval]))').error // → undefined
 * parsePromQL('sum(rate(x[5m])').error
 * // → { offset: 15, message: 'unexpected end of query (1 unclosed "(")', snippet: 'sum(rate(x[5m])⟨here⟩' }
 */
export function parsePromQL(expr: string): ParsedPromQL {
  const masked = maskVariables(expr);
  const tree = promqlParser().parse(masked.text);
  const first = firstErrorAt(tree);
  return { expr, masked, tree, error: first === undefined ? undefined : syntaxError(expr, masked.text, first) };
}

/**
 * Describes the syntax error a parser found at `offset` of the masked text (PromQL, LogQL or
 * TraceQL): `unexpected end of query (1 unclosed "(")` at the end, else `unexpected "<token>"`.
 */
export function syntaxError(expr: string, masked: string, offset: number): PromQLSyntaxError {
  const snippet = snippetAt(expr, offset);
  if (expr.trim() === '') return { offset: 0, message: 'empty query', snippet };
  if (offset >= masked.trimEnd().length) {
    const open = unclosed(masked);
    const hint = open ? ` (${open})` : '';
    return { offset: Math.min(offset, expr.length), message: `unexpected end of query${hint}`, snippet };
  }
  const token = /^(?:[A-Za-z_:][\w:]*|\d[\w.]*|"(?:[^"\\]|\\.)*"?|\S)/.exec(expr.slice(offset))?.[0] ?? expr[offset]!;
  return { offset, message: `unexpected ${JSON.stringify(token.length > 20 ? `${token.slice(0, 20)}…` : token)}`, snippet };
}

/** `expr` around `offset` with a `⟨here⟩` marker; at most 20 characters each side. */
export function snippetAt(expr: string, offset: number): string {
  const start = Math.max(0, offset - 20);
  const end = Math.min(expr.length, offset + 20);
  const flat = (s: string) => s.replace(/\s+/g, ' ');
  return `${start > 0 ? '…' : ''}${flat(expr.slice(start, offset))}⟨here⟩${flat(expr.slice(offset, end))}${end < expr.length ? '…' : ''}`;
}

/** Describes brackets left open at the end of `text` (strings skipped), e.g. `1 unclosed "("`. */
function unclosed(text: string): string | undefined {
  const stack: string[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"' || ch === "'" || ch === '`') {
      const close = text.indexOf(ch, i + 1);
      if (close === -1) return `unclosed ${ch}`;
      i = close;
      continue;
    }
    if (ch === '(' || ch === '[' || ch === '{') stack.push(ch);
    else if (pairs[ch] && stack[stack.length - 1] === pairs[ch]) stack.pop();
  }
  if (stack.length === 0) return undefined;
  const last = stack[stack.length - 1]!;
  const count = stack.filter((c) => c === last).length;
  return `${count} unclosed "${last}"`;
}

/** One label matcher of a vector selector, as written. */
export interface SelectorMatcher {
  readonly label: string;
  readonly op: '=' | '!=' | '=~' | '!~';
  /** The unquoted value (variables left as written: `$job`). */
  readonly value: string;
}

/** A vector selector (`metric{…}`) of a parsed expression. */
export interface VectorSelectorInfo {
  readonly node: PromQLNode;
  /** The metric name as written; undefined for `{__name__=…}` or a name made of a variable. */
  readonly metric: string | undefined;
  /** True when the name is (or contains) a Grafana variable. */
  readonly metricIsVariable: boolean;
  readonly matchers: readonly SelectorMatcher[];
  readonly from: number;
  readonly to: number;
}

/**
 * Every vector selector of a parsed expression, in text order. Placeholders of masked variables
 * that parse as a bare selector (`topk($k, …)`, `x > $threshold`) are not selectors and are left out.
 */
export function vectorSelectors(parsed: ParsedPromQL): VectorSelectorInfo[] {
  let found = selectorCache.get(parsed);
  if (!found) {
    found = findVectorSelectors(parsed);
    selectorCache.set(parsed, found);
  }
  return found;
}

const selectorCache = new WeakMap<ParsedPromQL, VectorSelectorInfo[]>();

function findVectorSelectors(parsed: ParsedPromQL): VectorSelectorInfo[] {
  const { expr, masked } = parsed;
  const inMask = (from: number, to: number) => masked.spans.some((s) => from < s.to && to > s.from);
  const out: VectorSelectorInfo[] = [];
  parsed.tree.iterate({
    enter(ref) {
      if (ref.name !== 'VectorSelector') return undefined;
      const node: PromQLNode = ref.node;
      const name = node.getChild('Identifier');
      const braces = node.getChild('LabelMatchers');
      const metricIsVariable = name ? inMask(name.from, name.to) : false;
      if (!braces && (!name || (metricIsVariable && masked.spans.some((s) => s.from === name.from && s.to === name.to)))) {
        return false; // a lone variable: a number or a metric, unknown
      }
      const matchers: SelectorMatcher[] = [];
      let metric = name && !metricIsVariable ? expr.slice(name.from, name.to) : undefined;
      for (let child = braces?.firstChild ?? null; child; child = child.nextSibling) {
        if (child.name === 'UnquotedLabelMatcher' || child.name === 'QuotedLabelMatcher') {
          const labelNode = child.name === 'UnquotedLabelMatcher' ? child.getChild('LabelName') : child.getChild('QuotedLabelName')?.getChild('StringLiteral');
          const op = child.getChild('MatchOp');
          const value = child.getChild('StringLiteral');
          if (!labelNode || !op || !value) continue;
          const rawLabel = expr.slice(labelNode.from, labelNode.to);
          matchers.push({
            label: child.name === 'UnquotedLabelMatcher' ? rawLabel : unquote(rawLabel),
            op: expr.slice(op.from, op.to) as SelectorMatcher['op'],
            value: unquote(expr.slice(value.from, value.to)),
          });
        } else if (child.name === 'QuotedLabelName') {
          const literal = child.getChild('StringLiteral');
          if (literal) metric = unquote(expr.slice(literal.from, literal.to));
        }
      }
      const nameMatcher = matchers.find((m) => m.label === '__name__' && m.op === '=');
      if (metric === undefined && nameMatcher) metric = nameMatcher.value;
      out.push({ node, metric, metricIsVariable, matchers, from: node.from, to: node.to });
      return false;
    },
  });
  return out;
}

/**
 * The function a range (matrix selector or subquery) is an argument of, looking through `offset`,
 * `@` and parentheses: `rate` for `rate(x[5m] offset 1h)`; undefined when it is not a function argument.
 */
export function enclosingFunction(node: PromQLNode, expr: string): { name: string; node: PromQLNode } | undefined {
  let current: PromQLNode | null = node.parent;
  while (current && (current.name === 'OffsetExpr' || current.name === 'StepInvariantExpr' || current.name === 'ParenExpr')) {
    current = current.parent;
  }
  if (current?.name !== 'FunctionCallBody') return undefined;
  const call = current.parent;
  if (call?.name !== 'FunctionCall') return undefined;
  const id = call.getChild('FunctionIdentifier');
  return id ? { name: expr.slice(id.from, id.to), node: call } : undefined;
}

/**
 * The aggregation or function a node sits in (directly, through parentheses), e.g. `count` for
 * `count(x)`; undefined at the top level or as an operand of a binary operator.
 */
export function enclosingAggregateOrFunction(node: PromQLNode, expr: string): string | undefined {
  let current: PromQLNode | null = node.parent;
  while (current && current.name === 'ParenExpr') current = current.parent;
  if (current?.name !== 'FunctionCallBody') return undefined;
  const owner = current.parent;
  if (owner?.name === 'FunctionCall') {
    const id = owner.getChild('FunctionIdentifier');
    return id ? expr.slice(id.from, id.to) : undefined;
  }
  if (owner?.name === 'AggregateExpr') {
    const op = owner.getChild('AggregateOp');
    return op ? expr.slice(op.from, op.to) : undefined;
  }
  return undefined;
}
