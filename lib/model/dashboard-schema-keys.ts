/**
 * The top-level keys of a classic dashboard, in the order of the `Dashboard` properties of
 * schemas/dashboard.schema.json (a drift test keeps them equal): what Grafana's frontend keeps
 * when a user saves, and what the v2 conversion knows a home for.
 *
 * @example
 * CLASSIC_DASHBOARD_KEYS.includes('graphTooltip') // → true
 */
export const CLASSIC_DASHBOARD_KEYS: readonly string[] = [
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
 * The top-level keys of a v2 dashboard spec (`DashboardV2Spec`, grafana-v2.md §2.2): what Grafana
 * keeps on decode (its typed structs drop any other key), and what a v2 import may meet.
 *
 * @example
 * V2_DASHBOARD_SPEC_KEYS.includes('timeSettings') // → true
 */
export const V2_DASHBOARD_SPEC_KEYS: readonly string[] = [
  'title',
  'description',
  'tags',
  'editable',
  'liveNow',
  'preload',
  'revision',
  'cursorSync',
  'annotations',
  'links',
  'variables',
  'timeSettings',
  'elements',
  'layout',
  'preferences',
];
