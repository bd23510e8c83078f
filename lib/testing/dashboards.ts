import {
  BAD_REQUEST_DATA,
  json,
  messageError,
  num,
  queryInt,
  statusError,
  str,
  tracedError,
  type InstanceInfo,
  type Reply,
  type RequestContext,
  type Route,
} from './http.js';
import {
  dashboardUrl,
  deepClone,
  folderUrl,
  generateK8sUid,
  generateUid,
  isPlainRecord,
  now,
  slugify,
  UID_PATTERN,
  type DashboardVersionRow,
  type EmulatorIdentity,
  type EmulatorState,
  type StoredDashboard,
} from './state.js';
import { classicToV2, convertV2Spec, v2ToClassic } from './dashboard-conversion.js';

/**
 * Writes a new dashboard or a new version of an existing one: sets `id`, `uid`, `title`,
 * `version` inside the JSON (nothing else is touched) and appends a version row.
 */
export function writeDashboard(
  state: EmulatorState,
  input: {
    readonly existing: StoredDashboard | undefined;
    readonly uid: string;
    readonly title: string;
    readonly folderUid: string;
    readonly data: Record<string, unknown>;
    readonly version: number;
    readonly message: string;
    readonly identity: EmulatorIdentity;
    readonly parentVersion: number;
    readonly restoredFrom?: number;
    /** Default `v0alpha1` (a classic `/api` save). */
    readonly storedVersion?: string;
    /** The v2 spec when `storedVersion` is a v2 version; `data` is then ignored (derived). */
    readonly v2Spec?: Record<string, unknown>;
    /** Client annotations to keep; default: those already stored. */
    readonly annotations?: Record<string, string>;
    readonly labels?: Record<string, string>;
  },
): StoredDashboard {
  const timestamp = now();
  const existing = input.existing;
  const id = existing ? existing.id : state.nextId();
  const v2Spec = input.v2Spec ? deepClone(input.v2Spec) : undefined;
  const source = v2Spec ? v2ToClassic(v2Spec) : input.data;
  const data = { ...deepClone(source), id, uid: input.uid, title: input.title, version: input.version };
  const storedVersion = input.storedVersion ?? 'v0alpha1';
  const annotations = { ...(input.annotations ?? existing?.annotations ?? {}) };
  const labels = { ...(input.labels ?? existing?.labels ?? {}) };
  const row: DashboardVersionRow = {
    id: state.nextVersionRowId(),
    version: input.version,
    parentVersion: input.parentVersion,
    restoredFrom: input.restoredFrom ?? 0,
    created: timestamp,
    createdBy: input.identity,
    message: input.message,
    data: deepClone(data),
  };
  if (existing) {
    existing.title = input.title;
    existing.folderUid = input.folderUid;
    existing.version = input.version;
    existing.data = data;
    existing.updated = timestamp;
    existing.updatedBy = input.identity;
    existing.message = input.message;
    existing.resourceVersion = state.nextResourceVersion();
    existing.storedVersion = storedVersion;
    existing.annotations = annotations;
    existing.labels = labels;
    if (v2Spec) existing.v2Spec = v2Spec;
    else delete existing.v2Spec;
    existing.versions.push(row);
    return existing;
  }
  const stored: StoredDashboard = {
    id,
    uid: input.uid,
    title: input.title,
    folderUid: input.folderUid,
    version: input.version,
    data,
    created: timestamp,
    updated: timestamp,
    createdBy: input.identity,
    updatedBy: input.identity,
    versions: [row],
    resourceVersion: state.nextResourceVersion(),
    k8sUid: generateK8sUid(),
    message: input.message,
    storedVersion,
    annotations,
    labels,
    ...(v2Spec ? { v2Spec } : {}),
  };
  state.dashboards.set(input.uid, stored);
  return stored;
}

/** `POST /api/dashboards/db`, exactly the classic (11.3–12.x) algorithm of grafana-api.md §11. */
export function saveDashboard(state: EmulatorState, body: unknown, identity: EmulatorIdentity): Reply {
  if (!isPlainRecord(body)) return BAD_REQUEST_DATA;
  if (body.isFolder === true) return messageError(400, 'Use folders endpoint for saving folders.');
  const d = isPlainRecord(body.dashboard) ? body.dashboard : {};
  const id = num(d.id);
  const uid = str(d.uid).trim();
  const title = str(d.title).trim();
  let version = num(d.version);
  const message = str(body.message);
  const overwrite = body.overwrite === true;
  if (title === '') return statusError(400, 'empty-name', 'Dashboard title cannot be empty');
  if (message.length > 500) return messageError(400, 'message too long, max 500 characters');
  if (!UID_PATTERN.test(uid)) return messageError(400, 'uid contains illegal characters');
  if (uid.length > 40) return messageError(400, 'uid too long, max 40 characters');
  let folderUid = str(body.folderUid);
  if (folderUid === 'general') folderUid = '';
  if (folderUid !== '' && !state.folders.has(folderUid)) return messageError(400, 'folder not found');
  const byId = id > 0 ? state.dashboardById(id) : undefined;
  if (id > 0 && !byId) return statusError(404, 'not-found', 'Dashboard not found');
  const byUid = uid ? state.dashboards.get(uid) : undefined;
  if (byId && byUid && byId !== byUid) return messageError(400, 'A dashboard with the same uid already exists');
  if (!byId && !byUid && uid && state.folders.has(uid)) return messageError(400, 'Dashboard cannot be changed to a folder');
  const existing = byId ?? byUid;
  if (existing) {
    if (version !== existing.version) {
      if (overwrite) version = existing.version;
      else return statusError(412, 'version-mismatch', 'The dashboard has been changed by someone else');
    }
    if (existing.pluginId && !overwrite) {
      return statusError(412, 'plugin-dashboard', `The dashboard belongs to plugin ${existing.pluginId}.`);
    }
    if (existing.provisioned) return messageError(400, 'Cannot save provisioned dashboard');
  }
  const finalUid = existing ? existing.uid : uid || generateUid();
  const saved = writeDashboard(state, {
    existing,
    uid: finalUid,
    title,
    folderUid,
    data: d,
    version: existing ? version + 1 : 1,
    message,
    identity,
    parentVersion: existing ? version : 0,
  });
  return savedReply(saved);
}

/** The answer to a successful dashboard save or restore: `{status, slug, version, id, uid, url, folderUid}`. */
export function savedReply(saved: StoredDashboard): Reply {
  return json(200, {
    status: 'success',
    slug: slugify(saved.title),
    version: saved.version,
    id: saved.id,
    uid: saved.uid,
    url: dashboardUrl(saved),
    folderUid: saved.folderUid,
  });
}

/** `dtos.DashboardFullWithMeta` for one stored dashboard (§2.5). */
export function dashboardWithMeta(state: EmulatorState, d: StoredDashboard, instance: InstanceInfo): Record<string, unknown> {
  const folder = d.folderUid ? state.folders.get(d.folderUid) : undefined;
  const meta: Record<string, unknown> = {
    type: 'db',
    canSave: true,
    canEdit: true,
    canAdmin: true,
    canStar: true,
    canDelete: true,
    slug: slugify(d.title),
    url: dashboardUrl(d),
    expires: '0001-01-01T00:00:00Z',
    created: d.created,
    updated: d.updated,
    updatedBy: d.updatedBy.login,
    createdBy: d.createdBy.login,
    version: d.version,
    hasAcl: false,
    isFolder: false,
    ...(instance.major >= 12 ? { apiVersion: 'v0alpha1' } : {}),
    folderId: folder ? folder.id : 0,
    folderUid: folder ? folder.uid : '',
    folderTitle: folder ? folder.title : 'General',
    folderUrl: folder ? folderUrl(folder) : '',
    provisioned: d.provisioned === true,
    provisionedExternalId: '',
    annotationsPermissions: {
      dashboard: { canAdd: true, canEdit: true, canDelete: true },
      organization: { canAdd: true, canEdit: true, canDelete: true },
    },
    publicDashboardEnabled: false,
  };
  return { dashboard: { ...deepClone(d.data), id: d.id, uid: d.uid, version: d.version }, meta };
}

const DASHBOARD_NOT_FOUND: Reply = tracedError(404, 'Dashboard not found');

/**
 * `GET /api/dashboards/uid/:uid`. For a dashboard stored as v2 (grafana-v2.md §3.5): 12.x answers
 * 406 pointing to `/apis`; 13.x answers 200 with the lossy classic conversion. On 13.x
 * `?apiVersion=v2beta1` (or `v2`) puts the v2 spec in `dashboard` instead.
 */
function getDashboard(ctx: RequestContext): Reply {
  const d = ctx.state.dashboards.get(ctx.params.uid ?? '');
  if (!d) return DASHBOARD_NOT_FOUND;
  const asked = ctx.query.get('apiVersion') ?? '';
  if (ctx.instance.major >= 13 && /^v2(beta1)?$/.test(asked)) {
    const { id: _id, version: _version, ...classic } = d.data;
    const spec = d.v2Spec ? convertV2Spec(d.v2Spec, asked) : classicToV2(classic, asked);
    return json(200, { ...dashboardWithMeta(ctx.state, d, ctx.instance), dashboard: spec });
  }
  if (d.v2Spec && ctx.instance.major === 12) {
    const where = `/apis/dashboard.grafana.app/${d.storedVersion}/namespaces/${ctx.state.namespace}/dashboards/${d.uid}`;
    return messageError(406, `dashboard api version not supported, use ${where} instead`);
  }
  return json(200, dashboardWithMeta(ctx.state, d, ctx.instance));
}

function deleteDashboard(ctx: RequestContext): Reply {
  const uid = ctx.params.uid ?? '';
  const d = ctx.state.dashboards.get(uid);
  if (!d) {
    if (ctx.state.folders.has(uid)) return messageError(400, 'Use folders endpoint for deleting folders.');
    return DASHBOARD_NOT_FOUND;
  }
  if (d.provisioned) return tracedError(400, 'provisioned dashboard cannot be deleted');
  ctx.state.dashboards.delete(uid);
  return json(200, { title: d.title, message: `Dashboard ${d.title} deleted`, uid: d.uid });
}

/** `DashboardVersionMeta` with Grafana's listing message rules. */
function versionMeta(d: StoredDashboard, row: DashboardVersionRow, withData: boolean): Record<string, unknown> {
  let message = row.message;
  if (row.restoredFrom > 0) message = `Restored from version ${row.restoredFrom}`;
  else if (row.parentVersion === 0) message = 'Initial save';
  return {
    id: row.id,
    dashboardId: d.id,
    uid: d.uid,
    parentVersion: row.parentVersion,
    restoredFrom: row.restoredFrom,
    version: row.version,
    created: row.created,
    createdBy: row.createdBy.login,
    message,
    ...(withData ? { data: deepClone(row.data) } : {}),
  };
}

function listVersions(ctx: RequestContext): Reply {
  const d = ctx.state.dashboards.get(ctx.params.uid ?? '');
  if (!d) return DASHBOARD_NOT_FOUND;
  const limit = Math.max(0, queryInt(ctx.query, 'limit', 0));
  const token = ctx.query.get('continueToken');
  const start = Math.max(0, token ? Number(token) || 0 : queryInt(ctx.query, 'start', 0));
  const newestFirst = [...d.versions].reverse();
  const page = limit > 0 ? newestFirst.slice(start, start + limit) : newestFirst.slice(start);
  const versions = page.map((row) => versionMeta(d, row, false));
  if (ctx.instance.major < 12) return json(200, versions);
  const next = start + page.length;
  return json(200, { versions, continueToken: limit > 0 && next < newestFirst.length ? String(next) : '' });
}

function getVersion(ctx: RequestContext): Reply {
  const d = ctx.state.dashboards.get(ctx.params.uid ?? '');
  if (!d) return DASHBOARD_NOT_FOUND;
  const wanted = Number(ctx.params.version);
  const row = d.versions.find((r) => r.version === wanted);
  if (!row) return tracedError(500, `Dashboard version ${ctx.params.version} not found for dashboardId ${d.id}`);
  return json(200, versionMeta(d, row, true));
}

function restoreVersion(ctx: RequestContext): Reply {
  const d = ctx.state.dashboards.get(ctx.params.uid ?? '');
  if (!d) return DASHBOARD_NOT_FOUND;
  if (!isPlainRecord(ctx.body)) return BAD_REQUEST_DATA;
  const wanted = num(ctx.body.version);
  const row = d.versions.find((r) => r.version === wanted);
  if (!row) return tracedError(404, 'Dashboard version not found');
  const saved = writeDashboard(ctx.state, {
    existing: d,
    uid: d.uid,
    title: str(row.data.title, d.title),
    folderUid: d.folderUid,
    data: row.data,
    version: d.version + 1,
    message: `Restored from version ${wanted}`,
    identity: ctx.identity,
    parentVersion: d.version,
    restoredFrom: wanted,
  });
  return savedReply(saved);
}

function tags(ctx: RequestContext): Reply {
  const counts = new Map<string, number>();
  for (const d of ctx.state.dashboards.values()) {
    const list = Array.isArray(d.data.tags) ? d.data.tags : [];
    for (const t of new Set(list.filter((x): x is string => typeof x === 'string'))) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return json(
    200,
    [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([term, count]) => ({ term, count })),
  );
}

/** Classic dashboard routes; `POST /api/dashboards/db` is in legacy-save.ts (it also takes k8s-style bodies). */
export const dashboardRoutes: readonly Route[] = [
  { method: 'GET', pattern: '/api/dashboards/tags', handler: tags },
  { method: 'GET', pattern: '/api/dashboards/uid/:uid', handler: getDashboard },
  { method: 'DELETE', pattern: '/api/dashboards/uid/:uid', handler: deleteDashboard },
  { method: 'GET', pattern: '/api/dashboards/uid/:uid/versions', handler: listVersions },
  { method: 'GET', pattern: '/api/dashboards/uid/:uid/versions/:version', handler: getVersion },
  { method: 'POST', pattern: '/api/dashboards/uid/:uid/restore', handler: restoreVersion },
];
