// File target folder directories: the title → directory mapping is one-to-one (titles `A/B`
// and `A-B` get two directories), and the clash check is deterministic although the folders
// of one level are created concurrently.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import { applyPlan } from '../../lib/sync/apply.js';
import { plan, readActualState } from '../../lib/sync/plan.js';
import type { DashboardResource, DesiredState, FolderResource } from '../../lib/sync/resources.js';
import { directoryName, FileTarget } from '../../lib/sync/targets/file-target.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'grafts-folder-names-'));
  dirs.push(dir);
  return dir;
}

const folder = (uid: string, title: string, parentUid?: string): FolderResource => ({
  kind: 'Folder',
  uid,
  title,
  ...(parentUid !== undefined && { parentUid }),
  source: `${uid}.dash.ts`,
});
const dashboard = (uid: string, folderUid: string): DashboardResource => ({
  kind: 'Dashboard',
  uid,
  title: uid,
  folderUid,
  schema: 'v1',
  json: { uid, title: uid },
  source: `${uid}.dash.ts`,
});

async function apply(dir: string, desired: DesiredState) {
  const target = new FileTarget({ name: 'files', dir });
  const p = plan(desired, await readActualState(target, desired));
  return applyPlan(p, target, { message: 'test', concurrency: 8 });
}

// Titles built from the characters that used to collide (separators, dots, spaces, `%`, look-alikes).
const title = fc
  .array(fc.constantFrom('A', 'b', '-', '/', '\\', '.', ' ', '%', '2F', '\u2215', '\u29f5', '\u0001', 'é'), { maxLength: 8 })
  .map((parts) => parts.join(''));

describe('directoryName', () => {
  test('is one-to-one and always one plain segment inside its parent', () => {
    fc.assert(
      fc.property(fc.oneof(title, fc.string({ unit: 'binary' })), fc.oneof(title, fc.string({ unit: 'binary' })), (a, b) => {
        const name = directoryName(a);
        expect(name).not.toMatch(/[/\\\u0000-\u001f]/);
        expect(name).not.toMatch(/^\./);
        expect(path.dirname(path.join('/p', name))).toBe('/p');
        if (a !== b) expect(directoryName(b)).not.toBe(name);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('file target folders created concurrently', () => {
  test('GIVEN sibling folders titled A/B and A-B THEN each gets its own directory and its own dashboards', async () => {
    // GIVEN two sibling folders whose titles used to map to one directory, each with a dashboard
    const dir = tempDir();
    const desired: DesiredState = {
      folders: [folder('slash', 'A/B'), folder('dash', 'A-B')],
      dashboards: [dashboard('in-slash', 'slash'), dashboard('in-dash', 'dash')],
    };
    // WHEN applied (one level: created in parallel)
    const report = await apply(dir, desired);
    // THEN both land, each dashboard in its folder's directory
    expect(report.ok).toBe(true);
    const root = path.join(dir, 'dashboards');
    expect(readdirSync(root).sort()).toEqual(['A-B', 'A\u2215B']);
    expect(readdirSync(path.join(root, 'A\u2215B'))).toContain('in-slash.json');
    expect(readdirSync(path.join(root, 'A-B'))).toContain('in-dash.json');
    expect(JSON.parse(readFileSync(path.join(root, 'A\u2215B', '.grafts-folder.json'), 'utf8'))).toMatchObject({ uid: 'slash', title: 'A/B' });
    // AND a second plan sees everything unchanged
    const target = new FileTarget({ name: 'files', dir });
    expect(plan(desired, await readActualState(target, desired)).steps.every((s) => s.action === 'unchanged')).toBe(true);
  });

  test('GIVEN desired folders whose directories differ only in case THEN the plan is refused before anything is written, naming both', async () => {
    // GIVEN "Team" and "team" at one level (one directory on a case-insensitive file system)
    const dir = tempDir();
    const desired: DesiredState = {
      folders: [folder('upper', 'Team'), folder('lower', 'team')],
      dashboards: [dashboard('u', 'upper'), dashboard('l', 'lower')],
    };
    // WHEN the actual state is read for a plan
    const target = new FileTarget({ name: 'files', dir });
    // THEN it is refused naming both folders and their sources, and nothing was written
    await expect(readActualState(target, desired)).rejects.toThrow(
      /folders "upper" \(title "Team", upper\.dash\.ts\) and "lower" \(title "team", lower\.dash\.ts\) would share the directory/,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  test('PROPERTY: a set of desired folders either applies completely or is refused before any write', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom('Team', 'team', 'TEAM', 'Ops', 'ops', 'A/B', 'a/b', 'A-B'), fc.boolean()), { minLength: 1, maxLength: 5 }),
        async (specs) => {
          // GIVEN folders with those titles, each nested under the first folder or at the top
          const dir = tempDir();
          const folders = specs.map(([t, nested], i) => folder(`f${i}`, t, nested && i > 0 ? 'f0' : undefined));
          const desired: DesiredState = { folders, dashboards: folders.map((f) => dashboard(`d-${f.uid}`, f.uid)) };
          const dirOf = (f: FolderResource): string => (f.parentUid ? `${dirOf(folders[0]!)}/` : '') + directoryName(f.title).toLowerCase();
          const clash = new Set(folders.map(dirOf)).size < folders.length;
          const target = new FileTarget({ name: 'files', dir });
          // WHEN planned and applied
          const read = readActualState(target, desired);
          if (clash) {
            // THEN a clash is refused at plan time and nothing is written
            await expect(read).rejects.toThrow(/would share the directory/);
            expect(readdirSync(dir)).toEqual([]);
            return;
          }
          // THEN otherwise every folder and dashboard is applied
          const report = await applyPlan(plan(desired, await read), target, { message: 'test', concurrency: 8 });
          expect(report.results.every((r) => r.outcome === 'applied')).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });
});
