/**
 * The Grafana sync target against the emulator, through the classic API and the
 * Kubernetes-style API: listing, reading, saving, moving, deleting, folders and nesting,
 * conflicts on stale versions, retried writes whose answer was lost, and uid prefixes.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { GrafanaClient } from '../../lib/grafana/grafana-client.js';
import { CONTENT_HASH_KEY, MANAGED_TAG, withManagedMarker } from '../../lib/sync/managed-marker.js';
import { folderDescription, ownerTag, ownerToken, type OwnerScope } from '../../lib/sync/ownership.js';
import type { DashboardResource, FolderResource } from '../../lib/sync/resources.js';
import { ConflictError } from '../../lib/sync/targets/conflict-error.js';
import { GrafanaTarget, type GrafanaTargetOptions } from '../../lib/sync/targets/grafana-target.js';
import { startGrafanaEmulator, type GrafanaEmulator } from '../../lib/testing/index.js';
import { startLossyProxy } from '../grafana/fake-servers.js';

const W = { message: 'grafts apply' };

function folder(uid: string, title: string, parentUid?: string): FolderResource {
  return { kind: 'Folder', uid, title, ...(parentUid !== undefined ? { parentUid } : {}), source: 'test' };
}

/** A dashboard marked as apply marks it for `scope` (a target without project or prefix by default). */
function dashboard(
  uid: string,
  title: string,
  folderUid?: string,
  extra: Record<string, unknown> = {},
  scope: OwnerScope = { project: '', uidPrefix: '' },
): DashboardResource {
  return {
    kind: 'Dashboard',
    uid,
    title,
    ...(folderUid !== undefined ? { folderUid } : {}),
    schema: 'v1',
    json: withManagedMarker({ uid, title, schemaVersion: 41, panels: [], ...extra }, { ownerTag: ownerTag(scope, uid), folderUid }),
    source: 'test',
  };
}

const MODES = [
  { mode: 'classic' as const, version: '12.1.0', apiMode: 'classic' as const },
  { mode: 'k8s' as const, version: '12.1.0', apiMode: 'auto' as const },
  { mode: 'k8s (Grafana 13, v1)' as const, version: '13.0.0', apiMode: 'k8s' as const },
];

describe.each(MODES)('GIVEN a Grafana target in $mode mode', ({ mode, version, apiMode }) => {
  let grafana: GrafanaEmulator;
  const target = (options: Partial<GrafanaTargetOptions> = {}, url = grafana.url) =>
    new GrafanaTarget({
      name: 'test',
      client: new GrafanaClient({ url, token: grafana.token, sleep: async () => undefined }),
      apiMode,
      ...options,
    });
  const apiRequests = () => grafana.requests.filter((r) => !r.path.startsWith('/api/health') && !r.path.startsWith('/api/frontend') && r.path !== '/apis');

  beforeAll(async () => {
    grafana = await startGrafanaEmulator({ version });
  });
  afterAll(() => grafana.stop());
  afterEach(() => grafana.reset());

  test('WHEN the API mode is discovered THEN it is the expected one', async () => {
    const info = await target().serverInfo();
    expect(info.apiMode).toBe(mode === 'classic' ? 'classic' : 'k8s');
  });

  test('WHEN nested folders are created THEN they are listed with parents, managed, with versions', async () => {
    const t = target();
    await t.createFolder(folder('payments', 'Payments'), W);
    await t.createFolder(folder('payments-api', 'API', 'payments'), W);
    await t.createFolder(folder('payments-api-v2', 'v2', 'payments-api'), W);
    const listed = (await t.listFolders()).sort((a, b) => a.uid.localeCompare(b.uid));
    // The classic folder response carries no description (dtos.Folder): ownership is unknown there.
    const managed = mode !== 'classic';
    expect(listed).toEqual([
      { uid: 'payments', title: 'Payments', managed, version: 1 },
      { uid: 'payments-api', title: 'API', parentUid: 'payments', managed, version: 1 },
      { uid: 'payments-api-v2', title: 'v2', parentUid: 'payments-api', managed, version: 1 },
    ]);
    const scope = { project: '', uidPrefix: '' };
    expect(grafana.state.folders.get('payments-api')?.description).toBe(folderDescription(ownerToken(scope, 'payments-api')));
  });

  test('WHEN a folder was made by someone else THEN it is listed as not managed', async () => {
    const t = target();
    await new GrafanaClient({ url: grafana.url, token: grafana.token }).request({
      method: 'POST',
      path: '/api/folders',
      body: { uid: 'theirs', title: 'Theirs' },
    });
    expect(await t.listFolders()).toEqual([{ uid: 'theirs', title: 'Theirs', managed: false, version: 1 }]);
  });

  test('WHEN a dashboard is saved THEN one search lists it (managed from the tag) and get returns its JSON, folder and version', async () => {
    const t = target();
    await t.createFolder(folder('payments', 'Payments'), W);
    const saved = await t.saveDashboard(dashboard('checkout', 'Checkout', 'payments'), W);
    await new GrafanaClient({ url: grafana.url, token: grafana.token }).request({
      method: 'POST',
      path: '/api/dashboards/db',
      body: { dashboard: { uid: 'manual', title: 'Manual' } },
    });
    expect(saved).toEqual({ version: 1 });

    grafana.requests.length = 0;
    const list = await t.listDashboards();
    expect(list).toEqual([
      { uid: 'checkout', title: 'Checkout', folderUid: 'payments', managed: true },
      { uid: 'manual', title: 'Manual', managed: false },
    ]);
    expect(apiRequests().map((r) => r.path)).toEqual(['/api/search?type=dash-db&limit=5000&page=1']);

    const got = await t.getDashboard('checkout');
    expect(got).toMatchObject({ uid: 'checkout', title: 'Checkout', folderUid: 'payments', managed: true, version: 1 });
    expect(got?.json).toMatchObject({
      uid: 'checkout',
      title: 'Checkout',
      tags: [MANAGED_TAG, ownerTag({ project: '', uidPrefix: '' }, 'checkout')],
      schemaVersion: 41,
    });
    expect(got?.json[CONTENT_HASH_KEY]).toBe(dashboard('checkout', 'Checkout').json[CONTENT_HASH_KEY]);
    expect(grafana.state.dashboards.get('checkout')?.message).toBe('grafts apply');
  });

  test('WHEN a dashboard does not exist THEN get returns undefined and delete succeeds', async () => {
    const t = target();
    expect(await t.getDashboard('nope')).toBeUndefined();
    await expect(t.deleteDashboard('nope')).resolves.toBeUndefined();
    await expect(t.deleteFolder('nope')).resolves.toBeUndefined();
  });

  test('WHEN a dashboard is saved again in another folder THEN it moves and its version grows', async () => {
    const t = target();
    await t.createFolder(folder('a', 'A'), W);
    await t.createFolder(folder('b', 'B'), W);
    await t.saveDashboard(dashboard('d', 'D', 'a'), W);
    const second = await t.saveDashboard(dashboard('d', 'D', 'b', { description: 'moved' }), { message: 'move', expectedVersion: 1 });
    expect(second).toEqual({ version: 2 });
    expect((await t.getDashboard('d'))?.folderUid).toBe('b');
    const third = await t.saveDashboard(dashboard('d', 'D'), W);
    expect(third).toEqual({ version: 3 });
    expect(grafana.state.dashboards.get('d')?.folderUid).toBe('');
    expect((await t.listDashboards())[0]).toEqual({ uid: 'd', title: 'D', managed: true });
  });

  test('WHEN the dashboard was edited in the UI since it was read THEN a save with the old version is a ConflictError; without a version it overwrites', async () => {
    const t = target();
    await t.saveDashboard(dashboard('c', 'C'), W);
    grafana.simulateUiEdit('c', (d) => ({ ...d, title: 'C (edited)' }));
    const error = await t.saveDashboard(dashboard('c', 'C', undefined, { description: 'x' }), { message: 'm', expectedVersion: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).message).toMatch(/Dashboard "c" was changed by someone else since it was read \(expected version 1/);
    expect(grafana.state.dashboards.get('c')?.title).toBe('C (edited)');
    await t.saveDashboard(dashboard('c', 'C'), W);
    expect(grafana.state.dashboards.get('c')?.title).toBe('C');
  });

  test('WHEN folders are renamed and moved THEN the listing follows; a stale version is a ConflictError', async () => {
    const t = target();
    await t.createFolder(folder('top', 'Top'), W);
    await t.createFolder(folder('other', 'Other'), W);
    await t.createFolder(folder('child', 'Child', 'top'), W);
    const [remote] = (await t.listFolders()).filter((f) => f.uid === 'child');
    await t.updateFolder(folder('child', 'Child renamed', 'other'), remote!, { message: 'm', expectedVersion: remote!.version! });
    const after = (await t.listFolders()).find((f) => f.uid === 'child');
    expect(after).toMatchObject({ uid: 'child', title: 'Child renamed', parentUid: 'other', managed: mode !== 'classic' });
    await t.updateFolder(folder('child', 'Child renamed'), after!, W);
    expect((await t.listFolders()).find((f) => f.uid === 'child')?.parentUid).toBeUndefined();
    const error = await t
      .updateFolder(folder('top', 'Top 2'), { uid: 'top', title: 'Top', managed: true, version: 1 }, { message: 'm', expectedVersion: 0 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
  });

  test('WHEN dashboards and folders are deleted THEN they are gone', async () => {
    const t = target();
    await t.createFolder(folder('f', 'F'), W);
    await t.saveDashboard(dashboard('d', 'D', 'f'), W);
    await t.deleteDashboard('d');
    await t.deleteFolder('f');
    expect(await t.listDashboards()).toEqual([]);
    expect(await t.listFolders()).toEqual([]);
  });

  test('WHEN a dashboard names a folder that does not exist THEN the error says so', async () => {
    const error = await target()
      .saveDashboard(dashboard('d', 'D', 'missing'), W)
      .catch((e: unknown) => e);
    expect(String(error)).toMatch(/folder/i);
  });

  test('WHEN writes land but their answers are lost THEN the retries count them as done', async () => {
    const seen = new Map<string, number>();
    const proxy = await startLossyProxy(grafana.url, (method, url) => {
      if (method === 'GET') return false;
      const key = `${method} ${url}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
      return seen.get(key) === 1;
    });
    try {
      const t = target({}, proxy.url);
      await t.createFolder(folder('f', 'F'), W);
      await t.saveDashboard(dashboard('d', 'D', 'f'), W);
      const v = (await t.getDashboard('d'))!.version!;
      await t.saveDashboard(dashboard('d', 'D', 'f', { description: 'second' }), { message: 'm', expectedVersion: v });
      const remote = (await t.listFolders())[0]!;
      await t.updateFolder(folder('f', 'F renamed'), remote, { message: 'm', expectedVersion: remote.version! });
      expect(grafana.state.folders.get('f')?.title).toBe('F renamed');
      expect(grafana.state.dashboards.get('d')?.data['description']).toBe('second');
      expect([...seen.values()].some((n) => n > 1)).toBe(true);
    } finally {
      await proxy.stop();
    }
  });

  test('WHEN the target has uid and folder prefixes THEN it writes prefixed, lists only its own, without the prefix', async () => {
    const prod = target();
    const dev = target({ uidPrefix: 'dev-', folderPrefix: '[dev] ' });
    await prod.createFolder(folder('payments', 'Payments'), W);
    await prod.saveDashboard(dashboard('checkout', 'Checkout', 'payments'), W);
    await dev.createFolder(folder('payments', 'Payments'), W);
    await dev.createFolder(folder('api', 'API', 'payments'), W);
    await dev.saveDashboard(dashboard('checkout', 'Checkout', 'api', {}, { project: '', uidPrefix: 'dev-' }), W);
    expect(grafana.state.folders.get('dev-payments')?.title).toBe('[dev] Payments');
    expect(grafana.state.dashboards.get('dev-checkout')?.folderUid).toBe('dev-api');
    expect((await dev.listFolders()).map((f) => [f.uid, f.title, f.parentUid])).toEqual(
      expect.arrayContaining([
        ['payments', 'Payments', undefined],
        ['api', 'API', 'payments'],
      ]),
    );
    expect(await dev.listFolders()).toHaveLength(2);
    expect(await dev.listDashboards()).toEqual([{ uid: 'checkout', title: 'Checkout', folderUid: 'api', managed: true }]);
    const got = await dev.getDashboard('checkout');
    expect(got?.json['uid']).toBe('checkout');
    expect(got?.json[CONTENT_HASH_KEY]).toBe(dashboard('checkout', 'Checkout').json[CONTENT_HASH_KEY]);
    expect(dev.describe()).toBe(`${grafana.url} (uid prefix "dev-")`);
    await dev.deleteDashboard('checkout');
    expect(grafana.state.dashboards.has('checkout')).toBe(true);
    expect(grafana.state.dashboards.has('dev-checkout')).toBe(false);
  });
});
