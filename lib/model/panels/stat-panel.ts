import type { BigValueColorMode, BigValueGraphMode, BigValueJustifyMode, BigValueTextMode, StatOptions } from '../../generated/index.js';
import type { DatasourceLike } from '../datasource.js';
import { initialPanelProps } from './panel-builder.js';
import { SingleValuePanel } from './single-value-panel.js';

/**
 * A big single value, optionally with a sparkline and a colour from thresholds.
 *
 * @example
 * stat('Error ratio')
 *   .datasource(ds)
 *   .target(prometheus('sum(rate(errors_total[$__rate_interval])) / sum(rate(requests_total[$__rate_interval]))').instant())
 *   .unit('percentunit')
 *   .thresholds([{ color: 'green' }, { value: 0.01, color: 'red' }])
 *   .colorMode('background')
 * // → { "type": "stat", …, "options": { "colorMode": "background" } }
 */
export class StatPanel<K extends string = string> extends SingleValuePanel<K, StatOptions, Record<string, never>> {
  override datasource<D extends string>(datasource: DatasourceLike<D>): StatPanel<D> {
    return super.datasource(datasource) as unknown as StatPanel<D>;
  }

  /** Colours the `value` (default), the `background`, or `none`. */
  colorMode(colorMode: BigValueColorMode): this {
    return this.options({ colorMode });
  }

  /** Draws a sparkline (`area`, default) or not (`none`). */
  graphMode(graphMode: BigValueGraphMode): this {
    return this.options({ graphMode });
  }

  /** Shows `auto`, `value`, `value_and_name`, `name` or `none`. */
  textMode(textMode: BigValueTextMode): this {
    return this.options({ textMode });
  }

  /** Aligns values `auto` or `center`. */
  justifyMode(justifyMode: BigValueJustifyMode): this {
    return this.options({ justifyMode });
  }
}

/** A stat panel (see {@link StatPanel}). */
export function stat(title?: string): StatPanel {
  return new StatPanel(initialPanelProps('stat', title));
}
