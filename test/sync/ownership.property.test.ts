// Ownership on a shared Grafana (the emulator, classic API): a random mix of dashboards grafts
// wrote, hand-made ones, copies made in Grafana (Save as, export/import), dashboards moved by
// hand, and per-developer watch copies (uid prefix) — `apply --prune` deletes exactly the
// dashboards this project and target wrote that left the code, and leaves every other stored
// dashboard byte-identical. Plus one regression test per rule.
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GrafanaClient } from '../../lib/grafana/grafana-client.js';
import { applyPlan } from '../../lib/sync/apply.js';
import { plan, readActualState, type PlanOptions } from '../../lib/sync/plan.js';
import type { DashboardResource, DesiredState, FolderResource } from '../../lib/sync/resources.js';
import { GrafanaTarget } from '../../lib/sync/targets/grafana-target.js';
import { DASHBOARD_SCHEMA_KEYS, startGrafanaEmulator, type GrafanaEmulator } from '../../lib/testing/index.js';

let grafana: GrafanaEmulator;
beforeAll(async () => {
  grafana = await startGrafanaEmulator({ version: '12.1.0' });
});
afterAll(() => grafana.stop());
afterEach(() => grafana.reset());

const PROJECT = 'shop';

function target(options: { uidPrefix?: string; project?: string; apiMode?: 'classic' | 'auto' } = {}): GrafanaTarget {
  const client = new GrafanaClient({ url: grafana.url, token: grafana.token, retry: { maxAttempts: 1 } });
  return new GrafanaTarget({
    name: options.uidPrefix ? 'dev' : 'prod',
    client,
    apiMode: options.apiMode ?? 'classic',
    project: options.project ?? PROJECT,
    ...(options.uidPrefix !== undefined && { uidPrefix: options.uidPrefix, folderPrefix: `[${options.uidPrefix}] ` }),
  });
}

const TEAM: FolderResource = { kind: 'Folder', uid: 'team', title: 'Team', source: 'team.dash.ts' };

function dashboard(uid: string, folderUid: string | null = 'team'): DashboardResource {
  const json = { uid, title: `Dashboard ${uid}`, schemaVersion: 41, panels: [{ id: 1, type: 'text', title: uid, gridPos: { x: 0, y: 0, w: 24, h: 4 } }] };
  return { kind: 'Dashboard', uid, title: json.title, ...(folderUid !== null && { folderUid }), schema: 'v1', json, source: `${uid}.dash.ts` };
}

function desiredOf(uids: readonly string[]): DesiredState {
  return { folders: [TEAM], dashboards: uids.map((u) => dashboard(u)) };
}

async function sync(t: GrafanaTarget, desired: DesiredState, options: PlanOptions = {}) {
  const p = plan(desired, await readActualState(t, desired), options);
  return { plan: p, report: await applyPlan(p, t, { message: 'test' }) };
}

async function api(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${grafana.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${grafana.token}`, 'content-type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  expect(res.status, `${method} ${path}`).toBe(200);
  return res.json();
}

async function stored(uid: string): Promise<{ dashboard: Record<string, unknown>; meta: { folderUid?: string } }> {
  return (await api('GET', `/api/dashboards/uid/${uid}`)) as { dashboard: Record<string, unknown>; meta: { folderUid?: string } };
}

/** "Save as" in Grafana's UI: the frontend's save model (unknown keys dropped), tags kept, a new uid. */
async function saveAs(uid: string, newUid: string): Promise<void> {
  const { dashboard: d, meta } = await stored(uid);
  const model: Record<string, unknown> = {};
  for (const key of DASHBOARD_SCHEMA_KEYS) if (key in d) model[key] = d[key];
  await api('POST', '/api/dashboards/db', {
    dashboard: { ...model, id: null, uid: newUid, title: `${String(d['title'])} copy`, version: 0 },
    folderUid: meta.folderUid ?? '',
    overwrite: false,
  });
}

/** Export as JSON and import under a new uid: every key kept. */
async function exportImport(uid: string, newUid: string): Promise<void> {
  const { dashboard: d } = await stored(uid);
  await api('POST', '/api/dashboards/db', {
    dashboard: { ...d, id: null, uid: newUid, title: `${String(d['title'])} imported`, version: 0 },
    folderUid: '',
    overwrite: false,
  });
}

/** Moving a dashboard in Grafana's browse view: the stored JSON is sent back to another folder. */
async function moveByHand(uid: string, folderUid: string): Promise<void> {
  const { dashboard: d } = await stored(uid);
  await api('POST', '/api/dashboards/db', { dashboard: d, folderUid, overwrite: true });
}

async function handMade(uid: string): Promise<void> {
  await api('POST', '/api/dashboards/db', { dashboard: { uid, title: `Hand ${uid}`, tags: ['grafts-managed-looking'] }, folderUid: '', overwrite: false });
}

/** Every stored dashboard as bytes (JSON, folder, version). */
function snapshot(): Map<string, string> {
  return new Map([...grafana.state.dashboards.values()].map((d) => [d.uid, JSON.stringify([d.data, d.folderUid, d.version])]));
}

describe('ownership property: apply --prune deletes exactly our dashboards that left the code', () => {
  it('holds for random mixes of ours, hand-made, copies, moved and watch copies', async () => {
    const pool = ['a', 'b', 'c', 'd', 'e', 'f'];
    await fc.assert(
      fc.asyncProperty(
        fc.subarray(pool, { minLength: 1 }),
        fc.array(fc.record({ from: fc.constantFrom(...pool), how: fc.constantFrom('save-as', 'export-import') }), { maxLength: 3 }),
        fc.subarray(pool),
        fc.subarray(pool),
        fc.subarray(['h1', 'h2']),
        fc.subarray(pool),
        async (applied, copies, watched, moved, hand, kept) => {
          grafana.reset();
          await api('POST', '/api/folders', { uid: 'elsewhere', title: 'Elsewhere' });
          // GIVEN prod applied some dashboards, alice's watch applied some, people made copies, moves and their own
          await sync(target(), desiredOf(applied));
          if (watched.length > 0) await sync(target({ uidPrefix: 'alice-' }), desiredOf(watched));
          const copyUids: string[] = [];
          for (const [i, c] of copies.entries()) {
            if (!applied.includes(c.from)) continue;
            const copyUid = `copy-${i}-${c.from}`;
            if (c.how === 'save-as') await saveAs(c.from, copyUid);
            else await exportImport(c.from, copyUid);
            copyUids.push(copyUid);
          }
          for (const uid of moved) if (applied.includes(uid)) await moveByHand(uid, 'elsewhere');
          for (const uid of hand) await handMade(uid);
          const before = snapshot();

          // WHEN the code keeps only `kept` and prod applies with --prune
          const { plan: p, report } = await sync(target(), desiredOf(kept), { prune: true });

          // THEN exactly prod's dashboards that left the code are deleted
          const expectedDeleted = applied.filter((uid) => !kept.includes(uid)).sort();
          const deleted = [...before.keys()].filter((uid) => !grafana.state.dashboards.has(uid)).sort();
          expect(deleted).toEqual(expectedDeleted);
          expect(report.counts.failed).toBe(0);
          // AND every other dashboard that existed is byte-identical, except ours still in the code and not moved by hand
          const after = snapshot();
          for (const [uid, bytes] of before) {
            if (expectedDeleted.includes(uid)) continue;
            const ours = applied.includes(uid) && kept.includes(uid);
            if (!ours) expect(after.get(uid), uid).toBe(bytes);
            if (ours && moved.includes(uid)) {
              // moved by hand: a conflict, left where the person put it
              expect(after.get(uid), uid).toBe(bytes);
              expect(p.steps.find((s) => s.uid === uid)?.action).toBe('conflict');
            }
          }
          // AND the plan says what it skipped and why
          const aliceLeft = watched.length > 0;
          if (aliceLeft) expect(p.notes.some((n) => /dashboards? managed by another target \(uid prefix "alice-"\)/.test(n))).toBe(true);
          if (copyUids.length > 0) expect(p.notes.some((n) => n.includes('marked for another uid or project'))).toBe(true);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('ownership rules (regressions)', () => {
  it('a Save-as copy and an export/import copy keep the tags but are never pruned', async () => {
    // GIVEN one applied dashboard and two copies of it made in Grafana
    await sync(target(), desiredOf(['a']));
    await saveAs('a', 'a-copy');
    await exportImport('a', 'a-imported');
    expect((await stored('a-imported')).dashboard['tags']).toEqual((await stored('a')).dashboard['tags']);
    // WHEN the code drops everything and prod prunes
    const { plan: p } = await sync(target(), { folders: [], dashboards: [] }, { prune: true });
    // THEN only the original is deleted; the plan names the copies
    expect(grafana.state.dashboards.has('a')).toBe(false);
    expect(grafana.state.dashboards.has('a-copy')).toBe(true);
    expect(grafana.state.dashboards.has('a-imported')).toBe(true);
    expect(p.notes).toContainEqual(expect.stringMatching(/^--prune skipped 2 dashboards marked for another uid or project .*: a-copy, a-imported$/));
  });

  it('another project on the same Grafana is never pruned, and its dashboard is a conflict, not ours', async () => {
    // GIVEN project "other" applied "x"
    await sync(target({ project: 'other' }), desiredOf(['x']));
    // WHEN project "shop" prunes, and separately wants a dashboard "x" of its own
    const pruned = await sync(target(), { folders: [], dashboards: [] }, { prune: true });
    const taken = plan(desiredOf(['x']), await readActualState(target(), desiredOf(['x'])));
    // THEN nothing of "other" is deleted and "x" is a conflict naming the foreign marker
    expect(grafana.state.dashboards.has('x')).toBe(true);
    expect(pruned.report.counts.deleted).toBe(0);
    expect(taken.steps.find((s) => s.uid === 'x')).toMatchObject({ action: 'conflict', reason: expect.stringContaining('marked for another uid or project') });
  });

  it("watch copies under a developer's uid prefix are skipped by prod's prune, and the plan says whose", async () => {
    // GIVEN alice's watch copies of a and b
    await sync(target({ uidPrefix: 'alice-' }), desiredOf(['a', 'b']));
    // WHEN prod prunes with no dashboards in the code
    const { plan: p } = await sync(
      target(),
      { folders: [], dashboards: [] },
      { prune: true, targetOfPrefix: (prefix) => (prefix === 'alice-' ? 'dash watch on target "dev"' : undefined) },
    );
    // THEN they stay, and the note names the target and prefix
    expect(grafana.state.dashboards.has('alice-a')).toBe(true);
    expect(grafana.state.dashboards.has('alice-b')).toBe(true);
    expect(p.notes).toContain('--prune skipped 2 dashboards managed by dash watch on target "dev" (uid prefix "alice-"): alice-a, alice-b');
    // AND alice's own prune still owns them
    await sync(target({ uidPrefix: 'alice-' }), { folders: [], dashboards: [] }, { prune: true });
    expect(grafana.state.dashboards.has('alice-a')).toBe(false);
  });

  it('a dashboard moved to another folder by hand is a conflict until --force moves it back', async () => {
    // GIVEN an applied dashboard moved by hand
    await sync(target(), desiredOf(['a']));
    await api('POST', '/api/folders', { uid: 'elsewhere', title: 'Elsewhere' });
    await moveByHand('a', 'elsewhere');
    // WHEN applying the unchanged code
    const first = await sync(target(), desiredOf(['a']));
    // THEN it is a conflict and stays where it was put
    expect(first.plan.steps.find((s) => s.uid === 'a')).toMatchObject({
      action: 'conflict',
      reason: expect.stringContaining('moved to another folder outside grafts'),
    });
    expect(grafana.state.dashboards.get('a')?.folderUid).toBe('elsewhere');
    // WHEN forced THEN it goes back, and the next plan is clean
    await sync(target(), desiredOf(['a']), { force: true });
    expect(grafana.state.dashboards.get('a')?.folderUid).toBe('team');
    const again = plan(desiredOf(['a']), await readActualState(target(), desiredOf(['a'])));
    expect(again.steps.every((s) => s.action === 'unchanged')).toBe(true);
  });

  it('a dashboard the code moves is moved (not a conflict)', async () => {
    await sync(target(), desiredOf(['a']));
    const desired: DesiredState = { folders: [TEAM], dashboards: [dashboard('a', null)] };
    const { plan: p } = await sync(target(), desired);
    expect(p.steps.find((s) => s.uid === 'a')?.action).toBe('move');
    expect(grafana.state.dashboards.get('a')?.folderUid).toBe('');
  });

  it('a dashboard marked by an older release is rewritten when in the code, and left (with a note) by prune', async () => {
    // GIVEN two dashboards with the old marker (managed tag and content hash, no owner tag)
    const { contentHash } = await import('../../lib/sync/managed-marker.js');
    for (const uid of ['old-kept', 'old-gone']) {
      const json = dashboard(uid).json;
      await api('POST', '/api/dashboards/db', {
        dashboard: { ...json, tags: ['grafts-managed'], graftsContentHash: contentHash(json) },
        folderUid: '',
        overwrite: false,
      });
    }
    // WHEN the code has one of them, in the root, and prod prunes
    const { plan: p, report } = await sync(target(), { folders: [], dashboards: [dashboard('old-kept', null)] }, { prune: true });
    expect(report.ok, JSON.stringify(report.results)).toBe(true);
    // THEN the kept one is rewritten with the new marker, the other is left and named
    expect(p.steps.find((s) => s.uid === 'old-kept')).toMatchObject({ action: 'update', reason: expect.stringContaining('older grafts release') });
    expect((await stored('old-kept')).dashboard['tags']).toEqual(expect.arrayContaining([expect.stringMatching(/^grafts-owner-[0-9a-f]{12}$/)]));
    expect(grafana.state.dashboards.has('old-gone')).toBe(true);
    expect(p.notes).toContainEqual(expect.stringMatching(/^--prune skipped 1 dashboard marked by an older grafts release .*: old-gone$/));
  });
});

describe('folder ownership', () => {
  it('the classic folder API returns no description, like Grafana (dtos.Folder), so classic folders are never pruned', async () => {
    // GIVEN prod created folder "team" through the classic API (with its marker in the description)
    await sync(target(), desiredOf(['a']));
    const dto = (await api('GET', '/api/folders/team')) as Record<string, unknown>;
    const listing = (await api('GET', '/api/folders')) as Record<string, unknown>[];
    // THEN neither the folder nor the listing carries a description
    expect(dto).not.toHaveProperty('description');
    expect(listing.every((f) => !('description' in f))).toBe(true);
    // AND a prune with nothing in the code deletes the dashboard but cannot prove the folder is ours
    await sync(target(), { folders: [], dashboards: [] }, { prune: true });
    expect(grafana.state.dashboards.has('a')).toBe(false);
    expect(grafana.state.folders.has('team')).toBe(true);
  });

  it("on /apis the owner annotation is returned: our empty folder is pruned, another project's is not, and a rename of theirs is a conflict", async () => {
    // GIVEN "team" created by project shop and "theirs" by project other, both through /apis
    await sync(target({ apiMode: 'auto' }), desiredOf(['a']));
    const other: FolderResource = { kind: 'Folder', uid: 'theirs', title: 'Theirs', source: 'x' };
    await sync(target({ apiMode: 'auto', project: 'other' }), { folders: [other], dashboards: [] });
    // WHEN shop wants "theirs" renamed THEN it is a conflict naming the foreign marker
    const rename = plan(
      { folders: [{ ...other, title: 'Renamed' }], dashboards: [] },
      await readActualState(target({ apiMode: 'auto' }), { folders: [], dashboards: [] }),
    );
    expect(rename.steps[0]).toMatchObject({ action: 'conflict', reason: expect.stringContaining('marked for another uid or project') });
    // WHEN shop prunes with nothing in the code
    const { plan: p } = await sync(target({ apiMode: 'auto' }), { folders: [], dashboards: [] }, { prune: true });
    // THEN its own folder goes, the other project's stays and is named
    expect(grafana.state.folders.has('team')).toBe(false);
    expect(grafana.state.folders.has('theirs')).toBe(true);
    expect(p.notes).toContainEqual(expect.stringMatching(/^--prune skipped 1 folder marked for another uid or project .*: theirs$/));
  });
});

describe('file target ownership', () => {
  it('a hand-copied JSON file under another name is foreign: prune leaves it, and the folder holding it', async () => {
    const { mkdtempSync, readFileSync, writeFileSync, existsSync, rmSync } = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { FileTarget } = await import('../../lib/sync/targets/file-target.js');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'grafts-owner-files-'));
    try {
      const files = () => new FileTarget({ name: 'files', dir, project: PROJECT });
      // GIVEN "a" applied into folder Team, and a person's copy of its file as b.json (uid edited) and c.json (uid kept)
      const p1 = plan(desiredOf(['a']), await readActualState(files(), desiredOf(['a'])));
      expect((await applyPlan(p1, files(), { message: 't' })).ok).toBe(true);
      const original = readFileSync(path.join(dir, 'dashboards', 'Team', 'a.json'), 'utf8');
      writeFileSync(path.join(dir, 'dashboards', 'Team', 'b.json'), original.replace('"uid": "a"', '"uid": "b"'));
      writeFileSync(path.join(dir, 'dashboards', 'Team', 'c.json'), original);
      // WHEN the code drops everything and prunes
      const p2 = plan({ folders: [], dashboards: [] }, await readActualState(files(), { folders: [], dashboards: [] }), { prune: true });
      await applyPlan(p2, files(), { message: 't' });
      // THEN only a.json is deleted; the copies and the folder holding them stay
      expect(existsSync(path.join(dir, 'dashboards', 'Team', 'a.json'))).toBe(false);
      expect(readFileSync(path.join(dir, 'dashboards', 'Team', 'b.json'), 'utf8')).toBe(original.replace('"uid": "a"', '"uid": "b"'));
      expect(readFileSync(path.join(dir, 'dashboards', 'Team', 'c.json'), 'utf8')).toBe(original);
      expect(p2.notes).toContainEqual(expect.stringMatching(/skipped 2 dashboards marked for another uid or project .*: b, c$/));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('owner tokens and the project name', () => {
  it('a token proves only the scope and uid it was made for; another prefix of the same project is named', async () => {
    const { classifyOwnership, ownerToken } = await import('../../lib/sync/ownership.js');
    const uid = fc.stringMatching(/^[a-z0-9-]{1,12}$/);
    const scope = fc.record({ project: fc.constantFrom('', 'shop', 'other'), uidPrefix: fc.constantFrom('', 'alice-', 'dev-') });
    fc.assert(
      fc.property(scope, uid, scope, uid, (writer, writtenUid, reader, readUid) => {
        const got = classifyOwnership([ownerToken(writer, writtenUid)], true, reader, readUid);
        const same = writer.project === reader.project && writer.uidPrefix === reader.uidPrefix && writtenUid === readUid;
        expect(got.managed).toBe(same);
        if (!same && writer.project === reader.project && writer.uidPrefix + writtenUid === reader.uidPrefix + readUid) {
          expect(got.foreignMarker).toEqual({ kind: 'other-target', uidPrefix: writer.uidPrefix });
        }
        if (!same && writer.project !== reader.project) expect(got.foreignMarker?.kind).toBe('other-owner');
      }),
      { numRuns: 500 },
    );
  });

  it('the project comes from config, else package.json, and must be a string', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { projectIdentity } = await import('../../lib/sync/project-identity.js');
    const { validateConfig } = await import('../../lib/project/load-project.js');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'grafts-project-id-'));
    try {
      expect(projectIdentity({}, dir)).toBe('');
      writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'shop-dashboards' }));
      expect(projectIdentity({}, dir)).toBe('shop-dashboards');
      expect(projectIdentity({ project: 'explicit' }, dir)).toBe('explicit');
      expect(() => validateConfig({ project: 42 }, 'dash.config.ts')).toThrow(/"project" must be a string/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
