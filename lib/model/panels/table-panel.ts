import type { TableFieldConfig, TableOptions } from '../../generated/index.js';
import type { DatasourceLike } from '../datasource.js';
import { initialPanelProps, PanelBuilder } from './panel-builder.js';

/**
 * A table of fields; pair with `instant()` + `format('table')` Prometheus queries and
 * transformations such as `merge` or `organize`.
 *
 * @example
 * table('Targets').datasource(ds)
 *   .target(prometheus('up').instant().format('table'))
 *   .transformation('organize', { excludeByName: { Time: true } })
 *   .sortBy('Value')
 * // → { "type": "table", …, "options": { "sortBy": [{ "displayName": "Value", "desc": false }] } }
 */
export class TablePanel<K extends string = string> extends PanelBuilder<K, TableOptions, TableFieldConfig> {
  override datasource<D extends string>(datasource: DatasourceLike<D>): TablePanel<D> {
    return super.datasource(datasource) as unknown as TablePanel<D>;
  }

  /** Sorts by a column. */
  sortBy(displayName: string, descending = false): this {
    return this.options({ sortBy: [{ displayName, desc: descending }] } as never);
  }

  /** Shows or hides the header row. */
  showHeader(show = true): this {
    return this.options({ showHeader: show });
  }

  /** Lets users filter column values. */
  filterable(filterable = true): this {
    return this.custom({ filterable } as never);
  }

  /** How cells draw: `auto`, `color-text`, `color-background`, `gauge`, `json-view`, … */
  cellType(type: string, options: Record<string, unknown> = {}): this {
    return this.custom({ cellOptions: { type, ...options } } as never);
  }

  /** Column alignment: `auto`, `left`, `center`, `right`. */
  align(align: 'auto' | 'left' | 'center' | 'right'): this {
    return this.custom({ align } as never);
  }
}

/** A table panel (see {@link TablePanel}). */
export function table(title?: string): TablePanel {
  return new TablePanel(initialPanelProps('table', title));
}
