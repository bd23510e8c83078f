// Builders copy their JSON props with cloneJson instead of structuredClone: for any value it must
// give what structuredClone gives (or throw what it throws) and share nothing with the input.
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cloneJson } from '../../lib/model/clone-json.js';

const RUNS = { numRuns: 400, seed: 20261207 } as const;

function objectOf(entries: readonly [string, unknown][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

function sparse(items: unknown[]): unknown[] {
  const out = [...items];
  if (out.length > 1) delete out[0];
  return out;
}

const key = fc.oneof(fc.constantFrom('a', 'b', '1', '0', '__proto__', 'constructor'), fc.string({ maxLength: 5 }));
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small' },
    fc.oneof(
      fc.string({ maxLength: 4 }),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.bigInt(),
      fc.date({ noInvalidDate: true }),
      fc.constant(new Map([['k', 1]])),
    ),
    fc.array(tie('tree'), { maxLength: 4 }),
    fc.array(tie('tree'), { maxLength: 4 }).map(sparse),
    fc.array(fc.tuple(key, tie('tree')), { maxLength: 6 }).map(objectOf),
    fc.array(fc.tuple(key, tie('tree')), { maxLength: 3 }).map((entries) => Object.assign(Object.create(null) as object, objectOf(entries))),
  ),
}));

function objectsOf(value: unknown, into = new Set<unknown>()): Set<unknown> {
  if (typeof value === 'object' && value !== null && !into.has(value)) {
    into.add(value);
    if (Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null) {
      for (const item of Object.values(value as object)) objectsOf(item, into);
    }
  }
  return into;
}

describe('cloneJson', () => {
  it('GIVEN any JSON-like value WHEN cloned THEN the copy is what structuredClone makes (holes, undefined, prototypes, own __proto__ keys)', () => {
    fc.assert(
      fc.property(tree, (value) => {
        // Node's strict deep equality: same prototypes, own keys (holes count), values and types.
        expect(isDeepStrictEqual(cloneJson(value), structuredClone(value))).toBe(true);
      }),
      RUNS,
    );
  });

  it('GIVEN any value WHEN cloned THEN no object of the copy is an object of the input', () => {
    fc.assert(
      fc.property(tree, (value) => {
        const inputs = objectsOf(value);
        for (const o of objectsOf(cloneJson(value))) expect(inputs.has(o)).toBe(false);
      }),
      RUNS,
    );
  });

  it('GIVEN a value structuredClone refuses (a function, a symbol) WHEN cloned THEN the same error', () => {
    for (const bad of [{ a: { b: () => 1 } }, [Symbol('s')], () => 2]) {
      expect(() => structuredClone(bad)).toThrow();
      const error = (() => {
        try {
          structuredClone(bad);
        } catch (e) {
          return e as Error;
        }
      })();
      expect(() => cloneJson(bad)).toThrow(error!.message);
    }
  });

  it('GIVEN a nesting deeper than 64 levels or a cycle WHEN cloned THEN it is copied as structuredClone copies it', () => {
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 200; i++) deep = { next: deep };
    expect(isDeepStrictEqual(cloneJson(deep), structuredClone(deep))).toBe(true);
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const copy = cloneJson(cyclic) as Record<string, unknown>;
    expect(copy).not.toBe(cyclic);
    expect(copy.a).toBe(1);
  });
});
