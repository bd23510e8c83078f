import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../lib/sync/apply.js';
import { withManagedMarker, withoutManagedMarker } from '../../lib/sync/managed-marker.js';
import { normalizeDashboard, sameJson } from '../../lib/sync/normalize.js';
import { plan, readActualState } from '../../lib/sync/plan.js';
import type { DashboardResource, DesiredState, FolderResource } from '../../lib/sync/resources.js';
import { MemoryTarget } from './memory-target.js';

const FOLDER_UIDS = ['f0', 'f1', 'f2', 'f3', 'f4'];
const DASHBOARD_UIDS = ['d0', 'd1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7'];

/** Folders as a forest: folder i may only have a parent with a smaller index (no cycles). */
const folderForest = fc
  .subarray(FOLDER_UIDS)
  .chain((uids) =>
    fc.tuple(
      fc.constant(uids),
      fc.array(fc.nat(), { minLength: uids.length, maxLength: uids.length }),
      fc.array(fc.boolean(), { minLength: uids.length, maxLength: uids.length }),
      fc.array(fc.constantFrom('A', 'B'), { minLength: uids.length, maxLength: uids.length }),
    ),
  )
  .map(([uids, parents, managed, titles]) =>
    uids.map((uid, i) => ({
      uid,
      title: `${uid}-${titles[i]}`,
      managed: managed[i]!,
      ...(i > 0 && parents[i]! % 2 === 0 && { parentUid: uids[parents[i]! % i]! }),
    })),
  );

const remoteState = folderForest.chain((folders) =>
  fc.tuple(
    fc.constant(folders),
    fc.subarray(DASHBOARD_UIDS).chain((uids) =>
      fc.tuple(
        ...uids.map((uid) =>
          fc.record({
            uid: fc.constant(uid),
            managed: fc.boolean(),
            editedInUi: fc.boolean(),
            folderUid: fc.option(fc.constantFrom(...(folders.length > 0 ? folders.map((f) => f.uid) : ['none'])), { nil: undefined }),
            refresh: fc.constantFrom('1m', '5m'),
          }),
        ),
      ),
    ),
  ),
);

const desiredState = folderForest.chain((folders) =>
  fc.tuple(
    fc.constant(folders),
    fc.subarray(DASHBOARD_UIDS).chain((uids) =>
      fc.tuple(
        ...uids.map((uid) =>
          fc.record({
            uid: fc.constant(uid),
            folderUid: fc.option(fc.constantFrom(...(folders.length > 0 ? folders.map((f) => f.uid) : ['none'])), { nil: undefined }),
            refresh: fc.constantFrom('1m', '5m'),
          }),
        ),
      ),
    ),
  ),
);

function toDesired([folders, dashboards]: [
  { uid: string; title: string; parentUid?: string }[],
  { uid: string; folderUid: string | undefined; refresh: string }[],
]): DesiredState {
  const known = new Set(folders.map((f) => f.uid));
  const folderResources: FolderResource[] = folders.map((f) => ({
    kind: 'Folder',
    uid: f.uid,
    title: f.title,
    ...(f.parentUid !== undefined && { parentUid: f.parentUid }),
    source: 's',
  }));
  const dashboardResources: DashboardResource[] = dashboards.map((d) => {
    const folderUid = d.folderUid !== undefined && known.has(d.folderUid) ? d.folderUid : undefined;
    const json = { uid: d.uid, title: `Dashboard ${d.uid}`, refresh: d.refresh };
    return { kind: 'Dashboard', uid: d.uid, title: json.title, ...(folderUid !== undefined && { folderUid }), schema: 'v1', json, source: 's' };
  });
  return { folders: folderResources, dashboards: dashboardResources };
}

function seed(
  target: MemoryTarget,
  [folders, dashboards]: [
    { uid: string; title: string; parentUid?: string; managed: boolean }[],
    { uid: string; managed: boolean; editedInUi: boolean; folderUid: string | undefined; refresh: string }[],
  ],
): void {
  for (const f of folders) target.seedFolder(f);
  for (const d of dashboards) {
    const folderUid = d.folderUid !== undefined && target.folders.has(d.folderUid) ? d.folderUid : undefined;
    const content = { uid: d.uid, title: `Dashboard ${d.uid}`, refresh: d.refresh };
    target.seedDashboard({ uid: d.uid, ...(folderUid !== undefined && { folderUid }), json: d.managed ? withManagedMarker(content) : content });
    if (d.managed && d.editedInUi) target.uiEdit(d.uid, (json) => (json['description'] = 'ui'));
  }
}

function snapshot(target: MemoryTarget) {
  return {
    folders: new Map([...target.folders].map(([k, v]) => [k, structuredClone(v)])),
    dashboards: new Map([...target.dashboards].map(([k, v]) => [k, structuredClone(v)])),
  };
}

describe('apply with prune over random remote states (property)', () => {
  it('reaches every non-conflicting desired resource, deletes only managed ones, never touches unmanaged ones, and converges', async () => {
    await fc.assert(
      fc.asyncProperty(remoteState, desiredState, async (remote, wanted) => {
        // GIVEN a random mix of managed and unmanaged folders and dashboards, and a random project
        const target = new MemoryTarget();
        seed(target, remote);
        const desired = toDesired(wanted);
        const before = snapshot(target);
        // WHEN applying with prune
        const p = plan(desired, await readActualState(target, desired), { prune: true });
        const report = await applyPlan(p, target, { message: 'm' });
        // THEN nothing failed
        expect(report.counts.failed).toBe(0);
        const conflicts = new Set(p.steps.filter((s) => s.action === 'conflict').map((s) => `${s.kind}:${s.uid}`));
        // ...every desired folder exists, with the desired title and parent unless it conflicted
        for (const f of desired.folders) {
          const got = target.folders.get(f.uid);
          expect(got).toBeDefined();
          if (!conflicts.has(`Folder:${f.uid}`)) expect([got!.title, got!.parentUid]).toEqual([f.title, f.parentUid]);
        }
        // ...every desired dashboard that did not conflict holds the desired content in the desired folder
        for (const d of desired.dashboards) {
          if (conflicts.has(`Dashboard:${d.uid}`)) continue;
          const got = target.dashboards.get(d.uid);
          expect(got).toBeDefined();
          expect(sameJson(withoutManagedMarker(normalizeDashboard(got!.json)), normalizeDashboard(d.json))).toBe(true);
          expect(got!.folderUid).toBe(d.folderUid);
        }
        // ...no unmanaged resource was changed or deleted
        for (const [uid, f] of before.folders) if (!f.managed) expect(target.folders.get(uid)).toEqual(f);
        for (const [uid, d] of before.dashboards) {
          const wasManaged = Array.isArray(d.json['tags']) && (d.json['tags'] as string[]).includes('grafts-managed');
          if (!wasManaged) expect(target.dashboards.get(uid)).toEqual(d);
        }
        // ...managed dashboards that are not desired are gone
        const desiredUids = new Set(desired.dashboards.map((d) => d.uid));
        for (const [uid, d] of before.dashboards) {
          const wasManaged = Array.isArray(d.json['tags']) && (d.json['tags'] as string[]).includes('grafts-managed');
          if (wasManaged && !desiredUids.has(uid)) expect(target.dashboards.has(uid)).toBe(false);
        }
        // ...and a second apply writes nothing: only the same conflicts remain
        const again = plan(desired, await readActualState(target, desired), { prune: true });
        const writesBefore = target.writes.length;
        await applyPlan(again, target, { message: 'm' });
        expect(target.writes.length).toBe(writesBefore);
        expect(new Set(again.steps.filter((s) => s.action !== 'unchanged').map((s) => `${s.kind}:${s.uid}`))).toEqual(conflicts);
      }),
      { numRuns: 300, seed: 20240611 },
    );
  });
});
