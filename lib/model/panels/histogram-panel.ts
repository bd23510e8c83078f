import type { HistogramFieldConfig, HistogramOptions } from '../../generated/index.js';
import type { DatasourceLike } from '../datasource.js';
import { LegendTooltipPanel } from './legend-tooltip-panel.js';
import { initialPanelProps } from './panel-builder.js';

/**
 * The distribution of values as buckets, computed by Grafana from raw values.
 *
 * @example
 * histogram('Response sizes').datasource(ds).target(prometheus('http_response_size_bytes'))
 *   .bucketSize(1024).combine()
 * // → { "type": "histogram", …, "options": { "bucketSize": 1024, "combine": true } }
 */
export class HistogramPanel<K extends string = string> extends LegendTooltipPanel<K, HistogramOptions, HistogramFieldConfig> {
  override datasource<D extends string>(datasource: DatasourceLike<D>): HistogramPanel<D> {
    return super.datasource(datasource) as unknown as HistogramPanel<D>;
  }

  /** Bucket width in the values' unit (default: computed). */
  bucketSize(size: number): this {
    return this.options({ bucketSize: size });
  }

  /** Number of buckets when the size is computed. */
  bucketCount(count: number): this {
    return this.options({ bucketCount: count });
  }

  /** Offset of the first bucket. */
  bucketOffset(offset: number): this {
    return this.options({ bucketOffset: offset });
  }

  /** Combines all series into one histogram. */
  combine(combine = true): this {
    return this.options({ combine });
  }

  /** Fill opacity of the bars, 0–100. */
  fillOpacity(fillOpacity: number): this {
    return this.custom({ fillOpacity } as never);
  }
}

/** A histogram panel (see {@link HistogramPanel}). */
export function histogram(title?: string): HistogramPanel {
  return new HistogramPanel(initialPanelProps('histogram', title));
}
