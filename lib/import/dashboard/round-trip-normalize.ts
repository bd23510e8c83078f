import { isPlainObject } from '../../model/deep-merge.js';
import { assignRefIds } from '../../model/panels/ref-ids.js';
import { normalizeDashboard } from '../../sync/normalize.js';
import { jsonEqual as sameJson } from './json-equal.js';

/**
 * Top-level keys of exported dashboards that Grafana's import consumes and never stores
 * (`__inputs`, `__requires`, `__elements`), plus `schemaVersion`: grafts always emits the
 * latest, and the legacy migrations the importer performs stand for what older versions imply.
 */
export const ROUND_TRIP_DROPPED_KEYS: readonly string[] = Object.freeze(['__inputs', '__requires', '__elements', 'schemaVersion']);

/** Panel keys Grafana writes on its own on save, whatever their value. */
export const PANEL_SERVER_KEYS: readonly string[] = Object.freeze(['id', 'pluginVersion']);

/** Panel keys removed when they hold Grafana's default (the value that means "not set"). */
export const PANEL_DEFAULTS: Readonly<Record<string, unknown>> = Object.freeze({
  description: '',
  timeFrom: null,
  timeShift: null,
  repeat: null,
  hideTimeOverride: false,
  links: [],
  transformations: [],
  targets: [],
  transparent: false,
  options: {},
  fieldConfig: {},
});

/** `fieldConfig.defaults` keys removed when they hold Grafana's default. */
export const FIELD_DEFAULTS: Readonly<Record<string, unknown>> = Object.freeze({ mappings: [], custom: {}, links: [] });

/**
 * `fieldConfig.defaults.custom` keys of the time series panel removed when they hold the
 * plugin's default (Grafana saves them all once a panel was edited in the UI).
 */
export const TIMESERIES_CUSTOM_DEFAULTS: Readonly<Record<string, unknown>> = Object.freeze({
  axisBorderShow: false,
  axisCenteredZero: false,
  axisColorMode: 'text',
  axisLabel: '',
  axisPlacement: 'auto',
  barAlignment: 0,
  barWidthFactor: 0.6,
  drawStyle: 'line',
  fillOpacity: 0,
  gradientMode: 'none',
  hideFrom: { legend: false, tooltip: false, viz: false },
  insertNulls: false,
  lineInterpolation: 'linear',
  lineWidth: 1,
  pointSize: 5,
  scaleDistribution: { type: 'linear' },
  showPoints: 'auto',
  spanNulls: false,
  stacking: { group: 'A', mode: 'none' },
  thresholdsStyle: { mode: 'off' },
});

/** `fieldConfig.defaults.custom` keys of any panel removed when they hold the default. */
export const COMMON_CUSTOM_DEFAULTS: Readonly<Record<string, unknown>> = Object.freeze({
  hideFrom: { legend: false, tooltip: false, viz: false },
  scaleDistribution: { type: 'linear' },
});

/** `fieldConfig.defaults.custom` keys of the table panel removed when they hold the default. */
export const TABLE_CUSTOM_DEFAULTS: Readonly<Record<string, unknown>> = Object.freeze({
  align: 'auto',
  inspect: false,
  cellOptions: { type: 'auto' },
  displayMode: 'auto',
  filterable: false,
});

/** Option defaults shared by panels with a legend and a tooltip, removed key by key. */
export const LEGEND_TOOLTIP_DEFAULTS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = Object.freeze({
  legend: { calcs: [], displayMode: 'list', placement: 'bottom', showLegend: true },
  tooltip: { mode: 'single', sort: 'none', hideZeros: false },
});

/** Variable keys removed when they hold Grafana's default. */
export const VARIABLE_DEFAULTS: Readonly<Record<string, unknown>> = Object.freeze({
  hide: 0,
  current: {},
  options: [],
  regex: '',
  sort: 0,
  multi: false,
  includeAll: false,
  allValue: null,
  skipUrlSync: false,
  error: null,
  description: null,
  tags: [],
  tagsQuery: '',
  tagValuesQuery: '',
  useTags: false,
});

/** Dashboard link keys removed when they hold Grafana's default. */
export const LINK_DEFAULTS: Readonly<Record<string, unknown>> = Object.freeze({
  icon: 'external link',
  tooltip: '',
  tags: [],
  asDropdown: false,
  targetBlank: false,
  includeVars: false,
  keepTime: false,
  url: '',
});

/** Query (panel target) keys removed when they hold Grafana's default. */
export const TARGET_DEFAULTS: Readonly<Record<string, unknown>> = Object.freeze({ hide: false, interval: '' });

/** Option defaults of the stat panel, removed key by key. */
export const STAT_OPTION_DEFAULTS: Readonly<Record<string, unknown>> = Object.freeze({ showPercentChange: false, wideLayout: true });

/** Option defaults of the table panel, removed key by key (`footer` only when it is all default). */
export const TABLE_OPTION_DEFAULTS: Readonly<Record<string, unknown>> = Object.freeze({
  showHeader: true,
  cellHeight: 'sm',
  footer: { show: false, reducer: ['sum'], fields: '', countRows: false },
});

/** Legend/tooltip-bearing panel types (where {@link LEGEND_TOOLTIP_DEFAULTS} apply). */
const LEGEND_PANELS = new Set(['timeseries', 'barchart', 'histogram', 'piechart', 'state-timeline', 'status-history', 'trend', 'xychart']);

/**
 * A dashboard as the import round trip compares it. Applied to both sides (the imported JSON
 * and the JSON built from the generated code), it removes what Grafana owns or fills in:
 *
 * - everything {@link normalizeDashboard} removes (`id`, `version`, `iteration`, the top-level
 *   {@link SERVER_DEFAULTS}), and {@link ROUND_TRIP_DROPPED_KEYS};
 * - Grafana's built-in annotation query ({@link isBuiltInAnnotation});
 * - references to data source variables in one form ({@link canonicalDatasourceRefs}), and a
 *   target's data source when it is the panel's ({@link withoutInheritedDatasources});
 * - panel `id` and `pluginVersion` ({@link PANEL_SERVER_KEYS}; grafts numbers panels 1..n);
 * - default-valued fields of {@link PANEL_DEFAULTS}, {@link FIELD_DEFAULTS}, `fieldConfig.overrides: []`,
 *   {@link COMMON_CUSTOM_DEFAULTS}, {@link TIMESERIES_CUSTOM_DEFAULTS} (a stack's `group: 'A'` too),
 *   {@link TABLE_CUSTOM_DEFAULTS}, {@link STAT_OPTION_DEFAULTS}, {@link TABLE_OPTION_DEFAULTS}, {@link LEGEND_TOOLTIP_DEFAULTS}, {@link TARGET_DEFAULTS} (and
 *   `instant: false` unless `range: false`), {@link VARIABLE_DEFAULTS}, {@link LINK_DEFAULTS}; a
 *   variable's `definition` when it repeats the query (the editor's display copy); a base
 *   threshold step without `value` is written with `value: null`;
 * - panel order: panels are sorted by position (y, then x), as Grafana does when it loads a
 *   dashboard; a collapsed row's panels likewise.
 *
 * Pure and idempotent.
 *
 * @example
 * normalizeForRoundTrip({ id: 3, uid: 'a', title: 'A', schemaVersion: 39, panels: [{ id: 7, type: 'text', links: [] }] })
 * // → { uid: 'a', title: 'A', panels: [{ type: 'text' }] }
 */
export function normalizeForRoundTrip(json: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out = normalizeDashboard(json);
  for (const key of ROUND_TRIP_DROPPED_KEYS) delete out[key];
  if (Array.isArray(out.panels)) out.panels = sortByPosition(compactLayout(sortByPosition(out.panels.map((p) => (isPlainObject(p) ? normalizePanel(p) : p)))));
  if (isPlainObject(out.annotations) && Array.isArray(out.annotations.list)) {
    const list = out.annotations.list.filter((a) => !isBuiltInAnnotation(a));
    if (list.length === 0 && Object.keys(out.annotations).length === 1) delete out.annotations;
    else out.annotations = { ...out.annotations, list };
  }
  if (Array.isArray(out.links)) out.links = out.links.map((l) => (isPlainObject(l) ? normalizeLink(l) : l));
  if (isPlainObject(out.templating) && Array.isArray(out.templating.list)) {
    out.templating = { ...out.templating, list: out.templating.list.map((v) => (isPlainObject(v) ? normalizeVariable(v) : v)) };
  }
  return withoutInheritedDatasources(canonicalDatasourceRefs(out));
}

/**
 * Targets whose `datasource` is the panel's own: Grafana runs a target without one on the
 * panel's data source (and writes the panel's into every target when it saves), so the copy
 * says nothing. Removed from every target of every panel (a row's too).
 */
export function withoutInheritedDatasources(dashboard: Record<string, unknown>): Record<string, unknown> {
  const panel = (p: unknown): unknown => {
    if (!isPlainObject(p)) return p;
    const out: Record<string, unknown> = { ...p };
    if (Array.isArray(out.targets) && out.datasource !== undefined && out.datasource !== null) {
      out.targets = out.targets.map((t) => {
        if (!isPlainObject(t) || !Object.hasOwn(t, 'datasource') || !sameJson(t.datasource, out.datasource)) return t;
        const { datasource: _datasource, ...rest } = t;
        return rest;
      });
    }
    if (Array.isArray(out.panels)) out.panels = out.panels.map(panel);
    return out;
  };
  return Array.isArray(dashboard.panels) ? { ...dashboard, panels: dashboard.panels.map(panel) } : dashboard;
}

/**
 * References to a data source variable in their canonical form `{ type: <its plugin id>,
 * uid: '${name}' }`: a legacy string `'$datasource'` (Grafana's schema 33 migration turns it
 * into a reference), `{ uid: '$datasource' }` and `{ type, uid: '${datasource}' }` all select
 * the same data source. Applied to panels (a row's too), their targets, variables and
 * annotations; anything else is left as it is.
 */
export function canonicalDatasourceRefs(dashboard: Record<string, unknown>): Record<string, unknown> {
  const plugins = new Map<string, string>();
  const list = isPlainObject(dashboard.templating) && Array.isArray(dashboard.templating.list) ? dashboard.templating.list : [];
  for (const v of list) {
    if (isPlainObject(v) && v.type === 'datasource' && typeof v.name === 'string' && typeof v.query === 'string' && v.query !== '')
      plugins.set(v.name, v.query);
  }
  if (plugins.size === 0) return dashboard;
  const canonical = (ref: unknown): unknown => {
    let uid: unknown = ref;
    if (isPlainObject(ref)) {
      if (!Object.keys(ref).every((k) => k === 'type' || k === 'uid')) return ref;
      uid = ref.uid;
    }
    if (typeof uid !== 'string') return ref;
    const match = /^\$(\w+)$|^\$\{(\w+)\}$/.exec(uid);
    const name = match ? (match[1] ?? match[2])! : undefined;
    const plugin = name !== undefined ? plugins.get(name) : undefined;
    if (plugin === undefined || (isPlainObject(ref) && ref.type !== undefined && ref.type !== plugin)) return ref;
    return { type: plugin, uid: `\${${name}}` };
  };
  const withRef = <T extends Record<string, unknown>>(o: T): T => (Object.hasOwn(o, 'datasource') ? { ...o, datasource: canonical(o.datasource) } : o);
  const panel = (p: unknown): unknown => {
    if (!isPlainObject(p)) return p;
    const out: Record<string, unknown> = withRef(p);
    if (Array.isArray(out.targets)) out.targets = out.targets.map((t) => (isPlainObject(t) ? withRef(t) : t));
    if (Array.isArray(out.panels)) out.panels = out.panels.map(panel);
    return out;
  };
  const out = { ...dashboard };
  if (Array.isArray(out.panels)) out.panels = out.panels.map(panel);
  if (isPlainObject(out.templating) && Array.isArray(out.templating.list)) {
    out.templating = { ...out.templating, list: out.templating.list.map((v) => (isPlainObject(v) && v.type !== 'datasource' ? withRef(v) : v)) };
  }
  if (isPlainObject(out.annotations) && Array.isArray(out.annotations.list)) {
    out.annotations = { ...out.annotations, list: out.annotations.list.map((a) => (isPlainObject(a) ? withRef(a) : a)) };
  }
  return out;
}

/**
 * Grafana's built-in "Annotations & Alerts" query (`builtIn: 1`), which Grafana adds to every
 * dashboard that lacks it; removed unless it was disabled.
 */
export function isBuiltInAnnotation(annotation: unknown): boolean {
  return isPlainObject(annotation) && annotation.builtIn === 1 && annotation.enable !== false;
}

/** One panel (a row's panels too) without server keys and default-valued fields. */
export function normalizePanel(panel: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(panel)) {
    if (value === undefined || PANEL_SERVER_KEYS.includes(key)) continue;
    out[key] = value;
  }
  if (isPlainObject(out.fieldConfig)) out.fieldConfig = normalizeFieldConfig(out.fieldConfig, String(out.type));
  if (isPlainObject(out.options) && LEGEND_PANELS.has(String(out.type))) out.options = withoutDefaults(out.options, LEGEND_TOOLTIP_DEFAULTS);
  if (isPlainObject(out.options) && out.type === 'stat') out.options = withDefaultsDropped(out.options, STAT_OPTION_DEFAULTS);
  if (isPlainObject(out.options) && out.type === 'table') {
    const options = withDefaultsDropped(out.options, TABLE_OPTION_DEFAULTS);
    if (isPlainObject(options.footer)) {
      const footer = withDefaultsDropped(options.footer, TABLE_OPTION_DEFAULTS.footer as Record<string, unknown>);
      if (Object.keys(footer).length === 0) delete options.footer;
    }
    out.options = options;
  }
  if (out.type === 'row') {
    if (isGridPos(out.gridPos)) out.gridPos = { ...out.gridPos, x: 0, w: 24, h: 1 };
    if (Array.isArray(out.panels)) out.panels = sortByPosition(out.panels.map((p) => (isPlainObject(p) ? normalizePanel(p) : p)));
  }
  if (Array.isArray(out.targets) && out.targets.some((t) => isPlainObject(t) && typeof t.refId !== 'string')) {
    const refIds = assignRefIds(out.targets.map((t) => (isPlainObject(t) && typeof t.refId === 'string' ? t.refId : undefined)));
    out.targets = out.targets.map((t, i) => (isPlainObject(t) && typeof t.refId !== 'string' ? { refId: refIds[i], ...t } : t));
  }
  if (Array.isArray(out.targets)) out.targets = out.targets.map((t) => (isPlainObject(t) ? normalizeTarget(t) : t));
  dropDefaults(out, PANEL_DEFAULTS);
  return out;
}

/** One dashboard link without default-valued fields. */
export function normalizeLink(link: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return withDefaultsDropped(link, LINK_DEFAULTS);
}

/** One panel target without default-valued fields. */
export function normalizeTarget(target: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out = withDefaultsDropped(target, TARGET_DEFAULTS);
  // `instant: false` / `range: true` alone are what a range query (the default) says anyway.
  if (out.instant === false && out.range !== false) delete out.instant;
  if (out.range === true && out.instant !== true) delete out.range;
  // …and `range: false` beside `instant: true` is what an instant query says anyway.
  if (out.range === false && out.instant === true) delete out.range;
  return out;
}

/** One variable without default-valued fields. */
export function normalizeVariable(variable: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out = { ...variable };
  dropDefaults(out, VARIABLE_DEFAULTS);
  // Data source variables always list the data sources when the dashboard loads.
  if (out.type === 'datasource' && out.refresh === 1) delete out.refresh;
  // Grafana's standard variable query object, `{ query, refId: 'StandardVariableQuery' }`, is the query text.
  if (isPlainObject(out.query) && Object.keys(out.query).length === 2 && out.query.refId === 'StandardVariableQuery' && typeof out.query.query === 'string') {
    out.query = out.query.query;
  }
  // Grafana's variable editor keeps a display copy of the query text.
  if (typeof out.definition === 'string' && (out.definition === out.query || out.definition === '')) delete out.definition;
  return out;
}

function normalizeFieldConfig(fieldConfig: Record<string, unknown>, type: string): Record<string, unknown> {
  const out = { ...fieldConfig };
  if (Array.isArray(out.overrides) && out.overrides.length === 0) delete out.overrides;
  if (isPlainObject(out.defaults)) {
    const defaults = { ...out.defaults };
    if (isPlainObject(defaults.custom)) {
      const custom = { ...defaults.custom };
      // A stack's group is "A" unless it says otherwise.
      if (isPlainObject(custom.stacking) && custom.stacking.group === 'A') {
        const { group: _group, ...stacking } = custom.stacking;
        custom.stacking = stacking;
      }
      dropDefaults(custom, COMMON_CUSTOM_DEFAULTS);
      if (type === 'timeseries') dropDefaults(custom, { ...TIMESERIES_CUSTOM_DEFAULTS, stacking: { mode: 'none' } });
      if (type === 'table') dropDefaults(custom, TABLE_CUSTOM_DEFAULTS);
      defaults.custom = custom;
    }
    // The first threshold step is the base: no value and `value: null` say the same.
    if (
      isPlainObject(defaults.thresholds) &&
      Array.isArray(defaults.thresholds.steps) &&
      isPlainObject(defaults.thresholds.steps[0]) &&
      !Object.hasOwn(defaults.thresholds.steps[0], 'value')
    ) {
      const [first, ...rest] = defaults.thresholds.steps as Record<string, unknown>[];
      defaults.thresholds = { ...defaults.thresholds, steps: [{ ...first, value: null }, ...rest] };
    }
    dropDefaults(defaults, FIELD_DEFAULTS);
    if (Object.keys(defaults).length === 0) delete out.defaults;
    else out.defaults = defaults;
  }
  return out;
}

function withoutDefaults(options: Record<string, unknown>, defaults: Readonly<Record<string, Readonly<Record<string, unknown>>>>): Record<string, unknown> {
  const out = { ...options };
  for (const [key, inner] of Object.entries(defaults)) {
    const value = out[key];
    if (!isPlainObject(value)) continue;
    const copy = { ...value };
    dropDefaults(copy, inner);
    if (Object.keys(copy).length === 0) delete out[key];
    else out[key] = copy;
  }
  return out;
}

function withDefaultsDropped(value: Readonly<Record<string, unknown>>, defaults: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out = { ...value };
  dropDefaults(out, defaults);
  return out;
}

function dropDefaults(target: Record<string, unknown>, defaults: Readonly<Record<string, unknown>>): void {
  for (const [key, value] of Object.entries(defaults)) {
    if (Object.hasOwn(target, key) && sameJson(target[key], value)) delete target[key];
  }
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

function isGridPos(value: unknown): value is Box {
  return isPlainObject(value) && (['x', 'y', 'w', 'h'] as const).every((k) => typeof value[k] === 'number' && Number.isFinite(value[k]));
}

/**
 * Grafana's vertical compaction (react-grid-layout's `compact`): in (y, x) order, each panel
 * moves up until it would overlap a panel placed before it. Panels without a valid gridPos
 * are left alone. A collapsed row's panels are compacted among themselves below the header.
 */
export function compactLayout(panels: readonly unknown[]): unknown[] {
  const placed: Box[] = [];
  return panels.map((panel) => {
    if (!isPlainObject(panel) || !isGridPos(panel.gridPos)) return panel;
    const box = compactBox({ ...panel.gridPos }, placed);
    placed.push(box);
    const out: Record<string, unknown> = { ...panel, gridPos: { ...panel.gridPos, y: box.y } };
    if (panel.type === 'row' && panel.collapsed === true && Array.isArray(panel.panels)) {
      const inner: Box[] = [{ x: 0, y: box.y, w: 24, h: 1 }];
      out.panels = sortByPosition(
        panel.panels.map((child) => {
          if (!isPlainObject(child) || !isGridPos(child.gridPos)) return child;
          const start = { ...child.gridPos, y: Math.max(child.gridPos.y, box.y + 1) };
          const b = compactBox(start, inner, box.y + 1);
          inner.push(b);
          return { ...child, gridPos: { ...child.gridPos, y: b.y } };
        }),
      );
    }
    return out;
  });
}

function compactBox(box: Box, placed: readonly Box[], floor = 0): Box {
  const collides = (b: Box) => placed.find((p) => b.x < p.x + p.w && p.x < b.x + b.w && b.y < p.y + p.h && p.y < b.y + b.h);
  const out = { ...box, y: Math.max(floor, Math.min(box.y, 1e6)) };
  while (out.y > floor && !collides({ ...out, y: out.y - 1 })) out.y--;
  for (let hit = collides(out); hit; hit = collides(out)) out.y = hit.y + hit.h;
  return out;
}

function position(panel: unknown): [number, number] {
  const gridPos = isPlainObject(panel) && isPlainObject(panel.gridPos) ? panel.gridPos : {};
  const y = typeof gridPos.y === 'number' && Number.isFinite(gridPos.y) ? gridPos.y : 0;
  const x = typeof gridPos.x === 'number' && Number.isFinite(gridPos.x) ? gridPos.x : 0;
  return [y, x];
}

/** Panels in Grafana's load order: by y, then x (stable for ties). */
export function sortByPosition<T>(panels: readonly T[]): T[] {
  return panels
    .map((panel, index) => ({ panel, index, pos: position(panel) }))
    .sort((a, b) => a.pos[0] - b.pos[0] || a.pos[1] - b.pos[1] || a.index - b.index)
    .map((e) => e.panel);
}
