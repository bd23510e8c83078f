// Unit tests of the service-red mixin: the SLO math of its config, its promtool tests and rule
// files, its dashboard (schema, recorded series, lint), and overrides reaching rules, alerts,
// dashboard and tests together.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ValidationError, type AlertRuleJson, type RecordingRuleJson, type RenderedMixin } from 'grafts';
import { assertMixinLints, assertMixinRenders, assertPromtoolRulesValid, assertPromtoolTestsPass } from 'grafts/testing';
import mixin, { ALERT_NAMES, serviceRedMixin, workbookBurnRateWindows, type ServiceRedConfig } from './index.js';
import { durationSeconds, formatDuration } from './src/duration.js';
import { parseSelector, sampleLabelValue } from './src/selector.js';
import { humanize } from './src/tests.js';

const rendered = serviceRedMixin.render();

function alertsOf(r: RenderedMixin): AlertRuleJson[] {
  return r.alerts.groups.flatMap((g) => g.rules as AlertRuleJson[]);
}
function recordsOf(r: RenderedMixin): RecordingRuleJson[] {
  return r.rules.groups.flatMap((g) => g.rules as RecordingRuleJson[]);
}
type PanelJson = { title?: string; type?: string; targets?: { expr?: string }[]; panels?: PanelJson[] };
function panelsOf(r: RenderedMixin): PanelJson[] {
  return r.dashboards.flatMap((d) => ((d.json.panels ?? []) as PanelJson[]).flatMap((p) => [p, ...(p.panels ?? [])]));
}
function targetExprs(r: RenderedMixin): string[] {
  return panelsOf(r)
    .flatMap((p) => p.targets ?? [])
    .map((t) => t.expr ?? '');
}

describe('service-red mixin: package shape', () => {
  it('exports the mixin as default and as serviceRedMixin, with the package conventions', () => {
    // GIVEN the package manifest
    const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as Record<string, unknown>;

    // THEN both exports are the same mixin, and the manifest follows the built-in mixin layout
    expect(mixin).toBe(serviceRedMixin);
    expect(mixin.name).toBe('service-red');
    expect(pkg).toMatchObject({
      name: '@grafts/mixin-service-red',
      type: 'module',
      license: 'Apache-2.0',
      files: ['dist', 'tests', 'README.md'],
      grafts: { mixin: './dist/index.js', source: './index.ts' },
      peerDependencies: { grafts: '^0.1.0' },
    });
  });
});

describe('service-red mixin: SLO config', () => {
  it('computes the SRE workbook burn-rate table for a 30 day SLO', () => {
    // GIVEN the default config
    const c = rendered.config;

    // THEN page at 14.4x over 1h/5m and 6x over 6h/30m, ticket at 3x over 1d/2h and 1x over 3d/6h
    expect(c.burnRateWindows).toEqual([
      { class: 'page', long: '1h', short: '5m', factor: 14.4 },
      { class: 'page', long: '6h', short: '30m', factor: 6 },
      { class: 'ticket', long: '1d', short: '2h', factor: 3 },
      { class: 'ticket', long: '3d', short: '6h', factor: 1 },
    ]);
    // AND every window of the table (plus the dashboard's 5m) is recorded
    expect(c.sliWindows).toEqual(['5m', '30m', '1h', '2h', '6h', '1d', '3d']);
    expect(c.services).toEqual([{ name: 'http', selector: 'job=~".+"' }]);
    expect(c.errorSelector).toBe('code=~"5.."');
  });

  it('recomputes the factors from another SLO period (the same budget share per window)', () => {
    // WHEN the SLO period is 28 days
    const c = mixin.config({ sloPeriod: '28d' }).render().config;

    // THEN 2 % of the budget in 1h is 13.44x, and so on
    expect(c.burnRateWindows.map((w) => w.factor)).toEqual([13.44, 5.6, 2.8, 0.9333]);
    expect(workbookBurnRateWindows('90d').map((w) => w.factor)).toEqual([43.2, 18, 9, 3]);
  });

  it('parses durations, selectors and humanized values the way Prometheus writes them', () => {
    // THEN the helpers agree with Prometheus' notation
    expect(durationSeconds('1h30m')).toBe(5400);
    expect(formatDuration(5400)).toBe('90m');
    expect(() => durationSeconds('1 hour')).toThrow(/not a Prometheus duration/);
    expect(parseSelector('job=~".+", env!="dev"')).toEqual([
      { label: 'job', op: '=~', value: '.+' },
      { label: 'env', op: '!=', value: 'dev' },
    ]);
    expect(() => parseSelector('job=checkout')).toThrow(/not a list of PromQL matchers/);
    expect(sampleLabelValue(parseSelector('job=~"shop-.*"'), 'job', 'checkout')).toBe('shop-checkout');
    expect(humanize(28.8)).toBe('28.8');
    expect(humanize(3.5)).toBe('3.5');
    expect(humanize(0.5)).toBe('500m');
  });

  it('rejects an objective outside (0, 1), a malformed selector and duplicate SLO names', () => {
    // WHEN invalid configs are rendered THEN each says what is wrong
    expect(() => mixin.config({ objectives: { availability: 1 } }).render()).toThrow(/objectives.availability of "http" must be a ratio/);
    expect(() => mixin.config({ serviceSelector: 'job=checkout' }).render()).toThrow(/not a list of PromQL matchers/);
    const twice = [
      { name: 'api', selector: 'job="a"' },
      { name: 'api', selector: 'job="b"' },
    ];
    expect(() => mixin.config({ services: twice }).render()).toThrow(/two SLOs are named "api"/);
    expect(() => mixin.config({ sloPeriod: 'a month' }).render()).toThrow(/not a Prometheus duration/);
  });
});

describe('service-red mixin: promtool', () => {
  it('passes its promtool unit tests', () => {
    // GIVEN the mixin rendered with its defaults
    // WHEN promtool runs its tests THEN every alert and expression test passes
    assertPromtoolTestsPass(rendered);
  });

  it('passes promtool check rules', () => {
    assertPromtoolRulesValid(rendered);
  });

  it('tests every alert firing and staying silent, and every recorded series', () => {
    // GIVEN the alert names and recorded series
    const alerts = alertsOf(rendered).map((a) => a.alert);
    const records = recordsOf(rendered).map((r) => r.record);
    const alertTests = rendered.tests.flatMap((t) => t.alertTests ?? []);

    // THEN each alert has a test where it fires with labels and annotations, and one where it does not
    for (const name of alerts) {
      const firing = alertTests.filter((t) => t.alertname === name && t.expAlerts.length > 0);
      expect(firing.length, name).toBeGreaterThan(0);
      expect(
        firing.every((t) => t.expAlerts.every((e) => e.labels?.severity && e.annotations?.description)),
        name,
      ).toBe(true);
      expect(
        alertTests.some((t) => t.alertname === name && t.expAlerts.length === 0),
        name,
      ).toBe(true);
    }
    // AND each recorded series has an expression test
    const tested = rendered.tests.flatMap((t) => t.exprTests ?? []).map((t) => t.expr);
    expect(records.filter((r) => !tested.some((e) => e.includes(`${r}{`)))).toEqual([]);
    expect(alerts).toEqual(['ServiceErrorBudgetFastBurn', 'ServiceErrorBudgetSlowBurn', 'ServiceLatencyBudgetFastBurn', 'ServiceLatencyBudgetSlowBurn']);
  });

  it('has a slow-burn test in which the page alert stays silent while the ticket fires', () => {
    // GIVEN the slow-burn test of the availability SLI
    const slow = rendered.tests.find((t) => t.name === 'http availability: a slow burn (3.5x) opens a ticket and does not page')!;

    // THEN it expects the ticket alert and explicitly no page at the same time
    expect(slow.alertTests).toEqual([
      expect.objectContaining({
        alertname: 'ServiceErrorBudgetSlowBurn',
        evalTime: '25m',
        expAlerts: [expect.objectContaining({ labels: { job: 'checkout', slo: 'http', severity: 'warning' } })],
      }),
      { alertname: 'ServiceErrorBudgetFastBurn', evalTime: '25m', expAlerts: [] },
    ]);
  });
});

describe('service-red mixin: rules and alerts', () => {
  it('records both SLIs over every window the alerts read, per job, labelled with the SLO', () => {
    // GIVEN the recording rules and the series the alerts read
    const records = recordsOf(rendered);
    const read = new Set(alertsOf(rendered).flatMap((a) => a.expr.match(/\bjob:[a-z_]+:[a-z0-9_]+/g) ?? []));

    // THEN every series an alert reads is recorded, and each name is level:metric:operation
    expect([...read].filter((name) => !records.some((r) => r.record === name))).toEqual([]);
    expect(read.size).toBe(14);
    expect(records.map((r) => r.record)).toEqual([
      'job:sli_requests:rate5m',
      'job:sli_errors:rate5m',
      ...rendered.config.sliWindows.map((w) => `job:sli_errors:ratio_rate${w}`),
      'job:sli_latency_requests:rate5m',
      'job:sli_slow_requests:rate5m',
      ...rendered.config.sliWindows.map((w) => `job:sli_slow_requests:ratio_rate${w}`),
    ]);
    for (const r of records) {
      expect(r.labels, r.record).toEqual({ slo: 'http' });
      expect(r.expr, r.record).toContain('sum by (job)');
      expect(r.expr, r.record).toContain('{job=~".+"');
    }
    // AND the latency SLI counts requests above the 0.5s bucket, the availability SLI 5xx
    expect(records.find((r) => r.record === 'job:sli_slow_requests:ratio_rate1h')!.expr).toBe(
      '1 - sum by (job) (rate(http_request_duration_seconds_bucket{job=~".+", le="0.5"}[1h])) / sum by (job) (rate(http_request_duration_seconds_count{job=~".+"}[1h]))',
    );
    expect(records.find((r) => r.record === 'job:sli_errors:ratio_rate1h')!.expr).toContain('http_requests_total{job=~".+", code=~"5.."}[1h]');
  });

  it('alerts on both windows of a pair above the factor, pairs ORed, with $value the burn rate', () => {
    // GIVEN the availability page alert
    const page = alertsOf(rendered).find((a) => a.alert === 'ServiceErrorBudgetFastBurn')!;

    // THEN its condition is the workbook's two page pairs over the 0.1 % budget
    expect(page.expr).toBe(
      [
        '(',
        '  job:sli_errors:ratio_rate1h{slo="http"} / 0.001 > 14.4',
        'and',
        '  job:sli_errors:ratio_rate5m{slo="http"} / 0.001 > 14.4',
        ')',
        'or',
        '(',
        '  job:sli_errors:ratio_rate6h{slo="http"} / 0.001 > 6',
        'and',
        '  job:sli_errors:ratio_rate30m{slo="http"} / 0.001 > 6',
        ')',
      ].join('\n'),
    );
    expect(page).toMatchObject({ for: '2m', labels: { severity: 'critical' } });
    // AND the latency ticket alert reads the 1 % latency budget over 1d/2h and 3d/6h
    const ticket = alertsOf(rendered).find((a) => a.alert === 'ServiceLatencyBudgetSlowBurn')!;
    expect(ticket.expr).toContain('job:sli_slow_requests:ratio_rate1d{slo="http"} / 0.01 > 3');
    expect(ticket.expr).toContain('job:sli_slow_requests:ratio_rate6h{slo="http"} / 0.01 > 1');
    expect(ticket).toMatchObject({ for: '15m', labels: { severity: 'warning' } });
  });

  it('follows the alert conventions: severity, static summary, templated description, runbook, for', () => {
    for (const a of alertsOf(rendered)) {
      expect(a.alert).toMatch(/^([A-Z]+[a-z0-9]+)+$/);
      expect(a.alert.length).toBeLessThanOrEqual(40);
      expect(['critical', 'warning'], a.alert).toContain(a.labels?.severity);
      expect(a.annotations?.summary, a.alert).toMatch(/^[A-Z][^{}]*\.$/);
      expect(a.annotations?.description, a.alert).toMatch(/\{\{ \$labels\.job \}\} \(SLO http\).*\{\{ \$value \| humanize \}\}x/);
      expect(a.annotations?.runbook_url, a.alert).toBe(`https://www.npmjs.com/package/@grafts/mixin-service-red#runbook-${a.alert}`);
      expect(a.for, a.alert).toMatch(/^\d+m$/);
    }
    // AND every group stays within mixtool's limits
    for (const g of [...rendered.alerts.groups, ...rendered.rules.groups]) {
      expect(g.rules.length, g.name).toBeLessThanOrEqual(20);
      expect(g.name.length, g.name).toBeLessThanOrEqual(40);
    }
    expect(ALERT_NAMES.availability.page).toBe('ServiceErrorBudgetFastBurn');
  });
});

describe('service-red mixin: dashboard', () => {
  it('is valid against the dashboard schema', () => {
    // THEN the one dashboard validates
    expect(rendered.dashboards.map((d) => d.file)).toEqual(['service-red-overview.json']);
    assertMixinRenders(serviceRedMixin);
  });

  it('has the house-style RED row and an SLO row built on the recording rules', () => {
    // GIVEN the dashboard's rows and panels
    const d = rendered.dashboards[0]!.json;
    const rows = ((d.panels ?? []) as PanelJson[]).filter((p) => p.type === 'row').map((p) => p.title);
    const titles = panelsOf(rendered)
      .filter((p) => p.type !== 'row')
      .map((p) => p.title);

    // THEN the RED row and the SLO row are there, with standard variables and the mixin's tags
    expect(rows).toEqual(['http', 'http SLO']);
    expect(titles).toEqual([
      'Request rate',
      'Latency',
      'Error ratio',
      'Error budget left',
      'Availability burn rate',
      'Latency burn rate',
      'Availability SLI',
      'Latency SLI',
    ]);
    expect((d.templating?.list ?? []).map((v) => v.name)).toEqual(['datasource', 'job', 'instance']);
    expect(d.tags).toEqual(['service-red-mixin']);
    expect(d.title).toBe('Services / RED and SLOs');

    // AND every recorded series the SLO row reads is recorded by the mixin
    const recorded = new Set(recordsOf(rendered).map((r) => r.record));
    const used = new Set(targetExprs(rendered).flatMap((e) => e.match(/\bjob:[a-z_]+:[a-z0-9_]+/g) ?? []));
    expect([...used].filter((name) => !recorded.has(name))).toEqual([]);
    expect(used.size).toBeGreaterThanOrEqual(8);
    // AND the budget is spent over the SLO period against the 0.1 % availability budget
    expect(targetExprs(rendered)).toContain(
      '1 - (sum_over_time(job:sli_errors:rate5m{slo="http", job=~"$job"}[30d]) / sum_over_time(job:sli_requests:rate5m{slo="http", job=~"$job"}[30d])) / 0.001',
    );
  });

  it('lints with no errors; the only warnings are the SLO row lacking $instance (recorded per job)', () => {
    // GIVEN the SLO panels: the recorded series they read are aggregated by job, so they have
    // no instance label to filter on
    const sloPanels = ['Error budget left', 'Availability burn rate', 'Latency burn rate', 'Availability SLI', 'Latency SLI'];
    // WHEN linted as `dash mixin lint` does, accepting job-instance-matchers on those panels only
    const findings = assertMixinLints(rendered, { allow: (f) => f.rule === 'job-instance-matchers' && sloPanels.includes(f.location.panel ?? '') });

    // THEN nothing is an error, and each warning is job-instance-matchers on an SLO panel
    expect(findings.filter((f) => f.rule !== 'job-instance-matchers' || !sloPanels.includes(f.location.panel ?? ''))).toEqual([]);
    expect(findings.every((f) => /instance=~"\$instance" missing/.test(f.message) && !/job=~"\$job" missing/.test(f.message))).toBe(true);
    expect(findings.every((f) => f.severity === 'warning')).toBe(true);
  });
});

describe('service-red mixin: overrides', () => {
  it('moves every threshold with the availability objective, and the promtool tests follow', () => {
    // WHEN the availability objective is 99 %
    const r = mixin.config({ objectives: { availability: 0.99 } }).render();

    // THEN the availability alerts divide by the 1 % budget, the latency objective is untouched
    const page = alertsOf(r).find((a) => a.alert === 'ServiceErrorBudgetFastBurn')!;
    expect(page.expr).toContain('job:sli_errors:ratio_rate1h{slo="http"} / 0.01 > 14.4');
    expect(page.expr).not.toContain('0.001');
    expect(page.annotations?.description).toContain('of 99% availability');
    expect(r.config.objectives.latency).toEqual({ threshold: 0.5, target: 0.99 });
    // AND the dashboard's budget follows
    expect(targetExprs(r).some((e) => e.includes('[30d])) / 0.01'))).toBe(true);
    // AND the tests, derived from the config, still pass
    assertPromtoolTestsPass(r);
  });

  it('drops an alert together with its tests', () => {
    // WHEN the latency ticket alert is dropped
    const r = mixin.dropAlert('ServiceLatencyBudgetSlowBurn').render();

    // THEN it is gone, and so are its tests; the others remain and pass
    expect(alertsOf(r).map((a) => a.alert)).toEqual(['ServiceErrorBudgetFastBurn', 'ServiceErrorBudgetSlowBurn', 'ServiceLatencyBudgetFastBurn']);
    expect(r.tests.flatMap((t) => t.alertTests ?? []).filter((t) => t.alertname === 'ServiceLatencyBudgetSlowBurn')).toEqual([]);
    expect(r.tests.flatMap((t) => t.alertTests ?? []).some((t) => t.alertname === 'ServiceLatencyBudgetFastBurn')).toBe(true);
    assertPromtoolTestsPass(r);
    // AND naming an alert that does not exist is an error
    expect(() => mixin.dropAlert('ServiceLatencyBurn').render()).toThrow(ValidationError);
  });

  it('gives each of several SLOs its own groups, label, rows and tests', () => {
    // GIVEN two services with their own selectors, and a stricter objective for checkout
    const config: Partial<ServiceRedConfig> = {
      services: [
        { name: 'checkout', selector: 'job="checkout"', objectives: { availability: 0.9995 } },
        { name: 'cart', selector: 'job="cart", route!="/health"' },
      ],
    };
    const r = mixin.config(config).render();

    // THEN each SLO has an alert group and two rule groups, its recorded series carry slo="<name>"
    expect(r.alerts.groups.map((g) => g.name)).toEqual(['service-red-checkout.alerts', 'service-red-cart.alerts']);
    expect(r.rules.groups.map((g) => g.name)).toEqual([
      'service-red-checkout-availability.rules',
      'service-red-checkout-latency.rules',
      'service-red-cart-availability.rules',
      'service-red-cart-latency.rules',
    ]);
    expect(alertsOf(r)[0]!.expr).toContain('job:sli_errors:ratio_rate1h{slo="checkout"} / 0.0005 > 14.4');
    expect(
      recordsOf(r)
        .filter((x) => x.labels?.slo === 'cart')
        .every((x) => x.expr.includes('{job="cart", route!="/health"')),
    ).toBe(true);
    // AND the dashboard has a RED and an SLO row per service
    const rows = ((r.dashboards[0]!.json.panels ?? []) as PanelJson[]).filter((p) => p.type === 'row').map((p) => p.title);
    expect(rows).toEqual(['checkout', 'cart', 'checkout SLO', 'cart SLO']);
    // AND the tests use series each selector accepts, and pass
    expect(r.tests.some((t) => t.inputSeries.some((s) => s.series.startsWith('http_requests_total{job="cart", route="route-a"')))).toBe(true);
    assertPromtoolTestsPass(r);
    assertPromtoolRulesValid(r);
  });

  it('measures latency of a native histogram with histogram_fraction (no promtool latency tests: 2.42 cannot feed native series)', () => {
    // WHEN search's duration is a native histogram
    const r = mixin.config({ services: [{ name: 'search', selector: 'job="search"', histogram: 'native' }] }).render();

    // THEN the latency SLI uses histogram_fraction over the threshold, and the RED row is native
    const slow = recordsOf(r).find((x) => x.record === 'job:sli_slow_requests:ratio_rate1h')!;
    expect(slow.expr).toBe('1 - histogram_fraction(0, 0.5, sum by (job) (rate(http_request_duration_seconds{job="search"}[1h])))');
    expect(targetExprs(r).some((e) => e.includes('histogram_quantile(0.99, sum(rate(http_request_duration_seconds{'))).toBe(true);
    // AND only the availability SLI is unit-tested, and everything checks and passes
    expect(r.tests.flatMap((t) => t.alertTests ?? []).some((t) => t.alertname.startsWith('ServiceLatency'))).toBe(false);
    assertPromtoolRulesValid(r);
    assertPromtoolTestsPass(r);
  });

  it('takes an own burn-rate table, severities, for, labels and runbook pattern', () => {
    // GIVEN a table with one page pair and no ticket pair, other severities and no runbooks
    const r = mixin
      .config({
        burnRateWindows: [{ class: 'page', long: '2h', short: '10m', factor: 10 }],
        severities: { page: 'critical', ticket: 'info' },
        alertFor: { page: '5m' },
        runbookUrlPattern: '',
        serviceLabels: ['namespace', 'job'],
      })
      .render();

    // THEN only the page alerts exist, on the new windows, recorded under the new level
    expect(alertsOf(r).map((a) => [a.alert, a.for])).toEqual([
      ['ServiceErrorBudgetFastBurn', '5m'],
      ['ServiceLatencyBudgetFastBurn', '5m'],
    ]);
    expect(r.config.sliWindows).toEqual(['5m', '10m', '2h']);
    expect(alertsOf(r)[0]!.expr).toContain('namespace_job:sli_errors:ratio_rate2h{slo="http"} / 0.001 > 10');
    expect(alertsOf(r).every((a) => a.annotations?.runbook_url === undefined)).toBe(true);
    expect(alertsOf(mixin.config({ runbookUrlPattern: 'https://wiki/%s#%s' }).render())[0]!.annotations?.runbook_url).toBe(
      'https://wiki/ServiceErrorBudgetFastBurn#ServiceErrorBudgetFastBurn',
    );
    expect(alertsOf(r)[0]!.annotations?.description).toContain('{{ $labels.namespace }}/{{ $labels.job }} (SLO http)');
    expect(recordsOf(r).every((x) => x.expr.includes('sum by (namespace, job)'))).toBe(true);
    // AND the dashboard reads only series that are recorded (5m and 2h, no 1h)
    const recorded = new Set(recordsOf(r).map((x) => x.record));
    const used = new Set(targetExprs(r).flatMap((e) => e.match(/\bnamespace_job:[a-z_]+:[a-z0-9_]+/g) ?? []));
    expect([...used].filter((name) => !recorded.has(name))).toEqual([]);
    expect(used).toContain('namespace_job:sli_errors:ratio_rate2h');
    // AND the tests follow and pass
    assertPromtoolTestsPass(r);
  });
});

describe('service-red mixin: README', () => {
  const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');

  it('documents every config key in its config table', () => {
    // GIVEN the keys of the resolved config
    const keys = Object.keys(rendered.config);

    // THEN each has a row in the README's config table
    expect(keys.filter((k) => !readme.includes(`| \`${k}\` |`))).toEqual([]);
    expect(keys).toHaveLength(26);
  });

  it('has an override example that renders, checks and passes its promtool tests', () => {
    // GIVEN the override of the README's dash.config.ts example
    expect(readme).toContain("{ name: 'checkout', selector: 'job=\"checkout\"', objectives: { availability: 0.9995 } },");
    const r = mixin
      .config({
        services: [
          { name: 'checkout', selector: 'job="checkout"', objectives: { availability: 0.9995 } },
          { name: 'search', selector: 'job="search"', histogram: 'native' },
        ],
        objectives: { latency: { threshold: 0.25, target: 0.95 } },
        alertFor: { ticket: '30m' },
        runbookUrlPattern: 'https://wiki.example.com/runbooks/%s',
      })
      .dropAlert('ServiceLatencyBudgetSlowBurn')
      .addAlertLabels({ team: 'shop' })
      .render();

    // THEN the alerts carry the team, the ticket waits 30m, and the latency ticket is gone
    const alerts = alertsOf(r);
    expect(alerts.every((a) => a.labels?.team === 'shop')).toBe(true);
    expect(alerts.filter((a) => a.alert === 'ServiceErrorBudgetSlowBurn').map((a) => a.for)).toEqual(['30m', '30m']);
    expect(alerts.some((a) => a.alert === 'ServiceLatencyBudgetSlowBurn')).toBe(false);
    expect(recordsOf(r).find((x) => x.record === 'job:sli_slow_requests:ratio_rate1h' && x.labels?.slo === 'checkout')!.expr).toContain('le="0.25"');
    assertPromtoolRulesValid(r);
  });
});
