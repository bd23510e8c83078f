/**
 * Keys a legacy panel (graph, singlestat) shares with the panel type it migrates to, copied as
 * they are by every migration (`migrate-graph.ts`, `migrate-singlestat.ts`).
 *
 * @example
 * new Set([...LEGACY_PANEL_KEPT_KEYS, 'type']); // what a migration that keeps the type copies
 */
export const LEGACY_PANEL_KEPT_KEYS: readonly string[] = [
  'id',
  'title',
  'description',
  'gridPos',
  'datasource',
  'targets',
  'links',
  'repeat',
  'repeatDirection',
  'maxPerRow',
  'transparent',
  'interval',
  'maxDataPoints',
  'timeFrom',
  'timeShift',
  'hideTimeOverride',
  'transformations',
  'libraryPanel',
  'cacheTimeout',
  'queryCachingTTL',
];
