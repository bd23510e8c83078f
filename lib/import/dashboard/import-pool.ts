import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { importDashboard, type ImportedDashboard } from './import-dashboard.js';
import { ImportError } from './import-error.js';
import type { ImportRequest } from './import-worker.js';
import type { PulledFolderInfo } from '../../sync/pulled-folder-file.js';

/** One dashboard to import. */
export interface ImportTask {
  readonly json: unknown;
  readonly source: string;
  /** The Grafana folder chain it belongs in (see ImportDashboardOptions.folders). */
  readonly folders?: readonly PulledFolderInfo[];
}

type Outcome = { result: ImportedDashboard } | { error: unknown };

// Below this many dashboards, starting workers (each loads prettier and ts-morph) costs more than it saves.
const MIN_TASKS_FOR_WORKERS = 12;

/**
 * Imports many dashboards, in worker threads when there are enough of them and the library
 * runs from its built JavaScript (formatting with prettier is most of the work and is CPU
 * bound); in this thread otherwise. Outcomes come back in task order; an ImportError from a
 * worker is an ImportError here too.
 *
 * @example
 * const outcomes = await importMany([{ json, source: 'a.json' }], { importPath: 'grafts' });
 */
export async function importMany(tasks: readonly ImportTask[], options: { importPath?: string; workers?: number } = {}): Promise<Outcome[]> {
  const workerUrl = new URL('./import-worker.js', import.meta.url);
  const builtJs = import.meta.url.endsWith('.js');
  const count = Math.min(options.workers ?? Math.min(4, os.availableParallelism()), Math.ceil(tasks.length / 4));
  if (!builtJs || tasks.length < MIN_TASKS_FOR_WORKERS || count < 2) {
    const outcomes: Outcome[] = [];
    for (const task of tasks) {
      try {
        outcomes.push({
          result: await importDashboard(task.json, {
            source: task.source,
            ...(task.folders && { folders: task.folders }),
            ...(options.importPath !== undefined && { importPath: options.importPath }),
          }),
        });
      } catch (error) {
        outcomes.push({ error });
      }
    }
    return outcomes;
  }
  const outcomes = new Array<Outcome>(tasks.length);
  let next = 0;
  const workers = Array.from({ length: count }, () => new Worker(workerUrl));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= tasks.length) return resolve();
              const id = next++;
              const request: ImportRequest = {
                id,
                json: tasks[id]!.json,
                source: tasks[id]!.source,
                ...(tasks[id]!.folders && { folders: tasks[id]!.folders }),
                ...(options.importPath !== undefined && { importPath: options.importPath }),
              };
              worker.postMessage(request);
            };
            worker.on(
              'message',
              (message: {
                id: number;
                result?: ImportedDashboard;
                error?: { importError: boolean; source?: string; jsonPath?: string; reason?: string; message?: string };
              }) => {
                if (message.result) outcomes[message.id] = { result: message.result };
                else {
                  const e = message.error!;
                  outcomes[message.id] = { error: e.importError ? new ImportError(e.source!, e.jsonPath!, e.reason!) : new Error(e.message) };
                }
                send();
              },
            );
            worker.on('error', reject);
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return outcomes;
}
