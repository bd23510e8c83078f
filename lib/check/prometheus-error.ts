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
export class PrometheusError extends Error {
  readonly kind: PrometheusErrorKind;
  readonly url: string;
  readonly endpoint: string;
  readonly status: number | undefined;
  readonly errorType: string | undefined;
  readonly detail: string;

  constructor(init: PrometheusErrorInit) {
    const status = init.status !== undefined ? `${init.status} ` : '';
    const type = init.errorType ? `${init.errorType}: ` : '';
    super(`prometheus ${init.url} ${init.endpoint}: ${status}${type}${init.detail}`);
    this.name = 'PrometheusError';
    this.kind = init.kind;
    this.url = init.url;
    this.endpoint = init.endpoint;
    this.status = init.status;
    this.errorType = init.errorType;
    this.detail = init.detail;
  }

  /** True when no answer came back (the server is down, unreachable or too slow). */
  get unreachable(): boolean {
    return this.kind === 'connection' || this.kind === 'timeout';
  }
}
