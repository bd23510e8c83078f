import type { V2Variable } from './dashboard-v2-spec.js';
import { classicDatasource } from './v2-data-query.js';
import { VARIABLE_HIDE, VARIABLE_REFRESH, VARIABLE_SORT } from './v2-enum-names.js';

type Json = Record<string, unknown>;

const COMMON_KEYS = ['type', 'name', 'label', 'description', 'hide', 'skipUrlSync', 'current', 'options'];
const MULTI_KEYS = ['multi', 'includeAll', 'allValue', 'allowCustomValue'];
// The classic keys each variable type may carry; anything else (from a `$merge`) is reported.
const KNOWN_KEYS: Readonly<Record<string, readonly string[]>> = {
  query: [...COMMON_KEYS, ...MULTI_KEYS, 'datasource', 'query', 'definition', 'regex', 'refresh', 'sort', 'placeholder', 'regexApplyTo'],
  custom: [...COMMON_KEYS, ...MULTI_KEYS, 'query'],
  datasource: [...COMMON_KEYS, ...MULTI_KEYS, 'query', 'regex', 'refresh'],
  interval: [...COMMON_KEYS, 'query', 'auto', 'auto_min', 'auto_count', 'refresh'],
  textbox: [...COMMON_KEYS, 'query'],
  constant: [...COMMON_KEYS, 'query'],
  adhoc: [...COMMON_KEYS, 'datasource', 'filters', 'baseFilters', 'defaultKeys', 'allowCustomValue'],
  groupby: [...COMMON_KEYS, 'datasource', 'multi'],
  switch: [...COMMON_KEYS, 'enabledValue', 'disabledValue'],
};

/**
 * Turns one classic `templating.list` variable into its v2 `{ kind, spec }`, the way Grafana's
 * v1 → v2 conversion does (hide/refresh/sort codes become names, a string query of a query
 * variable is kept as `{ __legacyStringValue }`), writing every field the v2 schema requires.
 * Problems (an unknown type, a key v2 has no place for) go to `report`.
 *
 * @example
 * v2VariableOf({ type: 'custom', name: 'env', query: 'prod,dev' }, report)
 * // → { kind: 'CustomVariable', spec: { name: 'env', query: 'prod,dev', current: { text: '', value: '' }, options: [],
 * //     multi: false, includeAll: false, hide: 'dontHide', skipUrlSync: false, allowCustomValue: true } }
 */
export function v2VariableOf(variable: Json, report: (message: string) => void): V2Variable {
  const type = String(variable.type);
  const known = KNOWN_KEYS[type];
  if (known === undefined) {
    report(`variable type "${type}" has no schema v2 equivalent`);
    return { kind: 'TextVariable', spec: { name: String(variable.name) } };
  }
  for (const key of Object.keys(variable)) {
    if (!known.includes(key)) report(`variable key "${key}" has no place in dashboard schema v2`);
  }
  const name = String(variable.name);
  const head: Json & { name: string } = { name };
  if (typeof variable.label === 'string') head.label = variable.label;
  if (typeof variable.description === 'string') head.description = variable.description;
  const tail: Json = { hide: VARIABLE_HIDE[Number(variable.hide ?? 0)] ?? 'dontHide', skipUrlSync: variable.skipUrlSync === true };
  const current = (variable.current ?? { text: '', value: '' }) as Json;
  const options = Array.isArray(variable.options) ? variable.options : [];
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const multi = () => ({
    multi: variable.multi === true,
    includeAll: variable.includeAll === true,
    ...(typeof variable.allValue === 'string' && { allValue: variable.allValue }),
  });
  const allowCustomValue = variable.allowCustomValue !== false;
  const datasource = classicDatasource(variable);
  if ((type === 'query' || type === 'adhoc' || type === 'groupby') && !datasource?.type) {
    report("has no data source type; schema v2 stores one (set the variable's data source)");
  }
  switch (type) {
    case 'query': {
      const query = variable.query;
      const spec = typeof query === 'string' ? { __legacyStringValue: query } : ((query ?? {}) as Json);
      return {
        kind: 'QueryVariable',
        spec: {
          ...head,
          current,
          ...tail,
          refresh: VARIABLE_REFRESH[Number(variable.refresh ?? 0)] ?? 'never',
          query: {
            kind: 'DataQuery',
            group: datasource?.type ?? '',
            version: 'v0',
            ...(datasource?.uid !== undefined && { datasource: { name: datasource.uid } }),
            spec,
          },
          regex: text(variable.regex),
          sort: VARIABLE_SORT[Number(variable.sort ?? 0)] ?? 'disabled',
          ...(typeof variable.definition === 'string' && { definition: variable.definition }),
          options,
          ...multi(),
          allowCustomValue,
          ...(typeof variable.placeholder === 'string' && { placeholder: variable.placeholder }),
          ...(typeof variable.regexApplyTo === 'string' && { regexApplyTo: variable.regexApplyTo }),
        },
      };
    }
    case 'custom':
      return { kind: 'CustomVariable', spec: { ...head, query: text(variable.query), current, options, ...multi(), ...tail, allowCustomValue } };
    case 'datasource':
      return {
        kind: 'DatasourceVariable',
        spec: {
          ...head,
          pluginId: text(variable.query),
          refresh: VARIABLE_REFRESH[Number(variable.refresh ?? 0)] ?? 'never',
          regex: text(variable.regex),
          current,
          options,
          ...multi(),
          ...tail,
          allowCustomValue,
        },
      };
    case 'interval':
      return {
        kind: 'IntervalVariable',
        spec: {
          ...head,
          query: text(variable.query),
          current,
          options,
          auto: variable.auto === true,
          auto_min: typeof variable.auto_min === 'string' ? variable.auto_min : '',
          auto_count: typeof variable.auto_count === 'number' ? variable.auto_count : 0,
          refresh: 'onTimeRangeChanged',
          ...tail,
        },
      };
    case 'textbox':
      return { kind: 'TextVariable', spec: { ...head, current, query: text(variable.query), ...tail } };
    case 'constant':
      return { kind: 'ConstantVariable', spec: { ...head, query: text(variable.query), current, ...tail } };
    case 'adhoc':
      return {
        kind: 'AdhocVariable',
        group: datasource?.type ?? '',
        ...(datasource?.uid !== undefined && { datasource: { name: datasource.uid } }),
        spec: {
          ...head,
          baseFilters: Array.isArray(variable.baseFilters) ? variable.baseFilters : [],
          filters: Array.isArray(variable.filters) ? variable.filters : [],
          defaultKeys: Array.isArray(variable.defaultKeys) ? variable.defaultKeys : [],
          ...tail,
          allowCustomValue,
        },
      };
    case 'groupby':
      return {
        kind: 'GroupByVariable',
        group: datasource?.type ?? '',
        ...(datasource?.uid !== undefined && { datasource: { name: datasource.uid } }),
        spec: { ...head, current, options, multi: variable.multi === true, ...tail },
      };
    default:
      return {
        kind: 'SwitchVariable',
        spec: {
          ...head,
          current: typeof current.value === 'string' ? current.value : 'false',
          enabledValue: typeof variable.enabledValue === 'string' ? variable.enabledValue : 'true',
          disabledValue: typeof variable.disabledValue === 'string' ? variable.disabledValue : 'false',
          ...tail,
        },
      };
  }
}
