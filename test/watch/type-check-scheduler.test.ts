// The watch session's type-check scheduling (lib/watch/type-check-scheduler.ts): files queued
// within the quiet time are checked once, together; idle() waits for every scheduled check;
// close() drops what is queued. The checker is a recording stand-in (the real one is a worker
// thread, covered by type-check-service.test.ts and the watch tests).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SourceProblem } from '../../lib/project/errors.js';
import { TypeCheckScheduler, type TypeChecker } from '../../lib/watch/type-check-scheduler.js';

function recorder(problemsFor: (files: readonly string[]) => SourceProblem[] = () => []) {
  const checks: { roots: readonly string[]; files: readonly string[] }[] = [];
  const reports: { files: readonly string[]; problems: readonly SourceProblem[] }[] = [];
  const errors: string[] = [];
  let closed = false;
  const checker: TypeChecker = {
    check: async (roots, files) => {
      checks.push({ roots, files });
      return problemsFor(files);
    },
    close: async () => {
      closed = true;
    },
  };
  return { checks, reports, errors, checker, isClosed: () => closed };
}

describe('TypeCheckScheduler', () => {
  it('PROPERTY: files scheduled in one burst are checked once, together (each once), against the entries at check time', async () => {
    const file = fc.stringMatching(/^[a-c]{1,2}\.dash\.ts$/);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(file, { maxLength: 4 }), { minLength: 1, maxLength: 5 }), async (batches) => {
        const r = recorder((files) => files.map((f) => ({ file: f, message: 'TS2322' })));
        let entries = ['x.dash.ts'];
        const types = new TypeCheckScheduler({
          dir: '.',
          idleMs: 5,
          entries: () => entries,
          checker: r.checker,
          onReport: (files, problems) => r.reports.push({ files, problems }),
          onError: (m) => r.errors.push(m),
        });
        for (const batch of batches) types.schedule(batch);
        entries = ['x.dash.ts', 'y.dash.ts'];
        await types.idle();
        const union = [...new Set(batches.flat())];
        if (union.length === 0) {
          expect(r.checks).toEqual([]);
        } else {
          expect(r.checks).toEqual([{ roots: ['x.dash.ts', 'y.dash.ts'], files: union }]);
          expect(r.reports).toEqual([{ files: union, problems: union.map((f) => ({ file: f, message: 'TS2322' })) }]);
        }
        expect(r.errors).toEqual([]);
        await types.close();
        expect(r.isClosed()).toBe(true);
      }),
      { numRuns: 25 },
    );
  });

  it('GIVEN a check scheduled WHEN closed before it runs THEN it never runs, and idle() still resolves', async () => {
    const r = recorder();
    const types = new TypeCheckScheduler({
      dir: '.',
      idleMs: 10_000,
      entries: () => [],
      checker: r.checker,
      onReport: () => undefined,
      onError: () => undefined,
    });
    types.schedule(['a.dash.ts']);
    await types.close();
    await types.idle();
    types.schedule(['b.dash.ts']);
    await types.idle();
    expect(r.checks).toEqual([]);
  });

  it('GIVEN a checker that fails THEN the failure is reported as an error, not as type problems', async () => {
    const reports: unknown[] = [];
    const errors: string[] = [];
    const types = new TypeCheckScheduler({
      dir: '.',
      idleMs: 1,
      entries: () => [],
      checker: { check: () => Promise.reject(new Error('worker died')), close: async () => undefined },
      onReport: (files) => reports.push(files),
      onError: (m) => errors.push(m),
    });
    types.schedule(['a.dash.ts']);
    await types.idle();
    expect(reports).toEqual([]);
    expect(errors).toEqual(['type check: worker died']);
    await types.close();
  });
});
