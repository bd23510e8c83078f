/**
 * The file target after a killed apply: the `*.json.<pid>.<hex>.tmp` files a run leaves between
 * its write and its rename are grafts' own, never foreign, and the next apply deletes them once
 * their writer is gone.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { withManagedMarker } from '../../lib/sync/managed-marker.js';
import { DEFAULT_OWNER_SCOPE, ownerTag } from '../../lib/sync/ownership.js';
import type { DashboardResource, FolderResource } from '../../lib/sync/resources.js';
import { FileTarget } from '../../lib/sync/targets/file-target.js';

const W = { message: 'grafts apply' };

function deadPid(): number {
  const pid = spawnSync(process.execPath, ['-e', '']).pid;
  if (pid === undefined) throw new Error('no pid');
  return pid;
}

const folder = (uid: string, title: string): FolderResource => ({ kind: 'Folder', uid, title, source: 'test' });
const dashboard = (uid: string, folderUid?: string): DashboardResource => ({
  kind: 'Dashboard',
  uid,
  title: uid,
  ...(folderUid !== undefined ? { folderUid } : {}),
  schema: 'v1',
  json: withManagedMarker({ uid, title: uid, panels: [] }, { ownerTag: ownerTag(DEFAULT_OWNER_SCOPE, uid), folderUid }),
  source: 'test',
});

describe('file target temporary files left by a killed run', () => {
  test('GIVEN temp files of dead and live writers in a managed folder WHEN the folder is deleted (prune) THEN it is not refused as foreign', async () => {
    const dead = deadPid();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ name: fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/), live: fc.boolean(), hex: fc.stringMatching(/^[0-9a-f]{8}$/) }), {
          minLength: 1,
          maxLength: 5,
        }),
        async (temps) => {
          const dir = mkdtempSync(path.join(tmpdir(), 'grafts-files-'));
          try {
            // GIVEN a managed folder holding a dashboard and temp files a run left behind
            const t = new FileTarget({ name: 'default', dir });
            await t.createFolder(folder('team', 'Team'), W);
            await t.saveDashboard(dashboard('a', 'team'), W);
            for (const temp of temps) {
              writeFileSync(path.join(dir, 'dashboards', 'Team', `${temp.name}.json.${temp.live ? process.ppid : dead}.${temp.hex}.tmp`), '{"half');
            }

            // WHEN the folder is deleted
            await new FileTarget({ name: 'default', dir }).deleteFolder('team');

            // THEN it is gone with its temp files
            expect(existsSync(path.join(dir, 'dashboards', 'Team'))).toBe(false);
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  test('GIVEN temp files of a dead writer and of a live one WHEN an apply finishes THEN only the dead writer’s are deleted', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'grafts-files-'));
    try {
      const t = new FileTarget({ name: 'default', dir });
      await t.saveDashboard(dashboard('a'), W);
      await t.finish();
      const deadTemp = path.join(dir, 'dashboards', `a.json.${deadPid()}.0123abcd.tmp`);
      const liveTemp = path.join(dir, 'dashboards', `b.json.${process.ppid}.0123abcd.tmp`);
      const providerTemp = path.join(path.dirname(t.providerFile), `grafts.yaml.${deadPid()}.89abcdef.tmp`);
      mkdirSync(path.dirname(providerTemp), { recursive: true });
      for (const file of [deadTemp, liveTemp, providerTemp]) writeFileSync(file, '{');

      const next = new FileTarget({ name: 'default', dir });
      await next.saveDashboard(dashboard('a'), W);
      await next.finish();

      expect(existsSync(deadTemp)).toBe(false);
      expect(existsSync(providerTemp)).toBe(false);
      expect(existsSync(liveTemp)).toBe(true);
      // A temp file is never listed as a dashboard.
      expect((await next.listDashboards()).map((d) => d.uid)).toEqual(['a']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
