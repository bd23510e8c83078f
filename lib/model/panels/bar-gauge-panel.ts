import type { BarGaugeDisplayMode, BarGaugeOptions, BarGaugeValueMode } from '../../generated/index.js';
import type { DatasourceLike } from '../datasource.js';
import { initialPanelProps } from './panel-builder.js';
import { SingleValuePanel } from './single-value-panel.js';

/**
 * Horizontal or vertical bars, one per value, e.g. the top consumers of a resource.
 *
 * @example
 * barGauge('Memory by pod').datasource(ds).target(prometheus('topk(10, sum by (pod) (container_memory_working_set_bytes))').instant())
 *   .unit('bytes').displayMode('gradient').orientation('horizontal')
 * // → { "type": "bargauge", …, "options": { "displayMode": "gradient", "orientation": "horizontal" } }
 */
export class BarGaugePanel<K extends string = string> extends SingleValuePanel<K, BarGaugeOptions, Record<string, never>> {
  override datasource<D extends string>(datasource: DatasourceLike<D>): BarGaugePanel<D> {
    return super.datasource(datasource) as unknown as BarGaugePanel<D>;
  }

  /** Bar style: `basic`, `gradient` or `lcd`. */
  displayMode(displayMode: BarGaugeDisplayMode): this {
    return this.options({ displayMode });
  }

  /** Value text colour: `color`, `text` or `hidden`. */
  valueMode(valueMode: BarGaugeValueMode): this {
    return this.options({ valueMode });
  }

  /** Draws the unfilled part of each bar. */
  showUnfilled(show = true): this {
    return this.options({ showUnfilled: show });
  }
}

/** A bar gauge panel (see {@link BarGaugePanel}). */
export function barGauge(title?: string): BarGaugePanel {
  return new BarGaugePanel(initialPanelProps('bargauge', title));
}
