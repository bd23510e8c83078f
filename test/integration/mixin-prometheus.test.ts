// The Prometheus mixin (mixins/prometheus) against the real stack: the shared Prometheus loaded
// its alerts and recording rules (test/support/prometheus-global-setup.ts) and scrapes itself
// as job "prometheus", next to node exporter and the example services. Every rule must
// evaluate healthily, the scrape health rules must record every job, the target-down alert
// must stay quiet with every target up, and `dash check` must find data in every panel that
// is not optional (the remote write queue panels are: the stack has no remote write).
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../lib/check/check-result.js';
import prometheusMixin from '../../mixins/prometheus/index.js';
import { queryVector, type PrometheusStackInfo } from '../support/prometheus-stack.js';
import { expectPrometheusAbsent, sharedPrometheusStack } from '../support/shared-stack.js';
import { eventually, groupsEvaluatedTwice, loadedGroups, ruleNamesOfType } from '../support/loaded-rules.js';
import { checkedMixinFiles, dashCheckOnStack } from '../support/mixin-check.js';

const stack = sharedPrometheusStack();
const rendered = prometheusMixin.render();
const records = rendered.rules.groups.flatMap((g) => g.rules).map((r) => ('record' in r ? r.record : ''));

/** The mixin's groups as Prometheus loaded them (from its two rule files). */
async function mixinGroups(s: PrometheusStackInfo) {
  const files = s.mixinRuleFiles['prometheus'];
  if (!files) throw new Error('the shared stack did not load the prometheus mixin');
  return loadedGroups(s.prometheusUrl, files);
}

/** The jobs the stack scrapes: Prometheus itself, node exporter and each example service. */
function scrapedJobs(s: PrometheusStackInfo): string[] {
  return ['prometheus', 'node', ...s.services.map((x) => x.job)].sort();
}

describe('prometheus mixin on the real stack', () => {
  it('loads every group, and every rule evaluates with health ok', { timeout: 60_000 }, async () => {
    if (!stack) return expectPrometheusAbsent();
    // GIVEN the mixin's rule files as the stack loaded them
    const files = stack.mixinRuleFiles['prometheus'];
    expect(files, 'the shared stack loads the prometheus mixin').toBeDefined();

    // WHEN every rule has been evaluated twice (its lastEvaluation moved on after a first read)
    const groups = await groupsEvaluatedTwice(stack.prometheusUrl, files!);

    // THEN the groups are the mixin's six, holding its 21 alerts and 5 recording rules
    expect(groups.map((g) => g.name).sort()).toEqual([...rendered.alerts.groups, ...rendered.rules.groups].map((g) => g.name).sort());
    const rules = groups.flatMap((g) => g.rules);
    expect(ruleNamesOfType(rules, 'alerting')).toEqual([...files!.alertNames].sort());
    expect(rules.filter((r) => r.type === 'alerting')).toHaveLength(21);
    expect(rules.filter((r) => r.type === 'recording').map((r) => r.name)).toEqual(records);
    // AND every rule is healthy, without an error
    expect(rules.filter((r) => r.health !== 'ok' || r.lastError).map((r) => `${r.name}: ${r.health} ${r.lastError ?? ''}`)).toEqual([]);
  });

  it('records scrape health for every scraped job, all targets up', { timeout: 60_000 }, async () => {
    if (!stack) return expectPrometheusAbsent();
    // GIVEN the jobs the stack scrapes
    const jobs = scrapedJobs(stack);

    // WHEN each recorded series has a sample for every one of them
    const found = await eventually(async () => {
      const results = await Promise.all(records.map(async (record) => [record, await queryVector(stack.prometheusUrl, record)] as const));
      const complete = results.every(([, samples]) => jobs.every((job) => samples.some((s) => s.metric.job === job)));
      return complete ? new Map(results) : undefined;
    });

    // THEN targets are counted per job, all of them up, with finite scrape figures
    const valueOf = (record: string, job: string) => Number(found.get(record)!.find((s) => s.metric.job === job)!.value![1]);
    for (const service of stack.services) {
      expect(valueOf('job:up:count', service.job), service.job).toBe(service.instances.length);
      expect(valueOf('job:up:sum', service.job), service.job).toBe(service.instances.length);
    }
    for (const job of jobs) {
      expect(valueOf('job:up:ratio', job), job).toBe(1);
      expect(valueOf('job:scrape_duration_seconds:max', job), job).toBeGreaterThan(0);
      expect(valueOf('job:scrape_samples_scraped:sum', job), job).toBeGreaterThan(0);
    }
    expect(valueOf('job:up:count', 'prometheus')).toBe(1);
    // AND the series carry only the job label (aggregated over instances)
    for (const [record, samples] of found) {
      for (const s of samples) expect(Object.keys(s.metric).sort(), record).toEqual(['__name__', 'job']);
    }
  });

  it('keeps PrometheusTargetDown inactive while every target is up', { timeout: 60_000 }, async () => {
    if (!stack) return expectPrometheusAbsent();
    // GIVEN every scraped job has its targets up
    await eventually(async () => {
      const up = await queryVector(stack.prometheusUrl, 'min by (job) (up)');
      return scrapedJobs(stack).every((job) => up.some((s) => s.metric.job === job && s.value?.[1] === '1')) ? true : undefined;
    });

    // WHEN the alert has been evaluated
    const rule = await eventually(async () => {
      const r = (await mixinGroups(stack)).flatMap((g) => g.rules).find((x) => x.name === 'PrometheusTargetDown');
      return r && r.health === 'ok' ? r : undefined;
    });

    // THEN it is inactive, and its condition selects nothing
    expect(rule.state).toBe('inactive');
    const expr = rendered.alerts.groups.flatMap((g) => g.rules).find((r) => 'alert' in r && r.alert === 'PrometheusTargetDown')!.expr;
    expect(await queryVector(stack.prometheusUrl, expr)).toEqual([]);
  });

  it('dash check: every panel has data or is optional, and every rule evaluates', { timeout: 120_000 }, async () => {
    if (!stack) return expectPrometheusAbsent();
    // GIVEN the rendered mixin in mixtool's layout, once the recording rules have series
    await eventually(async () => {
      const counts = await Promise.all(records.map(async (r) => (await queryVector(stack.prometheusUrl, r)).length));
      return counts.every((n) => n > 0) ? true : undefined;
    });
    const files = checkedMixinFiles(rendered);
    expect(Object.keys(files).sort()).toEqual([
      'dashboards_out/prometheus-overview.json',
      'dashboards_out/prometheus-remote-write.json',
      'prometheus_alerts.yaml',
      'prometheus_rules.yaml',
    ]);

    // WHEN `dash check` runs on them against the stack, with its 1 s scrape interval
    const run = dashCheckOnStack(stack, files);

    // THEN it passes: no error, no panel without data that is not optional
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as CheckResult;
    const status = (uid: string) => Object.fromEntries(result.dashboards.find((d) => d.uid === uid)!.panels.map((p) => [p.title, p.status]));
    expect(result.counts).toMatchObject({ noData: 0, error: 0, variableErrors: 0 });
    expect(run.exitCode).toBe(0);
    expect(result.ok).toBe(true);
    // AND on the overview every panel has data, except the Alertmanager error ratio (no Alertmanager here)
    const overview = status('prometheus-overview');
    expect(Object.entries(overview).filter(([, s]) => s !== 'data')).toEqual([['Notification errors', 'empty-ok']]);
    expect(Object.keys(overview)).toHaveLength(27);
    // AND on the remote write dashboard only "Samples in" has data; the queue panels are optional and empty
    const remote = status('prometheus-remote-write');
    expect(remote['Samples in']).toBe('data');
    expect(
      Object.entries(remote)
        .filter(([title]) => title !== 'Samples in')
        .every(([, s]) => s === 'empty-ok'),
    ).toBe(true);
    expect(Object.keys(remote)).toHaveLength(9);
    // AND the variables found this Prometheus, and every scraped job for the target panels
    for (const d of result.dashboards) {
      expect(
        d.variables.find((v) => v.name === 'job'),
        d.uid,
      ).toMatchObject({ values: ['prometheus'], selected: 'All' });
      expect(
        d.variables.find((v) => v.name === 'instance'),
        d.uid,
      ).toMatchObject({ values: [stack.prometheusInstance], selected: 'All' });
    }
    const scrapeJob = result.dashboards.find((d) => d.uid === 'prometheus-overview')!.variables.find((v) => v.name === 'scrape_job')!;
    expect(scrapeJob.values).toEqual(expect.arrayContaining(scrapedJobs(stack)));
    // AND every rule expression evaluated without error, every recording rule with data
    expect(result.rules.filter((r) => r.status === 'error').map((r) => `${r.name}: ${r.error}`)).toEqual([]);
    expect(result.rules.filter((r) => r.kind === 'record' && r.status !== 'data').map((r) => r.name)).toEqual([]);
    expect(result.rules.filter((r) => r.kind === 'alert')).toHaveLength(21);
  });
});
