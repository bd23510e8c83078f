// Multi-window, multi-burn-rate alerting (Google SRE workbook, "Alerting on SLOs"): an alert
// fires when the error budget burns fast over a long window AND is still burning over a short
// window (1/12 of the long one), so it fires quickly and resets quickly.
import { durationSeconds, formatDuration } from './duration.js';

/** Page (wake someone up) or ticket (look at it in working hours). */
export type AlertClass = 'page' | 'ticket';

/** One pair of windows: the alert class fires when both windows burn faster than `factor`. */
export interface BurnRateWindow {
  readonly class: AlertClass;
  /** The long window, e.g. `1h`. */
  readonly long: string;
  /** The short window, e.g. `5m` (1/12 of the long one in the workbook). */
  readonly short: string;
  /** The burn rate both windows must exceed: 1 spends exactly the budget over the SLO period. */
  readonly factor: number;
}

/**
 * The workbook's table as budget consumption: a page when 2 % of the period's budget goes in
 * 1 h or 5 % in 6 h, a ticket when 10 % goes in 1 d or in 3 d. The factor is that share of the
 * period divided by the long window: for 30 d, 14.4, 6, 3 and 1.
 */
const WORKBOOK: readonly { class: AlertClass; long: string; short: string; budgetSpent: number }[] = [
  { class: 'page', long: '1h', short: '5m', budgetSpent: 0.02 },
  { class: 'page', long: '6h', short: '30m', budgetSpent: 0.05 },
  { class: 'ticket', long: '1d', short: '2h', budgetSpent: 0.1 },
  { class: 'ticket', long: '3d', short: '6h', budgetSpent: 0.1 },
];

/**
 * The workbook's burn-rate windows for an SLO period, factors rounded to 4 decimals.
 *
 * @example
 * workbookBurnRateWindows('30d')[0] // → { class: 'page', long: '1h', short: '5m', factor: 14.4 }
 * workbookBurnRateWindows('28d')[0].factor // → 13.44
 */
export function workbookBurnRateWindows(sloPeriod: string): BurnRateWindow[] {
  const period = durationSeconds(sloPeriod);
  return WORKBOOK.map((w) => ({
    class: w.class,
    long: w.long,
    short: w.short,
    factor: Math.round((w.budgetSpent * period * 10_000) / durationSeconds(w.long)) / 10_000,
  }));
}

/**
 * Every window the SLIs are recorded over: those of the burn-rate table plus `5m` (the
 * dashboard's), without duplicates, shortest first.
 *
 * @example
 * sliWindowsOf(workbookBurnRateWindows('30d')) // → ['5m', '30m', '1h', '2h', '6h', '1d', '3d']
 */
export function sliWindowsOf(windows: readonly BurnRateWindow[]): string[] {
  const bySeconds = new Map<number, string>([[300, '5m']]);
  for (const w of windows) {
    for (const d of [w.long, w.short]) {
      const s = durationSeconds(d);
      if (!bySeconds.has(s)) bySeconds.set(s, formatDuration(s));
    }
  }
  return [...bySeconds].sort(([a], [b]) => a - b).map(([, d]) => d);
}

/** The recorded window name of a duration (`1h30m` → `90m`), so rules and alerts agree. */
export function windowName(duration: string): string {
  return formatDuration(durationSeconds(duration));
}
