import { BAD_REQUEST_DATA, json, messageError, queryInt, statusError, str, tracedError, type Reply, type RequestContext, type Route } from './http.js';
import {
  folderUrl,
  generateK8sUid,
  generateUid,
  isPlainRecord,
  MAX_FOLDER_DEPTH,
  now,
  UID_PATTERN,
  type EmulatorIdentity,
  type EmulatorState,
  type StoredAlertRule,
  type StoredFolder,
} from './state.js';

export const FOLDER_NOT_FOUND: Reply = statusError(404, 'not-found', 'folder not found');
const DEPTH_REACHED: Reply = messageError(400, 'Maximum nested folder depth reached');
const SIBLING_TITLE_TAKEN: Reply = messageError(409, 'a folder with the same name already exists in the current location');

/** The folder DTO (`dtos.Folder`, §4). */
export function folderDto(state: EmulatorState, f: StoredFolder, withParents = true): Record<string, unknown> {
  const dto: Record<string, unknown> = {
    id: f.id,
    uid: f.uid,
    orgId: state.orgId,
    title: f.title,
    url: folderUrl(f),
    hasAcl: false,
    canSave: true,
    canEdit: true,
    canAdmin: true,
    canDelete: true,
    createdBy: f.createdBy.login,
    created: f.created,
    updatedBy: f.updatedBy.login,
    updated: f.updated,
    version: f.version,
  };
  // No `description`: Grafana's dtos.Folder has none (pkg/api/dtos/folder.go, OpenAPI `Folder`,
  // 11.x–13.x); create and update accept one, only the `/apis` folder returns it.
  if (f.parentUid) {
    dto.parentUid = f.parentUid;
    if (withParents) dto.parents = state.ancestors(f.uid).map((p) => folderDto(state, p, false));
  }
  return dto;
}

/** True when another folder under the same parent has this title. */
function siblingTitleTaken(state: EmulatorState, parentUid: string, title: string, except?: string): boolean {
  for (const f of state.folders.values()) {
    if (f.uid !== except && f.parentUid === parentUid && f.title === title) return true;
  }
  return false;
}

export interface CreateFolderInput {
  readonly uid: string;
  readonly title: string;
  readonly description: string;
  readonly parentUid: string;
  /** Client annotations (`/apis` only; the classic API has none). */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** Validates and stores a new folder (shared by `/api/folders` and the k8s API). */
export function createFolder(
  state: EmulatorState,
  input: CreateFolderInput,
  identity: EmulatorIdentity,
  options: { readonly checkSiblingTitle: boolean } = { checkSiblingTitle: true },
): StoredFolder | Reply {
  const title = input.title.trim();
  const uid = input.uid.trim();
  if (title === '') return messageError(400, 'folder title cannot be empty');
  if (!UID_PATTERN.test(uid)) return messageError(400, 'uid contains illegal characters');
  if (uid.length > 40) return messageError(400, 'uid too long, max 40 characters');
  if (uid !== '' && uid === input.parentUid) return messageError(400, 'folder cannot be parent of itself');
  if (uid !== '' && (state.folders.has(uid) || state.dashboards.has(uid))) {
    return messageError(409, 'a folder/dashboard with the same uid already exists');
  }
  const parentUid = input.parentUid === 'general' ? '' : input.parentUid;
  if (parentUid !== '') {
    if (!state.folders.has(parentUid)) return FOLDER_NOT_FOUND;
    if (state.depth(parentUid) + 1 > MAX_FOLDER_DEPTH) return DEPTH_REACHED;
  }
  if (options.checkSiblingTitle && siblingTitleTaken(state, parentUid, title)) return SIBLING_TITLE_TAKEN;
  const timestamp = now();
  const folder: StoredFolder = {
    id: state.nextId(),
    uid: uid || generateUid(),
    title,
    description: input.description,
    annotations: { ...(input.annotations ?? {}) },
    parentUid,
    version: 1,
    created: timestamp,
    updated: timestamp,
    createdBy: identity,
    updatedBy: identity,
    resourceVersion: state.nextResourceVersion(),
    k8sUid: generateK8sUid(),
  };
  state.folders.set(folder.uid, folder);
  return folder;
}

/** Moves a folder under a new parent (`''` = root), checking cycles and the depth limit. */
export function moveFolder(state: EmulatorState, folder: StoredFolder, newParent: string, identity: EmulatorIdentity): Reply | undefined {
  const parentUid = newParent === 'general' ? '' : newParent;
  if (parentUid === folder.parentUid) return undefined;
  if (parentUid === folder.uid) return messageError(400, 'folder cannot be parent of itself');
  if (parentUid !== '') {
    if (!state.folders.has(parentUid)) return FOLDER_NOT_FOUND;
    if (state.subtree(folder.uid).includes(parentUid)) return messageError(400, 'circular reference detected');
    if (state.height(folder.uid) + 1 + state.depth(parentUid) > MAX_FOLDER_DEPTH) return DEPTH_REACHED;
  }
  if (siblingTitleTaken(state, parentUid, folder.title, folder.uid)) return SIBLING_TITLE_TAKEN;
  folder.parentUid = parentUid;
  folder.updated = now();
  folder.updatedBy = identity;
  folder.resourceVersion = state.nextResourceVersion();
  return undefined;
}

/** Deletes a folder, its subfolders and every dashboard in them. */
export function deleteFolderCascade(state: EmulatorState, folder: StoredFolder): void {
  const uids = new Set(state.subtree(folder.uid));
  for (const d of [...state.dashboards.values()]) if (uids.has(d.folderUid)) state.dashboards.delete(d.uid);
  // Grafana-managed alert rules live in folders too (§4: deleted with `forceDeleteRules`).
  for (const r of alertRulesIn(state, uids)) state.alertRules.delete(r.uid);
  for (const key of [...state.ruleGroupIntervals.keys()]) if (uids.has(key.slice(0, key.indexOf('\u0000')))) state.ruleGroupIntervals.delete(key);
  for (const uid of uids) state.folders.delete(uid);
}

/** The alert rules stored in any of `folderUids`. */
function alertRulesIn(state: EmulatorState, folderUids: ReadonlySet<string>): StoredAlertRule[] {
  return [...state.alertRules.values()].filter((r) => folderUids.has(String(r.rule.folderUID)));
}

function listFolders(ctx: RequestContext): Reply {
  const parent = ctx.query.get('parentUid') ?? '';
  const limit = queryInt(ctx.query, 'limit', 1000);
  const page = Math.max(1, queryInt(ctx.query, 'page', 1));
  const children = [...ctx.state.folders.values()]
    .filter((f) => f.parentUid === (parent === 'general' ? '' : parent))
    .sort((a, b) => a.title.toLowerCase().localeCompare(b.title.toLowerCase()) || a.uid.localeCompare(b.uid));
  const size = limit > 0 ? limit : 1000;
  const hits = children.slice((page - 1) * size, page * size).map((f) => ({
    id: f.id,
    uid: f.uid,
    title: f.title,
    ...(f.parentUid ? { parentUid: f.parentUid } : {}),
  }));
  return json(200, hits);
}

function getFolder(ctx: RequestContext): Reply {
  const uid = ctx.params.uid ?? '';
  if (uid === 'general') {
    return json(200, {
      id: 0,
      uid: 'general',
      orgId: ctx.state.orgId,
      title: 'Dashboards',
      url: '',
      hasAcl: false,
      canSave: true,
      canEdit: true,
      canAdmin: true,
      canDelete: false,
      version: 0,
    });
  }
  const f = ctx.state.folders.get(uid);
  return f ? json(200, folderDto(ctx.state, f)) : FOLDER_NOT_FOUND;
}

function postFolder(ctx: RequestContext): Reply {
  const b = ctx.body;
  if (!isPlainRecord(b)) return BAD_REQUEST_DATA;
  const created = createFolder(ctx.state, { uid: str(b.uid), title: str(b.title), description: str(b.description), parentUid: str(b.parentUid) }, ctx.identity);
  return 'status' in created ? created : json(200, folderDto(ctx.state, created));
}

function putFolder(ctx: RequestContext): Reply {
  const b = ctx.body;
  if (!isPlainRecord(b)) return BAD_REQUEST_DATA;
  const f = ctx.state.folders.get(ctx.params.uid ?? '');
  if (!f) return FOLDER_NOT_FOUND;
  const overwrite = b.overwrite === true;
  const version = typeof b.version === 'number' ? b.version : 0;
  if (!overwrite && version !== f.version) {
    return statusError(412, 'version-mismatch', 'the folder has been changed by someone else');
  }
  const title = typeof b.title === 'string' ? b.title.trim() : f.title;
  if (title === '') return messageError(400, 'folder title cannot be empty');
  if (title !== f.title && siblingTitleTaken(ctx.state, f.parentUid, title, f.uid)) return SIBLING_TITLE_TAKEN;
  f.title = title;
  if (typeof b.description === 'string') f.description = b.description;
  f.version += 1;
  f.updated = now();
  f.updatedBy = ctx.identity;
  f.resourceVersion = ctx.state.nextResourceVersion();
  return json(200, folderDto(ctx.state, f));
}

function deleteFolder(ctx: RequestContext): Reply {
  const f = ctx.state.folders.get(ctx.params.uid ?? '');
  if (!f) return FOLDER_NOT_FOUND;
  // Without `forceDeleteRules=true` a folder holding alert rules is refused (§4), so a prune cannot drop rules by accident.
  if (ctx.query.get('forceDeleteRules') !== 'true' && alertRulesIn(ctx.state, new Set(ctx.state.subtree(f.uid))).length > 0) {
    return tracedError(400, 'folder contains alert rules');
  }
  deleteFolderCascade(ctx.state, f);
  // The ≤10 / spec shape; 12.x sends only {"message":"Folder deleted"} — clients must not depend on it.
  return json(200, { title: f.title, message: `Folder ${f.title} deleted`, id: f.id });
}

function postMove(ctx: RequestContext): Reply {
  const b = ctx.body;
  if (!isPlainRecord(b)) return BAD_REQUEST_DATA;
  const f = ctx.state.folders.get(ctx.params.uid ?? '');
  if (!f) return FOLDER_NOT_FOUND;
  const problem = moveFolder(ctx.state, f, str(b.parentUid), ctx.identity);
  return problem ?? json(200, folderDto(ctx.state, f));
}

function counts(ctx: RequestContext): Reply {
  const f = ctx.state.folders.get(ctx.params.uid ?? '');
  if (!f) return FOLDER_NOT_FOUND;
  const uids = new Set(ctx.state.subtree(f.uid));
  const dashboards = [...ctx.state.dashboards.values()].filter((d) => uids.has(d.folderUid)).length;
  return json(200, { folder: uids.size - 1, dashboard: dashboards, librarypanel: 0, alertrule: alertRulesIn(ctx.state, uids).length });
}

export const folderRoutes: readonly Route[] = [
  { method: 'GET', pattern: '/api/folders', handler: listFolders },
  { method: 'POST', pattern: '/api/folders', handler: postFolder },
  { method: 'GET', pattern: '/api/folders/:uid', handler: getFolder },
  { method: 'PUT', pattern: '/api/folders/:uid', handler: putFolder },
  { method: 'DELETE', pattern: '/api/folders/:uid', handler: deleteFolder },
  { method: 'POST', pattern: '/api/folders/:uid/move', handler: postMove },
  { method: 'GET', pattern: '/api/folders/:uid/counts', handler: counts },
];
