import type { SourceProblem } from '../project/errors.js';
import { TypeCheckRunner } from './type-check-runner.js';

/** Options of {@link TypeCheckScheduler}. */
export interface TypeCheckSchedulerOptions {
  /** The project directory. */
  dir: string;
  /** Quiet time after the last {@link TypeCheckScheduler.schedule} before the check runs, in ms. */
  idleMs: number;
  /** The project's entries when the check runs (the type checker's roots). */
  entries: () => readonly string[];
  /** The files checked and what the check found. */
  onReport: (files: readonly string[], problems: readonly SourceProblem[]) => void;
  /** The checker itself failed (not a type error in the code). */
  onError: (message: string) => void;
  /** The checker to use. @default a {@link TypeCheckRunner} on `dir`, started on the first check */
  checker?: TypeChecker;
}

/** What checks the files (a {@link TypeCheckRunner} outside tests). */
export interface TypeChecker {
  check(roots: readonly string[], files: readonly string[]): Promise<SourceProblem[]>;
  close(): Promise<void>;
}

/**
 * Schedules the watch session's type checks: files queued by {@link schedule} are checked
 * together once no schedule call came for `idleMs`, so applies go first and a burst of saves
 * is checked once. The checker (a worker thread keeping a TypeScript language service) starts
 * on the first check.
 *
 * @example
 * const types = new TypeCheckScheduler({ dir, idleMs: 150, entries: () => entries, onReport, onError });
 * types.schedule(['dashboards/api.dash.ts']);
 * await types.idle(); // onReport(['dashboards/api.dash.ts'], []) has run
 * await types.close();
 */
export class TypeCheckScheduler {
  readonly #options: TypeCheckSchedulerOptions;
  /** Settles when every scheduled check has reported. */
  #idle: Promise<void> = Promise.resolve();
  #checker: TypeChecker | undefined;
  #files = new Set<string>();
  #timer: NodeJS.Timeout | undefined;
  /** Resolves the promise {@link idle} waits on, while a check is scheduled. */
  #release: (() => void) | undefined;
  #closed = false;

  constructor(options: TypeCheckSchedulerOptions) {
    this.#options = options;
    this.#checker = options.checker;
  }

  /** Queues `files` for the next check and (re)starts the quiet-time timer. */
  schedule(files: readonly string[]): void {
    if (this.#closed || files.length === 0) return;
    for (const f of files) this.#files.add(f);
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    if (this.#release === undefined) {
      const scheduled = new Promise<void>((resolve) => (this.#release = resolve));
      this.#idle = this.#idle.then(() => scheduled);
    }
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      const release = this.#release!;
      this.#release = undefined;
      const batch = [...this.#files];
      this.#files.clear();
      void this.#run(batch).finally(release);
    }, this.#options.idleMs);
  }

  /** Resolves when the checks scheduled so far have reported (immediately when none is). */
  idle(): Promise<void> {
    return this.#idle;
  }

  /** Drops what is queued, stops the checker and waits for a running check to end. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#release?.();
    this.#release = undefined;
    await this.#checker?.close();
    await this.#idle;
  }

  async #run(files: readonly string[]): Promise<void> {
    if (this.#closed) return;
    try {
      this.#checker ??= new TypeCheckRunner(this.#options.dir);
      const problems = await this.#checker.check([...this.#options.entries()], files);
      this.#options.onReport(files, problems);
    } catch (error) {
      if (!this.#closed) this.#options.onError(`type check: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
