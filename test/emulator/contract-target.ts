import { randomBytes } from 'node:crypto';
import { startGrafanaEmulator, type GrafanaEmulator } from '../../lib/testing/index.js';

/**
 * Where the behavioural contract suite runs: a real Grafana when `GRAFANA_URL` and
 * `GRAFANA_TOKEN` are set, else a fresh emulator. The token is never printed.
 */
export interface ContractTarget {
  readonly kind: 'grafana' | 'emulator';
  readonly url: string;
  readonly token: string;
  /** Unique per run: every uid, title and tag the suite creates contains it. */
  readonly runId: string;
  /** The emulator, when the target is one. */
  readonly emulator?: GrafanaEmulator;
  stop(): Promise<void>;
}

export interface HttpResult {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** Parsed JSON, or undefined for non-JSON bodies. */
  readonly body: any;
}

/** A fresh id for one run of a contract suite (`ct` + 6 hex digits), safe in uids, names and paths. */
export function newRunId(): string {
  return `ct${randomBytes(3).toString('hex')}`;
}

/**
 * The Grafana versions a contract suite runs for: the real Grafana's own when `GRAFANA_URL` is
 * set, else the emulator as 12.x and as 13.x.
 */
export const CONTRACT_VERSIONS: readonly (string | undefined)[] = process.env.GRAFANA_URL && process.env.GRAFANA_TOKEN ? [undefined] : ['12.1.0', '13.0.0'];

/** Opens the real Grafana (env), else an emulator presenting `version` (its default when undefined). */
export async function openContractTarget(version?: string): Promise<ContractTarget> {
  const runId = newRunId();
  const url = process.env.GRAFANA_URL;
  const token = process.env.GRAFANA_TOKEN;
  if (url && token) {
    return { kind: 'grafana', url: url.replace(/\/+$/, ''), token, runId, stop: async () => {} };
  }
  const emulator = await startGrafanaEmulator(version ? { version } : {});
  return { kind: 'emulator', url: emulator.url, token: emulator.token, runId, emulator, stop: () => emulator.stop() };
}

/** True when the suite will run against a real Grafana (for describe titles). */
export const contractTargetKind: 'grafana' | 'emulator' = process.env.GRAFANA_URL && process.env.GRAFANA_TOKEN ? 'grafana' : 'emulator';

/** A minimal HTTP client for the suites: JSON in, status + JSON out. */
export function httpClient(baseUrl: string, token: string | undefined) {
  return async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpResult> {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        Accept: 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, text, body: parsed };
  };
}

export type Call = ReturnType<typeof httpClient>;

/** Remembers what a suite created, and removes it afterwards (dashboards first, then folders). */
export class Cleanup {
  private readonly dashboards = new Set<string>();
  private readonly folders: string[] = [];

  dashboard(uid: string): string {
    this.dashboards.add(uid);
    return uid;
  }

  folder(uid: string): string {
    this.folders.push(uid);
    return uid;
  }

  async run(call: Call): Promise<void> {
    for (const uid of this.dashboards) await call('DELETE', `/api/dashboards/uid/${uid}`);
    for (const uid of [...this.folders].reverse()) await call('DELETE', `/api/folders/${uid}?forceDeleteRules=true`);
  }
}

/** The Grafana major version a target reports on `/api/health`. */
export async function majorVersion(call: Call): Promise<number> {
  const health = await call('GET', '/api/health');
  return Number(String(health.body?.version ?? '0').split('.')[0]);
}
