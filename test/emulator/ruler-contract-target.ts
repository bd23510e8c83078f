import { RULER_PREFIXES, startRulerEmulator, type RulerEmulator, type RulerFlavor } from '../../lib/testing/index.js';
import { newRunId } from './contract-target.js';

/**
 * Where the ruler config API contract suite runs (grafana-api.md §9): a real Mimir, Cortex or Loki
 * ruler when `RULER_CONTRACT_URL` is set, else one ruler emulator per flavour. The key is kept in
 * a closure, never on the object, so neither `inspect` nor an assertion message can print it.
 *
 * Real-server settings: `RULER_CONTRACT_URL` (base URL, with or without the flavour's API path),
 * `RULER_CONTRACT_FLAVOR` (`mimir` default, `cortex`, `loki`), `RULER_CONTRACT_TENANT`
 * (`X-Scope-OrgID`), `RULER_CONTRACT_USER` / `RULER_CONTRACT_KEY` (Basic auth, e.g. a Grafana
 * Cloud instance id and a `glc_…` token; the user defaults to the tenant).
 */
export interface RulerContractTarget {
  readonly kind: 'ruler' | 'emulator';
  readonly flavor: RulerFlavor;
  /** Base URL without the API path. */
  readonly url: string;
  /** The flavour's config API path, e.g. `/prometheus/config/v1/rules`. */
  readonly prefix: string;
  /** Unique per run: every namespace the suite creates is `grafts-contract-<runId>[-<name>]`. */
  readonly runId: string;
  /** Whether a request with neither tenant nor credentials must be refused (400 or 401). */
  readonly tenantRequired: boolean;
  /** Requests with the configured tenant and credentials; `path` is below {@link prefix}. */
  readonly call: RulerCall;
  /** Requests with neither tenant nor credentials. */
  readonly anonymous: RulerCall;
  /** The emulator, when the target is one. */
  readonly emulator?: RulerEmulator;
  /** `grafts-contract-<runId>` (plus `-<name>`), remembered and deleted by {@link stop}. */
  namespace(name?: string): string;
  /** Deletes every namespace handed out, then stops the emulator. */
  stop(): Promise<void>;
}

export interface RulerResult {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

/** One request below the config API path: `''` (all), `/<ns>`, `/<ns>/<group>` (callers encode). */
export type RulerCall = (method: string, path: string, body?: string) => Promise<RulerResult>;

const FLAVORS: readonly RulerFlavor[] = ['mimir', 'cortex', 'loki'];

/** True when the suite will run against a real ruler (for describe titles). */
export const rulerContractKind: 'ruler' | 'emulator' = process.env.RULER_CONTRACT_URL ? 'ruler' : 'emulator';

/** The flavours to run: the one `RULER_CONTRACT_FLAVOR` names for a real ruler, else all three. */
export function rulerContractFlavors(env: NodeJS.ProcessEnv = process.env): RulerFlavor[] {
  if (!env.RULER_CONTRACT_URL) return [...FLAVORS];
  const flavor = (env.RULER_CONTRACT_FLAVOR || 'mimir') as RulerFlavor;
  if (!FLAVORS.includes(flavor)) throw new Error(`RULER_CONTRACT_FLAVOR must be mimir, cortex or loki, got "${flavor}"`);
  return [flavor];
}

/** The emulator's Basic-auth password for a run (Grafana Cloud style), so a test can look for it in output. */
export function emulatorRulerKey(runId: string): string {
  return `glc_grafts_contract_${runId}_secret`;
}

/** Percent-encoded `/<namespace>[/<group>]` (§9.1: the server path-unescapes both). */
export function rulerPath(namespace: string, group?: string): string {
  return `/${encodeURIComponent(namespace)}${group === undefined ? '' : `/${encodeURIComponent(group)}`}`;
}

function rulerClient(base: string, headers: Readonly<Record<string, string>>): RulerCall {
  return async (method, path, body) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/yaml' }) },
      body,
    });
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
  };
}

function basic(user: string, key: string): string {
  return `Basic ${Buffer.from(`${user}:${key}`).toString('base64')}`;
}

/**
 * Opens the target for one flavour. Emulated Mimir asks for Grafana Cloud style Basic auth (an
 * instance id and a `glc_` key); emulated Cortex and Loki take the tenant from `X-Scope-OrgID`.
 *
 * @example
 * const target = await openRulerContractTarget('loki');
 * await target.call('POST', rulerPath(target.namespace()), 'name: g\nrules: []\n');
 * await target.stop(); // deletes grafts-contract-<runId>
 */
export async function openRulerContractTarget(flavor: RulerFlavor, env: NodeJS.ProcessEnv = process.env): Promise<RulerContractTarget> {
  const runId = newRunId();
  const prefix = RULER_PREFIXES[flavor][0]!;
  let url: string;
  let headers: Record<string, string>;
  let tenantRequired: boolean;
  let emulator: RulerEmulator | undefined;
  if (env.RULER_CONTRACT_URL) {
    url = env.RULER_CONTRACT_URL.replace(/\/+$/, '');
    if (url.endsWith(prefix)) url = url.slice(0, -prefix.length);
    const tenant = env.RULER_CONTRACT_TENANT || undefined;
    const user = env.RULER_CONTRACT_USER || (env.RULER_CONTRACT_KEY ? tenant : undefined);
    headers = {
      ...(tenant ? { 'X-Scope-OrgID': tenant } : {}),
      ...(user ? { Authorization: basic(user, env.RULER_CONTRACT_KEY ?? '') } : {}),
    };
    tenantRequired = tenant !== undefined || user !== undefined;
  } else if (flavor === 'mimir') {
    const user = '123456';
    emulator = await startRulerEmulator({ flavor, basicAuth: { user, password: emulatorRulerKey(runId) } });
    url = emulator.url;
    headers = { Authorization: basic(user, emulatorRulerKey(runId)) };
    tenantRequired = true;
  } else {
    emulator = await startRulerEmulator({ flavor });
    url = emulator.url;
    headers = { 'X-Scope-OrgID': 'grafts-contract' };
    tenantRequired = true;
  }
  const call = rulerClient(`${url}${prefix}`, headers);
  const created = new Set<string>();
  return {
    kind: emulator ? 'emulator' : 'ruler',
    flavor,
    url,
    prefix,
    runId,
    tenantRequired,
    call,
    anonymous: rulerClient(`${url}${prefix}`, {}),
    ...(emulator ? { emulator } : {}),
    namespace(name) {
      const ns = `grafts-contract-${runId}${name ? `-${name}` : ''}`;
      created.add(ns);
      return ns;
    },
    async stop() {
      try {
        // 202 or 404 (already gone): either way nothing of the run is left.
        for (const ns of created) await call('DELETE', rulerPath(ns));
      } finally {
        await emulator?.stop();
      }
    },
  };
}
