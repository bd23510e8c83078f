import type { parser } from '@grafana/lezer-logql';
import { logqlParser } from '../promql/grammars.js';
import { parseWithGrammar } from '../promql/grammar-mask.js';
import { snippetAt, syntaxError, type PromQLSyntaxError } from '../promql/parse.js';
import { unquote, type MaskedText } from '../promql/variables.js';

/** A LogQL or TraceQL query parsed with Grafana's grammar. */
export interface ParsedQuery {
  /** The query as written. */
  readonly expr: string;
  readonly masked: MaskedText;
  readonly tree: ReturnType<typeof parser.parse>;
  /** The first problem, or undefined when the query is valid. Offsets refer to `expr`. */
  readonly error: PromQLSyntaxError | undefined;
}

/**
 * Parses LogQL with `@grafana/lezer-logql` (the grammar of Grafana's own Loki query editor),
 * Grafana variables (`$__auto`, `$__interval`, `${var}`, `$var`) masked first so that offsets
 * refer to the original text. Beyond the grammar, it checks what Loki refuses before running a
 * query: every stream selector needs a matcher that cannot match an empty value.
 *
 * @example
 * parseLogQL('sum by (level) (count_over_time({job="api"} | json [$__auto]))').error // → undefined
 * parseLogQL('rate({job="a"})').error
 * // → { offset: 14, message: 'unexpected ")"', snippet: 'rate({job="a"}⟨here⟩)' }
 */
export function parseLogQL(expr: string): ParsedQuery {
  const { masked, tree, errorAt } = parseWithGrammar(expr, (text) => logqlParser().parse(text));
  let error =
    expr.trim() === '' ? { offset: 0, message: 'empty query', snippet: '' } : errorAt === undefined ? undefined : syntaxError(expr, masked.text, errorAt);
  if (!error) {
    const at = emptyCompatibleSelector({ expr, masked, tree });
    if (at !== undefined) {
      error = {
        offset: at,
        message: 'stream selector needs a matcher that cannot match an empty value, e.g. job="api" or job=~".+" (Loki refuses the query)',
        snippet: snippetAt(expr, at),
      };
    }
  }
  return { expr, masked, tree, error };
}

/** Offset of the first stream selector whose matchers could all match an empty label value. */
function emptyCompatibleSelector(parsed: Omit<ParsedQuery, 'error'>): number | undefined {
  let found: number | undefined;
  parsed.tree.iterate({
    enter(ref) {
      if (found !== undefined) return false;
      if (ref.name !== 'Selector') return undefined;
      const matchers: { op: string; value: string }[] = [];
      ref.node.cursor().iterate((m) => {
        if (m.name !== 'Matcher') return undefined;
        const op = m.node.firstChild?.nextSibling;
        const value = m.node.lastChild;
        if (op && value?.name === 'String') matchers.push({ op: op.name, value: unquote(parsed.expr.slice(value.from, value.to)) });
        return false;
      });
      if (!matchers.some(cannotMatchEmpty)) found = ref.from;
      return false;
    },
  });
  return found;
}

/** Whether a matcher rules out the empty value (unknowable ones, with variables or RE2-only syntax, count as yes). */
function cannotMatchEmpty({ op, value }: { op: string; value: string }): boolean {
  if (/\$\{|\$\w|\[\[/.test(value)) return true;
  if (op === 'Eq') return value !== '';
  if (op !== 'Re') return false;
  try {
    return !new RegExp(`^(?:${value})$`).test('');
  } catch {
    return true;
  }
}
