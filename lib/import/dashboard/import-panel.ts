import { isPlainObject } from '../../model/deep-merge.js';
import type { AnyPanel } from '../../model/row.js';
import { BUILDER_FACTORIES, PANEL_FACTORIES } from './builder-scope.js';
import { call, json, type Expr } from './code-model.js';
import type { ImportContext } from './import-context.js';
import { overrideCalls } from './import-overrides.js';
import { normalizePanel, normalizeTarget } from './round-trip-normalize.js';
import { FIELD_COLOR_MODES } from './field-color-modes.js';

type Json = Record<string, unknown>;
type Chain = Expr & { kind: 'chain' };

const LEGEND_PANELS = new Set(['timeseries', 'barchart', 'histogram', 'piechart', 'state-timeline', 'status-history', 'trend', 'xychart', 'candlestick']);
const SINGLE_VALUE_PANELS = new Set(['stat', 'gauge', 'bargauge']);

// Marks a panel on the mixed data source (any query kind); not a plugin id.
const MIXED = '\u0000mixed';

/** What the panel's `.datasource()` made it accept, if anything. */
interface PanelKind {
  readonly kind?: string;
}

/**
 * The builder chain for one panel (not a row): factory, the setters a person would write for
 * what it holds, its queries, and a final `$merge` for the rest, so that `build()` gives
 * back exactly the panel (without `id` and `gridPos`, which the dashboard assigns).
 */
export function importPanel(ctx: ImportContext, panel: Json, label: string, size: PanelPlace, queryKinds: readonly (string | undefined)[] = []): Chain {
  const p = normalizePanel(panel);
  delete p.gridPos;
  const type = typeof p.type === 'string' ? p.type : '';
  let factory = PANEL_FACTORIES[type];
  const hasTargets = Array.isArray(p.targets) && p.targets.length > 0;
  if (isPlainObject(p.libraryPanel) && typeof p.libraryPanel.uid === 'string' && typeof p.libraryPanel.name === 'string') {
    let expr = ctx.factory('libraryPanel', json(p.libraryPanel.uid), json(p.libraryPanel.name));
    if (typeof p.title === 'string' && p.title !== p.libraryPanel.name) expr = call(expr, 'title', ctx.text(p.title));
    expr = withSize(expr, size);
    return ctx.finish(expr, p, (b: AnyPanel) => normalizePanel(b.build() as Json));
  }
  // Kinds without a builder, and query kinds without queries (their builders require some),
  // become the generic `panel('<type>')`; only a panel with no usable type stays a reshaped text panel.
  let generic = false;
  if (factory !== undefined && factory !== 'text' && !hasTargets && needsTargets(factory)) {
    ctx.notes.push(`${label}: ${type} panel without queries; built with the generic panel('${type}') (grafts requires queries on ${type}() panels)`);
    factory = undefined;
  }
  if (factory === undefined && isGenericType(type)) {
    generic = true;
    if (PANEL_FACTORIES[type] === undefined)
      ctx.notes.push(`${label}: no builder of its own for panel type ${JSON.stringify(type)}; built with the generic panel(${JSON.stringify(type)})`);
  } else if (factory === undefined) {
    ctx.notes.push(`${label}: no builder for panel type ${type === '' ? '(none)' : JSON.stringify(type)}; kept verbatim through $merge on a text panel`);
  }
  const known = factory !== undefined || generic;
  const titleArgs = typeof p.title === 'string' && p.title !== '' ? [ctx.text(p.title)] : [];
  let expr = generic ? ctx.factory('panel', json(type), ...titleArgs) : ctx.factory(factory ?? 'text', ...titleArgs);
  if (typeof p.title === 'string' && p.title === '') expr = call(expr, 'title', json(''));
  if (typeof p.description === 'string') expr = call(expr, 'description', json(p.description));
  if (p.transparent === true) expr = call(expr, 'transparent');
  const kind: PanelKind = {};
  if (known) {
    // A generic panel has only the common setters: kind-specific ones are looked up for no type.
    const setterType = generic ? '' : type;
    const ds = factory === 'text' ? undefined : ctx.datasource(p.datasource);
    if (ds) {
      expr = call(expr, 'datasource', ds.expr);
      (kind as { kind?: string }).kind = ds.expr.kind === 'ref' && ds.expr.name === 'mixedDatasource' ? MIXED : ds.kind;
    }
    if (hasTargets && factory !== 'text') {
      const refIds = (p.targets as unknown[]).map((t) => (isPlainObject(t) ? t.refId : undefined)).filter((r) => typeof r === 'string');
      const duplicate = refIds.find((r, i) => refIds.indexOf(r) !== i);
      // Grafana runs queries sharing a refId (their results then mix); the builders refuse that, so they stay verbatim.
      const queries = duplicate === undefined ? importQueries(ctx, p.targets as unknown[], kind.kind, queryKinds) : undefined;
      if (duplicate !== undefined)
        ctx.notes.push(`${label}: refId ${JSON.stringify(duplicate)} is used by more than one query; the queries are kept verbatim through $merge`);
      if (queries) expr = call(expr, 'target', ...queries);
    }
    expr = withCommon(ctx, expr, p);
    expr = withFieldDefaults(expr, p, setterType);
    expr = withOverrides(expr, p, setterType);
    expr = withOptions(expr, p, setterType);
    if (generic && isPlainObject(p.options) && Object.keys(p.options).length > 0) expr = call(expr, 'options', json(p.options));
  }
  expr = withSize(expr, size);
  return ctx.finish(expr, p, (b: AnyPanel) => normalizePanel(b.build() as Json));
}

/** Whether the builder `factory` refuses a panel without queries (most data panels do). */
function needsTargets(factory: string): boolean {
  const made = BUILDER_FACTORIES[factory]?.() as { needsTargets?: boolean } | undefined;
  return made?.needsTargets !== false;
}

/** A panel's size, and its explicit position when the flow layout cannot place it. */
export interface PanelPlace {
  readonly width: number;
  readonly height: number;
  readonly position?: { readonly x: number; readonly y: number };
}

function withSize(expr: Chain, size: PanelPlace): Chain {
  const { width, height, position } = size;
  if (width !== 12 && height !== 8) expr = call(expr, 'size', json(width), json(height));
  else if (width !== 12) expr = call(expr, 'width', json(width));
  else if (height !== 8) expr = call(expr, 'height', json(height));
  return position ? call(expr, 'position', json(position.x), json(position.y)) : expr;
}

function withCommon(ctx: ImportContext, expr: Chain, p: Json): Chain {
  if (Array.isArray(p.links) && p.links.length > 0 && p.links.every(isSimpleLink)) {
    for (const link of p.links as Json[]) {
      const options = typeof link.targetBlank === 'boolean' ? [json({ targetBlank: link.targetBlank })] : [];
      expr = call(expr, 'link', json(link.title), json(link.url), ...options);
    }
  }
  if (typeof p.repeat === 'string' && ctx.variables.has(p.repeat)) {
    const options: Json = {};
    if (p.repeatDirection === 'v') options.direction = 'v';
    if (typeof p.maxPerRow === 'number' && Number.isFinite(p.maxPerRow)) options.maxPerRow = p.maxPerRow;
    expr = call(expr, 'repeat', { kind: 'ref', name: ctx.variables.get(p.repeat)! }, ...(Object.keys(options).length ? [json(options)] : []));
  }
  if (typeof p.interval === 'string' && p.interval !== '') expr = call(expr, 'interval', json(p.interval));
  if (isFiniteNumber(p.maxDataPoints)) expr = call(expr, 'maxDataPoints', json(p.maxDataPoints));
  if (typeof p.timeFrom === 'string' && p.timeFrom !== '') expr = call(expr, 'timeFrom', json(p.timeFrom));
  if (typeof p.timeShift === 'string' && p.timeShift !== '') expr = call(expr, 'timeShift', json(p.timeShift));
  if (typeof p.hideTimeOverride === 'boolean') expr = call(expr, 'hideTimeOverride', ...(p.hideTimeOverride ? [] : [json(false)]));
  if (Array.isArray(p.transformations) && p.transformations.length > 0 && p.transformations.every(isSimpleTransformation)) {
    for (const t of p.transformations as Json[]) {
      const args: Expr[] = [json(t.id)];
      if (t.options !== undefined || t.disabled !== undefined) args.push(json(t.options ?? {}));
      if (typeof t.disabled === 'boolean') args.push(json({ disabled: t.disabled }));
      expr = call(expr, 'transformation', ...args);
    }
  }
  return expr;
}

function withFieldDefaults(expr: Chain, p: Json, type: string): Chain {
  const defaults = isPlainObject(p.fieldConfig) && isPlainObject(p.fieldConfig.defaults) ? p.fieldConfig.defaults : undefined;
  if (!defaults) return expr;
  if (typeof defaults.unit === 'string') expr = call(expr, 'unit', json(defaults.unit));
  for (const key of ['min', 'max', 'decimals'] as const) if (isFiniteNumber(defaults[key])) expr = call(expr, key, json(defaults[key]));
  if (typeof defaults.displayName === 'string') expr = call(expr, 'displayName', json(defaults.displayName));
  if (typeof defaults.noValue === 'string') expr = call(expr, 'noValue', json(defaults.noValue));
  const color = defaults.color;
  if (isPlainObject(color) && typeof color.mode === 'string' && FIELD_COLOR_MODES.has(color.mode)) {
    const simple = Object.keys(color).length === 1;
    const fixed = Object.keys(color).every((k) => k === 'mode' || (k === 'fixedColor' && typeof color.fixedColor === 'string'));
    if (simple) expr = call(expr, 'color', json(color.mode));
    else if (fixed) expr = call(expr, 'color', json(color));
  }
  const thresholds = defaults.thresholds;
  if (isPlainObject(thresholds) && (thresholds.mode === 'absolute' || thresholds.mode === 'percentage') && Array.isArray(thresholds.steps)) {
    const steps = thresholds.steps;
    const ok = steps.every(
      (s, i) =>
        isPlainObject(s) &&
        typeof s.color === 'string' &&
        Object.keys(s).every((k) => k === 'color' || k === 'value') &&
        (s.value === null ? i === 0 : isFiniteNumber(s.value)),
    );
    if (ok) {
      const list = (steps as Json[]).map((s) => (s.value === null ? { color: s.color } : { value: s.value, color: s.color }));
      expr = call(expr, 'thresholds', json(list), ...(thresholds.mode === 'percentage' ? [json('percentage')] : []));
    }
  }
  if (Array.isArray(defaults.mappings) && defaults.mappings.length > 0 && defaults.mappings.every(isValueMapping)) {
    expr = call(expr, 'mappings', ...defaults.mappings.map((m) => json(m)));
  }
  if (type === 'timeseries' && isPlainObject(defaults.custom)) expr = withTimeseriesCustom(expr, defaults.custom);
  return expr;
}

const SPECIAL_MATCHES = new Set(['true', 'false', 'null', 'nan', 'null+nan', 'empty']);

function isMappingResult(r: unknown): boolean {
  return (
    isPlainObject(r) &&
    Object.entries(r).every(([k, v]) => (k === 'index' ? isFiniteNumber(v) : ['text', 'color', 'icon'].includes(k) && typeof v === 'string'))
  );
}

// Only the shapes of Grafana's ValueMapping union, so the generated `.mappings()` call type-checks.
function isValueMapping(m: unknown): boolean {
  if (!isPlainObject(m) || !isPlainObject(m.options) || Object.keys(m).length !== 2) return false;
  const o = m.options;
  const only = (...keys: string[]) => Object.keys(o).every((k) => keys.includes(k));
  switch (m.type) {
    case 'value':
      return Object.values(o).every(isMappingResult);
    case 'range':
      return (
        only('from', 'to', 'result') &&
        (o.from === null || isFiniteNumber(o.from)) &&
        (o.to === null || isFiniteNumber(o.to)) &&
        Object.hasOwn(o, 'from') &&
        Object.hasOwn(o, 'to') &&
        isMappingResult(o.result)
      );
    case 'regex':
      return only('pattern', 'result') && typeof o.pattern === 'string' && isMappingResult(o.result);
    case 'special':
      return only('match', 'result') && typeof o.match === 'string' && SPECIAL_MATCHES.has(o.match) && isMappingResult(o.result);
    default:
      return false;
  }
}

function withOverrides(expr: Chain, p: Json, type: string): Chain {
  const overrides = isPlainObject(p.fieldConfig) && Array.isArray(p.fieldConfig.overrides) ? p.fieldConfig.overrides : [];
  const calls = overrides.length > 0 ? overrideCalls(overrides, type) : undefined;
  for (const c of calls ?? []) expr = call(expr, c.method, json(c.matcher), json(c.properties));
  return expr;
}

const DRAW_STYLES = new Set(['line', 'bars', 'points']);
const INTERPOLATIONS = new Set(['linear', 'smooth', 'stepBefore', 'stepAfter']);
const GRADIENTS = new Set(['none', 'opacity', 'hue', 'scheme']);
const STACKING = new Set(['none', 'normal', 'percent']);
const SHOW_POINTS = new Set(['auto', 'always', 'never']);
const AXIS_PLACEMENTS = new Set(['auto', 'top', 'right', 'bottom', 'left', 'hidden']);
const THRESHOLD_STYLES = new Set(['off', 'line', 'area', 'line+area', 'dashed', 'dashed+area', 'series']);

function withTimeseriesCustom(expr: Chain, c: Json): Chain {
  if (typeof c.drawStyle === 'string' && DRAW_STYLES.has(c.drawStyle)) expr = call(expr, 'drawStyle', json(c.drawStyle));
  if (typeof c.lineInterpolation === 'string' && INTERPOLATIONS.has(c.lineInterpolation)) expr = call(expr, 'lineInterpolation', json(c.lineInterpolation));
  if (isFiniteNumber(c.lineWidth)) expr = call(expr, 'lineWidth', json(c.lineWidth));
  if (isFiniteNumber(c.fillOpacity)) expr = call(expr, 'fillOpacity', json(c.fillOpacity));
  if (typeof c.gradientMode === 'string' && GRADIENTS.has(c.gradientMode)) expr = call(expr, 'gradientMode', json(c.gradientMode));
  if (
    isPlainObject(c.stacking) &&
    typeof c.stacking.mode === 'string' &&
    STACKING.has(c.stacking.mode) &&
    (c.stacking.group === undefined || typeof c.stacking.group === 'string')
  ) {
    expr = call(expr, 'stacking', json(c.stacking.mode), ...(c.stacking.group === undefined || c.stacking.group === 'A' ? [] : [json(c.stacking.group)]));
  }
  if (typeof c.showPoints === 'string' && SHOW_POINTS.has(c.showPoints)) {
    expr = call(expr, 'points', json(c.showPoints), ...(isFiniteNumber(c.pointSize) ? [json(c.pointSize)] : []));
  }
  if (typeof c.spanNulls === 'boolean' || isFiniteNumber(c.spanNulls)) expr = call(expr, 'spanNulls', json(c.spanNulls));
  const axis: Json = {};
  if (typeof c.axisLabel === 'string') axis.label = c.axisLabel;
  if (typeof c.axisPlacement === 'string' && AXIS_PLACEMENTS.has(c.axisPlacement)) axis.placement = c.axisPlacement;
  if (isFiniteNumber(c.axisSoftMin)) axis.softMin = c.axisSoftMin;
  if (isFiniteNumber(c.axisSoftMax)) axis.softMax = c.axisSoftMax;
  if (Object.keys(axis).length > 0) expr = call(expr, 'axis', json(axis));
  if (isPlainObject(c.scaleDistribution) && c.scaleDistribution.type === 'log' && (c.scaleDistribution.log === 2 || c.scaleDistribution.log === 10)) {
    expr = call(expr, 'logScale', ...(c.scaleDistribution.log === 10 ? [] : [json(2)]));
  }
  if (isPlainObject(c.thresholdsStyle) && typeof c.thresholdsStyle.mode === 'string' && THRESHOLD_STYLES.has(c.thresholdsStyle.mode)) {
    expr = call(expr, 'thresholdsStyle', json(c.thresholdsStyle.mode));
  }
  return expr;
}

const LEGEND_MODES = new Set(['list', 'table', 'hidden']);
const PLACEMENTS = new Set(['bottom', 'right']);
const TOOLTIP_MODES = new Set(['single', 'multi', 'none']);
const SORTS = new Set(['asc', 'desc', 'none']);
const COLOR_MODES_STAT = new Set(['value', 'background', 'background_solid', 'none']);
const GRAPH_MODES = new Set(['none', 'line', 'area']);
const TEXT_MODES = new Set(['auto', 'value', 'value_and_name', 'name', 'none']);
const JUSTIFY = new Set(['auto', 'center']);
const ORIENTATIONS = new Set(['auto', 'vertical', 'horizontal']);
const BAR_GAUGE_MODES = new Set(['basic', 'lcd', 'gradient']);

function withOptions(expr: Chain, p: Json, type: string): Chain {
  const o = isPlainObject(p.options) ? p.options : undefined;
  if (!o) return expr;
  if (LEGEND_PANELS.has(type)) {
    const legend = pick(o.legend, {
      displayMode: (v) => typeof v === 'string' && LEGEND_MODES.has(v),
      placement: (v) => typeof v === 'string' && PLACEMENTS.has(v),
      showLegend: isBoolean,
      calcs: (v) => Array.isArray(v) && v.every((c) => typeof c === 'string'),
      asTable: isBoolean,
      isVisible: isBoolean,
      sortBy: (v) => typeof v === 'string',
      sortDesc: isBoolean,
      width: isFiniteNumber,
    });
    if (legend) expr = call(expr, 'legend', json(legend));
    const tooltip = pick(o.tooltip, {
      mode: (v) => typeof v === 'string' && TOOLTIP_MODES.has(v),
      sort: (v) => typeof v === 'string' && SORTS.has(v),
      maxWidth: isFiniteNumber,
      maxHeight: isFiniteNumber,
      hideZeros: isBoolean,
    });
    if (tooltip) expr = call(expr, 'tooltip', json(tooltip));
  }
  if (SINGLE_VALUE_PANELS.has(type)) {
    const r = o.reduceOptions;
    if (isPlainObject(r) && Array.isArray(r.calcs) && r.calcs.length === 1 && typeof r.calcs[0] === 'string') {
      const extra = pick(r, { values: isBoolean, limit: isFiniteNumber, fields: (v) => typeof v === 'string' }, ['calcs']);
      expr = call(expr, 'reduce', json(r.calcs[0]), ...(extra ? [json(extra)] : []));
    }
    if (typeof o.orientation === 'string' && ORIENTATIONS.has(o.orientation)) expr = call(expr, 'orientation', json(o.orientation));
  }
  if (type === 'stat') {
    if (typeof o.colorMode === 'string' && COLOR_MODES_STAT.has(o.colorMode)) expr = call(expr, 'colorMode', json(o.colorMode));
    if (typeof o.graphMode === 'string' && GRAPH_MODES.has(o.graphMode)) expr = call(expr, 'graphMode', json(o.graphMode));
    if (typeof o.textMode === 'string' && TEXT_MODES.has(o.textMode)) expr = call(expr, 'textMode', json(o.textMode));
    if (typeof o.justifyMode === 'string' && JUSTIFY.has(o.justifyMode)) expr = call(expr, 'justifyMode', json(o.justifyMode));
  }
  if (type === 'gauge') {
    if (typeof o.showThresholdMarkers === 'boolean') expr = call(expr, 'showThresholdMarkers', json(o.showThresholdMarkers));
    if (typeof o.showThresholdLabels === 'boolean') expr = call(expr, 'showThresholdLabels', json(o.showThresholdLabels));
  }
  if (type === 'bargauge') {
    if (typeof o.displayMode === 'string' && BAR_GAUGE_MODES.has(o.displayMode)) expr = call(expr, 'displayMode', json(o.displayMode));
    if (typeof o.showUnfilled === 'boolean') expr = call(expr, 'showUnfilled', json(o.showUnfilled));
  }
  if (type === 'text' && typeof o.content === 'string' && (o.mode === undefined || o.mode === 'markdown' || o.mode === 'html' || o.mode === 'code')) {
    expr = call(expr, 'content', json(o.content), ...(o.mode !== undefined && o.mode !== 'markdown' ? [json(o.mode)] : []));
  }
  if (type === 'logs') {
    for (const key of ['showTime', 'showLabels', 'wrapLines', 'prettifyJson'] as const) {
      if (typeof o[key] === 'boolean') expr = call(expr, key, json(o[key]));
    }
    if (o.sortOrder === 'Descending' || o.sortOrder === 'Ascending') expr = call(expr, 'sortOrder', json(o.sortOrder));
    if (typeof o.dedupStrategy === 'string' && ['none', 'exact', 'numbers', 'signature'].includes(o.dedupStrategy))
      expr = call(expr, 'dedup', json(o.dedupStrategy));
  }
  return withNewKindOptions(expr, o, type);
}

const ALERT_STATES = ['firing', 'pending', 'noData', 'normal', 'error', 'recovering'];
const ALERT_SORTS: Record<number, string> = { 1: 'nameAsc', 2: 'nameDesc', 3: 'importance', 4: 'timeAsc', 5: 'timeDesc' };

// Setters of the panel kinds built from Grafana's published schemas; what they do not cover stays in $merge.
function withNewKindOptions(expr: Chain, o: Json, type: string): Chain {
  const bool = (key: string, method: string) => {
    if (typeof o[key] === 'boolean') expr = call(expr, method, ...(o[key] ? [] : [json(false)]));
  };
  const num = (key: string, method: string) => {
    if (isFiniteNumber(o[key])) expr = call(expr, method, json(o[key]));
  };
  const str = (key: string, method: string) => {
    if (typeof o[key] === 'string') expr = call(expr, method, json(o[key]));
  };
  switch (type) {
    case 'alertlist': {
      const f = o.stateFilter;
      // Only a filter listing states as true (the setter cannot say false).
      if (isPlainObject(f) && Object.entries(f).every(([k, v]) => ALERT_STATES.includes(k) && v === true) && Object.keys(f).length > 0)
        expr = call(expr, 'states', ...Object.keys(f).map((k) => json(k)));
      str('alertInstanceLabelFilter', 'labelFilter');
      str('alertName', 'alertName');
      num('maxItems', 'maxItems');
      if (typeof o.sortOrder === 'number' && ALERT_SORTS[o.sortOrder] !== undefined) expr = call(expr, 'sortBy', json(ALERT_SORTS[o.sortOrder]));
      bool('dashboardAlerts', 'onlyThisDashboard');
      if (o.viewMode === 'list' || o.viewMode === 'stat') expr = call(expr, 'viewMode', json(o.viewMode));
      return expr;
    }
    case 'dashlist': {
      if (o.showSearch === true) {
        const search = pick(o, {
          query: (v) => typeof v === 'string',
          tags: (v) => Array.isArray(v) && v.every((t) => typeof t === 'string'),
          folderUID: (v) => typeof v === 'string',
        });
        expr = call(expr, 'search', ...(search ? [json(search)] : []));
      }
      bool('showStarred', 'starred');
      bool('showRecentlyViewed', 'recentlyViewed');
      bool('showHeadings', 'headings');
      num('maxItems', 'maxItems');
      bool('keepTime', 'keepTime');
      bool('includeVars', 'includeVars');
      return expr;
    }
    case 'annolist':
      if (Array.isArray(o.tags) && o.tags.every((t) => typeof t === 'string')) expr = call(expr, 'tags', ...o.tags.map((t) => json(t)));
      bool('onlyFromThisDashboard', 'onlyThisDashboard');
      bool('onlyInTimeRange', 'onlyInTimeRange');
      num('limit', 'limit');
      return expr;
    case 'news':
      str('feedUrl', 'feed');
      bool('showImage', 'showImage');
      return expr;
    case 'status-history':
      if (o.showValue === 'auto' || o.showValue === 'always' || o.showValue === 'never') expr = call(expr, 'showValue', json(o.showValue));
      num('rowHeight', 'rowHeight');
      num('colWidth', 'colWidth');
      return expr;
    case 'datagrid':
      num('selectedSeries', 'selectedSeries');
      return expr;
    case 'trend':
      str('xField', 'xField');
      return expr;
    default:
      return expr;
  }
}

/** The queries of a panel, or undefined when one of them is not a query object. */
function importQueries(ctx: ImportContext, targets: unknown[], panelKind: string | undefined, queryKinds: readonly (string | undefined)[]): Expr[] | undefined {
  if (!targets.every(isPlainObject)) return undefined;
  const letter = (i: number) => (i < 26 ? String.fromCharCode(65 + i) : undefined);
  // refIds A, B, … are assigned in order; they are spelt out only when the panel's differ.
  const positional = targets.every((t, i) => t.refId === letter(i));
  return (targets as Json[]).map((t, i) => {
    const own = ctx.datasource(t.datasource);
    const targetType = isPlainObject(t.datasource) && typeof t.datasource.type === 'string' ? t.datasource.type : undefined;
    // Only on no data source or the mixed one may each query pick its own kind.
    const kind = panelKind === undefined || panelKind === MIXED ? (targetType ?? queryKinds[i] ?? 'prometheus') : panelKind;
    const { refId: _refId, datasource: _datasource, ...fields } = t;
    let expr: Chain;
    if (kind === 'prometheus' && typeof t.expr === 'string') {
      expr = ctx.factory('prometheus', ctx.queryText(t.expr));
      if (typeof t.legendFormat === 'string') expr = call(expr, 'legend', json(t.legendFormat));
      if (t.instant === true && t.range !== true) expr = call(expr, 'instant');
      if (t.format === 'time_series' || t.format === 'table' || t.format === 'heatmap') expr = call(expr, 'format', json(t.format));
      if (typeof t.interval === 'string' && t.interval !== '') expr = call(expr, 'minInterval', json(t.interval));
      if (isFiniteNumber(t.intervalFactor)) expr = call(expr, 'intervalFactor', json(t.intervalFactor));
      if (typeof t.exemplar === 'boolean') expr = call(expr, 'exemplar', ...(t.exemplar ? [] : [json(false)]));
      if (t.editorMode === 'code' || t.editorMode === 'builder') expr = call(expr, 'editorMode', json(t.editorMode));
    } else if (kind === 'loki' && typeof t.expr === 'string') {
      expr = ctx.factory('loki', ctx.queryText(t.expr));
      if (typeof t.legendFormat === 'string') expr = call(expr, 'legend', json(t.legendFormat));
      if (t.queryType === 'range' || t.queryType === 'instant' || t.queryType === 'stream') expr = call(expr, 'queryType', json(t.queryType));
      if (isFiniteNumber(t.maxLines)) expr = call(expr, 'maxLines', json(t.maxLines));
      if (typeof t.step === 'string' && t.step !== '') expr = call(expr, 'step', json(t.step));
      if (t.editorMode === 'code' || t.editorMode === 'builder') expr = call(expr, 'editorMode', json(t.editorMode));
    } else {
      const raw = Object.fromEntries(Object.entries(fields).filter(([k]) => k !== 'hide'));
      expr = ctx.factory('rawQuery', json(kind), json(raw));
    }
    if (!positional && typeof t.refId === 'string') expr = call(expr, 'refId', json(t.refId));
    if (own && own.kind === kind) expr = call(expr, 'datasource', own.expr);
    if (typeof t.hide === 'boolean') expr = call(expr, 'hide', ...(t.hide ? [] : [json(false)]));
    return ctx.finish(expr, t, (q: { build(refId?: string): Json }) => {
      return normalizeTarget(q.build(typeof t.refId === 'string' ? t.refId : letter(i)));
    });
  });
}

function pick(value: unknown, checks: Record<string, (v: unknown) => boolean>, skip: readonly string[] = []): Json | undefined {
  if (!isPlainObject(value)) return undefined;
  const out: Json = {};
  for (const [key, v] of Object.entries(value)) {
    if (skip.includes(key)) continue;
    const check = checks[key];
    if (check && check(v)) out[key] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function isSimpleLink(link: unknown): boolean {
  return (
    isPlainObject(link) &&
    typeof link.title === 'string' &&
    typeof link.url === 'string' &&
    Object.keys(link).every((k) => k === 'title' || k === 'url' || (k === 'targetBlank' && typeof link.targetBlank === 'boolean'))
  );
}

function isSimpleTransformation(t: unknown): boolean {
  return (
    isPlainObject(t) &&
    typeof t.id === 'string' &&
    (t.options === undefined || isPlainObject(t.options)) &&
    (t.disabled === undefined || typeof t.disabled === 'boolean') &&
    Object.keys(t).every((k) => k === 'id' || k === 'options' || k === 'disabled')
  );
}

// What the generic panel() takes: a plugin id (a row is structure, not a panel).
function isGenericType(type: string): boolean {
  return type.trim() !== '' && type !== 'row';
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function isBoolean(v: unknown): v is boolean {
  return typeof v === 'boolean';
}
