// The render orders keys with a cached order per object shape and, for trees it has just built,
// in place. Both must give exactly what sorting every object's keys gives: the oracle below is
// the plain definition (rank of the well-known keys, then alphabetical), written out again here.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalKeys } from '../../lib/index.js';
import { CANONICAL_KEY_ORDER, canonicalKeysInPlace } from '../../lib/model/canonical-keys.js';

const RUNS = { numRuns: 400, seed: 20261207 } as const;

function oracle(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(oracle);
  if (typeof value !== 'object' || value === null) return value;
  const rank = (key: string) => CANONICAL_KEY_ORDER.indexOf(key);
  const compare = (a: string, b: string) => {
    const [ra, rb] = [rank(a), rank(b)];
    if (ra >= 0 && rb >= 0) return ra - rb;
    if (ra >= 0 || rb >= 0) return ra >= 0 ? -1 : 1;
    return a < b ? -1 : a > b ? 1 : 0;
  };
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort(compare)) {
    const item = (value as Record<string, unknown>)[key];
    if (item !== undefined) out[key] = oracle(item);
  }
  return out;
}

// Keys that collide with the ranking, integer-like keys (which objects list first), odd strings
// and an own `__proto__` key (as JSON.parse makes), so every branch of the ordering is met.
const key = fc.oneof(
  fc.constantFrom(...CANONICAL_KEY_ORDER),
  fc.constantFrom('a', 'zeta', 'Alpha', 'pluginVersion', '10', '2', '0', '', 'a\u0000', '\u0000b', '__proto__', 'constructor'),
  fc.string({ maxLength: 6 }),
);

// Objects are made with defineProperty so that `__proto__` stays an own key.
function objectOf(entries: readonly [string, unknown][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small' },
    fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.constant(new Date(0))),
    fc.array(tie('tree'), { maxLength: 4 }),
    fc.array(fc.tuple(key, tie('tree')), { maxLength: 7 }).map(objectOf),
  ),
}));

// The tree as nested lists of [key, value] in enumeration order: compares key order and values
// without tripping over what an own `__proto__` or `constructor` key does to deep equality.
function layout(value: unknown): unknown {
  if (Array.isArray(value)) return ['[', ...Array.from(value, layout)];
  if (typeof value !== 'object' || value === null) return [typeof value, String(value)];
  return ['{', ...Object.keys(value).map((k) => [k, layout((value as Record<string, unknown>)[k])])];
}

describe('canonical key order', () => {
  it('GIVEN any JSON-like tree WHEN canonicalKeys orders it THEN it equals the sort-based definition, byte for byte', () => {
    fc.assert(
      fc.property(tree, (value) => {
        const expected = oracle(value);
        const actual = canonicalKeys(value);
        expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
        expect(layout(actual)).toEqual(layout(expected));
        // and twice in a row (the second time from the shape cache)
        expect(JSON.stringify(canonicalKeys(value))).toBe(JSON.stringify(expected));
      }),
      RUNS,
    );
  });

  it('GIVEN any tree the caller owns WHEN ordered in place THEN the JSON is that of canonicalKeys', () => {
    fc.assert(
      fc.property(tree, (value) => {
        const expected = JSON.stringify(canonicalKeys(value));
        const owned = structuredClone(value);
        const ordered = canonicalKeysInPlace(owned);
        expect(JSON.stringify(ordered)).toBe(expected);
        expect(layout(ordered)).toEqual(layout(canonicalKeys(value)));
      }),
      RUNS,
    );
  });

  it('GIVEN a tree WHEN canonicalKeys copies it THEN the input is unchanged and shares no object with the output', () => {
    fc.assert(
      fc.property(tree, (value) => {
        const before = JSON.stringify(value);
        const out = canonicalKeys(value);
        expect(JSON.stringify(value)).toBe(before);
        const inputs = new Set<unknown>();
        const collect = (v: unknown, into: Set<unknown>) => {
          if (typeof v !== 'object' || v === null) return;
          into.add(v);
          for (const item of Object.values(v)) collect(item, into);
        };
        collect(value, inputs);
        const outputs = new Set<unknown>();
        collect(out, outputs);
        for (const o of outputs) expect(inputs.has(o)).toBe(false);
      }),
      RUNS,
    );
  });

  it('GIVEN more distinct shapes than the order cache keeps WHEN ordered THEN every result is still the definition', () => {
    // 5,000 shapes overflow the cache of 4,096, which then starts over.
    for (let i = 0; i < 5000; i++) {
      const value = objectOf([
        [`k${i}`, 1],
        ['title', 't'],
        [`j${i % 7}`, { b: 1, a: 2 }],
        ['id', i],
      ]);
      expect(JSON.stringify(canonicalKeys(value))).toBe(JSON.stringify(oracle(value)));
    }
  });
});
