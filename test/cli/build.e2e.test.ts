import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, readTree, runDash, writeFiles } from './run-dash.js';

const HELPER = `import { prometheus, timeseries, datasource } from 'grafts';

export const prom = datasource('prometheus', 'prom');

export function ratePanel(title: string, metric: string) {
  return timeseries(title).datasource(prom).target(prometheus(\`sum(rate(\${metric}[5m]))\`));
}
`;

const API = `import { dashboard, row } from 'grafts';
import { ratePanel } from './helper.ts';

export default dashboard('API')
  .uid('api')
  .row(row('Traffic').panel(ratePanel('Requests', 'http_requests_total'), ratePanel('Errors', 'http_errors_total')));
`;

const DB = `import { dashboard } from 'grafts';
import { ratePanel } from './helper.ts';

export default [
  dashboard('DB reads').uid('db-reads').panel(ratePanel('Reads', 'db_reads_total')),
  dashboard('DB writes').uid('db-writes').panel(ratePanel('Writes', 'db_writes_total')),
];
`;

function validProject(): string {
  return makeProject({
    'dashboards/helper.ts': HELPER,
    'dashboards/api.dash.ts': API,
    'dashboards/db.dash.ts': DB,
  });
}

describe('dash build (built bin)', () => {
  it('builds every dashboard of a project and prints a summary', () => {
    // GIVEN a project with two entry files, one default-exporting an array
    const dir = validProject();

    // WHEN it is built
    const run = runDash(['build'], dir);

    // THEN it succeeds, writes one file per dashboard plus the marker, and summarises
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(Object.keys(readTree(path.join(dir, 'out'))).sort()).toEqual([
      '.grafts-out',
      'dashboards/api.json',
      'dashboards/db-reads.json',
      'dashboards/db-writes.json',
    ]);
    const api = JSON.parse(readFileSync(path.join(dir, 'out/dashboards/api.json'), 'utf8')) as Record<string, unknown>;
    expect(api).toMatchObject({ uid: 'api', title: 'API' });
    expect(run.stdout).toMatch(/^Built 3 dashboards \(4 panels, 4 queries\) in \d+ ms → out\/\n/);
    expect(run.stdout).toMatch(/dashboards\/api\.json +API +2 panels, 2 queries +← dashboards\/api\.dash\.ts/);
    expect(run.stdout).toMatch(/dashboards\/db-writes\.json +DB writes +1 panel, 1 query +← dashboards\/db\.dash\.ts/);
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('prints the build result as JSON with --json', () => {
    // GIVEN a valid project
    const dir = validProject();

    // WHEN it is built with --json
    const run = runDash(['build', '--json'], dir);

    // THEN stdout is the BuildResult
    expect(run.exitCode).toBe(0);
    const result = JSON.parse(run.stdout) as {
      outDir: string;
      dashboards: { uid: string; source: string; file: string; panels: number; queries: number }[];
      totals: Record<string, number>;
      durationMs: number;
    };
    expect(result.outDir).toBe(path.join(dir, 'out'));
    expect(result.totals).toEqual({ dashboards: 3, panels: 4, queries: 4 });
    expect(result.dashboards.map((d) => [d.uid, d.source, d.file])).toEqual([
      ['api', 'dashboards/api.dash.ts', 'dashboards/api.json'],
      ['db-reads', 'dashboards/db.dash.ts', 'dashboards/db-reads.json'],
      ['db-writes', 'dashboards/db.dash.ts', 'dashboards/db-writes.json'],
    ]);
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('reports every syntax error with file:line:col and leaves the previous output untouched', () => {
    // GIVEN a project built once, then two files broken
    const dir = validProject();
    expect(runDash(['build'], dir).exitCode).toBe(0);
    const before = readTree(path.join(dir, 'out'));
    writeFiles(dir, {
      'dashboards/api.dash.ts': `import { dashboard } from 'grafts';\n\nconst broken = ;\nexport default dashboard('API');\n`,
      'dashboards/db.dash.ts': `export default [\n`,
    });

    // WHEN it is built again
    const run = runDash(['build'], dir);

    // THEN both errors are listed with their positions and out/ is byte-identical
    expect(run.exitCode).not.toBe(0);
    expect(run.stderr).toContain('dashboards/api.dash.ts:3:16: Unexpected ";"');
    expect(run.stderr).toMatch(/dashboards\/db\.dash\.ts:2:1: /);
    expect(run.stdout).toBe('');
    expect(readTree(path.join(dir, 'out'))).toEqual(before);
  });

  it('reports type errors with file:line:col and the TS code; --no-typecheck skips the check', () => {
    // GIVEN a file with a type error that is harmless at run time, and one misusing a builder
    const dir = validProject();
    writeFiles(dir, {
      'dashboards/ports.dash.ts': `import { dashboard } from 'grafts';\nconst port: number = '9090';\nexport default dashboard('Ports');\n`,
      'dashboards/bad.dash.ts': `import { dashboard } from 'grafts';\nexport default dashboard(42);\n`,
    });

    // WHEN it is built
    const run = runDash(['build'], dir);

    // THEN both are reported and nothing is written
    expect(run.exitCode).not.toBe(0);
    expect(run.stderr).toContain('type check failed (2 errors)');
    expect(run.stderr).toMatch(/dashboards\/bad\.dash\.ts:2:26: TS2345 Argument of type 'number'/);
    expect(run.stderr).toMatch(/dashboards\/ports\.dash\.ts:2:7: TS2322 /);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);

    // AND WHEN the misuse is fixed and the check skipped, the remaining type error is ignored
    writeFiles(dir, { 'dashboards/bad.dash.ts': `import { dashboard } from 'grafts';\nexport default dashboard('Bad');\n` });
    const skipped = runDash(['build', '--no-typecheck'], dir);
    expect(skipped.stderr).toBe('');
    expect(skipped.exitCode).toBe(0);
  });

  it('lists every validation problem of the project with its path', () => {
    // GIVEN two files sharing a uid, one with a query on an unknown variable
    const dir = makeProject({
      'a.dash.ts': `import { dashboard } from 'grafts';\nexport default dashboard('Same');\n`,
      'b.dash.ts': [
        `import { dashboard, timeseries, prometheus, datasource } from 'grafts';`,
        `const prom = datasource('prometheus', 'prom');`,
        `export default dashboard('Same').panel(`,
        `  timeseries('Latency').datasource(prom).target(prometheus('histogram_quantile(0.99, rate(x{job="$jobb"}[5m]))')),`,
        `);`,
        ``,
      ].join('\n'),
    });

    // WHEN it is built
    const run = runDash(['build'], dir);

    // THEN both problems are listed, each prefixed by its file
    expect(run.exitCode).not.toBe(0);
    expect(run.stderr).toMatch(/invalid dashboards \(2 problems\)/);
    expect(run.stderr).toMatch(/b\.dash\.ts › dashboard "Same" › .*panel "Latency".*: unknown variable \$jobb/);
    expect(run.stderr).toMatch(/b\.dash\.ts › dashboard "Same": duplicate uid "same"/);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('rejects a dashboard whose uid is a folder uid, naming both, and writes nothing', () => {
    // GIVEN a dashboard in folder "ops" and another dashboard with uid "ops"
    const dir = makeProject({
      'a.dash.ts': `import { dashboard, folder, text } from 'grafts';\nexport default dashboard('API').uid('api').folder(folder('Operations', { uid: 'ops' })).panel(text('x').content('x'));\n`,
      'b.dash.ts': `import { dashboard, text } from 'grafts';\nexport default dashboard('Ops home').uid('ops').panel(text('x').content('x'));\n`,
    });

    // WHEN it is built
    const run = runDash(['build', '--no-typecheck'], dir);

    // THEN it fails with one problem naming the dashboard's file and the folder's declaration
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/b\.dash\.ts: dashboard "Ops home" has uid "ops", the uid of folder "Operations" \(a\.dash\.ts\)/);
    expect(run.stderr).toContain('Dashboard cannot be changed to a folder');
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('reports an exception thrown while loading at the user frame, and missing default exports', () => {
    // GIVEN a file that throws at load time
    const dir = makeProject({
      'boom.dash.ts': `import { dashboard } from 'grafts';\nfunction make(): never {\n  throw new Error('kaput');\n}\nexport default make();\n`,
    });

    // WHEN it is built, THEN the error points at the throw
    const run = runDash(['build', '--no-typecheck'], dir);
    expect(run.exitCode).not.toBe(0);
    expect(run.stderr).toMatch(/boom\.dash\.ts:3:9: threw Error: kaput/);

    // AND GIVEN a file without a default export instead, THEN that file is named
    writeFiles(dir, { 'boom.dash.ts': `export const notDefault = 1;\n` });
    const missing = runDash(['build'], dir);
    expect(missing.exitCode).not.toBe(0);
    expect(missing.stderr).toContain('boom.dash.ts: no default export');
  });

  it('honours dashboards globs and outDir from dash.config.ts', () => {
    // GIVEN a config selecting boards/**/*.ts except shared/, writing to build/grafana
    const dir = makeProject({
      'dash.config.ts': `export default { dashboards: ['boards/**/*.ts', '!boards/shared/**'], outDir: 'build/grafana' };\n`,
      'boards/shared/helper.ts': HELPER,
      'boards/api.ts': API.replace('./helper.ts', './shared/helper.ts'),
      'stray.dash.ts': `export default 'not a dashboard';\n`,
    });

    // WHEN it is built
    const run = runDash(['build'], dir);

    // THEN only the selected file is built, into the configured directory
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('→ build/grafana/');
    expect(Object.keys(readTree(path.join(dir, 'build/grafana'))).sort()).toEqual(['.grafts-out', 'dashboards/api.json']);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);

    // AND --out overrides the config
    expect(runDash(['build', '--out', 'elsewhere'], dir).exitCode).toBe(0);
    expect(existsSync(path.join(dir, 'elsewhere/dashboards/api.json'))).toBe(true);
  });

  it('refuses to replace a non-empty output directory it did not create', () => {
    // GIVEN a valid project whose out/ holds someone else's file
    const dir = validProject();
    writeFiles(dir, { 'out/notes.txt': 'mine\n' });

    // WHEN it is built
    const run = runDash(['build'], dir);

    // THEN it fails naming the directory and leaves it alone
    expect(run.exitCode).not.toBe(0);
    expect(run.stderr).toContain(`refusing to replace ${path.join(dir, 'out')}`);
    expect(readTree(path.join(dir, 'out'))).toEqual({ 'notes.txt': 'mine\n' });
  });

  it('accepts a project directory argument and exits 1 on usage errors', () => {
    // GIVEN a valid project, run from its parent
    const dir = validProject();

    // WHEN built by path, THEN out/ is created inside the project
    const run = runDash(['build', path.basename(dir)], path.dirname(dir));
    expect(run.exitCode).toBe(0);
    expect(existsSync(path.join(dir, 'out/dashboards/api.json'))).toBe(true);

    // AND an unknown option or a missing directory exit 1
    expect(runDash(['build', '--nope'], dir).exitCode).toBe(1);
    const missing = runDash(['build', 'does-not-exist'], dir);
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain('project directory not found: does-not-exist');
  });

  it('prints the version', () => {
    // GIVEN the package version, WHEN asked, THEN printed with exit 0
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const run = runDash(['--version'], process.cwd());
    expect(run.exitCode).toBe(0);
    expect(run.stdout.trim()).toBe(pkg.version);
  });
});
