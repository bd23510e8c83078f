import type { DatasourceLike } from '../datasource.js';
import { initialPanelProps, PanelBuilder } from './panel-builder.js';

/**
 * One trace as a waterfall of spans (Grafana's `traces` panel), from a trace-id query on
 * Tempo, Zipkin or another tracing data source. Usually driven by a variable or a link that
 * carries the trace id. The panel has no options of its own worth setting.
 *
 * @example
 * traces('Trace').datasource(tempoDs).target(tempo('${traceId}')).width(24)
 * // → { "type": "traces", "title": "Trace", "datasource": { "type": "tempo", … },
 * //     "targets": [{ "refId": "A", "query": "${traceId}", "queryType": "traceql" }] }
 */
export class TracesPanel<K extends string = string> extends PanelBuilder<K, Record<string, never>, Record<string, never>> {
  override datasource<D extends string>(datasource: DatasourceLike<D>): TracesPanel<D> {
    return super.datasource(datasource) as unknown as TracesPanel<D>;
  }
}

/** A traces panel (see {@link TracesPanel}). */
export function traces(title?: string): TracesPanel {
  return new TracesPanel(initialPanelProps('traces', title));
}
