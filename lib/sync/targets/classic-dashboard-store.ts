import { requestShaped, typedAs } from '../../grafana/expect-shape.js';
import type { GrafanaClient } from '../../grafana/grafana-client.js';
import { DASHBOARD_SAVED, DASHBOARD_WITH_META } from './grafana-shapes.js';

/** One dashboard as the classic API gives it. */
export interface ClassicDashboardRead {
  /** The classic JSON (empty when `storedAsV2`). */
  readonly json: Record<string, unknown>;
  /** `meta.version`. */
  readonly version?: number;
  readonly folderUid?: string;
  /** Grafana 12.x answered 406: the dashboard is stored as schema v2, which `/api` cannot give. */
  readonly storedAsV2?: boolean;
}

/**
 * The classic dashboard API (`/api/dashboards/uid/:uid`, `POST /api/dashboards/db`): the store for
 * classic dashboards when a Grafana has no `/apis` (11.x) or `apiMode` is `classic`. It reads and
 * builds bodies; the Grafana target keeps ownership, prefixes and conflicts.
 *
 * @example
 * const classic = new ClassicDashboardStore(client);
 * await classic.read('checkout'); // → { json: { uid: 'checkout', title: 'Checkout', … }, version: 7, folderUid: 'payments' }
 */
export class ClassicDashboardStore {
  readonly family = 'v1' as const;

  constructor(readonly client: GrafanaClient) {}

  /** GET one dashboard; undefined on 404. */
  async read(uid: string): Promise<ClassicDashboardRead | undefined> {
    const res = await requestShaped(
      this.client,
      { method: 'GET', path: `/api/dashboards/uid/${encodeURIComponent(uid)}`, accept: [404, 406], resource: 'dashboard' },
      typedAs<{ dashboard?: Record<string, unknown>; meta?: { version?: number; folderUid?: string } }>(DASHBOARD_WITH_META),
    );
    if (res.status === 404) return undefined;
    if (res.status === 406) return { json: {}, storedAsV2: true };
    const json: Record<string, unknown> = { ...(res.data.dashboard ?? {}) };
    const v = res.data.meta?.version ?? json['version'];
    const folderUid = res.data.meta?.folderUid || undefined;
    return { json, ...(typeof v === 'number' && { version: v }), ...(folderUid !== undefined && { folderUid }) };
  }

  /**
   * `POST /api/dashboards/db` of `json` (marker included) as `uid` in `folderUid` (`''` = root):
   * with `expectedVersion` Grafana refuses (412) when the stored version moved; without it the
   * save overwrites, unless `create` (a create never replaces a dashboard the listing did not show).
   */
  async save(
    uid: string,
    json: Readonly<Record<string, unknown>>,
    options: { folderUid: string; message: string; expectedVersion?: number; create?: boolean },
  ): Promise<{ version?: number }> {
    const { version: _v, id: _id, ...rest } = json as Record<string, unknown>;
    const expected = options.expectedVersion;
    const body = {
      dashboard: { ...rest, uid, id: null, ...(expected !== undefined ? { version: expected } : {}) },
      folderUid: options.folderUid,
      message: options.message.slice(0, 500),
      overwrite: expected === undefined && options.create !== true,
    };
    const res = await requestShaped(this.client, { method: 'POST', path: '/api/dashboards/db', body, retrySafe: true, resource: 'dashboard' }, DASHBOARD_SAVED);
    return typeof res.data['version'] === 'number' ? { version: res.data['version'] } : {};
  }
}
