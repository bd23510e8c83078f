import { snippetAt } from '../../promql/parse.js';
import { maskVariables, stringEnd } from '../../promql/variables.js';
import type { LintRule, RuleFinding } from '../types.js';

/** A structural LogQL problem, located in the original query. */
export interface LogQLProblem {
  offset: number;
  message: string;
}

const MATCHER = String.raw`[A-Za-z_][\w.]*\s*(?:=~|!~|!=|=)\s*(?:"(?:[^"\\]|\\.)*"|\x60[^\x60]*\x60)`;
const MATCHER_LIST = new RegExp(String.raw`^\s*${MATCHER}(?:\s*,\s*${MATCHER})*\s*,?\s*$`);

/**
 * A structural LogQL check (there is no LogQL parser for JavaScript): strings closed, brackets
 * balanced and matched, at least one stream selector, and every `{…}` outside strings a non-empty
 * list of `label op "value"` matchers. Grafana variables are masked first, so offsets refer to
 * the original text. Returns the first problem, or undefined.
 *
 * @example
 * checkLogQL('{job="app"} |= "error"')   // → undefined
 * checkLogQL('rate({job="app"}[5m]')     // → { offset: 20, message: 'unexpected end of query (unclosed "(")' }
 */
export function checkLogQL(expr: string): LogQLProblem | undefined {
  const text = maskVariables(expr).text;
  const stack: { ch: string; at: number }[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  let selectors = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"' || ch === '`') {
      const end = stringEnd(text, i);
      if (end === text.length && (text[end - 1] !== ch || end - 1 === i)) return { offset: i, message: `unclosed string ${ch}` };
      i = end - 1;
      continue;
    }
    if (ch === '#') {
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? text.length : nl;
      continue;
    }
    if (ch === '(' || ch === '[' || ch === '{') {
      stack.push({ ch, at: i });
      continue;
    }
    const open = pairs[ch];
    if (open !== undefined) {
      const top = stack.pop();
      if (!top || top.ch !== open) return { offset: i, message: `unexpected "${ch}"${top ? ` (closes "${top.ch}" at offset ${top.at})` : ''}` };
      if (ch === '}') {
        const body = text.slice(top.at + 1, i);
        if (!MATCHER_LIST.test(body)) {
          return { offset: top.at, message: body.trim() === '' ? 'empty stream selector {}: add label="value"' : 'invalid stream selector: expected label="value" matchers' };
        }
        selectors++;
      }
    }
  }
  if (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    return { offset: expr.length, message: `unexpected end of query (unclosed "${top.ch}" at offset ${top.at})` };
  }
  if (selectors === 0) return { offset: 0, message: 'no stream selector: a LogQL query starts from {label="value"}' };
  return undefined;
}

/** `logql-syntax`: Loki queries are structurally valid. */
export const logqlSyntax: LintRule = {
  id: 'logql-syntax',
  severity: 'error',
  description: 'every LogQL query has a stream selector {label="value"}, closed strings and balanced brackets (a structural check, not a full parse)',
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const d of ctx.dashboards) {
      for (const panel of d.panels) {
        for (const target of panel.targets) {
          if (target.language !== 'logql' || target.expr === undefined) continue;
          const problem = checkLogQL(target.expr);
          if (!problem) continue;
          findings.push({
            source: d.source,
            location: { ...d.location(panel, target), offset: problem.offset },
            message: `invalid LogQL at offset ${problem.offset}: ${problem.message}: ${snippetAt(target.expr, problem.offset)}`,
          });
        }
      }
    }
    return findings;
  },
};
