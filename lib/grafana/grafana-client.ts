import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { escapeControl } from '../util/escape-control.js';
import { displayUrl, redactSecrets } from '../util/redact.js';
import { GrafanaApiError, GrafanaError } from './grafana-error.js';
import { CaFileError, readCaFile } from './ca-file.js';
import { NOT_GRAFANA_SUGGESTION, suggestForNetworkError, suggestForStatus } from './suggestions.js';

/** Retry policy of a {@link GrafanaClient}. */
export interface RetryOptions {
  /** Attempts in total, the first included. @default 4 */
  maxAttempts?: number;
  /** First backoff step in ms; step n is `baseDelayMs * 2^(n-1)`, capped by `maxDelayMs`. @default 500 */
  baseDelayMs?: number;
  /** Upper bound of one exponential backoff step in ms. @default 10000 */
  maxDelayMs?: number;
  /** Upper bound of a wait asked for by `Retry-After`, in ms. @default 30000 */
  maxRetryAfterMs?: number;
}

/** Options of {@link GrafanaClient}. */
export interface GrafanaClientOptions {
  /**
   * Grafana's base URL: `http://localhost:3000`, a Grafana Cloud stack `https://<stack>.grafana.net`,
   * or a sub-path install `https://host/grafana/`. User info in the URL (`https://user:pw@host`) is
   * used as basic auth and never shown.
   */
  url: string;
  /** Service account token (`glsa_…`), sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Basic auth user (with `password`); ignored when `token` is set. */
  user?: string;
  /** Basic auth password. */
  password?: string;
  /** Sent as `X-Grafana-Org-Id` when set (users in several organizations). */
  orgId?: number;
  /** Extra headers sent with every request (e.g. `X-Scope-OrgID` for a Mimir/Loki ruler). Not secret. */
  headers?: Readonly<Record<string, string>>;
  /** PEM file of the CA that signed Grafana's certificate (added to Node's trusted CAs). */
  caFile?: string;
  /** PEM text of that CA (instead of `caFile`). */
  ca?: string;
  /** Accept any TLS certificate. For test instances only; never the default. */
  insecureSkipVerify?: boolean;
  /** Timeout of one attempt in ms (connect, headers and body). @default 30000 */
  timeoutMs?: number;
  retry?: RetryOptions;
  /**
   * Where the credentials came from, named in suggestions (e.g. `GRAFANA_TOKEN`,
   * `targets.prod.tokenEnv (GRAFANA_PROD_TOKEN)`). @default "GRAFANA_TOKEN" or "GRAFANA_USER/GRAFANA_PASSWORD"
   */
  credentialSource?: string;
  /** Waits between retries (tests replace it to count and skip the waits). */
  sleep?: (ms: number) => Promise<void>;
  /** Random source of the backoff jitter, in [0, 1). @default Math.random */
  random?: () => number;
}

/** Query parameters; arrays repeat the key; `undefined` values are left out. */
export type QueryParams = Readonly<Record<string, string | number | boolean | undefined | readonly (string | number)[]>>;

/** One request of {@link GrafanaClient.request}. */
export interface GrafanaRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path relative to the base URL, starting with `/` (e.g. `/api/search`). */
  path: string;
  query?: QueryParams;
  /** JSON body. */
  body?: unknown;
  /** A body sent as given with its content type (e.g. a YAML rule group); instead of `body`. */
  rawBody?: { text: string; contentType: string };
  /**
   * Whether sending the request twice has the effect of sending it once. Defaults to true for
   * GET, HEAD, PUT and DELETE; POST and PATCH are retried only when the caller marks them (e.g.
   * an upsert with `overwrite`, or a create whose 409-on-retry the caller checks).
   */
  retrySafe?: boolean;
  /** Error statuses returned as responses rather than thrown (e.g. `[404]` for a lookup). */
  accept?: readonly number[];
  /** What the path is about, for suggestions (`folder`, `dashboard`). */
  resource?: 'dashboard' | 'folder';
  /** Extra request headers (e.g. `X-Disable-Provenance`); never credentials. */
  headers?: Readonly<Record<string, string>>;
}

/** A successful (or accepted) answer. */
export interface GrafanaResponse<T = unknown> {
  status: number;
  /** Parsed JSON body (`undefined` when empty, the text when not JSON). */
  data: T;
  /** Attempts it took (1 when no retry was needed). */
  attempts: number;
}

const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);
const RETRYABLE_CODES: ReadonlySet<string> = new Set(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ECONNABORTED', 'ESOCKETTIMEDOUT']);
const TLS_CODES = /^(CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_|ERR_TLS_|ERR_SSL_|EPROTO$|HOSTNAME_MISMATCH)/;

/**
 * A small Grafana HTTP client on axios: authentication (service account token or basic auth),
 * organization header, sub-path and Grafana Cloud base URLs, TLS options, per-attempt timeouts
 * and bounded retries.
 *
 * Retry policy: 429, 502, 503, 504 and connection resets/timeouts (`ECONNRESET`, "socket hang
 * up", `ETIMEDOUT`, `EPIPE`, `EAI_AGAIN`) are retried up to `retry.maxAttempts` attempts in total
 * (default 4) — 429 for every request (a rate limiter rejects before the request is handled), the
 * others only for requests that are safe to repeat (see {@link GrafanaRequest.retrySafe}). The wait
 * is `Retry-After` when the answer has one (seconds or an HTTP date, capped at
 * `retry.maxRetryAfterMs`, default 30 s), else exponential backoff with full jitter:
 * `random() * min(maxDelayMs, baseDelayMs * 2^(attempt-1))` (defaults 500 ms, 10 s). Everything
 * else (4xx, 500, refused connections, DNS and TLS failures) fails at once.
 *
 * Errors are {@link GrafanaApiError} (an error status) or {@link GrafanaError} (no answer, bad
 * options); they are built from safe fields only and never contain the token or password.
 *
 * @example
 * const client = new GrafanaClient({ url: 'https://acme.grafana.net', token: process.env.GRAFANA_TOKEN });
 * const { data } = await client.request<{ version: string }>({ method: 'GET', path: '/api/health' });
 * // data → { database: 'ok', version: '12.1.0', commit: '…' }
 */
export class GrafanaClient {
  /** The base URL as it may be shown (no credentials, no trailing slash). */
  readonly url: string;
  /** The organization sent in `X-Grafana-Org-Id`, if any. */
  readonly orgId: number | undefined;
  /** `token`, `basic` or `none`. */
  readonly auth: 'token' | 'basic' | 'none';
  readonly #origin: string;
  readonly #prefix: string;
  readonly #http: AxiosInstance;
  readonly #secrets: readonly string[];
  readonly #timeoutMs: number;
  readonly #retry: Required<RetryOptions>;
  readonly #credentialSource: string;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #random: () => number;

  constructor(options: GrafanaClientOptions) {
    let base: URL;
    try {
      base = new URL(options.url);
    } catch {
      throw new GrafanaError({
        kind: 'config',
        url: '<invalid URL>',
        detail: 'the Grafana URL is not a valid absolute URL',
        suggestion: 'use e.g. http://localhost:3000 or https://<stack>.grafana.net',
      });
    }
    if (base.protocol !== 'http:' && base.protocol !== 'https:') {
      throw new GrafanaError({ kind: 'config', url: displayUrl(base), detail: `unsupported protocol ${base.protocol}`, suggestion: 'use http: or https:' });
    }
    const urlUser = safeDecode(base.username);
    const urlPassword = safeDecode(base.password);
    base.username = '';
    base.password = '';
    base.search = '';
    base.hash = '';
    this.url = displayUrl(base);
    this.#origin = base.origin;
    this.#prefix = base.pathname.replace(/\/+$/, '');

    const token = options.token || undefined;
    const user = options.user ?? (urlUser || undefined);
    const password = options.password ?? (urlPassword || undefined);
    const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': 'grafts', ...options.headers };
    const secrets: string[] = [];
    if (token) {
      headers['Authorization'] = `Bearer ${token}`;
      secrets.push(token);
      this.auth = 'token';
    } else if (user !== undefined || password !== undefined) {
      const encoded = Buffer.from(`${user ?? ''}:${password ?? ''}`).toString('base64');
      headers['Authorization'] = `Basic ${encoded}`;
      secrets.push(encoded);
      if (password) secrets.push(password);
      this.auth = 'basic';
    } else {
      this.auth = 'none';
    }
    if (urlPassword) secrets.push(urlPassword);
    this.#secrets = secrets;
    this.#credentialSource = options.credentialSource ?? (this.auth === 'basic' ? 'GRAFANA_USER/GRAFANA_PASSWORD' : 'GRAFANA_TOKEN');

    if (options.orgId !== undefined) {
      if (!Number.isInteger(options.orgId) || options.orgId < 1) {
        throw new GrafanaError({
          kind: 'config',
          url: this.url,
          detail: `invalid organization id ${JSON.stringify(options.orgId)}`,
          suggestion: 'GRAFANA_ORG_ID / orgId must be a positive integer',
        });
      }
      headers['X-Grafana-Org-Id'] = String(options.orgId);
    }
    this.orgId = options.orgId;

    let ca: string | undefined = options.ca;
    if (options.caFile !== undefined) {
      try {
        ca = readCaFile(options.caFile);
      } catch (error) {
        const detail = error instanceof CaFileError ? error.message : String(error);
        throw new GrafanaError({ kind: 'config', url: this.url, detail, suggestion: 'caFile must be a PEM file of CA certificates readable by this process' });
      }
    }
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    const r = options.retry ?? {};
    this.#retry = {
      maxAttempts: Math.max(1, Math.floor(r.maxAttempts ?? 4)),
      baseDelayMs: r.baseDelayMs ?? 500,
      maxDelayMs: r.maxDelayMs ?? 10_000,
      maxRetryAfterMs: r.maxRetryAfterMs ?? 30_000,
    };
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#random = options.random ?? Math.random;

    this.#http = axios.create({
      headers,
      timeout: this.#timeoutMs,
      // Every status is handled here: axios never throws for an answer.
      validateStatus: () => true,
      maxRedirects: 0,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: false },
      httpAgent: new http.Agent({ keepAlive: true }),
      httpsAgent: new https.Agent({
        keepAlive: true,
        ...(ca !== undefined ? { ca: [...tls.rootCertificates, ca] } : {}),
        rejectUnauthorized: options.insecureSkipVerify !== true,
      }),
    });
  }

  /**
   * Sends one request (with retries, see the class documentation) and returns the parsed JSON.
   *
   * @throws {GrafanaApiError} an error status not listed in `accept`.
   * @throws {GrafanaError} no answer (network, timeout, TLS) or a non-JSON success answer.
   */
  async request<T = unknown>(req: GrafanaRequest): Promise<GrafanaResponse<T>> {
    const retrySafe = req.retrySafe ?? ['GET', 'HEAD', 'PUT', 'DELETE'].includes(req.method);
    const target = `${this.#origin}${this.#prefix}${req.path}${queryString(req.query)}`;
    const shownPath = `${this.#prefix}${req.path}`;
    for (let attempt = 1; ; attempt++) {
      const last = attempt >= this.#retry.maxAttempts;
      let response: AxiosResponse<string>;
      try {
        response = await this.#http.request<string>({
          method: req.method,
          url: target,
          signal: AbortSignal.timeout(this.#timeoutMs + 1000),
          ...(req.rawBody !== undefined ? { data: req.rawBody.text } : req.body !== undefined ? { data: JSON.stringify(req.body) } : {}),
          ...(req.body !== undefined || req.rawBody !== undefined || req.headers !== undefined
            ? {
                headers: {
                  ...req.headers,
                  ...(req.rawBody !== undefined
                    ? { 'Content-Type': req.rawBody.contentType }
                    : req.body !== undefined
                      ? { 'Content-Type': 'application/json' }
                      : {}),
                },
              }
            : {}),
        });
      } catch (error) {
        const failure = this.#networkFailure(error);
        if (!last && retrySafe && failure.retryable) {
          await this.#sleep(this.#backoff(attempt));
          continue;
        }
        throw new GrafanaError({
          kind: failure.kind,
          url: this.url,
          method: req.method,
          path: shownPath,
          detail: failure.detail + (attempt > 1 ? ` after ${attempt} attempts` : ''),
          suggestion: suggestForNetworkError(failure.kind, failure.code, this.#timeoutMs),
          attempts: attempt,
          ...(failure.code ? { code: failure.code } : {}),
        });
      }

      const status = response.status;
      if (RETRYABLE_STATUSES.has(status) && !last && (retrySafe || status === 429)) {
        const retryAfter = parseRetryAfter(header(response, 'retry-after'), Date.now());
        await this.#sleep(retryAfter !== undefined ? Math.min(retryAfter, this.#retry.maxRetryAfterMs) : this.#backoff(attempt));
        continue;
      }
      const text = typeof response.data === 'string' ? response.data : '';
      const contentType = header(response, 'content-type') ?? '';
      const parsed = parseBody(text, contentType);
      if ((status >= 200 && status < 300) || req.accept?.includes(status)) {
        if (status >= 200 && status < 300 && text.trim() !== '' && parsed.json === undefined && req.method !== 'HEAD' && /json/.test(contentType)) {
          // Never the body itself (a reflecting server can put a header in it); an HTML page labelled JSON is named.
          const what = /^\s*</.test(text) ? 'an HTML page labelled JSON (is this URL a Grafana?)' : 'a body that is not valid JSON';
          throw new GrafanaError({
            kind: 'protocol',
            url: this.url,
            method: req.method,
            path: shownPath,
            detail: `${status} with ${what}`,
            suggestion: NOT_GRAFANA_SUGGESTION,
            attempts: attempt,
          });
        }
        return { status, data: (parsed.json ?? (text === '' ? undefined : text)) as T, attempts: attempt };
      }
      throw this.#apiError(req, shownPath, status, parsed, contentType, attempt, header(response, 'location'));
    }
  }

  /** `GET` returning the parsed body. */
  async get<T = unknown>(path: string, query?: QueryParams): Promise<T> {
    return (await this.request<T>({ method: 'GET', path, ...(query ? { query } : {}) })).data;
  }

  #backoff(attempt: number): number {
    const cap = Math.min(this.#retry.maxDelayMs, this.#retry.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(this.#random() * cap);
  }

  #networkFailure(error: unknown): { kind: 'network' | 'timeout' | 'tls'; code: string | undefined; detail: string; retryable: boolean } {
    const e = error as { code?: unknown; message?: unknown; name?: unknown; cause?: { code?: unknown } };
    const rawCode = typeof e.code === 'string' ? e.code : typeof e.cause?.code === 'string' ? e.cause.code : undefined;
    const message = typeof e.message === 'string' ? e.message : '';
    const canceled = e.name === 'CanceledError' || rawCode === 'ERR_CANCELED';
    const code = canceled ? 'ETIMEDOUT' : rawCode === 'ECONNABORTED' && /timeout/i.test(message) ? 'ETIMEDOUT' : rawCode;
    if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') {
      return { kind: 'timeout', code, detail: `no answer within ${this.#timeoutMs} ms`, retryable: true };
    }
    if (code && TLS_CODES.test(code)) {
      return { kind: 'tls', code, detail: `TLS handshake failed: ${describeTlsCode(code)} (${code})`, retryable: false };
    }
    if (/socket hang up/i.test(message) || code === 'ECONNRESET') {
      return { kind: 'network', code: code ?? 'ECONNRESET', detail: 'connection reset by the server (ECONNRESET)', retryable: true };
    }
    const known: Record<string, string> = {
      ECONNREFUSED: 'connection refused',
      ENOTFOUND: 'host not found',
      EAI_AGAIN: 'DNS lookup failed temporarily',
      EHOSTUNREACH: 'host unreachable',
      ENETUNREACH: 'network unreachable',
      EPIPE: 'connection closed while sending',
      ECONNABORTED: 'connection aborted',
    };
    const text =
      code && known[code] ? `${known[code]} (${code})` : `request failed: ${this.#scrub(message) || 'unknown network error'}${code ? ` (${code})` : ''}`;
    return { kind: 'network', code, detail: text, retryable: code !== undefined && RETRYABLE_CODES.has(code) };
  }

  #apiError(
    req: GrafanaRequest,
    path: string,
    status: number,
    parsed: ParsedBody,
    contentType: string,
    attempts: number,
    location: string | undefined,
  ): GrafanaApiError {
    const body = parsed.json;
    const fields = isRecord(body) ? body : {};
    // Prometheus-style APIs (Mimir/Loki rulers) put it in `error`.
    const rawMessage = typeof fields['message'] === 'string' ? fields['message'] : typeof fields['error'] === 'string' ? fields['error'] : undefined;
    const grafanaMessage = rawMessage !== undefined ? escapeControl(this.#scrub(rawMessage).slice(0, 500)) : undefined;
    // Classic errors carry `status` ("version-mismatch"); k8s Status objects carry `reason` ("Conflict").
    const grafanaStatus =
      typeof fields['status'] === 'string' && fields['kind'] !== 'Status'
        ? fields['status']
        : typeof fields['reason'] === 'string'
          ? fields['reason']
          : undefined;
    const messageId = typeof fields['messageId'] === 'string' ? fields['messageId'] : undefined;
    let detail = `${status} ${statusText(status)}`;
    if (grafanaMessage && grafanaMessage.toLowerCase() !== statusText(status).toLowerCase()) detail += `: ${grafanaMessage}`;
    else if (body === undefined && parsed.text.trim() !== '') {
      detail += /html/i.test(contentType) ? " (an HTML page, not Grafana's API)" : `: ${escapeControl(this.#scrub(parsed.text.trim()).slice(0, 200))}`;
    }
    if (status === 429 || ((status === 502 || status === 503 || status === 504) && attempts > 1)) detail += ` after ${attempts} attempts`;
    const suggestion = suggestForStatus({
      status,
      path: req.path,
      method: req.method,
      resource: req.resource,
      grafanaMessage,
      messageId,
      credentialSource: this.#credentialSource,
      auth: this.auth,
      orgId: this.orgId,
      location: location !== undefined ? safeLocation(location) : undefined,
    });
    return new GrafanaApiError({
      url: this.url,
      method: req.method,
      path,
      status,
      detail,
      ...(suggestion ? { suggestion } : {}),
      ...(grafanaMessage !== undefined ? { grafanaMessage } : {}),
      ...(grafanaStatus !== undefined ? { grafanaStatus } : {}),
      ...(messageId !== undefined ? { messageId } : {}),
      attempts,
    });
  }

  #scrub(text: string): string {
    return redactSecrets(text, this.#secrets).replace(/\/\/[^/\s@]*@/g, '//');
  }
}

interface ParsedBody {
  json: unknown;
  text: string;
}

function parseBody(text: string, contentType: string): ParsedBody {
  const trimmed = text.trim();
  if (trimmed === '') return { json: undefined, text };
  if (/json/i.test(contentType) || trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return { json: JSON.parse(trimmed), text };
    } catch {
      return { json: undefined, text };
    }
  }
  return { json: undefined, text };
}

function header(response: AxiosResponse, name: string): string | undefined {
  const value = (response.headers as Record<string, unknown>)[name];
  if (Array.isArray(value)) return value[0] === undefined ? undefined : String(value[0]);
  return value === undefined || value === null ? undefined : String(value);
}

/**
 * Milliseconds to wait for a `Retry-After` value: delta seconds (`120`) or an HTTP date
 * (`Wed, 21 Oct 2015 07:28:00 GMT`, relative to `now`). `undefined` when absent or unreadable.
 *
 * @example
 * parseRetryAfter('2', Date.now()) // → 2000
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

function queryString(query: QueryParams | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function safeLocation(location: string): string {
  try {
    const parsed = new URL(location, 'http://x');
    return parsed.pathname;
  } catch {
    return '';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeTlsCode(code: string): string {
  if (code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'SELF_SIGNED_CERT_IN_CHAIN') return 'self-signed certificate';
  if (code === 'CERT_HAS_EXPIRED') return 'certificate expired';
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'HOSTNAME_MISMATCH') return 'certificate does not name this host';
  if (code.startsWith('UNABLE_TO_')) return 'certificate not signed by a trusted CA';
  if (code === 'EPROTO' || code.startsWith('ERR_SSL_')) return 'not a TLS server (is the URL http: rather than https:?)';
  return 'certificate rejected';
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  406: 'Not Acceptable',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

function statusText(status: number): string {
  return STATUS_TEXT[status] ?? (http.STATUS_CODES[status] || 'error');
}
