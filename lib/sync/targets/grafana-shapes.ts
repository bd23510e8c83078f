/**
 * The shapes of the Grafana answers the Grafana target consumes (reference/grafana-api.md), so
 * that an answer of another shape — an HTML login page, `{}` where a list belongs, a hit
 * without a uid — is an error naming the request, never read as "nothing there".
 */
import { arrayOf, isRecord, objectWith, wrongShape, type ShapeCheck } from '../../grafana/expect-shape.js';

/** `GET /api/search`: `[{uid, title, type, folderUid?, tags?}]`. */
export const SEARCH_HITS = arrayOf(
  'a JSON array of search hits [{uid, title, type, …}]',
  objectWith('a search hit', { uid: 'string', title: 'string' }, { type: 'string', folderUid: 'string', tags: 'array' }),
);

/** `GET /api/folders`: `[{uid, title, parentUid?}]`. */
export const FOLDER_HITS = arrayOf(
  'a JSON array of folders [{uid, title}]',
  objectWith('a folder', { uid: 'string', title: 'string' }, { parentUid: 'string' }),
);

/** `GET /api/folders/:uid` and the answer of `POST /api/folders`. */
export const FOLDER = objectWith(
  'a folder {uid, title, version, …}',
  { uid: 'string', title: 'string' },
  { parentUid: 'string', description: 'string', version: 'number' },
);

/** `GET /api/dashboards/uid/:uid`: `{dashboard, meta}`. */
export const DASHBOARD_WITH_META = objectWith('a dashboard with its meta {dashboard: {…}, meta: {…}}', { dashboard: 'object', meta: 'object' });

/** The answer of `POST /api/dashboards/db`: `{id, uid, version, status, …}`. */
export const DASHBOARD_SAVED = objectWith('the saved dashboard {id, uid, version, status}', { uid: 'string' }, { version: 'number' });

/** A Kubernetes-style object as the `/apis` endpoints return it (folders, dashboards). */
export interface K8sObject {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    resourceVersion?: string;
    generation?: number;
    annotations?: Record<string, string>;
    labels?: Record<string, string>;
  };
  spec?: Record<string, unknown>;
}

/** One Kubernetes-style object: `{metadata: {name, …}, spec?}`. */
export const K8S_OBJECT: ShapeCheck<Record<string, unknown>> = (value, source) => {
  const expected = 'a Kubernetes-style object {apiVersion, kind, metadata: {name, …}, spec}';
  const object = objectWith(expected, { metadata: 'object' }, { spec: 'object' })(value, source);
  const metadata = object['metadata'] as Record<string, unknown>;
  if (typeof metadata['name'] !== 'string' || metadata['name'] === '') wrongShape(source, expected, { metadata: 'without a name' });
  return object;
};

/** A Kubernetes-style list: `{items: [...], metadata: {continue?}}`. */
export const K8S_LIST: ShapeCheck<{ items: Record<string, unknown>[]; continue: string | undefined }> = (value, source) => {
  const list = objectWith('a Kubernetes-style list {items: […], metadata: {continue}}', { items: 'array' }, { metadata: 'object' })(value, source);
  const items = arrayOf('a Kubernetes-style list of objects with metadata.name', K8S_OBJECT)(list['items'], source);
  const metadata = isRecord(list['metadata']) ? list['metadata'] : {};
  const next = metadata['continue'];
  if (next !== undefined && next !== null && typeof next !== 'string') wrongShape(source, 'metadata.continue as a string', next);
  return { items, continue: typeof next === 'string' && next !== '' ? next : undefined };
};
