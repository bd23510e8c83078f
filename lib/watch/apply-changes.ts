import type { SourceProblem } from '../project/errors.js';
import { applyPlan } from '../sync/apply.js';
import { plan } from '../sync/plan.js';
import { forEachLimit } from '../util/limit-concurrency.js';
import type { DashboardResource, DesiredState, FolderResource } from '../sync/resources.js';
import type { RemoteDashboard, RemoteFolder, SyncTarget } from '../sync/sync-target.js';

/** What {@link applyChanges} is asked to do. */
export interface ApplyChangesInput {
  readonly target: SyncTarget;
  /** The whole project's desired state (its folders are looked up for the changed dashboards). */
  readonly desired: DesiredState;
  /** Dashboards whose rendered output differs from what was last applied. */
  readonly changed: readonly DashboardResource[];
  /** Dashboards whose code is gone; deleted only with `prune` (and only if grafts manages them). */
  readonly removed: readonly DashboardResource[];
  readonly prune: boolean;
  /** Overwrite dashboards changed outside grafts (e.g. saved in Grafana's UI). @default false */
  readonly force?: boolean;
  /** Save message. */
  readonly message: string;
  /** The target's folders as last known (listed once, then kept up to date with `foldersWritten`). */
  readonly folders: ReadonlyMap<string, RemoteFolder>;
  /** Called after reading (`read`) and after writing (`write`), for phase timings. */
  readonly onPhase?: (name: 'read' | 'write') => void;
}

/** What {@link applyChanges} did. */
export interface ApplyChangesResult {
  /** Changed dashboards now on the target as desired (written, or found equal), with their folder path. */
  readonly applied: readonly { dashboard: DashboardResource; action: 'create' | 'update' | 'move' | 'unchanged'; folderTitles: string[] }[];
  /** Uids of removed dashboards deleted (with `prune`). */
  readonly pruned: readonly string[];
  /** Folders created or updated. */
  readonly foldersWritten: readonly FolderResource[];
  /** Refused or failed writes (conflicts, errors), each naming its source file where known. */
  readonly problems: readonly SourceProblem[];
  /** Write requests sent. */
  readonly writes: number;
}

/**
 * Applies only what a watch cycle changed: plans the changed dashboards (with the folders they
 * need, parents first) and, with `prune`, the deletes of removed ones, against the target's state
 * of just those (one read per dashboard, folders from `folders`), then executes the plan with
 * `applyPlan`. So a save of one dashboard costs one read and one write, whatever the size of
 * the project, and a dashboard edited in Grafana's UI meanwhile is still refused as a conflict.
 *
 * @throws the target's errors when it cannot be read (unreachable, auth); single failed writes are in `problems`.
 *
 * @example
 * await applyChanges({ target, desired, changed: [api], removed: [], prune: false, message: 'grafts watch', folders: new Map() })
 * // → { applied: [{ dashboard: api, action: 'update', folderTitles: [] }], pruned: [], foldersWritten: [], problems: [], writes: 1 }
 */
export async function applyChanges(input: ApplyChangesInput): Promise<ApplyChangesResult> {
  const { target, desired, changed, removed, prune } = input;
  const folderByUid = new Map(desired.folders.map((f) => [f.uid, f]));
  const neededFolders = new Set<string>();
  for (const d of changed) {
    for (let uid = d.folderUid; uid !== undefined && !neededFolders.has(uid); uid = folderByUid.get(uid)?.parentUid) neededFolders.add(uid);
  }
  const readUids = [...changed.map((d) => d.uid), ...(prune ? removed.map((d) => d.uid) : [])];
  const details = new Map<string, RemoteDashboard>();
  await target.checkDesired?.({ dashboards: changed });
  const schemaOf = new Map(changed.map((d) => [d.uid, d.schema]));
  await forEachLimit(readUids, 16, async (uid) => {
    const schema = schemaOf.get(uid);
    const found = await target.getDashboard(uid, schema !== undefined ? { schema } : {});
    if (found) details.set(uid, found);
  });
  const p = plan(
    { folders: desired.folders.filter((f) => neededFolders.has(f.uid)), dashboards: changed },
    {
      folders: [...input.folders.values()].filter((f) => neededFolders.has(f.uid)),
      dashboards: readUids.filter((uid) => details.has(uid)).map((uid) => details.get(uid)!),
      details: new Map(changed.filter((d) => details.has(d.uid)).map((d) => [d.uid, details.get(d.uid)!])),
    },
    { prune, force: input.force ?? false },
  );
  input.onPhase?.('read');
  const report = await applyPlan(p, target, { message: input.message });
  input.onPhase?.('write');

  const folderTitles = (folderUid: string | undefined): string[] => {
    const titles: string[] = [];
    for (let uid = folderUid; uid !== undefined; uid = folderByUid.get(uid)?.parentUid) titles.unshift(folderByUid.get(uid)?.title ?? uid);
    return titles;
  };
  const byUid = new Map(changed.map((d) => [d.uid, d]));
  const applied: { dashboard: DashboardResource; action: 'create' | 'update' | 'move' | 'unchanged'; folderTitles: string[] }[] = [];
  const pruned: string[] = [];
  const foldersWritten: FolderResource[] = [];
  const problems: SourceProblem[] = [];
  const outcome = (r: { outcome: string; message?: string }) => `${r.outcome}${r.message ? `: ${r.message}` : ''}`;
  for (const r of report.results) {
    if (r.kind === 'Folder') {
      const f = folderByUid.get(r.uid);
      if (f && r.outcome === 'applied') foldersWritten.push(f);
      if (r.outcome === 'failed' || r.outcome === 'conflict' || r.outcome === 'skipped')
        problems.push({ ...(f ? { file: f.source } : {}), message: `folder "${r.title}": ${outcome(r)}` });
      continue;
    }
    if (r.action === 'delete') {
      if (r.outcome === 'applied') pruned.push(r.uid);
      else problems.push({ message: `deleting dashboard "${r.uid}": ${outcome(r)}` });
      continue;
    }
    const d = byUid.get(r.uid);
    if (!d) continue;
    if (r.outcome === 'applied' || r.outcome === 'unchanged') {
      applied.push({
        dashboard: d,
        action: r.outcome === 'unchanged' ? 'unchanged' : (r.action as 'create' | 'update' | 'move'),
        folderTitles: folderTitles(d.folderUid),
      });
    } else {
      problems.push({ file: d.source, message: `dashboard "${d.title}" (${d.uid}): ${outcome(r)}` });
    }
  }
  return { applied, pruned, foldersWritten, problems, writes: report.writes };
}
