import type { HeatmapFieldConfig, HeatmapOptions } from '../../generated/index.js';
import type { DatasourceLike } from '../datasource.js';
import { initialPanelProps, PanelBuilder } from './panel-builder.js';

/**
 * A heatmap, e.g. of a latency histogram: Prometheus `_bucket` series with
 * `format('heatmap')`, or native histograms.
 *
 * @example
 * heatmap('Latency').datasource(ds)
 *   .target(prometheus('sum by (le) (increase(http_request_duration_seconds_bucket[$__rate_interval]))').format('heatmap').legend('{{le}}'))
 *   .yAxisUnit('s').colorScheme('Oranges')
 * // → { "type": "heatmap", …, "options": { "calculate": false, "yAxis": { "unit": "s" },
 * //      "color": { "mode": "scheme", "scheme": "Oranges" } } }
 */
export class HeatmapPanel<K extends string = string> extends PanelBuilder<K, HeatmapOptions, HeatmapFieldConfig> {
  override datasource<D extends string>(datasource: DatasourceLike<D>): HeatmapPanel<D> {
    return super.datasource(datasource) as unknown as HeatmapPanel<D>;
  }

  /** Whether Grafana buckets raw values itself (`true`) or the data is already buckets (`false`). */
  calculate(calculate: boolean): this {
    return this.options({ calculate });
  }

  /** A colour scheme such as `Oranges`, `Spectral`, `RdYlGn`. */
  colorScheme(scheme: string): this {
    return this.options({ color: { mode: 'scheme', scheme } } as never);
  }

  /** Gap between cells in pixels. */
  cellGap(pixels: number): this {
    return this.options({ cellGap: pixels } as never);
  }

  /** The unit of the y axis (the bucket bounds). */
  yAxisUnit(unit: string): this {
    return this.options({ yAxis: { unit } } as never);
  }
}

/** A heatmap panel (see {@link HeatmapPanel}); bucketed input by default (`calculate: false`). */
export function heatmap(title?: string): HeatmapPanel {
  return new HeatmapPanel({ ...initialPanelProps('heatmap', title), options: { calculate: false } });
}
