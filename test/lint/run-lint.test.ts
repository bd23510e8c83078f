import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectInputs } from '../../lib/project/collect-inputs.js';
import { ConfigError, LoadError } from '../../lib/project/errors.js';
import { runLint } from '../../lib/lint/run-lint.js';
import { makeProject, readTree } from '../cli/run-dash.js';
import { dashboard, panel, q } from './fixtures.js';

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** A dashboard with a fixed-range rate (warning) and a hard-coded data source uid (error, fixable). */
function fixableDashboard(): Record<string, unknown> {
  return dashboard({ uid: 'api', title: 'API' }, [
    { ...panel('Requests', q('sum(rate(M[$__interval]))')), datasource: { type: 'prometheus', uid: 'P1809F7CD0C75ACF3' } },
    panel('Errors', q('sum(rate(M[5m]))')),
  ]);
}

describe('collectInputs', () => {
  it('walks a directory for dashboards (extension-less ones too) and rule files, sorted, ignoring other files', async () => {
    // GIVEN JSON dashboards, a bare dashboard file, a rule file, and unrelated JSON/YAML
    const dir = makeProject({
      'm/b/dashboards/overview': json(dashboard()),
      'm/a/dashboards/x.json': json({ dashboard: dashboard({ uid: 'x' }) }),
      'm/a/alerts.yaml': 'groups:\n  - name: g\n    rules: []\n',
      'm/a/package.json': json({ name: 'p' }),
      'm/a/values.yml': 'replicas: 2\n',
    });
    // WHEN inputs are collected
    const inputs = await collectInputs({ cwd: dir, paths: ['m'] });
    // THEN dashboards (API wrapper removed) and rule files come out sorted with cwd-relative sources
    expect(inputs.dashboards.map((d) => [d.source, d.json['uid']])).toEqual([
      ['m/a/dashboards/x.json', 'x'],
      ['m/b/dashboards/overview', 'svc'],
    ]);
    expect(inputs.ruleFiles.map((f) => f.source)).toEqual(['m/a/alerts.yaml']);
  });

  it('names the file, line and column of invalid JSON and YAML', async () => {
    // GIVEN a broken JSON dashboard and a broken rule file
    const dir = makeProject({ 'd/a.json': '{\n  "panels": [1,,2]\n}\n', 'd/r.yaml': 'groups:\n  - name: [\n' });
    // WHEN inputs are collected
    const error = await collectInputs({ cwd: dir, paths: ['d'] }).catch((e: unknown) => e);
    // THEN one LoadError lists both, located
    expect(error).toBeInstanceOf(LoadError);
    expect((error as LoadError).message).toMatch(/^d\/a\.json:2:16: invalid JSON: .+\nd\/r\.yaml:\d+:\d+: invalid YAML: /);
  });

  it('renders a grafts project in memory without writing', async () => {
    // GIVEN the quickstart example
    const root = path.resolve(import.meta.dirname, '../..');
    // WHEN its inputs are collected
    const inputs = await collectInputs({ cwd: root, paths: ['examples/quickstart'], typecheck: false });
    // THEN its dashboard comes from the entry file
    expect(inputs.dashboards.map((d) => [d.source, d.json['uid'], d.fromJson])).toEqual([
      ['examples/quickstart/dashboards/checkout.dash.ts', 'checkout-service', false],
    ]);
  });
});

describe('runLint config', () => {
  it('applies severity overrides from dash.config.ts', async () => {
    // GIVEN a config turning rate-interval into an error and panel-datasource off
    const dir = makeProject({
      'dash.config.ts': `export default { lint: { rules: { 'rate-interval': 'error', 'panel-datasource': 'off' } } };\n`,
      'json/api.json': json(fixableDashboard()),
    });
    // WHEN linted
    const result = await runLint({ cwd: dir, paths: ['json'] });
    // THEN rate-interval findings are errors and panel-datasource is silent
    expect(result.findings.map((f) => `${f.rule}:${f.severity}`)).toEqual(['rate-interval:error', 'rate-interval:error']);
    expect(result.passed).toBe(false);
  });

  it('drops excluded findings by dashboard and panel glob and counts them', async () => {
    // GIVEN an exclusion of rate-interval on panels "Err*" of dashboard "AP?"
    const dir = makeProject({
      'dash.config.ts': `export default { lint: { exclude: [{ rule: 'rate-interval', dashboard: 'AP?', panel: 'Err*', reason: 'legacy' }] } };\n`,
      'json/api.json': json(fixableDashboard()),
    });
    // WHEN linted
    const result = await runLint({ cwd: dir, paths: ['json'] });
    // THEN only the Requests panel's findings remain
    expect(result.findings.map((f) => `${f.rule}:${f.location.panel}`)).toEqual(['panel-datasource:Requests', 'rate-interval:Requests']);
    expect(result.counts.excluded).toBe(1);
    expect(result.excluded).toEqual([{ exclusion: { rule: 'rate-interval', dashboard: 'AP?', panel: 'Err*', reason: 'legacy' }, findings: 1 }]);
  });

  it('rejects unknown rule ids in the config', async () => {
    // GIVEN a config with a typo in a rule id
    const dir = makeProject({ 'dash.config.ts': `export default { lint: { rules: { 'rate-intervall': 'off' } } };\n`, 'json/api.json': json(dashboard()) });
    // WHEN linted / THEN a ConfigError names the rule
    await expect(runLint({ cwd: dir, paths: ['json'] })).rejects.toThrow(ConfigError);
    await expect(runLint({ cwd: dir, paths: ['json'] })).rejects.toThrow('unknown rule "rate-intervall"');
  });
});

describe('runLint --fix', () => {
  it('rewrites JSON files safely and is idempotent', async () => {
    // GIVEN a JSON dashboard with [$__interval] in rate and a hard-coded uid
    const dir = makeProject({ 'json/api.json': json(fixableDashboard()) });

    // WHEN fixed twice
    const first = await runLint({ cwd: dir, paths: ['json'], fix: true });
    const afterFirst = readFileSync(path.join(dir, 'json/api.json'), 'utf8');
    const second = await runLint({ cwd: dir, paths: ['json'], fix: true });

    // THEN the first run fixes both, keeps formatting, leaves [5m] (unsafe) for the user; the second changes nothing
    expect(first.fixed).toEqual([{ source: 'json/api.json', fixes: { 'panel-datasource': 1, 'rate-interval': 1 } }]);
    const fixed = JSON.parse(afterFirst) as { panels: { datasource: unknown; targets: { expr: string }[] }[] };
    expect(fixed.panels[0]!.datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
    expect(fixed.panels[0]!.targets[0]!.expr).toBe(q('sum(rate(M[$__rate_interval]))'));
    expect(afterFirst).toMatch(/^\{\n {2}"uid": "api",\n/);
    expect(afterFirst.endsWith('}\n')).toBe(true);
    expect(first.findings.map((f) => f.rule)).toEqual(['rate-interval']);
    expect(second.fixed).toEqual([]);
    expect(readFileSync(path.join(dir, 'json/api.json'), 'utf8')).toBe(afterFirst);
  });

  it('never touches a grafts project and says to fix the source', async () => {
    // GIVEN a grafts project whose panel uses [$__interval]
    const dir = makeProject({
      'dashboards/api.dash.ts': `import { dashboard, timeseries, prometheus, datasource } from 'grafts';
const ds = datasource('prometheus', 'fixed-uid');
export default dashboard('API').uid('api').panel(
  timeseries('Requests').datasource(ds).unit('reqps').target(prometheus('sum(rate(x_total[$__interval]))')),
);
`,
    });
    const before = readTree(dir);
    // WHEN linted with fix
    const result = await runLint({ cwd: dir, fix: true, typecheck: false });
    // THEN nothing is written and fixable findings say where to fix
    expect(readTree(dir)).toEqual(before);
    expect(result.fixed).toEqual([]);
    const fixable = result.findings.filter((f) => f.hint !== undefined);
    expect(fixable.map((f) => f.rule)).toEqual(['rate-interval']);
    expect(fixable[0]!.hint).toContain('fix in the .dash.ts source');
    expect(fixable[0]!.source).toBe('dashboards/api.dash.ts');
  });
});
