import type { XYChartFieldConfig, XYChartOptions } from '../../generated/index.js';
import type { DatasourceLike } from '../datasource.js';
import { LegendTooltipPanel } from './legend-tooltip-panel.js';
import { initialPanelProps } from './panel-builder.js';

/**
 * Points of one field against another (Grafana's `xychart` panel, a scatter plot). In `auto`
 * mapping Grafana pairs the fields itself; `series()` names them (`manual` mapping).
 *
 * @example
 * xyChart('Size vs latency').datasource(ds).target(prometheus('…').format('table'))
 *   .series({ x: 'bytes', y: 'seconds' }).pointSize(5)
 * // → { "type": "xychart", …, "options": { "mapping": "manual", "series": [{ "x": { "matcher": { "id": "byName", "options": "bytes" } },
 * //     "y": { "matcher": { "id": "byName", "options": "seconds" } } }] }, "fieldConfig": { "defaults": { "custom": { "pointSize": { "fixed": 5 } } }, … } }
 */
export class XYChartPanel<K extends string = string> extends LegendTooltipPanel<K, XYChartOptions, XYChartFieldConfig> {
  override datasource<D extends string>(datasource: DatasourceLike<D>): XYChartPanel<D> {
    return super.datasource(datasource) as unknown as XYChartPanel<D>;
  }

  /** Adds a series drawing field `y` against field `x` (by name); switches to manual mapping. */
  series(fields: { x: string; y: string; name?: string }): this {
    const byName = (options: string) => ({ matcher: { id: 'byName', options } });
    const series = { ...(fields.name !== undefined ? { name: { fixed: fields.name } } : {}), x: byName(fields.x), y: byName(fields.y) };
    const current = (this.props.options as { series?: unknown[] }).series ?? [];
    return this.with({ options: { ...this.props.options, mapping: 'manual', series: [...structuredClone(current), series] } as never });
  }

  /** Draws `points`, `lines` or both (`points+lines`). */
  show(show: 'points' | 'lines' | 'points+lines'): this {
    return this.custom({ show });
  }

  /** A fixed point size in pixels. */
  pointSize(size: number): this {
    return this.custom({ pointSize: { fixed: size } });
  }
}

/** An XY chart panel (see {@link XYChartPanel}). */
export function xyChart(title?: string): XYChartPanel {
  return new XYChartPanel(initialPanelProps('xychart', title));
}
