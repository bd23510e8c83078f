import type { StatusHistoryFieldConfig, StatusHistoryOptions } from '../../generated/index.js';
import type { DatasourceLike } from '../datasource.js';
import { LegendTooltipPanel } from './legend-tooltip-panel.js';
import { initialPanelProps } from './panel-builder.js';

/**
 * Values over time as a grid of coloured cells, one row per series (Grafana's
 * `status-history` panel), e.g. health checks per instance with value mappings.
 *
 * @example
 * statusHistory('Health').datasource(ds).target(prometheus('up').legend('{{instance}}'))
 *   .showValue('never').rowHeight(0.8)
 * // → { "type": "status-history", …, "options": { "showValue": "never", "rowHeight": 0.8 } }
 */
export class StatusHistoryPanel<K extends string = string> extends LegendTooltipPanel<K, StatusHistoryOptions, StatusHistoryFieldConfig> {
  override datasource<D extends string>(datasource: DatasourceLike<D>): StatusHistoryPanel<D> {
    return super.datasource(datasource) as unknown as StatusHistoryPanel<D>;
  }

  /** Shows values in the cells: `auto`, `always`, `never`. */
  showValue(showValue: 'auto' | 'always' | 'never'): this {
    return this.options({ showValue });
  }

  /** Row height as a fraction of the space per series, 0–1. */
  rowHeight(rowHeight: number): this {
    return this.options({ rowHeight });
  }

  /** Cell width as a fraction of the space per point, 0–1. */
  colWidth(colWidth: number): this {
    return this.options({ colWidth });
  }

  /** Fill opacity of the cells, 0–100. */
  fillOpacity(fillOpacity: number): this {
    return this.custom({ fillOpacity });
  }

  /** Width of the cell borders in pixels. */
  lineWidth(lineWidth: number): this {
    return this.custom({ lineWidth });
  }
}

/** A status history panel (see {@link StatusHistoryPanel}). */
export function statusHistory(title?: string): StatusHistoryPanel {
  return new StatusHistoryPanel(initialPanelProps('status-history', title));
}
