import { userCodeMonitor } from '../project/user-code-monitor.js';
import { renderMixins } from '../mixin/render-mixins.js';
import { isValidationError } from '../model/validation-error.js';
import { DEFAULT_OUT_DIR } from '../project/define-config.js';
import { CONFIG_FILE_NAMES, discoverDashboardFiles, loadConfig } from '../project/load-project.js';
import path from 'node:path';
import type { FileEventBatch, FileEventKind } from './batch-events.js';
import { resolveWatchTarget, WATCH_FILES_DIR, type WatchTarget } from './dev-target.js';
import { IncrementalBuild } from './incremental-build.js';
import { locateProblem } from './problem-location.js';
import type { PreviewServer } from './preview-server.js';
import { ProjectWatcher } from './project-watcher.js';
import { makeCycle, runCycle, watchProblemsOf, type CycleParts, type WatchState } from './run-cycle.js';
import { TypeCheckScheduler } from './type-check-scheduler.js';
import { formatWatchProblem, type AppliedDashboard, type WatchCycle, type WatchEvent, type WatchHandle, type WatchOptions } from './watch-types.js';

export type { AppliedDashboard, WatchCycle, WatchedDashboard, WatchEvent, WatchHandle, WatchOptions, WatchProblem, WatchProblemKind } from './watch-types.js';
export { formatWatchProblem } from './watch-types.js';

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

/**
 * The orchestration of `dash watch`: loads the config and its mixins, picks the target, starts
 * the preview, the {@link ProjectWatcher} and the {@link TypeCheckScheduler}, runs one
 * {@link runCycle} at a time (queued), and reports each cycle (events, waiters, preview).
 */
class WatchSession {
  readonly #options: WatchOptions;
  readonly #dir: string;
  readonly #env: NodeJS.ProcessEnv;
  #configFile: string | undefined;
  /** Everything cycles read and update; set up by start(). */
  #state!: WatchState;
  #cycles: WatchCycle[] = [];
  #waiters: { after: number; resolve: (cycle: WatchCycle) => void }[] = [];
  #queue: Promise<void> = Promise.resolve();
  #watcher: ProjectWatcher | undefined;
  #types: TypeCheckScheduler | undefined;
  #closed = false;
  #preview: PreviewServer | undefined;
  #previewProblems = '';

  constructor(options: WatchOptions) {
    this.#options = options;
    this.#dir = path.resolve(options.cwd, options.dir ?? '.');
    this.#env = options.env ?? process.env;
  }

  dispose(): Promise<void> {
    return this.#close();
  }

  handle(): WatchHandle {
    return {
      target: this.#state.target.target.describe(),
      previewUrl: this.#preview?.url,
      cycles: this.#cycles,
      dashboards: () => this.#appliedDashboards(),
      nextCycle: () => new Promise((resolve) => this.#waiters.push({ after: this.#cycles.length, resolve })),
      typecheckIdle: () => this.#types?.idle() ?? Promise.resolve(),
      close: () => this.#close(),
    };
  }

  async start(): Promise<void> {
    const startedAt = performance.now();
    const { config, configFile, mixins, mixinProblems } = await this.#loadConfig();
    this.#configFile = configFile;
    let target: WatchTarget = this.#options.target
      ? {
          target: this.#options.target.target,
          name: this.#options.target.target.name,
          dev: false,
          urlOf: this.#options.target.urlOf ?? ((uid) => uid),
        }
      : resolveWatchTarget({
          dir: this.#dir,
          config,
          env: this.#env,
          ...(this.#options.targetName !== undefined && { targetName: this.#options.targetName }),
          ...(this.#options.user !== undefined && { user: this.#options.user }),
        });
    const entries = await this.#discover(config);
    const open = this.#options.open;
    if (open) {
      const { startPreviewServer } = await import('./preview-server.js');
      const preview = await startPreviewServer({
        mode: target.target.kind === 'grafana' ? 'grafana' : 'layout',
        target: target.target.describe(),
        ...(typeof open === 'object' && open.port !== undefined && { port: open.port }),
      });
      this.#preview = preview;
      // A file target's dashboards are best looked at in the preview.
      if (target.target.kind === 'files') target = { ...target, urlOf: (uid) => `${preview.url}d/${encodeURIComponent(uid)}` };
    }
    this.#state = {
      dir: this.#dir,
      options: this.#options,
      config,
      target,
      build: await IncrementalBuild.create(this.#dir, entries),
      entries,
      entryState: new Map(),
      failing: new Set(),
      blocked: new Map((userCodeMonitor()?.blocked ?? []).map((b) => [b.file, b])),
      mixins,
      mixinProblems,
      applied: new Map(),
      folders: undefined,
    };
    if (this.#options.typecheck !== false) {
      this.#types = new TypeCheckScheduler({
        dir: this.#dir,
        idleMs: TYPECHECK_IDLE_MS,
        entries: () => this.#state.entries,
        onReport: (files, problems) => this.#emit({ type: 'typecheck', files, problems: problems.map((p) => ({ kind: 'type' as const, ...p })) }),
        onError: (message) => this.#emit({ type: 'error', message }),
      });
    }
    await this.#cycle([], startedAt, true);
    const targetDir = target.target.kind === 'files' ? path.resolve(target.target.describe()) : undefined;
    this.#watcher = await ProjectWatcher.start({
      dir: this.#dir,
      ignoredDirs: [path.resolve(this.#dir, config.outDir ?? DEFAULT_OUT_DIR), ...(targetDir !== undefined ? [targetDir] : [])],
      ...(this.#options.poll !== undefined && { poll: this.#options.poll }),
      debounceMs: this.#options.debounceMs ?? 20,
      onBatch: (batch) => this.#enqueue(() => this.#onBatch(batch, performance.now())),
      onError: (message) => this.#emit({ type: 'error', message }),
    });
    this.#emit({
      type: 'ready',
      target: target.target.describe(),
      targetName: target.name,
      dev: target.dev,
      entries: entries.length,
      polling: this.#options.poll !== undefined,
      ...(this.#preview && { previewUrl: this.#preview.url }),
    });
  }

  /** The config, and its mixins rendered (their problems reported with every cycle, not thrown). */
  async #loadConfig(): Promise<LoadedConfig> {
    const { file, config } = await loadConfig(this.#dir);
    const configRel = file ? toPosix(path.relative(this.#dir, file)) : 'dash.config.ts';
    try {
      const rendered = renderMixins((config.mixins ?? []).map((mixin, i) => ({ mixin, where: [configRel, `mixins[${i}]`] })));
      const mixins = rendered.map((m, i) => ({
        name: m.name,
        source: `${configRel} › mixins[${i}]`,
        dashboards: m.rendered.dashboards.map((d) => ({ uid: d.uid, title: d.title, json: d.json as unknown as Readonly<Record<string, unknown>> })),
      }));
      return { config, configFile: file, mixins, mixinProblems: [] };
    } catch (error) {
      if (!isValidationError(error)) throw error;
      const mixinProblems = error.problems.map((p) => ({ kind: 'validation' as const, ...locateProblem(p, undefined) }));
      return { config, configFile: file, mixins: [], mixinProblems };
    }
  }

  async #discover(config: WatchState['config']): Promise<string[]> {
    const outDir = path.resolve(this.#dir, config.outDir ?? DEFAULT_OUT_DIR);
    return await discoverDashboardFiles({
      dir: this.#dir,
      config,
      outDir,
      configFile: this.#configFile,
      allowNone: true,
    });
  }

  #enqueue(task: () => Promise<void>): void {
    this.#queue = this.#queue.then(task).catch((error: unknown) => {
      this.#emit({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    });
  }

  async #onBatch(fullBatch: FileEventBatch, startedAt: number): Promise<void> {
    if (this.#closed) return;
    const batch = await this.#watcher!.prepare(fullBatch);
    if (batch.size === 0) return;
    const state = this.#state;
    const changed = [...batch.keys()].map((f) => toPosix(path.relative(this.#dir, f))).sort();
    const kinds = new Set<FileEventKind>(batch.values());
    // The config decides entries, mixins and target; tsconfig.json and package.json how imports resolve.
    const configTouched = changed.some((f) => (CONFIG_FILE_NAMES as readonly string[]).includes(f) || f === 'tsconfig.json' || f === 'package.json');
    if (configTouched) {
      // The config decides the entries, the mixins and the target: start over (same target object).
      this.#emit({ type: 'restart', reason: 'the config changed' });
      let entries: string[];
      try {
        const loaded = await this.#loadConfig();
        this.#configFile = loaded.configFile;
        state.config = loaded.config;
        state.mixins = loaded.mixins;
        state.mixinProblems = loaded.mixinProblems;
        entries = await this.#discover(state.config);
      } catch (error) {
        // The previous config's build stays in use until the config is fixed.
        this.#finishCycle({ changedFiles: changed, startedAt, problems: watchProblemsOf(error, 'config') });
        return;
      }
      state.entryState.clear();
      state.failing.clear();
      // tsconfig paths and the entry globs may have changed: fresh contexts.
      const previous = state.build;
      state.entries = entries;
      state.build = await IncrementalBuild.create(this.#dir, entries);
      await previous.dispose();
      await this.#cycle(changed, startedAt, true);
      return;
    }
    if (kinds.has('add') || kinds.has('unlink') || kinds.has('addDir') || kinds.has('unlinkDir')) {
      let entries: string[];
      try {
        entries = await this.#discover(state.config);
      } catch (error) {
        this.#finishCycle({ changedFiles: changed, startedAt, problems: watchProblemsOf(error, 'config') });
        return;
      }
      if (entries.join('\n') !== state.entries.join('\n')) {
        const gone = state.entries.filter((e) => !entries.includes(e));
        for (const e of gone) {
          state.entryState.delete(e);
          state.failing.delete(e);
        }
        state.entries = entries;
        await state.build.setEntries(entries);
      }
    }
    await this.#cycle(changed, startedAt, false);
  }

  /** Runs one cycle, reports it, and schedules the type check of what it evaluated. */
  async #cycle(changedFiles: readonly string[], startedAt: number, all: boolean): Promise<void> {
    const { cycle, typeCheckFiles } = await runCycle(this.#state, { index: this.#cycles.length, changedFiles, startedAt, all });
    this.#report(cycle);
    if (!this.#closed) this.#types?.schedule(typeCheckFiles);
  }

  /** Reports a cycle that stopped before running (the config could not be read). */
  #finishCycle(parts: CycleParts): void {
    this.#report(makeCycle(this.#cycles.length, parts));
  }

  #report(cycle: WatchCycle): void {
    this.#cycles.push(cycle);
    this.#updatePreview(cycle);
    this.#emit({ type: 'cycle', cycle });
    const ready = this.#waiters.filter((w) => cycle.index >= w.after);
    this.#waiters = this.#waiters.filter((w) => cycle.index < w.after);
    for (const w of ready) w.resolve(cycle);
  }

  /** Pages reload after a cycle that wrote something, and when the problems shown change. */
  #updatePreview(cycle: WatchCycle): void {
    if (!this.#preview) return;
    const problems = cycle.problems.map(formatWatchProblem);
    const key = problems.join('\n');
    if (cycle.applied.length === 0 && cycle.removed.length === 0 && key === this.#previewProblems && cycle.index > 0) return;
    this.#previewProblems = key;
    this.#preview.update(
      this.#appliedDashboards(),
      problems,
      cycle.applied.filter((d) => d.action !== 'unchanged').map((d) => d.uid),
    );
  }

  #appliedDashboards(): AppliedDashboard[] {
    return [...this.#state.applied.values()].map(({ dashboard: d, url }) => ({ uid: d.uid, title: d.title, source: d.source, url, json: d.json }));
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
    // No new check starts from here on; a running one is waited for below.
    const typesClosed = this.#types?.close();
    await this.#watcher?.close();
    await this.#queue;
    await typesClosed;
    await this.#state?.build.dispose();
    await this.#preview?.close();
  }
}

/** A config as loaded, with its mixins rendered. */
interface LoadedConfig {
  config: WatchState['config'];
  configFile: string | undefined;
  mixins: WatchState['mixins'];
  mixinProblems: WatchState['mixinProblems'];
}

/** Quiet time after the last cycle before the type check runs, in ms. */
const TYPECHECK_IDLE_MS = 150;

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

export { WATCH_FILES_DIR };
