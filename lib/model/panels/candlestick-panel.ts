import type { CandlestickFieldConfig, CandlestickOptions } from '../../generated/index.js';
import type { DatasourceLike } from '../datasource.js';
import { LegendTooltipPanel } from './legend-tooltip-panel.js';
import { initialPanelProps } from './panel-builder.js';

/**
 * Open/high/low/close candles with an optional volume histogram (Grafana's `candlestick`
 * panel). Fields named open, high, low, close and volume are found by name; `fields()` maps
 * others.
 *
 * @example
 * candlestick('Price').datasource(ds).target(prometheus('…').format('table'))
 *   .mode('candles').fields({ open: 'first', close: 'last' })
 * // → { "type": "candlestick", …, "options": { "mode": "candles", "fields": { "open": "first", "close": "last" } } }
 */
export class CandlestickPanel<K extends string = string> extends LegendTooltipPanel<K, CandlestickOptions, CandlestickFieldConfig> {
  override datasource<D extends string>(datasource: DatasourceLike<D>): CandlestickPanel<D> {
    return super.datasource(datasource) as unknown as CandlestickPanel<D>;
  }

  /** Draws `candles`, `volume` or `candles+volume`. */
  mode(mode: 'candles' | 'volume' | 'candles+volume'): this {
    return this.options({ mode });
  }

  /** Candles or OHLC bars. */
  candleStyle(style: 'candles' | 'ohlcbars'): this {
    return this.options({ candleStyle: style });
  }

  /** Colours a candle by open-vs-close of itself (`open-close`) or against the previous close (`close-close`). */
  colorStrategy(strategy: 'open-close' | 'close-close'): this {
    return this.options({ colorStrategy: strategy });
  }

  /** The fields holding open, high, low, close and volume, by name. */
  fields(fields: { open?: string; high?: string; low?: string; close?: string; volume?: string }): this {
    return this.options({ fields });
  }
}

/** A candlestick panel (see {@link CandlestickPanel}). */
export function candlestick(title?: string): CandlestickPanel {
  return new CandlestickPanel(initialPanelProps('candlestick', title));
}
