import { describe, expect, it } from 'vitest';
import { folder } from '../../lib/model/folder.js';
import { ValidationError } from '../../lib/model/validation-error.js';
import { applyPlan } from '../../lib/sync/apply.js';
import { desiredStateOf, mixinFolder } from '../../lib/sync/desired-state.js';
import { MANAGED_TAG, withManagedMarker } from '../../lib/sync/managed-marker.js';
import { canonicalJson, normalizeDashboard } from '../../lib/sync/normalize.js';
import { plan, readActualState, type DashboardStep, type Plan, type PlanOptions } from '../../lib/sync/plan.js';
import type { DashboardResource, DesiredState, FolderResource } from '../../lib/sync/resources.js';
import { MemoryTarget } from './memory-target.js';

function dash(uid: string, folderUid?: string, extra: Record<string, unknown> = {}): DashboardResource {
  const json = { uid, title: `Dashboard ${uid}`, schemaVersion: 42, panels: [], ...extra };
  return { kind: 'Dashboard', uid, title: json.title, ...(folderUid !== undefined && { folderUid }), schema: 'v1', json, source: `${uid}.dash.ts` };
}

function dir(uid: string, parentUid?: string, title = `Folder ${uid}`): FolderResource {
  return { kind: 'Folder', uid, title, ...(parentUid !== undefined && { parentUid }), source: 'x.dash.ts' };
}

async function planAgainst(target: MemoryTarget, desired: DesiredState, options: PlanOptions = {}): Promise<Plan> {
  return plan(desired, await readActualState(target, desired), options);
}

const actions = (p: Plan) => p.steps.map((s) => `${s.action} ${s.kind} ${s.uid}`);

describe('plan', () => {
  it('creates missing folders parents first, then dashboards', async () => {
    // GIVEN an empty target and a dashboard in a nested folder
    const target = new MemoryTarget();
    const desired: DesiredState = { folders: [dir('team'), dir('team-api', 'team')], dashboards: [dash('api', 'team-api'), dash('home')] };
    // WHEN planning
    const p = await planAgainst(target, desired);
    // THEN everything is created in dependency order
    expect(actions(p)).toEqual(['create Folder team', 'create Folder team-api', 'create Dashboard api', 'create Dashboard home']);
    expect(p.summary).toMatchObject({ create: 4, unchanged: 0 });
  });

  it('is all unchanged after an apply, although the target adds id and version', async () => {
    // GIVEN a target that a plan was applied to
    const target = new MemoryTarget();
    const desired: DesiredState = { folders: [dir('team')], dashboards: [dash('api', 'team', { editable: true, tags: ['a'] })] };
    await applyPlan(await planAgainst(target, desired), target, { message: 'm' });
    // WHEN planning again
    const p = await planAgainst(target, desired);
    // THEN nothing changes
    expect(actions(p)).toEqual(['unchanged Folder team', 'unchanged Dashboard api']);
  });

  it('updates a managed dashboard whose content differs, with the version it read', async () => {
    // GIVEN a dashboard applied earlier whose code then changed
    const target = new MemoryTarget();
    await applyPlan(await planAgainst(target, { folders: [], dashboards: [dash('api')] }), target, { message: 'm' });
    const desired: DesiredState = { folders: [], dashboards: [dash('api', undefined, { description: 'new' })] };
    // WHEN planning
    const p = await planAgainst(target, desired);
    // THEN it is an update carrying the stored version
    const step = p.steps[0] as DashboardStep;
    expect(step).toMatchObject({ action: 'update', uid: 'api', expectedVersion: 1, moved: false });
    expect(step.before).not.toHaveProperty('description');
    expect(step.after).toHaveProperty('description', 'new');
  });

  it('moves a dashboard whose only change is its folder', async () => {
    // GIVEN a dashboard applied into folder a, now declared in folder b
    const target = new MemoryTarget();
    await applyPlan(await planAgainst(target, { folders: [dir('a')], dashboards: [dash('api', 'a')] }), target, { message: 'm' });
    const desired: DesiredState = { folders: [dir('a'), dir('b')], dashboards: [dash('api', 'b')] };
    // WHEN planning
    const p = await planAgainst(target, desired);
    // THEN the folder is created and the dashboard moved
    expect(actions(p)).toEqual(['unchanged Folder a', 'create Folder b', 'move Dashboard api']);
    expect(p.steps[2]).toMatchObject({ fromFolderUid: 'a', folderUid: 'b', moved: true });
  });

  it('updates a managed folder whose title changed and moves one whose parent changed', async () => {
    // GIVEN managed folders x (in root) and y (in x)
    const target = new MemoryTarget().seedFolder({ uid: 'x', title: 'X', managed: true }).seedFolder({ uid: 'y', title: 'Y', parentUid: 'x', managed: true });
    // WHEN the code renames x and moves y to the root
    const p = await planAgainst(target, { folders: [dir('x', undefined, 'X2'), dir('y', undefined, 'Y')], dashboards: [] });
    // THEN x is updated and y moved
    expect(actions(p)).toEqual(['update Folder x', 'move Folder y']);
    expect(p.steps[0]).toMatchObject({ changes: ['title "X" → "X2"'] });
  });

  it('deletes only managed dashboards, only with prune, and lists them as orphans otherwise', async () => {
    // GIVEN a managed and an unmanaged dashboard that the code does not declare
    const target = new MemoryTarget()
      .seedDashboard({ uid: 'old', json: withManagedMarker({ uid: 'old', title: 'Old' }) })
      .seedDashboard({ uid: 'hand-made', json: { uid: 'hand-made', title: 'Hand made' } });
    const desired: DesiredState = { folders: [], dashboards: [] };
    // WHEN planning without and with prune
    const without = await planAgainst(target, desired);
    const withPrune = await planAgainst(target, desired, { prune: true });
    // THEN without prune nothing is deleted but the managed one is an orphan; with prune only it is deleted
    expect(without.steps).toEqual([]);
    expect(without.orphans).toEqual([{ kind: 'Dashboard', uid: 'old', title: 'Old' }]);
    expect(actions(withPrune)).toEqual(['delete Dashboard old']);
    expect(withPrune.orphans).toEqual([]);
  });

  it('deletes managed folders children first, and keeps one that still holds unmanaged content', async () => {
    // GIVEN managed folders a > a1 > a2 (empty) and b holding a hand-made dashboard, and a managed dashboard in a1
    const target = new MemoryTarget()
      .seedFolder({ uid: 'a', title: 'A', managed: true })
      .seedFolder({ uid: 'a1', title: 'A1', parentUid: 'a', managed: true })
      .seedFolder({ uid: 'a2', title: 'A2', parentUid: 'a1', managed: true })
      .seedFolder({ uid: 'b', title: 'B', managed: true })
      .seedFolder({ uid: 'c', title: 'C', managed: false })
      .seedDashboard({ uid: 'gone', folderUid: 'a1', json: withManagedMarker({ uid: 'gone', title: 'Gone' }) })
      .seedDashboard({ uid: 'mine', folderUid: 'b', json: { uid: 'mine', title: 'Mine' } });
    // WHEN planning an empty project with prune
    const p = await planAgainst(target, { folders: [], dashboards: [] }, { prune: true });
    // THEN the managed dashboard goes, then a2, a1, a (children first); b (unmanaged content) and c (unmanaged) stay
    expect(actions(p)).toEqual(['delete Dashboard gone', 'delete Folder a2', 'delete Folder a1', 'delete Folder a']);
  });

  it('keeps a managed folder when a conflicting dashboard stays in it', async () => {
    // GIVEN a managed folder with an unmanaged dashboard the code wants in another folder
    const target = new MemoryTarget()
      .seedFolder({ uid: 'old', title: 'Old', managed: true })
      .seedDashboard({ uid: 'api', folderUid: 'old', json: { uid: 'api', title: 'API' } });
    // WHEN planning with prune
    const p = await planAgainst(target, { folders: [dir('new')], dashboards: [dash('api', 'new')] }, { prune: true });
    // THEN the dashboard conflicts and the folder is not deleted
    expect(actions(p)).toEqual(['create Folder new', 'conflict Dashboard api']);
  });

  it('refuses to take over an unmanaged dashboard without force', async () => {
    // GIVEN a hand-made dashboard with a uid the code uses
    const target = new MemoryTarget().seedDashboard({ uid: 'api', json: { uid: 'api', title: 'API by hand' } });
    const desired: DesiredState = { folders: [], dashboards: [dash('api')] };
    // WHEN planning without and with force
    const refused = await planAgainst(target, desired);
    const forced = await planAgainst(target, desired, { force: true });
    // THEN it is a conflict, and with force an update
    expect(refused.steps[0]).toMatchObject({ action: 'conflict', reason: 'dashboard exists and is not managed by grafts; use --force to take it over' });
    expect(forced.steps[0]).toMatchObject({ action: 'update', forced: true });
  });

  it('reports a managed dashboard edited outside grafts as a conflict unless forced', async () => {
    // GIVEN an applied dashboard later saved from the UI
    const target = new MemoryTarget();
    await applyPlan(await planAgainst(target, { folders: [], dashboards: [dash('api')] }), target, { message: 'm' });
    target.uiEdit('api', (json) => (json['description'] = 'edited in the UI'));
    const desired: DesiredState = { folders: [], dashboards: [dash('api', undefined, { refresh: '1m' })] };
    // WHEN planning
    const refused = await planAgainst(target, desired);
    const forced = await planAgainst(target, desired, { force: true });
    // THEN a conflict, and with force an update
    expect(refused.steps[0]).toMatchObject({ action: 'conflict' });
    expect((refused.steps[0] as DashboardStep).reason).toContain('changed outside grafts');
    expect(forced.steps[0]).toMatchObject({ action: 'update', forced: true });
  });

  it('is not a conflict when a UI edit already made the dashboard what the code wants', async () => {
    // GIVEN an applied dashboard edited in the UI to exactly the new desired content
    const target = new MemoryTarget();
    await applyPlan(await planAgainst(target, { folders: [], dashboards: [dash('api')] }), target, { message: 'm' });
    target.uiEdit('api', (json) => (json['refresh'] = '1m'));
    // WHEN planning the new content
    const p = await planAgainst(target, { folders: [], dashboards: [dash('api', undefined, { refresh: '1m' })] });
    // THEN it is rewritten (to restore the marker), not a conflict
    expect(p.steps[0]).toMatchObject({ action: 'update' });
    expect((p.steps[0] as DashboardStep).reason).toContain('marker');
  });

  it('refuses to retitle an unmanaged folder and reuses an identical one', async () => {
    // GIVEN unmanaged folders: one titled differently from the code, one identical
    const target = new MemoryTarget().seedFolder({ uid: 'a', title: 'Other' }).seedFolder({ uid: 'b', title: 'Folder b' });
    // WHEN planning
    const p = await planAgainst(target, { folders: [dir('a'), dir('b')], dashboards: [] });
    // THEN a is a conflict and b unchanged
    expect(actions(p)).toEqual(['conflict Folder a', 'unchanged Folder b']);
  });

  it('orders a full plan: folder writes, dashboard writes, dashboard deletes, folder deletes', async () => {
    // GIVEN a mix of everything
    const target = new MemoryTarget()
      .seedFolder({ uid: 'gone', title: 'Gone', managed: true })
      .seedDashboard({ uid: 'z-old', folderUid: 'gone', json: withManagedMarker({ uid: 'z-old', title: 'Old' }) });
    const desired: DesiredState = { folders: [dir('p'), dir('c', 'p')], dashboards: [dash('n', 'c')] };
    // WHEN planning with prune
    const p = await planAgainst(target, desired, { prune: true });
    // THEN the order is the documented one
    expect(actions(p)).toEqual(['create Folder p', 'create Folder c', 'create Dashboard n', 'delete Dashboard z-old', 'delete Folder gone']);
  });

  it('reads only desired dashboards that exist remotely', async () => {
    // GIVEN 5 remote dashboards of which 2 are desired
    const target = new MemoryTarget();
    for (const uid of ['a', 'b', 'c', 'd', 'e']) target.seedDashboard({ uid, json: withManagedMarker({ uid, title: uid }) });
    // WHEN reading the actual state
    const actual = await readActualState(target, { folders: [], dashboards: [dash('a'), dash('b'), dash('new')] });
    // THEN two listings and two reads
    expect(target.reads).toBe(4);
    expect([...actual.details.keys()]).toEqual(['a', 'b']);
  });
});

describe('normalizeDashboard', () => {
  it('removes what Grafana adds and keeps what the code said', () => {
    // GIVEN a dashboard as Grafana returns it
    const remote = {
      id: 3,
      uid: 'api',
      title: ' API ',
      version: 9,
      iteration: 123,
      editable: true,
      graphTooltip: 0,
      links: [],
      timepicker: {},
      fiscalYearStartMonth: 0,
      panels: [{ id: 1 }],
      refresh: '1m',
    };
    // WHEN normalising
    const n = normalizeDashboard(remote);
    // THEN only the meaningful keys remain (panel ids are the code's)
    expect(n).toEqual({ uid: 'api', title: 'API', panels: [{ id: 1 }], refresh: '1m' });
  });

  it('keeps non-default values of default-able keys', () => {
    // GIVEN a dashboard with non-default values
    const n = normalizeDashboard({ uid: 'a', title: 'A', editable: false, graphTooltip: 1, tags: ['x'] });
    // THEN they stay
    expect(n).toEqual({ uid: 'a', title: 'A', editable: false, graphTooltip: 1, tags: ['x'] });
  });

  it('unwraps a Kubernetes-style dashboard object', () => {
    // GIVEN a dashboard from /apis
    const k8s = {
      apiVersion: 'dashboard.grafana.app/v1beta1',
      kind: 'Dashboard',
      metadata: { name: 'api', resourceVersion: '17', generation: 3, annotations: { 'grafana.app/folder': 'f' }, managedFields: [] },
      spec: { title: 'API', schemaVersion: 42 },
      status: {},
    };
    // WHEN normalising
    // THEN the spec with its uid is left
    expect(normalizeDashboard(k8s)).toEqual({ title: 'API', schemaVersion: 42, uid: 'api' });
  });

  it('gives the same bytes for the same content in any key order, and is idempotent', () => {
    // GIVEN two key orders of one dashboard
    const a = { uid: 'a', title: 'A', panels: [{ type: 'stat', id: 1 }], id: 7 };
    const b = { panels: [{ id: 1, type: 'stat' }], title: 'A', uid: 'a', version: 2 };
    // THEN canonical JSON is identical and normalising twice changes nothing
    expect(canonicalJson(normalizeDashboard(a))).toBe(canonicalJson(normalizeDashboard(b)));
    expect(normalizeDashboard(normalizeDashboard(a))).toEqual(normalizeDashboard(a));
  });
});

describe('desiredStateOf', () => {
  const rendered = (uid: string, f?: ReturnType<typeof folder>) => ({
    uid,
    title: uid,
    source: `${uid}.dash.ts`,
    schema: 'v1' as const,
    json: { uid, title: uid } as never,
    panelCount: 0,
    queryCount: 0,
    ...(f && { folder: f }),
  });

  it('collects folders from .folder() parents first, once per uid, and puts mixin dashboards in the mixin folder', () => {
    // GIVEN two dashboards in nested folders sharing a parent, and a mixin
    const team = folder('Team');
    const state = desiredStateOf({ dashboards: [rendered('a', folder('API', { parent: team })), rendered('b', team)] }, [
      { name: 'node-exporter', source: 'dash.config.ts › mixins[0]', dashboards: [{ uid: 'nodes', title: 'Nodes', json: { uid: 'nodes' } }] },
    ]);
    // THEN folders are deduplicated and ordered, dashboards reference them
    expect(state.folders.map((f) => [f.uid, f.parentUid])).toEqual([
      ['team', undefined],
      ['node-exporter', undefined],
      ['team-api', 'team'],
    ]);
    expect(state.dashboards.map((d) => [d.uid, d.folderUid])).toEqual([
      ['a', 'team-api'],
      ['b', 'team'],
      ['nodes', mixinFolder('node-exporter').uid],
    ]);
  });

  it('rejects one folder uid with two titles and a dashboard uid used twice', () => {
    // GIVEN conflicting folders and a mixin dashboard reusing a project uid
    const act = () =>
      desiredStateOf({ dashboards: [rendered('a', folder('Ops', { uid: 'ops' })), rendered('b', folder('Operations', { uid: 'ops' }))] }, [
        { name: 'm', source: 'dash.config.ts › mixins[0]', dashboards: [{ uid: 'a', title: 'A', json: {} }] },
      ]);
    // THEN both problems are reported at once
    expect(act).toThrow(ValidationError);
    try {
      act();
    } catch (error) {
      const messages = (error as ValidationError).problems.map((p) => p.message);
      expect(messages).toHaveLength(2);
      expect(messages[0]).toContain('folder uid "ops" is titled "Operations" here but "Ops"');
      expect(messages[1]).toContain('duplicate dashboard uid "a"');
    }
  });

  it('marks dashboards it writes with the managed tag', () => {
    // GIVEN a desired dashboard with tags
    const json = withManagedMarker(normalizeDashboard({ uid: 'a', title: 'A', tags: ['t'] }));
    // THEN the managed tag is appended
    expect(json['tags']).toEqual(['t', MANAGED_TAG]);
  });
});
