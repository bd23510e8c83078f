/**
 * Errors of the Grafana client. Every one is built from safe fields only (the URL without user
 * info, the method, the path without its query, Grafana's own `message`/`status`), never from
 * an HTTP library's error object: those carry request headers (`Authorization`) and full URLs.
 * So neither the message, `String(error)`, `JSON.stringify(error)` nor `util.inspect(error)`
 * can show a token or a password.
 */
import { HttpError, type HttpErrorInit } from '../errors/http-error.js';

/** How a Grafana request failed. */
export type GrafanaErrorKind =
  /** Grafana (or a proxy in front of it) answered with an error status. */
  | 'http'
  /** No answer: refused, reset, DNS failure. */
  | 'network'
  /** No answer within the timeout. */
  | 'timeout'
  /** The TLS handshake failed (untrusted or mismatched certificate). */
  | 'tls'
  /** The client's options are unusable (invalid URL, unreadable CA file, contradicting options). */
  | 'config'
  /** Grafana answered, but not with what the API promises (e.g. HTML where JSON was expected). */
  | 'protocol';

/** Fields of a {@link GrafanaError}. */
export interface GrafanaErrorInit extends HttpErrorInit<GrafanaErrorKind> {
  /** A Node error code such as `ECONNRESET`, `ETIMEDOUT`, `DEPTH_ZERO_SELF_SIGNED_CERT`. */
  code?: string;
}

/**
 * Base class of the client's errors; `message` reads
 * `grafana <url> <METHOD> <path>: <detail> (<suggestion>)`.
 *
 * @example
 * new GrafanaError({ kind: 'network', url: 'https://g.example.com', method: 'GET', path: '/api/health',
 *   detail: 'connection refused (ECONNREFUSED)', suggestion: 'check GRAFANA_URL' }).message
 * // → 'grafana https://g.example.com GET /api/health: connection refused (ECONNREFUSED) (check GRAFANA_URL)'
 */
export class GrafanaError extends HttpError<GrafanaErrorKind> {
  readonly code: string | undefined;

  constructor(init: GrafanaErrorInit) {
    super('grafana', init);
    this.code = init.code;
  }

  /** True when no answer came back (the server is down, unreachable or too slow). */
  get unreachable(): boolean {
    return this.kind === 'network' || this.kind === 'timeout' || this.kind === 'tls';
  }
}

/** Fields of a {@link GrafanaApiError}. */
export interface GrafanaApiErrorInit extends Omit<GrafanaErrorInit, 'kind'> {
  /** HTTP status code. */
  status: number;
  /** Grafana's `message` field (or the k8s Status `message`), when the body had one. */
  grafanaMessage?: string;
  /** Grafana's `status` field (`version-mismatch`, `not-found`, …) or the k8s Status `reason`. */
  grafanaStatus?: string;
  /** Grafana's `messageId` (errutil errors, e.g. `api-key.invalid`). */
  messageId?: string;
}

/**
 * Grafana answered with an error status. `status` is the HTTP status; `grafanaMessage` and
 * `grafanaStatus` are the fields of Grafana's error body; `suggestion` says what to check.
 *
 * @example
 * try { await client.request({ method: 'GET', path: '/api/dashboards/uid/x' }) }
 * catch (e) { if (e instanceof GrafanaApiError && e.status === 404) … }
 */
export class GrafanaApiError extends GrafanaError {
  declare readonly status: number;
  readonly grafanaMessage: string | undefined;
  readonly grafanaStatus: string | undefined;
  readonly messageId: string | undefined;

  constructor(init: GrafanaApiErrorInit) {
    super({ ...init, kind: 'http' });
    this.grafanaMessage = init.grafanaMessage;
    this.grafanaStatus = init.grafanaStatus;
    this.messageId = init.messageId;
  }
}

/** True for a {@link GrafanaApiError} with one of the given statuses. */
export function isGrafanaStatus(error: unknown, ...statuses: number[]): error is GrafanaApiError {
  return error instanceof GrafanaApiError && statuses.includes(error.status);
}
