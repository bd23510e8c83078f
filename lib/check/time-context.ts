import { formatGrafanaDuration, parseGrafanaDuration } from '../util/grafana-duration.js';

/** The time window a check runs over, in milliseconds since the epoch. */
export interface CheckWindow {
  /** End of the range query and time of the instant query. */
  endMs: number;
  /** Length of the range query. */
  rangeMs: number;
  /** Step of the range query (Grafana's `$__interval`). */
  stepMs: number;
  /**
   * The data source's scrape interval as Grafana knows it (its "Scrape interval" setting,
   * 15 s unless configured), used for `$__rate_interval`.
   */
  scrapeIntervalMs: number;
}

/**
 * Grafana's global variables for one query, as Grafana computes them for a Prometheus panel:
 * - `$__interval` = the step, raised to the panel's or query's min interval (`interval`), if any;
 * - `$__rate_interval` = max(`$__interval` + scrape interval, 4 × scrape interval);
 * - `$__range`, `$__range_s`, `$__range_ms` = the window's length; `$__from`, `$__to` = its ends (ms);
 * - `$__auto` = `$__interval` (the interval Grafana computes for the range).
 * Values are strings ready to splice into PromQL (`60s`, `300`).
 *
 * @example
 * builtinVariables({ endMs: 0, rangeMs: 300_000, stepMs: 15_000, scrapeIntervalMs: 15_000 })
 * // → { __interval: '15s', __interval_ms: '15000', __rate_interval: '1m', __rate_interval_ms: '60000',
 * //     __range: '5m', __range_s: '300', __range_ms: '300000', __auto: '15s', __from: '-300000', __to: '0', … }
 */
export function builtinVariables(window: CheckWindow, minInterval?: string): Record<string, string> {
  const min = minInterval ? parseGrafanaDuration(minInterval) : undefined;
  const intervalMs = Math.max(window.stepMs, min ?? 0);
  const rateMs = Math.max(intervalMs + window.scrapeIntervalMs, 4 * window.scrapeIntervalMs);
  const rangeSeconds = Math.round(window.rangeMs / 1000);
  return {
    __interval: formatGrafanaDuration(intervalMs),
    __interval_ms: String(intervalMs),
    __rate_interval: formatGrafanaDuration(rateMs),
    __rate_interval_ms: String(rateMs),
    __range: `${rangeSeconds}s`,
    __range_s: String(rangeSeconds),
    __range_ms: String(window.rangeMs),
    __auto: formatGrafanaDuration(intervalMs),
    __from: String(window.endMs - window.rangeMs),
    __to: String(window.endMs),
    // Legacy names Grafana still interpolates.
    interval: formatGrafanaDuration(intervalMs),
    interval_ms: String(intervalMs),
  };
}
