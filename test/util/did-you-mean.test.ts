// The did-you-mean helper behind "no alert named …" and "unknown variable …": the distance is a
// metric, the suggestion is the nearest known name, and a far-off name gets none.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closestName, didYouMean, editDistance } from '../../lib/util/did-you-mean.js';

const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'N', 'o', 'd', 'e', ':', '_'), maxLength: 12 });

describe('editDistance', () => {
  it('is a metric: zero only for equal strings, symmetric, and obeys the triangle inequality', () => {
    fc.assert(
      fc.property(word, word, word, (a, b, c) => {
        expect(editDistance(a, b) === 0).toBe(a === b);
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, c)).toBeLessThanOrEqual(editDistance(a, b) + editDistance(b, c));
        expect(editDistance(a, b)).toBeLessThanOrEqual(Math.max(a.length, b.length));
      }),
      { numRuns: 300, seed: 17 },
    );
  });

  it('with a limit, is exact up to the limit and limit + 1 beyond it', () => {
    fc.assert(
      fc.property(word, word, fc.nat({ max: 6 }), (a, b, limit) => {
        const exact = editDistance(a, b);
        expect(editDistance(a, b, limit)).toBe(exact <= limit ? exact : limit + 1);
      }),
      { numRuns: 300, seed: 18 },
    );
  });
});

describe('closestName', () => {
  it('GIVEN a known name with one edit THEN suggests that name (or another one edit away)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^[A-Z][a-z]{5,12}$/), { minLength: 1, maxLength: 8 }), fc.nat(), fc.nat(), (names, pick, at) => {
        const target = names[pick % names.length]!;
        const i = at % target.length;
        const typo = target.slice(0, i) + target.slice(i + 1); // one character dropped
        if (names.includes(typo)) return;
        const suggested = closestName(typo, names);
        expect(suggested).toBeDefined();
        expect(editDistance(typo, suggested!)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300, seed: 19 },
    );
  });

  it('suggests a name the typo is a mistyped start of, and nothing for unrelated names', () => {
    expect(closestName('NodeClockSkw', ['NodeClockSkewDetected', 'NodeClockNotSynchronising', 'NodeDown'])).toBe('NodeClockSkewDetected');
    expect(closestName('Zebra', ['NodeClockSkewDetected', 'NodeDown'])).toBeUndefined();
    expect(closestName('x', [])).toBeUndefined();
  });

  it('does not depend on the order of the candidates', () => {
    fc.assert(
      fc.property(word, fc.array(word, { maxLength: 8 }), (name, candidates) => {
        expect(closestName(name, [...candidates].reverse())).toBe(closestName(name, candidates));
      }),
      { numRuns: 300, seed: 20 },
    );
  });

  it('didYouMean formats the suggestion for an error message', () => {
    expect(didYouMean('DemoErorrs', ['DemoErrors', 'DemoDiskFull'])).toBe(' (did you mean "DemoErrors"?)');
    expect(didYouMean('jbo', ['job'], (c) => `$${c}`)).toBe(' (did you mean $job?)');
    expect(didYouMean('zzzz', ['job'])).toBe('');
  });
});
