import type { PieChartFieldConfig, PieChartLegendOptions, PieChartOptions, ReduceDataOptions } from '../../generated/index.js';
import type { DatasourceLike } from '../datasource.js';
import { LegendTooltipPanel } from './legend-tooltip-panel.js';
import { initialPanelProps } from './panel-builder.js';

/**
 * A pie or donut chart of each series reduced to one value.
 *
 * @example
 * pieChart('Requests by status').datasource(ds)
 *   .target(prometheus('sum by (code) (increase(http_requests_total[$__range]))').legend('{{code}}'))
 *   .pieType('donut').labels('percent')
 * // → { "type": "piechart", …, "options": { "pieType": "donut", "displayLabels": ["percent"] } }
 */
export class PieChartPanel<K extends string = string> extends LegendTooltipPanel<K, PieChartOptions, PieChartFieldConfig> {
  override datasource<D extends string>(datasource: DatasourceLike<D>): PieChartPanel<D> {
    return super.datasource(datasource) as unknown as PieChartPanel<D>;
  }

  /**
   * Legend display, including the values shown per slice (`value`, `percent`).
   *
   * @example
   * .legend({ displayMode: 'table', placement: 'right', values: ['percent'] })
   */
  override legend(legend: Partial<PieChartLegendOptions>): this {
    return this.options({ legend });
  }

  /** `pie` or `donut`. */
  pieType(pieType: 'pie' | 'donut'): this {
    return this.options({ pieType } as never);
  }

  /** Labels drawn on slices: any of `name`, `value`, `percent`. */
  labels(...labels: ('name' | 'value' | 'percent')[]): this {
    return this.options({ displayLabels: labels } as never);
  }

  /** How each series becomes one slice (default `lastNotNull`). */
  reduce(calc: string, options: Omit<ReduceDataOptions, 'calcs'> = {}): this {
    return this.options({ reduceOptions: { ...options, calcs: [calc] } } as never);
  }
}

/** A pie chart panel (see {@link PieChartPanel}). */
export function pieChart(title?: string): PieChartPanel {
  return new PieChartPanel(initialPanelProps('piechart', title));
}
