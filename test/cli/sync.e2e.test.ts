// dash diff / apply / pull / init end to end: the built bin against a temp file-provisioning
// target (the default) and against the Grafana emulator.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGrafanaEmulator, type GrafanaEmulator } from '../../lib/testing/index.js';
import { makeProject, runDash, runDashAsync, writeFiles } from './run-dash.js';

const API = (description: string) => `import { dashboard, folder, prometheus, timeseries } from 'grafts';
export default dashboard('API')
  .uid('api')
  .description('${description}')
  .folder(folder('Team'))
  .panel(timeseries('Requests').target(prometheus('sum(rate(http_requests_total[5m]))')));
`;

const CONFIG = `import { defineConfig } from 'grafts';
export default defineConfig({ targets: { local: { type: 'files', dir: 'provisioned' } } });
`;

function project(description = 'v1'): string {
  return makeProject({ 'dash.config.ts': CONFIG, 'api.dash.ts': API(description) });
}

function runIn(dir: string, args: string[], env: Record<string, string | undefined> = {}) {
  const saved: Record<string, string | undefined> = {};
  for (const key of ['GRAFANA_URL', 'GRAFANA_TOKEN', 'GRAFANA_USER', 'GRAFANA_PASSWORD', 'CI', ...Object.keys(env)]) {
    saved[key] = process.env[key];
    if (env[key] === undefined) delete process.env[key];
    else process.env[key] = env[key];
  }
  try {
    return runDash(args, dir);
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

describe('dash diff and dash apply (file target)', () => {
  it('diffs with exit codes 2 then 0 around an apply, which is a no-op the second time', () => {
    // GIVEN a project with a named file target
    const dir = project();
    // WHEN diffing before anything was applied
    const before = runIn(dir, ['diff', '--target', 'local', '--exit-code', '--no-typecheck']);
    // THEN exit 2 and the creates are listed
    expect(before.stderr).toBe('');
    expect(before.exitCode).toBe(2);
    expect(before.stdout).toContain('+ folder team "Team": create');
    expect(before.stdout).toContain('+ dashboard api "API": create (in "team"; 1 panel, 1 query)');
    expect(before.stdout).not.toContain('+++ desired/api.json');
    expect(before.stdout).toMatch(/Plan for .*provisioned: 2 to create, 0 to update/);
    // WHEN applying, then diffing and applying again
    const applied = runIn(dir, ['apply', '--target', 'local', '--no-typecheck']);
    const after = runIn(dir, ['diff', '--target', 'local', '--exit-code', '--no-typecheck']);
    const again = runIn(dir, ['apply', '--target', 'local', '--no-typecheck', '--json']);
    // THEN the apply wrote the dashboard, the diff is clean (0) and the second apply wrote nothing
    expect(applied.exitCode).toBe(0);
    expect(applied.stdout).toContain('2 created');
    expect(existsSync(path.join(dir, 'provisioned'))).toBe(true);
    expect(after.exitCode).toBe(0);
    expect(after.stdout).toContain('0 to create, 0 to update, 0 to move, 0 to delete, 2 unchanged');
    expect(again.exitCode).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ exitCode: 0, report: { writes: 0, counts: { unchanged: 2 } } });
  });

  it('shows a unified diff of a changed dashboard as text, markdown and json', () => {
    // GIVEN an applied project whose description then changes
    const dir = project('v1');
    expect(runIn(dir, ['apply', '--target', 'local', '--no-typecheck']).exitCode).toBe(0);
    writeFiles(dir, { 'api.dash.ts': API('v2') });
    // WHEN diffing in each format
    const text = runIn(dir, ['diff', '--target', 'local', '--no-typecheck']);
    const markdown = runIn(dir, ['diff', '--target', 'local', '--format', 'markdown', '--exit-code', '--no-typecheck']);
    const json = runIn(dir, ['diff', '--target', 'local', '--format', 'json', '--no-typecheck']);
    // THEN text has the changed line, markdown a details block with a diff fence, json the plan
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toContain('~ dashboard api "API": update');
    expect(text.stdout).toContain('-  "description": "v1",');
    expect(text.stdout).toContain('+  "description": "v2",');
    expect(markdown.exitCode).toBe(2);
    expect(markdown.stdout).toContain('<!-- grafts-diff -->');
    expect(markdown.stdout).toContain('| ~ update | 0 | 1 |');
    expect(markdown.stdout).toContain('<details>\n<summary>~ update dashboard <code>api</code> — API</summary>');
    expect(markdown.stdout).toContain('```diff\n--- remote/api.json\n+++ desired/api.json');
    const plan = JSON.parse(json.stdout);
    expect(plan).toMatchObject({ changes: true, summary: { update: 1, unchanged: 1 } });
    expect(plan.steps.find((s: { uid: string }) => s.uid === 'api').diff).toContain('+  "description": "v2",');
  });

  it('accepts --json as --format json, prints a create in full with --full, and refuses --json with another --format', () => {
    // GIVEN a project never applied
    const dir = project('v1');
    // WHEN diffing with --json, --format json, --full, and --json --format text
    const json = runIn(dir, ['diff', '--target', 'local', '--json', '--exit-code', '--no-typecheck']);
    const format = runIn(dir, ['diff', '--target', 'local', '--format', 'json', '--no-typecheck']);
    const full = runIn(dir, ['diff', '--target', 'local', '--full', '--no-typecheck']);
    const both = runIn(dir, ['diff', '--target', 'local', '--json', '--format', 'text', '--no-typecheck']);
    // THEN --json prints the same plan as --format json and keeps --exit-code
    expect(json.exitCode).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(format.stdout));
    expect(JSON.parse(json.stdout).steps.find((s: { uid: string }) => s.uid === 'api')).toMatchObject({ action: 'create', counts: { panels: 1, queries: 1 } });
    // AND --full shows the whole JSON of the create
    expect(full.stdout).toContain('+++ desired/api.json');
    expect(full.stdout).toContain('+  "title": "API",');
    // AND a contradicting --format is a usage error, with nothing on stdout
    expect(both.exitCode).toBe(1);
    expect(both.stderr).toContain('--json cannot be used with --format text');
    expect(both.stdout).toBe('');
  });

  it('applies the README quick start to the default file target, with no Grafana', () => {
    // GIVEN the quick start example copied to a temp project, and no Grafana in the environment
    const source = new URL('../../examples/quickstart/dashboards/', import.meta.url);
    const dir = makeProject({
      'dashboards/checkout.dash.ts': readFileSync(new URL('checkout.dash.ts', source), 'utf8'),
      'dashboards/variables.ts': readFileSync(new URL('variables.ts', source), 'utf8'),
    });
    // WHEN applying it
    const run = runIn(dir, ['apply', '.']);
    // THEN the dashboard is in grafana-provisioning/ with a provider config
    expect(run.stderr).toContain('[1/1] created dashboard checkout-service');
    expect(run.exitCode).toBe(0);
    expect(existsSync(path.join(dir, 'grafana-provisioning', 'dashboards', 'checkout-service.json'))).toBe(true);
  });

  it('exits 1 and writes nothing for an invalid project', () => {
    // GIVEN a project with a broken dashboard
    const dir = makeProject({ 'dash.config.ts': CONFIG, 'bad.dash.ts': `import { dashboard } from 'grafts';\nexport default 42;\n` });
    // WHEN applying
    const run = runIn(dir, ['apply', '--target', 'local', '--no-typecheck']);
    // THEN exit 1 and no target folder
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('error:');
    expect(existsSync(path.join(dir, 'provisioned'))).toBe(false);
  });

  it('exits 1 for an unknown target and for a bad --concurrency', () => {
    // GIVEN a project
    const dir = project();
    // WHEN naming an unknown target, or a zero concurrency
    const unknown = runIn(dir, ['diff', '--target', 'nope', '--no-typecheck']);
    const badConcurrency = runIn(dir, ['apply', '--concurrency', '0']);
    // THEN both fail with a message
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr).toContain('nope');
    expect(badConcurrency.exitCode).toBe(1);
    expect(badConcurrency.stderr).toContain('expected an integer from 1 to 64');
  });
});

describe('dash apply and dash pull against Grafana (emulator)', () => {
  let grafana: GrafanaEmulator;
  beforeAll(async () => {
    grafana = await startGrafanaEmulator();
  });
  afterAll(() => grafana.stop());

  it('applies, reports a UI edit as a conflict with exit 4, overwrites it with --force, and pulls it back', async () => {
    // GIVEN a project and a Grafana in the environment
    const dir = project('v1');
    const env = { GRAFANA_URL: grafana.url, GRAFANA_TOKEN: grafana.token };
    const first = await runDashAsync(['apply', '--no-typecheck', '--message', 'first'], dir, env);
    expect(first.exitCode).toBe(0);
    expect(first.stdout).not.toContain(grafana.token);
    // WHEN the dashboard is edited in the UI and the code changes
    grafana.simulateUiEdit('api', (d) => ({ ...d, title: 'API (edited)' }));
    writeFiles(dir, { 'api.dash.ts': API('v2') });
    const refused = await runDashAsync(['apply', '--no-typecheck'], dir, env);
    // THEN exit 4, the conflict is explained, and the edit kept
    expect(refused.exitCode).toBe(4);
    expect(refused.stdout).toContain('conflict on dashboard api');
    expect(grafana.state.dashboards.get('api')?.title).toBe('API (edited)');
    // WHEN forcing
    const forced = await runDashAsync(['apply', '--no-typecheck', '--force'], dir, env);
    expect(forced.exitCode).toBe(0);
    expect(grafana.state.dashboards.get('api')?.data['description']).toBe('v2');
    // AND pulling its folder
    const pulled = await runDashAsync(['pull', '--folder', 'team', '--out', 'pulled'], dir, env);
    // THEN the file is the normalised dashboard without the marker, under the folder's path
    expect(pulled.exitCode).toBe(0);
    const json = JSON.parse(readFileSync(path.join(dir, 'pulled', 'team', 'api.json'), 'utf8'));
    expect(json).toMatchObject({ uid: 'api', title: 'API', description: 'v2' });
    expect(json).not.toHaveProperty('id');
    expect(json).not.toHaveProperty('version');
    expect(json).not.toHaveProperty('graftsContentHash');
    expect(json).not.toHaveProperty('tags');
  });
});

describe('dash init', () => {
  it('scaffolds a project that builds, and refuses to overwrite', () => {
    // GIVEN an empty directory
    const dir = makeProject({});
    // WHEN initialising twice and building
    const init = runDash(['init', 'app'], dir);
    const build = runDash(['build', 'app'], dir);
    const again = runDash(['init', 'app'], dir);
    // THEN the files exist, the project builds, and the second init writes nothing
    expect(init.exitCode).toBe(0);
    for (const file of ['dash.config.ts', 'dashboards/service.dash.ts', '.gitignore', '.github/workflows/dashboards.yml']) {
      expect(existsSync(path.join(dir, 'app', file))).toBe(true);
    }
    expect(build.stderr).toBe('');
    expect(build.exitCode).toBe(0);
    expect(build.stdout).toContain('dashboards/my-service.json');
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain('refusing to overwrite existing files: dash.config.ts, dashboards/service.dash.ts');
  });
});
