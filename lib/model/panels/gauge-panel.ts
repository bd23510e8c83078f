import type { GaugeOptions } from '../../generated/index.js';
import type { DatasourceLike } from '../datasource.js';
import { initialPanelProps } from './panel-builder.js';
import { SingleValuePanel } from './single-value-panel.js';

/**
 * A radial gauge per value, coloured by thresholds.
 *
 * @example
 * gauge('Disk used').datasource(ds).target(prometheus('1 - node_filesystem_avail_bytes / node_filesystem_size_bytes'))
 *   .unit('percentunit').min(0).max(1).thresholds([{ color: 'green' }, { value: 0.8, color: 'red' }])
 */
export class GaugePanel<K extends string = string> extends SingleValuePanel<K, GaugeOptions, Record<string, never>> {
  override datasource<D extends string>(datasource: DatasourceLike<D>): GaugePanel<D> {
    return super.datasource(datasource) as unknown as GaugePanel<D>;
  }

  /** Shows the threshold markers around the gauge (default true). */
  showThresholdMarkers(show = true): this {
    return this.options({ showThresholdMarkers: show });
  }

  /** Shows the threshold values as labels. */
  showThresholdLabels(show = true): this {
    return this.options({ showThresholdLabels: show });
  }
}

/** A gauge panel (see {@link GaugePanel}). */
export function gauge(title?: string): GaugePanel {
  return new GaugePanel(initialPanelProps('gauge', title));
}
