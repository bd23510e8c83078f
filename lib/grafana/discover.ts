import { arrayOf, objectWith, requestShaped } from './expect-shape.js';
import type { GrafanaClient } from './grafana-client.js';
import { GrafanaError } from './grafana-error.js';

/** Which API a Grafana is driven through; `auto` picks `k8s` on Grafana ≥ 12 when `/apis` serves both groups. */
export type ApiMode = 'auto' | 'classic' | 'k8s';

/** API groups of the Kubernetes-style API grafts uses. */
export const DASHBOARD_GROUP = 'dashboard.grafana.app';
export const FOLDER_GROUP = 'folder.grafana.app';

/**
 * Classic-JSON versions grafts drives, best first (Grafana's frontend: v1, else v1beta1). All of
 * them hold the classic dashboard JSON as `spec`.
 */
const SPEC_VERSIONS = ['v1', 'v1beta1', 'v0alpha1'] as const;

/** Schema v2 versions grafts drives, best first (Grafana's frontend: v2, else v2beta1; v2alpha1 has another shape). */
const V2_SPEC_VERSIONS = ['v2', 'v2beta1'] as const;

/** What {@link discoverGrafana} found out. */
export interface GrafanaServerInfo {
  /** Grafana's version (`12.1.0`, Cloud builds carry a suffix), undefined when hidden. */
  version: string | undefined;
  /** Major version, when known. */
  major: number | undefined;
  /** The API that will be used. */
  apiMode: 'classic' | 'k8s';
  /** k8s namespace: `default`, `org-<id>` or `stacks-<id>` (Grafana Cloud). */
  namespace: string;
  /** Version of `dashboard.grafana.app` used in k8s mode for classic JSON (e.g. `v1beta1`). */
  dashboardApiVersion?: string;
  /**
   * Version of `dashboard.grafana.app` for schema v2 dashboards (`v2`, else `v2beta1`), when the
   * server serves one; probed in every mode but `classic`.
   */
  dashboardV2ApiVersion?: 'v2' | 'v2beta1';
  /** Version of `folder.grafana.app` used in k8s mode. */
  folderApiVersion?: string;
}

/** Options of {@link discoverGrafana}. */
export interface DiscoverGrafanaOptions {
  /** @default "auto" */
  apiMode?: ApiMode;
}

interface ApiGroup {
  name?: unknown;
  versions?: { version?: unknown }[];
}

// What a Grafana answers (reference/grafana-api.md §7): health always has `database`; the
// version is in health, or (hide_version) in the frontend settings' `buildInfo`.
const HEALTH = objectWith("Grafana's health JSON {database, version, commit}", { database: 'string' }, { version: 'string', commit: 'string' });
const SETTINGS = objectWith("Grafana's frontend settings {buildInfo: {version, …}, …}", { buildInfo: 'object' }, { namespace: 'string' });
const API_GROUPS = objectWith('the API group list {groups: [{name, versions}]}', { groups: 'array' });
const API_GROUP = arrayOf('API groups {name, versions: [{version}]}', objectWith('an API group', { name: 'string', versions: 'array' }));

/**
 * Proves the server is a Grafana and finds its version and the API to use: `GET /api/health`
 * (unauthenticated; must be Grafana's health JSON) for the version, `GET /api/frontend/settings`
 * when health hides it (must carry `buildInfo`; also read for the k8s `namespace`), `GET /apis` for
 * the Kubernetes-style groups. `auto` chooses `k8s` on Grafana 12 or later when both
 * `dashboard.grafana.app` and `folder.grafana.app` are listed, `classic` otherwise; `classic` and
 * `k8s` force the choice (`k8s` fails when the groups are missing).
 *
 * @throws {WrongShapeError} an answer of another shape (an HTML page, `{}`, a missing field).
 * @example
 * await discoverGrafana(client, { apiMode: 'auto' })
 * // → { version: '13.0.0', major: 13, apiMode: 'k8s', namespace: 'default', dashboardApiVersion: 'v1', dashboardV2ApiVersion: 'v2', folderApiVersion: 'v1' }
 */
export async function discoverGrafana(client: GrafanaClient, options: DiscoverGrafanaOptions = {}): Promise<GrafanaServerInfo> {
  const mode = options.apiMode ?? 'auto';
  // The target must prove it is a Grafana before anything is planned: the wrong shape is an error, never "empty".
  const { data: health } = await requestShaped(client, { method: 'GET', path: '/api/health' }, HEALTH);
  let version = typeof health['version'] === 'string' && health['version'] !== '' ? health['version'] : undefined;
  let settings: Record<string, unknown> | undefined;
  const readSettings = async (): Promise<Record<string, unknown>> => {
    settings ??= (await requestShaped(client, { method: 'GET', path: '/api/frontend/settings' }, SETTINGS)).data;
    return settings;
  };
  if (version === undefined) {
    const buildInfo = (await readSettings())['buildInfo'] as Record<string, unknown>;
    const v = buildInfo['version'];
    if (typeof v === 'string' && v !== '') version = v;
  }
  const major = version !== undefined && /^\d+/.test(version) ? Number(/^\d+/.exec(version)![0]) : undefined;
  const defaultNamespace = client.orgId !== undefined && client.orgId !== 1 ? `org-${client.orgId}` : 'default';
  const info: GrafanaServerInfo = { version, major, apiMode: 'classic', namespace: defaultNamespace };
  if (mode === 'classic') return info;
  if (mode === 'auto' && major !== undefined && major < 12) return info;

  const { status, data } = await requestShaped(client, { method: 'GET', path: '/apis', accept: [404, 403] }, (value, source) => {
    const list = API_GROUPS(value, source);
    return { groups: API_GROUP(list['groups'], source) as ApiGroup[] };
  });
  const groups = status >= 200 && status < 300 ? data.groups : [];
  const dashboardApiVersion = pickVersion(groups, DASHBOARD_GROUP, SPEC_VERSIONS);
  const dashboardV2ApiVersion = pickVersion(groups, DASHBOARD_GROUP, V2_SPEC_VERSIONS);
  const folderApiVersion = pickVersion(groups, FOLDER_GROUP, SPEC_VERSIONS);
  if (dashboardApiVersion === undefined || folderApiVersion === undefined) {
    if (mode === 'k8s') {
      throw new GrafanaError({
        kind: 'config',
        url: client.url,
        method: 'GET',
        path: '/apis',
        detail: `apiMode 'k8s' needs ${DASHBOARD_GROUP} and ${FOLDER_GROUP} (${SPEC_VERSIONS.join(', ')}), which this Grafana${version ? ` ${version}` : ''} does not serve`,
        suggestion: "use apiMode 'classic' (or 'auto'); the Kubernetes-style API needs Grafana 12 or later",
      });
    }
    return info;
  }
  const ns = (await readSettings())['namespace'];
  return {
    ...info,
    apiMode: 'k8s',
    namespace: typeof ns === 'string' && ns !== '' ? ns : defaultNamespace,
    dashboardApiVersion,
    ...(dashboardV2ApiVersion !== undefined && { dashboardV2ApiVersion }),
    folderApiVersion,
  };
}

function pickVersion<V extends string>(groups: readonly ApiGroup[], name: string, wanted: readonly V[]): V | undefined {
  const group = groups.find((g) => g.name === name);
  const served = new Set((group?.versions ?? []).map((v) => v.version));
  return wanted.find((v) => served.has(v));
}
