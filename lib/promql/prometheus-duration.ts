/**
 * Prometheus durations (`model.Duration`): what PromQL ranges, rule files (`for`, `interval`),
 * the Mimir/Loki ruler and Alertmanager accept. Integer amounts, units from largest to smallest,
 * each at most once (`1h30m`, not `30m1h`), or a bare `0`. Grafana's own intervals (`1.5h`, bare
 * seconds) are another grammar: see lib/util/grafana-duration.ts.
 */

const UNITS: ReadonlyArray<readonly [unit: string, ms: number]> = [
  ['y', 365 * 24 * 3600 * 1000],
  ['w', 7 * 24 * 3600 * 1000],
  ['d', 24 * 3600 * 1000],
  ['h', 3600 * 1000],
  ['m', 60 * 1000],
  ['s', 1000],
  ['ms', 1],
];

const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

/**
 * Milliseconds of a Prometheus duration, or undefined when `text` is not one.
 *
 * @example
 * parsePrometheusDuration('1h30m') // → 5400000
 * parsePrometheusDuration('0')     // → 0
 * parsePrometheusDuration('30m1h') // → undefined (units out of order)
 */
export function parsePrometheusDuration(text: string): number | undefined {
  if (text === '0') return 0;
  if (text === '') return undefined;
  const m = DURATION.exec(text);
  if (!m) return undefined;
  let total = 0;
  for (let i = 0; i < UNITS.length; i++) {
    const part = m[i + 1];
    if (part !== undefined) total += Number(part) * UNITS[i]![1];
  }
  return total;
}

/**
 * Prometheus' `Duration.String()`: largest units first, `0s` for zero.
 *
 * @example
 * formatPrometheusDuration(90_000) // → '1m30s'
 */
export function formatPrometheusDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  for (const [unit, size] of UNITS) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out;
}

/**
 * A Prometheus duration re-spelled as Prometheus marshals it (`90s` → `1m30s`, `0m` → `0s`);
 * undefined when `text` is not one.
 *
 * @example
 * canonicalPrometheusDuration('120s') // → '2m'
 */
export function canonicalPrometheusDuration(text: string): string | undefined {
  const ms = parsePrometheusDuration(text);
  return ms === undefined ? undefined : formatPrometheusDuration(ms);
}
