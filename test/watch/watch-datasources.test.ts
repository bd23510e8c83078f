// `dash watch` syncs the data sources of dash.config.ts as `dash apply` does: on the Grafana
// emulator they are created before the dashboards that use them, left alone while only dashboards
// change, updated when the config changes, and a missing secret stops the cycle before any write;
// on the default file target the provisioning file is written. Secret values never appear.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, onTestFinished, test } from 'vitest';
import { GrafanaClient } from '../../lib/grafana/grafana-client.js';
import { GrafanaTarget } from '../../lib/sync/targets/grafana-target.js';
import { startGrafanaEmulator, type GrafanaEmulator } from '../../lib/testing/index.js';
import { WATCH_FILES_DIR } from '../../lib/watch/dev-target.js';
import { runWatch, type WatchHandle } from '../../lib/watch/watch-session.js';
import { write } from './watch-project.js';

const SECRET_ENV = 'GRAFTS_WATCH_DS_TEST_LOKI_PASSWORD';
const SENTINEL = 'sentinel-watch-ds-7f3a9c';

let grafana: GrafanaEmulator;
let watch: WatchHandle | undefined;

beforeEach(async () => {
  grafana = await startGrafanaEmulator();
  process.env[SECRET_ENV] = SENTINEL;
});
afterEach(async () => {
  await watch?.close();
  watch = undefined;
  await grafana.stop();
  delete process.env[SECRET_ENV];
});

function config(promUrl: string): string {
  return `import { defineConfig, lokiDatasource, prometheusDatasource, secret } from 'grafts';

export const prom = prometheusDatasource({ uid: 'dev-prom', name: 'Dev Prometheus', url: '${promUrl}' });
export const loki = lokiDatasource({ uid: 'dev-loki', name: 'Dev Loki', url: 'http://loki:3100', basicAuth: { user: 'grafana', password: secret('${SECRET_ENV}') } });

export default defineConfig({ project: 'watch-ds', datasources: [prom, loki] });
`;
}

function dashboardSource(title: string): string {
  return `import { dashboard, datasource, prometheus, row, timeseries } from 'grafts';

export default dashboard('${title}')
  .uid('api')
  .row(row('Traffic').panel(timeseries('Requests').datasource(datasource('prometheus', 'dev-prom')).target(prometheus('sum(rate(http_requests_total[5m]))'))));
`;
}

function project(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'grafts-watch-ds-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  write(dir, 'dash.config.ts', config('http://prometheus:9090'));
  write(dir, 'dashboards/api.dash.ts', dashboardSource('API'));
  return dir;
}

async function startOnGrafana(dir: string): Promise<WatchHandle> {
  const target = new GrafanaTarget({ name: 'emulator', project: 'watch-ds', client: new GrafanaClient({ url: grafana.url, token: grafana.token }) });
  watch = await runWatch({ cwd: dir, target: { target, urlOf: (uid) => `${grafana.url}/d/${uid}` }, typecheck: false, debounceMs: 10 });
  return watch;
}

const writesSince = (n: number) => grafana.requests.slice(n).filter((r) => r.method !== 'GET');

describe('dash watch syncs the data sources of dash.config.ts', () => {
  test('GIVEN data sources in the config WHEN watch starts THEN they are created first, secrets from the environment, and never shown', async () => {
    const handle = await startOnGrafana(project());
    const first = handle.cycles[0]!;
    expect(first.problems).toEqual([]);
    expect(first.datasources).toEqual({ kind: 'grafana', created: ['dev-prom', 'dev-loki'], updated: [], deleted: [], unchanged: 0 });
    expect(first.applied.map((d) => [d.uid, d.action])).toEqual([['api', 'create']]);
    // Data sources are written before the dashboard that refers to them, and counted as writes
    const writes = writesSince(0);
    const isDatasource = writes.map((r) => r.path.startsWith('/api/datasources'));
    expect(isDatasource).toEqual([true, true, ...isDatasource.slice(2).map(() => false)]);
    expect(isDatasource.length).toBeGreaterThan(2);
    expect(first.writes).toBe(3);
    expect(grafana.state.datasources.get('dev-loki')!.secureJsonData).toEqual({ basicAuthPassword: SENTINEL });
    expect(JSON.stringify(handle.cycles)).not.toContain(SENTINEL);
  });

  test('GIVEN a running watch WHEN only a dashboard changes THEN data sources are not read or written; WHEN the config changes THEN exactly the changed one is updated', async () => {
    const dir = project();
    const handle = await startOnGrafana(dir);
    let before = grafana.requests.length;
    let next = handle.nextCycle();
    write(dir, 'dashboards/api.dash.ts', dashboardSource('API (edited)'));
    let cycle = await next;
    expect(cycle.applied.map((d) => [d.uid, d.action])).toEqual([['api', 'update']]);
    expect(cycle.datasources).toBeUndefined();
    expect(grafana.requests.slice(before).filter((r) => r.path.startsWith('/api/datasources'))).toEqual([]);

    before = grafana.requests.length;
    next = handle.nextCycle();
    write(dir, 'dash.config.ts', config('http://prometheus-2:9090'));
    cycle = await next;
    expect(cycle.problems).toEqual([]);
    expect(cycle.datasources).toEqual({ kind: 'grafana', created: [], updated: ['dev-prom'], deleted: [], unchanged: 1 });
    expect(grafana.state.datasources.get('dev-prom')!.url).toBe('http://prometheus-2:9090');
    expect(writesSince(before).map((r) => `${r.method} ${r.path}`)).toEqual(['PUT /api/datasources/uid/dev-prom']);
  });

  test('GIVEN the secret variable unset WHEN watch starts THEN the cycle reports it and writes nothing, data source or dashboard', async () => {
    delete process.env[SECRET_ENV];
    const handle = await startOnGrafana(project());
    const first = handle.cycles[0]!;
    expect(first.ok).toBe(false);
    expect(first.problems.map((p) => p.message).join('\n')).toContain(SECRET_ENV);
    expect(first.writes).toBe(0);
    expect(writesSince(0)).toEqual([]);
  });

  test('GIVEN the default file target WHEN watch starts THEN provisioning/datasources/grafts.yaml is written with secrets as ${ENV} references', async () => {
    const dir = project();
    watch = await runWatch({ cwd: dir, typecheck: false, debounceMs: 10, env: {}, user: 'alice' });
    const first = watch.cycles[0]!;
    expect(first.problems).toEqual([]);
    expect(first.datasources).toEqual({ kind: 'file', path: 'provisioning/datasources/grafts.yaml', action: 'create', count: 2 });
    const file = path.join(dir, WATCH_FILES_DIR, 'alice', 'provisioning', 'datasources', 'grafts.yaml');
    expect(existsSync(file)).toBe(true);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('uid: dev-prom');
    expect(text).toContain(`\${${SECRET_ENV}}`);
    expect(text).not.toContain(SENTINEL);
  });
});
