/**
 * An in-process Prometheus-style ruler config API — Grafana Mimir / Grafana Cloud Metrics, Cortex
 * (legacy routes) or Loki — for tests (grafana-api.md §9.1–9.3, §11). A separate server from the
 * Grafana emulator because it is a separate service with its own auth domain (Basic auth
 * `<instance id>:<token>`, tenant from `X-Scope-OrgID`); it shares the fault injection and the
 * request log format.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenOnLoopback } from './loopback-server.js';
import { parse as parseYaml } from 'yaml';
import { faultResponse, FaultInjector, type FaultConfig } from './faults.js';
import type { EmulatorRequestLogEntry } from './grafana-emulator.js';
import { readBody, requestLine } from './http.js';
import { serveAlertmanagerConfig, type StoredAlertmanagerConfig } from './alertmanager-config-api.js';
import { jsonReply, RULER_PREFIXES, RulerState, serveRules, text, type RulerFlavor, type RulerReply } from './ruler-rules-api.js';

export { DecodeError, RULER_PREFIXES, RulerState, type RulerFlavor, type RulerRule, type RulerRuleGroup } from './ruler-rules-api.js';

const NO_ORG_ID = jsonReply(400, { status: 'error', data: null, errorType: 'bad_data', error: 'no valid org id found' });
const UNAUTHORIZED = text(401, 'invalid authentication credentials');
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface RulerEmulatorOptions {
  /** Default `'mimir'`. */
  readonly flavor?: RulerFlavor;
  /**
   * Tenant for requests that carry neither `X-Scope-OrgID` nor a Basic-auth user (a single-tenant
   * deployment). Without it such requests get `400 no valid org id found`.
   */
  readonly tenant?: string;
  /**
   * Grafana Cloud style credentials (`<instance id>` / `glc_…` token): when given, every request
   * needs `Authorization: Basic …` with exactly these, else `401`. When absent, no credentials are
   * needed (self-hosted Mimir/Loki without auth) and a Basic user, if sent, still names the tenant.
   */
  readonly basicAuth?: { readonly user: string; readonly password: string };
  /** Delay before every response, in milliseconds. */
  readonly latencyMs?: number;
  readonly faults?: FaultConfig;
}

export interface RulerEmulator {
  /** Base URL, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  readonly url: string;
  readonly flavor: RulerFlavor;
  /** The config API prefix of this flavor, e.g. `/prometheus/config/v1/rules`. */
  readonly prefix: string;
  /** `url + prefix`. */
  readonly rulesUrl: string;
  readonly state: RulerState;
  /** Mimir/Cortex only: each tenant's Alertmanager configuration (`/api/v1/alerts`). */
  readonly alertmanagerConfigs: Map<string, StoredAlertmanagerConfig>;
  /** Every request served, oldest first (headers, and so credentials, are never recorded). */
  readonly requests: EmulatorRequestLogEntry[];
  readonly faults: { set(config: FaultConfig): void; clear(): void };
  /** Empties state, request log and faults. */
  reset(): void;
  stop(): Promise<void>;
}

function send(res: ServerResponse, reply: RulerReply, head: boolean): void {
  res.writeHead(reply.status, { 'Content-Type': reply.contentType, ...reply.headers, 'Content-Length': Buffer.byteLength(reply.body) });
  res.end(head ? undefined : reply.body);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function basicCredentials(authorization: string | undefined): { user: string; password: string } | undefined {
  const m = /^\s*basic\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? { user: decoded, password: '' } : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * Starts a ruler config API on 127.0.0.1 (a free port). `flavor` picks the paths and the
 * empty-listing behaviour: Mimir/Cortex answer `200 {}` for an empty tenant or unknown namespace,
 * Loki `404 no rule groups found`.
 *
 * @example
 * ```ts
 * const ruler = await startRulerEmulator({ flavor: 'mimir', basicAuth: { user: '123456', password: 'glc_x' } });
 * await fetch(`${ruler.rulesUrl}/my-ns`, { method: 'POST', headers: { 'Content-Type': 'application/yaml', Authorization: … }, body: 'name: g\nrules: []\n' });
 * ruler.state.groups('123456', 'my-ns'); // → Map { 'g' => { name: 'g', rules: [] } }
 * ```
 */
export async function startRulerEmulator(options: RulerEmulatorOptions = {}): Promise<RulerEmulator> {
  const flavor = options.flavor ?? 'mimir';
  const prefixes = RULER_PREFIXES[flavor];
  if (!prefixes) throw new Error(`startRulerEmulator: flavor must be "mimir", "cortex" or "loki", got "${String(flavor)}"`);
  const state = new RulerState();
  const alertmanagerConfigs = new Map<string, StoredAlertmanagerConfig>();
  const faults = new FaultInjector();
  if (options.faults) faults.set(options.faults);
  const requests: EmulatorRequestLogEntry[] = [];
  const latencyMs = options.latencyMs ?? 0;

  function tenantOf(req: IncomingMessage): string | RulerReply {
    const credentials = basicCredentials(header(req, 'authorization'));
    if (options.basicAuth) {
      if (!credentials || credentials.user !== options.basicAuth.user || credentials.password !== options.basicAuth.password) return UNAUTHORIZED;
    }
    const tenant = header(req, 'x-scope-orgid')?.trim() || credentials?.user || options.tenant;
    return tenant ? tenant : NO_ORG_ID;
  }

  function dispatch(method: string, path: string, rawBody: string, req: IncomingMessage): RulerReply {
    if (flavor !== 'loki' && path === '/api/v1/alerts') {
      const tenant = tenantOf(req);
      if (typeof tenant !== 'string') return tenant;
      return serveAlertmanagerConfig(alertmanagerConfigs, tenant, method, path, rawBody)!;
    }
    let rest: string | undefined;
    for (const prefix of prefixes) {
      if (path === prefix || path.startsWith(`${prefix}/`)) {
        rest = path.slice(prefix.length);
        break;
      }
    }
    if (rest === undefined) return text(404, '404 page not found');
    const tenant = tenantOf(req);
    if (typeof tenant !== 'string') return tenant;
    return serveRules(state, tenant, flavor, method, rest, () => parseYaml(rawBody));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const { method, target, path } = requestLine(req);
    const log = (status: number, fault?: EmulatorRequestLogEntry['fault']): void => {
      requests.push({ method, path: target, status, ms: Math.round((performance.now() - started) * 100) / 100, ...(fault ? { fault } : {}) });
    };
    const rawBody = await readBody(req, MAX_BODY_BYTES);
    if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
    const fault = faults.decide(path);
    const head = method === 'HEAD';
    if (fault.kind === 'reset') {
      log(0, 'reset');
      req.socket.destroy();
      return;
    }
    if (fault.kind === 'rate-limit') {
      send(res, { ...text(429, 'Too Many Requests'), headers: { 'Retry-After': String(fault.retryAfterSeconds) } }, head);
      log(429, 'rate-limit');
      return;
    }
    if (fault.kind === 'error') {
      const page = faultResponse(fault.status);
      const retryAfter = fault.retryAfterSeconds !== undefined ? { headers: { 'Retry-After': String(fault.retryAfterSeconds) } } : {};
      send(res, { status: fault.status, body: page.body, contentType: page.contentType, ...retryAfter }, head);
      log(fault.status, 'error');
      return;
    }
    const reply = dispatch(method, path, rawBody, req);
    send(res, reply, head);
    log(reply.status);
  }

  const server = await listenOnLoopback(handle, (res, error) => send(res, text(500, `internal error: ${String(error)}`), false));
  const url = server.url;
  const prefix = prefixes[0]!;

  return {
    url,
    flavor,
    prefix,
    rulesUrl: `${url}${prefix}`,
    state,
    alertmanagerConfigs,
    requests,
    faults: { set: (config) => faults.set(config), clear: () => faults.clear() },
    reset() {
      state.clear();
      alertmanagerConfigs.clear();
      requests.length = 0;
      faults.clear();
    },
    stop: () => server.close(),
  };
}
