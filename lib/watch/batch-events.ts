/** What happened to a path, as chokidar names it. */
export type FileEventKind = 'add' | 'change' | 'unlink' | 'addDir' | 'unlinkDir';

/** One flushed batch: every path touched since the last flush, with its last event. */
export type FileEventBatch = ReadonlyMap<string, FileEventKind>;

/** Options of {@link EventBatcher}. */
export interface EventBatcherOptions {
  /** Quiet time after the last event before the batch is flushed, in ms. @default 20 */
  debounceMs?: number;
  /** A batch is flushed at the latest this long after its first event, even if events keep coming. @default 250 */
  maxWaitMs?: number;
  onFlush: (batch: FileEventBatch) => void;
}

/**
 * Collects the burst of file events one save makes (an editor writes a temp file, renames it over
 * the original, touches a backup: 2–5 events within a few ms) into one batch, flushed after
 * `debounceMs` without events (and at most `maxWaitMs` after the first), so a save triggers one
 * rebuild, not five.
 *
 * @example
 * const batcher = new EventBatcher({ debounceMs: 20, onFlush: (batch) => console.log([...batch.keys()]) });
 * batcher.add('change', 'a.dash.ts'); batcher.add('change', 'a.dash.ts'); batcher.add('add', 'b.dash.ts');
 * // 20 ms later → [ 'a.dash.ts', 'b.dash.ts' ] (one call)
 */
export class EventBatcher {
  readonly #debounceMs: number;
  readonly #maxWaitMs: number;
  readonly #onFlush: (batch: FileEventBatch) => void;
  #pending = new Map<string, FileEventKind>();
  #timer: NodeJS.Timeout | undefined;
  #firstAt = 0;

  constructor(options: EventBatcherOptions) {
    this.#debounceMs = Math.max(0, options.debounceMs ?? 20);
    this.#maxWaitMs = Math.max(this.#debounceMs, options.maxWaitMs ?? 250);
    this.#onFlush = options.onFlush;
  }

  /** Records an event; an `add` followed by `unlink` of the same path (a temp file) cancels out. */
  add(kind: FileEventKind, file: string): void {
    const previous = this.#pending.get(file);
    if (previous === 'add' && kind === 'unlink') this.#pending.delete(file);
    else if (previous === 'unlink' && kind === 'add') this.#pending.set(file, 'change');
    else if (previous === 'add' && kind === 'change') this.#pending.set(file, 'add');
    else this.#pending.set(file, kind);
    const now = performance.now();
    if (this.#timer === undefined) this.#firstAt = now;
    else clearTimeout(this.#timer);
    const wait = Math.min(this.#debounceMs, Math.max(0, this.#firstAt + this.#maxWaitMs - now));
    this.#timer = setTimeout(() => this.flush(), wait);
  }

  /** Flushes now (no-op when nothing is pending). */
  flush(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#pending.size === 0) return;
    const batch = this.#pending;
    this.#pending = new Map();
    this.#onFlush(batch);
  }

  /** Drops pending events and stops the timer. */
  close(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending.clear();
  }
}
