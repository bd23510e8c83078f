// Only the constant enum tables are shared with the library; the conversion logic below stays the
// emulator's own, so contract tests compare two independent implementations of Grafana's conversion.
import { CURSOR_SYNC, VARIABLE_HIDE, VARIABLE_REFRESH, VARIABLE_SORT } from '../render/v2/v2-enum-names.js';
import { isPlainRecord } from './state.js';
import { V2_DASHBOARD_SPEC_KEYS } from '../model/dashboard-schema-keys.js';

/**
 * The emulator's conversions between the classic dashboard JSON (`v0alpha1`/`v1beta1`/`v1` spec)
 * and the schema v2 spec (`v2beta1`/`v2`), after Grafana's `apps/dashboard/pkg/migration/conversion`
 * as grafana-v2.md §3.2–3.3 describes it. Written for the emulator: it covers panels, library
 * panels, rows, tabs, auto grids, repeats, queries, transformations, the common variable kinds,
 * annotations, links and time settings, and loses what Grafana loses going to v1 (tabs become
 * rows, show/hide rules, auto-grid sizing, element names).
 */

type Json = Record<string, unknown>;

/** The classic schemaVersion the conversion to v1 writes (§3.3: latest seen, 42). */
export const CONVERTED_SCHEMA_VERSION = 42;

const DEFAULT_REFRESH_INTERVALS = ['5s', '10s', '30s', '1m', '5m', '15m', '30m', '1h', '2h', '1d'];
const QUERY_OPTION_KEYS = ['timeFrom', 'timeShift', 'maxDataPoints', 'interval', 'queryCachingTTL', 'cacheTimeout', 'hideTimeOverride'] as const;
/** Auto-grid row heights in grid units when going to v1 (§3.3). */
const AUTO_GRID_HEIGHT: Record<string, number> = {
  short: 5,
  standard: 9,
  tall: 14,
};

/** Whether an API version holds the v2 layout model. */
export function isV2Version(version: string): boolean {
  return version.startsWith('v2');
}

const rec = (v: unknown): Json => (isPlainRecord(v) ? v : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const numOr = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const refIdOf = (i: number): string =>
  i < 26 ? String.fromCharCode(65 + i) : `${String.fromCharCode(65 + Math.floor(i / 26) - 1)}${String.fromCharCode(65 + (i % 26))}`;

// ── classic → v2 ─────────────────────────────────────────────────────────────────────────────

/** A classic datasource reference (object, or a legacy string uid/name) as v2's `group` + `datasource`. */
function dataQuery(ds: unknown, spec: unknown): Json {
  const ref = typeof ds === 'string' ? { uid: ds } : rec(ds);
  const type = text(ref['type']);
  const uid = text(ref['uid']);
  return {
    kind: 'DataQuery',
    group: type || 'prometheus',
    version: 'v0',
    ...(uid ? { datasource: { name: uid } } : {}),
    spec: isPlainRecord(spec) ? spec : spec === null || spec === undefined ? {} : { __legacyStringValue: String(spec) },
  };
}

function transformationToV2(t: unknown, version: string): Json {
  const { id, options, ...rest } = rec(t);
  const name = text(id);
  if (version === 'v2')
    return {
      kind: 'Transformation',
      group: name,
      spec: { options: rec(options), ...rest },
    };
  return { kind: name, spec: { id: name, options: rec(options), ...rest } };
}

function panelElement(p: Json, version: string): Json {
  const id = numOr(p['id'], 0);
  if (isPlainRecord(p['libraryPanel'])) {
    const lib = p['libraryPanel'];
    return {
      kind: 'LibraryPanel',
      spec: {
        id,
        title: text(p['title']),
        libraryPanel: { uid: text(lib['uid']), name: text(lib['name']) },
      },
    };
  }
  const queries = arr(p['targets']).map((t, i) => {
    const { refId, hide, datasource, ...body } = rec(t);
    return {
      kind: 'PanelQuery',
      spec: {
        refId: text(refId) || refIdOf(i),
        hidden: hide === true,
        query: dataQuery(datasource ?? p['datasource'], body),
      },
    };
  });
  const queryOptions: Json = {};
  for (const key of QUERY_OPTION_KEYS) if (p[key] !== undefined && p[key] !== null) queryOptions[key] = p[key];
  const fieldConfig = rec(p['fieldConfig']);
  return {
    kind: 'Panel',
    spec: {
      id,
      title: text(p['title']),
      description: text(p['description']),
      links: arr(p['links']),
      data: {
        kind: 'QueryGroup',
        spec: {
          queries,
          transformations: arr(p['transformations']).map((t) => transformationToV2(t, version)),
          queryOptions,
        },
      },
      vizConfig: {
        kind: 'VizConfig',
        group: text(p['type']),
        version: text(p['pluginVersion']),
        spec: {
          options: rec(p['options']),
          fieldConfig: {
            defaults: rec(fieldConfig['defaults']),
            overrides: arr(fieldConfig['overrides']),
          },
        },
      },
      ...(p['transparent'] === true ? { transparent: true } : {}),
    },
  };
}

function gridItem(p: Json, yOffset: number): Json {
  const pos = rec(p['gridPos']);
  const repeat = text(p['repeat']);
  return {
    kind: 'GridLayoutItem',
    spec: {
      x: numOr(pos['x'], 0),
      y: numOr(pos['y'], 0) - yOffset,
      width: numOr(pos['w'], 6),
      height: numOr(pos['h'], 3),
      element: { kind: 'ElementReference', name: `panel-${numOr(p['id'], 0)}` },
      ...(repeat
        ? {
            repeat: {
              mode: 'variable',
              value: repeat,
              ...(p['repeatDirection'] === 'h' || p['repeatDirection'] === 'v' ? { direction: p['repeatDirection'] } : {}),
              ...(typeof p['maxPerRow'] === 'number' ? { maxPerRow: p['maxPerRow'] } : {}),
            },
          }
        : {}),
    },
  };
}

function layoutOf(panels: Json[]): Json {
  if (!panels.some((p) => p['type'] === 'row'))
    return {
      kind: 'GridLayout',
      spec: { items: panels.map((p) => gridItem(p, 0)) },
    };
  const rows: Json[] = [];
  let current: { row: Json | undefined; children: Json[] } = {
    row: undefined,
    children: [],
  };
  const flush = (): void => {
    const { row, children } = current;
    if (!row && children.length === 0) return;
    const rowY = row ? numOr(rec(row['gridPos'])['y'], 0) + 1 : 0;
    const members = row && row['collapsed'] === true ? arr(row['panels']).map(rec) : children;
    const repeat = row ? text(row['repeat']) : '';
    rows.push({
      kind: 'RowsLayoutRow',
      spec: {
        title: row ? text(row['title']) : '',
        collapse: row ? row['collapsed'] === true : false,
        ...(row ? {} : { hideHeader: true }),
        ...(repeat ? { repeat: { mode: 'variable', value: repeat } } : {}),
        layout: {
          kind: 'GridLayout',
          spec: { items: members.map((p) => gridItem(p, rowY)) },
        },
      },
    });
  };
  for (const p of panels) {
    if (p['type'] === 'row') {
      flush();
      current = { row: p, children: [] };
    } else current.children.push(p);
  }
  flush();
  return { kind: 'RowsLayout', spec: { rows } };
}

function variableToV2(v: Json): Json {
  const common: Json = {
    name: text(v['name']),
    ...(typeof v['label'] === 'string' ? { label: v['label'] } : {}),
    ...(typeof v['description'] === 'string' ? { description: v['description'] } : {}),
    hide: VARIABLE_HIDE[numOr(v['hide'], 0)] ?? 'dontHide',
    skipUrlSync: v['skipUrlSync'] === true,
  };
  const current = isPlainRecord(v['current']) ? v['current'] : { text: '', value: '' };
  const options = arr(v['options']);
  const refresh = VARIABLE_REFRESH[numOr(v['refresh'], 0)] ?? 'never';
  const pick = {
    multi: v['multi'] === true,
    includeAll: v['includeAll'] === true,
    ...(typeof v['allValue'] === 'string' ? { allValue: v['allValue'] } : {}),
    allowCustomValue: v['allowCustomValue'] !== false,
  };
  switch (v['type']) {
    case 'query':
      return {
        kind: 'QueryVariable',
        spec: {
          ...common,
          current,
          options,
          query: dataQuery(v['datasource'], v['query']),
          ...(typeof v['definition'] === 'string' ? { definition: v['definition'] } : {}),
          regex: text(v['regex']),
          sort: VARIABLE_SORT[numOr(v['sort'], 0)] ?? 'disabled',
          refresh,
          ...pick,
        },
      };
    case 'datasource':
      return {
        kind: 'DatasourceVariable',
        spec: {
          ...common,
          current,
          options,
          pluginId: text(v['query']),
          regex: text(v['regex']),
          refresh,
          ...pick,
        },
      };
    case 'constant':
      return {
        kind: 'ConstantVariable',
        spec: { ...common, current, query: text(v['query']) },
      };
    case 'textbox':
      return {
        kind: 'TextVariable',
        spec: { ...common, current, query: text(v['query']) },
      };
    case 'interval':
      return {
        kind: 'IntervalVariable',
        spec: {
          ...common,
          current,
          options,
          query: text(v['query']),
          auto: v['auto'] === true,
          auto_min: text(v['auto_min'], '10s'),
          auto_count: numOr(v['auto_count'], 30),
          refresh: 'onTimeRangeChanged',
        },
      };
    default:
      return {
        kind: 'CustomVariable',
        spec: { ...common, current, options, query: text(v['query']), ...pick },
      };
  }
}

function annotationToV2(a: Json): Json {
  const { datasource, enable, hide, iconColor, name, builtIn, target, filter, ...legacy } = a;
  return {
    kind: 'AnnotationQuery',
    spec: {
      query: dataQuery(datasource, target),
      enable: enable !== false,
      hide: hide === true,
      iconColor: text(iconColor, 'red'),
      name: text(name),
      ...(builtIn === 1 || builtIn === true ? { builtIn: true } : {}),
      ...(isPlainRecord(filter) ? { filter } : {}),
      ...(Object.keys(legacy).length > 0 ? { legacyOptions: legacy } : {}),
    },
  };
}

/**
 * The v2 spec of a classic dashboard (§3.2). `version` is `v2` or `v2beta1` (only the
 * transformation shape differs).
 *
 * @example
 * classicToV2({ title: 'A', panels: [{ id: 1, type: 'stat', gridPos: { x: 0, y: 0, w: 6, h: 4 } }] }, 'v2').layout
 * // → { kind: 'GridLayout', spec: { items: [{ kind: 'GridLayoutItem', spec: { x: 0, y: 0, width: 6, height: 4, element: { kind: 'ElementReference', name: 'panel-1' } } }] } }
 */
export function classicToV2(dashboard: Readonly<Json>, version: string): Json {
  const panels = arr(dashboard['panels']).map(rec);
  const elements: Json = {};
  for (const p of panels) {
    if (p['type'] === 'row') {
      for (const child of arr(p['panels']).map(rec)) elements[`panel-${numOr(child['id'], 0)}`] = panelElement(child, version);
    } else elements[`panel-${numOr(p['id'], 0)}`] = panelElement(p, version);
  }
  const timepicker = rec(dashboard['timepicker']);
  const time = rec(dashboard['time']);
  const spec: Json = {
    title: text(dashboard['title']),
    ...(typeof dashboard['description'] === 'string' ? { description: dashboard['description'] } : {}),
    tags: arr(dashboard['tags']),
    ...(typeof dashboard['editable'] === 'boolean' ? { editable: dashboard['editable'] } : {}),
    ...(typeof dashboard['liveNow'] === 'boolean' ? { liveNow: dashboard['liveNow'] } : {}),
    preload: dashboard['preload'] === true,
    ...(typeof dashboard['revision'] === 'number' ? { revision: dashboard['revision'] } : {}),
    cursorSync: CURSOR_SYNC[numOr(dashboard['graphTooltip'], 0)] ?? 'Off',
    annotations: arr(rec(dashboard['annotations'])['list']).map((a) => annotationToV2(rec(a))),
    links: arr(dashboard['links']),
    variables: arr(rec(dashboard['templating'])['list']).map((v) => variableToV2(rec(v))),
    timeSettings: {
      ...(typeof dashboard['timezone'] === 'string' && dashboard['timezone'] !== '' ? { timezone: dashboard['timezone'] } : {}),
      from: text(time['from'], 'now-6h'),
      to: text(time['to'], 'now'),
      autoRefresh: text(dashboard['refresh']),
      autoRefreshIntervals: Array.isArray(timepicker['refresh_intervals']) ? timepicker['refresh_intervals'] : DEFAULT_REFRESH_INTERVALS,
      ...(Array.isArray(timepicker['quick_ranges']) ? { quickRanges: timepicker['quick_ranges'] } : {}),
      hideTimepicker: timepicker['hidden'] === true,
      ...(typeof dashboard['weekStart'] === 'string' && dashboard['weekStart'] !== '' ? { weekStart: dashboard['weekStart'] } : {}),
      fiscalYearStartMonth: numOr(dashboard['fiscalYearStartMonth'], 0),
      ...(typeof timepicker['nowDelay'] === 'string' ? { nowDelay: timepicker['nowDelay'] } : {}),
    },
    elements,
    layout: layoutOf(panels),
  };
  return spec;
}

// ── v2 → classic ─────────────────────────────────────────────────────────────────────────────

function classicDatasource(query: Json): Json | undefined {
  const name = text(rec(query['datasource'])['name']);
  const group = text(query['group']);
  if (!name && !group) return undefined;
  return { type: group, ...(name ? { uid: name } : {}) };
}

function transformationToClassic(t: Json): Json {
  const spec = rec(t['spec']);
  if (t['kind'] === 'Transformation') return { id: text(t['group']), ...spec, options: rec(spec['options']) };
  const { id, ...rest } = spec;
  return {
    id: text(id, text(t['kind'])),
    ...rest,
    options: rec(spec['options']),
  };
}

function elementToPanel(element: Json, gridPos: Json, repeat: Json | undefined): Json {
  const spec = rec(element['spec']);
  if (element['kind'] === 'LibraryPanel')
    return {
      id: spec['id'],
      title: spec['title'],
      gridPos,
      libraryPanel: rec(spec['libraryPanel']),
    };
  const data = rec(rec(spec['data'])['spec']);
  const viz = rec(spec['vizConfig']);
  const vizSpec = rec(viz['spec']);
  const targets = arr(data['queries']).map((q) => {
    const qs = rec(rec(q)['spec']);
    const query = rec(qs['query']);
    const ds = classicDatasource(query);
    const body = rec(query['spec']);
    return {
      ...(ds ? { datasource: ds } : {}),
      refId: text(qs['refId'], 'A'),
      ...(qs['hidden'] === true ? { hide: true } : {}),
      ...body,
    };
  });
  const sources = [...new Set(targets.map((t) => JSON.stringify(t['datasource'] ?? null)))];
  const datasource = sources.length === 1 ? (JSON.parse(sources[0]!) as Json | null) : sources.length > 1 ? { type: 'datasource', uid: '-- Mixed --' } : null;
  const transformations = arr(data['transformations']).map((t) => transformationToClassic(rec(t)));
  return {
    id: spec['id'],
    type: text(viz['group']),
    title: text(spec['title']),
    ...(text(spec['description']) ? { description: spec['description'] } : {}),
    ...(arr(spec['links']).length > 0 ? { links: spec['links'] } : {}),
    gridPos,
    ...(datasource ? { datasource } : {}),
    targets,
    ...(transformations.length > 0 ? { transformations } : {}),
    ...rec(data['queryOptions']),
    ...(text(viz['version']) ? { pluginVersion: viz['version'] } : {}),
    options: rec(vizSpec['options']),
    fieldConfig: {
      defaults: rec(rec(vizSpec['fieldConfig'])['defaults']),
      overrides: arr(rec(vizSpec['fieldConfig'])['overrides']),
    },
    ...(spec['transparent'] === true ? { transparent: true } : {}),
    ...(repeat
      ? {
          repeat: repeat['value'],
          ...(repeat['direction'] ? { repeatDirection: repeat['direction'] } : {}),
          ...(repeat['maxPerRow'] ? { maxPerRow: repeat['maxPerRow'] } : {}),
        }
      : {}),
  };
}

/** A layout flattened to classic panels starting at `y0`; returns the panels and the next free y. */
function flattenLayout(layout: Json, elements: Json, y0: number, ids: { next: number }, topLevel: boolean): { panels: Json[]; bottom: number } {
  const spec = rec(layout['spec']);
  const panels: Json[] = [];
  let bottom = y0;
  const element = (name: unknown): Json | undefined => (isPlainRecord(elements[text(name)]) ? (elements[text(name)] as Json) : undefined);
  switch (layout['kind']) {
    case 'RowsLayout':
    case 'TabsLayout': {
      const sections = arr(layout['kind'] === 'RowsLayout' ? spec['rows'] : spec['tabs']).map((s) => rec(rec(s)['spec']));
      sections.forEach((section, index) => {
        const inner = rec(section['layout']);
        const headless = topLevel && index === 0 && layout['kind'] === 'RowsLayout' && section['hideHeader'] === true && !text(section['title']);
        if (headless) {
          const flat = flattenLayout(inner, elements, bottom, ids, false);
          panels.push(...flat.panels);
          bottom = flat.bottom;
          return;
        }
        if (inner['kind'] === 'RowsLayout' || inner['kind'] === 'TabsLayout') {
          // Nested sections flatten into one level of rows (§3.3).
          const flat = flattenLayout(inner, elements, bottom, ids, false);
          panels.push(...flat.panels);
          bottom = flat.bottom;
          return;
        }
        const rowY = bottom;
        const children = flattenLayout(inner, elements, rowY + 1, ids, false);
        const collapsed = layout['kind'] === 'RowsLayout' && section['collapse'] === true;
        const repeat = rec(section['repeat']);
        panels.push({
          type: 'row',
          id: ids.next++,
          title: text(section['title']),
          collapsed,
          gridPos: { x: 0, y: rowY, w: 24, h: 1 },
          panels: collapsed ? children.panels : [],
          ...(layout['kind'] === 'RowsLayout' && text(repeat['value']) ? { repeat: repeat['value'] } : {}),
        });
        if (!collapsed) panels.push(...children.panels);
        bottom = collapsed ? rowY + 1 : Math.max(rowY + 1, children.bottom);
      });
      return { panels, bottom };
    }
    case 'AutoGridLayout': {
      const columns = Math.max(1, numOr(spec['maxColumnCount'], 3));
      const width = Math.floor(24 / columns);
      const mode = text(spec['rowHeightMode'], 'standard');
      const height = mode === 'custom' ? Math.ceil(numOr(spec['rowHeight'], 320) / 38) : (AUTO_GRID_HEIGHT[mode] ?? 9);
      arr(spec['items']).forEach((item, i) => {
        const itemSpec = rec(rec(item)['spec']);
        const found = element(rec(itemSpec['element'])['name']);
        if (!found) return;
        const y = y0 + Math.floor(i / columns) * height;
        const repeat = isPlainRecord(itemSpec['repeat']) ? { ...itemSpec['repeat'], direction: 'h', maxPerRow: columns } : undefined;
        panels.push(elementToPanel(found, { x: (i % columns) * width, y, w: width, h: height }, repeat));
        bottom = Math.max(bottom, y + height);
      });
      return { panels, bottom };
    }
    default: {
      for (const item of arr(spec['items'])) {
        const itemSpec = rec(rec(item)['spec']);
        const found = element(rec(itemSpec['element'])['name']);
        if (!found) continue;
        const gridPos = {
          x: numOr(itemSpec['x'], 0),
          y: y0 + numOr(itemSpec['y'], 0),
          w: numOr(itemSpec['width'], 6),
          h: numOr(itemSpec['height'], 3),
        };
        panels.push(elementToPanel(found, gridPos, isPlainRecord(itemSpec['repeat']) ? itemSpec['repeat'] : undefined));
        bottom = Math.max(bottom, gridPos.y + gridPos.h);
      }
      return { panels, bottom };
    }
  }
}

function variableToClassic(v: Json): Json {
  const spec = rec(v['spec']);
  const common: Json = {
    name: spec['name'],
    ...(spec['label'] !== undefined ? { label: spec['label'] } : {}),
    ...(spec['description'] !== undefined ? { description: spec['description'] } : {}),
    hide: Math.max(0, VARIABLE_HIDE.indexOf(text(spec['hide']) as (typeof VARIABLE_HIDE)[number])),
    skipUrlSync: spec['skipUrlSync'] === true,
    current: rec(spec['current']),
    ...(Array.isArray(spec['options']) ? { options: spec['options'] } : {}),
  };
  const pick = (): Json => ({
    multi: spec['multi'] === true,
    includeAll: spec['includeAll'] === true,
    ...(spec['allValue'] !== undefined ? { allValue: spec['allValue'] } : {}),
    ...(spec['allowCustomValue'] === false ? { allowCustomValue: false } : {}),
  });
  const refresh = Math.max(0, VARIABLE_REFRESH.indexOf(text(spec['refresh']) as (typeof VARIABLE_REFRESH)[number]));
  switch (v['kind']) {
    case 'QueryVariable': {
      const query = rec(spec['query']);
      const body = rec(query['spec']);
      const ds = classicDatasource(query);
      return {
        ...common,
        type: 'query',
        ...(ds ? { datasource: ds } : {}),
        query: typeof body['__legacyStringValue'] === 'string' ? body['__legacyStringValue'] : body,
        ...(spec['definition'] !== undefined ? { definition: spec['definition'] } : {}),
        regex: text(spec['regex']),
        sort: Math.max(0, VARIABLE_SORT.indexOf(text(spec['sort']) as (typeof VARIABLE_SORT)[number])),
        refresh,
        ...pick(),
      };
    }
    case 'DatasourceVariable':
      return {
        ...common,
        type: 'datasource',
        query: text(spec['pluginId']),
        regex: text(spec['regex']),
        refresh,
        ...pick(),
      };
    case 'ConstantVariable':
      return { ...common, type: 'constant', query: text(spec['query']) };
    case 'TextVariable':
      return { ...common, type: 'textbox', query: text(spec['query']) };
    case 'IntervalVariable':
      return {
        ...common,
        type: 'interval',
        query: text(spec['query']),
        auto: spec['auto'] === true,
        auto_min: spec['auto_min'],
        auto_count: spec['auto_count'],
        refresh: 2,
      };
    default:
      return {
        ...common,
        type: 'custom',
        query: text(spec['query']),
        ...pick(),
      };
  }
}

function annotationToClassic(a: Json): Json {
  const spec = rec(a['spec']);
  const query = rec(spec['query']);
  const ds = classicDatasource(query);
  const target = rec(query['spec']);
  return {
    ...rec(spec['legacyOptions']),
    ...(spec['builtIn'] === true ? { builtIn: 1 } : {}),
    ...(ds ? { datasource: ds } : {}),
    enable: spec['enable'] !== false,
    hide: spec['hide'] === true,
    iconColor: text(spec['iconColor'], 'red'),
    name: text(spec['name']),
    ...(Object.keys(target).length > 0 ? { target } : {}),
    ...(isPlainRecord(spec['filter']) ? { filter: spec['filter'] } : {}),
  };
}

/**
 * The classic JSON of a v2 spec (§3.3): tabs and nested sections become rows, auto grids fixed
 * sizes; show/hide rules, `fillScreen`, `hideHeader` (but on a leading untitled row),
 * `preferences` and element names are lost.
 *
 * @example
 * v2ToClassic({ title: 'A', elements: {}, layout: { kind: 'TabsLayout', spec: { tabs: [{ kind: 'TabsLayoutTab', spec: { title: 'T', layout: { kind: 'GridLayout', spec: { items: [] } } } }] } } }).panels
 * // → [{ type: 'row', id: 1, title: 'T', collapsed: false, gridPos: { x: 0, y: 0, w: 24, h: 1 }, panels: [] }]
 */
export function v2ToClassic(spec: Readonly<Json>): Json {
  const elements = rec(spec['elements']);
  const maxId = Object.values(elements).reduce<number>((max, e) => Math.max(max, numOr(rec(rec(e)['spec'])['id'], 0)), 0);
  const ids = { next: maxId + 1 };
  const { panels } = flattenLayout(rec(spec['layout']), elements, 0, ids, true);
  const time = rec(spec['timeSettings']);
  const timepicker: Json = {
    ...(time['hideTimepicker'] === true ? { hidden: true } : {}),
    ...(Array.isArray(time['autoRefreshIntervals']) ? { refresh_intervals: time['autoRefreshIntervals'] } : {}),
    ...(Array.isArray(time['quickRanges']) ? { quick_ranges: time['quickRanges'] } : {}),
    ...(typeof time['nowDelay'] === 'string' ? { nowDelay: time['nowDelay'] } : {}),
  };
  return {
    title: text(spec['title']),
    ...(typeof spec['description'] === 'string' ? { description: spec['description'] } : {}),
    tags: arr(spec['tags']),
    ...(typeof spec['editable'] === 'boolean' ? { editable: spec['editable'] } : {}),
    ...(typeof spec['liveNow'] === 'boolean' ? { liveNow: spec['liveNow'] } : {}),
    ...(spec['preload'] === true ? { preload: true } : {}),
    ...(typeof spec['revision'] === 'number' ? { revision: spec['revision'] } : {}),
    graphTooltip: Math.max(0, CURSOR_SYNC.indexOf(text(spec['cursorSync']) as (typeof CURSOR_SYNC)[number])),
    time: { from: text(time['from'], 'now-6h'), to: text(time['to'], 'now') },
    ...(typeof time['timezone'] === 'string' ? { timezone: time['timezone'] } : {}),
    ...(text(time['autoRefresh']) ? { refresh: time['autoRefresh'] } : {}),
    ...(typeof time['weekStart'] === 'string' ? { weekStart: time['weekStart'] } : {}),
    fiscalYearStartMonth: numOr(time['fiscalYearStartMonth'], 0),
    timepicker,
    annotations: {
      list: arr(spec['annotations']).map((a) => annotationToClassic(rec(a))),
    },
    links: arr(spec['links']),
    templating: {
      list: arr(spec['variables']).map((v) => variableToClassic(rec(v))),
    },
    panels,
    schemaVersion: CONVERTED_SCHEMA_VERSION,
  };
}

/**
 * A v2 spec in another v2 version: `v2beta1` ↔ `v2` differ in the transformation shape and
 * `preferences` (v2 only), §2.4.
 */
export function convertV2Spec(spec: Readonly<Json>, to: string): Json {
  const out = structuredClone(spec) as Json;
  if (to !== 'v2') delete out['preferences'];
  for (const element of Object.values(rec(out['elements']))) {
    const data = rec(rec(rec(element)['spec'])['data']);
    const dataSpec = rec(data['spec']);
    if (!Array.isArray(dataSpec['transformations'])) continue;
    dataSpec['transformations'] = dataSpec['transformations'].map((t) => transformationToV2(transformationToClassic(rec(t)), to));
  }
  return out;
}

/**
 * A v2 spec as Grafana stores it: unknown top-level keys dropped, a missing layout replaced by an
 * empty GridLayout (`mutate.go`), `preferences` only in v2.
 */
export function normalizeV2Spec(spec: Readonly<Json>, version: string): Json {
  const out: Json = {};
  for (const key of V2_DASHBOARD_SPEC_KEYS) if (spec[key] !== undefined) out[key] = structuredClone(spec[key]);
  if (version !== 'v2') delete out['preferences'];
  if (!isPlainRecord(out['layout'])) out['layout'] = { kind: 'GridLayout', spec: { items: [] } };
  if (!isPlainRecord(out['elements'])) out['elements'] = {};
  return out;
}

/** The default spec Grafana returns when a conversion fails (§3.1, `EnsureDefaultSpec`). */
export function defaultSpec(version: string, title: string): Json {
  if (isV2Version(version)) {
    return {
      title,
      tags: [],
      annotations: [],
      links: [],
      variables: [],
      cursorSync: 'Off',
      preload: false,
      timeSettings: {
        from: 'now-6h',
        to: 'now',
        autoRefresh: '',
        autoRefreshIntervals: DEFAULT_REFRESH_INTERVALS,
        hideTimepicker: false,
        fiscalYearStartMonth: 0,
      },
      elements: {},
      layout: { kind: 'GridLayout', spec: { items: [] } },
    };
  }
  return { title, schemaVersion: CONVERTED_SCHEMA_VERSION, panels: [] };
}
