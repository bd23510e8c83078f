import type { LogsOptions } from '../../generated/index.js';
import type { DatasourceLike } from '../datasource.js';
import { initialPanelProps, PanelBuilder } from './panel-builder.js';

/**
 * Log lines from Loki (or another logs data source).
 *
 * @example
 * logs('Errors').datasource(lokiDs).target(loki(`{job=~"${job}"} |= "error"`))
 *   .showTime().wrapLines().sortOrder('Descending')
 * // → { "type": "logs", …, "options": { "showTime": true, "wrapLogMessage": true, "sortOrder": "Descending" } }
 */
export class LogsPanel<K extends string = string> extends PanelBuilder<K, LogsOptions, Record<string, never>> {
  override datasource<D extends string>(datasource: DatasourceLike<D>): LogsPanel<D> {
    return super.datasource(datasource) as unknown as LogsPanel<D>;
  }

  /** Shows each line's timestamp. */
  showTime(show = true): this {
    return this.options({ showTime: show });
  }

  /** Shows the stream labels of each line. */
  showLabels(show = true): this {
    return this.options({ showLabels: show });
  }

  /** Wraps long lines. */
  wrapLines(wrap = true): this {
    return this.options({ wrapLogMessage: wrap });
  }

  /** Pretty-prints JSON lines. */
  prettifyJson(prettify = true): this {
    return this.options({ prettifyLogMessage: prettify });
  }

  /** Newest first (`Descending`, default) or oldest first (`Ascending`). */
  sortOrder(order: 'Descending' | 'Ascending'): this {
    return this.options({ sortOrder: order } as never);
  }

  /** Collapses duplicate lines: `none`, `exact`, `numbers`, `signature`. */
  dedup(strategy: 'none' | 'exact' | 'numbers' | 'signature'): this {
    return this.options({ dedupStrategy: strategy } as never);
  }
}

/** A logs panel (see {@link LogsPanel}). */
export function logs(title?: string): LogsPanel {
  return new LogsPanel(initialPanelProps('logs', title));
}
