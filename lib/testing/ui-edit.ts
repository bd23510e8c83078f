import { writeDashboard } from './dashboards.js';
import { deepClone, isPlainRecord, UI_ADMIN, type EmulatorState } from './state.js';
import { str } from './http.js';

/**
 * Top-level keys of the dashboard save model Grafana's frontend keeps when a user saves
 * (the `Dashboard` properties of schemas/dashboard.schema.json; a drift test keeps them equal).
 */
export const DASHBOARD_SCHEMA_KEYS: readonly string[] = [
  'id',
  'uid',
  'title',
  'description',
  'tags',
  'timezone',
  'editable',
  'graphTooltip',
  'time',
  'timepicker',
  'fiscalYearStartMonth',
  'liveNow',
  'weekStart',
  'refresh',
  'schemaVersion',
  'version',
  'panels',
  'templating',
  'annotations',
  'links',
  'gnetId',
  'revision',
];

/**
 * Saves a dashboard the way a person in Grafana's UI does: the frontend rebuilds the save model
 * (unknown top-level keys are dropped), the save is a new version by user `admin`.
 */
export function simulateUiEdit(
  state: EmulatorState,
  uid: string,
  mutate: (dashboard: Record<string, unknown>) => Record<string, unknown> | void,
): Record<string, unknown> {
  const stored = state.dashboards.get(uid);
  if (!stored) throw new Error(`simulateUiEdit: no dashboard with uid "${uid}"`);
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
