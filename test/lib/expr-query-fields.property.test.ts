// Prometheus and Loki queries share one field renderer (ExprQueryBuilder): whatever setters are
// called, in whatever order, the target lists exactly the fields set, in Grafana's order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loki, prometheus } from '../../lib/index.js';

type Setter<Q> = [field: string, apply: (query: Q) => Q];

function arbitrarySetters<Q>(setters: readonly Setter<Q>[]) {
  return fc.uniqueArray(fc.constantFrom(...setters), { selector: ([field]) => field });
}

const PROMETHEUS_ORDER = ['refId', 'expr', 'legendFormat', 'instant', 'range', 'format', 'interval', 'intervalFactor', 'exemplar', 'editorMode'];
const PROMETHEUS_SETTERS: Setter<ReturnType<typeof prometheus>>[] = [
  ['legendFormat', (q) => q.legend('{{job}}')],
  ['instant', (q) => q.instant()],
  ['format', (q) => q.format('table')],
  ['interval', (q) => q.minInterval('1m')],
  ['intervalFactor', (q) => q.intervalFactor(2)],
  ['exemplar', (q) => q.exemplar()],
  ['editorMode', (q) => q.editorMode('code')],
];

const LOKI_ORDER = ['refId', 'expr', 'queryType', 'legendFormat', 'maxLines', 'step', 'editorMode'];
const LOKI_SETTERS: Setter<ReturnType<typeof loki>>[] = [
  ['queryType', (q) => q.queryType('stream')],
  ['legendFormat', (q) => q.legend('{{level}}')],
  ['maxLines', (q) => q.maxLines(10)],
  ['step', (q) => q.step('30s')],
  ['editorMode', (q) => q.editorMode('builder')],
];

function expectedKeys(order: string[], fields: string[]): string[] {
  return order.filter((key) => key === 'refId' || key === 'expr' || fields.includes(key));
}

describe('expression query fields', () => {
  it('GIVEN any Prometheus setters in any order WHEN built THEN exactly those fields, in Grafana order', () => {
    fc.assert(
      fc.property(fc.string(), arbitrarySetters(PROMETHEUS_SETTERS), (expr, setters) => {
        const query = setters.reduce((q, [, apply]) => apply(q), prometheus(expr));
        const fields = setters.flatMap(([field]) => (field === 'instant' ? ['instant', 'range'] : [field]));
        expect(Object.keys(query.build('A'))).toEqual(expectedKeys(PROMETHEUS_ORDER, fields));
        expect(query.referencedText()).toEqual(fields.includes('legendFormat') ? [expr, '{{job}}'] : [expr]);
      }),
    );
  });

  it('GIVEN any Loki setters in any order WHEN built THEN exactly those fields, in Grafana order', () => {
    fc.assert(
      fc.property(fc.string(), arbitrarySetters(LOKI_SETTERS), (expr, setters) => {
        const query = setters.reduce((q, [, apply]) => apply(q), loki(expr));
        const fields = setters.map(([field]) => field);
        expect(Object.keys(query.build('A'))).toEqual(expectedKeys(LOKI_ORDER, fields));
        expect(query.referencedText()).toEqual(fields.includes('legendFormat') ? [expr, '{{level}}'] : [expr]);
      }),
    );
  });
});
