import type { DataQueryKind } from './dashboard-v2-spec.js';

type Json = Record<string, unknown>;

/** The data source `{ type, uid }` of a classic panel, target, variable or annotation, if it names one. */
export function classicDatasource(json: Json): { type?: string; uid?: string } | undefined {
  const ds = json.datasource;
  if (typeof ds !== 'object' || ds === null) return undefined;
  const { type, uid } = ds as Json;
  return { ...(typeof type === 'string' && { type }), ...(typeof uid === 'string' && { uid }) };
}

// Grafana's panel-level pseudo data source for panels whose queries each name their own.
const MIXED_UID = '-- Mixed --';

/** True for the panel-level "-- Mixed --" data source. */
export function isMixedDatasource(ds: { type?: string; uid?: string } | undefined): boolean {
  return ds?.uid === MIXED_UID;
}

/**
 * A v2 `DataQuery` from a classic query body and the data source it runs on: `group` is the
 * data source type, `datasource.name` its uid (or a `${variable}`); the body keeps every key
 * but `refId`, `datasource` and `hide`, which v2 stores elsewhere. Returns a message instead
 * when the data source type is unknown (v2 needs it; Grafana would guess from its default).
 *
 * @example
 * dataQueryOf({ refId: 'A', expr: 'up' }, { type: 'prometheus', uid: '${datasource}' })
 * // → { kind: 'DataQuery', group: 'prometheus', version: 'v0', datasource: { name: '${datasource}' }, spec: { expr: 'up' } }
 */
export function dataQueryOf(body: Json, datasource: { type?: string; uid?: string } | undefined): DataQueryKind | string {
  if (datasource?.type === undefined || datasource.type === '') {
    return 'has no data source type; schema v2 stores one per query (set a data source on the panel or query)';
  }
  const spec: Json = {};
  for (const [key, value] of Object.entries(body)) {
    if (key !== 'refId' && key !== 'datasource' && key !== 'hide') spec[key] = value;
  }
  return {
    kind: 'DataQuery',
    group: datasource.type,
    version: 'v0',
    ...(datasource.uid !== undefined && { datasource: { name: datasource.uid } }),
    spec,
  };
}
