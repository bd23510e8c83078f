import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SourceProblem } from '../project/errors.js';

/**
 * Runs watch's type checks: in a worker thread when grafts runs built (so the compiler's
 * synchronous work never blocks the watcher), in this thread when it runs from TypeScript
 * sources (tests), where a worker could not load the `.ts` module.
 *
 * @example
 * const runner = new TypeCheckRunner('/work/project');
 * await runner.check(['a.dash.ts', 'b.dash.ts'], ['a.dash.ts']); // → [{ file: 'a.dash.ts', line: 3, code: 'TS2322', … }]
 * await runner.close();
 */
export class TypeCheckRunner {
  readonly #dir: string;
  #worker: Worker | undefined;
  #inThread: import('./type-check-service.js').TypeCheckService | undefined;
  #nextId = 0;
  readonly #pending = new Map<number, { resolve: (p: SourceProblem[]) => void; reject: (e: Error) => void }>();

  constructor(dir: string) {
    this.#dir = dir;
  }

  /** Type errors of `files`, with `roots` (every entry) as the program's root files. */
  async check(roots: readonly string[], files: readonly string[]): Promise<SourceProblem[]> {
    const workerFile = new URL('./type-check-worker.js', import.meta.url);
    if (!import.meta.url.endsWith('.ts')) {
      this.#worker ??= this.#startWorker(fileURLToPath(workerFile));
      const id = this.#nextId++;
      return await new Promise((resolve, reject) => {
        this.#pending.set(id, { resolve, reject });
        this.#worker!.postMessage({ id, dir: this.#dir, roots: [...roots], files: [...files] });
      });
    }
    if (!this.#inThread) {
      const { TypeCheckService } = await import('./type-check-service.js');
      this.#inThread = new TypeCheckService(this.#dir);
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
