import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { TypeCheckError } from './errors.js';
import type { TypeCheckOptions, TypeCheckReport } from './type-check.js';

/**
 * A type check started by {@link startTypeCheck}, running while the caller bundles, evaluates,
 * renders and validates; it gates only what must not happen with type errors (writing output,
 * sending writes to a target).
 */
export interface PendingTypeCheck {
  /**
   * Waits for the check. Resolves with its report when it found no error.
   *
   * @throws {TypeCheckError} every type error, as `file:line:col: TS1234 message` problems.
   */
  passed(): Promise<TypeCheckReport | undefined>;
  /**
   * Runs `work` while the check runs; when `work` throws, waits for the check and throws its type
   * errors instead, if any: they are usually the cause (a wrong argument that then fails at load
   * or render time), and they are what a check run before the work would have reported. Does not
   * wait for the check when `work` succeeds.
   */
  typeErrorsFirst<T>(work: () => Promise<T>): Promise<T>;
  /** {@link typeErrorsFirst}, then waits for the check: `work`'s result, type-checked. */
  gate<T>(work: () => Promise<T>): Promise<T>;
  /** Stops the check (its result is no longer wanted: bundling failed). */
  cancel(): Promise<void>;
}

/** What the type-check worker thread answers. @internal */
export type TypeCheckWorkerAnswer = { report: TypeCheckReport } | { error: string };

/**
 * Starts type-checking `options.files` and returns at once. When grafts runs built (`dist/`),
 * the check runs in a worker thread, so that on a 2-core machine it really runs alongside the
 * bundling and evaluation on the main thread; from TypeScript sources (tests), where a worker
 * could not load the `.ts` module, it runs in this thread when first awaited.
 *
 * @example
 * const check = startTypeCheck({ dir, files: ['/p/dashboards/api.dash.ts'] });
 * const rendered = await check.gate(async () => render(await load()));
 * // type errors: throws TypeCheckError; otherwise `rendered`, checked
 */
export function startTypeCheck(options: TypeCheckOptions): PendingTypeCheck {
  let worker: Worker | undefined;
  let result: Promise<TypeCheckReport>;
  if (import.meta.url.endsWith('.ts')) {
    // Deferred to the first await, so that the caller's bundling starts first.
    let lazy: Promise<TypeCheckReport> | undefined;
    result = {
      then: (onFulfilled, onRejected) => {
        lazy ??= import('./type-check.js').then((m) => m.typeCheckWithReport(options));
        return lazy.then(onFulfilled, onRejected);
      },
    } as Promise<TypeCheckReport>;
  } else {
    const spawned = new Worker(fileURLToPath(new URL('./type-check-thread.js', import.meta.url)), { workerData: options });
    worker = spawned;
    result = new Promise<TypeCheckReport>((resolve, reject) => {
      spawned.once('message', (answer: TypeCheckWorkerAnswer) => {
        if ('report' in answer) resolve(answer.report);
        else reject(new Error(`type check failed to run: ${answer.error}`));
      });
      spawned.once('error', reject);
      spawned.once('exit', (code) => reject(new Error(`type check stopped (thread exit code ${code})`)));
    });
    void result.finally(() => spawned.terminate()).catch(() => undefined);
  }
  return pendingTypeCheck(result, async () => {
    await worker?.terminate();
  });
}

/**
 * The {@link PendingTypeCheck} of a check whose report `result` will give; `stop` ends it early.
 *
 * @example
 * const check = pendingTypeCheck(typeCheckWithReport(options), async () => {});
 * await check.gate(async () => 'rendered'); // → 'rendered', or throws TypeCheckError
 *
 * @internal
 */
export function pendingTypeCheck(result: PromiseLike<TypeCheckReport>, stop: () => Promise<void>): PendingTypeCheck {
  // A checker that fails before anyone awaits it (the work is still running) is reported when
  // awaited, not as an unhandled rejection. (A lazy thenable is left alone: `then` starts it.)
  if (result instanceof Promise) result.catch(() => undefined);
  const passed = async (): Promise<TypeCheckReport> => {
    const report = await result;
    if (report.problems.length > 0) throw new TypeCheckError(report.problems);
    return report;
  };
  const typeErrorsFirst = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      try {
        await passed();
      } catch (typeCheckFailure) {
        // A checker that failed to run is not the cause of `error`: report `error`.
        if (typeCheckFailure instanceof TypeCheckError) throw typeCheckFailure;
      }
      throw error;
    }
  };
  return {
    passed,
    typeErrorsFirst,
    async gate(work) {
      const value = await typeErrorsFirst(work);
      await passed();
      return value;
    },
    cancel: stop,
  };
}

/** The {@link PendingTypeCheck} of `--no-typecheck`: passes at once. */
export const NO_TYPE_CHECK: PendingTypeCheck = {
  passed: async () => undefined,
  typeErrorsFirst: (work) => work(),
  gate: (work) => work(),
  cancel: async () => undefined,
};
