import { describe, expect, it } from 'vitest';
import { applyPlan, type ApplyProgress } from '../../lib/sync/apply.js';
import { withManagedMarker } from '../../lib/sync/managed-marker.js';
import { DEFAULT_OWNER_SCOPE, ownerTag } from '../../lib/sync/ownership.js';
import { plan, readActualState, type Plan } from '../../lib/sync/plan.js';
import type { DashboardResource, DesiredState, FolderResource } from '../../lib/sync/resources.js';
import { applyExitCode, type ApplyResult } from '../../lib/sync/run-apply.js';
import { MemoryConflictError, MemoryTarget } from './memory-target.js';

function dash(uid: string, folderUid?: string, extra: Record<string, unknown> = {}): DashboardResource {
  const json = { uid, title: `Dashboard ${uid}`, panels: [], ...extra };
  return { kind: 'Dashboard', uid, title: json.title, ...(folderUid !== undefined && { folderUid }), schema: 'v1', json, source: `${uid}.dash.ts` };
}

function dir(uid: string, parentUid?: string): FolderResource {
  return { kind: 'Folder', uid, title: `Folder ${uid}`, ...(parentUid !== undefined && { parentUid }), source: 'x.dash.ts' };
}

async function planFor(target: MemoryTarget, desired: DesiredState, options: { prune?: boolean; force?: boolean } = {}): Promise<Plan> {
  return plan(desired, await readActualState(target, desired), options);
}

describe('applyPlan', () => {
  it('writes marked dashboards into folders created parents first, then finishes the target', async () => {
    // GIVEN an empty target
    const target = new MemoryTarget();
    const desired: DesiredState = { folders: [dir('p'), dir('c', 'p')], dashboards: [dash('a', 'c'), dash('b')] };
    // WHEN applying
    const report = await applyPlan(await planFor(target, desired), target, { message: 'grafts apply' });
    // THEN folders come first, dashboards carry the marker, finish ran
    expect(target.writes.slice(0, 2)).toEqual([
      { op: 'createFolder', uid: 'p' },
      { op: 'createFolder', uid: 'c' },
    ]);
    expect(target.dashboards.get('a')?.json['tags']).toEqual(['grafts-managed', ownerTag(DEFAULT_OWNER_SCOPE, 'a')]);
    expect(target.dashboards.get('a')?.json['graftsFolderUid']).toBe('c');
    expect(target.dashboards.get('a')?.folderUid).toBe('c');
    expect(report.counts).toMatchObject({ created: 4, failed: 0 });
    expect(report.ok).toBe(true);
    expect(target.finished).toBe(1);
  });

  it('sends zero writes when nothing changed', async () => {
    // GIVEN a target already up to date
    const target = new MemoryTarget();
    const desired: DesiredState = { folders: [dir('p')], dashboards: [dash('a', 'p'), dash('b')] };
    await applyPlan(await planFor(target, desired), target, { message: 'm' });
    const before = target.writes.length;
    // WHEN applying again
    const report = await applyPlan(await planFor(target, desired), target, { message: 'm' });
    // THEN nothing was written
    expect(target.writes.length).toBe(before);
    expect(report.writes).toBe(0);
    expect(report.counts).toMatchObject({ unchanged: 3, created: 0, updated: 0 });
  });

  it('reports a write refused for a stale version as a conflict, not a failure', async () => {
    // GIVEN a plan to update a dashboard, and someone saving it in between
    const target = new MemoryTarget();
    await applyPlan(await planFor(target, { folders: [], dashboards: [dash('a')] }), target, { message: 'm' });
    const p = await planFor(target, { folders: [], dashboards: [dash('a', undefined, { refresh: '5m' })] });
    target.dashboards.get('a')!.version++;
    // WHEN applying the plan
    const report = await applyPlan(p, target, { message: 'm' });
    // THEN the update is a conflict and the exit code says so
    expect(report.results[0]).toMatchObject({ uid: 'a', outcome: 'conflict' });
    expect(report.counts.conflicts).toBe(1);
    expect(applyExitCode(result(p, report))).toBe(4);
  });

  it('skips what is inside a folder that failed and says exactly what was and was not applied', async () => {
    // GIVEN folder f fails to be created
    const target = new MemoryTarget();
    target.failWrite = (call) => {
      if (call.uid === 'f') throw new Error('503 service unavailable');
    };
    const desired: DesiredState = { folders: [dir('f'), dir('g', 'f')], dashboards: [dash('in-f', 'f'), dash('in-g', 'g'), dash('root')] };
    const progress: ApplyProgress[] = [];
    const p = await planFor(target, desired);
    // WHEN applying
    const report = await applyPlan(p, target, { message: 'm', onProgress: (e) => progress.push(e) });
    // THEN f failed, g and the dashboards in them were skipped, root was created, and finish was not called
    const outcome = Object.fromEntries(report.results.map((r) => [r.uid, r.outcome]));
    expect(outcome).toEqual({ f: 'failed', g: 'skipped', 'in-f': 'skipped', 'in-g': 'skipped', root: 'applied' });
    expect([...target.dashboards.keys()]).toEqual(['root']);
    expect(report.ok).toBe(false);
    expect(target.finished).toBe(0);
    expect(progress.map((e) => e.done)).toEqual([1, 2, 3, 4, 5]);
    expect(progress.every((e) => e.total === 5)).toBe(true);
    expect(applyExitCode(result(p, report))).toBe(3);
  });

  it('does not delete folders after a failure (a folder delete takes its contents)', async () => {
    // GIVEN a managed dashboard to prune that fails to delete, in a managed folder to prune
    const target = new MemoryTarget()
      .seedFolder({ uid: 'old', title: 'Old', managed: true })
      .seedDashboard({ uid: 'x', folderUid: 'old', json: withManagedMarker({ uid: 'x', title: 'X' }) });
    target.failWrite = (call) => {
      if (call.op === 'deleteDashboard') throw new Error('connection reset');
    };
    // WHEN applying with prune
    const report = await applyPlan(await planFor(target, { folders: [], dashboards: [] }, { prune: true }), target, { message: 'm' });
    // THEN the folder delete was not attempted
    expect(report.results.map((r) => [r.uid, r.outcome])).toEqual([
      ['x', 'failed'],
      ['old', 'skipped'],
    ]);
    expect(target.folders.has('old')).toBe(true);
  });

  it('treats errors named ConflictError as conflicts', async () => {
    // GIVEN a target that refuses every save with a ConflictError
    const target = new MemoryTarget();
    target.failWrite = (call) => {
      throw new MemoryConflictError(call.uid);
    };
    // WHEN applying a create
    const report = await applyPlan(await planFor(target, { folders: [], dashboards: [dash('a')] }), target, { message: 'm' });
    // THEN it is counted as a conflict
    expect(report.counts).toMatchObject({ conflicts: 1, failed: 0 });
  });

  it('overwrites a UI edit only when forced', async () => {
    // GIVEN an applied dashboard edited in the UI
    const target = new MemoryTarget();
    await applyPlan(await planFor(target, { folders: [], dashboards: [dash('a')] }), target, { message: 'm' });
    target.uiEdit('a', (json) => (json['description'] = 'from the UI'));
    const desired: DesiredState = { folders: [], dashboards: [dash('a', undefined, { refresh: '1m' })] };
    // WHEN applying without force, then with force
    const refused = await applyPlan(await planFor(target, desired), target, { message: 'm' });
    const kept = target.dashboards.get('a')!.json['description'];
    const forced = await applyPlan(await planFor(target, desired, { force: true }), target, { message: 'm' });
    // THEN the first keeps the UI edit, the second overwrites it
    expect(refused.counts.conflicts).toBe(1);
    expect(kept).toBe('from the UI');
    expect(forced.counts.updated).toBe(1);
    expect(target.dashboards.get('a')!.json['description']).toBeUndefined();
    expect(target.dashboards.get('a')!.json['refresh']).toBe('1m');
  });
});

function result(p: Plan, report: Awaited<ReturnType<typeof applyPlan>>): ApplyResult {
  return { target: 'memory', plan: p, report, dryRun: false, message: 'm', durationMs: 0 };
}
