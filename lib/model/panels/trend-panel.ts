import type { TrendFieldConfig, TrendOptions } from '../../generated/index.js';
import type { DatasourceLike } from '../datasource.js';
import { LegendTooltipPanel } from './legend-tooltip-panel.js';
import { initialPanelProps } from './panel-builder.js';

/**
 * Series drawn against a numeric x field instead of time (Grafana's `trend` panel), e.g.
 * latency against load. Its field config is the time series one (lines, fill, axes).
 *
 * @example
 * trend('Latency by load').datasource(ds).target(prometheus('…').format('table')).xField('rps')
 * // → { "type": "trend", …, "options": { "xField": "rps" } }
 */
export class TrendPanel<K extends string = string> extends LegendTooltipPanel<K, TrendOptions, TrendFieldConfig> {
  override datasource<D extends string>(datasource: DatasourceLike<D>): TrendPanel<D> {
    return super.datasource(datasource) as unknown as TrendPanel<D>;
  }

  /** The field drawn on the x axis (default: the first number field). */
  xField(name: string): this {
    return this.options({ xField: name });
  }

  /** Line width in pixels. */
  lineWidth(lineWidth: number): this {
    return this.custom({ lineWidth });
  }

  /** Fill opacity under the lines, 0–100. */
  fillOpacity(fillOpacity: number): this {
    return this.custom({ fillOpacity });
  }
}

/** A trend panel (see {@link TrendPanel}). */
export function trend(title?: string): TrendPanel {
  return new TrendPanel(initialPanelProps('trend', title));
}
