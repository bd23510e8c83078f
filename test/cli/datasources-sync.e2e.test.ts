// Data sources declared in dash.config.ts, planned and applied by the built `dash diff` /
// `dash apply` together with the dashboards: against the Grafana emulator (create, no-op with
// 0 writes, change, conflicts that stop every write, prune of owned data sources only, secret
// rotation) and the file target (provisioning/datasources/grafts.yaml). Secret sentinels
// (the Grafana token and the data source password) never appear in output or files.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GrafanaClient } from '../../lib/grafana/index.js';
import { startGrafanaEmulator, type GrafanaEmulator } from '../../lib/testing/index.js';
import { makeProject, runDashAsync, writeFiles, type DashRun } from './run-dash.js';

const PASSWORD = 'SENTINEL-ds-password-7f3c';
const NEW_PASSWORD = 'SENTINEL-ds-password-rotated-91ab';

const DASHBOARD = `import { dashboard, prometheus, timeseries } from 'grafts';
export default dashboard('API').uid('api').panel(timeseries('Requests').target(prometheus('sum(rate(http_requests_total[5m]))')));
`;

interface Options {
  readonly lokiUrl?: string;
  readonly withLoki?: boolean;
  readonly extra?: string;
}

/** A config declaring Prometheus and (optionally) Loki with a basic-auth password from LOKI_PASSWORD. */
function config({ lokiUrl = 'http://loki:3100', withLoki = true, extra = '' }: Options = {}): string {
  return `import { defineConfig, lokiDatasource, prometheusDatasource, secret } from 'grafts';
const prom = prometheusDatasource({ uid: 'ds-prom', name: 'Prometheus', url: 'http://prometheus:9090' });
const loki = lokiDatasource({ uid: 'ds-loki', name: 'Loki', url: ${JSON.stringify(lokiUrl)}, basicAuth: { user: 'grafana', password: secret('LOKI_PASSWORD') } });
export default defineConfig({ project: 'shop', datasources: [prom${withLoki ? ', loki' : ''}]${extra} });
`;
}

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map((f) => path.join(dir, String(f)))
    .filter((f) => statSync(f).isFile());
}

function expectNoSecrets(run: DashRun, token: string): void {
  for (const secret of [PASSWORD, NEW_PASSWORD, token]) {
    expect(run.stdout).not.toContain(secret);
    expect(run.stderr).not.toContain(secret);
  }
}

describe('dash diff / apply with data sources (Grafana emulator)', () => {
  let grafana: GrafanaEmulator;
  let env: Record<string, string>;
  beforeAll(async () => {
    grafana = await startGrafanaEmulator({ version: '12.1.0' });
  });
  afterAll(() => grafana.stop());
  beforeEach(() => {
    grafana.reset();
    env = { GRAFANA_URL: grafana.url, GRAFANA_TOKEN: grafana.token, LOKI_PASSWORD: PASSWORD };
  });
  const writes = (from: number) => grafana.requests.slice(from).filter((r) => r.method !== 'GET');

  it('GIVEN declared data sources WHEN diffed, applied, applied again and changed THEN exit codes, writes and secrets follow the plan', async () => {
    const dir = makeProject({ 'dash.config.ts': config(), 'api.dash.ts': DASHBOARD });

    const before = await runDashAsync(['diff', '--exit-code', '--no-typecheck'], dir, env);
    expect(before.exitCode, before.stderr).toBe(2);
    expect(before.stdout).toContain('+ data source ds-prom (prometheus)');
    expect(before.stdout).toContain('+ data source ds-loki (loki), secrets basicAuthPassword');
    expect(writes(0)).toEqual([]);

    const first = await runDashAsync(['apply', '--no-typecheck'], dir, env);
    expect(first.exitCode, first.stderr).toBe(0);
    expect(first.stdout).toContain('Data sources: 2 created, 0 updated, 0 deleted, 0 unchanged');
    expect(grafana.state.datasources.get('ds-loki')!.secureJsonData).toEqual({ basicAuthPassword: PASSWORD });
    expect(grafana.state.dashboards.has('api')).toBe(true);
    expectNoSecrets(first, grafana.token);

    // A no-op: 0 writes, diff exit 0. A changed secret value is invisible without --rotate-secrets.
    const mark = grafana.requests.length;
    const clean = await runDashAsync(['diff', '--exit-code', '--no-typecheck'], dir, { ...env, LOKI_PASSWORD: NEW_PASSWORD });
    expect(clean.exitCode, clean.stdout + clean.stderr).toBe(0);
    const noop = await runDashAsync(['apply', '--no-typecheck'], dir, { ...env, LOKI_PASSWORD: NEW_PASSWORD });
    expect(noop.exitCode, noop.stderr).toBe(0);
    expect(noop.stdout).toContain('Data sources: 0 created, 0 updated, 0 deleted, 2 unchanged');
    expect(writes(mark)).toEqual([]);

    // --rotate-secrets sends the secrets again, and only on the data sources that have some.
    const rotated = await runDashAsync(['apply', '--rotate-secrets', '--no-typecheck'], dir, { ...env, LOKI_PASSWORD: NEW_PASSWORD });
    expect(rotated.exitCode, rotated.stderr).toBe(0);
    expect(writes(mark).map((r) => `${r.method} ${r.path}`)).toEqual(['PUT /api/datasources/uid/ds-loki']);
    expect(grafana.state.datasources.get('ds-loki')!.secureJsonData).toEqual({ basicAuthPassword: NEW_PASSWORD });
    expectNoSecrets(rotated, grafana.token);

    // A changed setting: diff names it, apply sends one PUT.
    writeFiles(dir, { 'dash.config.ts': config({ lokiUrl: 'http://loki-2:3100' }) });
    const changed = await runDashAsync(['diff', '--exit-code', '--json', '--no-typecheck'], dir, env);
    expect(changed.exitCode, changed.stderr).toBe(2);
    const plan = JSON.parse(changed.stdout) as { changes: boolean; datasources: unknown[] };
    expect(plan.changes).toBe(true);
    expect(plan.datasources).toEqual([
      { uid: 'ds-prom', action: 'unchanged' },
      { uid: 'ds-loki', action: 'update', changes: ['url'], secrets: [] },
    ]);
    const mark2 = grafana.requests.length;
    const update = await runDashAsync(['apply', '--no-typecheck'], dir, env);
    expect(update.exitCode, update.stderr).toBe(0);
    expect(writes(mark2).map((r) => `${r.method} ${r.path}`)).toEqual(['PUT /api/datasources/uid/ds-loki']);
    expect(grafana.state.datasources.get('ds-loki')!.url).toBe('http://loki-2:3100');
    expectNoSecrets(update, grafana.token);
  });

  it('GIVEN a foreign data source holding a declared uid or name WHEN applying THEN it exits 1 naming it and nothing at all is written', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('ds-prom', 'ds-loki'), fc.constantFrom('uid', 'name'), fc.boolean(), async (uid, clash, ownedByOther) => {
        grafana.reset();
        const client = new GrafanaClient({ url: grafana.url, token: grafana.token });
        const name = uid === 'ds-prom' ? 'Prometheus' : 'Loki';
        // Foreign: no owner marker, or another project's marker.
        const jsonData = ownedByOther ? { graftsOwner: `grafts:other:${uid}` } : {};
        await client.request({
          method: 'POST',
          path: '/api/datasources',
          body:
            clash === 'uid'
              ? { uid, name: 'Someone else', type: 'prometheus', access: 'proxy', jsonData }
              : { uid: 'theirs', name, type: 'loki', access: 'proxy', jsonData },
        });
        const dir = makeProject({ 'dash.config.ts': config(), 'api.dash.ts': DASHBOARD });
        const mark = grafana.requests.length;
        const run = await runDashAsync(['apply', '--no-typecheck'], dir, env);
        expect(run.exitCode).toBe(1);
        expect(run.stderr).toContain(`${uid}:`);
        expect(run.stderr).toContain('nothing applied');
        expect(writes(mark)).toEqual([]);
        expect(grafana.state.dashboards.has('api')).toBe(false);
        expectNoSecrets(run, grafana.token);
      }),
      { numRuns: 4 },
    );
  });

  it('GIVEN a missing secret variable WHEN applying THEN it exits 1 naming the variable and writes nothing', async () => {
    const dir = makeProject({ 'dash.config.ts': config(), 'api.dash.ts': DASHBOARD });
    const run = await runDashAsync(['apply', '--no-typecheck'], dir, { ...env, LOKI_PASSWORD: undefined });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('LOKI_PASSWORD');
    expect(writes(0)).toEqual([]);
  });

  it('GIVEN owned, foreign and other-project data sources WHEN applying with --prune THEN only the owned one no longer declared is deleted', async () => {
    const dir = makeProject({ 'dash.config.ts': config(), 'api.dash.ts': DASHBOARD });
    expect((await runDashAsync(['apply', '--no-typecheck'], dir, env)).exitCode).toBe(0);
    const client = new GrafanaClient({ url: grafana.url, token: grafana.token });
    await client.request({ method: 'POST', path: '/api/datasources', body: { uid: 'foreign', name: 'Foreign', type: 'prometheus', access: 'proxy' } });
    await client.request({
      method: 'POST',
      path: '/api/datasources',
      body: { uid: 'other', name: 'Other', type: 'prometheus', access: 'proxy', jsonData: { graftsOwner: 'grafts:other:other' } },
    });
    writeFiles(dir, { 'dash.config.ts': config({ withLoki: false }) });

    const withoutPrune = await runDashAsync(['apply', '--no-typecheck'], dir, env);
    expect(withoutPrune.exitCode, withoutPrune.stderr).toBe(0);
    expect(grafana.state.datasources.has('ds-loki')).toBe(true);

    const diff = await runDashAsync(['diff', '--prune', '--no-typecheck'], dir, env);
    expect(diff.stdout).toContain('- data source ds-loki (loki)');
    const pruned = await runDashAsync(['apply', '--prune', '--no-typecheck'], dir, env);
    expect(pruned.exitCode, pruned.stderr).toBe(0);
    expect(pruned.stdout).toContain('deleted data source ds-loki');
    expect([...grafana.state.datasources.keys()].sort()).toEqual(['ds-prom', 'foreign', 'other']);
  });

  it('GIVEN a datasources entry that is not a definition WHEN applying THEN it exits 1 naming the config file and the entry, and nothing is read or written', async () => {
    const dir = makeProject({
      'dash.config.ts': `import { defineConfig, prometheusDatasource } from 'grafts';
const prom = prometheusDatasource({ uid: 'ds-prom', name: 'Prometheus', url: 'http://p:9090' });
export default defineConfig({ datasources: [prom, { uid: 'x' } as never, prom] });
`,
      'api.dash.ts': DASHBOARD,
    });
    const run = await runDashAsync(['apply', '--no-typecheck'], dir, env);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('dash.config.ts');
    expect(run.stderr).toContain('"datasources[1]" is not a data source definition');
    expect(run.stderr).toContain('"datasources[2]": the uid "ds-prom" is also used by datasources[0]');
    expect(writes(0)).toEqual([]);
  });
});

describe('dash apply with data sources (file target)', () => {
  it('GIVEN declared data sources WHEN applied to the file target THEN provisioning/datasources/grafts.yaml holds them with secrets as references, and a second apply writes nothing', async () => {
    const dir = makeProject({
      'dash.config.ts': config({ extra: `, defaultTarget: 'files', targets: { files: { type: 'files', dir: 'out-files' } }` }),
      'api.dash.ts': DASHBOARD,
    });
    const fileEnv = { LOKI_PASSWORD: PASSWORD };
    const diff = await runDashAsync(['diff', '--exit-code', '--no-typecheck'], dir, fileEnv);
    expect(diff.exitCode, diff.stderr).toBe(2);
    expect(diff.stdout).toContain('+ file provisioning/datasources/grafts.yaml (2 data sources)');
    const first = await runDashAsync(['apply', '--no-typecheck'], dir, fileEnv);
    expect(first.exitCode, first.stderr).toBe(0);
    const file = path.join(dir, 'out-files', 'provisioning', 'datasources', 'grafts.yaml');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('uid: ds-loki');
    expect(text).toContain('basicAuthPassword: ${LOKI_PASSWORD}');
    const mtime = statSync(file).mtimeMs;
    const second = await runDashAsync(['diff', '--exit-code', '--no-typecheck'], dir, fileEnv);
    expect(second.exitCode, second.stdout).toBe(0);
    expect((await runDashAsync(['apply', '--no-typecheck'], dir, fileEnv)).exitCode).toBe(0);
    expect(statSync(file).mtimeMs).toBe(mtime);
    for (const f of allFiles(dir)) expect(readFileSync(f, 'utf8'), f).not.toContain(PASSWORD);
    expectNoSecrets(first, 'no-token');
  });
});

describe('dash apply with data sources (Kubernetes target)', () => {
  it('GIVEN declared data sources WHEN applied to a Kubernetes target THEN the output says they are not applied and no file holds them', async () => {
    const dir = makeProject({
      'dash.config.ts': config({
        extra: `, defaultTarget: 'k8s', targets: { k8s: { type: 'kubernetes', flavor: 'grafana-operator', dir: 'deploy', namespace: 'monitoring' } }`,
      }),
      'api.dash.ts': DASHBOARD,
    });
    const run = await runDashAsync(['apply', '--no-typecheck'], dir, { LOKI_PASSWORD: PASSWORD });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain('note: 2 data sources not applied: target "k8s" is a Kubernetes target');
    const written = allFiles(path.join(dir, 'deploy'));
    expect(written.length).toBeGreaterThan(0);
    for (const f of written) {
      expect(readFileSync(f, 'utf8'), f).not.toContain('ds-loki');
      expect(readFileSync(f, 'utf8'), f).not.toContain(PASSWORD);
    }
    expectNoSecrets(run, 'no-token');
  });
});
