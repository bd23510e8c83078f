import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { EmulatorIdentity, EmulatorState } from './state.js';

/** What a route handler answers; the server turns it into an HTTP response. */
export interface Reply {
  readonly status: number;
  /** JSON-serialised unless `raw` is given. */
  readonly body?: unknown;
  /** A pre-rendered body (HTML pages, pretty-printed health). */
  readonly raw?: string;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The emulated instance's settings, shared by all handlers. */
export interface InstanceInfo {
  readonly version: string;
  readonly major: number;
  readonly minor: number;
  readonly commit: string;
  readonly url: () => string;
}

export interface RequestContext {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly params: Readonly<Record<string, string>>;
  /** Parsed JSON body; `undefined` when there was none. */
  readonly body: unknown;
  readonly identity: EmulatorIdentity;
  readonly state: EmulatorState;
  readonly instance: InstanceInfo;
  /** The request headers (lower-case names), for handlers that honour e.g. `X-Disable-Provenance`. */
  readonly headers?: IncomingHttpHeaders;
}

export type Handler = (ctx: RequestContext) => Reply;

export interface Route {
  readonly method: string;
  /** Path pattern with `:name` segments. */
  readonly pattern: string;
  readonly handler: Handler;
  /** Health is served without credentials. */
  readonly anonymous?: boolean;
}

export function json(status: number, body: unknown): Reply {
  return { status, body };
}

/** `response.Error(status, message, nil)`: `{"message": …}`. */
export function messageError(status: number, message: string): Reply {
  return { status, body: { message } };
}

/** `response.Error(status, message, err)` with a Go error: adds the (empty) trace id. */
export function tracedError(status: number, message: string): Reply {
  return { status, body: { message, traceID: '' } };
}

/** `DashboardErr.Body()` / folder errors with a status string. */
export function statusError(status: number, statusText: string, message: string): Reply {
  return { status, body: { status: statusText, message } };
}

/** errutil public payload (`{"statusCode","messageId","message","traceID"}`). */
export function grafanaError(statusCode: number, messageId: string, message: string): Reply {
  return { status: statusCode, body: { statusCode, messageId, message, traceID: '' } };
}

/** Grafana's `/api` not-found answer for unknown routes. */
export const NOT_FOUND: Reply = messageError(404, 'Not found');

export const BAD_REQUEST_DATA: Reply = tracedError(400, 'bad request data');

/** Reads a string field or returns the fallback. */
export function str(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

/** Reads an integer-valued number field or returns the fallback. */
export function num(value: unknown, fallback = 0): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : fallback;
}

/** Query integer with a default for absent or malformed values. */
export function queryInt(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null || raw.trim() === '') return fallback;
  const n = Number(raw);
  return Number.isInteger(n) ? n : fallback;
}

/** Matches `/a/:b/c` against a path; returns the decoded params or undefined. */
export function matchPattern(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const g = got[i]!;
    if (w.startsWith(':')) {
      if (g === '') return undefined;
      try {
        params[w.slice(1)] = decodeURIComponent(g);
      } catch {
        return undefined;
      }
    } else if (w !== g) return undefined;
  }
  return params;
}

/**
 * A request body as text. Bytes past `maxBytes` are read but dropped, so an oversized body
 * cannot exhaust memory (the handler then sees truncated input and rejects it).
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** What an emulator reads first from a request: method, the target as sent, and its path without trailing slashes. */
export interface RequestLine {
  /** Upper-case, `GET` when missing. */
  method: string;
  /** The request target as sent (path and query), for the request log. */
  target: string;
  url: URL;
  /** `url.pathname` without trailing slashes (except the root `/`), what routes match. */
  path: string;
}

/**
 * The request line of a request to an emulator.
 *
 * @example
 * requestLine(req) // GET /api/search/?query=a → { method: 'GET', target: '/api/search/?query=a', path: '/api/search', url }
 */
export function requestLine(req: IncomingMessage): RequestLine {
  const method = (req.method ?? 'GET').toUpperCase();
  const target = req.url ?? '/';
  const url = new URL(target, 'http://emulator');
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
  return { method, target, url, path };
}
