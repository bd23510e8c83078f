/**
 * Schema v2 spells as names what a classic dashboard stores as numeric codes: the name at index
 * `n` is code `n`. One table each, shared by the v2 render, the importer, lint's classic view of
 * v2 and the emulator's conversion in `lib/testing/` (a constant table only: the emulator keeps
 * its own conversion logic so contract tests compare two independent implementations).
 *
 * @example
 * VARIABLE_HIDE[2]; // 'hideVariable' (classic `hide: 2`)
 * CURSOR_SYNC.indexOf('Tooltip'); // 2 (classic `graphTooltip: 2`)
 */

/** v2 `cursorSync` names of a classic dashboard's `graphTooltip` codes 0..2. */
export const CURSOR_SYNC = ['Off', 'Crosshair', 'Tooltip'] as const;

/** v2 names of a classic variable's `hide` codes 0..2. */
export const VARIABLE_HIDE = ['dontHide', 'hideLabel', 'hideVariable'] as const;

/** v2 names of a classic variable's `refresh` codes 0..2. */
export const VARIABLE_REFRESH = ['never', 'onDashboardLoad', 'onTimeRangeChanged'] as const;

/** v2 names of a classic query variable's `sort` codes 0..8. */
export const VARIABLE_SORT = [
  'disabled',
  'alphabeticalAsc',
  'alphabeticalDesc',
  'numericalAsc',
  'numericalDesc',
  'alphabeticalCaseInsensitiveAsc',
  'alphabeticalCaseInsensitiveDesc',
  'naturalAsc',
  'naturalDesc',
] as const;

/**
 * The classic code of a v2 name in one of the tables above; 0 (the default) for a name the table
 * does not know.
 *
 * @example
 * classicCode(VARIABLE_REFRESH, 'onTimeRangeChanged'); // 2
 */
export function classicCode(names: readonly string[], name: string): number {
  return Math.max(0, names.indexOf(name));
}
