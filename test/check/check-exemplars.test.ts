/**
 * `dash check` and exemplars: a Prometheus query with `"exemplar": true` that has data is also
 * asked for its exemplars over the window; missing ones fail the check with a hint saying whose
 * set-up is missing (Prometheus' exemplar storage or the service), and a wrong-shaped answer
 * is an error naming the request, never counted as arriving or missing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCheckReport } from '../../cli/commands/check.js';
import { checkInputs } from '../../lib/check/run-check.js';
import { s, startFakePrometheus, type FakePrometheusOptions } from './fake-prometheus.js';

const NOW = 1_700_000_000_000;
const P99 = 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="checkout"}[1m])))';
const SERIES = [s('http_request_duration_seconds_bucket', { job: 'checkout', le: '0.1' })];
const EXEMPLARS = [
  {
    seriesLabels: { __name__: 'http_request_duration_seconds_bucket', job: 'checkout', le: '0.1' },
    exemplars: [
      { labels: { trace_id: '4bf92f3577b34da6a3ce929d0e0e4736' }, value: '0.067', timestamp: 1_699_999_990.5 },
      { labels: { trace_id: '00f067aa0ba902b700f067aa0ba902b7' }, value: '0.081', timestamp: 1_699_999_995 },
    ],
  },
];

function latencyDashboard(exemplar: boolean | undefined, expr = P99) {
  const target = { refId: 'A', expr, ...(exemplar !== undefined && { exemplar }) };
  return {
    source: 'red.json',
    json: {
      uid: 'red',
      title: 'RED',
      panels: [{ id: 1, type: 'timeseries', title: 'Latency', datasource: { type: 'prometheus', uid: 'prom' }, targets: [target] }],
    },
  };
}

async function check(fakeOptions: FakePrometheusOptions, options: { exemplar?: boolean; exemplars?: boolean; expr?: string } = {}) {
  const fake = await startFakePrometheus({ series: SERIES, ...fakeOptions });
  const result = await checkInputs(
    { dashboards: [latencyDashboard('exemplar' in options ? options.exemplar : true, options.expr)], ruleFiles: [] },
    { prometheusUrl: fake.url, now: NOW, ...(options.exemplars !== undefined && { exemplars: options.exemplars }) },
  );
  const target = result.dashboards[0]!.panels[0]!.targets[0]!;
  return { fake, result, target, exemplarRequests: fake.requests.filter((r) => r.path === '/api/v1/query_exemplars') };
}

describe('dash check: exemplars', () => {
  it('reports exemplars arriving, with their count, series and label names, for the window of the check', async () => {
    // GIVEN a latency query with exemplars on, and a Prometheus that has exemplars for it
    const { result, target, exemplarRequests } = await check({ exemplars: { data: EXEMPLARS } });
    // THEN they are reported as arriving and the check passes
    expect(target.exemplars).toEqual({ status: 'arriving', count: 2, series: 1, labels: ['trace_id'] });
    expect(result.ok).toBe(true);
    expect(result.counts).toMatchObject({ exemplarsArriving: 1, exemplarsMissing: 0, exemplarErrors: 0 });
    // AND the request asked for the panel's expression over the check window (5m ending now)
    expect(exemplarRequests).toHaveLength(1);
    expect(Object.fromEntries(exemplarRequests[0]!.params)).toEqual({ query: P99, start: String(NOW / 1000 - 300), end: String(NOW / 1000) });
    expect(formatCheckReport(result, false)).toContain('A  exemplars: arriving (2 on 1 series; labels trace_id)');
  });

  it.each([
    [
      'off',
      { 'enable-feature': 'native-histograms' },
      'Prometheus stores no exemplars: its enable-feature flag lacks exemplar-storage; start it with --enable-feature=exemplar-storage',
    ],
    ['on', { 'enable-feature': 'native-histograms,exemplar-storage' }, 'no exemplars in the window although Prometheus stores them: the service exposes none'],
    ['unknown (no flags endpoint)', undefined, 'either Prometheus does not store them (--enable-feature=exemplar-storage) or the service exposes none'],
  ])('fails when none arrive, and says whose set-up is missing: exemplar storage %s', async (_storage, flags, hint) => {
    // GIVEN series with data but no exemplars
    const { result, target } = await check({ exemplars: { data: [] }, ...(flags && { flags }) });
    // THEN the query is missing its exemplars, the hint says why, and the check fails
    expect(target.status).toBe('data');
    expect(target.exemplars).toMatchObject({ status: 'missing', count: 0 });
    expect(target.exemplars!.hint).toContain(hint);
    expect(result.ok).toBe(false);
    expect(result.counts.exemplarsMissing).toBe(1);
    const report = formatCheckReport(result, false);
    expect(report).toContain('A  exemplars: MISSING');
    expect(report).toContain(`hint: ${target.exemplars!.hint}`);
    expect(report).toMatch(/FAILED .*exemplars: 0 arriving, 1 missing/);
  });

  it('asks only for queries with exemplars on that have data, and not at all with exemplars: false', async () => {
    // GIVEN exemplars off on the query, or no data, or the check told not to look
    const off = await check({}, { exemplar: false });
    const unset = await check({}, { exemplar: undefined });
    const noData = await check({}, { expr: 'histogram_quantile(0.99, rate(nothing_bucket[1m]))' });
    const skipped = await check({}, { exemplars: false });
    // THEN no exemplar request is sent and nothing is reported about exemplars
    for (const run of [off, unset, noData, skipped]) {
      expect(run.exemplarRequests).toEqual([]);
      expect(run.target.exemplars).toBeUndefined();
    }
    expect(skipped.result.ok).toBe(true);
  });

  it("reports Prometheus' error for the exemplar query, with the storage hint when the feature is off", async () => {
    const { result, target } = await check({
      exemplars: { error: 'exemplar storage is disabled', errorType: 'unavailable', status: 422 },
      flags: { 'enable-feature': '' },
    });
    expect(target.exemplars).toMatchObject({ status: 'error', hint: 'Prometheus stores no exemplars: start it with --enable-feature=exemplar-storage' });
    expect(target.exemplars!.error).toContain('/api/v1/query_exemplars: 422 unavailable: exemplar storage is disabled');
    expect(result.ok).toBe(false);
    expect(result.counts.exemplarErrors).toBe(1);
  });

  it('a wrong-shaped answer is an error naming the request and the field, never a guess', async () => {
    // GIVEN answers that break the shape at one place (a field of the wrong type, or missing)
    const wrong = fc.oneof(
      fc.constantFrom<[unknown, string]>(
        [{ result: [] }, 'data is not a list'],
        ['[]', 'data is not a list'],
        [[7], 'data[0] is not an object'],
        [[{ exemplars: [] }], 'data[0].seriesLabels is not a label set'],
        [[{ seriesLabels: { job: 1 }, exemplars: [] }], 'data[0].seriesLabels is not a label set'],
        [[{ seriesLabels: {} }], 'data[0].exemplars is not a list'],
      ),
      fc
        .record({
          field: fc.constantFrom('labels', 'value', 'timestamp'),
          bad: fc.oneof(fc.constant(null), fc.boolean(), fc.constant('soon'), fc.constant([]), fc.constant(Number.NaN)),
          index: fc.nat({ max: 1 }),
        })
        .map(({ field, bad, index }): [unknown, string] => {
          const data = structuredClone(EXEMPLARS) as unknown as { exemplars: Record<string, unknown>[] }[];
          data[0]!.exemplars[index]![field] = field === 'labels' && typeof bad === 'string' ? { trace_id: 5 } : bad;
          const what = field === 'labels' ? 'labels is not a label set' : field === 'value' ? 'value is not a number as a string' : 'timestamp is not a number';
          return [data, `data[0].exemplars[${index}].${what}`];
        }),
    );
    await fc.assert(
      fc.asyncProperty(wrong, async ([data, path]) => {
        const { result, target } = await check({ exemplars: { data } });
        // THEN the query's exemplars are an error that names the request (endpoint and query) and the field
        expect(target.exemplars?.status).toBe('error');
        expect(target.exemplars!.error).toContain('wrong-shaped answer to POST /api/v1/query_exemplars query=histogram_quantile');
        expect(target.exemplars!.error).toContain(`: ${path}`);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 25 },
    );
  });
});
