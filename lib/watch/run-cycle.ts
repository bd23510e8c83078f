// One cycle of `dash watch`: rebuild what changed, evaluate and render it, and apply what
// differs from the last apply. The state it reads and updates between cycles (what each entry
// rendered, which entries fail or are blocked, what was applied) is the session's WatchState.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { isValidationError } from '../model/validation-error.js';
import type { DashConfig } from '../project/define-config.js';
import { ConfigError, LoadError, ProjectError } from '../project/errors.js';
import { schemaSelection } from '../project/schema-selection.js';
import { userCodeMonitor, type BlockedEntry } from '../project/user-code-monitor.js';
import { renderProject, type RenderedDashboard } from '../render/render-project.js';
import { desiredStateOf, type MixinDashboards } from '../sync/desired-state.js';
import type { DashboardResource, DesiredState, FolderResource } from '../sync/resources.js';
import type { RemoteFolder } from '../sync/sync-target.js';
import { forEachLimit } from '../util/limit-concurrency.js';
import { applyChanges } from './apply-changes.js';
import { datasourcesKey, datasourceWrites, syncWatchDatasources, type WatchDatasourceSync } from './watch-datasources.js';
import type { WatchTarget } from './dev-target.js';
import type { IncrementalBuild } from './incremental-build.js';
import { locateProblem } from './problem-location.js';
import { formatWatchProblem, type WatchCycle, type WatchedDashboard, type WatchOptions, type WatchProblem, type WatchProblemKind } from './watch-types.js';

/** A dashboard as last applied: what "changed" is compared with (`key`), and where it is. */
export interface AppliedEntry {
  key: string;
  dashboard: DashboardResource;
  url: string;
}

/** What a watch session keeps between cycles; {@link runCycle} reads and updates it. */
export interface WatchState {
  readonly dir: string;
  readonly options: Pick<WatchOptions, 'schema' | 'prune' | 'force' | 'message'>;
  config: DashConfig;
  target: WatchTarget;
  build: IncrementalBuild;
  entries: string[];
  /** Rendered dashboards of every entry that evaluated and rendered successfully. */
  entryState: Map<string, { dashboards: readonly RenderedDashboard[] }>;
  /** Entries that failed in their last cycle (retried with the next one). */
  failing: Set<string>;
  /**
   * Entries an earlier worker of this watch stopped for never finishing loading (see
   * `cli/supervise.ts`): skipped, and reported, until a file they include changes.
   */
  blocked: Map<string, BlockedEntry>;
  mixins: MixinDashboards[];
  mixinProblems: WatchProblem[];
  /** uid → the dashboard last applied. */
  applied: Map<string, AppliedEntry>;
  /** The target's folders, once read. */
  folders: Map<string, RemoteFolder> | undefined;
  /** The config's data sources as last synced (`datasourcesKey`); synced again when they differ. */
  datasourcesSynced?: string;
}

/** Which cycle to run. */
export interface CycleRequest {
  /** The cycle's index (0: the initial sync). */
  index: number;
  /** Project-relative files of the batch. */
  changedFiles: readonly string[];
  /** `performance.now()` when the batch was flushed. */
  startedAt: number;
  /** Rebuild and evaluate every entry (start, config change), not only those the files reach. */
  all: boolean;
}

/** A finished cycle, and the files to type-check after it (none when it stopped before applying). */
export interface CycleResult {
  cycle: WatchCycle;
  typeCheckFiles: readonly string[];
}

/**
 * Runs one cycle on `state`: rebuilds (only the entries the changed files reach, plus new and
 * failing ones), evaluates and renders each entry on its own (one entry's error does not block
 * the others), computes the whole project's desired state, and applies only the dashboards whose
 * folder, title or JSON changed since they were last applied (deleting removed ones with
 * `prune`). Every problem is in the cycle; nothing throws but a bug.
 *
 * @example
 * const { cycle } = await runCycle(state, { index: 1, changedFiles: ['dashboards/api.dash.ts'], startedAt: performance.now(), all: false });
 * // → { applied: [{ uid: 'api', action: 'update', … }], writes: 1, ok: true, … }
 */
export async function runCycle(state: WatchState, request: CycleRequest): Promise<CycleResult> {
  const { changedFiles, startedAt, all } = request;
  const build = state.build;
  const phases: Record<string, number> = {};
  let mark = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    phases[name] = Math.round((now - mark) * 10) / 10;
    mark = now;
  };
  const finish = (parts: Omit<CycleParts, 'changedFiles' | 'startedAt'>, typeCheckFiles: readonly string[] = []): CycleResult => ({
    cycle: makeCycle(request.index, { changedFiles, startedAt, ...parts }, phases),
    typeCheckFiles,
  });
  const problems: WatchProblem[] = [...state.mixinProblems];
  let toEvaluate: string[] = [];
  if (state.entries.length > 0) {
    try {
      // Only the entries the changed files reach are rebuilt (plus new and failing ones).
      const { changedEntries, failed } = await build.rebuild(all ? undefined : [...changedFiles]);
      const seen = new Set<string>();
      for (const [entry, list] of failed) {
        state.failing.add(entry);
        for (const p of list) {
          const problem: WatchProblem = { kind: 'syntax', ...p, file: p.file ?? entry };
          // A syntax error in a shared helper fails every entry importing it: report it once.
          const key = formatWatchProblem(problem);
          if (!seen.has(key)) problems.push(problem);
          seen.add(key);
        }
      }
      const set = new Set(all ? state.entries : changedEntries);
      for (const e of state.failing) set.add(e);
      for (const e of state.entries) if (!state.entryState.has(e)) set.add(e);
      await unblockChanged(state);
      for (const [entry, b] of state.blocked) problems.push({ kind: 'load', file: entry, message: b.message });
      toEvaluate = state.entries.filter((e) => set.has(e) && !failed.has(e) && !state.blocked.has(e));
    } catch (error) {
      return finish({ problems: [...problems, ...watchProblemsOf(error, 'syntax')] });
    }
  }
  phase('rebuild');

  // Evaluate and render each entry on its own: one entry's error does not block the others.
  await forEachLimit(toEvaluate, 8, async (entry) => {
    try {
      const namespace = await build.evaluate(entry);
      if (!('default' in namespace) || namespace['default'] === undefined) {
        throw new LoadError([{ file: entry, message: 'no default export: export a dashboard or an array of dashboards' }]);
      }
      const rendered = renderProject(
        [{ source: entry, exported: namespace['default'] }],
        schemaSelection(state.config, { schema: state.options.schema, targetName: state.target.name }),
      );
      state.entryState.set(entry, { dashboards: rendered.dashboards });
      state.failing.delete(entry);
    } catch (error) {
      state.failing.add(entry);
      problems.push(...(await locate(state.dir, error, entry)));
    }
  });
  for (const entry of state.entryState.keys()) if (!state.entries.includes(entry)) state.entryState.delete(entry);
  phase('evaluate');

  // The whole project's desired state (cheap: no rendering), so cross-file problems (a uid used
  // twice, one folder uid with two titles) are caught; on such a problem nothing is applied.
  let desired: DesiredState;
  try {
    const dashboards = state.entries.flatMap((e) => state.entryState.get(e)?.dashboards ?? []);
    desired = desiredStateOf({ dashboards }, state.mixins);
  } catch (error) {
    problems.push(...(await locate(state.dir, error, undefined)));
    return finish({ evaluated: toEvaluate, problems });
  }
  // A dashboard of a failing entry is neither changed nor removed: it stays as last applied.
  const failingUids = new Set<string>();
  for (const [uid, applied] of state.applied)
    if (state.failing.has(applied.dashboard.source) || state.blocked.has(applied.dashboard.source)) failingUids.add(uid);

  const changed = desired.dashboards.filter((d) => state.applied.get(d.uid)?.key !== appliedKey(d));
  const desiredUids = new Set(desired.dashboards.map((d) => d.uid));
  const removed = [...state.applied.values()].map((a) => a.dashboard).filter((d) => !desiredUids.has(d.uid) && !failingUids.has(d.uid));
  // (Not while an entry is blocked: the target's dashboards may be that entry's.)
  if ((request.index === 0 || state.folders === undefined) && state.blocked.size === 0) {
    // First sync: also report managed dashboards on the target that the code no longer has.
    try {
      const remote = await state.target.target.listDashboards();
      for (const d of remote) {
        if (!d.managed || desiredUids.has(d.uid) || removed.some((r) => r.uid === d.uid)) continue;
        removed.push({
          kind: 'Dashboard',
          uid: d.uid,
          title: d.title,
          schema: 'v1',
          json: {},
          source: '',
          ...(d.folderUid !== undefined && { folderUid: d.folderUid }),
        });
      }
    } catch (error) {
      problems.push(...watchProblemsOf(error, 'target'));
      return finish({ evaluated: toEvaluate, problems });
    }
  }

  // Data sources before the dashboards that refer to them, as `dash apply` does; only when the
  // config's definitions differ from the last sync. A conflict or missing secret stops the cycle's writes.
  let datasources: WatchDatasourceSync | undefined;
  const definitions = state.config.datasources;
  if (definitions !== undefined && datasourcesKey(definitions) !== state.datasourcesSynced) {
    try {
      const options = { target: state.target.target, definitions, prune: state.options.prune ?? false, force: state.options.force ?? false };
      datasources = await syncWatchDatasources(options);
      state.datasourcesSynced = datasourcesKey(definitions);
    } catch (error) {
      problems.push(...watchProblemsOf(error, 'target'));
      return finish({ evaluated: toEvaluate, problems });
    }
  }

  phase('diff');
  const result = await apply(state, desired, changed, removed, problems, phase);
  // Files with syntax errors were reported already; TypeScript would only repeat them.
  const syntaxFiles = new Set(problems.filter((p) => p.kind === 'syntax' && p.file !== undefined).map((p) => p.file!));
  const changedToCheck = changedFiles.filter((f) => !syntaxFiles.has(f));
  const typeCheckFiles = all ? [...state.entries] : [...new Set([...toEvaluate, ...changedToCheck.filter((f) => /\.[cm]?tsx?$/.test(f))])];
  return finish({ evaluated: toEvaluate, problems, ...result, ...(datasources && { datasources }) }, typeCheckFiles);
}

/** The parts a cycle is made of; the rest is defaulted. */
export interface CycleParts {
  changedFiles: readonly string[];
  startedAt: number;
  evaluated?: readonly string[];
  problems: readonly WatchProblem[];
  applied?: readonly WatchedDashboard[];
  removed?: WatchCycle['removed'];
  writes?: number;
  datasources?: WatchDatasourceSync;
}

/** A {@link WatchCycle} from its parts, timed until now. */
export function makeCycle(index: number, parts: CycleParts, phases: Readonly<Record<string, number>> = {}): WatchCycle {
  return {
    index,
    changedFiles: parts.changedFiles,
    evaluated: parts.evaluated ?? [],
    applied: parts.applied ?? [],
    removed: parts.removed ?? [],
    problems: parts.problems,
    writes: (parts.writes ?? 0) + (parts.datasources ? datasourceWrites(parts.datasources) : 0),
    ...(parts.datasources && { datasources: parts.datasources }),
    ok: parts.problems.length === 0,
    startedAt: parts.startedAt,
    durationMs: Math.round((performance.now() - parts.startedAt) * 10) / 10,
    phases,
  };
}

/** Blocked entries that are gone, or include a file modified since they were blocked, are no longer skipped. */
async function unblockChanged(state: WatchState): Promise<void> {
  for (const [entry, b] of state.blocked) {
    const files = [entry, ...(state.build.inputsOf(entry) ?? [])];
    const mtimes = await Promise.all(
      files.map((f) =>
        stat(path.join(state.dir, f)).then(
          (i) => i.mtimeMs,
          () => Infinity,
        ),
      ),
    );
    if (state.entries.includes(entry) && mtimes.every((m) => m <= b.since)) continue;
    state.blocked.delete(entry);
    userCodeMonitor()?.unblocked?.(entry);
  }
}

async function apply(
  state: WatchState,
  desired: DesiredState,
  changed: readonly DashboardResource[],
  removed: readonly DashboardResource[],
  problems: WatchProblem[],
  phase: (name: string) => void,
): Promise<{ applied: WatchedDashboard[]; removed: WatchCycle['removed']; writes: number }> {
  const prune = state.options.prune ?? false;
  if (changed.length === 0 && (removed.length === 0 || !prune)) {
    for (const r of removed) state.applied.delete(r.uid);
    return { applied: [], removed: removed.map((r) => ({ uid: r.uid, title: r.title, pruned: false })), writes: 0 };
  }
  const target = state.target.target;
  try {
    state.folders ??= new Map((await target.listFolders()).map((f) => [f.uid, f]));
    const result = await applyChanges({
      target,
      desired,
      changed,
      removed,
      prune,
      force: state.options.force ?? false,
      message: state.options.message ?? 'grafts watch',
      folders: state.folders,
      onPhase: phase,
    });
    for (const f of result.foldersWritten) state.folders.set(f.uid, folderAsRemote(f));
    // What failed is not recorded as applied: the next cycle tries it again.
    problems.push(...result.problems.map((p) => ({ kind: 'target' as const, ...p })));
    const applied = result.applied.map(({ dashboard: d, action, folderTitles }): WatchedDashboard => {
      const url = state.target.urlOf(d.uid, folderTitles);
      state.applied.set(d.uid, { key: appliedKey(d), dashboard: d, url });
      return { uid: d.uid, title: d.title, source: d.source, url, action };
    });
    const pruned = new Set(result.pruned);
    for (const uid of pruned) state.applied.delete(uid);
    if (!prune) for (const r of removed) state.applied.delete(r.uid);
    const removedReport = [
      ...removed.filter((r) => pruned.has(r.uid)).map((r) => ({ uid: r.uid, title: r.title, pruned: true })),
      ...removed.filter((r) => !pruned.has(r.uid)).map((r) => ({ uid: r.uid, title: r.title, pruned: false })),
    ];
    return { applied, removed: removedReport, writes: result.writes };
  } catch (error) {
    problems.push(...watchProblemsOf(error, 'target'));
    return { applied: [], removed: [], writes: 0 };
  }
}

/** Problems of an error, located in the user's files. */
async function locate(dir: string, error: unknown, entry: string | undefined): Promise<WatchProblem[]> {
  if (isValidationError(error)) {
    const texts = new Map<string, string | undefined>();
    const out: WatchProblem[] = [];
    for (const p of error.problems) {
      const file = p.path[0];
      if (file !== undefined && !texts.has(file)) texts.set(file, await readFile(path.join(dir, file), 'utf8').catch(() => undefined));
      out.push({ kind: 'validation', ...locateProblem(p, file === undefined ? undefined : texts.get(file)) });
    }
    return out;
  }
  const problems = watchProblemsOf(error, 'load');
  return entry === undefined ? problems : problems.map((p) => (p.file === undefined ? { ...p, file: entry } : p));
}

/** The problems an error stands for, as `kind` unless it says otherwise (a config error is `config`). */
export function watchProblemsOf(error: unknown, kind: WatchProblemKind): WatchProblem[] {
  if (error instanceof ProjectError) {
    const k: WatchProblemKind = error instanceof ConfigError ? 'config' : kind;
    return error.problems.map((p) => ({ kind: k, ...p }));
  }
  if (isValidationError(error)) return error.problems.map((p) => ({ kind: 'validation' as const, ...locateProblem(p, undefined) }));
  return [{ kind, message: error instanceof Error ? error.message : String(error) }];
}

/** JSON text of rendered dashboards, by object: unchanged entries keep their objects, so a cycle stringifies only what it rendered. */
const jsonText = new WeakMap<object, string>();

/** What decides whether a dashboard changed: its folder, title and rendered JSON. */
function appliedKey(d: DashboardResource): string {
  let text = jsonText.get(d.json);
  if (text === undefined) jsonText.set(d.json, (text = JSON.stringify(d.json)));
  return `${d.folderUid ?? ''}\u0000${d.title}\u0000${text}`;
}

function folderAsRemote(f: FolderResource): RemoteFolder {
  return { uid: f.uid, title: f.title, ...(f.parentUid !== undefined && { parentUid: f.parentUid }), managed: true };
}
