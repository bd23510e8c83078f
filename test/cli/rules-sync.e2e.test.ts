// Mixins end to end: `dash diff` / `dash apply` of a project using the three built-in mixins
// put their folders, dashboards and rule groups on the Grafana emulator and the ruler emulator
// in one plan; a second apply sends no writes; Grafana-managed alerting and the default rule
// files of the file target work the same way.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startGrafanaEmulator, startRulerEmulator, type GrafanaEmulator, type RulerEmulator } from '../../lib/testing/index.js';
import { makeProject, runDashAsync, writeFiles } from './run-dash.js';

const MIXINS = fileURLToPath(new URL('../../mixins/', import.meta.url));
const RULER_KEY = 'glc_ruler-secret-key-never-printed';
const TENANT = 'team-ops';

function config(mixins: readonly string[], targets = ''): string {
  const imports = mixins.map((m, i) => `import m${i} from ${JSON.stringify(path.join(MIXINS, m, 'index.ts'))};`).join('\n');
  return `import { defineConfig } from 'grafts';\n${imports}\nexport default defineConfig({ mixins: [${mixins.map((_, i) => `m${i}`).join(', ')}]${targets} });\n`;
}

const ALL = ['node-exporter', 'prometheus', 'service-red'];

let grafana: GrafanaEmulator;
let ruler: RulerEmulator;

beforeAll(async () => {
  grafana = await startGrafanaEmulator();
  ruler = await startRulerEmulator({ flavor: 'mimir' });
});
afterAll(async () => {
  await grafana.stop();
  await ruler.stop();
});
beforeEach(() => {
  grafana.reset();
  ruler.reset();
});

function env(): Record<string, string | undefined> {
  return {
    GRAFANA_URL: grafana.url,
    GRAFANA_TOKEN: grafana.token,
    MIMIR_ADDRESS: ruler.url,
    MIMIR_TENANT_ID: TENANT,
    MIMIR_API_KEY: RULER_KEY,
  };
}

/** Doubles spaces and breaks lines after "(" outside string literals: same PromQL, other formatting. */
function reformatOutsideStrings(expr: string): string {
  let out = '';
  let quote: string | undefined;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i]!;
    if (quote) {
      out += c;
      if (c === '\\') out += expr[++i] ?? '';
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'" || c === '`') {
      quote = c;
      out += c;
    } else out += c === ' ' ? '  ' : c === '(' ? '(\n    ' : c;
  }
  return out;
}

function writes(log: readonly { method: string }[]): number {
  return log.filter((r) => r.method !== 'GET').length;
}

function storedGroups(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [namespace, groups] of ruler.state.namespaces(TENANT)) out.set(namespace, [...groups.keys()].sort());
  return out;
}

describe('dash apply of a project with the built-in mixins (Grafana + Mimir ruler)', () => {
  it('applies folders, dashboards and rule groups in one plan; the second apply sends zero writes', async () => {
    // GIVEN a project that uses the three built-in mixins, and a Grafana and a ruler in the environment
    const dir = makeProject({ 'dash.config.ts': config(ALL) });
    // WHEN diffing first
    const diff = await runDashAsync(['diff', '--exit-code', '--no-typecheck'], dir, env());
    // THEN exit 2, with the rule groups in the plan next to the dashboards
    expect(diff.stderr).toBe('');
    expect(diff.exitCode).toBe(2);
    expect(diff.stdout).toMatch(/^\+ rule group node-exporter\/node-exporter\.\S+: create \(\d+ rules?\)$/m);
    expect(diff.stdout).toMatch(/^\+ dashboard \S+ ".*": create \(in "node-exporter"; \d+ panels?, \d+ quer(?:y|ies)\)$/m);
    expect(diff.stdout).toContain('+++ desired/node-exporter/');
    expect(diff.stdout).toContain(`mimir ruler ${ruler.url}/prometheus/config/v1/rules (tenant ${TENANT})`);

    // WHEN applying
    const listingsBefore = ruler.requests.length;
    const applied = await runDashAsync(['apply', '--no-typecheck', '--json'], dir, env());
    expect(applied.exitCode).toBe(0);
    expect(applied.stderr).toMatch(/^\[\d+\/\d+\] created rule group node-exporter\/node-exporter\.\S+$/m);
    const report = JSON.parse(applied.stdout) as {
      plan: { summary: { create: number } };
      report: { writes: number; counts: { created: number; failed: number } };
    };
    // THEN every mixin's namespace holds its groups, and each group was one POST
    const groups = storedGroups();
    expect([...groups.keys()].sort()).toEqual(ALL);
    const groupCount = [...groups.values()].reduce((n, g) => n + g.length, 0);
    const posts = ruler.requests.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(groupCount);
    expect(ruler.requests.slice(listingsBefore).filter((r) => r.method === 'GET')).toHaveLength(1);
    expect(report.report.counts.failed).toBe(0);
    expect(report.report.writes).toBe(report.report.counts.created);
    expect(writes(grafana.requests)).toBeGreaterThanOrEqual(8);

    // WHEN applying again and diffing
    const grafanaBefore = grafana.requests.length;
    const rulerBefore = ruler.requests.length;
    const again = await runDashAsync(['apply', '--no-typecheck', '--json'], dir, env());
    const clean = await runDashAsync(['diff', '--exit-code', '--no-typecheck'], dir, env());
    // THEN nothing is written anywhere and the diff is clean
    expect(again.exitCode).toBe(0);
    expect((JSON.parse(again.stdout) as { report: { writes: number } }).report.writes).toBe(0);
    expect(writes(grafana.requests.slice(grafanaBefore))).toBe(0);
    expect(writes(ruler.requests.slice(rulerBefore))).toBe(0);
    expect(clean.exitCode).toBe(0);
    expect(clean.stdout).toMatch(/0 to create, 0 to update, 0 to move, 0 to delete, \d+ unchanged, 0 conflicts/);
    // AND the ruler key never shows
    for (const out of [diff, applied, again, clean]) expect(out.stdout + out.stderr).not.toContain(RULER_KEY);
  }, 120_000);

  it('ignores PromQL formatting: a group re-saved with other whitespace is unchanged', async () => {
    const dir = makeProject({ 'dash.config.ts': config(['node-exporter']) });
    expect((await runDashAsync(['apply', '--no-typecheck'], dir, env())).exitCode).toBe(0);
    // GIVEN every stored expression reformatted (newlines, doubled spaces) and for: 5m written as 300s
    for (const groups of ruler.state.namespaces(TENANT).values()) {
      for (const group of groups.values()) {
        for (const rule of group.rules) {
          rule.expr = `\n  ${reformatOutsideStrings(String(rule.expr))}\n`;
          if (rule.for === '5m') rule.for = '300s';
        }
      }
    }
    // WHEN diffing
    const diff = await runDashAsync(['diff', '--exit-code', '--no-typecheck', '--format', 'json'], dir, env());
    // THEN no rule group changes
    expect(diff.stderr).toBe('');
    expect(diff.exitCode).toBe(0);
    const plan = JSON.parse(diff.stdout) as { steps: { kind: string; action: string }[] };
    expect(plan.steps.filter((s) => s.kind === 'RuleGroup').every((s) => s.action === 'unchanged')).toBe(true);
  }, 60_000);

  it('with --prune deletes the groups of a removed mixin in an owned namespace, and never a group it does not own', async () => {
    // GIVEN two mixins applied, and a hand-made group in another namespace
    const dir = makeProject({
      'dash.config.ts': config(
        ['node-exporter', 'prometheus'],
        `, targets: { prod: { type: 'grafana', url: process.env.GRAFANA_URL!, tokenEnv: 'GRAFANA_TOKEN', rules: { type: 'ruler', owns: ['node-exporter', 'prometheus'] } } }`,
      ),
    });
    expect((await runDashAsync(['apply', '--no-typecheck', '--target', 'prod'], dir, env())).exitCode).toBe(0);
    ruler.state.setGroup(TENANT, 'hand-made', { name: 'mine', rules: [{ record: 'job:up:sum', expr: 'sum by (job) (up)' }] });
    const prometheusGroups = storedGroups().get('prometheus')!;
    // WHEN the prometheus mixin leaves the code: without --prune it is only reported
    writeFiles(dir, {
      'dash.config.ts': config(
        ['node-exporter'],
        `, targets: { prod: { type: 'grafana', url: process.env.GRAFANA_URL!, tokenEnv: 'GRAFANA_TOKEN', rules: { type: 'ruler', owns: ['node-exporter', 'prometheus'] } } }`,
      ),
    });
    const kept = await runDashAsync(['apply', '--no-typecheck', '--target', 'prod'], dir, env());
    expect(kept.exitCode).toBe(0);
    expect(kept.stdout).toContain(`prometheus/${prometheusGroups[0]}`);
    expect(storedGroups().get('prometheus')).toEqual(prometheusGroups);
    // WHEN applying with --prune
    const before = ruler.requests.length;
    const pruned = await runDashAsync(['apply', '--no-typecheck', '--target', 'prod', '--prune'], dir, env());
    // THEN one DELETE per group of the removed mixin; the hand-made group is untouched
    expect(pruned.exitCode).toBe(0);
    const deletes = ruler.requests.slice(before).filter((r) => r.method === 'DELETE');
    expect(deletes).toHaveLength(prometheusGroups.length);
    expect(storedGroups().has('prometheus')).toBe(false);
    expect(storedGroups().get('hand-made')).toEqual(['mine']);
    expect(storedGroups().get('node-exporter')!.length).toBeGreaterThan(0);
  }, 120_000);
});

describe('dash apply with Grafana-managed alerting', () => {
  it('converts the alerts and recording rules to Grafana-managed rules in the mixin folders, is a no-op the second time, and refuses to overwrite a UI edit without --force', async () => {
    const targets = `, targets: { prod: { type: 'grafana', url: process.env.GRAFANA_URL!, tokenEnv: 'GRAFANA_TOKEN', rules: { type: 'grafana-alerting', datasourceUid: 'prom', provenance: 'none' } } }`;
    const dir = makeProject({ 'dash.config.ts': config(ALL, targets) });
    const first = await runDashAsync(['apply', '--no-typecheck', '--target', 'prod'], dir, env());
    expect(first.stdout).not.toMatch(/recording rules? (is|are) not applied/);
    expect(first.exitCode).toBe(0);
    const rules = [...grafana.state.alertRules.values()].map(
      (r) => r.rule as { folderUID: string; title: string; annotations?: Record<string, string>; record?: { metric: string; from: string } },
    );
    expect(rules.some((r) => r.record?.from === 'A' && r.record.metric === r.title)).toBe(true);
    expect(new Set(rules.map((r) => r.folderUID))).toEqual(new Set(ALL));
    expect(rules.every((r) => r.annotations?.['grafts_managed'] === 'true')).toBe(true);
    const before = grafana.requests.length;
    const again = await runDashAsync(['apply', '--no-typecheck', '--target', 'prod', '--json'], dir, env());
    expect(again.exitCode).toBe(0);
    expect(writes(grafana.requests.slice(before))).toBe(0);
    expect(ruler.requests).toHaveLength(0);

    // GIVEN a rule edited in Grafana's UI (provenance none keeps them editable)
    const edited = [...grafana.state.alertRules.values()][0]!;
    const model = (edited.rule as { data: { model: { expr: string } }[] }).data[0]!.model;
    const original = model.expr;
    model.expr = `${original} > 42`;
    // WHEN diffing and applying THEN it is a conflict (exit 2, then 4) and left as edited
    const diff = await runDashAsync(['diff', '--no-typecheck', '--target', 'prod', '--exit-code'], dir, env());
    expect(diff.exitCode).toBe(2);
    expect(diff.stdout).toMatch(/^! rule group \S+: conflict: rule group was changed outside grafts since the last apply/m);
    const refused = await runDashAsync(['apply', '--no-typecheck', '--target', 'prod'], dir, env());
    expect(refused.exitCode).toBe(4);
    expect(model.expr).toBe(`${original} > 42`);
    // WHEN applying with --force THEN the code's version is back
    const forced = await runDashAsync(['apply', '--no-typecheck', '--target', 'prod', '--force'], dir, env());
    expect(forced.exitCode).toBe(0);
    const restored = [...grafana.state.alertRules.values()].find((r) => r.rule['uid'] === edited.rule['uid'])!;
    expect((restored.rule as { data: { model: { expr: string } }[] }).data[0]!.model.expr).toBe(original);
  }, 120_000);
});

describe('dash apply to the default file target', () => {
  it("writes the mixins' rule groups as marked Prometheus rule files next to the dashboards", async () => {
    const dir = makeProject({ 'dash.config.ts': config(['node-exporter']) });
    const noGrafana = { GRAFANA_URL: undefined, GRAFANA_TOKEN: undefined, MIMIR_ADDRESS: undefined, CI: undefined };
    const applied = await runDashAsync(['apply', '--no-typecheck'], dir, noGrafana);
    expect(applied.exitCode).toBe(0);
    expect(applied.stdout).toMatch(/Applied to .*grafana-provisioning \+ rule files in .*prometheus-rules/);
    const rulesDir = path.join(dir, 'grafana-provisioning', 'prometheus-rules');
    expect(readdirSync(rulesDir)).toEqual(['node-exporter.yaml']);
    const text = readFileSync(path.join(rulesDir, 'node-exporter.yaml'), 'utf8');
    expect(text.startsWith('# Managed by grafts')).toBe(true);
    expect((parse(text) as { groups: unknown[] }).groups.length).toBeGreaterThan(1);
    expect(existsSync(path.join(dir, 'grafana-provisioning', 'dashboards'))).toBe(true);
    const again = await runDashAsync(['apply', '--no-typecheck', '--json'], dir, noGrafana);
    expect((JSON.parse(again.stdout) as { report: { writes: number } }).report.writes).toBe(0);
  }, 60_000);
});
