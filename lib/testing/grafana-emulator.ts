import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenOnLoopback } from './loopback-server.js';
import { authenticate, isReply, serviceAccountIdentity, type AuthConfig } from './auth.js';
import { dashboardRoutes } from './dashboards.js';
import { datasourceRoutes } from './datasources.js';
import { rulerProxyRoutes } from './ruler-proxy.js';
import { faultResponse, FaultInjector, type FaultConfig } from './faults.js';
import { folderRoutes } from './folders.js';
import { alertingRoutes } from './alerting.js';
import { notificationRoutes } from './notifications.js';
import { BAD_REQUEST_DATA, matchPattern, NOT_FOUND, readBody, requestLine, type InstanceInfo, type Reply, type Route } from './http.js';
import { instanceRoutes } from './instance.js';
import { isK8sPath, k8sBadRequest, k8sNotFoundRoute, k8sRoutes } from './k8s.js';
import { searchRoutes } from './search.js';
import { EmulatorState } from './state.js';
import { simulateUiEdit, simulateUiSaveAsV2 } from './ui-edit.js';
import { legacySaveRoutes } from './legacy-save.js';
import { dashboardWriteOf, type DashboardWriteRecord } from './write-log.js';

export interface GrafanaEmulatorOptions {
  /** Service-account token accepted as `Authorization: Bearer …` (default: a random `glsa_…`). */
  readonly token?: string;
  /** Basic-auth credentials also accepted (default `admin` / `admin`). */
  readonly basicAuth?: { readonly user: string; readonly password: string };
  /** The org the token belongs to (default 1). */
  readonly orgId?: number;
  /**
   * Grafana version to present (default `'12.1.0'`). 12.0 and later serve
   * `/apis/dashboard.grafana.app` (12.0: v1beta1, v0alpha1; 12.1+: also v2beta1; 13+: v1, v1beta1,
   * v0alpha1, v2, v2beta1) and `/apis/folder.grafana.app` (v1beta1; 13+ also v1), and the
   * `{versions, continueToken}` versions shape; earlier versions do not (grafana-v2.md §1.2).
   */
  readonly version?: string;
  /** k8s namespace: `'default'` (org 1), `'org-<id>'` or Grafana Cloud's `'stacks-<id>'`. */
  readonly namespace?: string;
  /** Delay before every response, in milliseconds. */
  readonly latencyMs?: number;
  /** Fault injection active from the start (see `faults.set`). */
  readonly faults?: FaultConfig;
}

/** One served request. Headers (and so credentials) are never recorded. */
export interface EmulatorRequestLogEntry {
  readonly method: string;
  /** Path and query string, as requested. */
  readonly path: string;
  /** Response status; 0 when an injected reset destroyed the connection. */
  readonly status: number;
  /** Time from request start to response end. */
  readonly ms: number;
  /**
   * `performance.now()` when the request arrived (the clock of the process running the emulator),
   * e.g. to measure how long after a file save a write reaches Grafana.
   */
  readonly receivedAt?: number;
  /** Set when the response was an injected fault. */
  readonly fault?: 'error' | 'reset' | 'rate-limit';
  /** Set on a dashboard write: which body family was sent, and how the dashboard was stored before. */
  readonly dashboardWrite?: DashboardWriteRecord;
}

export interface GrafanaEmulator {
  /** Base URL, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  readonly url: string;
  /** The bearer token the emulator accepts. */
  readonly token: string;
  /** The emulated Grafana version. */
  readonly version: string;
  /** The k8s namespace served under `/apis`. */
  readonly namespace: string;
  /** The live state (dashboards, folders); inspect it, or arrange it through the HTTP API. */
  readonly state: EmulatorState;
  /** Every request served, oldest first. */
  readonly requests: EmulatorRequestLogEntry[];
  readonly faults: { set(config: FaultConfig): void; clear(): void };
  /**
   * Saves a dashboard as Grafana's UI does: `mutate` edits (or returns) the dashboard JSON, unknown
   * top-level keys are dropped, the version is bumped and `updatedBy` is `admin`. Returns the stored JSON.
   */
  simulateUiEdit(uid: string, mutate: (dashboard: Record<string, unknown>) => Record<string, unknown> | void): Record<string, unknown>;
  /**
   * Opens a dashboard in the dynamic-dashboards UI and saves it: it is converted to schema v2 with
   * its layout in tabs (one per row, else one "Overview" tab), `mutate` may edit the v2 spec, and
   * it is stored as v2 (`v2beta1` before 13.0). Throws before 12.1 (no v2 UI). Returns the v2 spec.
   */
  simulateUiSaveAsV2(uid: string, mutate?: (spec: Record<string, unknown>) => Record<string, unknown> | void): Record<string, unknown>;
  /**
   * Makes every read of the dashboard in the other schema family (v1 ↔ v2) fail conversion:
   * Grafana then answers 200 with a default spec and `status.conversion.failed` (grafana-v2.md §3.1).
   */
  failConversion(uid: string, error: string): void;
  /** Empties state, request log and faults. */
  reset(): void;
  stop(): Promise<void>;
}

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'deny',
  'X-Xss-Protection': '1; mode=block',
};

const MAX_BODY_BYTES = 20 * 1024 * 1024;

function randomToken(): string {
  const alnum = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const bytes = randomBytes(32);
  let body = '';
  for (const b of bytes) body += alnum[b % alnum.length];
  return `glsa_${body}_${randomBytes(4).toString('hex')}`;
}

function parseVersion(version: string): { major: number; minor: number } {
  const m = /^(\d+)\.(\d+)/.exec(version);
  if (!m) throw new Error(`startGrafanaEmulator: version must look like "12.1.0", got "${version}"`);
  return { major: Number(m[1]), minor: Number(m[2]) };
}

/** The request body for the request log, or undefined when it is not JSON. */
function parseQuietly(raw: string): unknown {
  try {
    return raw.trim() === '' ? undefined : JSON.parse(raw);
  } catch {
    return undefined;
  }
}

function send(res: ServerResponse, reply: Reply, head: boolean): void {
  const text = reply.raw ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
  res.writeHead(reply.status, {
    'Content-Type': reply.contentType ?? 'application/json',
    ...SECURITY_HEADERS,
    ...reply.headers,
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(head ? undefined : text);
}

/**
 * Starts an in-process Grafana HTTP API on 127.0.0.1 (a free port) that behaves like
 * Grafana 11.3–13.x for dashboards, folders, search, identity and the k8s-style `/apis` (schema
 * v2 dashboards with stored versions and conversions from 12.1, grafana-v2.md)
 * (reference: grafana-api.md §11). See `grafts/testing` for an example.
 */
export async function startGrafanaEmulator(options: GrafanaEmulatorOptions = {}): Promise<GrafanaEmulator> {
  const version = options.version ?? '12.1.0';
  const { major, minor } = parseVersion(version);
  const orgId = options.orgId ?? 1;
  const namespace = options.namespace ?? (orgId === 1 ? 'default' : `org-${orgId}`);
  if (!/^(default|org-\d+|stacks-\d+)$/.test(namespace)) {
    throw new Error(`startGrafanaEmulator: namespace must be "default", "org-<id>" or "stacks-<id>", got "${namespace}"`);
  }
  const token = options.token ?? randomToken();
  const auth: AuthConfig = {
    token,
    basicAuth: options.basicAuth ?? { user: 'admin', password: 'admin' },
    orgId,
    serviceAccount: serviceAccountIdentity(orgId),
  };
  const latencyMs = options.latencyMs ?? 0;
  const state = new EmulatorState(orgId, namespace);
  const faults = new FaultInjector();
  if (options.faults) faults.set(options.faults);
  const requests: EmulatorRequestLogEntry[] = [];
  let baseUrl = '';
  const instance: InstanceInfo = { version, major, minor, commit: '0123456789abcdef0123456789abcdef01234567', url: () => baseUrl };
  const routes: Route[] = [
    ...instanceRoutes,
    ...legacySaveRoutes,
    ...dashboardRoutes,
    ...folderRoutes,
    ...searchRoutes,
    ...alertingRoutes,
    ...notificationRoutes,
    ...datasourceRoutes,
    ...rulerProxyRoutes,
    ...k8sRoutes(instance),
  ];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const { method, target, url, path } = requestLine(req);
    // Set once the request is known to be served (no fault); read by log().
    let write: DashboardWriteRecord | undefined = undefined;
    const log = (status: number, fault?: EmulatorRequestLogEntry['fault']): void => {
      const ms = Math.round((performance.now() - started) * 100) / 100;
      requests.push({ method, path: target, status, ms, receivedAt: started, ...(fault ? { fault } : {}), ...(write ? { dashboardWrite: write } : {}) });
    };
    const rawBody = await readBody(req, MAX_BODY_BYTES);
    if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));

    const fault = faults.decide(path);
    if (fault.kind === 'reset') {
      log(0, 'reset');
      req.socket.destroy();
      return;
    }
    if (fault.kind === 'rate-limit') {
      send(res, { status: 429, body: { message: 'Too many requests' }, headers: { 'Retry-After': String(fault.retryAfterSeconds) } }, method === 'HEAD');
      log(429, 'rate-limit');
      return;
    }
    if (fault.kind === 'error') {
      const page = faultResponse(fault.status);
      const retryAfter = fault.retryAfterSeconds !== undefined ? { headers: { 'Retry-After': String(fault.retryAfterSeconds) } } : {};
      send(res, { status: fault.status, raw: page.body, contentType: page.contentType, ...retryAfter }, method === 'HEAD');
      log(fault.status, 'error');
      return;
    }

    write = dashboardWriteOf(method, path, parseQuietly(rawBody), state);
    const reply = dispatch(method, path, url.searchParams, rawBody, req);
    send(res, reply, method === 'HEAD');
    log(reply.status);
  }

  function dispatch(method: string, path: string, query: URLSearchParams, rawBody: string, req: IncomingMessage): Reply {
    const k8s = isK8sPath(path);
    let matched: { route: Route; params: Record<string, string> } | undefined;
    for (const route of routes) {
      if (route.method !== method) continue;
      const params = matchPattern(route.pattern, path);
      if (params) {
        matched = { route, params };
        break;
      }
    }
    if (!matched) return k8s ? k8sNotFoundRoute() : NOT_FOUND;
    let identity = auth.serviceAccount;
    if (!matched.route.anonymous) {
      const orgHeader = req.headers['x-grafana-org-id'];
      const who = authenticate(req.headers.authorization, Array.isArray(orgHeader) ? orgHeader[0] : orgHeader, auth);
      if (isReply(who)) return who;
      identity = who;
    }
    let body: unknown;
    if (rawBody.trim() !== '') {
      try {
        body = JSON.parse(rawBody);
      } catch {
        return k8s ? k8sBadRequest('the request body is not valid JSON') : BAD_REQUEST_DATA;
      }
    } else if (method === 'POST' || method === 'PUT') {
      return k8s ? k8sBadRequest('the request body is empty') : BAD_REQUEST_DATA;
    }
    return matched.route.handler({ method, path, query, params: matched.params, body, identity, state, instance, headers: req.headers });
  }

  const server = await listenOnLoopback(handle, (res, error) =>
    send(res, { status: 500, body: { message: 'Internal Server Error', error: String(error) } }, false),
  );
  baseUrl = server.url;

  return {
    url: baseUrl,
    token,
    version,
    namespace,
    state,
    requests,
    faults: { set: (config) => faults.set(config), clear: () => faults.clear() },
    simulateUiEdit: (uid, mutate) => simulateUiEdit(state, uid, mutate),
    simulateUiSaveAsV2(uid, mutate) {
      if (major < 12 || (major === 12 && minor < 1)) throw new Error(`simulateUiSaveAsV2: Grafana ${version} has no schema v2 UI`);
      return simulateUiSaveAsV2(state, uid, major >= 13 ? 'v2' : 'v2beta1', mutate);
    },
    failConversion(uid, error) {
      const stored = state.dashboards.get(uid);
      if (!stored) throw new Error(`failConversion: no dashboard with uid "${uid}"`);
      stored.conversionFailure = error;
    },
    reset() {
      state.clear();
      requests.length = 0;
      faults.clear();
    },
    stop: () => server.close(),
  };
}
