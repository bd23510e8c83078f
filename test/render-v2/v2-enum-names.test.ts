// The v2 enum tables are the one home of the classic-code ↔ v2-name mappings: each name maps back
// to its own code, and an unknown name falls back to code 0 (the classic default).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classicCode, CURSOR_SYNC, VARIABLE_HIDE, VARIABLE_REFRESH, VARIABLE_SORT } from '../../lib/render/v2/v2-enum-names.js';

const TABLES: readonly (readonly string[])[] = [CURSOR_SYNC, VARIABLE_HIDE, VARIABLE_REFRESH, VARIABLE_SORT];

describe('v2 enum names', () => {
  it('GIVEN Grafana’s documented codes THEN the tables name them in order', () => {
    expect([CURSOR_SYNC[1], VARIABLE_HIDE[2], VARIABLE_REFRESH[2], VARIABLE_SORT[8]]).toEqual([
      'Crosshair',
      'hideVariable',
      'onTimeRangeChanged',
      'naturalDesc',
    ]);
  });

  it('GIVEN any table and code WHEN named and coded back THEN the code is unchanged', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TABLES).chain((table) => fc.tuple(fc.constant(table), fc.nat({ max: table.length - 1 }))),
        ([table, code]) => {
          expect(classicCode(table, table[code] as string)).toBe(code);
        },
      ),
    );
  });

  it('GIVEN a name no table knows WHEN coded THEN it is 0, the classic default', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TABLES),
        fc.string().filter((name) => !TABLES.some((table) => table.includes(name))),
        (table, name) => {
          expect(classicCode(table, name)).toBe(0);
        },
      ),
    );
  });
});
