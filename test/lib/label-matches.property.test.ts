import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { labelMatches } from '../../lib/promql/label-matches.js';

const value = fc.string({ maxLength: 12 });
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('labelMatches', () => {
  it('GIVEN any value and literal WHEN matched THEN = is equality, != its negation, and !~ the negation of =~', () => {
    fc.assert(
      fc.property(value, value, (actual, literal) => {
        expect(labelMatches({ op: '=', value: literal }, actual)).toBe(actual === literal);
        expect(labelMatches({ op: '!=', value: literal }, actual)).toBe(actual !== literal);
        const pattern = escapeRegExp(literal);
        expect(labelMatches({ op: '!~', value: pattern }, actual)).toBe(!labelMatches({ op: '=~', value: pattern }, actual));
      }),
    );
  });

  it('GIVEN a regex of an escaped literal WHEN matched THEN it matches exactly that value (anchored at both ends)', () => {
    fc.assert(
      fc.property(value, value, (actual, literal) => {
        expect(labelMatches({ op: '=~', value: escapeRegExp(literal) }, actual)).toBe(actual === literal);
        expect(labelMatches({ op: '=~', value: `${escapeRegExp(literal)}|other` }, `${literal}x`)).toBe(`${literal}x` === 'other');
      }),
    );
  });
});
