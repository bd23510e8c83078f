// RetryAfterFailure is the one "load once, forget on failure" cache of the file and Kubernetes
// targets: concurrent callers share one load, a success is kept, a failure is not.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RetryAfterFailure } from '../../lib/util/retry-after-failure.js';

describe('RetryAfterFailure', () => {
  it('GIVEN any sequence of failing and succeeding loads WHEN called in turn THEN each failure is retried and the first success is kept', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.boolean(), { maxLength: 8 }), fc.nat({ max: 4 }), async (outcomes, concurrent) => {
        let loads = 0;
        const cache = new RetryAfterFailure(async () => {
          const ok = outcomes[loads] ?? true;
          loads += 1;
          if (!ok) throw new Error(`load ${loads} failed`);
          return loads;
        });
        const failures = outcomes.indexOf(true) === -1 ? outcomes.length : outcomes.indexOf(true);
        for (let i = 0; i < failures; i += 1) await expect(cache.get()).rejects.toThrow(`load ${i + 1} failed`);
        const results = await Promise.all(Array.from({ length: concurrent + 1 }, () => cache.get()));
        expect(results).toEqual(Array.from({ length: concurrent + 1 }, () => failures + 1));
        expect(loads).toBe(failures + 1);
      }),
    );
  });

  it('GIVEN a kept result WHEN reset THEN the next call loads again', async () => {
    let loads = 0;
    const cache = new RetryAfterFailure(async () => (loads += 1));
    expect([await cache.get(), await cache.get()]).toEqual([1, 1]);
    cache.reset();
    expect(await cache.get()).toBe(2);
  });
});
