// Mimir/Cortex's Alertmanager configuration API (`/api/v1/alerts`), per tenant, as the ruler
// emulator serves it: GET returns `{ template_files, alertmanager_config }` as YAML (404 "the
// Alertmanager is not configured" when none), POST validates and stores (201), DELETE removes
// (200). Like Mimir, a configuration reading secrets from files (`*_file`) is rejected.
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { isPlainRecord } from './state.js';

/** The path of the API (Mimir also serves it under `/prometheus`-less paths only). */
export const ALERTMANAGER_CONFIG_PATH = '/api/v1/alerts';

/** One tenant's stored configuration, as posted. */
export interface StoredAlertmanagerConfig {
  readonly alertmanager_config: string;
  readonly template_files: Readonly<Record<string, string>>;
}

/** A reply of the API. */
export interface AlertmanagerConfigReply {
  readonly status: number;
  readonly body: string;
  readonly contentType: string;
}

const TEXT = 'text/plain; charset=utf-8';

function fileSettings(value: unknown, path: string, out: string[]): void {
  if (Array.isArray(value)) value.forEach((v, i) => fileSettings(v, `${path}[${i}]`, out));
  else if (isPlainRecord(value)) {
    for (const [key, v] of Object.entries(value)) {
      if (key.endsWith('_file')) out.push(`${path}.${key}`.replace(/^\./, ''));
      else fileSettings(v, `${path}.${key}`, out);
    }
  }
}

/** What is wrong with a posted body, or undefined. */
function validate(body: unknown): string | undefined {
  if (!isPlainRecord(body) || typeof body['alertmanager_config'] !== 'string')
    return 'error marshalling YAML Alertmanager config: alertmanager_config is required';
  const files = body['template_files'] ?? {};
  if (!isPlainRecord(files) || !Object.values(files).every((v) => typeof v === 'string'))
    return 'error marshalling YAML Alertmanager config: template_files must map names to text';
  let config: unknown;
  try {
    config = parseYaml(body['alertmanager_config']);
  } catch (error) {
    return `error validating Alertmanager config: ${(error as Error).message.split('\n')[0]}`;
  }
  if (!isPlainRecord(config) || !isPlainRecord(config['route'])) return 'error validating Alertmanager config: no route provided in config';
  const receivers = Array.isArray(config['receivers']) ? (config['receivers'] as unknown[]) : [];
  const names = new Set(receivers.map((r) => (isPlainRecord(r) ? r['name'] : undefined)));
  const rootReceiver = config['route']['receiver'];
  if (typeof rootReceiver !== 'string' || rootReceiver === '') return 'error validating Alertmanager config: root route must specify a default receiver';
  const missing: string[] = [];
  const walk = (route: unknown) => {
    if (!isPlainRecord(route)) return;
    if (typeof route['receiver'] === 'string' && !names.has(route['receiver'])) missing.push(route['receiver']);
    if (Array.isArray(route['routes'])) route['routes'].forEach(walk);
  };
  walk(config['route']);
  if (missing.length > 0) return `error validating Alertmanager config: undefined receiver "${missing[0]}" used in route`;
  const found: string[] = [];
  fileSettings(config, '', found);
  if (found.length > 0) return `error validating Alertmanager config: ${found[0]} is not allowed: local files cannot be read`;
  return undefined;
}

/**
 * Serves one request of the API for `tenant` over `store`; undefined when `path` is not the
 * API's.
 */
export function serveAlertmanagerConfig(
  store: Map<string, StoredAlertmanagerConfig>,
  tenant: string,
  method: string,
  path: string,
  rawBody: string,
): AlertmanagerConfigReply | undefined {
  if (path !== ALERTMANAGER_CONFIG_PATH) return undefined;
  if (method === 'GET' || method === 'HEAD') {
    const stored = store.get(tenant);
    if (!stored) return { status: 404, body: 'the Alertmanager is not configured\n', contentType: TEXT };
    return {
      status: 200,
      body: stringifyYaml({ template_files: stored.template_files, alertmanager_config: stored.alertmanager_config }),
      contentType: 'application/yaml',
    };
  }
  if (method === 'POST') {
    let body: unknown;
    try {
      body = parseYaml(rawBody);
    } catch (error) {
      return { status: 400, body: `error marshalling YAML Alertmanager config: ${(error as Error).message.split('\n')[0]}\n`, contentType: TEXT };
    }
    const problem = validate(body);
    if (problem) return { status: 400, body: `${problem}\n`, contentType: TEXT };
    const record = body as Record<string, unknown>;
    store.set(tenant, {
      alertmanager_config: record['alertmanager_config'] as string,
      template_files: { ...((record['template_files'] as Record<string, string> | undefined) ?? {}) },
    });
    return { status: 201, body: '', contentType: TEXT };
  }
  if (method === 'DELETE') {
    store.delete(tenant);
    return { status: 200, body: '', contentType: TEXT };
  }
  return { status: 405, body: 'method not allowed\n', contentType: TEXT };
}
