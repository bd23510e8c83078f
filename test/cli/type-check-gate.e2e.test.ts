// The type check runs alongside loading and rendering (a worker thread of the built bin) and
// gates only the write: with a type error, dash build / diff / apply exit 1 naming file:line and
// write nothing, though the project was evaluated meanwhile.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGrafanaEmulator, type GrafanaEmulator } from '../../lib/testing/index.js';
import { makeProject, runDash, runDashAsync } from './run-dash.js';

/** Printed by the entry file when it is evaluated (no Node types needed to reach it). */
const EVALUATED = 'EVALUATED-API-DASH';
const API = `import { dashboard, folder, prometheus, timeseries } from 'grafts';
(globalThis as any).console.error('${EVALUATED}');
export default dashboard('API')
  .uid('api')
  .folder(folder('Team'))
  .panel(timeseries('Requests').target(prometheus('sum(rate(http_requests_total[5m]))')));
`;
/** Harmless at run time, so only the type check can stop the write. */
const PORTS = `import { dashboard } from 'grafts';\nconst port: number = '9090';\nexport default dashboard('Ports').uid('ports').description(String(port));\n`;
const TYPE_ERROR = /ports\.dash\.ts:2:7: TS2322 Type 'string' is not assignable to type 'number'/;

function project(config = ''): string {
  return makeProject({
    ...(config && { 'dash.config.ts': config }),
    'dashboards/api.dash.ts': API,
    'dashboards/ports.dash.ts': PORTS,
  });
}

describe('the type check gates the write (built bin)', () => {
  it('dash build: exit 1 with file:line, nothing written, the project evaluated while it ran; clean once fixed', () => {
    // GIVEN a project with a type error that does not fail at run time
    const dir = project();

    // WHEN it is built
    const run = runDash(['build'], dir);

    // THEN the type error is reported, out/ is not written, and the entries were evaluated
    // meanwhile (a check run first would have stopped before evaluating them)
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(TYPE_ERROR);
    expect(run.stderr).toContain(EVALUATED);
    expect(run.stdout).toBe('');
    expect(existsSync(path.join(dir, 'out'))).toBe(false);

    // AND WHEN it is fixed, the build writes and reports the check it ran
    const fixed = makeProject({ 'dashboards/api.dash.ts': API, 'dashboards/ports.dash.ts': PORTS.replace("'9090'", '9090') });
    const ok = runDash(['build', '--json'], fixed);
    expect(ok.exitCode).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ typeCheck: 'checked', totals: { dashboards: 2 } });
    expect(existsSync(path.join(fixed, 'out', 'dashboards', 'ports.json'))).toBe(true);
  });

  it('dash diff and dash apply (file target): exit 1 with file:line, the target not written', () => {
    // GIVEN a project with a type error and a file target
    const dir = project(`export default { targets: { local: { type: 'files', dir: 'provisioned' } } };\n`);

    // WHEN diffing with --exit-code and applying
    const diff = runDash(['diff', '--target', 'local', '--exit-code'], dir);
    const apply = runDash(['apply', '--target', 'local'], dir);

    // THEN both fail with the type error (diff: 1, not 2) and nothing is provisioned
    for (const run of [diff, apply]) {
      expect(run.exitCode).toBe(1);
      expect(run.stderr).toMatch(TYPE_ERROR);
      expect(run.stderr).toContain(EVALUATED);
    }
    expect(existsSync(path.join(dir, 'provisioned'))).toBe(false);
  });

  describe('against Grafana (emulator)', () => {
    let grafana: GrafanaEmulator;
    beforeAll(async () => {
      grafana = await startGrafanaEmulator();
    });
    afterAll(() => grafana.stop());

    it('dash apply: exit 1 with file:line, zero writes sent, the token never printed', async () => {
      // GIVEN a project with a type error and a Grafana in the environment
      const dir = project();
      const from = grafana.requests.length;

      // WHEN applying
      const run = await runDashAsync(['apply', '--message', 'gated'], dir, { GRAFANA_URL: grafana.url, GRAFANA_TOKEN: grafana.token });

      // THEN the type error is reported and no write reached Grafana
      expect(run.exitCode).toBe(1);
      expect(run.stderr).toMatch(TYPE_ERROR);
      const writes = grafana.requests.slice(from).filter((r) => r.method !== 'GET' && r.method !== 'HEAD');
      expect(writes).toEqual([]);
      expect(grafana.state.dashboards.has('ports')).toBe(false);
      expect(grafana.state.dashboards.has('api')).toBe(false);
      expect(`${run.stdout}${run.stderr}`).not.toContain(grafana.token);
    });
  });
});

describe('the type-check cache lives in the project (built bin)', () => {
  it('a second build re-uses it; a damaged cache file means one more real check, never a crash', async () => {
    // GIVEN a clean project with no node_modules, built without GRAFTS_CACHE_DIR
    const dir = makeProject({ 'dashboards/api.dash.ts': API, 'dashboards/ports.dash.ts': PORTS.replace("'9090'", '9090') });
    const build = () => runDashAsync(['build', '--json'], dir, { GRAFTS_CACHE_DIR: undefined });

    // WHEN it is built twice
    const first = await build();
    const second = await build();

    // THEN the first build checks and leaves its cache in <project>/.grafts/cache/, the second skips the check
    expect(first.exitCode).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ typeCheck: 'checked' });
    const cacheDirs = readdirSync(path.join(dir, '.grafts', 'cache'));
    expect(cacheDirs).toHaveLength(1);
    const cache = path.join(dir, '.grafts', 'cache', cacheDirs[0]!);
    expect(readdirSync(cache).sort()).toEqual(['manifest.json', 'tsbuildinfo.json']);
    expect(second.exitCode).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ typeCheck: 'up-to-date' });
    // the cache folder is not mistaken for project files
    expect(JSON.parse(second.stdout).totals.dashboards).toBe(2);

    // AND WHEN both cache files are damaged, the build checks again and repairs the cache
    writeFileSync(path.join(cache, 'manifest.json'), '{"format":1,"key":');
    writeFileSync(path.join(cache, 'tsbuildinfo.json'), JSON.stringify({ fileNames: 5, fileInfos: 'x', version: '0' }));
    const repaired = await build();
    expect(repaired.stderr).toBe(`${EVALUATED}\n`);
    expect(repaired.exitCode).toBe(0);
    expect(JSON.parse(repaired.stdout)).toMatchObject({ typeCheck: 'checked' });
    expect(JSON.parse((await build()).stdout)).toMatchObject({ typeCheck: 'up-to-date' });
  });
});
