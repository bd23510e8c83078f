import { HttpError } from '../errors/http-error.js';

/**
 * What went wrong talking to Prometheus:
 * - `api`: Prometheus answered with an error (`{"status":"error","errorType":"bad_data","error":"…"}`),
 * - `http`: a non-API answer (401 from a proxy, 404 because the URL is not a Prometheus, …),
 * - `connection`: no answer at all (refused, DNS, TLS, reset),
 * - `timeout`: no answer within the timeout.
 */
export type PrometheusErrorKind = 'api' | 'http' | 'connection' | 'timeout';

/** Fields of a {@link PrometheusError}. */
export interface PrometheusErrorInit {
  kind: PrometheusErrorKind;
  /** The Prometheus base URL without credentials. */
  url: string;
  /** The API path that was called, e.g. `/api/v1/query`. */
  endpoint: string;
  /** HTTP status, when there was an answer. */
  status?: number;
  /** Prometheus' `errorType` (`bad_data`, `execution`, `timeout`, …). */
  errorType?: string;
  /** Prometheus' own `error` text, or a short description of the HTTP or network failure. */
  detail: string;
  /** What the user can do about it. */
  suggestion?: string;
}

/**
 * A failed Prometheus request. The message never contains credentials: the URL is shown
 * without user info, and the client removes any token or password from `detail` before
 * constructing the error.
 *
 * @example
 * new PrometheusError({ kind: 'api', url: 'http://prom:9090', endpoint: '/api/v1/query', status: 400,
 *   errorType: 'bad_data', detail: 'parse error: unexpected end of input' }).message
 * // → 'prometheus http://prom:9090 /api/v1/query: 400 bad_data: parse error: unexpected end of input'
 */
export class PrometheusError extends HttpError<PrometheusErrorKind> {
  /** The API path that was called (the error's `path`). */
  readonly endpoint: string;
  readonly errorType: string | undefined;

  constructor(init: PrometheusErrorInit) {
    const status = init.status !== undefined ? `${init.status} ` : '';
    const type = init.errorType ? `${init.errorType}: ` : '';
    super(
      'prometheus',
      { kind: init.kind, url: init.url, path: init.endpoint, status: init.status, detail: init.detail, suggestion: init.suggestion },
      `${status}${type}${init.detail}`,
    );
    this.endpoint = init.endpoint;
    this.errorType = init.errorType;
  }

  /** True when no answer came back (the server is down, unreachable or too slow). */
  get unreachable(): boolean {
    return this.kind === 'connection' || this.kind === 'timeout';
  }
}
