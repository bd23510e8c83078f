import type {
  AxisPlacement,
  GraphDrawStyle,
  GraphGradientMode,
  GraphThresholdsStyleConfig,
  LineInterpolation,
  StackingMode,
  TimeseriesFieldConfig,
  TimeseriesOptions,
} from '../../generated/index.js';
import type { DatasourceLike } from '../datasource.js';
import { LegendTooltipPanel } from './legend-tooltip-panel.js';
import { initialPanelProps } from './panel-builder.js';

/**
 * A time series graph: lines, bars or points over time.
 *
 * @example
 * timeseries('Request rate')
 *   .datasource(ds)
 *   .target(prometheus(`sum by (code) (rate(http_requests_total{job=~"${job}"}[$__rate_interval]))`).legend('{{code}}'))
 *   .unit('reqps')
 *   .stacking('normal')
 *   .fillOpacity(20)
 * // → { "type": "timeseries", "title": "Request rate", "datasource": {…}, "targets": [{ "refId": "A", … }],
 * //     "fieldConfig": { "defaults": { "unit": "reqps", "custom": { "stacking": { "mode": "normal" }, "fillOpacity": 20 } },
 * //                      "overrides": [] } }
 */
export class TimeseriesPanel<K extends string = string> extends LegendTooltipPanel<K, TimeseriesOptions, TimeseriesFieldConfig> {
  override datasource<D extends string>(datasource: DatasourceLike<D>): TimeseriesPanel<D> {
    return super.datasource(datasource) as unknown as TimeseriesPanel<D>;
  }

  /** Draws `line` (default), `bars` or `points`. */
  drawStyle(drawStyle: GraphDrawStyle): this {
    return this.custom({ drawStyle });
  }

  /** How points are joined: `linear`, `smooth`, `stepBefore`, `stepAfter`. */
  lineInterpolation(lineInterpolation: LineInterpolation): this {
    return this.custom({ lineInterpolation });
  }

  /** Line width in pixels, 0–10. */
  lineWidth(lineWidth: number): this {
    return this.custom({ lineWidth });
  }

  /** Fill under the line, 0–100. */
  fillOpacity(fillOpacity: number): this {
    return this.custom({ fillOpacity });
  }

  /** Fill gradient: `none`, `opacity`, `hue`, `scheme`. */
  gradientMode(gradientMode: GraphGradientMode): this {
    return this.custom({ gradientMode });
  }

  /** Stacks series: `none`, `normal`, or `percent`. */
  stacking(mode: StackingMode, group = 'A'): this {
    return this.custom({ stacking: { mode, group } });
  }

  /** Point size in pixels; `showPoints` `auto`, `always` or `never`. */
  points(showPoints: 'auto' | 'always' | 'never', pointSize?: number): this {
    return this.custom(pointSize === undefined ? { showPoints } : { showPoints, pointSize });
  }

  /** Connects across missing values: `true`, `false`, or a threshold in ms. */
  spanNulls(spanNulls: boolean | number): this {
    return this.custom({ spanNulls });
  }

  /** Value axis label, placement (`auto`, `left`, `right`, `hidden`), and soft bounds. */
  axis(axis: { label?: string; placement?: AxisPlacement; softMin?: number; softMax?: number }): this {
    const custom: Record<string, unknown> = {};
    if (axis.label !== undefined) custom.axisLabel = axis.label;
    if (axis.placement !== undefined) custom.axisPlacement = axis.placement;
    if (axis.softMin !== undefined) custom.axisSoftMin = axis.softMin;
    if (axis.softMax !== undefined) custom.axisSoftMax = axis.softMax;
    return this.custom(custom as never);
  }

  /** A logarithmic value axis of base 2 or 10. */
  logScale(log: 2 | 10 = 10): this {
    return this.custom({ scaleDistribution: { type: 'log', log } } as never);
  }

  /** Draws thresholds as `line`, `area`, `line+area`, `dashed`, … */
  thresholdsStyle(mode: GraphThresholdsStyleConfig['mode']): this {
    return this.custom({ thresholdsStyle: { mode } } as never);
  }
}

/** A time series panel (see {@link TimeseriesPanel}). */
export function timeseries(title?: string): TimeseriesPanel {
  return new TimeseriesPanel(initialPanelProps('timeseries', title));
}
