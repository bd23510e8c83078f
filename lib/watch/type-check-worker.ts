/**
 * Worker thread of `dash watch`'s type check: keeps a {@link TypeCheckService} warm off the main
 * thread, so that checking (a second or more for a fresh project, tens of ms per save after)
 * never delays the next rebuild and apply.
 *
 * Protocol: the parent sends `{ id, dir, roots, files }`; the worker answers `{ id, problems }`
 * or `{ id, error }`.
 *
 * @internal
 */
import { parentPort } from 'node:worker_threads';
import { TypeCheckService } from './type-check-service.js';

interface Request {
  id: number;
  dir: string;
  roots: string[];
  files: string[];
}

let service: TypeCheckService | undefined;
parentPort?.on('message', (request: Request) => {
  try {
    service ??= new TypeCheckService(request.dir);
    service.setRoots(request.roots);
    parentPort!.postMessage({ id: request.id, problems: service.check(request.files) });
  } catch (error) {
    parentPort!.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
});
