// `dash lint` checks the LogQL and TraceQL of the correlated RED row with Grafana's grammars
// (@grafana/lezer-logql, @grafana/lezer-traceql): the row as built lints clean, and breaking any
// one of its Loki or Tempo queries (the Logs panel, the LogQL rate/errors/latency of a logs-only
// row, the "Slow and failed traces" TraceQL table) makes lint name that panel and that query.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dashboard, datasourceVariable, red, standardVariables } from '../../lib/index.js';
import { findingsOf, lint } from './fixtures.js';

type Json = Record<string, any>;

const lokiDs = datasourceVariable('logs', 'loki');
const tempoDs = datasourceVariable('traces', 'tempo');

function correlatedDashboard(): Json {
  const vars = standardVariables();
  return dashboard('Checkout')
    .uid('checkout')
    .variable(...vars.all, lokiDs, tempoDs)
    .row(
      // with metrics: Prometheus RED panels, the Logs panel and the TraceQL table
      red.row({
        service: 'checkout',
        variables: vars,
        traces: { datasource: tempoDs, kind: 'tempo' },
        logs: { datasource: lokiDs, streamSelector: { app: 'checkout' } },
      }),
      // logs only: rate, errors and latency in LogQL too
      red.row({
        service: 'cart',
        traces: { datasource: tempoDs, kind: 'tempo' },
        logs: { datasource: lokiDs, streamSelector: { app: 'cart' }, parser: 'json' },
      }),
    )
    .build() as Json;
}

interface GrammarTarget {
  panel: string;
  panelIndex: number;
  targetIndex: number;
  refId: string;
  language: 'LogQL' | 'TraceQL';
  expr: string;
}

function panelsOf(json: Json): Json[] {
  return (json.panels as Json[]).flatMap((p) => [p, ...((p.panels as Json[] | undefined) ?? [])]);
}

/** Every Loki and Tempo query of the dashboard, by the data source of its panel or its own. */
function grammarTargets(json: Json): GrammarTarget[] {
  return panelsOf(json).flatMap((p, panelIndex) =>
    ((p.targets as Json[] | undefined) ?? []).flatMap((t, targetIndex) => {
      const type = t.datasource?.type ?? p.datasource?.type;
      if ((type !== 'loki' && type !== 'tempo') || typeof (t.expr ?? t.query) !== 'string') return [];
      return [{ panel: p.title, panelIndex, targetIndex, refId: t.refId, language: type === 'loki' ? 'LogQL' : 'TraceQL', expr: t.expr ?? t.query }];
    }),
  );
}

/** Offsets outside string literals (breaking a query inside a quoted value would not break it). */
function offsetsOutsideStrings(expr: string): number[] {
  const out: number[] = [];
  let quote: string | undefined;
  for (let i = 0; i <= expr.length; i++) {
    if (quote === undefined) out.push(i);
    const c = expr[i];
    if (quote !== undefined && c === '\\') i++;
    else if (quote !== undefined && c === quote) quote = undefined;
    else if (quote === undefined && (c === '"' || c === '`')) quote = c;
  }
  return out;
}

describe('lint: LogQL and TraceQL of the correlated RED row', () => {
  const json = correlatedDashboard();
  const targets = grammarTargets(json);

  it('covers the Logs panels, the logs-only LogQL panels and the TraceQL tables, and they lint clean', () => {
    // GIVEN the correlated rows THEN their Loki and Tempo queries are the ones expected
    const panels = new Set(targets.map((t) => `${t.language} ${t.panel}`));
    expect([...panels]).toEqual(
      expect.arrayContaining(['LogQL Logs', 'TraceQL Slow and failed traces', 'LogQL Request rate', 'LogQL Error ratio', 'LogQL Latency']),
    );
    // WHEN linted THEN no grammar finding
    expect(findingsOf(lint([json]), 'logql-syntax')).toEqual([]);
  });

  it('breaking any one of those queries makes lint name its panel, its query and the offset', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: targets.length - 1 }).chain((i) => {
          const offsets = offsetsOutsideStrings(targets[i]!.expr);
          return fc.tuple(fc.constant(i), fc.constantFrom(...offsets), fc.constantFrom('{', '}', '(', ')'));
        }),
        ([i, offset, junk]) => {
          // GIVEN one query with an unbalanced bracket inserted outside its string literals (always a syntax error)
          const target = targets[i]!;
          const broken = structuredClone(json);
          const t = panelsOf(broken)[target.panelIndex]!.targets[target.targetIndex];
          const key = t.expr !== undefined ? 'expr' : 'query';
          t[key] = `${target.expr.slice(0, offset)}${junk}${target.expr.slice(offset)}`;
          // WHEN linted
          const findings = findingsOf(lint([broken]), 'logql-syntax');
          // THEN exactly that query is reported, naming the panel and the query, in its language
          expect(findings.map((f) => ({ panel: f.location.panel, target: f.location.target }))).toEqual([{ panel: target.panel, target: target.refId }]);
          expect(findings[0]!.message).toMatch(new RegExp(`^invalid ${target.language} at offset \\d+: `));
          expect(findings[0]!.severity).toBe('error');
        },
      ),
      { numRuns: 150 },
    );
  });
});
