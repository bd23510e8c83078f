import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SourceProblem } from '../project/errors.js';

/** Checks one checker (worker thread or in-thread service) runs before it is replaced. */
export const CHECKS_PER_CHECKER = 100;

/**
 * Runs watch's type checks: in a worker thread when grafts runs built (so the compiler's
 * synchronous work never blocks the watcher), in this thread when it runs from TypeScript
 * sources (tests), where a worker could not load the `.ts` module.
 *
 * The checker is replaced after `checksPerChecker` checks: a language service kept for a whole
 * session holds on to what every check built (source files, types, the previous program), so a
 * session of a thousand saves would keep growing; a worker thread that ends gives all of its
 * memory back. The new checker's first check parses the project again, in the background.
 *
 * @example
 * const runner = new TypeCheckRunner('/work/project');
 * await runner.check(['a.dash.ts', 'b.dash.ts'], ['a.dash.ts']); // → [{ file: 'a.dash.ts', line: 3, code: 'TS2322', … }]
 * await runner.close();
 */
export class TypeCheckRunner {
  readonly #dir: string;
  readonly #checksPerChecker: number;
  #worker: Worker | undefined;
  #inThread: import('./type-check-service.js').TypeCheckService | undefined;
  #nextId = 0;
  /** Checks started on the current checker. */
  #checks = 0;
  #checkers = 0;
  readonly #pending = new Map<number, { resolve: (p: SourceProblem[]) => void; reject: (e: Error) => void }>();

  constructor(dir: string, options: { checksPerChecker?: number } = {}) {
    this.#dir = dir;
    this.#checksPerChecker = Math.max(1, options.checksPerChecker ?? CHECKS_PER_CHECKER);
  }

  /** How many checkers (worker threads, or services in this thread) were started so far. */
  get checkersStarted(): number {
    return this.#checkers;
  }

  /** Type errors of `files`, with `roots` (every entry) as the program's root files. */
  async check(roots: readonly string[], files: readonly string[]): Promise<SourceProblem[]> {
    if (this.#checks >= this.#checksPerChecker && this.#pending.size === 0) {
      // Retire the checker; the next one starts below.
      this.#checks = 0;
      this.#inThread = undefined;
      const worker = this.#worker;
      this.#worker = undefined;
      await worker?.terminate();
    }
    this.#checks++;
    const workerFile = new URL('./type-check-worker.js', import.meta.url);
    if (!import.meta.url.endsWith('.ts')) {
      if (!this.#worker) {
        this.#worker = this.#startWorker(fileURLToPath(workerFile));
        this.#checkers++;
      }
      const id = this.#nextId++;
      return await new Promise((resolve, reject) => {
        this.#pending.set(id, { resolve, reject });
        this.#worker!.postMessage({ id, dir: this.#dir, roots: [...roots], files: [...files] });
      });
    }
    if (!this.#inThread) {
      const { TypeCheckService } = await import('./type-check-service.js');
      this.#inThread = new TypeCheckService(this.#dir);
      this.#checkers++;
    }
    this.#inThread.setRoots(roots);
    return this.#inThread.check(files);
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    for (const p of this.#pending.values()) p.reject(new Error('type check stopped'));
    this.#pending.clear();
    await worker?.terminate();
  }

  #startWorker(file: string): Worker {
    const worker = new Worker(file);
    worker.unref();
    worker.on('message', (message: { id: number; problems?: SourceProblem[]; error?: string }) => {
      const pending = this.#pending.get(message.id);
      if (!pending) return;
      this.#pending.delete(message.id);
      if (message.error !== undefined) pending.reject(new Error(message.error));
      else pending.resolve(message.problems ?? []);
    });
    worker.on('error', (error) => {
      for (const p of this.#pending.values()) p.reject(error);
      this.#pending.clear();
      this.#worker = undefined;
    });
    return worker;
  }
}
