import type { TimeSettingsSpec } from './dashboard-v2-spec.js';

type Json = Record<string, unknown>;

/** Grafana's refresh intervals when a dashboard sets none (v2 requires the list). */
export const DEFAULT_AUTO_REFRESH_INTERVALS = ['5s', '10s', '30s', '1m', '5m', '15m', '30m', '1h', '2h', '1d'] as const;

const TIMEPICKER_KEYS = new Set(['hidden', 'refresh_intervals', 'quick_ranges', 'nowDelay']);

/**
 * v2 `timeSettings` from a classic dashboard's `time`, `timezone`, `refresh`, `weekStart`,
 * `fiscalYearStartMonth` and `timepicker`, with Grafana's defaults for the required fields.
 *
 * @example
 * v2TimeSettingsOf({ time: { from: 'now-3h', to: 'now' }, refresh: '30s' }, report)
 * // → { from: 'now-3h', to: 'now', autoRefresh: '30s', autoRefreshIntervals: ['5s', …, '1d'], hideTimepicker: false, fiscalYearStartMonth: 0 }
 */
export function v2TimeSettingsOf(dashboard: Json, report: (message: string) => void): TimeSettingsSpec {
  const time = (dashboard.time ?? {}) as Json;
  const picker = (dashboard.timepicker ?? {}) as Json;
  for (const key of Object.keys(picker)) {
    if (!TIMEPICKER_KEYS.has(key)) report(`timepicker key "${key}" has no place in dashboard schema v2`);
  }
  return {
    ...(typeof dashboard.timezone === 'string' && { timezone: dashboard.timezone }),
    from: typeof time.from === 'string' ? time.from : 'now-6h',
    to: typeof time.to === 'string' ? time.to : 'now',
    autoRefresh: typeof dashboard.refresh === 'string' ? dashboard.refresh : '',
    autoRefreshIntervals: Array.isArray(picker.refresh_intervals) ? (picker.refresh_intervals as string[]) : [...DEFAULT_AUTO_REFRESH_INTERVALS],
    ...(Array.isArray(picker.quick_ranges) && { quickRanges: picker.quick_ranges as Json[] }),
    hideTimepicker: picker.hidden === true,
    ...(typeof dashboard.weekStart === 'string' && dashboard.weekStart !== '' && { weekStart: dashboard.weekStart }),
    fiscalYearStartMonth: typeof dashboard.fiscalYearStartMonth === 'number' ? dashboard.fiscalYearStartMonth : 0,
    ...(typeof picker.nowDelay === 'string' && { nowDelay: picker.nowDelay }),
  };
}
