// dash check takes a target with no data source reference for Prometheus; when it has no PromQL
// but another kind's fields (SQL, Elasticsearch, an expression, …), it says "not checked (no
// Prometheus)" naming that kind, instead of calling it an empty Prometheus query.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foreignQueryShape } from '../../lib/check/foreign-query-shape.js';
import { checkInputs } from '../../lib/check/run-check.js';
import { startFakePrometheus } from './fake-prometheus.js';

const SHAPES: [fields: Record<string, unknown>, kind: string][] = [
  [{ rawSql: 'SELECT 1', format: 'table' }, 'SQL'],
  [{ type: 'math', expression: '$A * 2' }, 'Grafana expression'],
  [{ query: 'status:500', metrics: [{ id: '1', type: 'count' }] }, 'Elasticsearch'],
  [{ queryMode: 'Metrics', namespace: 'AWS/EC2' }, 'CloudWatch'],
  [{ queryType: 'Azure Log Analytics', azureLogAnalytics: { query: 'x' } }, 'Azure Monitor'],
  [{ queryType: 'promQL', promQLQuery: { expr: 'up' } }, 'Google Cloud Monitoring'],
  [{ profileTypeId: 'cpu', labelSelector: '{}' }, 'profile (Pyroscope or Parca)'],
  [{ scenarioId: 'random_walk' }, 'TestData'],
  [{ target: 'a.b.c' }, 'Graphite'],
  [{ type: 'classic_conditions', conditions: [] }, 'Grafana expression'],
  [{ query: 'SELECT mean(v) FROM cpu', rawQuery: true, resultFormat: 'time_series' }, 'InfluxDB'],
  [{ query: '{ status = error }', queryType: 'traceql' }, 'Tempo'],
  [{ query: '${traceId}', queryType: 'traceID' }, 'Zipkin'],
  [{ query: 'SELECT mean(x) FROM cpu' }, 'non-Prometheus'],
];

describe('foreignQueryShape', () => {
  it('GIVEN a PromQL expr THEN the target is Prometheus, whatever other fields it has', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SHAPES),
        fc.string({ minLength: 1 }).filter((s) => s.trim() !== ''),
        ([fields], expr) => {
          expect(foreignQueryShape({ refId: 'A', ...fields, expr })).toBeUndefined();
        },
      ),
    );
  });

  it('GIVEN another kind’s fields and no expr (absent, empty or blank) THEN it names that kind', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SHAPES), fc.constantFrom(undefined, '', '  '), fc.boolean(), ([fields, kind], expr, hide) => {
        expect(foreignQueryShape({ refId: 'A', hide, ...fields, ...(expr !== undefined ? { expr } : {}) })).toBe(kind);
      }),
    );
  });

  it('GIVEN only a refId and Prometheus fields THEN it is not called another kind', () => {
    expect(foreignQueryShape({ refId: 'A' })).toBeUndefined();
    expect(foreignQueryShape({ refId: 'A', expr: '', legendFormat: '{{job}}', instant: true })).toBeUndefined();
  });

  it('GIVEN a dashboard without data source references WHEN checked THEN such targets are skipped as not checked, never run', async () => {
    const fake = await startFakePrometheus({ series: [] });
    const targets = SHAPES.map(([fields], i) => ({ refId: String.fromCharCode(65 + i), ...fields }));
    const result = await checkInputs(
      { dashboards: [{ source: 'd.json', json: { uid: 'd', title: 'D', panels: [{ id: 1, type: 'table', title: 'T', targets }] } }], ruleFiles: [] },
      { prometheusUrl: fake.url, now: 1_700_000_000_000 },
    );
    const checked = result.dashboards[0]!.panels[0]!.targets;
    expect(checked.map((t) => [t.status, t.reason])).toEqual(
      SHAPES.map(([, kind]) => ['skipped', `not checked (no Prometheus): its fields are ${kind} query fields`]),
    );
    expect(fake.requests.filter((r) => r.path.startsWith('/api/v1/query'))).toEqual([]);
  });
});
