// The TypeScript examples of README.md and docs/*.md (blocks starting `// file: <path>`) are
// one project, built and exercised here with the built bin: an example that stops compiling or
// working fails CI.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, runDash, runDashAsync } from './cli/run-dash.js';
import { docProjectFiles } from './support/doc-pages.js';

/** The pages' TypeScript blocks that start with `// file: <path>`, as a project. */
const readmeProject = (): Record<string, string> => docProjectFiles();

describe('README and docs/ examples', () => {
  it('build as a project with the built dash bin', () => {
    // GIVEN every file the README shows, in one project (its dash.config.ts included)
    const files = readmeProject();
    const entries = Object.keys(files).filter((f) => f.endsWith('.dash.ts'));
    expect(entries.length).toBeGreaterThanOrEqual(5);
    expect(files['dash.config.ts']).toContain('defineConfig');
    const dir = makeProject(files);

    // WHEN it is built with type checking
    const run = runDash(['build', '--json'], dir);

    // THEN every dashboard is written and nothing is reported
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const result = JSON.parse(run.stdout) as { totals: { dashboards: number } };
    expect(result.totals.dashboards).toBe(entries.length);

    // AND the README's mixin is rendered with the config's overrides
    const alerts = readFileSync(path.join(dir, 'out', 'mixins', 'api-slo', 'prometheus_alerts.yaml'), 'utf8');
    expect(alerts).toContain('job="payments-api", code=~"5.."');
    expect(alerts).toContain('> 0.02');
    expect(alerts).toContain('team: payments');
    expect(readFileSync(path.join(dir, 'out', 'mixins', 'api-slo', 'dashboards_out', 'api-overview.json'), 'utf8')).toContain('"title": "API (payments-api)"');

    // AND its promtool tests pass with those overrides applied
    const test = runDash(['mixin', 'test', '.', '--json'], dir);
    expect(test.stderr).toBe('');
    expect(test.exitCode).toBe(0);
  });

  it('shows a validation message the way dash reports it', () => {
    // GIVEN the README's API example with the variable misspelt in one query
    const api = readmeProject()['dashboards/api.dash.ts']!;
    const broken = api.replace('rate(http_requests_total{job=~"${job}"}', 'rate(http_requests_total{job=~"$jbo"}');
    expect(broken).not.toBe(api);
    const dir = makeProject({ [path.join('dashboards', 'api.dash.ts')]: broken });

    // WHEN it is built
    const run = runDash(['build', '--no-typecheck'], dir);

    // THEN the problem is reported with its path and a suggestion, as the README shows
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('dashboards/api.dash.ts › dashboard "API" › row "Traffic" › panel "Requests": unknown variable $jbo in');
    expect(run.stderr).toContain('(did you mean $job?)');
  });

  it('lint config example is a valid dash.config.ts that dash lint honours', () => {
    // GIVEN the README's lint config as the config of a project with the README's API dashboard
    const files = readmeProject();
    const dir = makeProject({
      'dash.config.ts': files['lint.config.ts']!,
      'dashboards/api.dash.ts': files['dashboards/api.dash.ts']!,
    });

    // WHEN the project is linted
    const run = runDash(['lint', '--json'], dir);

    // THEN the config is accepted and the rule it turns off reports nothing
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as { findings: { rule: string }[] };
    expect(result.findings.filter((f) => f.rule === 'panel-unit')).toEqual([]);
    expect(run.exitCode).toBe(0);
  });

  it('targets config example works with diff and apply, folders included', () => {
    // GIVEN the README's targets config as a project's config, with its foldered dashboard
    const files = readmeProject();
    const dir = makeProject({
      'dash.config.ts': files['targets.config.ts']!,
      'dashboards/foldered.dash.ts': files['dashboards/foldered.dash.ts']!,
    });

    // WHEN diffed against the "files" target THEN changes are reported with exit code 2
    const before = runDash(['diff', '--target', 'files', '--exit-code', '--no-typecheck'], dir);
    expect(before.exitCode, before.stderr).toBe(2);
    expect(before.stdout).toContain('payments-api');

    // WHEN applied THEN the dashboard lands in its nested folder
    const apply = runDash(['apply', '--target', 'files', '--no-typecheck'], dir);
    expect(apply.exitCode, apply.stderr).toBe(0);
    const written = readTreeNames(path.join(dir, 'provisioning-out', 'dashboards'));
    expect(written.some((f) => /payments.*api.*payments-api\.json$/i.test(f))).toBe(true);

    // AND a second diff finds nothing to do
    const after = runDash(['diff', '--target', 'files', '--exit-code', '--no-typecheck'], dir);
    expect(after.exitCode, after.stdout + after.stderr).toBe(0);
  });

  it('rules config example is a valid config whose ruler key comes only from the environment', async () => {
    // GIVEN the README's rules config as a project's config, with a dashboard
    const files = readmeProject();
    const dir = makeProject({
      'dash.config.ts': files['rules.config.ts']!,
      'dashboards/foldered.dash.ts': files['dashboards/foldered.dash.ts']!,
    });
    // WHEN built with type checking THEN the config is accepted
    const build = runDash(['build'], dir);
    expect(build.exitCode, build.stderr).toBe(0);
    // WHEN diffed against the Grafana Cloud target with the Grafana token but without the key
    // variable set (passed to the bin explicitly: dashTestEnv drops the runner's GRAFANA_*)
    const diff = await runDashAsync(['diff', '--target', 'cloud', '--no-typecheck'], dir, {
      GRAFANA_TOKEN: 'glsa_readme-test-token',
      GRAFANA_CLOUD_RULES_KEY: undefined,
    });
    // THEN it stops before any request, naming the variable, and never shows the Grafana token
    expect(diff.exitCode).toBe(1);
    expect(diff.stderr).toContain('targets.cloud.rules.keyEnv: environment variable GRAFANA_CLOUD_RULES_KEY is not set');
    expect(diff.stdout + diff.stderr).not.toContain('glsa_readme-test-token');
  });
});

function readTreeNames(dir: string): string[] {
  return readdirSync(dir, { recursive: true }).map((f) => String(f).split(path.sep).join('/'));
}
