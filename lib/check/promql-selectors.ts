import { promqlParser } from '../promql/grammars.js';
import type { LabelMatcher, MatchOperator } from '../style/selector.js';

/** One vector selector of a PromQL expression. */
export interface VectorSelectorInfo {
  /** The selector as written (`http_requests_total{job="api"}`), without range, offset or `@`. */
  text: string;
  /** The metric name, from the identifier or a `__name__="…"` matcher. */
  metric?: string;
  /** Every matcher except the one giving the metric name, values unquoted. */
  matchers: LabelMatcher[];
}

/**
 * Parses a PromQL string literal (double or single quotes with Go escapes, or back-ticks).
 *
 * @example
 * unquotePromQL('"a\\\\.b"') // → 'a\\.b'
 */
export function unquotePromQL(literal: string): string {
  const quote = literal[0];
  const body = literal.slice(1, -1);
  if (quote === '`') return body;
  return body.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|x[0-9a-fA-F]{2}|[0-7]{3}|.)/gs, (_, esc: string) => {
    switch (esc[0]) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case 'a':
        return '\x07';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'v':
        return '\v';
      case 'u':
      case 'U':
        return String.fromCodePoint(parseInt(esc.slice(1), 16));
      case 'x':
        return String.fromCharCode(parseInt(esc.slice(1), 16));
      default:
        return /^[0-7]{3}$/.test(esc) ? String.fromCharCode(parseInt(esc, 8)) : esc;
    }
  });
}

const OPS: Readonly<Record<string, MatchOperator>> = { EqlSingle: '=', Neq: '!=', EqlRegex: '=~', NeqRegex: '!~' };

/**
 * The vector selectors of a PromQL expression (variables already interpolated), in order.
 * Returns undefined when the expression does not parse.
 *
 * @example
 * vectorSelectors('sum(rate(http_requests_total{job="api", code=~"5.."}[1m]))')
 * // → [{ text: 'http_requests_total{job="api", code=~"5.."}', metric: 'http_requests_total',
 * //      matchers: [{ label: 'job', op: '=', value: 'api' }, { label: 'code', op: '=~', value: '5..' }] }]
 */
export function vectorSelectors(expr: string): VectorSelectorInfo[] | undefined {
  const tree = promqlParser().parse(expr);
  let broken = false;
  const found: VectorSelectorInfo[] = [];
  tree.iterate({
    enter(ref) {
      if (ref.type.isError) {
        broken = true;
        return false;
      }
      if (ref.name !== 'VectorSelector') return undefined;
      const node = ref.node;
      const identifier = node.getChild('Identifier');
      let metric = identifier ? expr.slice(identifier.from, identifier.to) : undefined;
      const matchers: LabelMatcher[] = [];
      const braces = node.getChild('LabelMatchers');
      for (let child = braces?.firstChild; child; child = child.nextSibling) {
        if (child.type.isError) broken = true;
        let label: string | undefined;
        if (child.name === 'UnquotedLabelMatcher') {
          const name = child.getChild('LabelName');
          if (name) label = expr.slice(name.from, name.to);
        } else if (child.name === 'QuotedLabelMatcher') {
          const name = child.getChild('QuotedLabelName')?.getChild('StringLiteral');
          if (name) label = unquotePromQL(expr.slice(name.from, name.to));
        } else if (child.name === 'QuotedLabelName') {
          const name = child.getChild('StringLiteral');
          if (name) metric = unquotePromQL(expr.slice(name.from, name.to));
          continue;
        } else {
          continue;
        }
        const opNode = child.getChild('MatchOp')?.firstChild;
        const value = child.getChild('StringLiteral');
        const op = opNode ? OPS[opNode.name] : undefined;
        if (label === undefined || !op || !value) continue;
        const text = unquotePromQL(expr.slice(value.from, value.to));
        if (label === '__name__' && op === '=' && metric === undefined) metric = text;
        else matchers.push({ label, op, value: text });
      }
      found.push({ text: expr.slice(node.from, node.to), ...(metric !== undefined && { metric }), matchers });
      return false;
    },
  });
  return broken ? undefined : found;
}
