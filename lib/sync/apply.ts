import { withManagedMarker } from './managed-marker.js';
import { DEFAULT_OWNER_SCOPE, ownerTag } from './ownership.js';
import { forEachLimit } from '../util/limit-concurrency.js';
import type { DashboardStep, FolderStep, Plan, PlanStep, ResourceKind, StepAction } from './plan.js';
import type { RuleGroupStep } from './rule-plan.js';
import type { RuleSyncTarget } from './rule-resources.js';
import type { SyncTarget, WriteOptions } from './sync-target.js';

/** What happened to one step. `conflict`: refused by the plan or by the target (412/409). */
export type StepOutcome = 'applied' | 'unchanged' | 'conflict' | 'failed' | 'skipped';

/** One step of an apply, as it ended. */
export interface StepResult {
  readonly kind: ResourceKind;
  readonly action: StepAction;
  readonly uid: string;
  readonly title: string;
  readonly outcome: StepOutcome;
  /** Why it failed, conflicted or was skipped. */
  readonly message?: string;
}

/** Counts of an apply's outcomes. */
export interface ApplyCounts {
  created: number;
  updated: number;
  moved: number;
  deleted: number;
  unchanged: number;
  conflicts: number;
  failed: number;
  skipped: number;
}

/** What an apply did: every step's outcome, in plan order. */
export interface ApplyReport {
  /** `describe()` of the target. */
  readonly target: string;
  readonly results: readonly StepResult[];
  readonly counts: ApplyCounts;
  /** Writes sent (successful or not). */
  readonly writes: number;
  /** Nothing failed or was skipped (conflicts may remain). */
  readonly ok: boolean;
}

/** A progress event: one write finished. */
export interface ApplyProgress {
  readonly done: number;
  readonly total: number;
  readonly result: StepResult;
}

/** Options of {@link applyPlan}. */
export interface ApplyOptions {
  /** The save message Grafana keeps in each dashboard's version history. */
  readonly message: string;
  /** Writes in flight at once. @default 8 */
  readonly concurrency?: number;
  readonly onProgress?: (progress: ApplyProgress) => void;
  /** Where the plan's rule group steps go; required when the plan has rule group writes. */
  readonly ruleTarget?: RuleSyncTarget;
  /** Rule namespaces are folder uids (Grafana-managed alerting): a failed folder skips its groups. */
  readonly ruleNamespacesAreFolders?: boolean;
}

/** True for a target's refusal because the resource changed since it was read (HTTP 412/409). */
export function isConflictError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'ConflictError') return true;
  const status = (error as { status?: unknown; statusCode?: unknown }).status ?? (error as { statusCode?: unknown }).statusCode;
  return status === 412 || status === 409;
}

/**
 * Executes a plan against a target and reports what happened to every step; never throws for
 * a failed write (the report says which writes failed and which were not attempted).
 *
 * Order: folder creates/updates/moves level by level (parents first), then dashboard writes
 * (`concurrency` at a time), rule group writes (one request per group, on `ruleTarget`),
 * dashboard deletes, rule group deletes, and folder deletes children first. Dashboards
 * are written with the managed marker ({@link withManagedMarker}: owner tag of `target.owner`
 * for the dashboard's uid, and the folder it goes to) and, for updates and moves,
 * the version read while planning, so a change made meanwhile is refused as a conflict rather
 * than overwritten. A folder that failed skips what goes inside it; folder deletes are skipped
 * after any failure (a deleted folder takes its contents with it). Unchanged and conflicting
 * steps send nothing. `target.finish()` is called only when nothing failed.
 */
export async function applyPlan(p: Plan, target: SyncTarget, options: ApplyOptions): Promise<ApplyReport> {
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const results = new Map<PlanStep, StepResult>();
  const writeSteps = p.steps.filter((s) => s.action !== 'unchanged' && s.action !== 'conflict');
  const total = writeSteps.length;
  let done = 0;
  let writes = 0;
  const failedFolders = new Set<string>();

  const record = (step: PlanStep, outcome: StepOutcome, message?: string) => {
    const result: StepResult = { kind: step.kind, action: step.action, uid: step.uid, title: step.title, outcome, ...(message !== undefined && { message }) };
    results.set(step, result);
    if (step.action !== 'unchanged' && step.action !== 'conflict') {
      done++;
      options.onProgress?.({ done, total, result });
    }
  };
  const run = async (step: PlanStep, write: () => Promise<unknown>) => {
    writes++;
    try {
      await write();
      record(step, 'applied');
    } catch (error) {
      const message = errorMessage(error);
      if ((error as { unlisted?: unknown }).unlisted === true) record(step, 'conflict', message);
      else if (isConflictError(error)) record(step, 'conflict', `changed on the target since it was read (${message}); re-run to see the new difference`);
      else record(step, 'failed', message);
      if (step.kind === 'Folder' && step.action !== 'delete') failedFolders.add(step.uid);
    }
  };
  const write: WriteOptions = { message: options.message };

  for (const step of p.steps) {
    if (step.action === 'unchanged') record(step, 'unchanged');
    else if (step.action === 'conflict') record(step, 'conflict', step.reason);
  }

  // 1. Folders, parents first; a level at a time.
  const folderWrites = writeSteps.filter((s): s is FolderStep => s.kind === 'Folder' && s.action !== 'delete');
  const parentOf = new Map(p.steps.filter((s): s is FolderStep => s.kind === 'Folder' && s.desired !== undefined).map((s) => [s.uid, s.desired!.parentUid]));
  const blockedBy = (folderUid: string | undefined): string | undefined => {
    const seen = new Set<string>();
    for (let uid = folderUid; uid !== undefined && !seen.has(uid); uid = parentOf.get(uid)) {
      if (failedFolders.has(uid)) return uid;
      seen.add(uid);
    }
    return undefined;
  };
  for (const level of byDepth(folderWrites, parentOf)) {
    await forEachLimit(level, concurrency, async (step) => {
      const blocker = blockedBy(step.desired!.parentUid);
      if (blocker !== undefined) {
        failedFolders.add(step.uid);
        record(step, 'skipped', `not attempted: its parent folder "${blocker}" could not be written`);
        return;
      }
      const desired = step.desired!;
      if (step.action === 'create') await run(step, () => target.createFolder(desired, { ...write, create: true }));
      else
        await run(step, () =>
          target.updateFolder(desired, step.remote!, { ...write, ...(step.remote?.version !== undefined && { expectedVersion: step.remote.version }) }),
        );
    });
  }

  // 2. Dashboards.
  const dashboardWrites = writeSteps.filter((s): s is DashboardStep => s.kind === 'Dashboard' && s.action !== 'delete');
  await forEachLimit(dashboardWrites, concurrency, async (step) => {
    const blocker = blockedBy(step.desired!.folderUid);
    if (blocker !== undefined) {
      record(step, 'skipped', `not attempted: its folder "${blocker}" could not be written`);
      return;
    }
    // Bound to this uid, project and target, and to the folder it is written to (see ownership.ts).
    const json = withManagedMarker(step.after!, { ownerTag: ownerTag(target.owner ?? DEFAULT_OWNER_SCOPE, step.uid), folderUid: step.desired!.folderUid });
    const options: WriteOptions = {
      ...write,
      ...(step.action === 'create' ? { create: true } : step.expectedVersion !== undefined && { expectedVersion: step.expectedVersion }),
      ...(step.replacesV2 && { replaceV2: true }),
    };
    await run(step, () => target.saveDashboard({ ...step.desired!, json }, options));
  });

  // 3. Rule groups: whole groups, one request each.
  const ruleTarget = options.ruleTarget;
  const ruleSteps = writeSteps.filter((s): s is RuleGroupStep => s.kind === 'RuleGroup');
  if (ruleSteps.length > 0 && !ruleTarget) throw new Error('applyPlan: the plan has rule group steps but no ruleTarget was given');
  const ruleWrites = ruleSteps.filter((s) => s.action !== 'delete');
  await forEachLimit(ruleWrites, concurrency, async (step) => {
    const blocker = options.ruleNamespacesAreFolders ? blockedBy(step.namespace) : undefined;
    if (blocker !== undefined) {
      record(step, 'skipped', `not attempted: its folder "${blocker}" could not be written`);
      return;
    }
    await run(step, () => ruleTarget!.saveGroup(step.namespace, step.desired!.group));
  });

  // 4. Dashboard and rule group deletes.
  const dashboardDeletes = writeSteps.filter((s): s is DashboardStep => s.kind === 'Dashboard' && s.action === 'delete');
  await forEachLimit(dashboardDeletes, concurrency, (step) => run(step, () => target.deleteDashboard(step.uid)));
  const ruleDeletes = ruleSteps.filter((s) => s.action === 'delete');
  await forEachLimit(ruleDeletes, concurrency, (step) => run(step, () => ruleTarget!.deleteGroup(step.namespace, step.title)));

  // 5. Folder deletes, children first, one at a time (a folder delete removes what is inside).
  const folderDeletes = writeSteps.filter((s): s is FolderStep => s.kind === 'Folder' && s.action === 'delete');
  for (const step of folderDeletes) {
    const failedBefore = [...results.values()].some((r) => r.outcome === 'failed' || r.outcome === 'skipped');
    if (failedBefore) record(step, 'skipped', 'not attempted: earlier steps failed, and deleting a folder deletes what is left in it');
    else await run(step, () => target.deleteFolder(step.uid));
  }

  let ordered = p.steps.map((s) => results.get(s)!);
  if (ordered.every((r) => r.outcome !== 'failed' && r.outcome !== 'skipped')) {
    if (target.finish) {
      try {
        await target.finish();
      } catch (error) {
        ordered = [
          ...ordered,
          { kind: 'Folder', action: 'update', uid: '', title: 'finish', outcome: 'failed', message: `finishing the target failed: ${errorMessage(error)}` },
        ];
      }
    }
    // Only after writing rules: a rule file folder reloads Prometheus and verifies what it loaded.
    if (ruleTarget?.finish && ruleWrites.length + ruleDeletes.length > 0) {
      try {
        await ruleTarget.finish();
      } catch (error) {
        ordered = [
          ...ordered,
          {
            kind: 'RuleGroup',
            action: 'update',
            uid: '',
            title: 'finish',
            outcome: 'failed',
            message: `finishing the rule target failed: ${errorMessage(error)}`,
          },
        ];
      }
    }
  }
  const counts = countOutcomes(ordered);
  return {
    target: ruleTarget ? `${target.describe()} + ${ruleTarget.describe()}` : target.describe(),
    results: ordered,
    counts,
    writes,
    ok: counts.failed === 0 && counts.skipped === 0,
  };
}

function byDepth(steps: readonly FolderStep[], parentOf: ReadonlyMap<string, string | undefined>): FolderStep[][] {
  const depth = (uid: string): number => {
    let d = 0;
    const seen = new Set([uid]);
    for (let parent = parentOf.get(uid); parent !== undefined && parentOf.has(parent) && !seen.has(parent); parent = parentOf.get(parent)) {
      seen.add(parent);
      d++;
    }
    return d;
  };
  const levels: FolderStep[][] = [];
  for (const step of steps) (levels[depth(step.uid)] ??= []).push(step);
  return levels.filter((level) => level !== undefined);
}

/** Counts results by outcome and action. */
export function countOutcomes(results: readonly StepResult[]): ApplyCounts {
  const counts: ApplyCounts = { created: 0, updated: 0, moved: 0, deleted: 0, unchanged: 0, conflicts: 0, failed: 0, skipped: 0 };
  for (const r of results) {
    if (r.outcome === 'unchanged') counts.unchanged++;
    else if (r.outcome === 'conflict') counts.conflicts++;
    else if (r.outcome === 'failed') counts.failed++;
    else if (r.outcome === 'skipped') counts.skipped++;
    else if (r.action === 'create') counts.created++;
    else if (r.action === 'update') counts.updated++;
    else if (r.action === 'move') counts.moved++;
    else if (r.action === 'delete') counts.deleted++;
  }
  return counts;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
