/**
 * `fleetTargets`: names given to `--target` expand to targets in order, each once; fleets stand
 * for their members; an unknown name is an error naming it.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { TargetConfig } from '../../lib/project/define-config.js';
import { fleetTargets } from '../../lib/sync/run-fleet.js';

const files = (dir: string): TargetConfig => ({ type: 'files', dir });

describe('fleetTargets', () => {
  test('GIVEN targets and fleets WHEN any names are expanded THEN the result is the members in first-seen order, without repeats', () => {
    const world = fc
      .uniqueArray(fc.stringMatching(/^[a-z]{1,4}$/), { minLength: 1, maxLength: 6 })
      .chain((targets) =>
        fc.record({
          targets: fc.constant(targets),
          fleets: fc.dictionary(fc.stringMatching(/^F[a-z]{1,3}$/), fc.uniqueArray(fc.constantFrom(...targets), { minLength: 1 })),
        }),
      )
      .chain((w) =>
        fc.record({ world: fc.constant(w), names: fc.array(fc.constantFrom(...w.targets, ...Object.keys(w.fleets)), { minLength: 1, maxLength: 8 }) }),
      );
    fc.assert(
      fc.property(world, ({ world: { targets, fleets }, names }) => {
        const config = { targets: Object.fromEntries(targets.map((t) => [t, files(t)])), fleets };
        const expected: string[] = [];
        for (const name of names) for (const t of targets.includes(name) ? [name] : fleets[name]!) if (!expected.includes(t)) expected.push(t);
        expect(fleetTargets(config, names)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  test('GIVEN an unknown name WHEN expanded THEN the error names it and lists targets and fleets', () => {
    expect(() => fleetTargets({ targets: { eu: files('eu') }, fleets: { prod: ['eu'] } }, ['eu', 'mars'])).toThrow(
      '--target mars: no such target or fleet in the config (known: eu, prod (fleet))',
    );
    expect(() => fleetTargets({}, ['x'])).toThrow('the config defines no targets');
  });
});
