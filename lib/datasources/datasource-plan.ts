import { isDeepStrictEqual } from 'node:util';
import { classifyOwnership, ownerToken, type OwnerScope } from '../sync/ownership.js';
import type { DatasourceDefinition, DatasourceSpec } from './datasource-definition.js';

/** The `jsonData` key holding grafts' owner token: Grafana keeps unknown `jsonData` keys. */
export const DATASOURCE_OWNER_KEY = 'graftsOwner';

/** A data source as Grafana's API returns it (`GET /api/datasources/uid/:uid`); never any secret value. */
export interface RemoteDatasource {
  readonly uid: string;
  readonly name: string;
  readonly type: string;
  readonly access?: string;
  readonly url?: string;
  readonly isDefault?: boolean;
  readonly basicAuth?: boolean;
  readonly basicAuthUser?: string;
  readonly withCredentials?: boolean;
  readonly jsonData?: Record<string, unknown>;
  /** Which secret settings are set (`{ basicAuthPassword: true }`), never their values. */
  readonly secureJsonFields?: Readonly<Record<string, boolean>>;
  readonly version?: number;
  readonly readOnly?: boolean;
}

/** One step of a data source plan. */
export type DatasourceStep =
  | { readonly action: 'create'; readonly uid: string; readonly desired: DatasourceDefinition; readonly secrets: readonly string[] }
  | {
      readonly action: 'update';
      readonly uid: string;
      readonly desired: DatasourceDefinition;
      readonly remote: RemoteDatasource;
      /** Settings that differ, as paths (`url`, `jsonData.derivedFields`); `secureJsonData.<key>` for secrets sent. */
      readonly changes: readonly string[];
      /** Secret keys sent with the update: those Grafana does not have yet, or all with `rotateSecrets`. */
      readonly secrets: readonly string[];
    }
  | { readonly action: 'unchanged'; readonly uid: string }
  | { readonly action: 'delete'; readonly uid: string; readonly remote: RemoteDatasource }
  | { readonly action: 'conflict'; readonly uid: string; readonly reason: string };

/** Options of {@link planDatasources}. */
export interface DatasourcePlanOptions {
  /** Whose owner token marks the data sources (see `OwnerScope`). */
  readonly owner: OwnerScope;
  /** Deletes data sources marked as ours that the code no longer defines. */
  readonly prune?: boolean;
  /** Takes over data sources with the same uid that are not ours. */
  readonly force?: boolean;
  /**
   * Sends every secret again. Grafana never returns secrets, so a changed value cannot be seen:
   * without this, secrets are sent on create and when Grafana reports the key unset.
   */
  readonly rotateSecrets?: boolean;
}

/**
 * The spec grafts sends for a definition: its spec with the owner token in `jsonData`.
 * @internal
 */
export function markedSpec(definition: DatasourceDefinition, owner: OwnerScope): DatasourceSpec {
  const spec = definition.spec();
  return { ...spec, jsonData: { ...spec.jsonData, [DATASOURCE_OWNER_KEY]: ownerToken(owner, spec.uid) } };
}

// Grafana's value of a field the code leaves unset.
const REMOTE_DEFAULTS: Readonly<Record<string, unknown>> = { url: '', basicAuth: false, basicAuthUser: '', withCredentials: false };
const COMPARED = ['name', 'type', 'access', 'url', 'basicAuth', 'basicAuthUser', 'withCredentials', 'isDefault'] as const;

function differences(desired: DatasourceSpec, remote: RemoteDatasource): string[] {
  const out: string[] = [];
  for (const field of COMPARED) {
    const want = (desired as unknown as Record<string, unknown>)[field];
    // isDefault is Grafana's to decide unless the code says (its first data source becomes the default).
    if (want === undefined && field === 'isDefault') continue;
    const have = (remote as unknown as Record<string, unknown>)[field];
    if (!isDeepStrictEqual(want ?? REMOTE_DEFAULTS[field], have ?? REMOTE_DEFAULTS[field])) out.push(field);
  }
  const remoteJson = remote.jsonData ?? {};
  for (const key of [...new Set([...Object.keys(desired.jsonData), ...Object.keys(remoteJson)])].sort()) {
    if (!isDeepStrictEqual(desired.jsonData[key], remoteJson[key])) out.push(`jsonData.${key}`);
  }
  return out;
}

/**
 * What to do to make Grafana's data sources match the code: pure, from the definitions and
 * what Grafana listed. Ownership: only data sources whose `jsonData.graftsOwner` is this
 * scope's token for their uid are updated or pruned; others with the same uid or name are
 * conflicts (uid: unless `force`). Data sources provisioned from files (`readOnly`) are never
 * touched.
 *
 * @example
 * planDatasources([prom], [], { owner: DEFAULT_OWNER_SCOPE })
 * // → [{ action: 'create', uid: 'prom', desired: prom, secrets: [] }]
 */
export function planDatasources(
  desired: readonly DatasourceDefinition[],
  actual: readonly RemoteDatasource[],
  options: DatasourcePlanOptions,
): DatasourceStep[] {
  const byUid = new Map(actual.map((r) => [r.uid, r]));
  const steps: DatasourceStep[] = [];
  const wanted = new Set<string>();
  for (const definition of desired) {
    const uid = definition.uid;
    if (wanted.has(uid)) throw new TypeError(`data sources: two definitions share the uid "${uid}"`);
    wanted.add(uid);
    const spec = markedSpec(definition, options.owner);
    const secretKeys = Object.keys(definition.secrets()).sort();
    const remote = byUid.get(uid);
    const sameName = actual.find((r) => r.name === spec.name && r.uid !== uid);
    if (sameName) {
      steps.push({ action: 'conflict', uid, reason: `the name "${spec.name}" is taken by data source "${sameName.uid}"` });
      continue;
    }
    if (!remote) {
      steps.push({ action: 'create', uid, desired: definition, secrets: secretKeys });
      continue;
    }
    if (remote.readOnly) {
      steps.push({ action: 'conflict', uid, reason: 'provisioned from a file on the Grafana server (read-only through the API)' });
      continue;
    }
    const token = remote.jsonData?.[DATASOURCE_OWNER_KEY];
    const ownership = classifyOwnership(typeof token === 'string' ? [token] : [], false, options.owner, uid);
    if (!ownership.managed && !options.force) {
      steps.push({ action: 'conflict', uid, reason: 'exists and was not created by this project (use --force to take it over)' });
      continue;
    }
    const missing = secretKeys.filter((k) => remote.secureJsonFields?.[k] !== true);
    const secrets = options.rotateSecrets ? secretKeys : missing;
    const changes = [...differences(spec, remote), ...secrets.map((k) => `secureJsonData.${k}`)];
    steps.push(changes.length === 0 ? { action: 'unchanged', uid } : { action: 'update', uid, desired: definition, remote, changes, secrets });
  }
  if (options.prune) {
    for (const remote of actual) {
      if (wanted.has(remote.uid) || remote.readOnly) continue;
      const token = remote.jsonData?.[DATASOURCE_OWNER_KEY];
      if (typeof token === 'string' && classifyOwnership([token], false, options.owner, remote.uid).managed)
        steps.push({ action: 'delete', uid: remote.uid, remote });
    }
  }
  return steps;
}

/**
 * The plan for people, one line per step; secrets appear by key only.
 *
 * @example
 * formatDatasourcePlan(steps)
 * // → ['+ data source prom (prometheus)', '~ data source loki: jsonData.derivedFields', '= data source tempo']
 */
export function formatDatasourcePlan(steps: readonly DatasourceStep[]): string[] {
  return steps.map((s) => {
    switch (s.action) {
      case 'create':
        return `+ data source ${s.uid} (${s.desired.kind})${s.secrets.length > 0 ? `, secrets ${s.secrets.join(', ')}` : ''}`;
      case 'update':
        return `~ data source ${s.uid}: ${s.changes.join(', ')}`;
      case 'unchanged':
        return `= data source ${s.uid}`;
      case 'delete':
        return `- data source ${s.uid} (${s.remote.type})`;
      case 'conflict':
        return `! data source ${s.uid}: ${s.reason}`;
    }
  });
}
