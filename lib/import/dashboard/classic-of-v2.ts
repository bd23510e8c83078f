import { isPlainObject } from '../../model/deep-merge.js';
import { DEFAULT_AUTO_REFRESH_INTERVALS } from '../../render/v2/v2-time-settings.js';
import { CURSOR_SYNC, VARIABLE_HIDE, VARIABLE_REFRESH, VARIABLE_SORT } from '../../render/v2/v2-enum-names.js';
import { jsonEqual } from './json-equal.js';
import { V2_DASHBOARD_SPEC_KEYS } from '../../model/dashboard-schema-keys.js';

type Json = Record<string, unknown>;

/** Thrown by the mappings below for a v2 part that has no classic (and so no builder) form. */
export type Refuse = (jsonPath: string, reason: string) => never;

/** A v2 element as the classic panel the importer's panel emission reads. */
export interface ClassicPanelOfV2 {
  /** The classic panel (with `id`; no `gridPos`, the layout item has it). */
  readonly panel: Json;
  /** The data source type of each query, for the queries the panel JSON does not name one for. */
  readonly queryKinds: readonly (string | undefined)[];
}

const PANEL_SPEC_KEYS = new Set(['id', 'title', 'description', 'links', 'transparent', 'data', 'vizConfig']);
const QUERY_OPTION_KEYS = new Set(['timeFrom', 'timeShift', 'maxDataPoints', 'interval', 'queryCachingTTL', 'cacheTimeout', 'hideTimeOverride', 'timeCompare']);
// A v2 key at the path: `$.spec.elements["panel-1"].spec`.
const key = (path: string, name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? `${path}.${name}` : `${path}[${JSON.stringify(name)}]`);

function onlyKeys(value: Json, allowed: ReadonlySet<string>, at: string, what: string, refuse: Refuse): void {
  for (const k of Object.keys(value)) if (!allowed.has(k)) refuse(key(at, k), `${what} key "${k}" has no builder equivalent`);
}

function record(value: unknown, at: string, what: string, refuse: Refuse): Json {
  if (!isPlainObject(value)) refuse(at, `expected ${what} object`);
  return value as Json;
}

/**
 * The classic panel a v2 element stands for: the exact inverse of the renderer's v1 → v2 panel
 * mapping (`v2PanelOf`), so that importing the classic panel with the classic importer and
 * rendering it as v2 gives the element back. Queries that all run on one named data source put
 * it on the panel; queries on several go under the mixed data source, each naming its own.
 *
 * @throws via `refuse` for a part with no classic form (an unknown element kind or key).
 * @example
 * classicPanelOfV2({ kind: 'Panel', spec: { id: 1, title: 'Up', description: '', links: [], data: { kind: 'QueryGroup', spec: {
 *   queries: [{ kind: 'PanelQuery', spec: { refId: 'A', hidden: false, query: { kind: 'DataQuery', group: 'prometheus', version: 'v0', datasource: { name: 'prom' }, spec: { expr: 'up' } } } }],
 *   transformations: [], queryOptions: {} } }, vizConfig: { kind: 'VizConfig', group: 'stat', version: '', spec: { options: {}, fieldConfig: { defaults: {}, overrides: [] } } } } }, '$.elements["panel-1"]', refuse).panel
 * // → { id: 1, type: 'stat', title: 'Up', datasource: { type: 'prometheus', uid: 'prom' }, targets: [{ refId: 'A', expr: 'up' }],
 * //     options: {}, fieldConfig: { defaults: {}, overrides: [] } }
 */
export function classicPanelOfV2(element: unknown, at: string, refuse: Refuse): ClassicPanelOfV2 {
  const e = record(element, at, 'an element', refuse);
  const spec = record(e.spec, `${at}.spec`, 'an element spec', refuse);
  const specAt = `${at}.spec`;
  if (e.kind === 'LibraryPanel') {
    onlyKeys(spec, new Set(['id', 'title', 'libraryPanel']), specAt, 'library panel', refuse);
    const library = record(spec.libraryPanel, `${specAt}.libraryPanel`, 'a libraryPanel', refuse);
    onlyKeys(library, new Set(['uid', 'name']), `${specAt}.libraryPanel`, 'libraryPanel', refuse);
    if (typeof library.uid !== 'string' || typeof library.name !== 'string') refuse(`${specAt}.libraryPanel`, 'a library panel needs a string uid and name');
    return {
      panel: { id: spec.id, title: typeof spec.title === 'string' ? spec.title : '', libraryPanel: { uid: library.uid, name: library.name } },
      queryKinds: [],
    };
  }
  if (e.kind !== 'Panel') refuse(`${at}.kind`, `element kind ${JSON.stringify(e.kind)} has no builder (Panel and LibraryPanel have)`);
  onlyKeys(e, new Set(['kind', 'spec']), at, 'element', refuse);
  onlyKeys(spec, PANEL_SPEC_KEYS, specAt, 'panel', refuse);
  const data = record(spec.data, `${specAt}.data`, 'a QueryGroup', refuse);
  const dataSpec = record(data.spec, `${specAt}.data.spec`, 'a QueryGroup spec', refuse);
  onlyKeys(dataSpec, new Set(['queries', 'transformations', 'queryOptions']), `${specAt}.data.spec`, 'QueryGroup', refuse);
  const viz = record(spec.vizConfig, `${specAt}.vizConfig`, 'a VizConfig', refuse);
  const vizSpec = record(viz.spec, `${specAt}.vizConfig.spec`, 'a VizConfig spec', refuse);
  onlyKeys(vizSpec, new Set(['options', 'fieldConfig']), `${specAt}.vizConfig.spec`, 'VizConfig', refuse);
  if (typeof viz.group !== 'string' || viz.group === '') refuse(`${specAt}.vizConfig.group`, 'a panel needs its plugin id in vizConfig.group');

  const panel: Json = { id: spec.id, type: viz.group, title: typeof spec.title === 'string' ? spec.title : '' };
  if (typeof spec.description === 'string' && spec.description !== '') panel.description = spec.description;
  if (Array.isArray(spec.links) && spec.links.length > 0) panel.links = spec.links;
  if (spec.transparent !== undefined) panel.transparent = spec.transparent;
  if (typeof viz.version === 'string' && viz.version !== '') panel.pluginVersion = viz.version;

  const queries = Array.isArray(dataSpec.queries) ? dataSpec.queries : [];
  const parsed = queries.map((q, i) => {
    const qAt = `${specAt}.data.spec.queries[${i}]`;
    const pq = record(q, qAt, 'a PanelQuery', refuse);
    const pqSpec = record(pq.spec, `${qAt}.spec`, 'a PanelQuery spec', refuse);
    onlyKeys(pqSpec, new Set(['refId', 'hidden', 'query']), `${qAt}.spec`, 'PanelQuery', refuse);
    const query = record(pqSpec.query, `${qAt}.spec.query`, 'a DataQuery', refuse);
    onlyKeys(query, new Set(['kind', 'group', 'version', 'datasource', 'spec']), `${qAt}.spec.query`, 'DataQuery', refuse);
    const ds = query.datasource === undefined ? undefined : record(query.datasource, `${qAt}.spec.query.datasource`, 'a data source reference', refuse);
    if (ds) onlyKeys(ds, new Set(['name']), `${qAt}.spec.query.datasource`, 'data source reference', refuse);
    const group = typeof query.group === 'string' ? query.group : '';
    const name = typeof ds?.name === 'string' ? ds.name : undefined;
    return { refId: pqSpec.refId, hidden: pqSpec.hidden === true, group, name, body: isPlainObject(query.spec) ? query.spec : {} };
  });
  const first = parsed[0];
  const shared = first !== undefined && first.name !== undefined && parsed.every((q) => q.group === first.group && q.name === first.name);
  const sameKind = first !== undefined && parsed.every((q) => q.group === first.group && q.name === undefined);
  if (shared) panel.datasource = { type: first.group, uid: first.name };
  else if (parsed.length > 0 && !sameKind) panel.datasource = { type: 'datasource', uid: '-- Mixed --' };
  if (parsed.length > 0) {
    panel.targets = parsed.map((q) => {
      const target: Json = { refId: q.refId, ...q.body };
      if (!shared && !sameKind && q.group !== '') target.datasource = { type: q.group, ...(q.name !== undefined && { uid: q.name }) };
      if (q.hidden) target.hide = true;
      return target;
    });
  }
  const transformations = Array.isArray(dataSpec.transformations) ? dataSpec.transformations : [];
  if (transformations.length > 0) {
    panel.transformations = transformations.map((t, i) => {
      const tAt = `${specAt}.data.spec.transformations[${i}]`;
      const tr = record(t, tAt, 'a transformation', refuse);
      if (tr.kind !== 'Transformation' || typeof tr.group !== 'string') refuse(tAt, 'expected { kind: "Transformation", group: "<id>", spec }');
      onlyKeys(tr, new Set(['kind', 'group', 'spec']), tAt, 'transformation', refuse);
      return { id: tr.group, ...(isPlainObject(tr.spec) ? tr.spec : {}) };
    });
  }
  const queryOptions = isPlainObject(dataSpec.queryOptions) ? dataSpec.queryOptions : {};
  onlyKeys(queryOptions, QUERY_OPTION_KEYS, `${specAt}.data.spec.queryOptions`, 'queryOptions', refuse);
  Object.assign(panel, queryOptions);
  panel.options = isPlainObject(vizSpec.options) ? vizSpec.options : {};
  const fieldConfig = isPlainObject(vizSpec.fieldConfig) ? vizSpec.fieldConfig : {};
  onlyKeys(fieldConfig, new Set(['defaults', 'overrides']), `${specAt}.vizConfig.spec.fieldConfig`, 'fieldConfig', refuse);
  panel.fieldConfig = { defaults: fieldConfig.defaults ?? {}, overrides: fieldConfig.overrides ?? [] };
  // Queries without a named data source run on the default one of their type: the type is a hint, not JSON.
  const queryKinds = parsed.map((q) => (sameKind && q.group !== '' ? q.group : undefined));
  return { panel, queryKinds };
}

// Every v2 spec key but the two no builder sets (refused below, `preferences` with its own hint).
const HEADER_KEYS = new Set(V2_DASHBOARD_SPEC_KEYS.filter((k) => k !== 'revision' && k !== 'preferences'));
const TIME_KEYS = new Set([
  'timezone',
  'from',
  'to',
  'autoRefresh',
  'autoRefreshIntervals',
  'quickRanges',
  'hideTimepicker',
  'weekStart',
  'fiscalYearStartMonth',
  'nowDelay',
]);

/**
 * The classic dashboard (without panels) a v2 spec's header stands for: the exact inverse of
 * the renderer's classic → v2 header mapping (`v2HeaderOf`): variables, annotations, links and
 * time settings in their classic form, for the classic importer's emission.
 *
 * @throws via `refuse` for a key with no builder equivalent (`preferences`, `revision`, an
 * unknown variable kind, …), naming its path under `at`.
 * @example
 * classicHeaderOfV2({ title: 'API', tags: [], cursorSync: 'Crosshair', timeSettings: { from: 'now-1h', to: 'now', autoRefresh: '30s', … }, … }, '$.spec', refuse)
 * // → { title: 'API', tags: [], graphTooltip: 1, time: { from: 'now-1h', to: 'now' }, refresh: '30s', annotations: { list: [] }, templating: { list: [] }, links: [] }
 */
export function classicHeaderOfV2(spec: Json, at: string, refuse: Refuse): Json {
  for (const k of Object.keys(spec)) {
    if (k === 'preferences')
      refuse(key(at, k), 'preferences (the default layout of containers added in the UI) has no builder equivalent; remove it to import');
    if (!HEADER_KEYS.has(k)) refuse(key(at, k), `dashboard key "${k}" has no builder equivalent`);
  }
  const out: Json = { title: spec.title };
  if (spec.description !== undefined) out.description = spec.description;
  out.tags = Array.isArray(spec.tags) ? spec.tags : [];
  if (spec.editable !== undefined) out.editable = spec.editable;
  if (spec.liveNow !== undefined) out.liveNow = spec.liveNow;
  if (spec.preload === true) out.preload = true;
  const cursor = CURSOR_SYNC.indexOf(spec.cursorSync as (typeof CURSOR_SYNC)[number]);
  if (spec.cursorSync !== undefined && cursor < 0)
    refuse(`${at}.cursorSync`, `unknown cursorSync ${JSON.stringify(spec.cursorSync)} (Off, Crosshair or Tooltip)`);
  if (cursor > 0) out.graphTooltip = cursor;

  const time = spec.timeSettings === undefined ? {} : record(spec.timeSettings, `${at}.timeSettings`, 'a timeSettings', refuse);
  onlyKeys(time, TIME_KEYS, `${at}.timeSettings`, 'timeSettings', refuse);
  if (typeof time.timezone === 'string') out.timezone = time.timezone;
  // v2 requires a time range; the renderer writes Grafana's default for a dashboard that sets none.
  const from = typeof time.from === 'string' ? time.from : 'now-6h';
  const to = typeof time.to === 'string' ? time.to : 'now';
  if (from !== 'now-6h' || to !== 'now') out.time = { from, to };
  if (typeof time.autoRefresh === 'string' && time.autoRefresh !== '') out.refresh = time.autoRefresh;
  const picker: Json = {};
  if (time.hideTimepicker === true) picker.hidden = true;
  if (Array.isArray(time.autoRefreshIntervals) && !jsonEqual(time.autoRefreshIntervals, DEFAULT_AUTO_REFRESH_INTERVALS))
    picker.refresh_intervals = time.autoRefreshIntervals;
  if (time.quickRanges !== undefined) picker.quick_ranges = time.quickRanges;
  if (time.nowDelay !== undefined) picker.nowDelay = time.nowDelay;
  if (Object.keys(picker).length > 0) out.timepicker = picker;
  if (typeof time.weekStart === 'string') out.weekStart = time.weekStart;
  if (typeof time.fiscalYearStartMonth === 'number' && time.fiscalYearStartMonth !== 0) out.fiscalYearStartMonth = time.fiscalYearStartMonth;

  const links = Array.isArray(spec.links) ? spec.links : [];
  out.links = links.map((l, i) => ({ ...record(l, `${at}.links[${i}]`, 'a link', refuse) }));
  const annotations = Array.isArray(spec.annotations) ? spec.annotations : [];
  out.annotations = { list: annotations.map((a, i) => classicAnnotationOfV2(a, `${at}.annotations[${i}]`, refuse)) };
  const variables = Array.isArray(spec.variables) ? spec.variables : [];
  out.templating = { list: variables.map((v, i) => classicVariableOfV2(v, `${at}.variables[${i}]`, refuse)) };
  return out;
}

function datasourceOf(group: unknown, ref: unknown): Json | undefined {
  const name = isPlainObject(ref) && typeof ref.name === 'string' ? ref.name : undefined;
  if (typeof group !== 'string' || group === '') return name === undefined ? undefined : { uid: name };
  return { type: group, ...(name !== undefined && { uid: name }) };
}

function classicAnnotationOfV2(annotation: unknown, at: string, refuse: Refuse): Json {
  const a = record(annotation, at, 'an AnnotationQuery', refuse);
  if (a.kind !== 'AnnotationQuery') refuse(`${at}.kind`, 'expected an AnnotationQuery');
  onlyKeys(a, new Set(['kind', 'spec']), at, 'annotation', refuse);
  const spec = record(a.spec, `${at}.spec`, 'an annotation spec', refuse);
  onlyKeys(spec, new Set(['query', 'enable', 'hide', 'iconColor', 'name', 'builtIn', 'filter']), `${at}.spec`, 'annotation', refuse);
  const query = spec.query === undefined ? {} : record(spec.query, `${at}.spec.query`, 'a DataQuery', refuse);
  onlyKeys(query, new Set(['kind', 'group', 'version', 'datasource', 'spec']), `${at}.spec.query`, 'DataQuery', refuse);
  const out: Json = { ...(isPlainObject(query.spec) ? query.spec : {}), name: spec.name };
  const datasource = datasourceOf(query.group, query.datasource);
  if (datasource) out.datasource = datasource;
  out.enable = spec.enable;
  out.hide = spec.hide;
  out.iconColor = spec.iconColor;
  if (spec.builtIn === true) out.builtIn = 1;
  if (spec.filter !== undefined) out.filter = spec.filter;
  return out;
}

// v2 variable kind → classic type, and the spec keys each may hold.
const VARIABLE_KINDS: Readonly<Record<string, { type: string; keys: readonly string[] }>> = {
  QueryVariable: {
    type: 'query',
    keys: [
      'current',
      'refresh',
      'query',
      'regex',
      'sort',
      'definition',
      'options',
      'multi',
      'includeAll',
      'allValue',
      'allowCustomValue',
      'placeholder',
      'regexApplyTo',
    ],
  },
  CustomVariable: { type: 'custom', keys: ['query', 'current', 'options', 'multi', 'includeAll', 'allValue', 'allowCustomValue'] },
  DatasourceVariable: {
    type: 'datasource',
    keys: ['pluginId', 'refresh', 'regex', 'current', 'options', 'multi', 'includeAll', 'allValue', 'allowCustomValue'],
  },
  IntervalVariable: { type: 'interval', keys: ['query', 'current', 'options', 'auto', 'auto_min', 'auto_count', 'refresh'] },
  TextVariable: { type: 'textbox', keys: ['current', 'query'] },
  ConstantVariable: { type: 'constant', keys: ['query', 'current'] },
  AdhocVariable: { type: 'adhoc', keys: ['baseFilters', 'filters', 'defaultKeys', 'allowCustomValue'] },
  GroupByVariable: { type: 'groupby', keys: ['current', 'options', 'multi'] },
  SwitchVariable: { type: 'switch', keys: ['current', 'enabledValue', 'disabledValue'] },
};
const COMMON_VARIABLE_KEYS = ['name', 'label', 'description', 'hide', 'skipUrlSync'];

function code(names: readonly string[], value: unknown, at: string, refuse: Refuse): number {
  const index = names.indexOf(value as string);
  if (index < 0) refuse(at, `unknown value ${JSON.stringify(value)} (one of ${names.join(', ')})`);
  return index;
}

function classicVariableOfV2(variable: unknown, at: string, refuse: Refuse): Json {
  const v = record(variable, at, 'a variable', refuse);
  const known = typeof v.kind === 'string' ? VARIABLE_KINDS[v.kind] : undefined;
  if (known === undefined) refuse(`${at}.kind`, `variable kind ${JSON.stringify(v.kind)} has no builder`);
  const { type, keys } = known!;
  const spec = record(v.spec, `${at}.spec`, 'a variable spec', refuse);
  const kindLevel = type === 'adhoc' || type === 'groupby';
  onlyKeys(v, new Set(['kind', 'spec', ...(kindLevel ? ['group', 'datasource'] : [])]), at, 'variable', refuse);
  onlyKeys(spec, new Set([...COMMON_VARIABLE_KEYS, ...keys]), `${at}.spec`, 'variable', refuse);
  const out: Json = { type, name: spec.name };
  if (spec.label !== undefined) out.label = spec.label;
  if (spec.description !== undefined) out.description = spec.description;
  // A code 0 (dontHide, never, disabled) is what v2 writes for a classic variable without the key.
  const setCode = (classicKey: string, names: readonly string[], v2Key: string) => {
    if (spec[v2Key] === undefined) return;
    const value = code(names, spec[v2Key], `${at}.spec.${v2Key}`, refuse);
    if (value !== 0) out[classicKey] = value;
  };
  setCode('hide', VARIABLE_HIDE, 'hide');
  if (spec.skipUrlSync === true) out.skipUrlSync = true;
  const copy = (...names: string[]) => {
    for (const n of names) if (spec[n] !== undefined) out[n] = spec[n];
    // The renderer writes an empty selection for a variable that sets none (v2 requires one).
    if (jsonEqual(out.current, { text: '', value: '' })) delete out.current;
  };
  if (spec.allowCustomValue === false) out.allowCustomValue = false;
  switch (type) {
    case 'query': {
      const query = spec.query === undefined ? {} : record(spec.query, `${at}.spec.query`, 'a DataQuery', refuse);
      onlyKeys(query, new Set(['kind', 'group', 'version', 'datasource', 'spec']), `${at}.spec.query`, 'DataQuery', refuse);
      const datasource = datasourceOf(query.group, query.datasource);
      if (datasource) out.datasource = datasource;
      const body = isPlainObject(query.spec) ? query.spec : {};
      const keysOfBody = Object.keys(body);
      out.query = keysOfBody.length === 1 && typeof body.__legacyStringValue === 'string' ? body.__legacyStringValue : body;
      setCode('refresh', VARIABLE_REFRESH, 'refresh');
      setCode('sort', VARIABLE_SORT, 'sort');
      copy('current', 'regex', 'definition', 'options', 'multi', 'includeAll', 'allValue', 'placeholder', 'regexApplyTo');
      break;
    }
    case 'datasource':
      if (spec.pluginId !== undefined) out.query = spec.pluginId;
      setCode('refresh', VARIABLE_REFRESH, 'refresh');
      copy('regex', 'current', 'options', 'multi', 'includeAll', 'allValue');
      break;
    case 'interval':
      // v2 stores every interval variable as refreshed on time change (the renderer writes it so).
      copy('query', 'current', 'options', 'auto', 'auto_min', 'auto_count');
      out.refresh = 2;
      break;
    case 'adhoc':
    case 'groupby': {
      const datasource = datasourceOf(v.group, v.datasource);
      if (datasource) out.datasource = datasource;
      copy('baseFilters', 'filters', 'defaultKeys', 'current', 'options', 'multi');
      break;
    }
    case 'switch':
      if (spec.current !== undefined) out.current = { text: spec.current, value: spec.current };
      copy('enabledValue', 'disabledValue');
      break;
    default:
      copy('query', 'current', 'options', 'multi', 'includeAll', 'allValue');
  }
  return out;
}
