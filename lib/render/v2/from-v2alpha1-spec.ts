import { fromV2beta1Spec } from './from-v2beta1-spec.js';

type Json = Record<string, unknown>;

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A `dashboard.grafana.app/v2alpha1` spec (Grafana 12.0–12.3 behind flags) in the v2 shape.
 * v2alpha1 differs from v2beta1 in three places (then `fromV2beta1Spec` does the rest):
 * - a panel's `vizConfig` is `{ kind: '<plugin id>', spec: { pluginVersion, options, fieldConfig } }`
 *   → `{ kind: 'VizConfig', group, version, spec: { options, fieldConfig } }`;
 * - a query is `{ kind: '<data source type>', spec }` with the data source `{ type, uid }` on the
 *   panel query, variable or annotation spec → `{ kind: 'DataQuery', group, version: 'v0', datasource: { name: uid }, spec }`;
 * - ad hoc and group-by variables keep their data source in `spec.datasource` → kind-level `group` and `datasource`.
 * Parts already in the later shape are left as they are. Pure.
 *
 * @example
 * fromV2alpha1Spec(spec).elements['panel-1'].spec.vizConfig
 * // v2alpha1: { kind: 'stat', spec: { pluginVersion: '12.0.0', options: {}, fieldConfig: { defaults: {}, overrides: [] } } }
 * // v2:       { kind: 'VizConfig', group: 'stat', version: '12.0.0', spec: { options: {}, fieldConfig: { defaults: {}, overrides: [] } } }
 */
export function fromV2alpha1Spec(spec: Readonly<Json>): Json {
  const out = structuredClone(spec) as Json;
  if (isRecord(out['elements'])) {
    for (const element of Object.values(out['elements'])) {
      if (!isRecord(element) || element['kind'] !== 'Panel' || !isRecord(element['spec'])) continue;
      const panel = element['spec'];
      const viz = panel['vizConfig'];
      if (isRecord(viz) && viz['kind'] !== 'VizConfig' && typeof viz['kind'] === 'string' && isRecord(viz['spec'])) {
        const { pluginVersion, ...rest } = viz['spec'];
        panel['vizConfig'] = { kind: 'VizConfig', group: viz['kind'], version: typeof pluginVersion === 'string' ? pluginVersion : '', spec: rest };
      }
      const data = panel['data'];
      if (!isRecord(data) || !isRecord(data['spec']) || !Array.isArray(data['spec']['queries'])) continue;
      for (const query of data['spec']['queries']) if (isRecord(query) && isRecord(query['spec'])) liftQuery(query['spec']);
    }
  }
  if (Array.isArray(out['annotations'])) for (const a of out['annotations']) if (isRecord(a) && isRecord(a['spec'])) liftQuery(a['spec']);
  if (Array.isArray(out['variables'])) {
    for (const v of out['variables']) {
      if (!isRecord(v) || !isRecord(v['spec'])) continue;
      if (v['kind'] === 'QueryVariable') liftQuery(v['spec']);
      if ((v['kind'] === 'AdhocVariable' || v['kind'] === 'GroupByVariable') && isRecord(v['spec']['datasource'])) {
        const { datasource, ...rest } = v['spec'];
        const { type, uid } = datasource as Json;
        if (typeof type === 'string') v['group'] = type;
        if (typeof uid === 'string') v['datasource'] = { name: uid };
        v['spec'] = rest;
      }
    }
  }
  return fromV2beta1Spec(out);
}

// `{ datasource: { type, uid }, query: { kind: '<type>', spec } }` → `{ query: { kind: 'DataQuery', group, version, datasource: { name }, spec } }`.
function liftQuery(holder: Json): void {
  const query = holder['query'];
  if (!isRecord(query) || query['kind'] === 'DataQuery' || typeof query['kind'] !== 'string') return;
  const datasource = isRecord(holder['datasource']) ? holder['datasource'] : {};
  delete holder['datasource'];
  const uid = datasource['uid'];
  holder['query'] = {
    kind: 'DataQuery',
    group: typeof datasource['type'] === 'string' ? datasource['type'] : query['kind'],
    version: 'v0',
    ...(typeof uid === 'string' && { datasource: { name: uid } }),
    spec: isRecord(query['spec']) ? query['spec'] : {},
  };
}
