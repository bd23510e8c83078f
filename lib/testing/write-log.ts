import { isBareV2Spec } from './legacy-save.js';
import { isV2Version } from './dashboard-conversion.js';
import { DASHBOARD_GROUP } from './k8s.js';
import { isPlainRecord, type EmulatorState } from './state.js';

/** What a request wrote to a dashboard, as the emulator's request log records it. */
export interface DashboardWriteRecord {
  readonly uid: string;
  /** The schema family of the body sent: classic JSON (`v0alpha1`/`v1*`) or the v2 layout model. */
  readonly body: 'classic' | 'v2';
  /** `api` for `POST /api/dashboards/db`, else the `/apis` version written through. */
  readonly via: string;
  /** The version the dashboard was stored in before the request; absent when it did not exist. */
  readonly storedVersionBefore?: string;
}

const K8S_DASHBOARDS = new RegExp(`^/apis/${DASHBOARD_GROUP.replace(/\./g, '\\.')}/([^/]+)/namespaces/[^/]+/dashboards(?:/([^/]+))?$`);

/**
 * The dashboard write a request makes, read before it is served (so `storedVersionBefore` is the
 * state it met), or undefined for any other request.
 *
 * @example
 * dashboardWriteOf('PUT', '/apis/dashboard.grafana.app/v1/namespaces/default/dashboards/a', { spec: {} }, state)
 * // → { uid: 'a', body: 'classic', via: 'v1', storedVersionBefore: 'v2' }
 */
export function dashboardWriteOf(method: string, path: string, body: unknown, state: EmulatorState): DashboardWriteRecord | undefined {
  if (method !== 'POST' && method !== 'PUT') return undefined;
  const record = isPlainRecord(body) ? body : {};
  let uid: string;
  let family: 'classic' | 'v2';
  let via: string;
  if (path === '/api/dashboards/db' && method === 'POST') {
    const dashboard = isPlainRecord(record.dashboard) ? record.dashboard : {};
    const wrapped = typeof dashboard.apiVersion === 'string';
    const metadata = isPlainRecord(dashboard.metadata) ? dashboard.metadata : {};
    uid = wrapped ? String(metadata.name ?? '') : String(dashboard.uid ?? '');
    const version = wrapped ? (String(dashboard.apiVersion).split('/')[1] ?? '') : '';
    family = (wrapped ? isV2Version(version) : isBareV2Spec(dashboard)) ? 'v2' : 'classic';
    via = 'api';
  } else {
    const match = K8S_DASHBOARDS.exec(path);
    if (!match) return undefined;
    const metadata = isPlainRecord(record.metadata) ? record.metadata : {};
    uid = decodeURIComponent(match[2] ?? String(metadata.name ?? ''));
    via = match[1]!;
    family = isV2Version(via) ? 'v2' : 'classic';
  }
  const before = uid ? state.dashboards.get(uid) : undefined;
  return {
    uid,
    body: family,
    via,
    ...(before ? { storedVersionBefore: before.storedVersion } : {}),
  };
}
