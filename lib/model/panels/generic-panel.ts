import type { JsonObject } from '../deep-merge.js';
import type { DatasourceLike } from '../datasource.js';
import { initialPanelProps, PanelBuilder } from './panel-builder.js';

/**
 * Grafana's core panel plugin ids, offered for completion (each also has a builder of its own,
 * which is the better choice); any other plugin id (a community or private plugin) is accepted too.
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
export class GenericPanel<K extends string = string, O extends object = JsonObject, C extends object = JsonObject> extends PanelBuilder<K, O, C> {
  override datasource<D extends string>(datasource: DatasourceLike<D>): GenericPanel<D, O, C> {
    return super.datasource(datasource) as unknown as GenericPanel<D, O, C>;
  }

  /** @internal */
  override get needsTargets(): boolean {
    return false;
  }
}

/**
 * A panel of plugin type `type` (see {@link GenericPanel}). For a plugin grafts does not know,
 * give its options (and custom field config) types, and `options()`/`custom()` check them.
 *
 * @example
 * panel('traces', 'Slow traces') // → { "type": "traces", "title": "Slow traces" }
 * interface TreemapOptions { tiling: 'treemapSquarify' | 'treemapBinary'; groupByField?: string }
 * panel<TreemapOptions>('marcusolsson-treemap-panel', 'Disk use').options({ tiling: 'treemapSquarify' })
 * // → { "type": "marcusolsson-treemap-panel", "title": "Disk use", "options": { "tiling": "treemapSquarify" } }
 */
export function panel<O extends object = JsonObject, C extends object = JsonObject>(type: GenericPanelType, title?: string): GenericPanel<string, O, C> {
  if (typeof type !== 'string' || type.trim() === '' || type === 'row')
    throw new TypeError(`panel(): expected a panel plugin id such as 'traces' (rows are row()), got ${JSON.stringify(type)}`);
  return new GenericPanel<string, O, C>(initialPanelProps(type, title));
}
