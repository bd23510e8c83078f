const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 };

/**
 * Parses a Grafana duration (an interval, a time range, a step: `15s`, `1m30s`, `1.5h`, `500ms`,
 * or plain seconds `30`) into milliseconds; undefined when it is not one. Grafana's grammar is
 * wider than Prometheus' (decimals, bare seconds, units in any order): Prometheus durations are
 * parsed by lib/promql/prometheus-duration.ts.
 *
 * @example
 * parseGrafanaDuration('1m30s') // → 90000
 * parseGrafanaDuration('oops')  // → undefined
 */
export function parseGrafanaDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w|y)/gy;
  let total = 0;
  let end = 0;
  for (const match of trimmed.matchAll(re)) {
    total += Number(match[1]) * UNIT_MS[match[2]!]!;
    end = match.index + match[0].length;
  }
  return end === trimmed.length && end > 0 ? total : undefined;
}

/**
 * Formats milliseconds the way Grafana writes intervals: the largest unit that divides the
 * value exactly (`60000` → `1m`, `90000` → `90s`, `1500` → `1500ms`).
 *
 * @example
 * formatGrafanaDuration(60_000) // → '1m'
 */
export function formatGrafanaDuration(ms: number): string {
  const rounded = Math.max(1, Math.round(ms));
  for (const unit of ['y', 'w', 'd', 'h', 'm', 's'] as const) {
    const size = UNIT_MS[unit]!;
    if (rounded % size === 0) return `${rounded / size}${unit}`;
  }
  return `${rounded}ms`;
}
