// Grafana's data source API (`/api/datasources`, OpenAPI: AddDataSourceCommand,
// UpdateDataSourceCommand, DataSource, DataSourceListItemDTO): create, read, list, update with
// optimistic locking on `version`, delete; secrets are write-only (`secureJsonData` in,
// `secureJsonFields` out), and an update keeps the secrets it does not name.
import { BAD_REQUEST_DATA, json, messageError, type Reply, type RequestContext, type Route } from './http.js';
import { generateUid, isPlainRecord, UID_PATTERN, type EmulatorState, type StoredDatasource } from './state.js';

const NOT_FOUND_DS: Reply = messageError(404, 'Data source not found');
const NAME_EXISTS: Reply = messageError(409, 'data source with the same name already exists');
const UID_EXISTS: Reply = messageError(409, 'data source with the same uid already exists');
const OLD_VERSION: Reply = messageError(409, 'Datasource has already been updated by someone else. Please reload and try again');

const PLUGIN_NAMES: Readonly<Record<string, string>> = { prometheus: 'Prometheus', loki: 'Loki', tempo: 'Tempo', zipkin: 'Zipkin' };

function typeLogoUrl(type: string): string {
  return `public/app/plugins/datasource/${type}/img/logo.svg`;
}

/** `GET /api/datasources/uid/:uid` (the `DataSource` model): no secret values, only which are set. */
export function datasourceDto(state: EmulatorState, d: StoredDatasource): Record<string, unknown> {
  return {
    id: d.id,
    uid: d.uid,
    orgId: state.orgId,
    name: d.name,
    type: d.type,
    typeLogoUrl: typeLogoUrl(d.type),
    access: d.access,
    url: d.url,
    user: d.user,
    database: d.database,
    basicAuth: d.basicAuth,
    basicAuthUser: d.basicAuthUser,
    withCredentials: d.withCredentials,
    isDefault: d.isDefault,
    jsonData: structuredClone(d.jsonData),
    secureJsonFields: Object.fromEntries(Object.keys(d.secureJsonData).map((k) => [k, true])),
    version: d.version,
    readOnly: d.readOnly,
  };
}

function listItem(state: EmulatorState, d: StoredDatasource): Record<string, unknown> {
  return {
    id: d.id,
    uid: d.uid,
    orgId: state.orgId,
    name: d.name,
    type: d.type,
    typeName: PLUGIN_NAMES[d.type] ?? d.type,
    typeLogoUrl: typeLogoUrl(d.type),
    access: d.access,
    url: d.url,
    user: d.user,
    database: d.database,
    basicAuth: d.basicAuth,
    isDefault: d.isDefault,
    jsonData: structuredClone(d.jsonData),
    readOnly: d.readOnly,
  };
}

interface Command {
  readonly name: string;
  readonly type: string;
  readonly uid: string;
  readonly access: string;
  readonly url: string;
  readonly user: string;
  readonly database: string;
  readonly basicAuth: boolean;
  readonly basicAuthUser: string;
  readonly withCredentials: boolean;
  readonly isDefault: boolean;
  readonly jsonData: Record<string, unknown>;
  readonly secureJsonData: Record<string, string>;
  readonly version?: number;
}

/** Parses an Add/UpdateDataSourceCommand; a wrong-typed field is Grafana's "bad request data". */
function parseCommand(body: unknown): Command | Reply {
  if (!isPlainRecord(body)) return BAD_REQUEST_DATA;
  const strings = ['name', 'type', 'uid', 'access', 'url', 'user', 'database', 'basicAuthUser'] as const;
  for (const k of strings) if (body[k] !== undefined && typeof body[k] !== 'string') return BAD_REQUEST_DATA;
  for (const k of ['basicAuth', 'withCredentials', 'isDefault'] as const) if (body[k] !== undefined && typeof body[k] !== 'boolean') return BAD_REQUEST_DATA;
  if (body.jsonData !== undefined && body.jsonData !== null && !isPlainRecord(body.jsonData)) return BAD_REQUEST_DATA;
  if (body.secureJsonData !== undefined && (!isPlainRecord(body.secureJsonData) || Object.values(body.secureJsonData).some((v) => typeof v !== 'string')))
    return BAD_REQUEST_DATA;
  if (body.version !== undefined && !Number.isInteger(body.version)) return BAD_REQUEST_DATA;
  const s = (k: (typeof strings)[number]) => (body[k] as string | undefined) ?? '';
  return {
    name: s('name'),
    type: s('type'),
    uid: s('uid'),
    access: s('access') || 'proxy',
    url: s('url'),
    user: s('user'),
    database: s('database'),
    basicAuth: body.basicAuth === true,
    basicAuthUser: s('basicAuthUser'),
    withCredentials: body.withCredentials === true,
    isDefault: body.isDefault === true,
    jsonData: structuredClone((body.jsonData as Record<string, unknown> | undefined) ?? {}),
    secureJsonData: { ...((body.secureJsonData as Record<string, string> | undefined) ?? {}) },
    ...(body.version !== undefined ? { version: body.version as number } : {}),
  };
}

function isReply(value: unknown): value is Reply {
  return isPlainRecord(value) && typeof value.status === 'number' && !('name' in value);
}

function validate(cmd: Command): Reply | undefined {
  if (cmd.name.trim() === '') return messageError(400, 'Datasource name is required');
  if (cmd.type === '') return messageError(400, 'Datasource type is required');
  if (cmd.uid !== '' && (!UID_PATTERN.test(cmd.uid) || cmd.uid.length > 40)) return messageError(400, 'Failed to add datasource: invalid UID');
  if (cmd.access !== 'proxy' && cmd.access !== 'direct') return BAD_REQUEST_DATA;
  return undefined;
}

function nameTaken(state: EmulatorState, name: string, except?: string): boolean {
  for (const d of state.datasources.values()) if (d.name === name && d.uid !== except) return true;
  return false;
}

function list({ state }: RequestContext): Reply {
  const items = [...state.datasources.values()].sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()));
  return json(
    200,
    items.map((d) => listItem(state, d)),
  );
}

function getByUid({ state, params }: RequestContext): Reply {
  const d = state.datasources.get(params.uid ?? '');
  return d ? json(200, datasourceDto(state, d)) : NOT_FOUND_DS;
}

function create({ state, body }: RequestContext): Reply {
  const cmd = parseCommand(body);
  if (isReply(cmd)) return cmd;
  const invalid = validate(cmd);
  if (invalid) return invalid;
  if (nameTaken(state, cmd.name)) return NAME_EXISTS;
  if (cmd.uid !== '' && state.datasources.has(cmd.uid)) return UID_EXISTS;
  const { version: _v, ...fields } = cmd;
  const stored: StoredDatasource = { ...fields, id: state.nextId(), uid: cmd.uid || generateUid(), version: 1, readOnly: false };
  if (stored.isDefault) for (const other of state.datasources.values()) other.isDefault = false;
  state.datasources.set(stored.uid, stored);
  return json(200, { datasource: datasourceDto(state, stored), id: stored.id, message: 'Datasource added', name: stored.name });
}

function update({ state, params, body }: RequestContext): Reply {
  const stored = state.datasources.get(params.uid ?? '');
  if (!stored) return NOT_FOUND_DS;
  const cmd = parseCommand(body);
  if (isReply(cmd)) return cmd;
  const invalid = validate(cmd);
  if (invalid) return invalid;
  if (stored.readOnly) return messageError(403, 'Cannot update read-only data source');
  if (cmd.version !== undefined && cmd.version !== 0 && cmd.version !== stored.version) return OLD_VERSION;
  if (nameTaken(state, cmd.name, stored.uid)) return NAME_EXISTS;
  // The uid in the body cannot move the data source.
  if (cmd.uid !== '' && cmd.uid !== stored.uid) return messageError(400, 'Failed to update datasource: uid cannot be changed');
  const { version: _v, uid: _u, secureJsonData, ...fields } = cmd;
  Object.assign(stored, fields, { secureJsonData: { ...stored.secureJsonData, ...secureJsonData }, version: stored.version + 1 });
  if (stored.isDefault) for (const other of state.datasources.values()) if (other !== stored) other.isDefault = false;
  return json(200, { datasource: datasourceDto(state, stored), id: stored.id, message: 'Datasource updated', name: stored.name });
}

function remove({ state, params }: RequestContext): Reply {
  const stored = state.datasources.get(params.uid ?? '');
  if (!stored) return NOT_FOUND_DS;
  if (stored.readOnly) return messageError(403, 'Cannot delete read-only data source');
  state.datasources.delete(stored.uid);
  return json(200, { id: stored.id, message: 'Data source deleted' });
}

export const datasourceRoutes: readonly Route[] = [
  { method: 'GET', pattern: '/api/datasources', handler: list },
  { method: 'POST', pattern: '/api/datasources', handler: create },
  { method: 'GET', pattern: '/api/datasources/uid/:uid', handler: getByUid },
  { method: 'PUT', pattern: '/api/datasources/uid/:uid', handler: update },
  { method: 'DELETE', pattern: '/api/datasources/uid/:uid', handler: remove },
];
