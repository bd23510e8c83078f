import { isPlainObject } from './deep-merge.js';

// Keys Grafana users read first come first; the lists of one object kind never conflict with
// another's, so one ranking serves dashboards, panels, targets, variables and field config.
const KEY_ORDER = [
  'type',
  'id',
  'uid',
  'refId',
  'title',
  'name',
  'label',
  'description',
  'libraryPanel',
  'gridPos',
  'collapsed',
  'tags',
  'timezone',
  'editable',
  'graphTooltip',
  'time',
  'timepicker',
  'fiscalYearStartMonth',
  'weekStart',
  'liveNow',
  'refresh',
  'schemaVersion',
  'version',
  'hide',
  'skipUrlSync',
  'transparent',
  'repeat',
  'repeatDirection',
  'maxPerRow',
  'datasource',
  'enable',
  'iconColor',
  'expr',
  'query',
  'definition',
  'queryType',
  'legendFormat',
  'targets',
  'fieldConfig',
  'defaults',
  'overrides',
  'matcher',
  'properties',
  'options',
  'transformations',
  'links',
  'annotations',
  'templating',
  'panels',
];
const RANK = new Map(KEY_ORDER.map((key, index) => [key, index]));

function compareKeys(a: string, b: string): number {
  const ra = RANK.get(a);
  const rb = RANK.get(b);
  if (ra !== undefined && rb !== undefined) return ra - rb;
  if (ra !== undefined) return -1;
  if (rb !== undefined) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A deep copy of `value` with object keys in the project's fixed order: well-known Grafana keys
 * first in reading order, then the rest alphabetically. Array order is kept. Keys whose value is
 * `undefined` are dropped, as JSON would.
 *
 * @example
 * canonicalKeys({ panels: [], title: 'A', uid: 'a', zeta: 1, alpha: 2 })
 * // → { uid: 'a', title: 'A', panels: [], alpha: 2, zeta: 1 }
 */
export function canonicalKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => canonicalKeys(item)) as T;
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort(compareKeys)) {
    if (value[key] !== undefined) out[key] = canonicalKeys(value[key]);
  }
  return out as T;
}
