// Prometheus durations ('5m', '1h30m', '30d') as seconds, and back.

const UNIT_SECONDS: Readonly<Record<string, number>> = { y: 365 * 86400, w: 7 * 86400, d: 86400, h: 3600, m: 60, s: 1, ms: 0.001 };
const PART = /(\d+)(ms|y|w|d|h|m|s)/y;

/**
 * Seconds of a Prometheus duration; throws for anything else.
 *
 * @example
 * durationSeconds('1h30m') // → 5400
 */
export function durationSeconds(duration: string): number {
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < duration.length) {
    const start = PART.lastIndex;
    const m = PART.exec(duration);
    if (!m) throw new Error(`"${duration}" is not a Prometheus duration (e.g. 5m, 1h, 30d): unexpected "${duration.slice(start)}"`);
    total += Number(m[1]) * UNIT_SECONDS[m[2]!]!;
  }
  if (duration.length === 0 || total <= 0) throw new Error(`"${duration}" is not a positive Prometheus duration (e.g. 5m, 1h, 30d)`);
  return total;
}

/**
 * The shortest spelling of a number of seconds as a Prometheus duration with one unit.
 *
 * @example
 * formatDuration(5400) // → '90m'
 */
export function formatDuration(seconds: number): string {
  for (const unit of ['w', 'd', 'h', 'm', 's'] as const) {
    const n = seconds / UNIT_SECONDS[unit]!;
    if (Number.isInteger(n) && n > 0) return `${n}${unit}`;
  }
  return `${Math.round(seconds * 1000)}ms`;
}
