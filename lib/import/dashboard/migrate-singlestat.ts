import { isPlainObject } from '../../model/deep-merge.js';
import { LEGACY_PANEL_KEPT_KEYS } from './legacy-panel-keys.js';

type Json = Record<string, unknown>;

const KEPT = new Set(LEGACY_PANEL_KEPT_KEYS);

const MIGRATED = new Set([
  'type',
  'valueName',
  'format',
  'decimals',
  'thresholds',
  'colors',
  'colorBackground',
  'colorValue',
  'sparkline',
  'gauge',
  'valueMaps',
  'rangeMaps',
  'mappingType',
  'mappingTypes',
  'nullPointMode',
  'nullText',
  'pluginVersion',
  'options',
  'fieldConfig',
  'tableColumn',
  'postfixFontSize',
  'prefixFontSize',
  'valueFontSize',
  'editable',
  'error',
  'isNew',
  'minSpan',
  'scopedVars',
  'colorPrefix',
  'colorPostfix',
  'postfix',
  'prefix',
  'strokeWidth',
  'combine',
]);

// Legacy singlestat value names → Grafana reducer ids.
const REDUCERS: Record<string, string> = {
  min: 'min',
  max: 'max',
  avg: 'mean',
  current: 'lastNotNull',
  total: 'sum',
  name: 'last',
  first: 'first',
  delta: 'delta',
  diff: 'diff',
  range: 'range',
  last_time: 'last',
};

/**
 * The legacy `singlestat` panel as `stat` (or `gauge` when it drew a gauge), as Grafana's
 * migration does: reducer from the value name, unit, decimals, thresholds and colours,
 * background or value colouring, sparkline, value and range maps, gauge min/max.
 * Prefix and postfix texts have no equivalent and are reported in `notes`.
 *
 * @example
 * migrateSinglestat({ type: 'singlestat', title: 'Up', valueName: 'avg', format: 'percent' }, notes)
 * // → { type: 'stat', title: 'Up', fieldConfig: { defaults: { unit: 'percent', … } },
 * //      options: { reduceOptions: { calcs: ['mean'], fields: '', values: false }, … } }
 */
export function migrateSinglestat(panel: Json, notes: string[]): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(panel)) if (KEPT.has(key)) out[key] = value;
  const gauge = isPlainObject(panel.gauge) && panel.gauge.show === true;
  out.type = gauge ? 'gauge' : 'stat';
  const defaults: Json = {};
  if (typeof panel.format === 'string' && panel.format !== '') defaults.unit = panel.format;
  if (typeof panel.decimals === 'number') defaults.decimals = panel.decimals;
  if (typeof panel.nullText === 'string' && panel.nullText !== '') defaults.noValue = panel.nullText;
  const colors = Array.isArray(panel.colors) ? panel.colors.filter((c): c is string => typeof c === 'string') : [];
  const values =
    typeof panel.thresholds === 'string'
      ? panel.thresholds
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '' && Number.isFinite(Number(s)))
          .map(Number)
      : [];
  const steps: Json[] = [{ color: colors[0] ?? 'green', value: null }];
  values.forEach((value, i) => steps.push({ color: colors[i + 1] ?? colors[colors.length - 1] ?? 'red', value }));
  defaults.thresholds = { mode: 'absolute', steps };
  defaults.color = { mode: 'thresholds' };
  const mappings: Json[] = [];
  for (const m of Array.isArray(panel.valueMaps) ? panel.valueMaps : []) {
    if (isPlainObject(m) && m.value !== undefined && typeof m.text === 'string' && m.op === '=') {
      mappings.push({ type: 'value', options: { [String(m.value)]: { text: m.text } } });
    }
  }
  for (const m of Array.isArray(panel.rangeMaps) ? panel.rangeMaps : []) {
    if (isPlainObject(m) && typeof m.text === 'string') {
      const from = Number(m.from);
      const to = Number(m.to);
      mappings.push({ type: 'range', options: { from: Number.isFinite(from) ? from : null, to: Number.isFinite(to) ? to : null, result: { text: m.text } } });
    }
  }
  if (mappings.length > 0) defaults.mappings = mappings;
  if (gauge && isPlainObject(panel.gauge)) {
    if (typeof panel.gauge.minValue === 'number') defaults.min = panel.gauge.minValue;
    if (typeof panel.gauge.maxValue === 'number') defaults.max = panel.gauge.maxValue;
  }
  const calc = REDUCERS[typeof panel.valueName === 'string' ? panel.valueName : 'avg'] ?? 'mean';
  const reduceOptions: Json = { calcs: [calc], fields: '', values: false };
  if (gauge) {
    out.options = {
      reduceOptions,
      orientation: 'horizontal',
      showThresholdMarkers: isPlainObject(panel.gauge) ? panel.gauge.thresholdMarkers !== false : true,
      showThresholdLabels: isPlainObject(panel.gauge) ? panel.gauge.thresholdLabels === true : false,
    };
  } else {
    const sparkline = isPlainObject(panel.sparkline) && panel.sparkline.show === true;
    out.options = {
      reduceOptions,
      orientation: 'horizontal',
      colorMode: panel.colorBackground ? 'background' : panel.colorValue ? 'value' : 'none',
      graphMode: sparkline ? 'area' : 'none',
      justifyMode: 'auto',
      textMode: 'auto',
    };
  }
  out.fieldConfig = { defaults, overrides: [] };
  const lost = ['prefix', 'postfix'].filter((k) => typeof panel[k] === 'string' && panel[k] !== '');
  if (lost.length > 0) notes.push(`singlestat ${lost.join(' and ')} text dropped (no stat equivalent; consider a unit)`);
  const dropped = Object.keys(panel).filter((k) => !KEPT.has(k) && !MIGRATED.has(k));
  if (dropped.length > 0) notes.push(`singlestat settings without a ${String(out.type)} equivalent dropped: ${dropped.sort().join(', ')}`);
  return out;
}
