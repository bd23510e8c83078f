/**
 * Lint reads dashboards in the classic shape. A schema v2 dashboard (a `dashboard.grafana.app/v2*`
 * resource, or a bare v2 spec) is read through this classic-shaped copy: its variables, its
 * panels in layout order (rows and tabs flattened) with their queries, and its annotations, so
 * every lint rule and `dash check` walks v2 elements, queries and variables as they walk v1.
 */

import { classicCode, VARIABLE_HIDE, VARIABLE_REFRESH, VARIABLE_SORT } from '../render/v2/v2-enum-names.js';
import { v2SpecOfJson } from '../render/v2/v2-spec-of-json.js';

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isRecord) : []);

const VARIABLE_TYPES: Readonly<Record<string, string>> = {
  QueryVariable: 'query',
  CustomVariable: 'custom',
  DatasourceVariable: 'datasource',
  IntervalVariable: 'interval',
  TextVariable: 'textbox',
  ConstantVariable: 'constant',
  AdhocVariable: 'adhoc',
  GroupByVariable: 'groupby',
  SwitchVariable: 'switch',
};

/**
 * The classic-shaped copy of a v2 dashboard lint reads, or undefined when `json` is not v2.
 *
 * @example
 * classicViewOfV2({ apiVersion: 'dashboard.grafana.app/v2', kind: 'Dashboard', metadata: { name: 'api' }, spec })
 * // → { uid: 'api', title: …, templating: { list: [{ type: 'query', name: 'job', datasource: { type: 'prometheus', uid: '${datasource}' }, query: 'label_values(up, job)', refresh: 2, … }] },
 * //     panels: [{ id: 1, type: 'stat', title: 'Up', targets: [{ refId: 'A', datasource: { type: 'prometheus', uid: '${datasource}' }, expr: 'up' }] }, …] }
 */
export function classicViewOfV2(json: Json): Json | undefined {
  const spec = v2SpecOfJson(json);
  if (spec === undefined) return undefined;
  const metadata = isRecord(json.metadata) ? json.metadata : {};
  const elements = isRecord(spec.elements) ? spec.elements : {};
  const panels: Json[] = [];
  const seen = new Set<string>();
  const visit = (layout: unknown): void => {
    if (!isRecord(layout) || !isRecord(layout.spec)) return;
    const s = layout.spec;
    for (const item of list(s.items)) {
      const name = isRecord(item.spec) && isRecord(item.spec.element) ? item.spec.element.name : undefined;
      if (typeof name !== 'string' || seen.has(name)) continue;
      seen.add(name);
      const element = elements[name];
      if (isRecord(element)) panels.push(classicPanel(element));
    }
    for (const section of [...list(s.rows), ...list(s.tabs)]) if (isRecord(section.spec)) visit(section.spec.layout);
  };
  visit(spec.layout);
  // Elements no layout item places are still linted.
  for (const [name, element] of Object.entries(elements)) if (!seen.has(name) && isRecord(element)) panels.push(classicPanel(element));
  return {
    ...(typeof metadata.name === 'string' && { uid: metadata.name }),
    title: spec.title,
    templating: { list: list(spec.variables).map(classicVariable) },
    annotations: { list: list(spec.annotations).map(classicAnnotation) },
    panels,
  };
}

function datasourceOf(group: unknown, datasource: unknown): Json | undefined {
  const uid = isRecord(datasource) ? datasource.name : undefined;
  if (typeof group !== 'string' || group === '') return typeof uid === 'string' ? { uid } : undefined;
  return { type: group, ...(typeof uid === 'string' && { uid }) };
}

function classicVariable(variable: Json): Json {
  const spec = isRecord(variable.spec) ? variable.spec : {};
  const out: Json = { ...spec, type: VARIABLE_TYPES[String(variable.kind)] ?? String(variable.kind) };
  if (typeof spec.hide === 'string') out.hide = classicCode(VARIABLE_HIDE, spec.hide);
  if (typeof spec.refresh === 'string') out.refresh = classicCode(VARIABLE_REFRESH, spec.refresh);
  if (typeof spec.sort === 'string') out.sort = classicCode(VARIABLE_SORT, spec.sort);
  if (variable.kind === 'QueryVariable' && isRecord(spec.query)) {
    const query = spec.query;
    const body = isRecord(query.spec) ? query.spec : {};
    const datasource = datasourceOf(query.group, query.datasource);
    if (datasource) out.datasource = datasource;
    else delete out.datasource;
    out.query = typeof body.__legacyStringValue === 'string' ? body.__legacyStringValue : body;
  }
  if (variable.kind === 'DatasourceVariable') out.query = spec.pluginId;
  if (variable.kind === 'AdhocVariable' || variable.kind === 'GroupByVariable') {
    const datasource = datasourceOf(variable.group, variable.datasource);
    if (datasource) out.datasource = datasource;
  }
  return out;
}

function classicAnnotation(annotation: Json): Json {
  const spec = isRecord(annotation.spec) ? annotation.spec : {};
  const { query, ...rest } = spec;
  const body = isRecord(query) && isRecord(query.spec) ? query.spec : {};
  const datasource = isRecord(query) ? datasourceOf(query.group, query.datasource) : undefined;
  return { ...body, ...rest, ...(datasource && { datasource }) };
}

function classicPanel(element: Json): Json {
  const spec = isRecord(element.spec) ? element.spec : {};
  if (element.kind === 'LibraryPanel') return { id: spec.id, title: spec.title, libraryPanel: spec.libraryPanel };
  const data = isRecord(spec.data) && isRecord(spec.data.spec) ? spec.data.spec : {};
  const viz = isRecord(spec.vizConfig) ? spec.vizConfig : {};
  const vizSpec = isRecord(viz.spec) ? viz.spec : {};
  const targets = list(data.queries).map((q) => {
    const qs = isRecord(q.spec) ? q.spec : {};
    const query = isRecord(qs.query) ? qs.query : {};
    const datasource = datasourceOf(query.group, query.datasource);
    return { ...(isRecord(query.spec) ? query.spec : {}), refId: qs.refId, ...(qs.hidden === true && { hide: true }), ...(datasource && { datasource }) };
  });
  // v2 has no panel data source: the queries' one when they share it, else Grafana's "-- Mixed --".
  const sources = new Set(targets.map((t) => JSON.stringify(t.datasource ?? null)));
  const datasource = sources.size === 1 ? targets[0]!.datasource : sources.size > 1 ? { type: 'datasource', uid: '-- Mixed --' } : undefined;
  return {
    id: spec.id,
    type: viz.group,
    title: spec.title,
    ...(typeof spec.description === 'string' && spec.description !== '' && { description: spec.description }),
    ...(datasource !== undefined && { datasource }),
    targets,
    ...(isRecord(vizSpec.options) && { options: vizSpec.options }),
    ...(isRecord(vizSpec.fieldConfig) && { fieldConfig: vizSpec.fieldConfig }),
  };
}
