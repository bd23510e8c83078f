// The rule side of the Prometheus stack (test/support/prometheus-stack.ts): Prometheus scrapes
// itself, node exporter runs the collectors the node-exporter mixin reads, every built-in
// mixin's alerts and recording rules are loaded into the shared stack, and a stack of its own
// loads `ruleFiles` and `mixins` and evaluates them every second.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import tiny from '../fixtures/mixin-package/index.js';
import { loadBuiltinMixins } from '../support/builtin-mixins.js';
import { prometheusApi, queryVector, startPrometheusStack, supportedNodeExporterCollectors } from '../support/prometheus-stack.js';
import { expectPrometheusAbsent, sharedPrometheusStack } from '../support/shared-stack.js';

const stack = sharedPrometheusStack();

interface RulesData {
  groups: { name: string; file: string; rules: { name: string; type: 'alerting' | 'recording'; health: string }[] }[];
}

/** Polls until `probe` returns a value (bounded by the test's timeout). */
async function eventually<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('the shared Prometheus stack: self-scrape, collectors, built-in mixins', () => {
  it('scrapes Prometheus itself as job "prometheus"', async () => {
    if (!stack) return expectPrometheusAbsent();
    // WHEN `up` of job prometheus and one of Prometheus' own metrics are queried
    const up = await queryVector(stack.prometheusUrl, 'up{job="prometheus"}');
    const own = await queryVector(stack.prometheusUrl, 'prometheus_build_info{job="prometheus"}');

    // THEN its one instance is up and exposes prometheus_build_info
    expect(up.map((s) => [s.metric.instance, s.value?.[1]])).toEqual([[stack.prometheusInstance, '1']]);
    expect(own).toHaveLength(1);
  });

  it('runs every enabled node exporter collector successfully, and only those', async () => {
    if (!stack) return expectPrometheusAbsent();
    // GIVEN the collectors the stack enabled
    expect(stack.nodeExporterCollectors).toEqual(supportedNodeExporterCollectors());

    // WHEN node exporter's own collector report is read
    const body = await (await fetch(`${stack.nodeExporterUrl}/metrics`)).text();
    const success = [...body.matchAll(/^node_scrape_collector_success\{collector="([^"]+)"\} (\d)$/gm)].map((m) => [m[1], m[2]]);

    // THEN exactly those collectors ran, each successfully
    expect(success.map(([c]) => c).sort()).toEqual([...stack.nodeExporterCollectors].sort());
    expect(success.filter(([, ok]) => ok !== '1')).toEqual([]);
    // AND a metric of each family the node-exporter mixin reads is exposed
    for (const metric of [
      'node_cpu_seconds_total',
      'node_memory_MemAvailable_bytes',
      'node_load1',
      'node_timex_sync_status',
      'node_netstat_Tcp_RetransSegs',
      'node_filefd_allocated',
      'node_vmstat_pgmajfault',
      'node_filesystem_avail_bytes',
      'node_disk_io_time_seconds_total',
      'node_network_receive_bytes_total',
    ]) {
      expect(body, metric).toMatch(new RegExp(`^${metric}[{ ]`, 'm'));
    }
  });

  it('loads the alerts and recording rules of every built-in mixin, all healthy', async () => {
    if (!stack) return expectPrometheusAbsent();
    // GIVEN the built-in mixins of mixins/
    const builtin = (await loadBuiltinMixins()).map((m) => m.mixin.name).sort();

    // WHEN Prometheus is asked for its rules
    const data = await prometheusApi<RulesData>(stack.prometheusUrl, '/api/v1/rules');

    // THEN every built-in mixin's rule files were loaded
    expect(Object.keys(stack.mixinRuleFiles).sort()).toEqual(builtin);
    expect(stack.ruleFiles).toEqual(Object.values(stack.mixinRuleFiles).flatMap((m) => [m.alerts, m.rules]));
    for (const [name, files] of Object.entries(stack.mixinRuleFiles)) {
      const alerts = data.groups.filter((g) => g.file === files.alerts).flatMap((g) => g.rules);
      const records = data.groups.filter((g) => g.file === files.rules).flatMap((g) => g.rules);
      // AND each holds exactly the mixin's alerts and records, none unhealthy
      expect(alerts.map((r) => r.name).sort(), name).toEqual([...files.alertNames].sort());
      expect(records.map((r) => r.name).sort(), name).toEqual([...files.records].sort());
      expect(
        [...alerts, ...records].filter((r) => r.health === 'err'),
        name,
      ).toEqual([]);
    }
  });
});

describe('startPrometheusStack with rules', () => {
  it('loads ruleFiles and mixins, and evaluates recording rules every second', async () => {
    if (!stack) return expectPrometheusAbsent();
    // GIVEN a rule file of its own and the tiny fixture mixin, configured
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'grafts-stack-rules-'));
    onTestFinished(() => rmSync(tmp, { recursive: true, force: true }));
    const ruleFile = path.join(tmp, 'extra.yaml');
    writeFileSync(ruleFile, 'groups:\n  - name: extra\n    rules:\n      - record: extra:up:count\n        expr: count(up)\n');

    // WHEN a stack of its own starts with them
    const own = await startPrometheusStack({
      services: [],
      ruleFiles: [ruleFile],
      mixins: [tiny.config({ downForMinutes: 1 })],
    });
    onTestFinished(() => own.stop());

    // THEN the tiny mixin's files are in the stack's dir and listed with its rule names
    expect(own.mixinRuleFiles['tiny']).toEqual({
      alerts: path.join(own.dir, 'mixins', 'tiny', 'prometheus_alerts.yaml'),
      rules: path.join(own.dir, 'mixins', 'tiny', 'prometheus_rules.yaml'),
      alertNames: ['TinyTargetDown', 'TinyNoTargets'],
      records: ['job:up:sum'],
      groupCount: 2,
    });
    expect(own.ruleFiles).toEqual([ruleFile, own.mixinRuleFiles['tiny']!.alerts, own.mixinRuleFiles['tiny']!.rules]);
    // AND the override shows in the loaded alert
    const data = await prometheusApi<{ groups: { rules: { name: string; duration?: number }[] }[] }>(own.prometheusUrl, '/api/v1/rules');
    expect(data.groups.flatMap((g) => g.rules).find((r) => r.name === 'TinyTargetDown')?.duration).toBe(60);
    // AND both recording rules get data from the self-scrape (polled, not timed)
    const recorded = await eventually(async () => {
      const sum = await queryVector(own.prometheusUrl, 'job:up:sum');
      const count = await queryVector(own.prometheusUrl, 'extra:up:count');
      // (both targets up: a first evaluation may predate the node exporter's first scrape)
      return sum.length > 0 && Number(count[0]?.value?.[1]) === 2 ? { sum, count } : undefined;
    });
    expect(recorded.sum.map((s) => [s.metric.job, s.value?.[1]])).toEqual([['prometheus', '1']]);
    expect(Number(recorded.count[0]?.value?.[1])).toBe(2);
  });

  it('fails naming the mixin that does not render, and leaves nothing running', async () => {
    if (!stack) return expectPrometheusAbsent();
    // GIVEN a mixin with an override naming an alert it does not have
    const broken = tiny.dropAlert('NoSuchAlert');

    // WHEN a stack is started with it
    const start = startPrometheusStack({ services: [], mixins: [broken] });

    // THEN the start fails, naming the mixin and the problem
    await expect(start).rejects.toThrow(/mixin "tiny" failed to render: .*no alert named "NoSuchAlert"/s);
  });

  it('loadBuiltinMixins fails naming a package whose default export is not a Mixin', async () => {
    // GIVEN a mixins folder holding one package that exports a plain object
    const root = mkdtempSync(path.join(os.tmpdir(), 'grafts-builtin-'));
    onTestFinished(() => rmSync(root, { recursive: true, force: true }));
    mkdirSync(path.join(root, 'bogus'));
    writeFileSync(path.join(root, 'bogus', 'package.json'), JSON.stringify({ name: '@grafts/mixin-bogus', grafts: { mixin: './dist/index.js' } }));
    writeFileSync(path.join(root, 'bogus', 'index.ts'), 'export default { name: "bogus" };\n');

    // WHEN the built-in mixins are loaded from it
    const load = loadBuiltinMixins(root);

    // THEN it fails naming the package
    await expect(load).rejects.toThrow(/@grafts\/mixin-bogus .*the default export is not a Mixin/);
  });
});
