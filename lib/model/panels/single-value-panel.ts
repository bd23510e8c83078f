import type { ReduceDataOptions, VizOrientation } from '../../generated/index.js';
import { PanelBuilder } from './panel-builder.js';

/** Panel kinds that reduce each series to one value (stat, gauge, bar gauge). */
export abstract class SingleValuePanel<K extends string, O extends object, C extends object> extends PanelBuilder<K, O, C> {
  /**
   * How each series becomes one value: a calculation such as `lastNotNull` (Grafana's
   * default), `mean`, `max`, `sum`; or every value with `values: true`.
   *
   * @example
   * .reduce('mean')                        // → "reduceOptions": { "calcs": ["mean"] }
   * .reduce('lastNotNull', { fields: '/^errors$/' })
   */
  reduce(calc: string, options: Omit<ReduceDataOptions, 'calcs'> = {}): this {
    return this.options({ reduceOptions: { ...options, calcs: [calc] } } as never);
  }

  /** Layout direction of several values: `auto`, `horizontal` or `vertical`. */
  orientation(orientation: VizOrientation): this {
    return this.options({ orientation } as never);
  }
}
