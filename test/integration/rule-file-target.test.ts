/**
 * The rule-file target against a REAL Prometheus (Debian's prometheus 2.42) started by this file
 * with --web.enable-lifecycle and rule_files: ['<dir>/*.yaml']: groups written by the target are
 * reloaded and verified; a broken file or a rule that fails at evaluation makes finish() fail
 * naming the rule.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mixin from '../../mixins/node-exporter/index.js';
import type { RuleGroupJson } from '../../lib/mixin/rule-group.js';
import { RuleFileTarget, RuleFileTargetError } from '../../lib/sync/rule-targets/rule-file-target.js';
import { freePort, isProcessAlive, requirePrometheus } from '../support/prometheus-stack.js';
import { BUILTIN_MIXINS_DIR as MIXINS_DIR } from '../support/builtin-mixins.js';
import { makeProject, runDashAsync } from '../cli/run-dash.js';

const BUILTIN = ['node-exporter', 'prometheus', 'service-red'];

let root: string;
let prometheus: ChildProcess | undefined;
let prometheusUrl: string;
const available = requirePrometheus('rule-file target integration test');

beforeAll(async () => {
  if (!available) return;
  root = mkdtempSync(path.join(tmpdir(), 'grafts-rule-files-'));
  const port = await freePort();
  prometheusUrl = `http://127.0.0.1:${port}`;
  const config = [
    'global: { scrape_interval: 1s, evaluation_interval: 1s }',
    'rule_files:',
    `  - ${JSON.stringify(path.join(root, 'rules', '*.yaml'))}`,
    'scrape_configs:',
    `  - { job_name: prometheus, static_configs: [ { targets: ['127.0.0.1:${port}'] } ] }`,
  ].join('\n');
  writeFileSync(path.join(root, 'prometheus.yml'), config + '\n');
  prometheus = spawn(
    'prometheus',
    [
      `--config.file=${path.join(root, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(root, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--web.enable-lifecycle',
      '--log.level=error',
    ],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 300; i++) {
    const ready = await fetch(`${prometheusUrl}/-/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('Prometheus did not become ready');
});

afterAll(() => {
  if (prometheus?.pid !== undefined && isProcessAlive(prometheus.pid)) process.kill(prometheus.pid, 'SIGKILL');
  if (root) rmSync(root, { recursive: true, force: true });
});

function target(): RuleFileTarget {
  return new RuleFileTarget({ dir: path.join(root, 'rules'), prometheusUrl, pollIntervalMs: 200 });
}

async function loadedGroupNames(): Promise<string[]> {
  const json = (await (await fetch(`${prometheusUrl}/api/v1/rules`)).json()) as { data: { groups: { name: string }[] } };
  return json.data.groups.map((g) => g.name).sort();
}

describe('RuleFileTarget with a real Prometheus', () => {
  it("GIVEN the node-exporter mixin's groups written by the target WHEN finish() runs THEN Prometheus loads and evaluates every rule", async () => {
    if (!available) return;
    const rendered = mixin.render();
    const groups = [...rendered.alerts.groups, ...rendered.rules.groups];
    const t = target();
    for (const group of rendered.alerts.groups) await t.saveGroup('node-exporter-alerts', group);
    for (const group of rendered.rules.groups) await t.saveGroup('node-exporter-rules', group);

    await t.finish();

    expect(await loadedGroupNames()).toEqual(groups.map((g) => g.name).sort());
    expect((await t.listGroups()).length).toBe(groups.length);
  });

  it('GIVEN a rule with invalid PromQL WHEN finish() runs THEN the reload fails naming the rule, and Prometheus keeps the previous rules', async () => {
    if (!available) return;
    const t = target();
    const before = await loadedGroupNames();
    const broken: RuleGroupJson = { name: 'broken', rules: [{ record: 'job:broken:sum', expr: 'sum(rate(up[5m])' }] };
    await t.saveGroup('team-x', broken);
    try {
      const error = await t.finish().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(RuleFileTargetError);
      expect(error).toMatchObject({ kind: 'reload', problems: [{ namespace: 'team-x', group: 'broken', rule: 'job:broken:sum' }] });
      expect((error as Error).message).toContain('team-x / broken / job:broken:sum: invalid PromQL');
      expect(await loadedGroupNames()).toEqual(before);
    } finally {
      await t.deleteGroup('team-x', 'broken');
    }
  });

  it("GIVEN a rule that fails at evaluation WHEN finish() runs THEN it fails naming the group, the rule and Prometheus' error", async () => {
    if (!available) return;
    const t = target();
    const failing: RuleGroupJson = {
      name: 'duplicates',
      rules: [
        { record: 'fine:one', expr: 'vector(1)' },
        // Both series end up as {x="1"} once the rule's label is applied.
        { record: 'dup:series', expr: 'vector(1) or label_replace(vector(2), "x", "1", "", "")', labels: { x: '1' } },
      ],
    };
    await t.saveGroup('team-y', failing);
    try {
      const error = await t.finish().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(RuleFileTargetError);
      expect(error).toMatchObject({ kind: 'unhealthy' });
      const problems = (error as RuleFileTargetError).problems;
      expect(problems.map((p) => `${p.namespace}/${p.group}/${p.rule}`)).toEqual(['team-y/duplicates/dup:series']);
      expect(problems[0]!.problem).toMatch(/evaluation failed: .*same labelset/);
    } finally {
      await t.deleteGroup('team-y', 'duplicates');
      await t.finish();
    }
  });

  it('GIVEN a project with the built-in mixins WHEN dash apply targets the rule folder THEN Prometheus loads and evaluates every group, and a second apply writes nothing', async () => {
    if (!available) return;
    // GIVEN an empty rule folder (earlier tests' files removed, Prometheus reloaded)
    rmSync(path.join(root, 'rules'), { recursive: true, force: true });
    await fetch(`${prometheusUrl}/-/reload`, { method: 'POST' });
    const imports = BUILTIN.map((m, i) => `import m${i} from ${JSON.stringify(path.join(MIXINS_DIR, m, 'index.ts'))};`).join('\n');
    const dir = makeProject({
      'dash.config.ts': `import { defineConfig } from 'grafts';\n${imports}\nexport default defineConfig({\n  mixins: [${BUILTIN.map((_, i) => `m${i}`).join(', ')}],\n  targets: { local: { type: 'files', dir: 'provisioned', rules: { type: 'rule-files', dir: ${JSON.stringify(path.join(root, 'rules'))}, prometheusUrl: ${JSON.stringify(prometheusUrl)} } } },\n});\n`,
    });
    // WHEN applying
    const first = await runDashAsync(['apply', '--target', 'local', '--no-typecheck', '--json'], dir);
    // THEN every group of the three mixins is loaded by Prometheus with every rule healthy
    expect(first.stderr).not.toContain('failed');
    expect(first.exitCode).toBe(0);
    const expected = (await Promise.all(BUILTIN.map(async (m) => (await import(path.join(MIXINS_DIR, m, 'index.ts'))).default.render())))
      .flatMap((r: { alerts: { groups: { name: string }[] }; rules: { groups: { name: string }[] } }) =>
        [...r.alerts.groups, ...r.rules.groups].map((g) => g.name),
      )
      .sort();
    expect(await loadedGroupNames()).toEqual(expected);
    const health = (await (await fetch(`${prometheusUrl}/api/v1/rules`)).json()) as { data: { groups: { rules: { health: string }[] }[] } };
    expect(health.data.groups.flatMap((g) => g.rules.map((r) => r.health)).every((h) => h === 'ok')).toBe(true);
    // WHEN applying again
    const again = await runDashAsync(['apply', '--target', 'local', '--no-typecheck', '--json'], dir);
    // THEN nothing is written (and Prometheus is not reloaded)
    expect(again.exitCode).toBe(0);
    expect((JSON.parse(again.stdout) as { report: { writes: number } }).report.writes).toBe(0);
  }, 120_000);
});
