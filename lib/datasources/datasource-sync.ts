import { MissingSecretError } from '../alerting/secret.js';
import type { GrafanaClient } from '../grafana/grafana-client.js';
import { arrayOf, objectWith, requestShaped, typedAs, wrongShape } from '../grafana/expect-shape.js';
import { mapLimit } from '../util/limit-concurrency.js';
import type { DatasourceDefinition } from './datasource-definition.js';
import {
  DATASOURCE_OWNER_KEY,
  markedSpec,
  planDatasources,
  type DatasourcePlanOptions,
  type DatasourceStep,
  type RemoteDatasource,
} from './datasource-plan.js';
import { GraftsError } from '../errors/grafts-error.js';

/** A data source plan that cannot be applied, or an apply that stopped part way. */
export class DatasourceSyncError extends GraftsError {
  constructor(
    message: string,
    /** The uids written before the failure, by action. */
    readonly applied: { readonly created: readonly string[]; readonly updated: readonly string[]; readonly deleted: readonly string[] } = {
      created: [],
      updated: [],
      deleted: [],
    },
  ) {
    super(message);
  }
}

/**
 * Grafana's data sources that a plan needs: every listed one (for names and owner tokens),
 * read in full (`GET /api/datasources/uid/:uid`, for `secureJsonFields` and `version`) when the
 * code defines its uid or it carries an owner token.
 */
export async function readRemoteDatasources(client: GrafanaClient, desired: readonly DatasourceDefinition[]): Promise<RemoteDatasource[]> {
  // Every answer goes through the shape checks the dashboard reads use: a server that is not
  // Grafana (or answers `[{}]`) is a WrongShapeError naming the request, never a crash or a guess.
  const { data: listed } = await requestShaped(client, { method: 'GET', path: '/api/datasources' }, DATASOURCE_LIST);
  const wanted = new Set(desired.map((d) => d.uid));
  return mapLimit(listed, FULL_READ_CONCURRENCY, async (item) => {
    const full = wanted.has(item.uid) || typeof item.jsonData?.[DATASOURCE_OWNER_KEY] === 'string';
    if (!full) return item;
    const req = { method: 'GET' as const, path: `/api/datasources/uid/${encodeURIComponent(item.uid)}` };
    const { data } = await requestShaped(client, req, DATASOURCE);
    if (data.uid !== item.uid) wrongShape({ url: client.url, ...req }, `the data source "${item.uid}"`, data.uid);
    return data;
  });
}

/** The fields the plan reads from a listed or fetched data source. */
const DATASOURCE = typedAs<RemoteDatasource>(
  objectWith('a data source {uid, name, type}', { uid: 'string', name: 'string', type: 'string' }, { jsonData: 'object', secureJsonFields: 'object' }),
);
const DATASOURCE_LIST = arrayOf('a JSON array of data sources', DATASOURCE);
/** Full reads of the data sources that matter run this many at a time (as dashboard reads do). */
const FULL_READ_CONCURRENCY = 16;

/** What {@link applyDatasources} did. */
export interface DatasourceApplyResult {
  readonly created: readonly string[];
  readonly updated: readonly string[];
  readonly deleted: readonly string[];
  readonly unchanged: readonly string[];
}

function secretValues(
  step: { readonly uid: string; readonly desired: DatasourceDefinition; readonly secrets: readonly string[] },
  env: NodeJS.ProcessEnv,
  missing: { env: string; where: string }[],
): Record<string, string> {
  const refs = step.desired.secrets();
  const out: Record<string, string> = {};
  for (const key of step.secrets) {
    const ref = refs[key]!;
    const value = env[ref.env];
    if (value === undefined || value === '') missing.push({ env: ref.env, where: `data source "${step.uid}" › secureJsonData.${key}` });
    else out[key] = value;
  }
  return out;
}

/**
 * Executes a data source plan on Grafana: refuses conflicts and missing secrets before any
 * write, then creates (`POST /api/datasources`), updates (`PUT /api/datasources/uid/:uid` with
 * the version read, so a concurrent edit is refused) and deletes. Unchanged data sources cost
 * no request. Secret values are read from `env` here and only here, and sent only in
 * `secureJsonData`.
 *
 * @throws {DatasourceSyncError} conflicts (nothing written), or a failed write (saying what was applied).
 * @throws {MissingSecretError} a needed environment variable is unset (nothing written).
 */
export async function applyDatasources(
  client: GrafanaClient,
  steps: readonly DatasourceStep[],
  options: Pick<DatasourcePlanOptions, 'owner'> & { readonly env?: NodeJS.ProcessEnv },
): Promise<DatasourceApplyResult> {
  const conflicts = steps.filter((s) => s.action === 'conflict');
  if (conflicts.length > 0)
    throw new DatasourceSyncError(
      `data sources: nothing applied, ${conflicts.length} conflict${conflicts.length === 1 ? '' : 's'}:\n${conflicts.map((c) => `  ${c.uid}: ${c.reason}`).join('\n')}`,
    );
  const env = options.env ?? process.env;
  const missing: { env: string; where: string }[] = [];
  const bodies = new Map<DatasourceStep, Record<string, unknown>>();
  for (const step of steps) {
    if (step.action !== 'create' && step.action !== 'update') continue;
    const secureJsonData = secretValues(step, env, missing);
    bodies.set(step, {
      ...markedSpec(step.desired, options.owner),
      ...(step.action === 'update' && step.remote.version !== undefined ? { version: step.remote.version } : {}),
      ...(Object.keys(secureJsonData).length > 0 ? { secureJsonData } : {}),
    });
  }
  if (missing.length > 0) throw new MissingSecretError(missing);
  const done = { created: [] as string[], updated: [] as string[], deleted: [] as string[] };
  const unchanged: string[] = [];
  for (const step of steps) {
    try {
      if (step.action === 'create') {
        await client.request({ method: 'POST', path: '/api/datasources', body: bodies.get(step) });
        done.created.push(step.uid);
      } else if (step.action === 'update') {
        await client.request({ method: 'PUT', path: `/api/datasources/uid/${encodeURIComponent(step.uid)}`, body: bodies.get(step) });
        done.updated.push(step.uid);
      } else if (step.action === 'delete') {
        await client.request({ method: 'DELETE', path: `/api/datasources/uid/${encodeURIComponent(step.uid)}` });
        done.deleted.push(step.uid);
      } else if (step.action === 'unchanged') {
        unchanged.push(step.uid);
      }
    } catch (error) {
      const applied = [...done.created.map((u) => `created ${u}`), ...done.updated.map((u) => `updated ${u}`), ...done.deleted.map((u) => `deleted ${u}`)];
      throw new DatasourceSyncError(
        `data source "${step.uid}": ${step.action} failed: ${(error as Error).message}\n  applied before: ${applied.length > 0 ? applied.join(', ') : 'nothing'}`,
        done,
      );
    }
  }
  return { ...done, unchanged };
}

/**
 * Plans and applies data sources in one call (see {@link planDatasources}, {@link applyDatasources}).
 *
 * @example
 * const client = new GrafanaClient({ url: process.env.GRAFANA_URL!, token: process.env.GRAFANA_TOKEN });
 * await syncDatasources(client, [prom, loki, tempo], { owner: { project: 'shop', uidPrefix: '' }, prune: true })
 * // → { created: ['prom', 'loki', 'tempo'], updated: [], deleted: [], unchanged: [] }
 */
export async function syncDatasources(
  client: GrafanaClient,
  desired: readonly DatasourceDefinition[],
  options: DatasourcePlanOptions & { readonly env?: NodeJS.ProcessEnv },
): Promise<DatasourceApplyResult & { readonly steps: readonly DatasourceStep[] }> {
  const steps = planDatasources(desired, await readRemoteDatasources(client, desired), options);
  return { ...(await applyDatasources(client, steps, options)), steps };
}
