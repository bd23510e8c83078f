import type { DatasourceLike } from '../datasource.js';
import { initialPanelProps, PanelBuilder } from './panel-builder.js';

/**
 * Options of Grafana's flame graph panel: none. Hand-written: Grafana publishes no JSON Schema
 * for `flamegraph`, and the panel saves no options (search and view mode live in the URL).
 */
export type FlameGraphOptions = Record<string, never>;

/**
 * A profile as a flame graph (Grafana's `flamegraph` panel), from a profile query on Pyroscope
 * or Parca.
 *
 * @example
 * flameGraph('CPU').datasource(pyroscopeDs).target(pyroscope('process_cpu:cpu:nanoseconds:cpu:nanoseconds', '{service_name="api"}'))
 * // → { "type": "flamegraph", "title": "CPU", "datasource": { "type": "grafana-pyroscope-datasource", … }, "targets": [{ "refId": "A", … }] }
 */
export class FlameGraphPanel<K extends string = string> extends PanelBuilder<K, FlameGraphOptions, Record<string, never>> {
  override datasource<D extends string>(datasource: DatasourceLike<D>): FlameGraphPanel<D> {
    return super.datasource(datasource) as unknown as FlameGraphPanel<D>;
  }
}

/** A flame graph panel (see {@link FlameGraphPanel}). */
export function flameGraph(title?: string): FlameGraphPanel {
  return new FlameGraphPanel(initialPanelProps('flamegraph', title));
}
