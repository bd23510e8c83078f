import { parser } from '@prometheus-io/lezer-promql';
import { describe, expect, it } from 'vitest';
import { dashboard, datasourceVariable, toJson, type Dashboard } from '../../lib/index.js';
import { LATENCY_COLORS, RED_LAYOUT, red, redLogQueries, redQueries, STATUS_CLASS_COLORS } from '../../lib/style/red.js';
import { standardVariables } from '../../lib/style/templating.js';
import { expectValidDashboard } from '../support/golden.js';
import { validateDashboard } from '../support/validate-schema.js';

type Json = Record<string, any>;

const panelsOf = (json: Dashboard) => (json.panels ?? []) as Json[];
const exprsOf = (json: Dashboard) => panelsOf(json).flatMap((p) => ((p.targets ?? []) as Json[]).map((t) => String(t.expr)));

/** Every vector selector of a PromQL expression, as `label op value` strings per selector (independent of withSelectors). */
function selectorsOf(expr: string): string[][] {
  const masked = expr.replace(/\$__rate_interval|\$__auto/g, (m) => '1'.padEnd(m.length - 1, '0') + 's');
  const out: string[][] = [];
  parser.parse(masked).iterate({
    enter(ref) {
      if (ref.type.isError) throw new Error(`parse error in ${expr}`);
      if (ref.name !== 'VectorSelector') return undefined;
      const matchers: string[] = [];
      const braces = ref.node.getChild('LabelMatchers');
      for (let m = braces?.firstChild; m; m = m.nextSibling) {
        if (m.name === 'UnquotedLabelMatcher') matchers.push(expr.slice(m.from, m.to));
      }
      out.push(matchers);
      return false;
    },
  });
  return out;
}

/** The range of every range vector selector of a PromQL expression, as written. */
function rangesOf(expr: string): string[] {
  const masked = expr.replace(/\$__rate_interval/g, (m) => '1'.padEnd(m.length - 1, '0') + 's');
  const out: string[] = [];
  parser.parse(masked).iterate({
    enter(ref) {
      if (ref.name !== 'MatrixSelector') return undefined;
      const range = ref.node.getChild('DurationExpr')!;
      out.push(expr.slice(range.from, range.to));
      return undefined;
    },
  });
  return out;
}

function classicRowDashboard() {
  const vars = standardVariables();
  return dashboard('RED checkout (classic)')
    .uid('red-checkout-classic')
    .variable(...vars.all)
    .row(red.row({ service: 'checkout', variables: vars, selector: { service: 'checkout' } }));
}

function nativeRowDashboard() {
  const vars = standardVariables();
  return dashboard('RED checkout (native)')
    .uid('red-checkout-native')
    .variable(...vars.all)
    .row(
      red.row({
        service: 'checkout',
        variables: vars,
        selector: { service: 'checkout' },
        histogram: 'native',
        requestsMetric: 'checkout_requests_total',
        durationMetric: 'checkout_request_duration_seconds',
        statusLabel: 'status_code',
      }),
    );
}

function twoServiceDashboard() {
  return red.dashboard('Shop RED', ['checkout', { service: 'search', histogram: 'native' }], { levels: ['cluster', 'namespace'] }).uid('shop-red');
}

function logsRowDashboard() {
  const vars = standardVariables({ datasourceType: 'loki' });
  return dashboard('RED legacy (logs)')
    .uid('red-legacy-logs')
    .variable(...vars.all)
    .row(
      red.logsRow({
        service: 'legacy',
        datasource: vars.datasource,
        streamSelector: { app: 'legacy', ...vars.matchers },
        durationFormat: 'duration',
        durationField: 'took',
      }),
    );
}

describe('red.row golden JSON', () => {
  it('GIVEN a classic-histogram service WHEN built THEN the dashboard matches the golden file and both schemas', async () => {
    const json = classicRowDashboard().build();
    expectValidDashboard(json);
    await expect(toJson(json)).toMatchFileSnapshot('./__golden__/red-row-classic.json');
  });

  it('GIVEN a native-histogram service with custom metric names WHEN built THEN the dashboard matches the golden file and both schemas', async () => {
    const json = nativeRowDashboard().build();
    expectValidDashboard(json);
    await expect(toJson(json)).toMatchFileSnapshot('./__golden__/red-row-native.json');
  });

  it('GIVEN two services WHEN red.dashboard is built THEN it matches the golden file and both schemas', async () => {
    const json = twoServiceDashboard().build();
    expectValidDashboard(json);
    await expect(toJson(json)).toMatchFileSnapshot('./__golden__/red-dashboard.json');
  });

  it('GIVEN a service with logs only WHEN red.logsRow is built THEN the dashboard matches the golden file and both schemas', async () => {
    const json = logsRowDashboard().build();
    expectValidDashboard(json);
    await expect(toJson(json)).toMatchFileSnapshot('./__golden__/red-logs-row.json');
  });
});

describe('red.row content', () => {
  it('GIVEN a row WHEN laid out THEN rate and errors stack on the left and latency fills the right', () => {
    const panels = panelsOf(classicRowDashboard().build());
    expect(panels.map((p) => [p.type, p.title, p.gridPos])).toEqual([
      ['row', 'checkout', { h: 1, w: 24, x: 0, y: 0 }],
      ['timeseries', 'Request rate', { h: 8, w: 12, x: 0, y: 1 }],
      ['timeseries', 'Latency', { h: 14, w: 12, x: 12, y: 1 }],
      ['timeseries', 'Error ratio', { h: 6, w: 12, x: 0, y: 9 }],
    ]);
    expect(RED_LAYOUT.rate.height + RED_LAYOUT.errors.height).toBe(RED_LAYOUT.latency.height);
  });

  it('GIVEN the rate panel WHEN built THEN it groups codes into classes, stacks, and fixes a colour per class', () => {
    const rate = panelsOf(classicRowDashboard().build()).find((p) => p.title === 'Request rate')!;
    expect(rate.targets[0].expr).toBe(
      'sum by (status) (label_replace(label_replace(rate(http_requests_total{job=~"$job", instance=~"$instance", service="checkout"}[$__rate_interval]), ' +
        '"status", "${1}xx", "code", "([0-9]).."), "status", "${1}", "code", "([a-zA-Z]+)"))',
    );
    expect(rate.targets[0].legendFormat).toBe('{{status}}');
    expect(rate.fieldConfig.defaults.unit).toBe('reqps');
    expect(rate.fieldConfig.defaults.custom.stacking).toEqual({ mode: 'normal', group: 'A' });
    const colours = Object.fromEntries((rate.fieldConfig.overrides as Json[]).map((o) => [o.matcher.options, o.properties[0].value.fixedColor]));
    expect(colours).toEqual({ '1xx': 'purple', '2xx': 'green', '3xx': 'blue', '4xx': 'orange', '5xx': 'red' });
    expect(colours).toEqual(STATUS_CLASS_COLORS);
  });

  it('GIVEN the error panel WHEN built THEN it is a 5xx ratio in percentunit with thresholds', () => {
    const errors = panelsOf(classicRowDashboard().build()).find((p) => p.title === 'Error ratio')!;
    expect(errors.targets[0].expr).toBe(
      'sum(rate(http_requests_total{code=~"5..", job=~"$job", instance=~"$instance", service="checkout"}[$__rate_interval])) / ' +
        'sum(rate(http_requests_total{job=~"$job", instance=~"$instance", service="checkout"}[$__rate_interval]))',
    );
    expect(errors.fieldConfig.defaults.unit).toBe('percentunit');
    expect(errors.fieldConfig.defaults.thresholds.steps).toEqual([
      { color: 'green', value: null },
      { color: 'orange', value: 0.01 },
      { color: 'red', value: 0.05 },
    ]);
  });

  it('GIVEN classic and native histograms WHEN built THEN latency uses _bucket/le and _sum/_count, or the plain name with histogram_sum/count', () => {
    const classic = panelsOf(classicRowDashboard().build()).find((p) => p.title === 'Latency')!;
    const sel = '{job=~"$job", instance=~"$instance", service="checkout"}';
    expect((classic.targets as Json[]).map((t) => [t.legendFormat, t.expr])).toEqual([
      ['p99', `histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket${sel}[$__rate_interval])))`],
      ['p50', `histogram_quantile(0.5, sum by (le) (rate(http_request_duration_seconds_bucket${sel}[$__rate_interval])))`],
      ['mean', `sum(rate(http_request_duration_seconds_sum${sel}[$__rate_interval])) / sum(rate(http_request_duration_seconds_count${sel}[$__rate_interval]))`],
    ]);
    expect(classic.fieldConfig.defaults.unit).toBe('s');
    const native = panelsOf(nativeRowDashboard().build()).find((p) => p.title === 'Latency')!;
    const m = 'checkout_request_duration_seconds';
    expect((native.targets as Json[]).map((t) => t.expr)).toEqual([
      `histogram_quantile(0.99, sum(rate(${m}${sel}[$__rate_interval])))`,
      `histogram_quantile(0.5, sum(rate(${m}${sel}[$__rate_interval])))`,
      `sum(histogram_sum(rate(${m}${sel}[$__rate_interval]))) / sum(histogram_count(rate(${m}${sel}[$__rate_interval])))`,
    ]);
    const colours = Object.fromEntries((native.fieldConfig.overrides as Json[]).map((o) => [o.matcher.options, o.properties[0].value.fixedColor]));
    expect(colours).toEqual(LATENCY_COLORS);
  });

  it('GIVEN a status label, error regex, rate interval and thresholds WHEN set THEN every query and panel uses them', () => {
    const q = redQueries({ statusLabel: 'status_code', errorStatus: '5..|429', rateInterval: '5m', requestsMetric: 'rpc_total' });
    expect(q.requestsByStatus).toBe(
      'sum by (status) (label_replace(label_replace(rate(rpc_total[5m]), "status", "${1}xx", "status_code", "([0-9]).."), "status", "${1}", "status_code", "([a-zA-Z]+)"))',
    );
    expect(q.errorRatio).toBe('sum(rate(rpc_total{status_code=~"5..|429"}[5m])) / sum(rate(rpc_total[5m]))');
    const ds = datasourceVariable('datasource', 'prometheus');
    const json = dashboard('T')
      .variable(ds)
      .row(red.row({ service: 's', datasource: ds, errorThresholds: [0.001, 0.002], collapsed: true }))
      .build();
    const header = panelsOf(json)[0]!;
    expect(header.collapsed).toBe(true);
    const errors = (header.panels as Json[]).find((p) => p.title === 'Error ratio')!;
    expect(errors.fieldConfig.defaults.thresholds.steps.map((s: Json) => s.value)).toEqual([null, 0.001, 0.002]);
  });

  it('GIVEN neither datasource nor variables WHEN a row is made THEN it throws', () => {
    expect(() => red.row({ service: 'lonely' })).toThrow(/pass a datasource or variables/);
  });
});

describe('red.dashboard', () => {
  it('GIVEN two services WHEN built THEN every service row has the same layout and panel titles', () => {
    const panels = panelsOf(twoServiceDashboard().build());
    const rows = panels.filter((p) => p.type === 'row');
    expect(rows.map((r) => r.title)).toEqual(['checkout', 'search']);
    const shape = (rowIndex: number) => {
      const start = panels.indexOf(rows[rowIndex]!);
      const end = rowIndex + 1 < rows.length ? panels.indexOf(rows[rowIndex + 1]!) : panels.length;
      const top = rows[rowIndex]!.gridPos.y;
      return panels.slice(start + 1, end).map((p) => [p.title, p.gridPos.x, p.gridPos.y - top, p.gridPos.w, p.gridPos.h]);
    };
    expect(shape(1)).toEqual(shape(0));
    expect(shape(0).map((s) => s[0])).toEqual(['Request rate', 'Latency', 'Error ratio']);
  });

  it('GIVEN levels WHEN built THEN the variables are datasource, cluster, namespace, job, instance and every selector carries all of them plus the service', () => {
    const json = twoServiceDashboard().build();
    expect(json.templating?.list?.map((v) => v.name)).toEqual(['datasource', 'cluster', 'namespace', 'job', 'instance']);
    const exprs = exprsOf(json);
    expect(exprs).toHaveLength(10);
    for (const expr of exprs) {
      const service = expr.includes('job="checkout"') ? 'checkout' : 'search';
      for (const matchers of selectorsOf(expr)) {
        expect(matchers.slice(-5)).toEqual(['cluster=~"$cluster"', 'namespace=~"$namespace"', 'job=~"$job"', 'instance=~"$instance"', `job="${service}"`]);
      }
    }
  });

  it('GIVEN the dashboard WHEN checked like dashboard-linter THEN panels have descriptions, units, the templated data source and $__rate_interval', () => {
    const json = twoServiceDashboard().build();
    expect(json.editable).toBe(false);
    for (const p of panelsOf(json).filter((x) => x.type !== 'row')) {
      expect(p.description).toMatch(/\S/);
      expect(p.fieldConfig.defaults.unit).toMatch(/^(reqps|percentunit|s)$/);
      expect(p.datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
      for (const t of p.targets as Json[]) {
        const ranges = rangesOf(String(t.expr));
        expect(ranges.length).toBeGreaterThan(0);
        expect(new Set(ranges)).toEqual(new Set(['$__rate_interval']));
      }
    }
  });

  it('GIVEN a service spec with its own selector WHEN built THEN it replaces the service-label default', () => {
    const json = red.dashboard('X', [{ service: 'api', selector: { app: 'api' } }], { serviceLabel: 'service' }).build();
    for (const expr of exprsOf(json)) expect(expr).not.toContain('service="api"');
    for (const expr of exprsOf(json)) expect(expr).toContain('instance=~"$instance", app="api"}');
    expect(validateDashboard(json).errors).toEqual([]);
  });

  it('GIVEN a service-label option WHEN built THEN services are told apart by that label', () => {
    const json = red.dashboard('X', ['api'], { serviceLabel: 'service', histogram: 'native' }).build();
    const exprs = exprsOf(json);
    for (const expr of exprs) for (const matchers of selectorsOf(expr)) expect(matchers).toContain('service="api"');
    expect(exprs.some((e) => e.includes('histogram_count'))).toBe(true);
  });
});

describe('red.logsRow', () => {
  it('GIVEN access logs WHEN the queries are built THEN they follow the LogQL RED forms', () => {
    const q = redLogQueries({ streamSelector: '{app="legacy"}' });
    expect(q).toEqual({
      requestsByStatus:
        'sum by (status) (label_replace(label_replace(rate({app="legacy"} | json | __error__="" [$__auto]), ' +
        '"status", "${1}xx", "status", "([0-9]).."), "status", "${1}", "status", "([a-zA-Z]+)"))',
      errorRatio: 'sum(rate({app="legacy"} | json | __error__="" | status >= 500 [$__auto])) / sum(rate({app="legacy"} | json | __error__="" [$__auto]))',
      latencyP99: 'quantile_over_time(0.99, {app="legacy"} | json | unwrap duration | __error__="" [$__auto]) by ()',
      latencyP50: 'quantile_over_time(0.5, {app="legacy"} | json | unwrap duration | __error__="" [$__auto]) by ()',
      latencyMean: 'avg_over_time({app="legacy"} | json | unwrap duration | __error__="" [$__auto]) by ()',
    });
  });

  it('GIVEN logfmt, a status field and Go durations WHEN built THEN the parser, field and unwrap follow', () => {
    const q = redLogQueries({ streamSelector: { app: 'x' }, parser: 'logfmt', statusField: 'code', durationFormat: 'duration', durationField: 'took' });
    expect(q.errorRatio).toContain('{app="x"} | logfmt | __error__="" | code >= 500 [$__auto]');
    expect(q.requestsByStatus).toContain('"status", "${1}xx", "code", "([0-9]).."');
    expect(q.latencyP99).toBe('quantile_over_time(0.99, {app="x"} | logfmt | unwrap duration_seconds(took) | __error__="" [$__auto]) by ()');
  });

  it('GIVEN the logs row WHEN built THEN panels are Loki queries with the same layout, and milliseconds switch the unit', () => {
    const json = logsRowDashboard().build();
    const panels = panelsOf(json);
    expect(panels.map((p) => [p.title, p.gridPos])).toEqual(
      panelsOf(classicRowDashboard().build()).map((p) => [p.title === 'checkout' ? 'legacy' : p.title, p.gridPos]),
    );
    for (const p of panels.filter((x) => x.type !== 'row')) expect(p.datasource).toEqual({ type: 'loki', uid: '${datasource}' });
    for (const expr of exprsOf(json)) expect(expr).toContain('{app="legacy", job=~"$job", instance=~"$instance"}');
    const logs = datasourceVariable('logs', 'loki');
    const ms = dashboard('ms')
      .variable(logs)
      .row(red.logsRow({ service: 'a', datasource: logs, streamSelector: { app: 'a' }, durationFormat: 'milliseconds' }))
      .build();
    expect(panelsOf(ms).find((p) => p.title === 'Latency')!.fieldConfig.defaults.unit).toBe('ms');
  });
});
