// forEachLimit / mapLimit: the one bounded-concurrency helper. Properties over generated item
// counts, limits and per-item durations (in event-loop turns, so no timers): never more than
// `limit` calls in flight, exactly `min(limit, n)` at the peak, every item once, results in item
// order, and after a failure no new call starts and the first error is the one thrown.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forEachLimit, mapLimit } from '../../lib/util/limit-concurrency.js';

/** Lets `turns` event-loop turns pass (a call that takes that long). */
async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

const durations = fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 40 });
const limits = fc.integer({ min: 1, max: 12 });

describe('forEachLimit', () => {
  it('never runs more than limit calls at once, reaches min(limit, n), and calls every item exactly once', async () => {
    await fc.assert(
      fc.asyncProperty(durations, limits, async (items, limit) => {
        let inFlight = 0;
        let peak = 0;
        const calls: number[] = [];
        await forEachLimit(items, limit, async (duration, index) => {
          inFlight++;
          peak = Math.max(peak, inFlight);
          calls.push(index);
          await turns(duration);
          inFlight--;
        });
        expect(peak).toBe(Math.min(limit, items.length));
        expect([...calls].sort((a, b) => a - b)).toEqual(items.map((_, i) => i));
        // Calls start in item order.
        expect(calls).toEqual(items.map((_, i) => i));
      }),
      { numRuns: 60 },
    );
  });

  it('after a failure starts no new call, waits for the calls in flight, and throws the first error', async () => {
    await fc.assert(
      fc.asyncProperty(
        durations.filter((d) => d.length > 0),
        limits,
        fc.nat(),
        async (items, limit, seed) => {
          const failAt = seed % items.length;
          const started: number[] = [];
          let settled = 0;
          const run = forEachLimit(items, limit, async (duration, index) => {
            started.push(index);
            await turns(duration);
            settled++;
            if (index >= failAt) throw new Error(`failure ${index}`);
          });
          await expect(run).rejects.toThrow(/^failure \d+$/);
          // Every call that started has settled by the time the error is thrown, and none starts later.
          expect(settled).toBe(started.length);
          const startedWhenThrown = started.length;
          await turns(8);
          expect(started.length).toBe(startedWhenThrown);
          // Calls stop starting once one failed: at most those in flight (< limit) finish and start one more each.
          expect(started.length).toBeLessThanOrEqual(Math.min(items.length, failAt + 2 * limit));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('treats a limit below 1 (or not a number) as 1', async () => {
    for (const limit of [0, -3, Number.NaN]) {
      let inFlight = 0;
      let peak = 0;
      await forEachLimit([1, 2, 3], limit, async () => {
        peak = Math.max(peak, ++inFlight);
        await turns(1);
        inFlight--;
      });
      expect(peak).toBe(1);
    }
  });
});

describe('mapLimit', () => {
  it('returns what fn returned in item order whatever the order of completion', async () => {
    await fc.assert(
      fc.asyncProperty(durations, limits, async (items, limit) => {
        const results = await mapLimit(items, limit, async (duration, index) => {
          await turns(5 - duration);
          return `${index}:${duration}`;
        });
        expect(results).toEqual(items.map((d, i) => `${i}:${d}`));
      }),
      { numRuns: 60 },
    );
  });
});
