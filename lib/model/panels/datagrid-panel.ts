import type { DatagridOptions } from '../../generated/index.js';
import type { DatasourceLike } from '../datasource.js';
import { initialPanelProps, PanelBuilder } from './panel-builder.js';

/**
 * A spreadsheet-like grid of one series' fields (Grafana's `datagrid` panel, experimental).
 *
 * @example
 * datagrid('Targets').datasource(ds).target(prometheus('up').format('table')).selectedSeries(0)
 * // → { "type": "datagrid", …, "options": { "selectedSeries": 0 } }
 */
export class DatagridPanel<K extends string = string> extends PanelBuilder<K, DatagridOptions, Record<string, never>> {
  override datasource<D extends string>(datasource: DatasourceLike<D>): DatagridPanel<D> {
    return super.datasource(datasource) as unknown as DatagridPanel<D>;
  }

  /** Which series (0-based) the grid shows when the queries return several. */
  selectedSeries(index: number): this {
    return this.options({ selectedSeries: index });
  }

  /** @internal */
  override get needsTargets(): boolean {
    return false;
  }
}

/** A data grid panel (see {@link DatagridPanel}). */
export function datagrid(title?: string): DatagridPanel {
  return new DatagridPanel(initialPanelProps('datagrid', title));
}
