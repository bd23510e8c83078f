import { readExemplarAnswer, type ExemplarSeries } from './exemplar-answer.js';
import { PrometheusError } from './prometheus-error.js';
import { displayUrl, redactSecrets } from '../util/redact.js';

/** Options of {@link createPrometheusClient}. */
export interface PrometheusClientOptions {
  /**
   * Base URL of Prometheus (or of a Prometheus-compatible API such as Mimir's `/prometheus`).
   * User info in the URL (`https://user:password@host`) becomes basic auth and is never shown.
   */
  url: string;
  /** Basic auth user name (overrides user info in the URL). */
  username?: string;
  /** Basic auth password. */
  password?: string;
  /** Bearer token, sent as `Authorization: Bearer <token>`; wins over basic auth. */
  token?: string;
  /** Extra headers on every request, e.g. `{ 'X-Scope-OrgID': 'tenant-1' }`. */
  headers?: Readonly<Record<string, string>>;
  /** Per-request timeout in milliseconds. @default 10000 */
  timeoutMs?: number;
  /** The fetch implementation. @default globalThis.fetch */
  fetch?: typeof fetch;
}

/** A series' labels, `__name__` included. */
export type Labels = Record<string, string>;

/** One sample of an instant vector: `[unix seconds, value as a string]`. */
export type SamplePair = [number, string];

/** The `data` of `/api/v1/query` and `/api/v1/query_range`. */
export type QueryData =
  | { resultType: 'vector'; result: { metric: Labels; value: SamplePair }[] }
  | { resultType: 'matrix'; result: { metric: Labels; values: SamplePair[] }[] }
  | { resultType: 'scalar' | 'string'; result: SamplePair };

/** The `data` of `/api/v1/status/buildinfo`. */
export interface BuildInfo {
  version: string;
  revision?: string;
  branch?: string;
  goVersion?: string;
  [key: string]: unknown;
}

/** A time range for series and label look-ups, in Unix seconds. */
export interface TimeRange {
  start?: number;
  end?: number;
}

/** The Prometheus HTTP API calls `dash check` needs; every method throws {@link PrometheusError}. */
export interface PrometheusClient {
  /** The base URL without credentials, for messages. */
  readonly url: string;
  /** `GET /api/v1/status/buildinfo`. */
  buildInfo(): Promise<BuildInfo>;
  /** `POST /api/v1/query`; `time` in Unix seconds (default: now on the server). */
  query(expr: string, time?: number): Promise<QueryData>;
  /** `POST /api/v1/query_range`; times in Unix seconds, `step` in seconds. */
  queryRange(expr: string, range: { start: number; end: number; step: number }): Promise<QueryData>;
  /** `POST /api/v1/series` with one `match[]` per selector. */
  series(match: readonly string[], range?: TimeRange): Promise<Labels[]>;
  /** `POST /api/v1/labels`, optionally restricted to series matching `match`. */
  labelNames(match?: readonly string[], range?: TimeRange): Promise<string[]>;
  /** `GET /api/v1/label/<name>/values`, optionally restricted to series matching `match`. */
  labelValues(name: string, match?: readonly string[], range?: TimeRange): Promise<string[]>;
  /** `GET /api/v1/rules?type=record`: the names of the recording rules Prometheus has loaded. */
  recordingRuleNames(): Promise<string[]>;
  /**
   * `POST /api/v1/query_exemplars`: the exemplars of the series `expr` selects, in the range.
   * A wrong-shaped answer throws a {@link PrometheusError} naming the request and the field.
   */
  queryExemplars(expr: string, range: { start: number; end: number }): Promise<ExemplarSeries[]>;
  /** `GET /api/v1/status/flags`: the command-line flags Prometheus runs with (not on every Prometheus-compatible API). */
  flags(): Promise<Record<string, string>>;
}

interface ApiEnvelope {
  status?: string;
  data?: unknown;
  errorType?: string;
  error?: string;
}

/**
 * A small client for Prometheus' HTTP API (`/api/v1/...`) on Node's built-in `fetch`.
 * Credentials come from the options or the URL's user info; they are sent as an
 * `Authorization` header and never appear in errors (the URL is shown without them and
 * every error text is scrubbed of them).
 *
 * @example
 * const prom = createPrometheusClient({ url: 'http://127.0.0.1:9090', timeoutMs: 5000 });
 * const data = await prom.query('up');
 * // { resultType: 'vector', result: [{ metric: { __name__: 'up', job: 'node', … }, value: [1718000000, '1'] }] }
 */
export function createPrometheusClient(options: PrometheusClientOptions): PrometheusClient {
  let base: URL;
  try {
    base = new URL(options.url);
  } catch {
    throw new PrometheusError({
      kind: 'connection',
      url: '<invalid URL>',
      endpoint: '',
      detail: 'the Prometheus URL is not a valid absolute URL (e.g. http://localhost:9090)',
    });
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new PrometheusError({
      kind: 'connection',
      url: displayUrl(base),
      endpoint: '',
      detail: `unsupported protocol ${base.protocol} (use http: or https:)`,
    });
  }
  const urlUser = decodeURIComponent(base.username);
  const urlPassword = decodeURIComponent(base.password);
  base.username = '';
  base.password = '';
  base.search = '';
  base.hash = '';
  const shown = displayUrl(base);
  const username = options.username ?? (urlUser || undefined);
  const password = options.password ?? (urlPassword || undefined);
  const secrets = [
    options.token,
    password,
    urlPassword,
    username !== undefined && password !== undefined ? Buffer.from(`${username}:${password}`).toString('base64') : undefined,
  ];

  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.token) headers['Authorization'] = `Bearer ${options.token}`;
  else if (username !== undefined || password !== undefined) {
    headers['Authorization'] = `Basic ${Buffer.from(`${username ?? ''}:${password ?? ''}`).toString('base64')}`;
  }
  const timeoutMs = options.timeoutMs ?? 10_000;
  const doFetch = options.fetch ?? globalThis.fetch;
  const prefix = base.pathname.replace(/\/+$/, '');

  const fail = (init: Omit<ConstructorParameters<typeof PrometheusError>[0], 'url'>): PrometheusError =>
    new PrometheusError({ ...init, url: shown, detail: redactSecrets(init.detail, secrets) });

  async function call(endpoint: string, params: URLSearchParams, method: 'GET' | 'POST'): Promise<unknown> {
    const target = new URL(base);
    target.pathname = `${prefix}${endpoint}`;
    const init: RequestInit = { method, headers: { ...headers }, signal: AbortSignal.timeout(timeoutMs) };
    if (method === 'GET') target.search = params.toString();
    else {
      (init.headers as Record<string, string>)['Content-Type'] = 'application/x-www-form-urlencoded';
      init.body = params.toString();
    }
    let response: Response;
    try {
      response = await doFetch(target, init);
    } catch (error) {
      if (isTimeout(error)) throw fail({ kind: 'timeout', endpoint, detail: `no answer within ${timeoutMs} ms` });
      throw fail({ kind: 'connection', endpoint, detail: networkDetail(error) });
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      if (isTimeout(error)) throw fail({ kind: 'timeout', endpoint, status: response.status, detail: `no complete answer within ${timeoutMs} ms` });
      throw fail({ kind: 'connection', endpoint, status: response.status, detail: networkDetail(error) });
    }
    let body: ApiEnvelope | undefined;
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as ApiEnvelope;
    } catch {
      body = undefined;
    }
    if (body?.status === 'success' && response.ok) return body.data;
    if (body?.status === 'error') {
      throw fail({
        kind: 'api',
        endpoint,
        status: response.status,
        ...(body.errorType && { errorType: body.errorType }),
        detail: body.error ?? 'unknown error',
      });
    }
    const snippet = text.replace(/\s+/g, ' ').trim().slice(0, 120);
    const hint =
      response.status === 401 || response.status === 403 ? ' (check the credentials)' : response.status === 404 ? ' (is this the Prometheus base URL?)' : '';
    throw fail({
      kind: 'http',
      endpoint,
      status: response.status,
      detail: `${response.ok ? 'not a Prometheus API answer' : response.statusText || 'HTTP error'}${hint}${snippet ? `: ${snippet}` : ''}`,
    });
  }

  const withRange = (params: URLSearchParams, range?: TimeRange): URLSearchParams => {
    if (range?.start !== undefined) params.set('start', String(range.start));
    if (range?.end !== undefined) params.set('end', String(range.end));
    return params;
  };
  const withMatch = (params: URLSearchParams, match?: readonly string[]): URLSearchParams => {
    for (const m of match ?? []) params.append('match[]', m);
    return params;
  };

  return {
    url: shown,
    async buildInfo() {
      return (await call('/api/v1/status/buildinfo', new URLSearchParams(), 'GET')) as BuildInfo;
    },
    async query(expr, time) {
      const params = new URLSearchParams({ query: expr });
      if (time !== undefined) params.set('time', String(time));
      return (await call('/api/v1/query', params, 'POST')) as QueryData;
    },
    async queryRange(expr, range) {
      const params = new URLSearchParams({ query: expr, start: String(range.start), end: String(range.end), step: String(range.step) });
      return (await call('/api/v1/query_range', params, 'POST')) as QueryData;
    },
    async series(match, range) {
      return ((await call('/api/v1/series', withRange(withMatch(new URLSearchParams(), match), range), 'POST')) ?? []) as Labels[];
    },
    async labelNames(match, range) {
      return ((await call('/api/v1/labels', withRange(withMatch(new URLSearchParams(), match), range), 'POST')) ?? []) as string[];
    },
    async labelValues(name, match, range) {
      const endpoint = `/api/v1/label/${encodeURIComponent(name)}/values`;
      return ((await call(endpoint, withRange(withMatch(new URLSearchParams(), match), range), 'GET')) ?? []) as string[];
    },
    async queryExemplars(expr, range) {
      const endpoint = '/api/v1/query_exemplars';
      const params = new URLSearchParams({ query: expr, start: String(range.start), end: String(range.end) });
      const answer = readExemplarAnswer(await call(endpoint, params, 'POST'));
      if ('problem' in answer) {
        throw fail({ kind: 'http', endpoint, status: 200, detail: `wrong-shaped answer to POST ${endpoint} ${params.toString()}: ${answer.problem}` });
      }
      return answer.series;
    },
    async flags() {
      const data = await call('/api/v1/status/flags', new URLSearchParams(), 'GET');
      if (typeof data !== 'object' || data === null || Array.isArray(data)) return {};
      return Object.fromEntries(Object.entries(data).filter((e): e is [string, string] => typeof e[1] === 'string'));
    },
    async recordingRuleNames() {
      const data = (await call('/api/v1/rules', new URLSearchParams({ type: 'record' }), 'GET')) as {
        groups?: { rules?: { name?: unknown; type?: unknown }[] }[];
      } | null;
      return (data?.groups ?? []).flatMap((g) =>
        (g.rules ?? []).filter((r) => r.type === 'recording' && typeof r.name === 'string').map((r) => r.name as string),
      );
    },
  };
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/** The most specific reason of a fetch failure (`ECONNREFUSED 127.0.0.1:9`), not undici's generic "fetch failed". */
function networkDetail(error: unknown): string {
  let current: unknown = error;
  let detail = error instanceof Error ? error.message : String(error);
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (current.message && current.message !== 'fetch failed') detail = current.message;
    if (typeof code === 'string' && !detail.includes(code)) detail = `${code} ${detail}`;
    current = current.cause;
  }
  return detail;
}
