/** A time range within a day, `HH:MM` to `HH:MM` (end exclusive; `24:00` is the end of the day). */
export interface TimeRange {
  readonly start: string;
  readonly end: string;
}

/**
 * One time interval: it is in effect when every field given matches (unset fields match
 * always). Ranges are written as Alertmanager does: `monday:friday`, `1:15`, `-1` (last day).
 */
export interface TimeInterval {
  readonly times?: readonly TimeRange[];
  /** e.g. `['monday:friday']`, `['saturday', 'sunday']`. */
  readonly weekdays?: readonly string[];
  /** e.g. `['1:7']`, `['-1']`. */
  readonly daysOfMonth?: readonly string[];
  /** e.g. `['december']`, `['1:3']`. */
  readonly months?: readonly string[];
  /** e.g. `['2026']`, `['2026:2027']`. */
  readonly years?: readonly string[];
  /** IANA time zone, e.g. `Europe/Berlin`. @default UTC */
  readonly location?: string;
}

const MUTE_TIMING_BRAND: unique symbol = Symbol.for('grafts.mute-timing');

/**
 * A named set of time intervals (Alertmanager `time_intervals`, Grafana mute timings): routes
 * refer to it by name in `muteTimeIntervals` (silent while in effect) or `activeTimeIntervals`
 * (silent while not). Immutable.
 *
 * @example
 * muteTiming('weekends').interval({ weekdays: ['saturday', 'sunday'] })
 * // Alertmanager: { name: 'weekends', time_intervals: [{ weekdays: ['saturday', 'sunday'] }] }
 */
export class MuteTiming {
  /** @internal */
  readonly [MUTE_TIMING_BRAND] = true;

  constructor(
    readonly name: string,
    readonly intervals: readonly TimeInterval[] = [],
  ) {
    Object.freeze(this.intervals);
    Object.freeze(this);
  }

  /** Adds an interval (the timing is in effect when any of its intervals is). */
  interval(interval: TimeInterval): MuteTiming {
    return new MuteTiming(this.name, [...this.intervals, Object.freeze({ ...interval })]);
  }
}

/** True for a {@link MuteTiming} (works across copies of the library). */
export function isMuteTiming(value: unknown): value is MuteTiming {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MUTE_TIMING_BRAND] === true;
}

/** A mute timing named `name` (see {@link MuteTiming}). Without intervals it is always in effect. */
export function muteTiming(name: string): MuteTiming {
  return new MuteTiming(name);
}
