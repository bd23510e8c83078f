import { parentPort } from 'node:worker_threads';
import { importDashboard } from './import-dashboard.js';
import { isImportError } from './import-error.js';
import type { PulledFolderInfo } from '../../sync/pulled-folder-file.js';

/** A request to the import worker: one dashboard. @internal */
export interface ImportRequest {
  readonly id: number;
  readonly json: unknown;
  readonly source: string;
  readonly importPath?: string;
  readonly folders?: readonly PulledFolderInfo[];
}

// Runs importDashboard for the pool in import-pool.ts; errors travel as plain data.
parentPort?.on('message', (request: ImportRequest) => {
  importDashboard(request.json, {
    source: request.source,
    ...(request.folders && { folders: request.folders }),
    ...(request.importPath !== undefined && { importPath: request.importPath }),
  }).then(
    (result) => parentPort!.postMessage({ id: request.id, result }),
    (error: unknown) =>
      parentPort!.postMessage({
        id: request.id,
        error: isImportError(error)
          ? { importError: true, source: error.source, jsonPath: error.jsonPath, reason: error.reason }
          : { importError: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) },
      }),
  );
});
