import { CLASSIC_DASHBOARD_KEYS } from '../model/dashboard-schema-keys.js';
import { writeDashboard } from './dashboards.js';
import { classicToV2, normalizeV2Spec } from './dashboard-conversion.js';
import { deepClone, isPlainRecord, UI_ADMIN, type EmulatorState, type StoredDashboard } from './state.js';
import { str } from './http.js';

/**
 * Top-level keys of the dashboard save model Grafana's frontend keeps when a user saves
 * (the `Dashboard` properties of schemas/dashboard.schema.json; a drift test keeps them equal).
 */
export const DASHBOARD_SCHEMA_KEYS: readonly string[] = CLASSIC_DASHBOARD_KEYS;

/**
 * Saves a dashboard the way a person in Grafana's UI does: the frontend rebuilds the save model
 * (unknown top-level keys are dropped), the save is a new version by user `admin`. A dashboard
 * stored as v2 is edited and saved as its v2 spec (what the dynamic-dashboards UI does).
 */
export function simulateUiEdit(
  state: EmulatorState,
  uid: string,
  mutate: (dashboard: Record<string, unknown>) => Record<string, unknown> | void,
): Record<string, unknown> {
  const stored = state.dashboards.get(uid);
  if (!stored) throw new Error(`simulateUiEdit: no dashboard with uid "${uid}"`);
  if (stored.v2Spec) return saveV2FromUi(state, stored, stored.storedVersion, deepClone(stored.v2Spec), mutate);
  const draft = deepClone(stored.data);
  const result = mutate(draft);
  const edited = isPlainRecord(result) ? result : draft;
  const kept: Record<string, unknown> = {};
  for (const key of DASHBOARD_SCHEMA_KEYS) if (key in edited) kept[key] = edited[key];
  const saved = writeDashboard(state, {
    existing: stored,
    uid: stored.uid,
    title: str(kept.title, stored.title).trim() || stored.title,
    folderUid: stored.folderUid,
    data: kept,
    version: stored.version + 1,
    message: '',
    identity: UI_ADMIN,
    parentVersion: stored.version,
  });
  return deepClone(saved.data);
}

function saveV2FromUi(
  state: EmulatorState,
  stored: StoredDashboard,
  version: string,
  draft: Record<string, unknown>,
  mutate: (spec: Record<string, unknown>) => Record<string, unknown> | void,
): Record<string, unknown> {
  const result = mutate(draft);
  const spec = normalizeV2Spec(isPlainRecord(result) ? result : draft, version);
  const saved = writeDashboard(state, {
    existing: stored,
    uid: stored.uid,
    title: str(spec.title).trim() || stored.title,
    folderUid: stored.folderUid,
    data: {},
    v2Spec: spec,
    storedVersion: version,
    version: stored.version + 1,
    message: '',
    identity: UI_ADMIN,
    parentVersion: stored.version,
  });
  return deepClone(saved.v2Spec!);
}

/**
 * Opens a dashboard in the dynamic-dashboards UI (Grafana 12.4+/13) and saves it: a classic
 * dashboard is converted to v2 (grafana-v2.md §3.2) and its layout put into tabs — one tab per
 * row when it has rows, else one tab "Overview" holding the grid — then `mutate` may edit the v2
 * spec further. It is stored as `version` (`v2` on 13.x, `v2beta1` on 12.x) by user `admin`,
 * keeping its metadata annotations; the new v2 spec is returned.
 *
 * @example
 * simulateUiSaveAsV2(state, 'checkout', 'v2').layout.kind // → 'TabsLayout'
 */
export function simulateUiSaveAsV2(
  state: EmulatorState,
  uid: string,
  version: string,
  mutate: (spec: Record<string, unknown>) => Record<string, unknown> | void = () => {},
): Record<string, unknown> {
  const stored = state.dashboards.get(uid);
  if (!stored) throw new Error(`simulateUiSaveAsV2: no dashboard with uid "${uid}"`);
  const { id: _id, version: _version, ...classic } = stored.data;
  const spec = stored.v2Spec ? deepClone(stored.v2Spec) : classicToV2(classic, version);
  spec.layout = asTabs(spec.layout);
  return saveV2FromUi(state, stored, version, spec, mutate);
}

/** A layout in tabs: rows become tabs, anything else one "Overview" tab. */
function asTabs(layout: unknown): Record<string, unknown> {
  const l = isPlainRecord(layout) ? layout : { kind: 'GridLayout', spec: { items: [] } };
  if (l.kind === 'TabsLayout') return l;
  const rows = l.kind === 'RowsLayout' && isPlainRecord(l.spec) && Array.isArray(l.spec.rows) ? (l.spec.rows as unknown[]) : undefined;
  const tabs = rows
    ? rows.map((row, i) => {
        const spec = isPlainRecord(row) && isPlainRecord(row.spec) ? row.spec : {};
        return { kind: 'TabsLayoutTab', spec: { title: str(spec.title) || `Tab ${i + 1}`, layout: spec.layout } };
      })
    : [{ kind: 'TabsLayoutTab', spec: { title: 'Overview', layout: l } }];
  return { kind: 'TabsLayout', spec: { tabs } };
}
