import type { VizLegendOptions, VizTooltipOptions } from '../../generated/index.js';
import { PanelBuilder } from './panel-builder.js';

/** Panel kinds with a series legend and a hover tooltip. */
export abstract class LegendTooltipPanel<K extends string, O extends object, C extends object> extends PanelBuilder<K, O, C> {
  /**
   * Legend display: `list`, `table` or `hidden`, at the `bottom` or `right`, with values such as
   * `mean`, `max`, `lastNotNull`.
   *
   * @example
   * .legend({ displayMode: 'table', placement: 'right', calcs: ['mean', 'max'] })
   * // → "options": { "legend": { "displayMode": "table", "placement": "right", "calcs": ["mean", "max"] } }
   */
  legend(legend: Partial<VizLegendOptions>): this {
    return this.options({ legend } as never);
  }

  /** Tooltip mode (`single`, `multi`, `none`) and sort order (`none`, `asc`, `desc`). */
  tooltip(tooltip: Partial<VizTooltipOptions>): this {
    return this.options({ tooltip } as never);
  }
}
