import { GraftsError, isGraftsError } from '../errors/grafts-error.js';

/** One resource (or listing) a run could not read, and why. */
export interface UnreadResource {
  /** `folders`, `dashboards`, `rule groups` (a listing) or `dashboard "api"` (one read). */
  readonly resource: string;
  readonly error: unknown;
}

/**
 * Reading the target failed (after the client's retries), so nothing was planned and nothing
 * written: the message lists every resource that could not be read, one per line, with the
 * request's own error (which never holds credentials).
 *
 * @example
 * // could not read 2 resources from https://g.example.com, so nothing was planned or written:
 * //   dashboard "api": grafana https://g.example.com GET /api/dashboards/uid/api: 500 Internal Server Error
 * //   dashboard "db": grafana https://g.example.com GET /api/dashboards/uid/db: connection reset by the server (ECONNRESET) after 4 attempts
 */
export class SyncUnreadableError extends GraftsError {
  readonly unread: readonly UnreadResource[];

  constructor(target: string, unread: readonly UnreadResource[]) {
    const lines = unread.map((u) => `  ${u.resource}: ${u.error instanceof Error ? u.error.message : String(u.error)}`);
    const firstHint = unread.map((u) => (isGraftsError(u.error) ? u.error.hint : undefined)).find((hint) => hint !== undefined);
    super(`could not read ${unread.length} resource${unread.length === 1 ? '' : 's'} from ${target}, so nothing was planned or written:\n${lines.join('\n')}`, {
      hint: firstHint ?? 're-run when the target is reachable',
    });
    this.unread = unread;
  }
}
