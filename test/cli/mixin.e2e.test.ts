// `dash build` with `mixins` in dash.config.ts, and `dash mixin build|lint|test`, through the
// built bin, on copies of the fixture mixin package (test/fixtures/mixin-package).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, dashTestEnv, makeProject, readTree, runDash } from './run-dash.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/mixin-package/', import.meta.url));
const promtoolInstalled = spawnSync('promtool', ['--version']).status === 0;

/** A temp copy of the fixture mixin package. */
function fixtureCopy(): string {
  const dir = makeProject({});
  cpSync(FIXTURE, dir, { recursive: true, filter: (src) => !/[/\\](dist|out|node_modules)$/.test(src) });
  return dir;
}

/** A project whose dash.config.ts uses the fixture mixin (imported from a copy inside it). */
function projectWith(mixins: string, files: Record<string, string> = {}): string {
  const dir = makeProject(files);
  cpSync(FIXTURE, path.join(dir, 'vendor', 'tiny'), { recursive: true, filter: (src) => !/[/\\](dist|out)$/.test(src) });
  writeFileSync(
    path.join(dir, 'dash.config.ts'),
    `import { defineConfig } from 'grafts';\nimport tiny from './vendor/tiny/index.ts';\n\nexport default defineConfig({ mixins: ${mixins} });\n`,
  );
  return dir;
}

const DASHBOARD = `import { dashboard, text } from 'grafts';\nexport default dashboard('Home').uid('home').panel(text('Hi').content('hi'));\n`;

describe('dash build with mixins (built bin)', () => {
  it('writes each configured mixin in mixtool layout next to the dashboards, with a summary line', () => {
    // GIVEN a project with one dashboard and the tiny mixin, configured and with an alert dropped
    const dir = projectWith(`[tiny.config({ downForMinutes: 9 }).dropAlert('TinyNoTargets')]`, { 'home.dash.ts': DASHBOARD });

    // WHEN built
    const run = runDash(['build', '--no-typecheck'], dir);

    // THEN both are written
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const tree = readTree(path.join(dir, 'out'));
    expect(Object.keys(tree).sort()).toEqual([
      '.grafts-out',
      'dashboards/home.json',
      'mixins/tiny/dashboards_out/tiny-overview.json',
      'mixins/tiny/prometheus_alerts.yaml',
      'mixins/tiny/prometheus_rules.yaml',
    ]);
    // AND the override and the drop show in the alerts
    expect(tree['mixins/tiny/prometheus_alerts.yaml']).toContain('for: 9m');
    expect(tree['mixins/tiny/prometheus_alerts.yaml']).not.toContain('TinyNoTargets');
    expect(run.stdout).toMatch(/^Built 1 dashboard \+ 1 mixin \(1 panel, 0 queries\) in \d+ ms → out\/\n/);
    expect(run.stdout).toContain('mixins/tiny/  mixin  1 dashboard, 1 alert, 1 recording rule');
  });

  it('builds a project of mixins only, and reports them in --json', () => {
    // GIVEN a project without *.dash.ts files
    const dir = projectWith('[tiny]');

    // WHEN built with --json
    const run = runDash(['build', '--json'], dir);

    // THEN the mixin is listed with its counts and files
    expect(run.exitCode).toBe(0);
    const result = JSON.parse(run.stdout) as { dashboards: unknown[]; mixins: unknown[] };
    expect(result.dashboards).toEqual([]);
    expect(result.mixins).toEqual([
      {
        name: 'tiny',
        dir: 'mixins/tiny',
        files: ['dashboards_out/tiny-overview.json', 'prometheus_alerts.yaml', 'prometheus_rules.yaml'],
        dashboards: 1,
        alerts: 2,
        rules: 1,
      },
    ]);
  });

  it('rejects a value that is not a mixin, naming its index, and writes nothing', () => {
    // GIVEN a config listing a mixin and a plain object
    const dir = projectWith(`[tiny, { name: 'fake' } as never]`);

    // WHEN built
    const run = runDash(['build', '--no-typecheck'], dir);

    // THEN it fails with a config error, and no output exists
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('dash.config.ts: "mixins[1]" is not a mixin');
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('reports render problems of mixins with their path, all at once, and writes nothing', () => {
    // GIVEN a dashboard and a mixin with an unknown config key and a typo in a drop
    const dir = projectWith(`[tiny.config({ nope: 1 } as never), tiny.dropAlert('TinyTargetDwn')]`, { 'home.dash.ts': DASHBOARD });

    // WHEN built
    const run = runDash(['build', '--no-typecheck'], dir);

    // THEN both problems are printed with where they are, exit 1, nothing written
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('error: invalid mixins (3 problems):');
    expect(run.stderr).toContain('dash.config.ts › mixins[0] › mixin "tiny": unknown config key "nope"');
    expect(run.stderr).toContain('dash.config.ts › mixins[1] › mixin "tiny": drop: no alert named "TinyTargetDwn"');
    expect(run.stderr).toContain('dash.config.ts › mixins[1]: two mixins are named "tiny"');
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });
});

describe('dash mixin build|lint|test (built bin)', () => {
  it('build writes mixtool layout to <dir>/out from the TypeScript source, or to --out', () => {
    // GIVEN a copy of the fixture package (not compiled: grafts.source is loaded)
    const dir = fixtureCopy();

    // WHEN built, then built again elsewhere
    const run = runDash(['mixin', 'build'], dir);
    const other = runDash(['mixin', 'build', '.', '--out', 'elsewhere', '--json'], dir);

    // THEN the files are in out/ (marker-protected) and in elsewhere/
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^Built mixin tiny in \d+ ms → out\/\n {2}1 dashboard, 2 alerts, 1 recording rule\n$/);
    expect(Object.keys(readTree(path.join(dir, 'out'))).sort()).toEqual([
      '.grafts-out',
      'dashboards_out/tiny-overview.json',
      'prometheus_alerts.yaml',
      'prometheus_rules.yaml',
    ]);
    expect(other.exitCode).toBe(0);
    expect(JSON.parse(other.stdout)).toMatchObject({ kind: 'package', mixins: [{ name: 'tiny', dir: '.', alerts: 2 }] });
    expect(existsSync(path.join(dir, 'elsewhere', 'prometheus_rules.yaml'))).toBe(true);
  });

  it('build of a project writes each of its mixins under mixins_out/<name>/', () => {
    // GIVEN a project listing the mixin
    const dir = projectWith('[tiny]');

    // WHEN built with dash mixin build
    const run = runDash(['mixin', 'build'], dir);

    // THEN
    expect(run.exitCode).toBe(0);
    expect(readTree(path.join(dir, 'mixins_out'))['tiny/prometheus_alerts.yaml']).toContain('TinyTargetDown');
  });

  it('build refuses a directory that is neither a mixin package nor a project with mixins', () => {
    // GIVEN an empty directory
    const dir = makeProject({ 'README.md': 'x' });

    // WHEN built, THEN
    const run = runDash(['mixin', 'build'], dir);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('is neither a mixin package');
  });

  it('lint passes the fixture, and reports convention errors with exit 1 (human and --json)', () => {
    // GIVEN the fixture, and a copy whose summary is templated
    const good = fixtureCopy();
    const bad = fixtureCopy();
    const src = path.join(bad, 'src', 'mixin.ts');
    writeFileSync(src, readFileSync(src, 'utf8').replace(".summary('A target is down.')", ".summary('{{ $labels.instance }} is down')"));

    // WHEN both are linted
    const ok = runDash(['mixin', 'lint'], good);
    const ko = runDash(['mixin', 'lint', bad], good);
    const json = runDash(['mixin', 'lint', '--json'], bad);

    // THEN
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout).toContain(promtoolInstalled ? 'promtool check rules passed' : 'promtool check rules skipped: promtool not installed');
    expect(ok.stdout).toMatch(/0 errors, 0 warnings\n$/);
    expect(ko.exitCode).toBe(1);
    expect(ko.stdout).toContain('prometheus_alerts.yaml › group "tiny"');
    expect(ko.stdout).toMatch(/error +TinyTargetDown: summary "\{\{ \$labels\.instance \}\} is down" is templated.*alert-summary-templating/);
    expect(json.exitCode).toBe(1);
    const result = JSON.parse(json.stdout) as { findings: { rule: string }[]; passed: boolean };
    expect(result.passed).toBe(false);
    expect(result.findings.map((f) => f.rule)).toEqual(['alert-summary-templating', 'alert-summary-style']);
  });

  it('test runs the TS tests and tests/*.yaml with promtool, printing its version', () => {
    if (!promtoolInstalled) return expect(process.env['CI'], 'CI must have promtool').toBeFalsy();
    // GIVEN the fixture
    const dir = fixtureCopy();

    // WHEN tested
    const run = runDash(['mixin', 'test'], dir);

    // THEN
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^promtool, version 2\./);
    expect(run.stdout).toContain('PASS mixin tiny: 1 test group + tests/absent.test.yaml');
  });

  it('test fails on a failing YAML test, and on a YAML test naming other rule files', () => {
    if (!promtoolInstalled) return expect(process.env['CI'], 'CI must have promtool').toBeFalsy();
    // GIVEN a copy whose YAML test expects another severity, and one naming alerts.yaml
    const failing = fixtureCopy();
    const yaml = path.join(failing, 'tests', 'absent.test.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('severity: critical', 'severity: info'));
    const misnamed = fixtureCopy();
    writeFileSync(
      path.join(misnamed, 'tests', 'absent.test.yaml'),
      readFileSync(path.join(FIXTURE, 'tests', 'absent.test.yaml'), 'utf8').replace('- prometheus_alerts.yaml', '- alerts.yaml'),
    );

    // WHEN tested
    const fail = runDash(['mixin', 'test'], failing);
    const bad = runDash(['mixin', 'test'], misnamed);

    // THEN both exit 1 with the reason
    expect(fail.exitCode).toBe(1);
    expect(fail.stdout).toContain('FAIL mixin tiny');
    expect(fail.stdout).toContain('TinyNoTargets');
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain(
      'tests/absent.test.yaml: rule_files must list prometheus_alerts.yaml and/or prometheus_rules.yaml (the rendered files), not "alerts.yaml"',
    );
  });

  it('test exits 1 with how to install promtool when it is missing', () => {
    // GIVEN $PROMTOOL pointing at nothing
    const dir = fixtureCopy();

    // WHEN tested
    const r = spawnSync(process.execPath, [BIN, 'mixin', 'test'], { cwd: dir, encoding: 'utf8', env: dashTestEnv({ PROMTOOL: '/nonexistent/promtool' }) });

    // THEN
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('error: promtool not found');
    expect(r.stderr).toContain('apt-get install prometheus');
  });
});
