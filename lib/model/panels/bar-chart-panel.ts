import type { BarChartFieldConfig, BarChartOptions, StackingMode, VizOrientation } from '../../generated/index.js';
import type { DatasourceLike } from '../datasource.js';
import { LegendTooltipPanel } from './legend-tooltip-panel.js';
import { initialPanelProps } from './panel-builder.js';

/**
 * Bars per category (a string field as the x axis), e.g. a table query's result.
 *
 * @example
 * barChart('Requests by route').datasource(ds)
 *   .target(prometheus('sum by (route) (increase(http_requests_total[$__range]))').instant().format('table'))
 *   .xField('route').orientation('horizontal').showValue('always')
 * // → { "type": "barchart", …, "options": { "xField": "route", "orientation": "horizontal", "showValue": "always" } }
 */
export class BarChartPanel<K extends string = string> extends LegendTooltipPanel<K, BarChartOptions, BarChartFieldConfig> {
  override datasource<D extends string>(datasource: DatasourceLike<D>): BarChartPanel<D> {
    return super.datasource(datasource) as unknown as BarChartPanel<D>;
  }

  /** The field used as categories on the x axis. */
  xField(field: string): this {
    return this.options({ xField: field } as never);
  }

  /** Bars `auto`, `horizontal` or `vertical`. */
  orientation(orientation: VizOrientation): this {
    return this.options({ orientation } as never);
  }

  /** Shows values on bars: `auto`, `always`, `never`. */
  showValue(showValue: 'auto' | 'always' | 'never'): this {
    return this.options({ showValue } as never);
  }

  /** Stacks series: `none`, `normal`, `percent`. */
  stacking(stacking: StackingMode): this {
    return this.options({ stacking } as never);
  }

  /** Rotation of x axis labels in degrees, −90 to 90. */
  xTickLabelRotation(degrees: number): this {
    return this.options({ xTickLabelRotation: degrees } as never);
  }
}

/** A bar chart panel (see {@link BarChartPanel}). */
export function barChart(title?: string): BarChartPanel {
  return new BarChartPanel(initialPanelProps('barchart', title));
}
