import { describe, expect, it } from 'vitest';
import { checkInputs } from '../../lib/check/run-check.js';
import { PrometheusError } from '../../lib/check/prometheus-error.js';
import { s, startFakePrometheus, type FakeSeries } from './fake-prometheus.js';

const NOW = 1_700_000_000_000;

const SERIES: FakeSeries[] = [
  s('up', { job: 'cart', instance: 'c1:80' }),
  s('up', { job: 'checkout', instance: 'k1:80' }),
  s('up', { job: 'search', instance: 's1:80' }),
  s('http_requests_total', { job: 'cart', instance: 'c1:80', code: '200' }),
  s('http_requests_total', { job: 'checkout', instance: 'k1:80', code: '200' }),
  s('http_requests_total', { job: 'search', instance: 's1:80', code: '200' }),
  s('latency_p99', { job: 'cart' }, 'NaN'),
];

const VARIABLES = [
  { type: 'datasource', name: 'datasource', query: 'prometheus' },
  { type: 'datasource', name: 'logs', query: 'loki' },
  {
    type: 'query',
    name: 'job',
    datasource: { type: 'prometheus', uid: '${datasource}' },
    query: 'label_values(up, job)',
    multi: true,
    includeAll: true,
    allValue: '.+',
  },
  {
    type: 'query',
    name: 'instance',
    datasource: { type: 'prometheus', uid: '${datasource}' },
    query: 'label_values(up{job=~"$job"}, instance)',
    multi: true,
    includeAll: true,
    allValue: '.+',
  },
];

function panel(id: number, title: string, ...exprs: (string | Record<string, unknown>)[]) {
  return {
    id,
    type: 'timeseries',
    title,
    datasource: { type: 'prometheus', uid: '${datasource}' },
    targets: exprs.map((e, i) => ({ refId: String.fromCharCode(65 + i), ...(typeof e === 'string' ? { expr: e } : e) })),
  };
}

function dashboard(panels: unknown[], extra: Record<string, unknown> = {}) {
  return { source: 'shop.json', json: { uid: 'shop', title: 'Shop', templating: { list: VARIABLES }, panels, ...extra } };
}

const sel = (extra = '') => `{job=~"$job", instance=~"$instance"${extra}}`;

async function check(panels: unknown[], options: Record<string, unknown> = {}, ruleFiles: { source: string; doc: unknown }[] = []) {
  const fake = await startFakePrometheus({
    series: SERIES,
    overrides: {
      'sum(rate(http_requests_total{job=~".+"}[1m]) by (': { error: 'parse error: unclosed left parenthesis' },
      'http_requests_total{job="cart"} / on(instance) up{job="search"}': { series: [] },
    },
  });
  const result = await checkInputs({ dashboards: [dashboard(panels)], ruleFiles }, { prometheusUrl: fake.url, now: NOW, ...options });
  return { fake, result };
}

describe('checkInputs', () => {
  it('runs every target as an instant and a range query, interpolated, and reports data', async () => {
    // GIVEN a panel over all jobs
    const { fake, result } = await check([panel(1, 'Requests', `sum(rate(http_requests_total${sel()}[$__rate_interval]))`)]);

    // THEN it has data, the expression was interpolated with All and $__rate_interval
    const [p] = result.dashboards[0]!.panels;
    expect(p).toMatchObject({ id: 1, title: 'Requests', status: 'data' });
    expect(p!.targets[0]).toMatchObject({ refId: 'A', status: 'data', series: 3, expr: 'sum(rate(http_requests_total{job=~".+", instance=~".+"}[1m]))' });
    const queries = fake.requests.filter((r) => r.params.get('query') === p!.targets[0]!.expr);
    expect(queries.map((q) => q.path).sort()).toEqual(['/api/v1/query', '/api/v1/query_range']);
    const range = queries.find((q) => q.path === '/api/v1/query_range')!.params;
    expect([range.get('start'), range.get('end'), range.get('step')]).toEqual([String(NOW / 1000 - 300), String(NOW / 1000), '15']);
    // AND the variables are reported
    expect(result.dashboards[0]!.variables.find((v) => v.name === 'job')).toMatchObject({ values: ['cart', 'checkout', 'search'], count: 3, selected: 'All' });
    expect(result.ok).toBe(true);
    expect(result.counts).toMatchObject({ panels: 1, data: 1, noData: 0 });
    expect(result.prometheus.version).toBe('2.42.0-fake');
  });

  it('hints that a metric is absent, with close names that exist', async () => {
    const { result } = await check([panel(1, 'Typo metric', `sum(rate(http_request_total${sel()}[5m]))`)]);
    const target = result.dashboards[0]!.panels[0]!.targets[0]!;
    expect(target).toMatchObject({ status: 'no-data', hint: 'metric http_request_total has no series (did you mean http_requests_total?)' });
    expect(result.ok).toBe(false);
  });

  it('names the label whose value matches nothing and lists values that exist', async () => {
    const { result } = await check([panel(1, 'Checkout', `sum(rate(http_requests_total${sel(', job="checkoutt"')}[5m]))`)]);
    expect(result.dashboards[0]!.panels[0]).toMatchObject({ status: 'no-data' });
    expect(result.dashboards[0]!.panels[0]!.targets[0]!.hint).toBe('http_requests_total: job="checkoutt" matches nothing; job has: cart, checkout, search');
  });

  it('says when each matcher matches alone but not together, and when every selector matches', async () => {
    const { result } = await check([
      panel(1, 'Mismatch', 'http_requests_total{job="cart", instance="k1:80"}'),
      panel(2, 'Whole', 'http_requests_total{job="cart"} / on(instance) up{job="search"}'),
    ]);
    const [a, b] = result.dashboards[0]!.panels;
    expect(a!.targets[0]!.hint).toMatch(/each matcher of http_requests_total\{job="cart", instance="k1:80"\} matches series alone/);
    expect(b!.targets[0]!.hint).toMatch(/^every selector matches series, but the expression as a whole returns nothing/);
  });

  it('treats all-NaN results as no data', async () => {
    const { result } = await check([panel(1, 'p99', 'latency_p99')]);
    expect(result.dashboards[0]!.panels[0]!.status).toBe('no-data');
  });

  it('accepts an empty error-ratio query (errors only) as empty-ok, not a failure', async () => {
    const { result } = await check([
      panel(
        1,
        'Error ratio',
        `sum(rate(http_requests_total${sel(', code=~"5.."')}[$__rate_interval])) / sum(rate(http_requests_total${sel()}[$__rate_interval]))`,
      ),
    ]);
    expect(result.dashboards[0]!.panels[0]).toMatchObject({
      status: 'empty-ok',
      targets: [{ status: 'empty-ok', reason: 'selects errors only (code=~"5..")' }],
    });
    expect(result.ok).toBe(true);
    expect(result.counts.emptyOk).toBe(1);
  });

  it('accepts empty panels declared optional, by list (globs, uid or title) or by the description marker', async () => {
    const empty = `sum(rate(canary_requests_total${sel()}[5m]))`;
    const marked = { ...panel(2, 'Marked', empty), description: 'Only during canaries. [dash-check: optional]' };
    const { result } = await check([panel(1, 'Canary requests', empty), marked, panel(3, 'Other', empty)], {
      optional: [{ dashboard: 'Shop', panel: 'Canary*' }],
    });
    const [listed, byMarker, other] = result.dashboards[0]!.panels;
    expect(listed).toMatchObject({ status: 'empty-ok', optional: true, targets: [{ reason: 'panel marked optional' }] });
    expect(byMarker).toMatchObject({ status: 'empty-ok', optional: true });
    expect(other).toMatchObject({ status: 'no-data' });
  });

  it("reports Prometheus' error message for a bad query and skips Loki, hidden and empty targets", async () => {
    const { result } = await check([
      panel(1, 'Broken', 'sum(rate(http_requests_total{job=~"$job"}[1m]) by ('),
      panel(2, 'Logs', { expr: 'sum(rate({app="x"}[1m]))', datasource: { uid: '$logs' } }),
      {
        ...panel(3, 'Mixed', 'sum(up)', { expr: 'up', hide: true }, { expr: '{app="x"}', datasource: { type: 'loki', uid: 'l' } }),
        datasource: { uid: '-- Mixed --' },
      },
      { id: 4, type: 'text', title: 'Notes' },
    ]);
    const [broken, logs, mixed] = result.dashboards[0]!.panels;
    expect(result.dashboards[0]!.panels).toHaveLength(3);
    expect(broken).toMatchObject({ status: 'error', targets: [{ status: 'error', error: 'parse error: unclosed left parenthesis' }] });
    expect(logs).toMatchObject({ status: 'skipped', targets: [{ status: 'skipped', reason: 'loki query (only Prometheus queries are checked)' }] });
    expect(mixed!.targets.map((t) => [t.status, t.reason])).toEqual([
      ['data', undefined],
      ['skipped', 'hidden query'],
      ['skipped', 'loki query (only Prometheus queries are checked)'],
    ]);
    expect(mixed!.status).toBe('data');
    expect(result.counts).toMatchObject({ error: 1, skipped: 1, data: 1 });
    expect(result.ok).toBe(false);
  });

  it('evaluates rule expressions: data, empty and errors', async () => {
    const doc = {
      groups: [
        {
          name: 'shop',
          rules: [
            { record: 'job:http_requests:rate1m', expr: 'sum by (job) (rate(http_requests_total[1m]))' },
            { alert: 'HighErrors', expr: 'sum(rate(http_requests_total{code=~"5.."}[1m])) > 0' },
            { alert: 'Broken', expr: 'sum(rate(http_requests_total{job=~".+"}[1m]) by (' },
          ],
        },
      ],
    };
    const { result } = await check([], {}, [{ source: 'rules.yaml', doc }]);
    expect(result.rules.map((r) => [r.name, r.kind, r.status])).toEqual([
      ['job:http_requests:rate1m', 'record', 'data'],
      ['HighErrors', 'alert', 'empty'],
      ['Broken', 'alert', 'error'],
    ]);
    expect(result.counts).toMatchObject({ rules: 3, ruleErrors: 1, ruleEmpty: 1 });
    expect(result.ok).toBe(false);
  });

  it('fails with a PrometheusError naming the URL when Prometheus cannot be reached', async () => {
    const fake = await startFakePrometheus();
    await fake.close();
    const error = await checkInputs({ dashboards: [], ruleFiles: [] }, { prometheusUrl: fake.url, timeoutMs: 2000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrometheusError);
    expect(error).toMatchObject({ kind: 'connection', url: fake.url, unreachable: true });
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
  });
});
