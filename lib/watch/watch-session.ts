import type { DashboardSchema } from '../model/dashboard.js';
import { schemaSelection } from '../project/schema-selection.js';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { userCodeMonitor, type BlockedEntry } from '../project/user-code-monitor.js';
import { renderMixins } from '../mixin/render-mixins.js';
import { isValidationError } from '../model/validation-error.js';
import { DEFAULT_OUT_DIR, type DashConfig } from '../project/define-config.js';
import { ConfigError, formatSourceProblem, LoadError, ProjectError, type SourceProblem } from '../project/errors.js';
import { CONFIG_FILE_NAMES, discoverDashboardFiles, loadConfig } from '../project/load-project.js';
import { renderProject, type RenderedDashboard } from '../render/render-project.js';
import { desiredStateOf, type MixinDashboards } from '../sync/desired-state.js';
import { forEachLimit } from '../util/limit-concurrency.js';
import type { DashboardResource, DesiredState, FolderResource } from '../sync/resources.js';
import type { RemoteFolder, SyncTarget } from '../sync/sync-target.js';
import { applyChanges } from './apply-changes.js';
import { EventBatcher, type FileEventBatch, type FileEventKind } from './batch-events.js';
import { resolveWatchTarget, WATCH_FILES_DIR, type WatchTarget } from './dev-target.js';
import { IncrementalBuild } from './incremental-build.js';
import type { PreviewServer } from './preview-server.js';
import { TypeCheckRunner } from './type-check-runner.js';
import { locateProblem } from './problem-location.js';

/** Options of {@link runWatch}. */
export interface WatchOptions {
  /** Directory relative paths are resolved from. */
  cwd: string;
  /** Project directory, relative to `cwd`. @default "." */
  dir?: string;
  /** `--target NAME` (see `resolveWatchTarget` for the default). */
  targetName?: string;
  /** `--schema`: every dashboard in this schema. @default the target's `schema`, else each dashboard's own, else the config's */
  schema?: DashboardSchema;
  /** Use this target instead (tests, embedding); `urlOf` gives its dashboard URLs. */
  target?: { target: SyncTarget; urlOf?: (uid: string) => string };
  /** @default process.env */
  env?: NodeJS.ProcessEnv;
  /** Delete dashboards whose code was deleted (managed ones only). @default false */
  prune?: boolean;
  /** Overwrite dashboards changed outside grafts (a UI edit is otherwise a reported conflict). @default false */
  force?: boolean;
  /** Poll the file system every `poll` ms instead of using OS events (network file systems, containers). */
  poll?: number;
  /** Quiet time that ends a burst of file events, in ms. @default 20 */
  debounceMs?: number;
  /** Type-check affected files after each apply (reported, never blocking). @default true */
  typecheck?: boolean;
  /** Save message stored in the dashboards' version history. @default "grafts watch" */
  message?: string;
  /** The user whose per-user dev target is used. @default $USER */
  user?: string;
  /**
   * Serve a preview page on 127.0.0.1 (`port` 0 or absent: a free one) that shows every dashboard
   * (embedded from Grafana, or as a layout preview for a file target) and reloads after each apply.
   */
  open?: boolean | { port?: number };
  /** Called for every event, in order (the CLI prints them). */
  onEvent?: (event: WatchEvent) => void;
}

/** Where a problem came from. */
export type WatchProblemKind = 'config' | 'syntax' | 'load' | 'validation' | 'type' | 'target';

/** A problem of one cycle, located in a file when possible. */
export interface WatchProblem extends SourceProblem {
  readonly kind: WatchProblemKind;
}

/** A dashboard written (or found unchanged) by a cycle. */
export interface WatchedDashboard {
  readonly uid: string;
  readonly title: string;
  readonly source: string;
  /** Grafana URL or file path. */
  readonly url: string;
  readonly action: 'create' | 'update' | 'move' | 'unchanged';
}

/** One rebuild-and-apply, from a batch of file events (or the start). */
export interface WatchCycle {
  /** 0 for the initial sync, then 1, 2, … */
  readonly index: number;
  /** Project-relative files of the batch (empty for the initial sync). */
  readonly changedFiles: readonly string[];
  /** Entries re-evaluated. */
  readonly evaluated: readonly string[];
  /** Dashboards written. */
  readonly applied: readonly WatchedDashboard[];
  /** Dashboards whose code disappeared: deleted with `--prune`, else only reported. */
  readonly removed: readonly { readonly uid: string; readonly title: string; readonly pruned: boolean }[];
  /** Everything that went wrong; the cycle still applied what it could. */
  readonly problems: readonly WatchProblem[];
  /** Write requests sent. */
  readonly writes: number;
  /** No problems. */
  readonly ok: boolean;
  /** `performance.now()` when the batch was flushed (the start for cycle 0). */
  readonly startedAt: number;
  readonly durationMs: number;
  /** Milliseconds spent in each phase (rebuild, evaluate+render, read+plan, write). */
  readonly phases: Readonly<Record<string, number>>;
}

/** What {@link runWatch} reports, in order. */
export type WatchEvent =
  | {
      readonly type: 'ready';
      readonly target: string;
      readonly targetName: string;
      readonly dev: boolean;
      readonly entries: number;
      readonly polling: boolean;
      /** The preview page, with `open`. */
      readonly previewUrl?: string;
    }
  | { readonly type: 'cycle'; readonly cycle: WatchCycle }
  | { readonly type: 'typecheck'; readonly files: readonly string[]; readonly problems: readonly WatchProblem[] }
  | { readonly type: 'restart'; readonly reason: string }
  | { readonly type: 'error'; readonly message: string };

/** A running watch session. */
export interface WatchHandle {
  /** `describe()` of the target. */
  readonly target: string;
  /** The preview page (with `open`). */
  readonly previewUrl: string | undefined;
  /** Every cycle so far, oldest first. */
  readonly cycles: readonly WatchCycle[];
  /** The dashboards currently applied, by uid (what a preview shows). */
  dashboards(): readonly AppliedDashboard[];
  /** Resolves with the next cycle that starts after this call. */
  nextCycle(): Promise<WatchCycle>;
  /** Resolves when the type check started by the latest cycle has reported (immediately when none runs). */
  typecheckIdle(): Promise<void>;
  /** Stops watching and releases esbuild; waits for a running cycle to end. */
  close(): Promise<void>;
}

/** A dashboard as last applied. */
export interface AppliedDashboard {
  readonly uid: string;
  readonly title: string;
  readonly source: string;
  readonly url: string;
  readonly json: Readonly<Record<string, unknown>>;
}

interface EntryState {
  dashboards: readonly RenderedDashboard[];
}

/**
 * Watches a project and applies every save to a development target: builds incrementally
 * (esbuild context; only the entries a changed file reaches are re-evaluated), renders them, and
 * applies only the dashboards whose rendered output changed, one write each. A syntax, load,
 * validation or target error is reported (with `file:line` where there is one) and the session
 * keeps running; the entries that failed are retried with the next save.
 *
 * Resolves once the initial sync is done and the watcher is ready.
 *
 * @throws {ConfigError} only at start: project directory or config invalid, target unknown.
 *
 * @example
 * const watch = await runWatch({ cwd: process.cwd(), onEvent: (e) => console.log(e.type) });
 * // edit dashboards/api.dash.ts …
 * const cycle = await watch.nextCycle(); // → { applied: [{ uid: 'api', action: 'update', … }], writes: 1, … }
 * await watch.close();
 */
export async function runWatch(options: WatchOptions): Promise<WatchHandle> {
  const session = new WatchSession(options);
  try {
    await session.start();
  } catch (error) {
    // Whatever started (preview server, esbuild contexts, watcher) must not keep the process alive.
    await session.dispose();
    throw error;
  }
  return session.handle();
}

class WatchSession {
  readonly #options: WatchOptions;
  readonly #dir: string;
  readonly #env: NodeJS.ProcessEnv;
  #config: DashConfig = {};
  #configFile: string | undefined;
  #watchTarget!: WatchTarget;
  #build: IncrementalBuild | undefined;
  #entries: string[] = [];
  /** Rendered dashboards of every entry that evaluated and rendered successfully. */
  #entryState = new Map<string, EntryState>();
  /** Entries that failed in their last cycle (retried with the next one). */
  #failing = new Set<string>();
  /**
   * Entries an earlier worker of this watch stopped for never finishing loading (see
   * `cli/supervise.ts`): skipped, and reported, until a file they include changes.
   */
  #blocked = new Map<string, BlockedEntry>((userCodeMonitor()?.blocked ?? []).map((b) => [b.file, b]));
  #mixins: MixinDashboards[] = [];
  #mixinProblems: WatchProblem[] = [];
  /** uid → the JSON (and folder) last applied, as a string; what "changed" is compared with. */
  #applied = new Map<string, { key: string; dashboard: DashboardResource; url: string }>();
  #folders: Map<string, RemoteFolder> | undefined;
  #cycles: WatchCycle[] = [];
  #waiters: { after: number; resolve: (cycle: WatchCycle) => void }[] = [];
  #queue: Promise<void> = Promise.resolve();
  #batcher: EventBatcher;
  #watcher: { close(): Promise<void> } | undefined;
  #closed = false;
  #typecheck: Promise<void> = Promise.resolve();
  #typeChecker: TypeCheckRunner | undefined;
  #typeFiles = new Set<string>();
  #typeTimer: NodeJS.Timeout | undefined;
  /** Resolves the promise `typecheckIdle()` waits on, while a check is scheduled. */
  #typeRelease: (() => void) | undefined;
  #preview: PreviewServer | undefined;
  #rechecks = new Set<NodeJS.Timeout>();
  /** file (absolute) → mtime when its last batch was processed. */
  #processedMtime = new Map<string, number>();
  /** Files found empty once (held back for one look more). */
  #heldEmpty = new Set<string>();
  #phases: Record<string, number> = {};
  #previewProblems = '';

  constructor(options: WatchOptions) {
    this.#options = options;
    this.#dir = path.resolve(options.cwd, options.dir ?? '.');
    this.#env = options.env ?? process.env;
    this.#batcher = new EventBatcher({
      debounceMs: options.debounceMs ?? 20,
      onFlush: (batch) => this.#enqueue(() => this.#onBatch(batch, performance.now())),
    });
  }

  dispose(): Promise<void> {
    return this.#close();
  }

  handle(): WatchHandle {
    return {
      target: this.#watchTarget.target.describe(),
      previewUrl: this.#preview?.url,
      cycles: this.#cycles,
      dashboards: () => this.#appliedDashboards(),
      nextCycle: () => new Promise((resolve) => this.#waiters.push({ after: this.#cycles.length, resolve })),
      typecheckIdle: () => this.#typecheck,
      close: () => this.#close(),
    };
  }

  async start(): Promise<void> {
    const startedAt = performance.now();
    await this.#loadConfig();
    this.#watchTarget = this.#options.target
      ? {
          target: this.#options.target.target,
          name: this.#options.target.target.name,
          dev: false,
          urlOf: this.#options.target.urlOf ?? ((uid) => uid),
        }
      : resolveWatchTarget({
          dir: this.#dir,
          config: this.#config,
          env: this.#env,
          ...(this.#options.targetName !== undefined && { targetName: this.#options.targetName }),
          ...(this.#options.user !== undefined && { user: this.#options.user }),
        });
    this.#entries = await this.#discover();
    const open = this.#options.open;
    if (open) {
      const { startPreviewServer } = await import('./preview-server.js');
      const target = this.#watchTarget.target;
      const preview = await startPreviewServer({
        mode: target.kind === 'grafana' ? 'grafana' : 'layout',
        target: target.describe(),
        ...(typeof open === 'object' && open.port !== undefined && { port: open.port }),
      });
      this.#preview = preview;
      // A file target's dashboards are best looked at in the preview.
      if (target.kind === 'files') this.#watchTarget = { ...this.#watchTarget, urlOf: (uid) => `${preview.url}d/${encodeURIComponent(uid)}` };
    }
    this.#build = await IncrementalBuild.create(this.#dir, this.#entries);
    await this.#cycle([], startedAt, true);
    await this.#startWatcher();
    this.#emit({
      type: 'ready',
      target: this.#watchTarget.target.describe(),
      targetName: this.#watchTarget.name,
      dev: this.#watchTarget.dev,
      entries: this.#entries.length,
      polling: this.#options.poll !== undefined,
      ...(this.#preview && { previewUrl: this.#preview.url }),
    });
  }

  async #loadConfig(): Promise<void> {
    const { file, config } = await loadConfig(this.#dir);
    this.#config = config;
    this.#configFile = file;
    const configRel = file ? toPosix(path.relative(this.#dir, file)) : 'dash.config.ts';
    this.#mixins = [];
    this.#mixinProblems = [];
    try {
      const mixins = renderMixins((config.mixins ?? []).map((mixin, i) => ({ mixin, where: [configRel, `mixins[${i}]`] })));
      this.#mixins = mixins.map((m, i) => ({
        name: m.name,
        source: `${configRel} › mixins[${i}]`,
        dashboards: m.rendered.dashboards.map((d) => ({ uid: d.uid, title: d.title, json: d.json as unknown as Readonly<Record<string, unknown>> })),
      }));
    } catch (error) {
      if (!isValidationError(error)) throw error;
      this.#mixinProblems = error.problems.map((p) => ({ kind: 'validation' as const, ...locateProblem(p, undefined) }));
    }
  }

  async #discover(): Promise<string[]> {
    const outDir = path.resolve(this.#dir, this.#config.outDir ?? DEFAULT_OUT_DIR);
    return await discoverDashboardFiles({
      dir: this.#dir,
      config: this.#config,
      outDir,
      configFile: this.#configFile,
      allowNone: true,
    });
  }

  async #startWatcher(): Promise<void> {
    const { watch } = await import('chokidar');
    const outDir = path.resolve(this.#dir, this.#config.outDir ?? DEFAULT_OUT_DIR);
    const target = this.#watchTarget.target;
    const targetDir = target.kind === 'files' ? path.resolve(target.describe()) : undefined;
    const ignored = (file: string): boolean => {
      const rel = path.relative(this.#dir, file);
      if (rel === '') return false;
      if (rel.startsWith('..')) return true;
      const parts = rel.split(path.sep);
      if (parts.some((p) => p === 'node_modules' || (p.startsWith('.') && p !== '.'))) return true;
      if (isInside(outDir, file) || (targetDir !== undefined && isInside(targetDir, file))) return true;
      return false;
    };
    const poll = this.#options.poll;
    const watcher = watch(this.#dir, {
      ignoreInitial: true,
      ignored,
      ...(poll !== undefined ? { usePolling: true, interval: poll, binaryInterval: Math.max(poll, 300) } : {}),
    });
    for (const kind of ['add', 'change', 'unlink', 'addDir', 'unlinkDir'] as const) {
      watcher.on(kind, (file: string) => {
        this.#batcher.add(kind, file);
        if (kind === 'change' || kind === 'add') this.#scheduleRecheck(file);
      });
    }
    watcher.on('error', (error: unknown) => this.#emit({ type: 'error', message: `watcher: ${error instanceof Error ? error.message : String(error)}` }));
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
    this.#watcher = watcher;
  }

  /**
   * chokidar drops a `change` of a path that comes within 50 ms of the previous one (and never
   * emits it later), so a second save right after the first would be lost. After every event,
   * look at the file again once that window has passed: if it changed since its batch was
   * processed, report the change ourselves.
   */
  #scheduleRecheck(file: string): void {
    const timer = setTimeout(() => {
      this.#rechecks.delete(timer);
      if (this.#closed) return;
      stat(file).then(
        (info) => {
          const processed = this.#processedMtime.get(file);
          if (processed !== undefined && info.mtimeMs !== processed) this.#batcher.add('change', file);
        },
        () => undefined,
      );
    }, 60);
    this.#rechecks.add(timer);
  }

  /**
   * Records the modification time of each file of a batch as it is about to be read, and holds
   * back files that are empty right now: a save truncates the file before writing it, and on a
   * busy machine the two can be further apart than the debounce. An empty file is looked at
   * again 50 ms later (and then taken as it is). Returns the batch without the held files.
   */
  async #prepareBatch(batch: FileEventBatch): Promise<Map<string, FileEventKind>> {
    const ready = new Map(batch);
    await Promise.all(
      [...batch].map(async ([file, kind]) => {
        if (kind !== 'change' && kind !== 'add') return;
        const info = await stat(file).catch(() => undefined);
        if (!info) return;
        if (info.isFile() && info.size === 0 && !this.#heldEmpty.has(file)) {
          this.#heldEmpty.add(file);
          ready.delete(file);
          const timer = setTimeout(() => {
            this.#rechecks.delete(timer);
            if (!this.#closed) this.#batcher.add('change', file);
          }, 50);
          this.#rechecks.add(timer);
          return;
        }
        this.#heldEmpty.delete(file);
        this.#processedMtime.set(file, info.mtimeMs);
      }),
    );
    return ready;
  }

  #enqueue(task: () => Promise<void>): void {
    this.#queue = this.#queue.then(task).catch((error: unknown) => {
      this.#emit({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    });
  }

  async #onBatch(fullBatch: FileEventBatch, startedAt: number): Promise<void> {
    if (this.#closed) return;
    // Only what can be imported (or decides entries: directories) matters; a README save does not.
    const relevant = new Map([...fullBatch].filter(([file, kind]) => kind === 'addDir' || kind === 'unlinkDir' || SOURCE_FILE.test(file)));
    const batch = await this.#prepareBatch(relevant);
    if (batch.size === 0) return;
    const changed = [...batch.keys()].map((f) => toPosix(path.relative(this.#dir, f))).sort();
    const kinds = new Set<FileEventKind>(batch.values());
    // The config decides entries, mixins and target; tsconfig.json and package.json how imports resolve.
    const configTouched = changed.some((f) => (CONFIG_FILE_NAMES as readonly string[]).includes(f) || f === 'tsconfig.json' || f === 'package.json');
    if (configTouched) {
      // The config decides the entries, the mixins and the target: start over (same target object).
      this.#emit({ type: 'restart', reason: 'the config changed' });
      let entries: string[];
      try {
        await this.#loadConfig();
        entries = await this.#discover();
      } catch (error) {
        // The previous config's build stays in use until the config is fixed.
        this.#finishCycle({ changedFiles: changed, startedAt, problems: toProblems(error, 'config') });
        return;
      }
      this.#entryState.clear();
      this.#failing.clear();
      // tsconfig paths and the entry globs may have changed: fresh contexts.
      const previous = this.#build;
      this.#entries = entries;
      this.#build = await IncrementalBuild.create(this.#dir, this.#entries);
      await previous?.dispose();
      await this.#cycle(changed, startedAt, true);
      return;
    }
    if (kinds.has('add') || kinds.has('unlink') || kinds.has('addDir') || kinds.has('unlinkDir')) {
      let entries: string[];
      try {
        entries = await this.#discover();
      } catch (error) {
        this.#finishCycle({ changedFiles: changed, startedAt, problems: toProblems(error, 'config') });
        return;
      }
      if (entries.join('\n') !== this.#entries.join('\n')) {
        const gone = this.#entries.filter((e) => !entries.includes(e));
        for (const e of gone) {
          this.#entryState.delete(e);
          this.#failing.delete(e);
        }
        this.#entries = entries;
        await this.#build!.setEntries(entries);
      }
    }
    await this.#cycle(changed, startedAt, false);
  }

  /** One cycle: rebuild, evaluate what changed, render, apply what differs from the last apply. */
  async #cycle(changedFiles: string[], startedAt: number, all: boolean): Promise<void> {
    const build = this.#build!;
    this.#phases = {};
    let mark = performance.now();
    const phase = (name: string) => {
      const now = performance.now();
      this.#phases[name] = Math.round((now - mark) * 10) / 10;
      mark = now;
    };
    const problems: WatchProblem[] = [...this.#mixinProblems];
    let toEvaluate: string[] = [];
    if (this.#entries.length > 0) {
      try {
        // Only the entries the changed files reach are rebuilt (plus new and failing ones).
        const { changedEntries, failed } = await build.rebuild(all ? undefined : changedFiles);
        const seen = new Set<string>();
        for (const [entry, list] of failed) {
          this.#failing.add(entry);
          for (const p of list) {
            const problem: WatchProblem = { kind: 'syntax', ...p, file: p.file ?? entry };
            // A syntax error in a shared helper fails every entry importing it: report it once.
            const key = formatWatchProblem(problem);
            if (!seen.has(key)) problems.push(problem);
            seen.add(key);
          }
        }
        const set = new Set(all ? this.#entries : changedEntries);
        for (const e of this.#failing) set.add(e);
        for (const e of this.#entries) if (!this.#entryState.has(e)) set.add(e);
        await this.#unblockChanged(build);
        for (const [entry, b] of this.#blocked) problems.push({ kind: 'load', file: entry, message: b.message });
        toEvaluate = this.#entries.filter((e) => set.has(e) && !failed.has(e) && !this.#blocked.has(e));
      } catch (error) {
        this.#finishCycle({ changedFiles, startedAt, problems: [...problems, ...toProblems(error, 'syntax')] });
        return;
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
          schemaSelection(this.#config, { schema: this.#options.schema, targetName: this.#watchTarget.name }),
        );
        this.#entryState.set(entry, { dashboards: rendered.dashboards });
        this.#failing.delete(entry);
      } catch (error) {
        this.#failing.add(entry);
        problems.push(...(await this.#locate(error, entry)));
      }
    });
    for (const entry of this.#entryState.keys()) if (!this.#entries.includes(entry)) this.#entryState.delete(entry);
    phase('evaluate');

    // The whole project's desired state (cheap: no rendering), so cross-file problems (a uid used
    // twice, one folder uid with two titles) are caught; on such a problem nothing is applied.
    let desired: DesiredState;
    try {
      const dashboards = this.#entries.flatMap((e) => this.#entryState.get(e)?.dashboards ?? []);
      desired = desiredStateOf({ dashboards }, this.#mixins);
    } catch (error) {
      problems.push(...(await this.#locate(error, undefined)));
      this.#finishCycle({ changedFiles, startedAt, evaluated: toEvaluate, problems });
      return;
    }
    // A dashboard of a failing entry is neither changed nor removed: it stays as last applied.
    const failingUids = new Set<string>();
    for (const [uid, applied] of this.#applied) if (this.#failing.has(applied.dashboard.source) || this.#blocked.has(applied.dashboard.source)) failingUids.add(uid);

    const changed = desired.dashboards.filter((d) => this.#applied.get(d.uid)?.key !== appliedKey(d));
    const desiredUids = new Set(desired.dashboards.map((d) => d.uid));
    const removed = [...this.#applied.values()].map((a) => a.dashboard).filter((d) => !desiredUids.has(d.uid) && !failingUids.has(d.uid));
    // (Not while an entry is blocked: the target's dashboards may be that entry's.)
    if ((this.#cycles.length === 0 || this.#folders === undefined) && this.#blocked.size === 0) {
      // First sync: also report managed dashboards on the target that the code no longer has.
      try {
        const remote = await this.#watchTarget.target.listDashboards();
        for (const d of remote) {
          if (!d.managed || desiredUids.has(d.uid) || removed.some((r) => r.uid === d.uid)) continue;
          removed.push({ kind: 'Dashboard', uid: d.uid, title: d.title, schema: 'v1', json: {}, source: '', ...(d.folderUid !== undefined && { folderUid: d.folderUid }) });
        }
      } catch (error) {
        problems.push(...toProblems(error, 'target'));
        this.#finishCycle({ changedFiles, startedAt, evaluated: toEvaluate, problems });
        return;
      }
    }

    phase('diff');
    const result = await this.#apply(desired, changed, removed, problems, phase);
    this.#finishCycle({ changedFiles, startedAt, evaluated: toEvaluate, problems, ...result });
    // Files with syntax errors were reported already; TypeScript would only repeat them.
    const syntaxFiles = new Set(problems.filter((p) => p.kind === 'syntax' && p.file !== undefined).map((p) => p.file!));
    this.#startTypeCheck(changedFiles.filter((f) => !syntaxFiles.has(f)), toEvaluate, all);
  }

  /** Blocked entries that are gone, or include a file modified since they were blocked, are no longer skipped. */
  async #unblockChanged(build: IncrementalBuild): Promise<void> {
    for (const [entry, b] of this.#blocked) {
      const files = [entry, ...(build.inputsOf(entry) ?? [])];
      const mtimes = await Promise.all(files.map((f) => stat(path.join(this.#dir, f)).then((i) => i.mtimeMs, () => Infinity)));
      if (this.#entries.includes(entry) && mtimes.every((m) => m <= b.since)) continue;
      this.#blocked.delete(entry);
      userCodeMonitor()?.unblocked?.(entry);
    }
  }

  async #apply(
    desired: DesiredState,
    changed: readonly DashboardResource[],
    removed: readonly DashboardResource[],
    problems: WatchProblem[],
    phase: (name: string) => void,
  ): Promise<{ applied: WatchedDashboard[]; removed: WatchCycle['removed']; writes: number }> {
    const prune = this.#options.prune ?? false;
    if (changed.length === 0 && (removed.length === 0 || !prune)) {
      for (const r of removed) this.#applied.delete(r.uid);
      return { applied: [], removed: removed.map((r) => ({ uid: r.uid, title: r.title, pruned: false })), writes: 0 };
    }
    const target = this.#watchTarget.target;
    try {
      this.#folders ??= new Map((await target.listFolders()).map((f) => [f.uid, f]));
      const result = await applyChanges({
        target,
        desired,
        changed,
        removed,
        prune,
        force: this.#options.force ?? false,
        message: this.#options.message ?? 'grafts watch',
        folders: this.#folders,
        onPhase: phase,
      });
      for (const f of result.foldersWritten) this.#folders.set(f.uid, folderAsRemote(f));
      // What failed is not recorded as applied: the next cycle tries it again.
      problems.push(...result.problems.map((p) => ({ kind: 'target' as const, ...p })));
      const applied = result.applied.map(({ dashboard: d, action, folderTitles }): WatchedDashboard => {
        const url = this.#watchTarget.urlOf(d.uid, folderTitles);
        this.#applied.set(d.uid, { key: appliedKey(d), dashboard: d, url });
        return { uid: d.uid, title: d.title, source: d.source, url, action };
      });
      const pruned = new Set(result.pruned);
      for (const uid of pruned) this.#applied.delete(uid);
      if (!prune) for (const r of removed) this.#applied.delete(r.uid);
      const removedReport = [
        ...removed.filter((r) => pruned.has(r.uid)).map((r) => ({ uid: r.uid, title: r.title, pruned: true })),
        ...removed.filter((r) => !pruned.has(r.uid)).map((r) => ({ uid: r.uid, title: r.title, pruned: false })),
      ];
      return { applied, removed: removedReport, writes: result.writes };
    } catch (error) {
      problems.push(...toProblems(error, 'target'));
      return { applied: [], removed: [], writes: 0 };
    }
  }

  /** Problems of an error, located in the user's files. */
  async #locate(error: unknown, entry: string | undefined): Promise<WatchProblem[]> {
    if (isValidationError(error)) {
      const texts = new Map<string, string | undefined>();
      const out: WatchProblem[] = [];
      for (const p of error.problems) {
        const file = p.path[0];
        if (file !== undefined && !texts.has(file)) texts.set(file, await readFile(path.join(this.#dir, file), 'utf8').catch(() => undefined));
        out.push({ kind: 'validation', ...locateProblem(p, file === undefined ? undefined : texts.get(file)) });
      }
      return out;
    }
    const problems = toProblems(error, 'load');
    return entry === undefined ? problems : problems.map((p) => (p.file === undefined ? { ...p, file: entry } : p));
  }

  #finishCycle(parts: { changedFiles: readonly string[]; startedAt: number; evaluated?: readonly string[]; problems: readonly WatchProblem[]; applied?: readonly WatchedDashboard[]; removed?: WatchCycle['removed']; writes?: number }): void {
    const cycle: WatchCycle = {
      index: this.#cycles.length,
      changedFiles: parts.changedFiles,
      evaluated: parts.evaluated ?? [],
      applied: parts.applied ?? [],
      removed: parts.removed ?? [],
      problems: parts.problems,
      writes: parts.writes ?? 0,
      ok: parts.problems.length === 0,
      startedAt: parts.startedAt,
      durationMs: Math.round((performance.now() - parts.startedAt) * 10) / 10,
      phases: this.#phases,
    };
    this.#cycles.push(cycle);
    this.#updatePreview(cycle);
    this.#emit({ type: 'cycle', cycle });
    const ready = this.#waiters.filter((w) => cycle.index >= w.after);
    this.#waiters = this.#waiters.filter((w) => cycle.index < w.after);
    for (const w of ready) w.resolve(cycle);
  }

  /**
   * Queues the files of a cycle for the type check, which runs once no cycle has finished for
   * {@link TYPECHECK_IDLE_MS}: applies go first, and a burst of saves is checked once.
   */
  #startTypeCheck(changedFiles: readonly string[], evaluated: readonly string[], all: boolean): void {
    if (this.#options.typecheck === false || this.#closed) return;
    const files = all ? [...this.#entries] : [...new Set([...evaluated, ...changedFiles.filter((f) => /\.[cm]?tsx?$/.test(f))])];
    if (files.length === 0) return;
    for (const f of files) this.#typeFiles.add(f);
    if (this.#typeTimer !== undefined) clearTimeout(this.#typeTimer);
    if (this.#typeRelease === undefined) {
      const scheduled = new Promise<void>((resolve) => (this.#typeRelease = resolve));
      this.#typecheck = this.#typecheck.then(() => scheduled);
    }
    this.#typeTimer = setTimeout(() => {
      this.#typeTimer = undefined;
      const release = this.#typeRelease!;
      this.#typeRelease = undefined;
      const batch = [...this.#typeFiles];
      this.#typeFiles.clear();
      void this.#runTypeCheck(batch).finally(release);
    }, TYPECHECK_IDLE_MS);
  }

  async #runTypeCheck(files: readonly string[]): Promise<void> {
    if (this.#closed) return;
    try {
      this.#typeChecker ??= new TypeCheckRunner(this.#dir);
      const problems = (await this.#typeChecker.check(this.#entries, files)).map((p) => ({ kind: 'type' as const, ...p }));
      this.#emit({ type: 'typecheck', files, problems });
    } catch (error) {
      if (!this.#closed) this.#emit({ type: 'error', message: `type check: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  /** Pages reload after a cycle that wrote something, and when the problems shown change. */
  #updatePreview(cycle: WatchCycle): void {
    if (!this.#preview) return;
    const problems = cycle.problems.map(formatWatchProblem);
    const key = problems.join('\n');
    if (cycle.applied.length === 0 && cycle.removed.length === 0 && key === this.#previewProblems && cycle.index > 0) return;
    this.#previewProblems = key;
    this.#preview.update(this.#appliedDashboards(), problems, cycle.applied.filter((d) => d.action !== 'unchanged').map((d) => d.uid));
  }

  #appliedDashboards(): AppliedDashboard[] {
    return [...this.#applied.values()].map(({ dashboard: d, url }) => ({ uid: d.uid, title: d.title, source: d.source, url, json: d.json }));
  }

  #emit(event: WatchEvent): void {
    try {
      this.#options.onEvent?.(event);
    } catch {
      // A listener's error must not stop the watcher.
    }
  }

  async #close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#batcher.close();
    for (const timer of this.#rechecks) clearTimeout(timer);
    await this.#watcher?.close();
    await this.#queue;
    if (this.#typeTimer !== undefined) clearTimeout(this.#typeTimer);
    this.#typeRelease?.();
    this.#typeRelease = undefined;
    await this.#typeChecker?.close();
    await this.#typecheck;
    await this.#build?.dispose();
    await this.#preview?.close();
  }
}

/** Files a dashboard can import (or that configure how imports resolve). */
const SOURCE_FILE = /\.(?:[cm]?[jt]sx?|json)$/;

/** Quiet time after the last cycle before the type check runs, in ms. */
const TYPECHECK_IDLE_MS = 150;

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

function toProblems(error: unknown, kind: WatchProblemKind): WatchProblem[] {
  if (error instanceof ProjectError) {
    const k: WatchProblemKind = error instanceof ConfigError ? 'config' : kind;
    return error.problems.map((p) => ({ kind: k, ...p }));
  }
  if (isValidationError(error)) return error.problems.map((p) => ({ kind: 'validation' as const, ...locateProblem(p, undefined) }));
  return [{ kind, message: error instanceof Error ? error.message : String(error) }];
}

function isInside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** A problem as one line: `file:line:col: message`. */
export function formatWatchProblem(problem: WatchProblem): string {
  return formatSourceProblem(problem);
}

export { WATCH_FILES_DIR };
