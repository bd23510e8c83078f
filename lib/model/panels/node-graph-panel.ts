import type { DatasourceLike } from '../datasource.js';
import type { Unit } from '../field-config/units.js';
import { initialPanelProps, PanelBuilder } from './panel-builder.js';

/** Options of Grafana's node graph panel (its `Options` schema). */
export interface NodeGraphOptions {
  readonly nodes?: {
    readonly mainStatUnit?: string;
    readonly secondaryStatUnit?: string;
    readonly arcs?: readonly { readonly field?: string; readonly color?: string }[];
  };
  readonly edges?: { readonly mainStatUnit?: string; readonly secondaryStatUnit?: string };
  readonly zoomMode?: 'cooperative' | 'greedy';
}

/**
 * Services and the calls between them as a graph (Grafana's `nodeGraph` panel): Tempo's
 * service map (`tempo()` with no TraceQL), or the service map of one Zipkin trace.
 *
 * @example
 * nodeGraph('Service map').datasource(tempoDs).target(tempo().serviceMapQuery('{service="checkout"}'))
 *   .nodeUnits('reqps', 'ms')
 * // → { "type": "nodeGraph", "title": "Service map", …,
 * //     "options": { "nodes": { "mainStatUnit": "reqps", "secondaryStatUnit": "ms" } } }
 */
export class NodeGraphPanel<K extends string = string> extends PanelBuilder<K, NodeGraphOptions, Record<string, never>> {
  override datasource<D extends string>(datasource: DatasourceLike<D>): NodeGraphPanel<D> {
    return super.datasource(datasource) as unknown as NodeGraphPanel<D>;
  }

  /** Units of the main and secondary statistic drawn in each node, overriding the data's. */
  nodeUnits(mainStat: Unit, secondaryStat?: Unit): this {
    return this.options({ nodes: { mainStatUnit: mainStat, ...(secondaryStat !== undefined ? { secondaryStatUnit: secondaryStat } : {}) } });
  }

  /** Units of the main and secondary statistic drawn on each edge. */
  edgeUnits(mainStat: Unit, secondaryStat?: Unit): this {
    return this.options({ edges: { mainStatUnit: mainStat, ...(secondaryStat !== undefined ? { secondaryStatUnit: secondaryStat } : {}) } });
  }

  /** Zooms with the wheel only while the panel has focus (`cooperative`) or always (`greedy`). */
  zoomMode(mode: 'cooperative' | 'greedy'): this {
    return this.options({ zoomMode: mode });
  }
}

/** A node graph panel (see {@link NodeGraphPanel}). */
export function nodeGraph(title?: string): NodeGraphPanel {
  return new NodeGraphPanel(initialPanelProps('nodeGraph', title));
}
