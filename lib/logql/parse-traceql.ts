import { traceqlParser } from '../promql/grammars.js';
import { parseWithGrammar } from '../promql/grammar-mask.js';
import { syntaxError } from '../promql/parse.js';
import type { ParsedQuery } from './parse-logql.js';

/**
 * Parses TraceQL with `@grafana/lezer-traceql` (the grammar of Grafana's Tempo query editor),
 * Grafana variables masked first so that offsets refer to the original text.
 *
 * @example
 * parseTraceQL('{ resource.service.name = "$service" && status = error } | rate()').error // → undefined
 * parseTraceQL('{ span.http.status_code = }').error?.message // → 'unexpected "}"'
 */
export function parseTraceQL(expr: string): ParsedQuery {
  const { masked, tree, errorAt } = parseWithGrammar(expr, (text) => traceqlParser().parse(text));
  const error =
    expr.trim() === '' ? { offset: 0, message: 'empty query', snippet: '' } : errorAt === undefined ? undefined : syntaxError(expr, masked.text, errorAt);
  return { expr, masked, tree, error };
}
