import type { JsonObject } from '../deep-merge.js';
import type { DatasourceLike } from '../datasource.js';
import { initialPanelProps, PanelBuilder } from './panel-builder.js';

/**
 * Grafana's panel plugin ids that have no builder of their own here, offered for completion;
 * any other plugin id (a community or private plugin) is accepted too.
 */
export type GenericPanelType =
  | 'alertlist'
  | 'annolist'
  | 'candlestick'
  | 'canvas'
  | 'dashlist'
  | 'datagrid'
  | 'flamegraph'
  | 'geomap'
  | 'news'
  | 'nodeGraph'
  | 'status-history'
  | 'traces'
  | 'trend'
  | 'welcome'
  | 'xychart'
  | (string & {});

/**
 * A panel of any plugin type, for the kinds without a builder of their own (traces, node graph,
 * alert list, geomap, community plugins, …). It has every common setter (title, data source,
 * queries, size, links, repeat, field options, overrides, transformations) and the untyped
 * catch-alls `options({...})` and `custom({...})` for the plugin's own settings. Unlike the
 * query panels, it does not require queries (an alert list or a dashboard list has none).
 *
 * @example
 * panel('nodeGraph', 'Service graph').datasource(tempo).target(rawQuery('tempo', { queryType: 'serviceMap' }))
 * // → { "type": "nodeGraph", "title": "Service graph", "datasource": { … }, "targets": [{ "refId": "A", "queryType": "serviceMap" }] }
 * panel('alertlist', 'Firing').options({ stateFilter: { firing: true }, maxItems: 20 })
 * // → { "type": "alertlist", "title": "Firing", "options": { "stateFilter": { "firing": true }, "maxItems": 20 } }
 */
export class GenericPanel<K extends string = string> extends PanelBuilder<K, JsonObject, JsonObject> {
  override datasource<D extends string>(datasource: DatasourceLike<D>): GenericPanel<D> {
    return super.datasource(datasource) as unknown as GenericPanel<D>;
  }

  /** @internal */
  override get needsTargets(): boolean {
    return false;
  }
}

/**
 * A panel of plugin type `type` (see {@link GenericPanel}).
 *
 * @example
 * panel('traces', 'Slow traces') // → { "type": "traces", "title": "Slow traces" }
 */
export function panel(type: GenericPanelType, title?: string): GenericPanel {
  if (typeof type !== 'string' || type.trim() === '' || type === 'row')
    throw new TypeError(`panel(): expected a panel plugin id such as 'traces' (rows are row()), got ${JSON.stringify(type)}`);
  return new GenericPanel(initialPanelProps(type, title));
}
