import { createRequire } from 'node:module';

// The lezer grammars (PromQL, LogQL, TraceQL and the @lezer runtime under them) are a third of
// what `import('grafts')` would otherwise load, yet only selector helpers, checks and lint call
// them. Their public functions are synchronous, so the grammars are loaded with require() on
// first use. Every grafts module gets its parser here, so only one copy of @lezer/* (the
// CommonJS build) is ever loaded: trees and node types from different copies never meet.
const load = createRequire(import.meta.url);

/** A lezer LR parser (the three grammars share the @lezer/lr runtime). */
type LRParser = (typeof import('@prometheus-io/lezer-promql'))['parser'];

let promql: LRParser | undefined;
let logql: LRParser | undefined;
let traceql: LRParser | undefined;

/**
 * The `@prometheus-io/lezer-promql` parser, loaded on first call.
 *
 * @example
 * promqlParser().parse('up{job="api"}').topNode.name // → 'PromQL'
 */
export function promqlParser(): LRParser {
  promql ??= (load('@prometheus-io/lezer-promql') as typeof import('@prometheus-io/lezer-promql')).parser;
  return promql;
}

/**
 * The `@grafana/lezer-logql` parser, loaded on first call.
 *
 * @example
 * logqlParser().parse('{app="api"} |= "error"').topNode.name // → 'LogQL'
 */
export function logqlParser(): LRParser {
  logql ??= (load('@grafana/lezer-logql') as typeof import('@grafana/lezer-logql')).parser;
  return logql;
}

/**
 * The `@grafana/lezer-traceql` parser, loaded on first call.
 *
 * @example
 * traceqlParser().parse('{ status = error }').topNode.name // → 'TraceQL'
 */
export function traceqlParser(): LRParser {
  traceql ??= (load('@grafana/lezer-traceql') as typeof import('@grafana/lezer-traceql')).parser;
  return traceql;
}
