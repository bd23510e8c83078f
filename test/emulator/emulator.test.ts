/**
 * Emulator-only behaviour: exact spec bodies where real Grafana versions vary, the test hooks
 * (state, request log, faults, UI edits, reset) and the version/namespace switches.
 */
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { DASHBOARD_SCHEMA_KEYS, startGrafanaEmulator, type GrafanaEmulator } from '../../lib/testing/index.js';
import { httpClient, type Call } from './contract-target.js';

let grafana: GrafanaEmulator;
let call: Call;

beforeAll(async () => {
  grafana = await startGrafanaEmulator({ token: 'glsa_emulator_test_token_0123456789_abcdef01' });
  call = httpClient(grafana.url, grafana.token);
});
afterAll(() => grafana.stop());
afterEach(() => grafana.reset());

async function save(dashboard: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return call('POST', '/api/dashboards/db', { dashboard, ...extra });
}

describe('exact error bodies (grafana-api.md §1.3, §4, §11)', () => {
  test('GIVEN a token for org 1 WHEN used with X-Grafana-Org-Id 2 THEN 401 organization-mismatch', async () => {
    const res = await call('GET', '/api/user', undefined, { 'X-Grafana-Org-Id': '2' });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      statusCode: 401,
      messageId: 'api-key.organization-mismatch',
      message: 'API key does not belong to the requested organization',
      traceID: '',
    });
  });

  test('GIVEN basic auth WHEN the credentials are right THEN the user is admin; WHEN wrong THEN 401', async () => {
    const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    const ok = await httpClient(grafana.url, undefined)('GET', '/api/user', undefined, { Authorization: basic('admin', 'admin') });
    const bad = await httpClient(grafana.url, undefined)('GET', '/api/user', undefined, { Authorization: basic('admin', 'nope') });
    expect(ok.status).toBe(200);
    expect(ok.body.login).toBe('admin');
    expect(bad.status).toBe(401);
    expect(bad.body).toMatchObject({ messageId: 'password-auth.failed' });
  });

  test('GIVEN a bad token WHEN used THEN the errutil api-key.invalid body is sent', async () => {
    const res = await httpClient(grafana.url, 'glsa_wrong')('GET', '/api/search');
    expect(res.body).toEqual({ statusCode: 401, messageId: 'api-key.invalid', message: 'Invalid API key', traceID: '' });
  });

  test('GIVEN unknown routes WHEN requested THEN /api answers {"message":"Not found"} and /apis a k8s Status', async () => {
    const api = await call('GET', '/api/nothing/here');
    const apis = await call('GET', '/apis/nothing.grafana.app/v1/namespaces/default/things');
    expect(api).toMatchObject({ status: 404, body: { message: 'Not found' } });
    expect(apis.status).toBe(404);
    expect(apis.body).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'NotFound', code: 404 });
  });

  test('GIVEN a folder uid WHEN a dashboard is saved with it THEN 400 cannot be changed to a folder', async () => {
    await call('POST', '/api/folders', { uid: 'f', title: 'F' });
    const res = await save({ uid: 'f', title: 'D' });
    expect(res).toMatchObject({ status: 400, body: { message: 'Dashboard cannot be changed to a folder' } });
  });

  test('GIVEN an unknown id WHEN saved THEN the DashboardErr body exactly', async () => {
    const res = await save({ id: 42, title: 'x' });
    expect(res.body).toEqual({ status: 'not-found', message: 'Dashboard not found' });
  });

  test('GIVEN a plugin dashboard WHEN saved without overwrite THEN 412 plugin-dashboard; a provisioned one THEN 400', async () => {
    await save({ uid: 'p', title: 'P' });
    grafana.state.dashboards.get('p')!.pluginId = 'my-app';
    const plugin = await save({ uid: 'p', title: 'P', version: 1 });
    expect(plugin).toMatchObject({ status: 412, body: { status: 'plugin-dashboard', message: 'The dashboard belongs to plugin my-app.' } });
    grafana.state.dashboards.get('p')!.provisioned = true;
    const provisioned = await save({ uid: 'p', title: 'P', version: 1 }, { overwrite: true });
    expect(provisioned).toMatchObject({ status: 400, body: { message: 'Cannot save provisioned dashboard' } });
  });

  test('GIVEN an existing folder uid WHEN POSTed again THEN 409 with the SQL-path body', async () => {
    await call('POST', '/api/folders', { uid: 'dup', title: 'A' });
    const res = await call('POST', '/api/folders', { uid: 'dup', title: 'B' });
    expect(res).toMatchObject({ status: 409, body: { message: 'a folder/dashboard with the same uid already exists' } });
  });

  test('GIVEN folder errors WHEN provoked THEN the §4 bodies are sent', async () => {
    expect((await call('GET', '/api/folders/none')).body).toEqual({ status: 'not-found', message: 'folder not found' });
    expect((await call('POST', '/api/folders', { title: ' ' })).body).toEqual({ message: 'folder title cannot be empty' });
    expect((await call('POST', '/api/folders', { title: 'x', parentUid: 'none' })).status).toBe(404);
    await call('POST', '/api/folders', { uid: 'v', title: 'V' });
    const stale = await call('PUT', '/api/folders/v', { title: 'V2', version: 9 });
    expect(stale.body).toEqual({ status: 'version-mismatch', message: 'the folder has been changed by someone else' });
    const overwrite = await call('PUT', '/api/folders/v', { title: 'V2', overwrite: true });
    expect(overwrite.body).toMatchObject({ title: 'V2', version: 2 });
  });

  test('GIVEN a folder subtree 2 levels high WHEN moved under a depth-3 folder THEN 400 maximum depth', async () => {
    for (const [uid, parentUid] of [
      ['a', ''],
      ['b', 'a'],
      ['c', 'b'],
      ['x', ''],
      ['y', 'x'],
    ]) {
      await call('POST', '/api/folders', { uid, title: uid, parentUid });
    }
    const res = await call('POST', '/api/folders/x/move', { parentUid: 'c' });
    expect(res).toMatchObject({ status: 400, body: { message: 'Maximum nested folder depth reached' } });
    const cycle = await call('POST', '/api/folders/a/move', { parentUid: 'c' });
    expect(cycle.status).toBe(400);
  });
});

describe('search ordering and filters (§3)', () => {
  test('GIVEN mixed-case titles WHEN searched THEN folders first and titles sort case-insensitively', async () => {
    await call('POST', '/api/folders', { uid: 'zf', title: 'zulu' });
    await call('POST', '/api/folders', { uid: 'af', title: 'Alpha folder' });
    await save({ uid: 'b', title: 'bravo' });
    await save({ uid: 'c', title: 'Charlie' });
    await save({ uid: 'a', title: 'alpha' });
    const res = await call('GET', '/api/search');
    expect(res.body.map((h: { title: string }) => h.title)).toEqual(['Alpha folder', 'zulu', 'alpha', 'bravo', 'Charlie']);
    const desc = await call('GET', '/api/search?type=dash-db&sort=alpha-desc');
    expect(desc.body.map((h: { title: string }) => h.title)).toEqual(['Charlie', 'bravo', 'alpha']);
  });

  test('GIVEN root and nested items WHEN searched with folderUIDs=general THEN only root items match', async () => {
    await call('POST', '/api/folders', { uid: 'top', title: 'Top' });
    await call('POST', '/api/folders', { uid: 'sub', title: 'Sub', parentUid: 'top' });
    await save({ uid: 'in', title: 'In' }, { folderUid: 'top' });
    await save({ uid: 'out', title: 'Out' });
    const res = await call('GET', '/api/search?folderUIDs=general');
    expect(res.body.map((h: { uid: string }) => h.uid)).toEqual(['top', 'out']);
    const nested = (await call('GET', '/api/search?type=dash-folder&folderUIDs=top')).body;
    expect(nested).toEqual([expect.objectContaining({ uid: 'sub', folderUid: 'top', folderTitle: 'Top', folderUrl: '/dashboards/f/top/top' })]);
    expect((await call('GET', '/api/search?query=OU&type=dash-db')).body.map((h: { uid: string }) => h.uid)).toEqual(['out']);
  });

  test('GIVEN ids and uids combined WHEN searched THEN 400', async () => {
    const res = await call('GET', '/api/search?dashboardIds=1&dashboardUIDs=a');
    expect(res).toMatchObject({ status: 400, body: { message: 'search supports UIDs or IDs, not both' } });
  });
});

describe('versions (§2.6)', () => {
  test('GIVEN 3 versions WHEN listed with limit 2 THEN a continueToken leads to the rest; a single version carries its data', async () => {
    await save({ uid: 'v', title: 'V' });
    await save({ uid: 'v', title: 'V', version: 1 });
    await save({ uid: 'v', title: 'V', version: 2, extra: 1 });
    const first = await call('GET', '/api/dashboards/uid/v/versions?limit=2');
    expect(first.body.versions.map((v: { version: number }) => v.version)).toEqual([3, 2]);
    const rest = await call('GET', `/api/dashboards/uid/v/versions?limit=2&continueToken=${first.body.continueToken}`);
    expect(rest.body).toMatchObject({ versions: [{ version: 1, message: 'Initial save' }], continueToken: '' });
    const one = await call('GET', '/api/dashboards/uid/v/versions/3');
    expect(one.body.data).toMatchObject({ uid: 'v', version: 3, extra: 1 });
  });

  test('GIVEN a dashboard WHEN restored to version 1 THEN a new version is written "Restored from version 1"', async () => {
    await save({ uid: 'r', title: 'R', panels: [] });
    await save({ uid: 'r', title: 'R', version: 1, panels: [{ id: 1 }] });
    const res = await call('POST', '/api/dashboards/uid/r/restore', { version: 1 });
    expect(res.body).toMatchObject({ status: 'success', version: 3 });
    const versions = (await call('GET', '/api/dashboards/uid/r/versions')).body.versions;
    expect(versions[0]).toMatchObject({ version: 3, restoredFrom: 1, message: 'Restored from version 1' });
    expect(grafana.state.dashboards.get('r')!.data.panels).toEqual([]);
  });
});

describe('k8s details (§5)', () => {
  const dashboards = '/apis/dashboard.grafana.app/v1beta1/namespaces/default/dashboards';

  test('GIVEN writes WHEN resourceVersions are compared THEN they increase monotonically and generation follows spec changes only', async () => {
    const a = await call('POST', dashboards, { metadata: { name: 'a' }, spec: { title: 'A' } });
    const same = await call('PUT', `${dashboards}/a`, { metadata: { name: 'a' }, spec: { title: 'A' } });
    const changed = await call('PUT', `${dashboards}/a`, {
      metadata: { name: 'a', resourceVersion: a.body.metadata.resourceVersion },
      spec: { title: 'A', x: 1 },
    });
    expect(same.body.metadata.generation).toBe(1);
    expect(changed.body.metadata.generation).toBe(2);
    expect(BigInt(changed.body.metadata.resourceVersion)).toBeGreaterThan(BigInt(a.body.metadata.resourceVersion));
    expect(changed.body.spec).toEqual({ title: 'A', x: 1 });
    expect((await call('GET', '/api/dashboards/uid/a')).body.dashboard).toEqual({ title: 'A', x: 1, id: 1, uid: 'a', version: 2 });
  });

  test('GIVEN a PUT to a missing name WHEN sent THEN it creates (201); a name mismatch THEN 400', async () => {
    const created = await call('PUT', `${dashboards}/new`, { metadata: { name: 'new' }, spec: { title: 'New' } });
    const mismatch = await call('PUT', `${dashboards}/new`, { metadata: { name: 'other' }, spec: { title: 'New' } });
    expect(created.status).toBe(201);
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.message).toBe('the name of the object (other) does not match the name on the URL (new)');
  });

  test('GIVEN generateName WHEN created THEN the server picks a name with that prefix', async () => {
    const res = await call('POST', dashboards, { metadata: { generateName: 'gen-' }, spec: { title: 'G' } });
    expect(res.status).toBe(201);
    expect(res.body.metadata.name).toMatch(/^gen-[a-z0-9]{5}$/);
  });

  test('GIVEN 3 dashboards WHEN listed with limit 2 THEN continue pages through them', async () => {
    for (const name of ['c', 'a', 'b']) await call('POST', dashboards, { metadata: { name }, spec: { title: name } });
    const first = await call('GET', `${dashboards}?limit=2`);
    const second = await call('GET', `${dashboards}?limit=2&continue=${first.body.metadata.continue}`);
    expect(first.body.kind).toBe('DashboardList');
    expect(first.body.items.map((i: any) => i.metadata.name)).toEqual(['a', 'b']);
    expect(second.body.items.map((i: any) => i.metadata.name)).toEqual(['c']);
    expect(second.body.metadata.continue).toBeUndefined();
  });

  test('GIVEN another namespace in the URL WHEN requested THEN 403', async () => {
    const res = await call('GET', '/apis/dashboard.grafana.app/v1beta1/namespaces/stacks-1/dashboards');
    expect(res.status).toBe(403);
    expect(res.body.kind).toBe('Status');
  });

  test('GIVEN a k8s update by the token WHEN read THEN updatedBy annotations name the service account', async () => {
    await call('POST', dashboards, { metadata: { name: 'who' }, spec: { title: 'Who' } });
    const got = await call('GET', `${dashboards}/who`);
    expect(got.body.metadata.annotations['grafana.app/updatedBy']).toBe('service-account:sa-grafts-emulator');
    expect(got.body.metadata.labels['grafana.app/deprecatedInternalID']).toBe('1');
  });
});

describe('version and namespace switches', () => {
  test('GIVEN version 11.3.0 WHEN discovered THEN no k8s groups are served and versions are a bare array', async () => {
    const old = await startGrafanaEmulator({ version: '11.3.0' });
    try {
      const c = httpClient(old.url, old.token);
      expect((await c('GET', '/api/health')).body.version).toBe('11.3.0');
      expect((await c('GET', '/apis')).body.groups).toEqual([]);
      expect((await c('GET', '/apis/dashboard.grafana.app')).status).toBe(404);
      expect((await c('GET', '/apis/dashboard.grafana.app/v1beta1/namespaces/default/dashboards')).status).toBe(404);
      await c('POST', '/api/dashboards/db', { dashboard: { uid: 'o', title: 'O' } });
      const versions = await c('GET', '/api/dashboards/uid/o/versions');
      expect(Array.isArray(versions.body)).toBe(true);
      expect((await c('GET', '/api/frontend/settings')).body.namespace).toBeUndefined();
    } finally {
      await old.stop();
    }
  });

  test('GIVEN version 13.0.0 and a stack namespace WHEN discovered THEN v1 is preferred and the namespace is announced', async () => {
    const cloud = await startGrafanaEmulator({ version: '13.0.0', namespace: 'stacks-123' });
    try {
      const c = httpClient(cloud.url, cloud.token);
      const group = (await c('GET', '/apis/folder.grafana.app')).body;
      expect(group.preferredVersion).toEqual({ groupVersion: 'folder.grafana.app/v1', version: 'v1' });
      expect((await c('GET', '/api/frontend/settings')).body.namespace).toBe('stacks-123');
      const res = await c('POST', '/apis/folder.grafana.app/v1/namespaces/stacks-123/folders', { metadata: { name: 'f' }, spec: { title: 'F' } });
      expect(res.status).toBe(201);
      expect(res.body.apiVersion).toBe('folder.grafana.app/v1');
      const resources = (await c('GET', '/apis/dashboard.grafana.app/v1')).body;
      expect(resources.resources[0]).toMatchObject({ name: 'dashboards', kind: 'Dashboard', namespaced: true });
    } finally {
      await cloud.stop();
    }
  });

  test('GIVEN a bad namespace option WHEN starting THEN it throws naming the value', async () => {
    await expect(startGrafanaEmulator({ namespace: 'prod' })).rejects.toThrow('got "prod"');
  });
});

describe('test hooks', () => {
  test('GIVEN requests WHEN the log is read THEN it has method, path, status and ms but no headers or token', async () => {
    await call('GET', '/api/search?query=x');
    await httpClient(grafana.url, undefined)('GET', '/api/user');
    expect(grafana.requests.map(({ method, path, status }) => ({ method, path, status }))).toEqual([
      { method: 'GET', path: '/api/search?query=x', status: 200 },
      { method: 'GET', path: '/api/user', status: 401 },
    ]);
    expect(grafana.requests.every((r) => typeof r.ms === 'number')).toBe(true);
    expect(JSON.stringify(grafana.requests)).not.toContain(grafana.token);
  });

  test('GIVEN a stored dashboard with unknown keys WHEN edited in the simulated UI THEN unknown keys are dropped, version bumps, updatedBy is admin', async () => {
    await save({ uid: 'ui', title: 'UI', graftsContentHash: 'abc', tags: ['grafts-managed'], panels: [] });
    const stored = grafana.simulateUiEdit('ui', (d) => {
      d.title = 'UI edited';
    });
    expect(stored).toEqual({ id: 1, uid: 'ui', title: 'UI edited', tags: ['grafts-managed'], panels: [], version: 2 });
    const got = await call('GET', '/api/dashboards/uid/ui');
    expect(got.body.meta).toMatchObject({ version: 2, updatedBy: 'admin', createdBy: 'sa-1-grafts' });
    expect(got.body.dashboard.graftsContentHash).toBeUndefined();
    expect(() => grafana.simulateUiEdit('missing', () => {})).toThrow('no dashboard with uid "missing"');
  });

  test('GIVEN the UI save model keys WHEN compared with schemas/dashboard.schema.json THEN they are the Dashboard properties', () => {
    const schema = JSON.parse(readFileSync(new URL('../../schemas/dashboard.schema.json', import.meta.url), 'utf8'));
    expect([...DASHBOARD_SCHEMA_KEYS]).toEqual(Object.keys(schema.definitions.Dashboard.properties));
  });

  test('GIVEN state WHEN reset THEN dashboards, folders, log and faults are empty', async () => {
    await save({ uid: 'x', title: 'X' });
    grafana.faults.set({ errorRate: 1 });
    grafana.reset();
    expect(grafana.state.dashboards.size).toBe(0);
    expect(grafana.requests).toEqual([]);
    expect((await call('GET', '/api/search')).status).toBe(200);
  });
});

describe('faults (§8)', () => {
  async function statuses(emulator: GrafanaEmulator, n: number): Promise<number[]> {
    const c = httpClient(emulator.url, emulator.token);
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      try {
        out.push((await c('GET', '/api/search')).status);
      } catch {
        out.push(0);
      }
    }
    return out;
  }

  test('GIVEN the same seed WHEN two emulators serve the same requests THEN they fail identically', async () => {
    const config = { errorRate: 0.4, resetRate: 0.1, seed: 7 };
    const a = await startGrafanaEmulator({ faults: config });
    const b = await startGrafanaEmulator({ faults: config });
    try {
      const first = await statuses(a, 30);
      const second = await statuses(b, 30);
      expect(first).toEqual(second);
      expect(new Set(first).size).toBeGreaterThan(1);
      expect(first.filter((s) => s !== 200 && s !== 0).every((s) => [500, 502, 503].includes(s))).toBe(true);
      expect(a.requests.map((r) => r.status)).toEqual(first);
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  test('GIVEN errorRate 1 WHEN requested THEN 500 is JSON and 502/503 are proxy HTML pages', async () => {
    grafana.faults.set({ errorRate: 1, seed: 1 });
    const c = httpClient(grafana.url, grafana.token);
    const seen = new Map<number, string>();
    for (let i = 0; i < 40 && seen.size < 3; i++) {
      const res = await c('GET', '/api/search');
      seen.set(res.status, `${res.headers.get('content-type')} ${res.text}`);
    }
    expect([...seen.keys()].sort()).toEqual([500, 502, 503]);
    expect(seen.get(500)).toContain('application/json');
    expect(seen.get(502)).toContain('502 Bad Gateway');
    expect(seen.get(503)).toContain('Hosted Grafana - Loading');
  });

  test('GIVEN rateLimit everyN 3 WHEN 6 requests are made THEN the 3rd and 6th get 429 with Retry-After', async () => {
    grafana.faults.set({ rateLimit: { everyN: 3, retryAfterSeconds: 2 } });
    const c = httpClient(grafana.url, grafana.token);
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await c('GET', '/api/health'));
    expect(results.map((r) => r.status)).toEqual([200, 200, 429, 200, 200, 429]);
    expect(results[2]!.headers.get('retry-after')).toBe('2');
    expect(grafana.requests[2]!.fault).toBe('rate-limit');
  });

  test('GIVEN resetRate 1 WHEN requested THEN the connection is destroyed; after clear() THEN requests succeed', async () => {
    grafana.faults.set({ resetRate: 1 });
    await expect(call('GET', '/api/health')).rejects.toThrow();
    grafana.faults.clear();
    expect((await call('GET', '/api/health')).status).toBe(200);
  });

  test('GIVEN faults limited to a path prefix WHEN other paths are requested THEN they are untouched', async () => {
    grafana.faults.set({ errorRate: 1, paths: ['/api/dashboards'] });
    expect((await call('GET', '/api/search')).status).toBe(200);
    expect((await call('GET', '/api/dashboards/uid/x')).status).toBeGreaterThanOrEqual(500);
  });

  test('GIVEN an out-of-range rate WHEN set THEN it throws naming the setting', () => {
    expect(() => grafana.faults.set({ errorRate: 2 })).toThrow('faults.errorRate must be within 0–1, got 2');
  });
});
