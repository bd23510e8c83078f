import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plural } from '../../cli/format.js';

describe('plural', () => {
  it('GIVEN any count and noun WHEN formatted THEN exactly one takes the singular, every other count the plural', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5, max: 10_000 }),
        fc.string({ minLength: 1 }),
        fc.option(fc.string({ minLength: 1 }), { nil: undefined }),
        (n, one, many) => {
          expect(plural(n, one, many)).toBe(`${n} ${n === 1 ? one : (many ?? `${one}s`)}`);
        },
      ),
    );
    expect(plural(1, 'query', 'queries')).toBe('1 query');
    expect(plural(0, 'query', 'queries')).toBe('0 queries');
  });
});
