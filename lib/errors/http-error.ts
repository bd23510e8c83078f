import { GraftsError } from './grafts-error.js';

/** Fields of an {@link HttpError}. */
export interface HttpErrorInit<K extends string = string> {
  /** How the request failed (each client names its own kinds: `network`, `timeout`, `http`, …). */
  kind: K;
  /** The server's base URL without credentials, query or fragment. */
  url: string;
  /** HTTP method of the failed request (absent for configuration errors). */
  method?: string | undefined;
  /** Request path relative to the base URL, without query string (e.g. `/api/dashboards/db`). */
  path?: string | undefined;
  /** HTTP status, when the server answered. */
  status?: number | undefined;
  /** Short description of what happened (already free of secrets). */
  detail: string;
  /** What the user can do about it (the error's hint). */
  suggestion?: string | undefined;
  /** How many attempts were made (retries included). */
  attempts?: number | undefined;
}

/**
 * A failed request to a server (Grafana, a ruler, Prometheus), built from safe fields only:
 * never from an HTTP library's error object, whose headers and URLs can carry credentials.
 * `message` reads `<service> <url> <METHOD> <path>: <detail> (<suggestion>)`; the CLI prints
 * {@link summary} (without the suggestion) and the suggestion once, as the hint.
 *
 * @example
 * new HttpError('ruler', { kind: 'network', url: 'http://mimir:8080', method: 'GET', path: '/prometheus/config/v1/rules',
 *   detail: 'connection refused (ECONNREFUSED)', suggestion: 'check MIMIR_ADDRESS' }).message
 * // → 'ruler http://mimir:8080 GET /prometheus/config/v1/rules: connection refused (ECONNREFUSED) (check MIMIR_ADDRESS)'
 */
export class HttpError<K extends string = string> extends GraftsError {
  readonly kind: K;
  readonly url: string;
  readonly method: string | undefined;
  readonly path: string | undefined;
  readonly status: number | undefined;
  readonly detail: string;
  readonly suggestion: string | undefined;
  readonly attempts: number;
  readonly #summary: string;

  /**
   * @param service names the server in the message (`grafana`, `ruler`, `prometheus`).
   * @param shownDetail the detail as the message shows it, when it adds to `init.detail` (a status).
   */
  constructor(service: string, init: HttpErrorInit<K>, shownDetail: string = init.detail) {
    const where = [init.url, init.method, init.path].filter(Boolean).join(' ');
    const summary = `${service} ${where}: ${shownDetail}`;
    super(`${summary}${init.suggestion ? ` (${init.suggestion})` : ''}`, { hint: init.suggestion });
    this.#summary = summary;
    this.kind = init.kind;
    this.url = init.url;
    this.method = init.method;
    this.path = init.path;
    this.status = init.status;
    this.detail = init.detail;
    this.suggestion = init.suggestion;
    this.attempts = init.attempts ?? 1;
  }

  override get summary(): string {
    return this.#summary;
  }
}
