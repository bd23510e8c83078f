import { isPlainObject } from '../../model/deep-merge.js';
import { LEGACY_PANEL_KEPT_KEYS } from './legacy-panel-keys.js';

type Json = Record<string, unknown>;

// Keys of the legacy graph panel that the time series panel keeps as they are: the shared ones,
// plus `type` (keeps its key position, then set to `timeseries`) and the old row layout's `span`/`height`.
const KEPT = new Set([...LEGACY_PANEL_KEPT_KEYS, 'type', 'span', 'height']);

// Keys that are fully migrated (or mean nothing for time series).
const MIGRATED = new Set([
  'aliasColors',
  'seriesOverrides',
  'bars',
  'lines',
  'points',
  'pointradius',
  'linewidth',
  'fill',
  'fillGradient',
  'dashes',
  'dashLength',
  'spaceLength',
  'nullPointMode',
  'steppedLine',
  'stack',
  'percentage',
  'legend',
  'tooltip',
  'yaxes',
  'yaxis',
  'thresholds',
  'fieldConfig',
  'options',
  'xaxis',
  'renderer',
  'grid',
  'timeRegions',
  'pluginVersion',
  'hiddenSeries',
  'dashboardFilter',
  'format',
  'decimals',
  'min',
  'max',
  'editable',
  'error',
  'isNew',
  'minSpan',
  'leftYAxisLabel',
  'rightYAxisLabel',
  'zerofill',
  'alerting',
  'alert',
  'y_formats',
  'grid',
  'scopedVars',
]);

const LEGEND_CALCS: readonly [string, string][] = [
  ['min', 'min'],
  ['max', 'max'],
  ['avg', 'mean'],
  ['current', 'lastNotNull'],
  ['total', 'sum'],
];

/**
 * The legacy `graph` panel as a `timeseries` panel, following what Grafana's own migration
 * does (Grafana ≥ 8 converts graph panels when they are opened): draw style, fill, line width,
 * points, stacking, stepped lines, null handling, left y axis (unit, decimals, min, max, label,
 * log scale, hidden), right-axis series, alias colours and series overrides, legend and
 * tooltip, thresholds. Notes name what could not be carried over.
 *
 * @example
 * migrateGraph({ type: 'graph', title: 'CPU', fill: 1, linewidth: 2, yaxes: [{ format: 'percentunit' }] }, notes)
 * // → { type: 'timeseries', title: 'CPU', fieldConfig: { defaults: { unit: 'percentunit',
 * //      custom: { drawStyle: 'line', fillOpacity: 10, lineWidth: 2, showPoints: 'never', spanNulls: false } }, overrides: [] },
 * //      options: { legend: {…}, tooltip: {…} } }
 */
export function migrateGraph(panel: Json, notes: string[]): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(panel)) if (KEPT.has(key)) out[key] = value;
  out.type = 'timeseries';
  const yaxes = Array.isArray(panel.yaxes) ? panel.yaxes : [];
  const oldDefaults = isPlainObject(panel.fieldConfig) && isPlainObject(panel.fieldConfig.defaults) ? panel.fieldConfig.defaults : {};
  const oldOverrides = isPlainObject(panel.fieldConfig) && Array.isArray(panel.fieldConfig.overrides) ? panel.fieldConfig.overrides : [];
  const defaults: Json = { ...oldDefaults, ...axisConfig(yaxes[0]) };
  const custom: Json = { ...(isPlainObject(defaults.custom) ? defaults.custom : {}) };
  const overrides: unknown[] = [...oldOverrides];

  if (isPlainObject(panel.aliasColors)) {
    for (const [alias, color] of Object.entries(panel.aliasColors)) {
      if (typeof color === 'string' && color !== '') {
        overrides.push({ matcher: { id: 'byName', options: alias }, properties: [{ id: 'color', value: { mode: 'fixed', fixedColor: color } }] });
      }
    }
  }
  let fillBelowTo = false;
  const ignored = new Set<string>();
  for (const o of Array.isArray(panel.seriesOverrides) ? panel.seriesOverrides : []) {
    if (!isPlainObject(o) || typeof o.alias !== 'string' || o.alias === '') continue;
    const isRegex = /^([/~@;%#'])(.*?)\1([gimsuy]*)$/.test(o.alias);
    const properties: Json[] = [];
    let lineStyle: Json | undefined;
    for (const [key, v] of Object.entries(o)) {
      switch (key) {
        case 'alias':
        case '$$hashKey':
          break;
        case 'yaxis':
          if (v === 2) {
            properties.push({ id: 'custom.axisPlacement', value: 'right' });
            const y2 = axisConfig(yaxes[1]);
            for (const k of ['unit', 'decimals', 'min', 'max'] as const) {
              if (y2[k] !== undefined && y2[k] !== defaults[k]) properties.push({ id: k, value: y2[k] });
            }
          }
          break;
        case 'fill':
          if (typeof v === 'number') properties.push({ id: 'custom.fillOpacity', value: v * 10 });
          break;
        case 'fillBelowTo':
          fillBelowTo = true;
          properties.push({ id: 'custom.fillBelowTo', value: v });
          break;
        case 'points':
          properties.push({ id: 'custom.showPoints', value: v ? 'always' : 'never' });
          break;
        case 'bars':
          if (v) properties.push({ id: 'custom.drawStyle', value: 'bars' }, { id: 'custom.fillOpacity', value: 100 });
          else properties.push({ id: 'custom.drawStyle', value: 'line' });
          break;
        case 'lines':
          properties.push(v ? { id: 'custom.drawStyle', value: 'line' } : { id: 'custom.lineWidth', value: 0 });
          break;
        case 'linewidth':
          properties.push({ id: 'custom.lineWidth', value: v });
          break;
        case 'pointradius':
          if (typeof v === 'number') properties.push({ id: 'custom.pointSize', value: 2 + v * 2 });
          break;
        case 'dashes':
        case 'dashLength':
        case 'spaceLength': {
          lineStyle ??= { fill: panel.dashes ? 'dash' : 'solid', dash: [num(panel.dashLength, 10), num(panel.spaceLength, 10)] };
          const dash = lineStyle.dash as number[];
          if (key === 'dashes') lineStyle.fill = v ? 'dash' : 'solid';
          else if (key === 'dashLength') dash[0] = num(v, 10);
          else dash[1] = num(v, 10);
          break;
        }
        case 'stack':
          properties.push({
            id: 'custom.stacking',
            value: v === false ? { mode: 'none', group: 'A' } : { mode: 'normal', group: typeof v === 'string' ? v : 'A' },
          });
          break;
        case 'color':
          properties.push({ id: 'color', value: { mode: 'fixed', fixedColor: v } });
          break;
        case 'transform':
          properties.push({ id: 'custom.transform', value: v === 'negative-Y' ? 'negative-Y' : 'constant' });
          break;
        default:
          ignored.add(key);
      }
    }
    if (lineStyle) properties.push({ id: 'custom.lineStyle', value: lineStyle });
    if (properties.length > 0) overrides.push({ matcher: { id: isRegex ? 'byRegexp' : 'byName', options: o.alias }, properties });
  }
  if (ignored.size > 0) notes.push(`series override settings without a time series equivalent dropped: ${[...ignored].sort().join(', ')}`);

  custom.drawStyle = panel.bars ? 'bars' : panel.lines === false ? 'points' : 'line';
  if (panel.points) {
    custom.showPoints = 'always';
    if (typeof panel.pointradius === 'number') custom.pointSize = 2 + panel.pointradius * 2;
  } else if (custom.drawStyle !== 'points') custom.showPoints = 'never';
  if (typeof panel.linewidth === 'number') custom.lineWidth = panel.linewidth;
  if (panel.dashes) custom.lineStyle = { fill: 'dash', dash: [num(panel.dashLength, 10), num(panel.spaceLength, 10)] };
  if (fillBelowTo) custom.fillOpacity = 35;
  else if (typeof panel.fill === 'number') custom.fillOpacity = panel.fill * 10;
  if (typeof panel.fillGradient === 'number' && panel.fillGradient > 0) {
    custom.gradientMode = 'opacity';
    custom.fillOpacity = panel.fillGradient * 10;
  }
  custom.spanNulls = panel.nullPointMode === 'connected';
  if (panel.steppedLine) custom.lineInterpolation = 'stepAfter';
  if (custom.drawStyle === 'bars') custom.fillOpacity = 100;
  if (panel.stack) custom.stacking = { mode: panel.percentage ? 'percent' : 'normal', group: 'A' };
  if (isPlainObject(yaxes[0]) && yaxes[0].show === false) custom.axisPlacement = 'hidden';
  if (isPlainObject(yaxes[0]) && typeof yaxes[0].label === 'string' && yaxes[0].label !== '') custom.axisLabel = yaxes[0].label;
  const logBase = isPlainObject(yaxes[0]) ? yaxes[0].logBase : undefined;
  if (typeof logBase === 'number' && logBase > 1) custom.scaleDistribution = { type: 'log', log: logBase };
  defaults.custom = custom;

  const legend: Json = { displayMode: 'list', showLegend: true, placement: 'bottom', calcs: [] };
  if (isPlainObject(panel.legend)) {
    const l = panel.legend;
    if (l.show === false) legend.showLegend = false;
    else if (l.alignAsTable) legend.displayMode = 'table';
    if (l.rightSide) legend.placement = 'right';
    if (l.values) legend.calcs = LEGEND_CALCS.filter(([k]) => l[k]).map(([, calc]) => calc);
    if (typeof l.sideWidth === 'number') legend.width = l.sideWidth;
    if (l.hideZero) overrides.push(hideFromLegend('allIsZero'));
    if (l.hideEmpty) overrides.push(hideFromLegend('allIsNull'));
  }
  const tooltip: Json = { mode: 'single', sort: 'none' };
  if (isPlainObject(panel.tooltip)) {
    if (panel.tooltip.shared !== undefined) tooltip.mode = panel.tooltip.shared ? 'multi' : 'single';
    if (panel.tooltip.shared && panel.tooltip.sort === 1) tooltip.sort = 'asc';
    if (panel.tooltip.shared && panel.tooltip.sort === 2) tooltip.sort = 'desc';
  }

  const thresholds = Array.isArray(panel.thresholds) ? panel.thresholds.filter(isPlainObject) : [];
  if (thresholds.length > 0) {
    const sorted = [...thresholds].sort((a, b) => num(a.value, 0) - num(b.value, 0));
    const steps: Json[] = [{ color: 'transparent', value: null }];
    let area = false;
    let line = false;
    for (const t of sorted) {
      if (t.fill) area = true;
      if (t.line) line = true;
      if (t.op === 'lt') notes.push('a "lt" graph threshold became a plain step (time series thresholds only go upwards)');
      steps.push({ color: thresholdColor(t), value: num(t.value, 0) });
    }
    defaults.thresholds = { mode: 'absolute', steps };
    custom.thresholdsStyle = { mode: line && area ? 'line+area' : area ? 'area' : 'line' };
  }

  out.fieldConfig = { defaults, overrides };
  out.options = { legend, tooltip };
  const dropped = Object.keys(panel).filter((k) => !KEPT.has(k) && !MIGRATED.has(k));
  if (Array.isArray(panel.timeRegions) && panel.timeRegions.length > 0) notes.push('time regions dropped (make them a time-region annotation)');
  if (panel.alert !== undefined) notes.push('legacy panel alert dropped (migrate it to a Grafana-managed alert rule)');
  if (dropped.length > 0) notes.push(`graph settings without a time series equivalent dropped: ${dropped.sort().join(', ')}`);
  return out;
}

function axisConfig(axis: unknown): Json {
  if (!isPlainObject(axis)) return {};
  const out: Json = {};
  if (typeof axis.format === 'string' && axis.format !== '') out.unit = axis.format;
  if (typeof axis.decimals === 'number') out.decimals = axis.decimals;
  const min = toNumber(axis.min);
  const max = toNumber(axis.max);
  if (min !== undefined) out.min = min;
  if (max !== undefined) out.max = max;
  return out;
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

function num(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function thresholdColor(t: Json): string {
  if (t.colorMode === 'critical') return 'red';
  if (t.colorMode === 'warning') return 'orange';
  if (t.colorMode === 'ok') return 'green';
  if (typeof t.fillColor === 'string') return t.fillColor;
  if (typeof t.lineColor === 'string') return t.lineColor;
  return 'red';
}

function hideFromLegend(reducer: string): Json {
  return {
    matcher: { id: 'byValue', options: { op: 'gte', reducer, value: 0 } },
    properties: [{ id: 'custom.hideFrom', value: { tooltip: true, viz: false, legend: true } }],
  };
}
