import type { StateTimelineFieldConfig, StateTimelineOptions } from '../../generated/index.js';
import type { DatasourceLike } from '../datasource.js';
import { LegendTooltipPanel } from './legend-tooltip-panel.js';
import { initialPanelProps } from './panel-builder.js';

/**
 * State changes over time as coloured bands, e.g. `up` per instance with value mappings.
 *
 * @example
 * stateTimeline('Up').datasource(ds).target(prometheus('up').legend('{{instance}}'))
 *   .mappings(valueMapping({ '0': { text: 'down', color: 'red' }, '1': { text: 'up', color: 'green' } }))
 *   .showValue('never').mergeValues()
 * // → { "type": "state-timeline", …, "options": { "showValue": "never", "mergeValues": true } }
 */
export class StateTimelinePanel<K extends string = string> extends LegendTooltipPanel<K, StateTimelineOptions, StateTimelineFieldConfig> {
  override datasource<D extends string>(datasource: DatasourceLike<D>): StateTimelinePanel<D> {
    return super.datasource(datasource) as unknown as StateTimelinePanel<D>;
  }

  /** Shows values on the bands: `auto`, `always`, `never`. */
  showValue(showValue: 'auto' | 'always' | 'never'): this {
    return this.options({ showValue } as never);
  }

  /** Merges equal consecutive values into one band. */
  mergeValues(merge = true): this {
    return this.options({ mergeValues: merge });
  }

  /** Band height as a fraction of the row, 0–1. */
  rowHeight(rowHeight: number): this {
    return this.options({ rowHeight });
  }

  /** Fill opacity of the bands, 0–100. */
  fillOpacity(fillOpacity: number): this {
    return this.custom({ fillOpacity } as never);
  }
}

/** A state timeline panel (see {@link StateTimelinePanel}). */
export function stateTimeline(title?: string): StateTimelinePanel {
  return new StateTimelinePanel(initialPanelProps('state-timeline', title));
}
