import type { V2Element, V2Repeat } from './dashboard-v2-spec.js';
import { classicDatasource, dataQueryOf, isMixedDatasource } from './v2-data-query.js';

type Json = Record<string, unknown>;

// Classic panel keys that v2 keeps elsewhere: layout (gridPos, repeat…) or nowhere needed (type → vizConfig.group).
const QUERY_OPTION_KEYS = ['timeFrom', 'timeShift', 'maxDataPoints', 'interval', 'queryCachingTTL', 'cacheTimeout', 'hideTimeOverride', 'timeCompare'] as const;
const PANEL_KEYS = new Set([
  'id',
  'type',
  'title',
  'description',
  'gridPos',
  'datasource',
  'targets',
  'options',
  'fieldConfig',
  'transformations',
  'links',
  'transparent',
  'repeat',
  'repeatDirection',
  'maxPerRow',
  'pluginVersion',
  'libraryPanel',
  ...QUERY_OPTION_KEYS,
]);

/** A classic panel as a v2 element, with the repeat its layout item carries. */
export interface ConvertedPanel {
  readonly element: V2Element;
  readonly repeat?: V2Repeat;
}

/**
 * Turns one rendered classic panel (with its `id`) into a v2 element, the way Grafana's own
 * v1 → v2 conversion does: queries into `data`, `type`/`options`/`fieldConfig` into
 * `vizConfig`, query options into `queryOptions`, `repeat` onto the layout item. A key v2 has
 * no place for (from a `$merge`) is reported through `report`, never dropped silently.
 *
 * @example
 * v2PanelOf({ id: 1, type: 'stat', title: 'Up', datasource: { type: 'prometheus', uid: 'prom' }, targets: [{ refId: 'A', expr: 'up' }] }, report)
 * // → { element: { kind: 'Panel', spec: { id: 1, title: 'Up', description: '', links: [],
 * //       data: { kind: 'QueryGroup', spec: { queries: [{ kind: 'PanelQuery', spec: { refId: 'A', hidden: false, query: { kind: 'DataQuery', group: 'prometheus', … } } }], transformations: [], queryOptions: {} } },
 * //       vizConfig: { kind: 'VizConfig', group: 'stat', version: '', spec: { options: {}, fieldConfig: { defaults: {}, overrides: [] } } } } } }
 */
export function v2PanelOf(panel: Json, report: (message: string) => void, queryKinds: readonly (string | undefined)[] = []): ConvertedPanel {
  const id = Number(panel.id);
  const title = typeof panel.title === 'string' ? panel.title : '';
  for (const key of Object.keys(panel)) {
    if (!PANEL_KEYS.has(key)) report(`panel key "${key}" has no place in dashboard schema v2`);
  }
  const repeat = repeatOf(panel);
  const library = panel.libraryPanel as { uid?: unknown; name?: unknown } | undefined;
  if (library !== undefined) {
    return {
      element: { kind: 'LibraryPanel', spec: { id, title, libraryPanel: { uid: String(library.uid), name: String(library.name) } } },
      ...(repeat && { repeat }),
    };
  }
  const panelDatasource = classicDatasource(panel);
  const targets = Array.isArray(panel.targets) ? (panel.targets as Json[]) : [];
  const queries = targets.map((target, index) => {
    // The query's own data source, else the panel's, else (Grafana's default data source) the query kind's type.
    const own = classicDatasource(target);
    const inherited = own ?? (isMixedDatasource(panelDatasource) ? undefined : panelDatasource);
    const kind = queryKinds[index];
    const datasource = inherited?.type === undefined && kind !== undefined ? { ...inherited, type: kind } : inherited;
    const refId = String(target.refId);
    const query = dataQueryOf(target, datasource);
    if (typeof query === 'string') report(`query ${refId} ${query}`);
    return { kind: 'PanelQuery' as const, spec: { refId, hidden: target.hide === true, query: typeof query === 'string' ? placeholderQuery : query } };
  });
  const transformations = Array.isArray(panel.transformations)
    ? (panel.transformations as Json[]).map((t) => {
        const { id: transformationId, ...spec } = t;
        return { kind: 'Transformation', group: String(transformationId), spec: { options: {}, ...spec } };
      })
    : [];
  const queryOptions: Json = {};
  for (const key of QUERY_OPTION_KEYS) if (panel[key] !== undefined) queryOptions[key] = panel[key];
  const fieldConfig = (panel.fieldConfig ?? {}) as { defaults?: Json; overrides?: Json[] };
  return {
    element: {
      kind: 'Panel',
      spec: {
        id,
        title,
        description: typeof panel.description === 'string' ? panel.description : '',
        links: Array.isArray(panel.links) ? (panel.links as Json[]) : [],
        ...(panel.transparent !== undefined && { transparent: panel.transparent === true }),
        data: { kind: 'QueryGroup', spec: { queries, transformations, queryOptions } },
        vizConfig: {
          kind: 'VizConfig',
          group: String(panel.type),
          version: typeof panel.pluginVersion === 'string' ? panel.pluginVersion : '',
          spec: {
            options: (panel.options ?? {}) as Json,
            fieldConfig: { defaults: fieldConfig.defaults ?? {}, overrides: fieldConfig.overrides ?? [] },
          },
        },
      },
    },
    ...(repeat && { repeat }),
  };
}

// Stands in for a query already reported as a problem (the build fails; the shape stays typed).
const placeholderQuery = { kind: 'DataQuery', group: '', version: 'v0', spec: {} } as const;

function repeatOf(panel: Json): V2Repeat | undefined {
  if (typeof panel.repeat !== 'string' || panel.repeat === '') return undefined;
  const direction = panel.repeatDirection === 'v' ? 'v' : panel.repeatDirection === 'h' ? 'h' : undefined;
  return {
    mode: 'variable',
    value: panel.repeat,
    ...(direction && { direction }),
    ...(typeof panel.maxPerRow === 'number' && { maxPerRow: panel.maxPerRow }),
  };
}
