import { writeDashboard } from './dashboards.js';
import { classicToV2, convertV2Spec, defaultSpec, isV2Version, normalizeV2Spec } from './dashboard-conversion.js';
import { managerChangeProblem } from './managers.js';
import { createFolder, deleteFolderCascade, moveFolder } from './folders.js';
import { json, queryInt, str, type InstanceInfo, type Reply, type RequestContext, type Route } from './http.js';
import {
  deepClone,
  generateUid,
  isPlainRecord,
  now,
  UID_PATTERN,
  type EmulatorIdentity,
  type EmulatorState,
  type StoredDashboard,
  type StoredFolder,
} from './state.js';

export const DASHBOARD_GROUP = 'dashboard.grafana.app';
export const FOLDER_GROUP = 'folder.grafana.app';
export const FOLDER_ANNOTATION = 'grafana.app/folder';
const MESSAGE_ANNOTATION = 'grafana.app/message';

type Kind = 'dashboards' | 'folders';
const GROUP_OF: Record<Kind, string> = { dashboards: DASHBOARD_GROUP, folders: FOLDER_GROUP };

export function isK8sPath(path: string): boolean {
  return path === '/apis' || path.startsWith('/apis/');
}

/**
 * `dashboard.grafana.app` versions served, preferred first (grafana-v2.md §1.2): 13+ → v1, v1beta1,
 * v0alpha1, v2, v2beta1; 12.1+ → v1beta1, v0alpha1, v2beta1; 12.0 → v1beta1, v0alpha1; before 12
 * → none. (v2alpha1, behind feature flags, is not emulated.)
 */
export function servedDashboardVersions(instance: InstanceInfo): string[] {
  if (instance.major >= 13) return ['v1', 'v1beta1', 'v0alpha1', 'v2', 'v2beta1'];
  if (instance.major === 12) return instance.minor >= 1 ? ['v1beta1', 'v0alpha1', 'v2beta1'] : ['v1beta1', 'v0alpha1'];
  return [];
}

/** `folder.grafana.app` versions served: 12.x → v1beta1; 13+ → v1 (preferred) and v1beta1. */
export function servedFolderVersions(instance: InstanceInfo): string[] {
  if (instance.major >= 13) return ['v1', 'v1beta1'];
  if (instance.major === 12) return ['v1beta1'];
  return [];
}

const REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  412: 'Conflict',
  422: 'Invalid',
  429: 'TooManyRequests',
};

/** A Kubernetes `Status` failure (§1.2 shape 4). */
export function k8sStatus(code: number, reason: string, message: string, details?: Record<string, unknown>): Reply {
  return {
    status: code,
    body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code },
  };
}

export function k8sBadRequest(message: string): Reply {
  return k8sStatus(400, 'BadRequest', message);
}

export function k8sNotFoundRoute(): Reply {
  return k8sStatus(404, 'NotFound', 'the server could not find the requested resource', {});
}

function notFound(kind: Kind, name: string): Reply {
  return k8sStatus(404, 'NotFound', `${kind}.${GROUP_OF[kind]} "${name}" not found`, { name, group: GROUP_OF[kind], kind });
}

function alreadyExists(kind: Kind, name: string): Reply {
  return k8sStatus(409, 'AlreadyExists', `${kind}.${GROUP_OF[kind]} "${name}" already exists`, { name, group: GROUP_OF[kind], kind });
}

function conflict(kind: Kind, name: string): Reply {
  return k8sStatus(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${kind}.${GROUP_OF[kind]} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    { name, group: GROUP_OF[kind], kind },
  );
}

/** Re-expresses a classic error reply (folders) as a k8s Status. */
function asK8s(reply: Reply, kind: Kind, name: string): Reply {
  const body = isPlainRecord(reply.body) ? reply.body : {};
  const status = reply.status === 412 ? 409 : reply.status;
  return k8sStatus(status, REASONS[status] ?? 'InternalError', str(body.message, 'error'), { name, group: GROUP_OF[kind], kind });
}

function identityRef(who: EmulatorIdentity): string {
  return `${who.kind}:${who.uid}`;
}

function stripServerFields(data: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, uid: _uid, version: _version, ...spec } = data;
  return spec;
}

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (isPlainRecord(value)) {
    return `{${Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Annotations the server owns or derives: never stored from a request body. */
const SERVER_ANNOTATIONS = new Set([
  FOLDER_ANNOTATION,
  MESSAGE_ANNOTATION,
  'grafana.app/createdBy',
  'grafana.app/updatedBy',
  'grafana.app/updatedTimestamp',
  'grafana.app/grant-permissions',
  'grafana.app/folderTitle',
  'grafana.app/folderUrl',
]);
const INTERNAL_ID_LABEL = 'grafana.app/deprecatedInternalID';

function clientAnnotations(annotations: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(annotations)) if (typeof value === 'string' && !SERVER_ANNOTATIONS.has(key)) out[key] = value;
  return out;
}

function clientLabels(metadata: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  const labels = isPlainRecord(metadata.labels) ? metadata.labels : {};
  for (const [key, value] of Object.entries(labels)) if (typeof value === 'string' && key !== INTERNAL_ID_LABEL) out[key] = value;
  return out;
}

/**
 * The spec of a stored dashboard as read at `version`, converted when the stored version differs
 * (grafana-v2.md §3.4), with the `status.conversion` Grafana reports: on a failed conversion a
 * default spec and `failed: true` (§3.1).
 */
export function dashboardSpecAt(d: StoredDashboard, version: string): { spec: Record<string, unknown>; conversion?: Record<string, unknown> } {
  const wantsV2 = isV2Version(version);
  const status = version !== d.storedVersion ? { conversion: { failed: false, storedVersion: d.storedVersion } } : {};
  if (wantsV2 === (d.v2Spec !== undefined)) {
    return { spec: d.v2Spec ? convertV2Spec(d.v2Spec, version) : stripServerFields(deepClone(d.data)), ...status };
  }
  if (d.conversionFailure !== undefined) {
    return { spec: defaultSpec(version, d.title), conversion: { failed: true, storedVersion: d.storedVersion, error: d.conversionFailure } };
  }
  const classic = stripServerFields(deepClone(d.data));
  return { spec: wantsV2 ? classicToV2(classic, version) : classic, ...status };
}

/** What a stored dashboard and a stored folder have in common as k8s objects. */
type StoredResource = Pick<
  StoredDashboard,
  'id' | 'uid' | 'k8sUid' | 'resourceVersion' | 'version' | 'created' | 'createdBy' | 'updatedBy' | 'updated' | 'annotations'
>;

interface ResourceShape {
  readonly kind: 'Dashboard' | 'Folder';
  readonly apiVersion: string;
  /** The folder it sits in (`grafana.app/folder`), `''` at the root. */
  readonly parentUid: string;
  readonly message?: string;
  readonly labels: Record<string, string>;
  readonly spec: Record<string, unknown>;
  readonly status: Record<string, unknown>;
}

/** The object Grafana answers for a stored dashboard or folder: one metadata layout for both kinds. */
function resourceObject(state: EmulatorState, stored: StoredResource, shape: ResourceShape): Record<string, unknown> {
  const annotations: Record<string, string> = { ...stored.annotations };
  if (shape.parentUid) annotations[FOLDER_ANNOTATION] = shape.parentUid;
  annotations['grafana.app/createdBy'] = identityRef(stored.createdBy);
  annotations['grafana.app/updatedBy'] = identityRef(stored.updatedBy);
  annotations['grafana.app/updatedTimestamp'] = stored.updated;
  if (shape.message) annotations[MESSAGE_ANNOTATION] = shape.message;
  return {
    kind: shape.kind,
    apiVersion: shape.apiVersion,
    metadata: {
      name: stored.uid,
      namespace: state.namespace,
      uid: stored.k8sUid,
      resourceVersion: stored.resourceVersion,
      generation: stored.version,
      creationTimestamp: stored.created,
      labels: { ...shape.labels, [INTERNAL_ID_LABEL]: String(stored.id) },
      annotations,
    },
    spec: shape.spec,
    status: shape.status,
  };
}

function dashboardObject(state: EmulatorState, d: StoredDashboard, version: string): Record<string, unknown> {
  const view = dashboardSpecAt(d, version);
  return resourceObject(state, d, {
    kind: 'Dashboard',
    apiVersion: `${DASHBOARD_GROUP}/${version}`,
    parentUid: d.folderUid,
    message: d.message,
    labels: d.labels,
    spec: view.spec,
    status: view.conversion ? { conversion: view.conversion } : {},
  });
}

function folderObject(state: EmulatorState, f: StoredFolder, version: string): Record<string, unknown> {
  return resourceObject(state, f, {
    kind: 'Folder',
    apiVersion: `${FOLDER_GROUP}/${version}`,
    parentUid: f.parentUid,
    labels: {},
    spec: { title: f.title, ...(f.description ? { description: f.description } : {}) },
    status: {},
  });
}

export interface Parsed {
  readonly name: string;
  readonly metadata: Record<string, unknown>;
  readonly annotations: Record<string, unknown>;
  readonly spec: Record<string, unknown>;
}

/** Reads name/metadata/spec from a request body, or answers with the k8s error. */
export function parseObject(kind: Kind, body: unknown, urlName: string | undefined): Parsed | Reply {
  if (!isPlainRecord(body)) return k8sBadRequest('the request body must be a JSON object');
  const metadata = isPlainRecord(body.metadata) ? body.metadata : {};
  const annotations = isPlainRecord(metadata.annotations) ? metadata.annotations : {};
  const bodyName = str(metadata.name);
  if (urlName !== undefined && bodyName !== '' && bodyName !== urlName) {
    return k8sBadRequest(`the name of the object (${bodyName}) does not match the name on the URL (${urlName})`);
  }
  let name = urlName ?? bodyName;
  if (name === '' && str(metadata.generateName) !== '') name = `${str(metadata.generateName)}${generateUid().slice(0, 5)}`;
  const singular = kind === 'dashboards' ? 'Dashboard' : 'Folder';
  const group = GROUP_OF[kind];
  if (name === '')
    return k8sStatus(422, 'Invalid', `${singular}.${group} "" is invalid: metadata.name: Required value: name or generateName is required`, {
      group,
      kind: singular,
    });
  if (name.length > 40 || !UID_PATTERN.test(name)) {
    return k8sStatus(
      422,
      'Invalid',
      `${singular}.${group} "${name}" is invalid: metadata.name: Invalid value: "${name}": must be at most 40 characters of [a-zA-Z0-9-_]`,
      { name, group, kind: singular },
    );
  }
  const spec = isPlainRecord(body.spec) ? body.spec : undefined;
  if (!spec) return k8sStatus(422, 'Invalid', `${singular}.${group} "${name}" is invalid: spec: Required value`, { name, group, kind: singular });
  return { name, metadata, annotations, spec };
}

// ---------------------------------------------------------------------------------------------
// Dashboards

/** The content of a dashboard write at `version`: the classic spec, or the v2 spec as Grafana stores it. */
function contentOf(p: Parsed, version: string): { title: string; data: Record<string, unknown>; v2Spec?: Record<string, unknown> } {
  if (isV2Version(version)) {
    const v2Spec = normalizeV2Spec(p.spec, version);
    return { title: str(v2Spec.title).trim(), data: {}, v2Spec };
  }
  const title = str(p.spec.title).trim();
  return { title, data: { ...stripServerFields(p.spec), title } };
}

function forbidden(name: string, message: string): Reply {
  return k8sStatus(403, 'Forbidden', message, { name, group: DASHBOARD_GROUP, kind: 'dashboards' });
}

/** A dashboard write that passed validation: what both POST and PUT store. */
interface DashboardWrite {
  readonly content: ReturnType<typeof contentOf>;
  readonly folderUid: string;
  readonly annotations: Record<string, string>;
  readonly labels: Record<string, string>;
  readonly message: string;
}

/** Validates a dashboard POST/PUT body (title, folder, manager change), or answers with the k8s error. */
function dashboardWrite(ctx: RequestContext, p: Parsed, version: string, existing: StoredDashboard | undefined): DashboardWrite | Reply {
  const content = contentOf(p, version);
  if (content.title === '') return k8sBadRequest('Dashboard spec is missing required title property');
  const folderUid = str(p.annotations[FOLDER_ANNOTATION]);
  if (folderUid !== '' && !ctx.state.folders.has(folderUid)) return k8sBadRequest('folder not found');
  const annotations = clientAnnotations(p.annotations);
  const problem = managerChangeProblem(existing?.annotations, annotations);
  if (problem) return forbidden(p.name, problem);
  return { content, folderUid, annotations, labels: clientLabels(p.metadata), message: str(p.annotations[MESSAGE_ANNOTATION]) };
}

/** Stores a new generation of the dashboard `uid` (generation 1 when there is no `existing`). */
function storeDashboard(ctx: RequestContext, uid: string, w: DashboardWrite, version: string, existing: StoredDashboard | undefined): StoredDashboard {
  return writeDashboard(ctx.state, {
    existing,
    uid,
    title: w.content.title,
    folderUid: w.folderUid,
    data: w.content.data,
    ...(w.content.v2Spec ? { v2Spec: w.content.v2Spec } : {}),
    storedVersion: version,
    annotations: w.annotations,
    labels: w.labels,
    version: (existing?.version ?? 0) + 1,
    message: w.message,
    identity: ctx.identity,
    parentVersion: existing?.version ?? 0,
  });
}

export function createDashboard(ctx: RequestContext, p: Parsed, version: string): Reply {
  if (ctx.state.dashboards.has(p.name)) return alreadyExists('dashboards', p.name);
  const w = dashboardWrite(ctx, p, version, undefined);
  if ('status' in w) return w;
  return json(201, dashboardObject(ctx.state, storeDashboard(ctx, p.name, w, version, undefined), version));
}

/**
 * PUT of an existing dashboard (apistore `prepareObjectForUpdate`): 409 on a stale
 * `resourceVersion`; 403 on a manager change; the generation grows when the spec (compared in
 * the request's version) or the folder annotation changes, and the dashboard is then stored in
 * the request's version. A metadata-only change keeps generation and stored version.
 */
export function updateDashboard(ctx: RequestContext, existing: StoredDashboard, p: Parsed, version: string): Reply {
  const state = ctx.state;
  const rv = str(p.metadata.resourceVersion);
  if (rv !== '' && rv !== existing.resourceVersion) return conflict('dashboards', p.name);
  const w = dashboardWrite(ctx, p, version, existing);
  if ('status' in w) return w;
  const { content, annotations, labels, message } = w;
  const current = dashboardSpecAt(existing, version).spec;
  const comparable = content.v2Spec ? current : { ...current, title: str(current.title).trim() };
  const specChanged = stable(content.v2Spec ?? content.data) !== stable(comparable);
  if (specChanged || w.folderUid !== existing.folderUid) {
    storeDashboard(ctx, existing.uid, w, version, existing);
  } else if (message !== existing.message || stable(annotations) !== stable(existing.annotations) || stable(labels) !== stable(existing.labels)) {
    existing.message = message;
    existing.annotations = annotations;
    existing.labels = labels;
    existing.resourceVersion = state.nextResourceVersion();
  }
  return json(200, dashboardObject(state, existing, version));
}

// ---------------------------------------------------------------------------------------------
// Folders

function createFolderObject(ctx: RequestContext, p: Parsed, version: string): Reply {
  if (ctx.state.folders.has(p.name)) return alreadyExists('folders', p.name);
  const created = createFolder(
    ctx.state,
    {
      uid: p.name,
      title: str(p.spec.title),
      description: str(p.spec.description),
      parentUid: str(p.annotations[FOLDER_ANNOTATION]),
      annotations: clientAnnotations(p.annotations),
    },
    ctx.identity,
  );
  if ('status' in created) return asK8s(created, 'folders', p.name);
  return json(201, folderObject(ctx.state, created, version));
}

function updateFolderObject(ctx: RequestContext, existing: StoredFolder, p: Parsed, version: string): Reply {
  const rv = str(p.metadata.resourceVersion);
  if (rv !== '' && rv !== existing.resourceVersion) return conflict('folders', p.name);
  const title = str(p.spec.title).trim();
  if (title === '')
    return k8sStatus(422, 'Invalid', `Folder.${FOLDER_GROUP} "${p.name}" is invalid: spec.title: Required value`, {
      name: p.name,
      group: FOLDER_GROUP,
      kind: 'Folder',
    });
  const parentUid = str(p.annotations[FOLDER_ANNOTATION]);
  if (parentUid !== existing.parentUid) {
    const problem = moveFolder(ctx.state, existing, parentUid, ctx.identity);
    if (problem) return asK8s(problem, 'folders', p.name);
  }
  const description = str(p.spec.description);
  const annotations = clientAnnotations(p.annotations);
  if (title !== existing.title || description !== existing.description || stable(annotations) !== stable(existing.annotations)) {
    for (const f of ctx.state.folders.values()) {
      if (f.uid !== existing.uid && f.parentUid === existing.parentUid && f.title === title) {
        return k8sStatus(409, 'Conflict', 'a folder with the same name already exists in the current location', {
          name: p.name,
          group: FOLDER_GROUP,
          kind: 'folders',
        });
      }
    }
    existing.title = title;
    existing.description = description;
    existing.annotations = annotations;
    existing.version += 1;
    existing.updated = now();
    existing.updatedBy = ctx.identity;
    existing.resourceVersion = ctx.state.nextResourceVersion();
  }
  return json(200, folderObject(ctx.state, existing, version));
}

// ---------------------------------------------------------------------------------------------
// Listing

/**
 * Items on a LIST page when the request asks for no `limit` (unified storage's
 * `resource/server.go`: a limit below 1 becomes 50), so a client that does not page sees 50.
 */
export const DEFAULT_LIST_LIMIT = 50;

/**
 * A LIST page also ends once its items reach 2 MiB (`maxPageBytes` in the same file), whatever
 * `limit` allows: a client must follow `metadata.continue`, never count items to know it is done.
 */
export const MAX_LIST_PAGE_BYTES = 2 * 1024 * 1024;

/**
 * The opaque continue token of unified storage (`resource/continue.go`): base64 of
 * `{"n": <last name listed>, "v": <resource version of the list>}`; the next page starts after
 * that name. (Grafana lists the next pages at that resource version; the emulator keeps no history
 * and lists the current state.)
 */
function continueToken(lastName: string, resourceVersion: string): string {
  return Buffer.from(JSON.stringify({ n: lastName, v: Number(resourceVersion) })).toString('base64');
}

/** The name a continue token resumes after; null when it is not one this server handed out. */
function continueAfter(token: string): string | null {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
    return isPlainRecord(decoded) && typeof decoded.n === 'string' && decoded.n !== '' ? decoded.n : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Routing

function resolveKind(group: string, resource: string): Kind | undefined {
  if (group === DASHBOARD_GROUP && resource === 'dashboards') return 'dashboards';
  if (group === FOLDER_GROUP && resource === 'folders') return 'folders';
  return undefined;
}

export function k8sRoutes(instance: InstanceInfo): Route[] {
  const versionsOf: Record<string, string[]> = { [DASHBOARD_GROUP]: servedDashboardVersions(instance), [FOLDER_GROUP]: servedFolderVersions(instance) };
  const groups = servedFolderVersions(instance).length === 0 ? [] : [DASHBOARD_GROUP, FOLDER_GROUP];
  const served = (group: string): string[] => versionsOf[group] ?? [];
  const groupEntry = (name: string): Record<string, unknown> => ({
    name,
    versions: served(name).map((v) => ({ groupVersion: `${name}/${v}`, version: v })),
    preferredVersion: { groupVersion: `${name}/${served(name)[0]}`, version: served(name)[0] },
  });

  /** Checks group/version/resource/namespace; returns the kind or the 404/403 reply. */
  const scope = (ctx: RequestContext): { kind: Kind; version: string } | Reply => {
    const { group = '', version = '', ns = '', resource = '' } = ctx.params;
    const kind = resolveKind(group, resource);
    if (!kind || !groups.includes(group) || !served(group).includes(version)) return k8sNotFoundRoute();
    if (ns !== ctx.state.namespace) {
      return k8sStatus(
        403,
        'Forbidden',
        `${resource}.${group} is forbidden: namespace "${ns}" does not match this identity's namespace "${ctx.state.namespace}"`,
        { group, kind: resource },
      );
    }
    return { kind, version };
  };

  const list = (ctx: RequestContext): Reply => {
    const s = scope(ctx);
    if ('status' in s) return s;
    const limit = queryInt(ctx.query, 'limit', 0) > 0 ? queryInt(ctx.query, 'limit', 0) : DEFAULT_LIST_LIMIT;
    const token = ctx.query.get('continue');
    const after = token === null || token === '' ? undefined : continueAfter(token);
    if (after === null) return k8sBadRequest('error decoding continue token');
    const names = s.kind === 'dashboards' ? [...ctx.state.dashboards.keys()] : [...ctx.state.folders.keys()];
    const rest = names.sort().filter((name) => after === undefined || name > after);
    const items: Record<string, unknown>[] = [];
    let bytes = 0;
    for (const name of rest) {
      const item =
        s.kind === 'dashboards'
          ? dashboardObject(ctx.state, ctx.state.dashboards.get(name)!, s.version)
          : folderObject(ctx.state, ctx.state.folders.get(name)!, s.version);
      items.push(item);
      bytes += JSON.stringify(item).length;
      if (items.length >= limit || bytes >= MAX_LIST_PAGE_BYTES) break;
    }
    const last = items.length > 0 ? (items[items.length - 1]!['metadata'] as { name: string }).name : undefined;
    const more = last !== undefined && rest.length > items.length;
    const resourceVersion = ctx.state.currentResourceVersion();
    return json(200, {
      kind: s.kind === 'dashboards' ? 'DashboardList' : 'FolderList',
      apiVersion: `${GROUP_OF[s.kind]}/${s.version}`,
      metadata: { resourceVersion, ...(more && { continue: continueToken(last, resourceVersion) }) },
      items,
    });
  };

  const create = (ctx: RequestContext): Reply => {
    const s = scope(ctx);
    if ('status' in s) return s;
    const p = parseObject(s.kind, ctx.body, undefined);
    if ('status' in p) return p;
    const parsed = p;
    return s.kind === 'dashboards' ? createDashboard(ctx, parsed, s.version) : createFolderObject(ctx, parsed, s.version);
  };

  const get = (ctx: RequestContext): Reply => {
    const s = scope(ctx);
    if ('status' in s) return s;
    const name = ctx.params.name ?? '';
    if (s.kind === 'dashboards') {
      const d = ctx.state.dashboards.get(name);
      return d ? json(200, dashboardObject(ctx.state, d, s.version)) : notFound('dashboards', name);
    }
    const f = ctx.state.folders.get(name);
    return f ? json(200, folderObject(ctx.state, f, s.version)) : notFound('folders', name);
  };

  const update = (ctx: RequestContext): Reply => {
    const s = scope(ctx);
    if ('status' in s) return s;
    const name = ctx.params.name ?? '';
    const p = parseObject(s.kind, ctx.body, name);
    if ('status' in p) return p;
    const parsed = p;
    if (s.kind === 'dashboards') {
      const d = ctx.state.dashboards.get(name);
      return d ? updateDashboard(ctx, d, parsed, s.version) : createDashboard(ctx, parsed, s.version);
    }
    const f = ctx.state.folders.get(name);
    return f ? updateFolderObject(ctx, f, parsed, s.version) : createFolderObject(ctx, parsed, s.version);
  };

  const remove = (ctx: RequestContext): Reply => {
    const s = scope(ctx);
    if ('status' in s) return s;
    const name = ctx.params.name ?? '';
    if (s.kind === 'dashboards') {
      const d = ctx.state.dashboards.get(name);
      if (!d) return notFound('dashboards', name);
      ctx.state.dashboards.delete(name);
      return json(200, {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Success',
        details: { name, group: DASHBOARD_GROUP, kind: 'dashboards', uid: d.k8sUid },
      });
    }
    const f = ctx.state.folders.get(name);
    if (!f) return notFound('folders', name);
    const object = folderObject(ctx.state, f, s.version);
    deleteFolderCascade(ctx.state, f);
    return json(200, object);
  };

  const discovery = (): Reply => json(200, { kind: 'APIGroupList', apiVersion: 'v1', groups: groups.map(groupEntry) });

  const group = (ctx: RequestContext): Reply => {
    const name = ctx.params.group ?? '';
    if (!groups.includes(name)) return k8sNotFoundRoute();
    return json(200, { kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(name) });
  };

  const resources = (ctx: RequestContext): Reply => {
    const name = ctx.params.group ?? '';
    const version = ctx.params.version ?? '';
    if (!groups.includes(name) || !served(name).includes(version)) return k8sNotFoundRoute();
    const [resource, singular, kind] = name === DASHBOARD_GROUP ? ['dashboards', 'dashboard', 'Dashboard'] : ['folders', 'folder', 'Folder'];
    return json(200, {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: `${name}/${version}`,
      resources: [
        {
          name: resource,
          singularName: singular,
          namespaced: true,
          kind,
          verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
        },
      ],
    });
  };

  const base = '/apis/:group/:version/namespaces/:ns/:resource';
  return [
    { method: 'GET', pattern: '/apis', handler: discovery },
    { method: 'GET', pattern: '/apis/:group', handler: group },
    { method: 'GET', pattern: '/apis/:group/:version', handler: resources },
    { method: 'GET', pattern: base, handler: list },
    { method: 'POST', pattern: base, handler: create },
    { method: 'GET', pattern: `${base}/:name`, handler: get },
    { method: 'PUT', pattern: `${base}/:name`, handler: update },
    { method: 'DELETE', pattern: `${base}/:name`, handler: remove },
  ];
}
