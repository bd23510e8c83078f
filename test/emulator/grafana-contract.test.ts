/**
 * The behavioural contract of the Grafana HTTP API grafts relies on (grafana-api.md §1–5, §7, §11).
 * It runs against the emulator as 12.1 and as 13.0 by default, and against a real Grafana when
 * GRAFANA_URL and GRAFANA_TOKEN are set — proving the emulator. Everything it creates carries
 * a per-run id and is deleted afterwards.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  Cleanup,
  CONTRACT_VERSIONS,
  contractTargetKind,
  httpClient,
  majorVersion,
  openContractTarget,
  type Call,
  type ContractTarget,
} from './contract-target.js';

describe.each(CONTRACT_VERSIONS)('Grafana %s', (version) => {
  let target: ContractTarget;
  let call: Call;
  let major: number;
  let login: string;
  const cleanup = new Cleanup();

  beforeAll(async () => {
    target = await openContractTarget(version);
    call = httpClient(target.url, target.token);
    major = await majorVersion(call);
    login = (await call('GET', '/api/user')).body.login;
  });

  afterAll(async () => {
    if (call) await cleanup.run(call);
    await target?.stop();
  });

  const uid = (name: string): string => `${target.runId}-${name}`.replace(/[^a-zA-Z0-9_-]/g, '-');
  const title = (name: string): string => `grafts ${target.runId} ${name}`;

  async function createDashboard(name: string, extra: Record<string, unknown> = {}, folderUid?: string) {
    const res = await call('POST', '/api/dashboards/db', {
      dashboard: { uid: cleanup.dashboard(uid(name)), title: title(name), ...extra },
      ...(folderUid ? { folderUid } : {}),
      overwrite: false,
    });
    expect(res.status).toBe(200);
    return res.body as { id: number; uid: string; version: number };
  }

  async function createFolder(name: string, parentUid?: string) {
    const res = await call('POST', '/api/folders', { uid: cleanup.folder(uid(name)), title: title(name), ...(parentUid ? { parentUid } : {}) });
    expect(res.status).toBe(200);
    return res.body as { id: number; uid: string; version: number; title: string };
  }

  describe(`Grafana HTTP contract (${contractTargetKind}, ${version ?? 'its version'})`, () => {
    describe('identity and auth', () => {
      test('GIVEN no credentials WHEN /api/health is requested THEN it answers 200 with database ok and a version', async () => {
        const res = await httpClient(target.url, undefined)('GET', '/api/health');
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ database: 'ok' });
        expect(res.body.version).toMatch(/^\d+\.\d+\.\d+/);
      });

      test('GIVEN no credentials WHEN /api/user is requested THEN 401 {"message":"Unauthorized"}', async () => {
        const res = await httpClient(target.url, undefined)('GET', '/api/user');
        expect(res.status).toBe(401);
        expect(res.body).toMatchObject({ message: 'Unauthorized' });
      });

      test('GIVEN an invalid service-account token WHEN /api/user is requested THEN 401 "Invalid API key"', async () => {
        const res = await httpClient(target.url, `glsa_${'x'.repeat(32)}_00000000`)('GET', '/api/user');
        expect(res.status).toBe(401);
        expect(res.body).toMatchObject({ message: 'Invalid API key' });
      });

      test('GIVEN the token WHEN /api/user and /api/frontend/settings are requested THEN the identity and build version are reported', async () => {
        const user = await call('GET', '/api/user');
        const settings = await call('GET', '/api/frontend/settings');
        expect(user.status).toBe(200);
        expect(typeof user.body.login).toBe('string');
        expect(settings.status).toBe(200);
        expect(settings.body.buildInfo.version).toBe((await call('GET', '/api/health')).body.version);
      });

      test('GIVEN an unknown /api route WHEN requested THEN 404', async () => {
        const res = await call('GET', '/api/grafts-no-such-route');
        expect(res.status).toBe(404);
      });
    });

    describe('POST /api/dashboards/db', () => {
      test('GIVEN a new dashboard WHEN saved THEN 200 with status, slug, version 1, id, uid, url and root folderUid', async () => {
        const res = await call('POST', '/api/dashboards/db', { dashboard: { uid: cleanup.dashboard(uid('new')), title: title('New One') } });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ status: 'success', version: 1, uid: uid('new'), folderUid: '' });
        expect(res.body.slug).toBe(`grafts-${target.runId}-new-one`);
        expect(res.body.url).toBe(`/d/${uid('new')}/grafts-${target.runId}-new-one`);
        expect(res.body.id).toBeGreaterThan(0);
      });

      test('GIVEN a stored dashboard WHEN saved with its version THEN the version increments and unknown keys are kept', async () => {
        const created = await createDashboard('update', { custom: { kept: true } });
        const res = await call('POST', '/api/dashboards/db', {
          dashboard: { uid: created.uid, title: title('update'), version: 1, custom: { kept: 'yes' }, tags: ['t'] },
        });
        expect(res.status).toBe(200);
        expect(res.body.version).toBe(2);
        const got = await call('GET', `/api/dashboards/uid/${created.uid}`);
        expect(got.body.dashboard).toMatchObject({ uid: created.uid, id: created.id, version: 2, custom: { kept: 'yes' }, tags: ['t'] });
      });

      test('GIVEN a stored dashboard WHEN saved with a stale version and no overwrite THEN 412 version-mismatch', async () => {
        const created = await createDashboard('stale');
        const res = await call('POST', '/api/dashboards/db', { dashboard: { uid: created.uid, title: title('stale'), version: 7 } });
        expect(res.status).toBe(412);
        expect(res.body).toEqual({ status: 'version-mismatch', message: 'The dashboard has been changed by someone else' });
      });

      test('GIVEN a stored dashboard WHEN saved without a version and overwrite true THEN it wins and the version increments', async () => {
        const created = await createDashboard('overwrite');
        const res = await call('POST', '/api/dashboards/db', { dashboard: { uid: created.uid, title: title('overwrite') }, overwrite: true });
        expect(res.status).toBe(200);
        expect(res.body.version).toBe(2);
      });

      test('GIVEN a blank title WHEN saved THEN 400 empty-name', async () => {
        const res = await call('POST', '/api/dashboards/db', { dashboard: { uid: uid('blank'), title: '   ' } });
        expect(res.status).toBe(400);
        expect(res.body).toEqual({ status: 'empty-name', message: 'Dashboard title cannot be empty' });
      });

      test('GIVEN a uid with illegal characters WHEN saved THEN 400 uid contains illegal characters', async () => {
        const res = await call('POST', '/api/dashboards/db', { dashboard: { uid: `${target.runId}/bad uid`, title: title('bad uid') } });
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ message: 'uid contains illegal characters' });
      });

      test('GIVEN a uid longer than 40 characters WHEN saved THEN 400 uid too long', async () => {
        const res = await call('POST', '/api/dashboards/db', { dashboard: { uid: `${target.runId}${'a'.repeat(40)}`, title: title('long uid') } });
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ message: 'uid too long, max 40 characters' });
      });

      test('GIVEN a message over 500 characters WHEN saved THEN 400 message too long', async () => {
        const res = await call('POST', '/api/dashboards/db', { dashboard: { uid: uid('msg'), title: title('msg') }, message: 'm'.repeat(501) });
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ message: 'message too long, max 500 characters' });
      });

      test('GIVEN a folderUid that does not exist WHEN saved THEN 400 folder not found', async () => {
        const res = await call('POST', '/api/dashboards/db', {
          dashboard: { uid: uid('nofolder'), title: title('nofolder') },
          folderUid: uid('missing-folder'),
        });
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ message: 'folder not found' });
      });

      test('GIVEN an id no dashboard has WHEN saved THEN 404 not-found', async () => {
        const res = await call('POST', '/api/dashboards/db', { dashboard: { id: 987654321, title: title('noid') } });
        expect(res.status).toBe(404);
        expect(res.body).toMatchObject({ message: 'Dashboard not found' });
      });

      test('GIVEN the id of one dashboard and the uid of another WHEN saved THEN 400 same uid exists', async () => {
        const a = await createDashboard('pair-a');
        const b = await createDashboard('pair-b');
        const res = await call('POST', '/api/dashboards/db', { dashboard: { id: a.id, uid: b.uid, title: title('pair'), version: 1 } });
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ message: 'A dashboard with the same uid already exists' });
      });

      test('GIVEN isFolder true WHEN saved THEN 400 use folders endpoint', async () => {
        const res = await call('POST', '/api/dashboards/db', { dashboard: { uid: uid('isfolder'), title: title('isfolder') }, isFolder: true });
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ message: 'Use folders endpoint for saving folders.' });
      });

      test('GIVEN malformed JSON WHEN posted THEN 400 bad request data', async () => {
        const res = await call('POST', '/api/dashboards/db', '{"dashboard":', { 'Content-Type': 'application/json' });
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ message: 'bad request data' });
      });

      test('GIVEN a dashboard in a folder WHEN updated without folderUid THEN it moves to the root', async () => {
        const folder = await createFolder('mover');
        const created = await createDashboard('moved', {}, folder.uid);
        expect((await call('GET', `/api/dashboards/uid/${created.uid}`)).body.meta.folderUid).toBe(folder.uid);
        await call('POST', '/api/dashboards/db', { dashboard: { uid: created.uid, title: title('moved'), version: 1 } });
        const got = await call('GET', `/api/dashboards/uid/${created.uid}`);
        expect(got.body.meta.folderUid ?? '').toBe('');
      });
    });

    describe('GET / DELETE /api/dashboards/uid/:uid and versions', () => {
      test('GIVEN a dashboard in a folder WHEN read THEN meta carries version, folder, updatedBy = the token identity and timestamps', async () => {
        const folder = await createFolder('meta folder');
        const created = await createDashboard('meta', { schemaVersion: 39 }, folder.uid);
        const res = await call('GET', `/api/dashboards/uid/${created.uid}`);
        expect(res.status).toBe(200);
        expect(res.body.dashboard).toMatchObject({ id: created.id, uid: created.uid, title: title('meta'), version: 1, schemaVersion: 39 });
        expect(res.body.meta).toMatchObject({ version: 1, folderUid: folder.uid, folderTitle: folder.title, updatedBy: login, isFolder: false });
        expect(Date.parse(res.body.meta.created)).not.toBeNaN();
        expect(Date.parse(res.body.meta.updated)).not.toBeNaN();
      });

      test('GIVEN an unknown uid WHEN read THEN 404 Dashboard not found', async () => {
        const res = await call('GET', `/api/dashboards/uid/${uid('nothing')}`);
        expect(res.status).toBe(404);
        expect(res.body).toMatchObject({ message: 'Dashboard not found' });
      });

      test('GIVEN a dashboard WHEN deleted THEN 200 {title, message, uid} and it is gone', async () => {
        const created = await createDashboard('delete me');
        const res = await call('DELETE', `/api/dashboards/uid/${created.uid}`);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ title: title('delete me'), message: `Dashboard ${title('delete me')} deleted`, uid: created.uid });
        expect((await call('GET', `/api/dashboards/uid/${created.uid}`)).status).toBe(404);
        expect((await call('DELETE', `/api/dashboards/uid/${created.uid}`)).status).toBe(404);
      });

      test('GIVEN three saves WHEN versions are listed THEN they come newest first and the first is "Initial save"', async () => {
        const created = await createDashboard('versions');
        await call('POST', '/api/dashboards/db', { dashboard: { uid: created.uid, title: title('versions'), version: 1 }, message: 'second' });
        await call('POST', '/api/dashboards/db', { dashboard: { uid: created.uid, title: title('versions'), version: 2 }, message: 'third' });
        const res = await call('GET', `/api/dashboards/uid/${created.uid}/versions`);
        expect(res.status).toBe(200);
        const versions = major >= 12 ? res.body.versions : res.body;
        if (major >= 12) expect(typeof res.body.continueToken).toBe('string');
        expect(versions.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
        expect(versions[0]).toMatchObject({ uid: created.uid, parentVersion: 2, message: 'third', createdBy: login });
        expect(versions[2].message).toBe('Initial save');
      });
    });

    describe('GET /api/search', () => {
      test('GIVEN folders and dashboards WHEN searched by query THEN folders come first, then titles ascending, tags sorted', async () => {
        await createFolder('zeta folder');
        await createDashboard('Beta', { tags: [`${target.runId}-z`, `${target.runId}-a`] });
        await createDashboard('Alpha');
        const res = await call(
          'GET',
          `/api/search?query=${target.runId}&dashboardUIDs=${uid('Beta')}&dashboardUIDs=${uid('Alpha')}&dashboardUIDs=${uid('zeta folder')}`,
        );
        expect(res.status).toBe(200);
        expect(res.body.map((h: { title: string }) => h.title)).toEqual([title('zeta folder'), title('Alpha'), title('Beta')]);
        expect(res.body.map((h: { type: string }) => h.type)).toEqual(['dash-folder', 'dash-db', 'dash-db']);
        expect(res.body[2].tags).toEqual([`${target.runId}-a`, `${target.runId}-z`]);
      });

      test('GIVEN tagged dashboards WHEN searched with two tags THEN only dashboards carrying both match', async () => {
        const both = [`${target.runId}-x`, `${target.runId}-y`];
        await createDashboard('tag both', { tags: both });
        await createDashboard('tag one', { tags: [both[0]] });
        const res = await call('GET', `/api/search?tag=${both[0]}&tag=${both[1]}`);
        expect(res.status).toBe(200);
        expect(res.body.map((h: { uid: string }) => h.uid)).toEqual([uid('tag both')]);
      });

      test("GIVEN dashboards in and out of a folder WHEN searched by folderUIDs and type THEN only that folder's dashboards match", async () => {
        const folder = await createFolder('search folder');
        await createDashboard('inside', {}, folder.uid);
        await createDashboard('outside');
        const res = await call('GET', `/api/search?type=dash-db&folderUIDs=${folder.uid}`);
        expect(res.status).toBe(200);
        expect(res.body.map((h: { uid: string }) => h.uid)).toEqual([uid('inside')]);
        expect(res.body[0]).toMatchObject({ folderUid: folder.uid, folderTitle: folder.title, type: 'dash-db' });
        const folders = await call('GET', `/api/search?type=dash-folder&query=${target.runId}`);
        expect(folders.body.every((h: { type: string }) => h.type === 'dash-folder')).toBe(true);
        expect(folders.body.map((h: { uid: string }) => h.uid)).toContain(folder.uid);
      });

      test('GIVEN several hits WHEN paged with limit 1 THEN page 2 holds the second hit', async () => {
        await createDashboard('page a', { tags: [`${target.runId}-page`] });
        await createDashboard('page b', { tags: [`${target.runId}-page`] });
        const res = await call('GET', `/api/search?tag=${target.runId}-page&limit=1&page=2`);
        expect(res.status).toBe(200);
        expect(res.body.map((h: { uid: string }) => h.uid)).toEqual([uid('page b')]);
      });

      test('GIVEN limit above 5000 WHEN searched THEN 422', async () => {
        const res = await call('GET', '/api/search?limit=5001');
        expect(res.status).toBe(422);
        expect(res.body).toMatchObject({ message: 'Limit is above maximum allowed (5000), use page parameter to access hits beyond limit' });
      });
    });

    describe('folders', () => {
      test('GIVEN a chain of 4 nested folders WHEN a fifth level is created THEN 400 maximum depth', async () => {
        let parent: string | undefined;
        for (const level of [1, 2, 3, 4]) parent = (await createFolder(`depth${level}`, parent)).uid;
        const got = await call('GET', `/api/folders/${parent}`);
        expect(got.body.parentUid).toBe(uid('depth3'));
        expect(got.body.parents.map((p: { uid: string }) => p.uid)).toEqual([uid('depth1'), uid('depth2'), uid('depth3')]);
        const res = await call('POST', '/api/folders', { uid: cleanup.folder(uid('depth5')), title: title('depth5'), parentUid: parent });
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ message: 'Maximum nested folder depth reached' });
      });

      test('GIVEN a folder WHEN another is created with its uid THEN a conflict (409, or 412 on k8s-backed Grafana)', async () => {
        await createFolder('dup uid');
        const res = await call('POST', '/api/folders', { uid: uid('dup uid'), title: title('dup uid other') });
        expect([409, 412]).toContain(res.status);
      });

      test('GIVEN a folder WHEN a sibling with the same title is created THEN 409, but the title is fine under another parent', async () => {
        const parent = await createFolder('titles');
        await createFolder('same', parent.uid);
        const res = await call('POST', '/api/folders', { uid: cleanup.folder(uid('same2')), title: title('same'), parentUid: parent.uid });
        expect(res.status).toBe(409);
        expect(res.body).toMatchObject({ message: 'a folder with the same name already exists in the current location' });
        const elsewhere = await call('POST', '/api/folders', { uid: cleanup.folder(uid('same3')), title: title('same') });
        expect(elsewhere.status).toBe(200);
      });

      test('GIVEN a folder WHEN updated with a stale version THEN 412; with the current version THEN 200 and the version increments', async () => {
        const folder = await createFolder('versioned');
        const stale = await call('PUT', `/api/folders/${folder.uid}`, { title: title('versioned 2'), version: folder.version + 5 });
        expect(stale.status).toBe(412);
        expect(stale.body).toMatchObject({ status: 'version-mismatch' });
        const ok = await call('PUT', `/api/folders/${folder.uid}`, { title: title('versioned 2'), version: folder.version });
        expect(ok.status).toBe(200);
        expect(ok.body).toMatchObject({ uid: folder.uid, title: title('versioned 2'), version: folder.version + 1 });
      });

      test('GIVEN an unknown folder uid WHEN read THEN 404 folder not found', async () => {
        const res = await call('GET', `/api/folders/${uid('nofolder')}`);
        expect(res.status).toBe(404);
        expect(String(res.body.message).toLowerCase()).toContain('not found');
      });

      test('GIVEN a folder with a subfolder and a dashboard WHEN deleted THEN all three are gone', async () => {
        const top = await createFolder('cascade');
        const sub = await createFolder('cascade sub', top.uid);
        const dash = await createDashboard('cascade dash', {}, sub.uid);
        const res = await call('DELETE', `/api/folders/${top.uid}?forceDeleteRules=true`);
        expect(res.status).toBe(200);
        expect((await call('GET', `/api/folders/${sub.uid}`)).status).toBe(404);
        expect((await call('GET', `/api/dashboards/uid/${dash.uid}`)).status).toBe(404);
      });

      test("GIVEN two root folders WHEN one is moved under the other THEN it lists as the other's child", async () => {
        const a = await createFolder('move a');
        const b = await createFolder('move b');
        const res = await call('POST', `/api/folders/${b.uid}/move`, { parentUid: a.uid });
        expect(res.status).toBe(200);
        expect(res.body.parentUid).toBe(a.uid);
        const children = await call('GET', `/api/folders?parentUid=${a.uid}`);
        expect(children.body.map((f: { uid: string }) => f.uid)).toEqual([b.uid]);
      });
    });

    describe('k8s-style /apis', () => {
      async function k8sBase(): Promise<{ dashboards: string; folders: string } | undefined> {
        const groups = await call('GET', '/apis');
        const find = (name: string) => (groups.body?.groups ?? []).find((g: { name: string }) => g.name === name);
        const dash = find('dashboard.grafana.app');
        const folder = find('folder.grafana.app');
        const has = (g: any) => g?.versions.some((v: { version: string }) => v.version === 'v1beta1');
        if (!has(dash) || !has(folder)) return undefined;
        const settings = await call('GET', '/api/frontend/settings');
        const ns = settings.body.namespace ?? 'default';
        return {
          dashboards: `/apis/dashboard.grafana.app/v1beta1/namespaces/${ns}/dashboards`,
          folders: `/apis/folder.grafana.app/v1beta1/namespaces/${ns}/folders`,
        };
      }

      test('GIVEN the instance version WHEN /apis is listed THEN the dashboard and folder groups are served exactly from 12.0 on', async () => {
        const base = await k8sBase();
        expect(base !== undefined).toBe(major >= 12);
      });

      test('GIVEN a dashboard created with POST WHEN updated, moved, conflicted and deleted THEN 201, generation bumps on a spec or folder change only, 409 on a stale resourceVersion', async () => {
        const base = await k8sBase();
        if (!base) {
          expect(major).toBeLessThan(12);
          return;
        }
        const folder = await createFolder('k8s folder');
        const name = cleanup.dashboard(uid('k8s'));
        const created = await call('POST', base.dashboards, {
          apiVersion: 'dashboard.grafana.app/v1beta1',
          kind: 'Dashboard',
          metadata: { name, annotations: { 'grafana.app/folder': folder.uid } },
          spec: { title: title('k8s'), schemaVersion: 41, panels: [] },
        });
        expect(created.status).toBe(201);
        expect(created.body.metadata).toMatchObject({ name, generation: 1 });
        expect(typeof created.body.metadata.resourceVersion).toBe('string');

        const legacy = await call('GET', `/api/dashboards/uid/${name}`);
        expect(legacy.body.meta).toMatchObject({ folderUid: folder.uid, version: 1 });

        const again = await call('POST', base.dashboards, { metadata: { name }, spec: { title: title('k8s') } });
        expect(again.status).toBe(409);
        expect(again.body).toMatchObject({ kind: 'Status', reason: 'AlreadyExists', code: 409 });

        const rv1 = created.body.metadata.resourceVersion;
        const updated = await call('PUT', `${base.dashboards}/${name}`, {
          ...created.body,
          metadata: { ...created.body.metadata, resourceVersion: rv1 },
          spec: { ...created.body.spec, title: title('k8s renamed') },
        });
        expect(updated.status).toBe(200);
        expect(updated.body.metadata.generation).toBe(2);
        expect(updated.body.metadata.resourceVersion).not.toBe(rv1);

        const moved = await call('PUT', `${base.dashboards}/${name}`, {
          ...updated.body,
          metadata: { ...updated.body.metadata, annotations: { ...updated.body.metadata.annotations, 'grafana.app/folder': undefined } },
        });
        expect(moved.status).toBe(200);
        // apistore prepareObjectForUpdate: a folder-annotation change marks the object changed.
        expect(moved.body.metadata.generation).toBe(3);

        const messageOnly = await call('PUT', `${base.dashboards}/${name}`, {
          ...moved.body,
          metadata: { ...moved.body.metadata, annotations: { ...moved.body.metadata.annotations, 'grafana.app/message': 'only a message' } },
        });
        expect(messageOnly.status).toBe(200);
        expect(messageOnly.body.metadata.generation).toBe(3);

        const stale = await call('PUT', `${base.dashboards}/${name}`, { ...updated.body, metadata: { ...updated.body.metadata, resourceVersion: rv1 } });
        expect(stale.status).toBe(409);
        expect(stale.body).toMatchObject({ kind: 'Status', reason: 'Conflict', code: 409 });

        const deleted = await call('DELETE', `${base.dashboards}/${name}`);
        expect(deleted.status).toBe(200);
        const gone = await call('GET', `${base.dashboards}/${name}`);
        expect(gone.status).toBe(404);
        expect(gone.body).toMatchObject({ kind: 'Status', reason: 'NotFound', code: 404 });
      });

      test('GIVEN a folder created through /apis with a parent annotation WHEN read through /api THEN it is nested there', async () => {
        const base = await k8sBase();
        if (!base) {
          expect(major).toBeLessThan(12);
          return;
        }
        const parent = await createFolder('k8s parent');
        const name = cleanup.folder(uid('k8s child'));
        const created = await call('POST', base.folders, {
          apiVersion: 'folder.grafana.app/v1beta1',
          kind: 'Folder',
          metadata: { name, annotations: { 'grafana.app/folder': parent.uid } },
          spec: { title: title('k8s child') },
        });
        expect(created.status).toBe(201);
        const legacy = await call('GET', `/api/folders/${name}`);
        expect(legacy.body).toMatchObject({ uid: name, title: title('k8s child'), parentUid: parent.uid });
        const list = await call('GET', base.folders);
        expect(list.body.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toContain(name);
      });
    });
  });
});
