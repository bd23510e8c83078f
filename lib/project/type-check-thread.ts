/**
 * Worker thread of {@link startTypeCheck}: runs one {@link typeCheckWithReport} with the options
 * it was started with (its `workerData`) and posts the report, or the message of what broke.
 *
 * @internal
 */
import { parentPort, workerData } from 'node:worker_threads';
import { typeCheckWithReport, type TypeCheckOptions } from './type-check.js';
import type { TypeCheckWorkerAnswer } from './type-check-job.js';

const post = (answer: TypeCheckWorkerAnswer): void => parentPort!.postMessage(answer);
try {
  post({ report: await typeCheckWithReport(workerData as TypeCheckOptions) });
} catch (error) {
  post({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
