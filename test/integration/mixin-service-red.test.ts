// The service-red mixin (mixins/service-red) against the real stack: the shared Prometheus
// loaded its alerts and recording rules with the default config (test/support/
// prometheus-global-setup.ts; evaluation every second) and scrapes the example services
// checkout and cart (classic histograms) and search (native histogram). Every rule must be
// healthy, the SLI series must exist per job, the native latency SLI must evaluate on 2.42,
// and checkout's 5 % errors must trip the page alert of a 99.9 % objective.
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../lib/check/check-result.js';
import serviceRedMixin from '../../mixins/service-red/index.js';
import { prometheusApi, queryVector } from '../support/prometheus-stack.js';
import { expectPrometheusAbsent, sharedPrometheusStack } from '../support/shared-stack.js';
import { eventually, groupsEvaluatedTwice, ruleNamesOfType } from '../support/loaded-rules.js';
import { checkedMixinFiles, dashCheckOnStack } from '../support/mixin-check.js';

const stack = sharedPrometheusStack();
const rendered = serviceRedMixin.render();

interface AlertsData {
  alerts: { labels: Record<string, string>; state: 'pending' | 'firing'; value: string }[];
}

/** The jobs of a query's result, sorted. */
async function jobsOf(query: string): Promise<string[]> {
  return (await queryVector(stack!.prometheusUrl, query)).map((s) => s.metric.job ?? '').sort();
}

describe('service-red mixin on the real stack', () => {
  it('loads every group, and every rule evaluates with health ok', { timeout: 60_000 }, async () => {
    if (!stack) return expectPrometheusAbsent();
    // GIVEN the mixin's rule files as the stack loaded them (default config)
    const files = stack.mixinRuleFiles['service-red'];
    expect(files, 'the shared stack loads the service-red mixin').toBeDefined();

    // WHEN every rule has been evaluated at least twice (lastEvaluation moved on after a first read)
    const groups = await groupsEvaluatedTwice(stack.prometheusUrl, files!);

    // THEN the groups are the mixin's (one alert group, two rule groups), with all its rules
    expect(groups.map((g) => g.name).sort()).toEqual(['service-red-http-availability.rules', 'service-red-http-latency.rules', 'service-red-http.alerts']);
    const rules = groups.flatMap((g) => g.rules);
    expect(ruleNamesOfType(rules, 'alerting')).toEqual([...files!.alertNames].sort());
    expect(ruleNamesOfType(rules, 'recording')).toEqual([...files!.records].sort());
    expect(rules).toHaveLength(4 + 18);
    // AND every rule is healthy, without an error
    expect(rules.filter((r) => r.health !== 'ok' || r.lastError).map((r) => `${r.name}: ${r.health} ${r.lastError ?? ''}`)).toEqual([]);
  });

  it('records the 5m SLI series per job: availability for every service, latency for the classic histograms', { timeout: 60_000 }, async () => {
    if (!stack) return expectPrometheusAbsent();
    // GIVEN the stack's services by histogram kind
    const all = stack.services.map((s) => s.job).sort();
    const classic = stack.services
      .filter((s) => s.histogram === 'classic')
      .map((s) => s.job)
      .sort();
    expect(classic).toEqual(['cart', 'checkout']);

    // WHEN the short-window recorded series are queried (polled until the first evaluations with two samples)
    const recorded = await eventually(async () => {
      const found = {
        requests: await jobsOf('job:sli_requests:rate5m{slo="http"}'),
        errors: await jobsOf('job:sli_errors:ratio_rate5m{slo="http"}'),
        latencyRequests: await jobsOf('job:sli_latency_requests:rate5m{slo="http"}'),
        slow: await jobsOf('job:sli_slow_requests:ratio_rate5m{slo="http"}'),
      };
      return found.requests.length === all.length && found.errors.length === all.length && found.slow.length === classic.length ? found : undefined;
    });

    // THEN every service has request rate and error ratio; only checkout and cart have the
    // latency SLI (search's duration is a native histogram: no `_bucket` series)
    expect(recorded).toEqual({ requests: all, errors: all, latencyRequests: classic, slow: classic });
    // AND the ratios are shares between 0 and 1
    const ratios = await queryVector(stack.prometheusUrl, '{__name__=~"job:sli_(errors|slow_requests):ratio_rate(5m|30m|1h)", slo="http"}');
    expect(ratios.length).toBeGreaterThanOrEqual(3 * (all.length + classic.length));
    for (const s of ratios) {
      const value = Number(s.value?.[1]);
      expect(value, JSON.stringify(s.metric)).toBeGreaterThanOrEqual(0);
      expect(value, JSON.stringify(s.metric)).toBeLessThanOrEqual(1);
    }
  });

  it('computes the latency SLI of the native histogram with histogram_fraction when configured so', { timeout: 60_000 }, async () => {
    if (!stack) return expectPrometheusAbsent();
    // GIVEN the mixin configured for search's native histogram
    const native = serviceRedMixin.config({ services: [{ name: 'search', selector: 'job="search"', histogram: 'native' }] }).render();
    const rules = native.rules.groups.flatMap((g) => g.rules).filter((r): r is { record: string; expr: string } => 'record' in r);
    const slow = rules.find((r) => r.record === 'job:sli_slow_requests:ratio_rate5m')!;
    const requests = rules.find((r) => r.record === 'job:sli_latency_requests:rate5m')!;
    expect(slow.expr).toContain('histogram_fraction(0, 0.5,');

    // WHEN its expressions are evaluated by the stack's Prometheus 2.42
    const result = await eventually(async () => {
      const [ratio, rate] = await Promise.all([queryVector(stack.prometheusUrl, slow.expr), queryVector(stack.prometheusUrl, requests.expr)]);
      return ratio.length > 0 && rate.length > 0 ? { ratio, rate } : undefined;
    });

    // THEN search gets a share of slow requests between 0 and 1, and a positive request rate
    expect(result.ratio.map((s) => s.metric.job)).toEqual(['search']);
    expect(Number(result.ratio[0]!.value?.[1])).toBeGreaterThanOrEqual(0);
    expect(Number(result.ratio[0]!.value?.[1])).toBeLessThanOrEqual(1);
    expect(Number(result.rate[0]!.value?.[1])).toBeGreaterThan(0);
  });

  it("puts checkout's page alert in pending or firing: 5 % errors burn a 99.9 % budget about 50x", { timeout: 60_000 }, async () => {
    if (!stack) return expectPrometheusAbsent();
    // GIVEN checkout answers about 5 % of requests with 5xx (the stack's error rate)
    expect(stack.services.find((s) => s.job === 'checkout')).toBeDefined();

    // WHEN Prometheus' active alerts are polled for the availability page alert
    const alert = await eventually(async () => {
      const data = await prometheusApi<AlertsData>(stack.prometheusUrl, '/api/v1/alerts');
      return data.alerts.find((a) => a.labels.alertname === 'ServiceErrorBudgetFastBurn' && a.labels.job === 'checkout');
    });

    // THEN it is active for checkout with the mixin's labels, its value a burn rate above 14.4 or 6
    expect(['pending', 'firing']).toContain(alert.state);
    expect(alert.labels).toEqual({ alertname: 'ServiceErrorBudgetFastBurn', job: 'checkout', slo: 'http', severity: 'critical' });
    expect(Number(alert.value)).toBeGreaterThan(6);
  });

  it('dash check finds data in every panel of the dashboard, and every rule expression evaluates', { timeout: 120_000 }, async () => {
    if (!stack) return expectPrometheusAbsent();
    // GIVEN the rendered mixin in mixtool's layout, once the SLO series exist for checkout and cart
    await eventually(async () => ((await jobsOf('job:sli_slow_requests:ratio_rate5m{slo="http"}')).length >= 2 ? true : undefined));
    const files = checkedMixinFiles(rendered);
    expect(Object.keys(files).sort()).toEqual(['dashboards_out/service-red-overview.json', 'prometheus_alerts.yaml', 'prometheus_rules.yaml']);

    // WHEN `dash check` runs on them against the stack, with its 1 s scrape interval
    const run = dashCheckOnStack(stack, files);

    // THEN every panel of the RED and SLO rows has data (the error ratio may be empty-ok: it selects 5xx)
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as CheckResult;
    const panels = result.dashboards.flatMap((d) => d.panels);
    expect(panels.filter((p) => p.status !== 'data' && p.status !== 'empty-ok').map((p) => `${p.row ?? ''} › ${p.title}: ${p.status}`)).toEqual([]);
    expect(panels.filter((p) => p.row === 'http SLO' && p.status === 'data').map((p) => p.title)).toEqual([
      'Error budget left',
      'Availability burn rate',
      'Latency burn rate',
      'Availability SLI',
      'Latency SLI',
    ]);
    expect(run.exitCode).toBe(0);
    // AND every rule expression evaluated without error, and every recording rule has data
    expect(result.rules.filter((r) => r.status === 'error').map((r) => `${r.name}: ${r.error}`)).toEqual([]);
    expect(result.rules.filter((r) => r.kind === 'record' && r.status !== 'data').map((r) => r.name)).toEqual([]);
    expect(result.rules.filter((r) => r.kind === 'alert')).toHaveLength(4);
  });
});
