import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DatasourceDefinition } from '../datasources/datasource-definition.js';
import { planDatasources } from '../datasources/datasource-plan.js';
import { DATASOURCE_PROVISIONING_FILE, renderDatasourceProvisioning, writeDatasourceProvisioning } from '../datasources/datasource-provisioning.js';
import { applyDatasources, readRemoteDatasources } from '../datasources/datasource-sync.js';
import { FileTarget } from '../sync/targets/file-target.js';
import { GrafanaTarget } from '../sync/targets/grafana-target.js';
import type { SyncTarget } from '../sync/sync-target.js';

/** What one watch cycle did to the data sources of `dash.config.ts`. */
export type WatchDatasourceSync =
  | {
      readonly kind: 'grafana';
      readonly created: readonly string[];
      readonly updated: readonly string[];
      readonly deleted: readonly string[];
      readonly unchanged: number;
    }
  | { readonly kind: 'file'; readonly path: string; readonly action: 'create' | 'update' | 'unchanged'; readonly count: number }
  | { readonly kind: 'not-applied'; readonly reason: string };

/** Options of {@link syncWatchDatasources}. */
export interface SyncWatchDatasourcesOptions {
  readonly target: SyncTarget;
  /** The config's `datasources`, as loaded. */
  readonly definitions: readonly DatasourceDefinition[];
  readonly prune: boolean;
  readonly force: boolean;
  /** Where secrets come from. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * The identity of a list of definitions as watch compares them between cycles: each one's spec
 * and the names of its secrets' environment variables (never their values).
 *
 * @example
 * datasourcesKey([prom]) === datasourcesKey([prom]) // → true
 */
export function datasourcesKey(definitions: readonly DatasourceDefinition[]): string {
  return JSON.stringify(definitions.map((d) => [d.spec(), d.toDisplay()['secureJsonData'] ?? null]));
}

/**
 * `dash watch`'s data source step, as `dash apply` does it: on a Grafana target the data sources
 * are planned against `/api/datasources` (ownership, conflicts, `prune`, `force`) and applied
 * before the dashboards; on a file target `provisioning/datasources/grafts.yaml` is written when
 * its text differs. A conflict or a missing secret throws before any write (the caller reports
 * it and applies no dashboard in that cycle). Kubernetes targets are left alone, as by apply.
 *
 * @example
 * await syncWatchDatasources({ target, definitions: [prom, loki], prune: false, force: false })
 * // → { kind: 'grafana', created: ['prom'], updated: [], deleted: [], unchanged: 1 }
 */
export async function syncWatchDatasources(options: SyncWatchDatasourcesOptions): Promise<WatchDatasourceSync> {
  const { target, definitions } = options;
  if (target instanceof FileTarget) {
    const text = renderDatasourceProvisioning(definitions);
    const file = path.join(target.dir, DATASOURCE_PROVISIONING_FILE);
    const existing = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    const action = existing === undefined ? 'create' : existing === text ? 'unchanged' : 'update';
    if (action !== 'unchanged') await writeDatasourceProvisioning(target.dir, text);
    return { kind: 'file', path: DATASOURCE_PROVISIONING_FILE.split(path.sep).join('/'), action, count: definitions.length };
  }
  if (!(target instanceof GrafanaTarget)) {
    return {
      kind: 'not-applied',
      reason: `target "${target.name}" is a Kubernetes target (data sources are written to a Grafana or a file-provisioning folder only)`,
    };
  }
  const remote = await readRemoteDatasources(target.client, definitions);
  const steps = planDatasources(definitions, remote, { owner: target.owner, prune: options.prune, force: options.force, rotateSecrets: false });
  const result = await applyDatasources(target.client, steps, { owner: target.owner, env: options.env ?? process.env });
  return { kind: 'grafana', created: result.created, updated: result.updated, deleted: result.deleted, unchanged: result.unchanged.length };
}

/** Write requests a sync sent. */
export function datasourceWrites(sync: WatchDatasourceSync): number {
  if (sync.kind === 'grafana') return sync.created.length + sync.updated.length + sync.deleted.length;
  return sync.kind === 'file' && sync.action !== 'unchanged' ? 1 : 0;
}
