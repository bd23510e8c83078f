/**
 * Reads that fail stop the run before planning, and the error names every resource that could
 * not be read, not just the first one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readActualState } from '../../lib/sync/plan.js';
import type { DashboardResource } from '../../lib/sync/resources.js';
import { SyncUnreadableError } from '../../lib/sync/sync-unreadable-error.js';
import { MemoryTarget } from './memory-target.js';

const dash = (uid: string): DashboardResource => ({ kind: 'Dashboard', uid, title: uid, schema: 'v1', json: { uid, title: uid }, source: `${uid}.dash.ts` });

describe('readActualState with failing reads', () => {
  it('throws SyncUnreadableError naming exactly the dashboards whose read failed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/), { minLength: 1, maxLength: 12 }),
        fc.func(fc.boolean()),
        fc.integer({ min: 1, max: 5 }),
        async (uids, fails, concurrency) => {
          // GIVEN a target holding every desired dashboard, some of whose reads fail
          const target = new MemoryTarget();
          for (const uid of uids) target.seedDashboard({ uid, json: { uid, title: uid } });
          const failing = uids.filter((uid) => fails(uid));
          const read = target.getDashboard.bind(target);
          target.getDashboard = async (uid: string) => {
            if (failing.includes(uid)) throw new Error(`503 for ${uid} after 4 attempts`);
            return read(uid);
          };
          // WHEN reading
          const outcome = await readActualState(target, { folders: [], dashboards: uids.map(dash) }, { concurrency }).then(
            () => undefined,
            (error: unknown) => error,
          );
          // THEN it fails exactly when some read failed, and lists all of them
          if (failing.length === 0) {
            expect(outcome).toBeUndefined();
            return;
          }
          expect(outcome).toBeInstanceOf(SyncUnreadableError);
          const error = outcome as SyncUnreadableError;
          expect(error.unread.map((u) => u.resource).sort()).toEqual(failing.map((uid) => `dashboard "${uid}"`).sort());
          for (const uid of failing) expect(error.message).toContain(`dashboard "${uid}": 503 for ${uid} after 4 attempts`);
          expect(error.message).toContain('so nothing was planned or written');
        },
      ),
      { numRuns: 100 },
    );
  });

  it('names each listing that failed', async () => {
    const target = new MemoryTarget();
    target.listFolders = async () => {
      throw new Error('folders: 500');
    };
    target.listDashboards = async () => {
      throw new Error('search: 500');
    };
    const error = (await readActualState(target, { folders: [], dashboards: [] }).then(
      () => undefined,
      (e: unknown) => e,
    )) as SyncUnreadableError;
    expect(error).toBeInstanceOf(SyncUnreadableError);
    expect(error.unread.map((u) => u.resource)).toEqual(['folders', 'dashboards']);
  });
});
