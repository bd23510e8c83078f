import { stat } from 'node:fs/promises';
import path from 'node:path';
import { EventBatcher, type FileEventBatch, type FileEventKind } from './batch-events.js';

/** Options of {@link ProjectWatcher.start}. */
export interface ProjectWatcherOptions {
  /** The project directory, watched recursively. */
  dir: string;
  /** Directories inside it whose changes are ours, never the user's (the output, a file target's folder). */
  ignoredDirs: readonly string[];
  /** Poll every `poll` ms instead of using OS events. */
  poll?: number;
  /** Quiet time that ends a burst of events, in ms. @default 20 */
  debounceMs?: number;
  /** Each batch of events, as it is flushed (pass it to {@link ProjectWatcher.prepare} when processing it). */
  onBatch: (batch: FileEventBatch) => void;
  /** The file system watcher failed. */
  onError: (message: string) => void;
}

/** Files a dashboard can import (or that configure how imports resolve). */
const SOURCE_FILE = /\.(?:[cm]?[jt]sx?|json)$/;

/**
 * Watches a project's files for `dash watch`: chokidar (OS events, or polling), bursts of events
 * batched per save, `node_modules`, dot folders and grafts' own output ignored, and two gaps of
 * chokidar closed: a change within 50 ms of the previous one (which chokidar drops) and a save
 * seen between its truncation and its write (an empty file, looked at again).
 *
 * @example
 * const watcher = await ProjectWatcher.start({ dir, ignoredDirs: [outDir], onBatch: (b) => queue(() => handle(b)), onError });
 * // in handle(b): const files = await watcher.prepare(b); // the source files of the batch, ready to read
 * await watcher.close();
 */
export class ProjectWatcher {
  readonly #dir: string;
  readonly #batcher: EventBatcher;
  #watcher: { close(): Promise<void> } | undefined;
  #closed = false;
  readonly #rechecks = new Set<NodeJS.Timeout>();
  /** file (absolute) → mtime when its last batch was processed. */
  readonly #processedMtime = new Map<string, number>();
  /** Files found empty once (held back for one look more). */
  readonly #heldEmpty = new Set<string>();

  private constructor(options: ProjectWatcherOptions) {
    this.#dir = options.dir;
    this.#batcher = new EventBatcher({ debounceMs: options.debounceMs ?? 20, onFlush: options.onBatch });
  }

  /** Starts watching; resolves once chokidar has scanned the project. */
  static async start(options: ProjectWatcherOptions): Promise<ProjectWatcher> {
    const watcher = new ProjectWatcher(options);
    await watcher.#start(options);
    return watcher;
  }

  async #start(options: ProjectWatcherOptions): Promise<void> {
    const { watch } = await import('chokidar');
    const ignored = (file: string): boolean => {
      const rel = path.relative(this.#dir, file);
      if (rel === '') return false;
      if (rel.startsWith('..')) return true;
      const parts = rel.split(path.sep);
      if (parts.some((p) => p === 'node_modules' || (p.startsWith('.') && p !== '.'))) return true;
      return options.ignoredDirs.some((dir) => isInside(dir, file));
    };
    const poll = options.poll;
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
    watcher.on('error', (error: unknown) => options.onError(`watcher: ${error instanceof Error ? error.message : String(error)}`));
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
    this.#watcher = watcher;
  }

  /**
   * The files of a batch that matter, ready to be read: only what can be imported (or decides
   * entries: directories), not a README save. Records the modification time of each as it is
   * about to be read, and holds back files that are empty right now: a save truncates the file
   * before writing it, and on a busy machine the two can be further apart than the debounce. An
   * empty file is looked at again 50 ms later (and then taken as it is).
   */
  async prepare(batch: FileEventBatch): Promise<Map<string, FileEventKind>> {
    const ready = new Map([...batch].filter(([file, kind]) => kind === 'addDir' || kind === 'unlinkDir' || SOURCE_FILE.test(file)));
    await Promise.all(
      [...ready].map(async ([file, kind]) => {
        if (kind !== 'change' && kind !== 'add') return;
        const info = await stat(file).catch(() => undefined);
        if (!info) return;
        if (info.isFile() && info.size === 0 && !this.#heldEmpty.has(file)) {
          this.#heldEmpty.add(file);
          ready.delete(file);
          this.#later(50, () => this.#batcher.add('change', file));
          return;
        }
        this.#heldEmpty.delete(file);
        this.#processedMtime.set(file, info.mtimeMs);
      }),
    );
    return ready;
  }

  /** Stops watching: pending events and rechecks are dropped. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#batcher.close();
    for (const timer of this.#rechecks) clearTimeout(timer);
    await this.#watcher?.close();
  }

  /**
   * chokidar drops a `change` of a path that comes within 50 ms of the previous one (and never
   * emits it later), so a second save right after the first would be lost. After every event,
   * look at the file again once that window has passed: if it changed since its batch was
   * processed, report the change ourselves.
   */
  #scheduleRecheck(file: string): void {
    this.#later(60, () => {
      stat(file).then(
        (info) => {
          const processed = this.#processedMtime.get(file);
          if (processed !== undefined && info.mtimeMs !== processed) this.#batcher.add('change', file);
        },
        () => undefined,
      );
    });
  }

  #later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.#rechecks.delete(timer);
      if (!this.#closed) fn();
    }, ms);
    this.#rechecks.add(timer);
  }
}

function isInside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
