// How `dash diff` and `dash apply` read a target: reads follow `--concurrency` (apply) and
// `readConcurrency` (diff), and the target is listed while the project builds — with nothing
// written when the build fails, and the build's error reported before the target's.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { LoadError } from '../../lib/project/errors.js';
import { DEFAULT_READ_CONCURRENCY } from '../../lib/sync/read-actual-state.js';
import { runApply } from '../../lib/sync/run-apply.js';
import { runDiff } from '../../lib/sync/run-diff.js';
import type { RemoteDashboard, RemoteFolder, RemoteDashboardSummary } from '../../lib/sync/sync-target.js';
import { writeFiles } from '../cli/run-dash.js';
import { MemoryTarget } from './memory-target.js';

const COUNT = 12;

/** A project of COUNT dashboards; each sets a global flag when the build evaluates it. */
function project(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'grafts-read-concurrency-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const dashboards = Object.fromEntries(
    Array.from({ length: COUNT }, (_, i) => [
      `dashboards/d${i}.dash.ts`,
      `import { dashboard } from 'grafts';\n(globalThis as Record<string, unknown>)['__graftsReadTestBuilt'] = true;\nexport default dashboard('Dashboard ${i}').uid('d${i}');\n`,
    ]),
  );
  writeFiles(dir, { ...dashboards, ...files });
  return dir;
}

/** A memory target that counts the reads in flight and notes whether the build had run when it was listed. */
class CountingTarget extends MemoryTarget {
  /** Like a Grafana: its listings need nothing of the project (see SyncTarget.listsWithoutDesired). */
  listsWithoutDesired = true;
  checkDesired?: () => Promise<void>;
  inFlight = 0;
  peak = 0;
  listedBeforeBuild: boolean | undefined;
  failListing = false;

  override async listFolders(): Promise<RemoteFolder[]> {
    this.listedBeforeBuild ??= (globalThis as Record<string, unknown>)['__graftsReadTestBuilt'] !== true;
    if (this.failListing) throw new Error('listing failed: connection refused');
    return super.listFolders();
  }

  override async listDashboards(): Promise<RemoteDashboardSummary[]> {
    if (this.failListing) throw new Error('listing failed: connection refused');
    return super.listDashboards();
  }

  override async getDashboard(uid: string): Promise<RemoteDashboard | undefined> {
    this.peak = Math.max(this.peak, ++this.inFlight);
    try {
      // A read that takes a few turns of the event loop, so reads overlap as far as allowed.
      for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
      return await super.getDashboard(uid);
    } finally {
      this.inFlight--;
    }
  }
}

/** A target holding the project's dashboards as grafts applied them. */
async function appliedTarget(dir: string): Promise<CountingTarget> {
  const target = new CountingTarget();
  const first = await runApply({ cwd: dir, target, ruleTarget: null, typecheck: false, message: 'seed' });
  expect(first.report?.counts.created).toBe(COUNT);
  target.peak = 0;
  return target;
}

describe('read concurrency', () => {
  it('GIVEN --concurrency N on apply THEN at most N dashboards are read at once, and N are', async () => {
    const dir = project();
    const target = await appliedTarget(dir);
    for (const concurrency of [1, 5]) {
      target.peak = 0;
      const result = await runApply({ cwd: dir, target, ruleTarget: null, typecheck: false, message: 'again', concurrency });
      expect(result.plan.summary.unchanged).toBe(COUNT);
      expect(target.peak).toBe(concurrency);
    }
    expect(target.writes.filter((w) => w.op === 'saveDashboard')).toHaveLength(COUNT);
  });

  it('GIVEN readConcurrency on diff THEN reads follow it; without it they default to DEFAULT_READ_CONCURRENCY (here: every dashboard at once)', async () => {
    const dir = project();
    const target = await appliedTarget(dir);
    await runDiff({ cwd: dir, target, ruleTarget: null, typecheck: false, readConcurrency: 2 });
    expect(target.peak).toBe(2);
    target.peak = 0;
    await runDiff({ cwd: dir, target, ruleTarget: null, typecheck: false });
    expect(target.peak).toBe(Math.min(COUNT, DEFAULT_READ_CONCURRENCY));
  });
});

describe('listing while the project builds', () => {
  it('GIVEN a project WHEN diffing THEN the target is listed before the dashboards are evaluated', async () => {
    const dir = project();
    const target = await appliedTarget(dir);
    delete (globalThis as Record<string, unknown>)['__graftsReadTestBuilt'];
    target.listedBeforeBuild = undefined;
    const result = await runDiff({ cwd: dir, target, ruleTarget: null, typecheck: false });
    expect(result.plan.summary.unchanged).toBe(COUNT);
    expect(target.listedBeforeBuild).toBe(true);
  });

  it('GIVEN a target whose listings depend on checkDesired (a files target) THEN it is listed only after the build, once checkDesired has run', async () => {
    const dir = project();
    const target = await appliedTarget(dir);
    target.listsWithoutDesired = false;
    let checked = false;
    target.checkDesired = async () => {
      checked = true;
    };
    const listFolders = target.listFolders.bind(target);
    target.listFolders = async () => {
      expect(checked).toBe(true);
      return listFolders();
    };
    target.listedBeforeBuild = undefined;
    delete (globalThis as Record<string, unknown>)['__graftsReadTestBuilt'];
    const result = await runDiff({ cwd: dir, target, ruleTarget: null, typecheck: false });
    expect(result.plan.summary.unchanged).toBe(COUNT);
    expect(target.listedBeforeBuild).toBe(false);
  });

  it('GIVEN a dashboard that throws at load WHEN applying THEN the build error is thrown, even when the listing failed too, and nothing is written', async () => {
    for (const failListing of [false, true]) {
      const dir = project({ 'dashboards/broken.dash.ts': `throw new Error('broken on purpose');\n` });
      const target = new CountingTarget();
      target.failListing = failListing;
      const run = runApply({ cwd: dir, target, ruleTarget: null, typecheck: false, message: 'broken' });
      await expect(run).rejects.toBeInstanceOf(LoadError);
      await expect(run).rejects.toThrow(/broken on purpose/);
      expect(target.writes).toEqual([]);
    }
  });

  it('GIVEN a valid project and a listing that fails WHEN applying THEN the listing error is thrown and nothing is written', async () => {
    const dir = project();
    const target = new CountingTarget();
    target.failListing = true;
    await expect(runApply({ cwd: dir, target, ruleTarget: null, typecheck: false, message: 'x' })).rejects.toThrow(
      /could not read 2 resources from memory[\s\S]*listing failed: connection refused/,
    );
    expect(target.writes).toEqual([]);
  });
});
