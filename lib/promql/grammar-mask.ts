import type { Tree } from '@lezer/common';
import { maskVariables, placeholder, type MaskedText, type PlaceholderKind } from './variables.js';

/** A query parsed by a lezer grammar after its Grafana variables were masked. */
export interface GrammarParse {
  readonly masked: MaskedText;
  readonly tree: Tree;
  /** Offset of the first syntax error in the masked (and so in the original) text, if any. */
  readonly errorAt: number | undefined;
}

const KINDS: readonly PlaceholderKind[] = ['identifier', 'number', 'duration', 'string'];

/** Offset of the first error node of a lezer tree. */
export function firstErrorAt(tree: Tree): number | undefined {
  let first: number | undefined;
  tree.iterate({
    enter(ref) {
      if (first !== undefined) return false;
      if (ref.type.isError) {
        first = ref.from;
        return false;
      }
      return undefined;
    },
  });
  return first;
}

/**
 * Parses a query in a language whose variables Grafana interpolates before sending it (LogQL,
 * TraceQL): each variable outside strings is replaced by a same-length placeholder (so offsets
 * stay those of the original text), and where the first guess (a duration after `[` or
 * `offset`, a number after `@`, an identifier elsewhere) makes the grammar fail at or after the
 * variable, the other kinds (identifier, number, duration, quoted string) are tried and the one
 * that parses furthest kept. A variable therefore never causes an error the query would not
 * have once Grafana substituted a sensible value; an error before it is the query's own.
 *
 * @example
 * const { errorAt } = parseWithGrammar('sum(rate({job="a"}[$__auto])) > $threshold', (t) => logqlParser.parse(t));
 * errorAt // → undefined ($__auto masked as a duration, $threshold as a number)
 */
export function parseWithGrammar(expr: string, parse: (text: string) => Tree): GrammarParse {
  const guessed = maskVariables(expr);
  let text = guessed.text;
  let tree = parse(text);
  let errorAt = firstErrorAt(tree);
  for (const span of guessed.spans) {
    if (errorAt === undefined || errorAt < span.from) break;
    const length = span.to - span.from;
    for (const kind of KINDS) {
      const candidate = text.slice(0, span.from) + placeholder(length, kind) + text.slice(span.to);
      if (candidate === text) continue;
      const candidateTree = parse(candidate);
      const candidateError = firstErrorAt(candidateTree);
      if (candidateError === undefined || candidateError > errorAt) {
        text = candidate;
        tree = candidateTree;
        errorAt = candidateError;
        if (errorAt === undefined) break;
      }
    }
  }
  return { masked: { text, spans: guessed.spans }, tree, errorAt };
}
