// Two duration grammars, one implementation each: Prometheus' (ordered integer units) and
// Grafana's (also decimals, bare seconds, any order). Every Prometheus duration reads the same
// in both; Prometheus' spelling round-trips.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalPrometheusDuration, formatPrometheusDuration, parsePrometheusDuration } from '../../lib/promql/prometheus-duration.js';
import { normalizeDuration } from '../../lib/promql/normalize-promql.js';
import { formatGrafanaDuration, parseGrafanaDuration } from '../../lib/util/grafana-duration.js';

const UNITS = ['y', 'w', 'd', 'h', 'm', 's', 'ms'] as const;

/** A Prometheus duration: some of the units, largest first, each with an integer amount. */
const prometheusDuration = fc
  .subarray([...UNITS], { minLength: 1 })
  .chain((units) => fc.tuple(...units.map((unit) => fc.integer({ min: 0, max: 999 }).map((n) => `${n}${unit}`))))
  .map((parts) => parts.join(''));

describe('Prometheus durations', () => {
  it('GIVEN any Prometheus duration WHEN parsed, formatted and parsed again THEN the milliseconds are the same and the spelling is canonical', () => {
    fc.assert(
      fc.property(prometheusDuration, (text) => {
        const ms = parsePrometheusDuration(text);
        expect(ms).toBeDefined();
        const canonical = formatPrometheusDuration(ms!);
        expect(parsePrometheusDuration(canonical)).toBe(ms);
        expect(canonicalPrometheusDuration(canonical)).toBe(canonical);
        expect(normalizeDuration(text)).toBe(canonical);
      }),
    );
  });

  it('GIVEN units out of order, repeated, fractional or unknown WHEN parsed as Prometheus THEN it is not a duration', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 99 }), (i, n) => {
        const big = UNITS[i]!;
        const small = UNITS[i + 1]!;
        expect(parsePrometheusDuration(`${n}${small}${n}${big}`)).toBeUndefined();
        expect(parsePrometheusDuration(`${n}${big}${n}${big}`)).toBeUndefined();
        expect(parsePrometheusDuration(`${n}.5${big}`)).toBeUndefined();
        expect(parsePrometheusDuration(`${n}`)).toBeUndefined();
        expect(parsePrometheusDuration(`${n}x`)).toBeUndefined();
      }),
    );
    expect(parsePrometheusDuration('0')).toBe(0);
    expect(parsePrometheusDuration('')).toBeUndefined();
  });

  it('GIVEN text that is not a Prometheus duration WHEN normalised THEN it is returned as given', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const ms = parsePrometheusDuration(text.trim());
        expect(normalizeDuration(text)).toBe(ms === undefined ? text : formatPrometheusDuration(ms));
      }),
    );
  });
});

describe('Grafana durations', () => {
  it('GIVEN any Prometheus duration WHEN parsed as a Grafana duration THEN it means the same milliseconds', () => {
    fc.assert(
      fc.property(prometheusDuration, (text) => {
        expect(parseGrafanaDuration(text)).toBe(parsePrometheusDuration(text));
      }),
    );
  });

  it('GIVEN decimals, bare seconds and any unit order WHEN parsed as Grafana THEN they are read, where Prometheus refuses them', () => {
    expect(parseGrafanaDuration('1.5h')).toBe(5_400_000);
    expect(parseGrafanaDuration('30')).toBe(30_000);
    expect(parseGrafanaDuration('30s1m')).toBe(90_000);
    for (const text of ['1.5h', '30', '30s1m']) expect(parsePrometheusDuration(text)).toBeUndefined();
  });

  it('GIVEN any whole number of milliseconds WHEN formatted as Grafana THEN it parses back to the same value in a single unit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 ** 12 }), (ms) => {
        const text = formatGrafanaDuration(ms);
        expect(text).toMatch(/^\d+(ms|s|m|h|d|w|y)$/);
        expect(parseGrafanaDuration(text)).toBe(ms);
      }),
    );
  });
});
