// The node-exporter mixin (mixins/node-exporter) against the real stack: the shared Prometheus
// loaded its alerts and recording rules (test/support/prometheus-global-setup.ts) and scrapes
// a real node exporter as job "node", so every rule must evaluate healthily, every recording
// rule must record series, and `dash check` must find data in every panel of its dashboards.
import { describe, expect, it } from 'vitest';
import { toJson } from '../../lib/index.js';
import type { CheckResult } from '../../lib/check/check-result.js';
import nodeExporterMixin from '../../mixins/node-exporter/index.js';
import { queryVector } from '../support/prometheus-stack.js';
import { expectPrometheusAbsent, sharedPrometheusStack } from '../support/shared-stack.js';
import { eventually, groupsEvaluatedTwice, ruleNamesOfType } from '../support/loaded-rules.js';
import { checkedMixinFiles, dashCheckOnStack } from '../support/mixin-check.js';

const stack = sharedPrometheusStack();
const rendered = nodeExporterMixin.render();

describe('node-exporter mixin on the real stack', () => {
  it('loads every group, and every rule evaluates with health ok', { timeout: 60_000 }, async () => {
    if (!stack) return expectPrometheusAbsent();
    // GIVEN the mixin's rule files as the stack loaded them
    const files = stack.mixinRuleFiles['node-exporter'];
    expect(files, 'the shared stack loads the node-exporter mixin').toBeDefined();

    // WHEN every rule has been evaluated at least twice (lastEvaluation moved on after a first read)
    const groups = await groupsEvaluatedTwice(stack.prometheusUrl, files!);

    // THEN the groups are the mixin's, with all its rules
    const expectedGroups = [...rendered.alerts.groups, ...rendered.rules.groups].map((g) => g.name).sort();
    expect(groups.map((g) => g.name).sort()).toEqual(expectedGroups);
    expect(
      ruleNamesOfType(
        groups.flatMap((g) => g.rules),
        'alerting',
      ),
    ).toEqual([...files!.alertNames].sort());
    expect(
      ruleNamesOfType(
        groups.flatMap((g) => g.rules),
        'recording',
      ),
    ).toEqual([...files!.records].sort());
    // AND every rule is healthy, without an error
    const unhealthy = groups.flatMap((g) => g.rules).filter((r) => r.health !== 'ok' || r.lastError);
    expect(unhealthy.map((r) => `${r.name}: ${r.health} ${r.lastError ?? ''}`)).toEqual([]);
  });

  it('records series for every recording rule from the real node exporter', { timeout: 60_000 }, async () => {
    if (!stack) return expectPrometheusAbsent();
    // GIVEN the series the mixin's recording rules record
    const records = rendered.rules.groups.flatMap((g) => g.rules).map((r) => ('record' in r ? r.record : ''));
    expect(records.length).toBe(9);

    // WHEN each is queried for the stack's node exporter (polled until the rates have two samples)
    const found = await eventually(async () => {
      const results = await Promise.all(records.map(async (record) => [record, await queryVector(stack.prometheusUrl, `${record}{job="node"}`)] as const));
      return results.every(([, samples]) => samples.length > 0) ? results : undefined;
    });

    // THEN every one has series of that instance, with finite values
    for (const [record, samples] of found) {
      expect(
        samples.every((s) => s.metric.instance === stack.nodeExporterInstance),
        record,
      ).toBe(true);
      expect(
        samples.every((s) => Number.isFinite(Number(s.value?.[1]))),
        record,
      ).toBe(true);
    }
    const value = (record: string) => Number(found.find(([r]) => r === record)![1][0]!.value![1]);
    expect(value('instance:node_cpus:count')).toBeGreaterThanOrEqual(1);
    expect(value('instance:node_memory_utilisation:ratio')).toBeGreaterThan(0);
    expect(value('instance:node_memory_utilisation:ratio')).toBeLessThan(1);
  });

  it('dash check finds data in every panel of both dashboards, and every rule expression evaluates', { timeout: 120_000 }, async () => {
    if (!stack) return expectPrometheusAbsent();
    // GIVEN the rendered mixin in mixtool's layout (dashboards_out/*.json and the rule files),
    // once every recording rule has series (so the panels reading them can have data)
    const records = rendered.rules.groups.flatMap((g) => g.rules).map((r) => ('record' in r ? r.record : ''));
    await eventually(async () => {
      const counts = await Promise.all(records.map(async (r) => (await queryVector(stack.prometheusUrl, `${r}{job="node"}`)).length));
      return counts.every((n) => n > 0) ? true : undefined;
    });
    const files = checkedMixinFiles(rendered);
    expect(Object.keys(files).sort()).toEqual([
      'dashboards_out/node-exporter-fleet.json',
      'dashboards_out/node-exporter-use.json',
      'prometheus_alerts.yaml',
      'prometheus_rules.yaml',
    ]);
    expect(files['dashboards_out/node-exporter-use.json']).toBe(toJson(rendered.dashboards[0]!.json));

    // WHEN `dash check` runs on them against the stack, with its 1 s scrape interval
    const run = dashCheckOnStack(stack, files);

    // THEN it passes
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as CheckResult;
    const notData = result.dashboards.flatMap((d) =>
      d.panels.filter((p) => p.status !== 'data').map((p) => `${d.uid} › ${p.row ?? ''} › ${p.title}: ${p.status}`),
    );
    expect(notData, 'every panel has data (none is marked optional)').toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(result.ok).toBe(true);
    // AND both dashboards discovered job "node" and the stack's node exporter instance
    expect(result.dashboards.map((d) => d.uid).sort()).toEqual(['node-exporter-fleet', 'node-exporter-use']);
    for (const d of result.dashboards) {
      expect(
        d.variables.find((v) => v.name === 'job'),
        d.uid,
      ).toMatchObject({ values: ['node'], selected: 'All' });
      expect(
        d.variables.find((v) => v.name === 'instance'),
        d.uid,
      ).toMatchObject({ values: [stack.nodeExporterInstance], selected: 'All' });
    }
    // AND the USE dashboard checked a panel in each of its five rows
    const use = result.dashboards.find((d) => d.uid === 'node-exporter-use')!;
    expect([...new Set(use.panels.map((p) => p.row))]).toEqual(['CPU', 'Memory', 'Disk I/O', 'Filesystem', 'Network']);
    // AND every rule expression evaluated without error; every recording rule has data
    expect(result.rules.filter((r) => r.status === 'error').map((r) => `${r.name}: ${r.error}`)).toEqual([]);
    expect(result.rules.filter((r) => r.kind === 'record' && r.status !== 'data').map((r) => r.name)).toEqual([]);
    expect(result.rules.filter((r) => r.kind === 'alert').map((r) => r.name)).toHaveLength(15);
  });
});
