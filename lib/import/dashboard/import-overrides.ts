import { isPlainObject } from '../../model/deep-merge.js';
import { toDynamicConfigValues } from '../../model/field-config/overrides.js';
import { FIELD_COLOR_MODES } from './field-color-modes.js';
import { jsonEqual } from './json-equal.js';

type Json = Record<string, unknown>;
type Check = (value: unknown) => boolean;

const oneOf =
  (...values: string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v);
const isString: Check = (v) => typeof v === 'string';
const isNumber: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const isBoolean: Check = (v) => typeof v === 'boolean';
const shape =
  (fields: Record<string, Check>, required: string[] = []): Check =>
  (v) =>
    isPlainObject(v) && Object.entries(v).every(([k, x]) => fields[k]?.(x) === true) && required.every((k) => Object.hasOwn(v, k));

const THRESHOLDS: Check = (v) =>
  shape(
    {
      mode: oneOf('absolute', 'percentage'),
      steps: (s) => Array.isArray(s) && s.every(shape({ color: isString, value: (x) => x === null || isNumber(x) }, ['color', 'value'])),
    },
    ['mode', 'steps'],
  )(v);

/** Standard field options an override may set, with the values the builders' types accept. */
const STANDARD: Record<string, Check> = {
  unit: isString,
  displayName: isString,
  noValue: isString,
  min: isNumber,
  max: isNumber,
  decimals: isNumber,
  color: shape({ mode: (v) => typeof v === 'string' && FIELD_COLOR_MODES.has(v), fixedColor: isString }, ['mode']),
  thresholds: THRESHOLDS,
};

/** The time series panel's custom field options an override may set. */
const TIMESERIES_CUSTOM: Record<string, Check> = {
  drawStyle: oneOf('line', 'bars', 'points'),
  gradientMode: oneOf('none', 'opacity', 'hue', 'scheme'),
  transform: oneOf('constant', 'negative-Y'),
  lineWidth: isNumber,
  lineInterpolation: oneOf('linear', 'smooth', 'stepBefore', 'stepAfter'),
  lineStyle: shape({ fill: oneOf('solid', 'dash', 'dot', 'square'), dash: (d) => Array.isArray(d) && d.every(isNumber) }),
  fillOpacity: isNumber,
  fillBelowTo: isString,
  showPoints: oneOf('auto', 'always', 'never'),
  pointSize: isNumber,
  axisPlacement: oneOf('auto', 'top', 'right', 'bottom', 'left', 'hidden'),
  axisLabel: isString,
  axisSoftMin: isNumber,
  axisSoftMax: isNumber,
  stacking: shape({ mode: oneOf('none', 'normal', 'percent'), group: isString }),
  hideFrom: shape({ tooltip: isBoolean, legend: isBoolean, viz: isBoolean }, ['tooltip', 'legend', 'viz']),
  spanNulls: (v) => isBoolean(v) || isNumber(v),
};

/** An override as a builder call: method, matcher argument, properties object. */
export interface OverrideCall {
  readonly method: 'overrideByName' | 'overrideByRegex' | 'overrideByQuery' | 'overrideByType';
  readonly matcher: string;
  readonly properties: Json;
}

/**
 * The field overrides of a panel as `overrideByName(…)`-style calls, or undefined unless every
 * one of them can be written so: a known matcher, properties the builders' types accept (for
 * the time series panel also its custom options), no property twice, and an order the
 * properties object reproduces.
 *
 * @example
 * overrideCalls([{ matcher: { id: 'byName', options: 'p99' }, properties: [{ id: 'color', value: { mode: 'fixed', fixedColor: 'red' } }] }], 'timeseries')
 * // → [{ method: 'overrideByName', matcher: 'p99', properties: { color: { mode: 'fixed', fixedColor: 'red' } } }]
 */
export function overrideCalls(overrides: readonly unknown[], panelType: string): OverrideCall[] | undefined {
  const calls: OverrideCall[] = [];
  for (const o of overrides) {
    if (!isPlainObject(o) || !isPlainObject(o.matcher) || !Array.isArray(o.properties) || Object.keys(o).length !== 2) return undefined;
    const { id, options } = o.matcher;
    if (typeof options !== 'string' || Object.keys(o.matcher).length !== 2) return undefined;
    const method =
      id === 'byName'
        ? 'overrideByName'
        : id === 'byRegexp'
          ? 'overrideByRegex'
          : id === 'byFrameRefID'
            ? 'overrideByQuery'
            : id === 'byType' && ['number', 'string', 'time', 'boolean', 'other'].includes(options)
              ? 'overrideByType'
              : undefined;
    if (method === undefined) return undefined;
    const properties: Json = {};
    const custom: Json = {};
    for (const p of o.properties) {
      if (!isPlainObject(p) || typeof p.id !== 'string' || Object.keys(p).length !== 2 || !Object.hasOwn(p, 'value')) return undefined;
      if (p.id.startsWith('custom.')) {
        const key = p.id.slice('custom.'.length);
        if (panelType !== 'timeseries' || Object.hasOwn(custom, key) || TIMESERIES_CUSTOM[key]?.(p.value) !== true) return undefined;
        if (!Object.hasOwn(properties, 'custom')) properties.custom = custom;
        custom[key] = p.value;
      } else {
        if (p.id === 'custom' || Object.hasOwn(properties, p.id) || STANDARD[p.id]?.(p.value) !== true) return undefined;
        properties[p.id] = p.value;
      }
    }
    if (!jsonEqual(toDynamicConfigValues(properties), o.properties)) return undefined;
    calls.push({ method, matcher: options, properties });
  }
  return calls;
}
