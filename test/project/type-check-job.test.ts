import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LoadError, TypeCheckError, type SourceProblem } from '../../lib/project/errors.js';
import { pendingTypeCheck } from '../../lib/project/type-check-job.js';
import type { TypeCheckReport } from '../../lib/project/type-check.js';

/** How the type check ends, and after how many turns of the event loop. */
type CheckOutcome = { kind: 'clean' } | { kind: 'type-errors'; problems: SourceProblem[] } | { kind: 'crash' };
/** How the work (evaluate, render, validate) ends. */
type WorkOutcome = { kind: 'value'; value: number } | { kind: 'load-error' } | { kind: 'bug' };

const problem: fc.Arbitrary<SourceProblem> = fc.record({
  file: fc.constantFrom('dashboards/a.dash.ts', 'dash.config.ts', 'lib/x.ts'),
  line: fc.integer({ min: 1, max: 500 }),
  column: fc.integer({ min: 1, max: 120 }),
  code: fc.constantFrom('TS2322', 'TS2345'),
  message: fc.string({ minLength: 1, maxLength: 20 }),
});
const checkOutcome: fc.Arbitrary<CheckOutcome> = fc.oneof(
  fc.constant({ kind: 'clean' as const }),
  fc.record({ kind: fc.constant('type-errors' as const), problems: fc.array(problem, { minLength: 1, maxLength: 4 }) }),
  fc.constant({ kind: 'crash' as const }),
);
const workOutcome: fc.Arbitrary<WorkOutcome> = fc.oneof(
  fc.record({ kind: fc.constant('value' as const), value: fc.integer() }),
  fc.constant({ kind: 'load-error' as const }),
  fc.constant({ kind: 'bug' as const }),
);

/** Settles after `turns` macrotasks: the order in which check and work finish varies. */
async function after<T>(turns: number, settle: () => T): Promise<T> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
  return settle();
}

function checkResult(outcome: CheckOutcome, turns: number): Promise<TypeCheckReport> {
  return after(turns, () => {
    if (outcome.kind === 'crash') throw new Error('checker crashed');
    return { problems: outcome.kind === 'type-errors' ? outcome.problems : [], cache: 'checked' as const };
  });
}

function work(outcome: WorkOutcome, turns: number, steps: string[]): () => Promise<number> {
  return () =>
    after(turns, () => {
      steps.push('work');
      if (outcome.kind === 'load-error') throw new LoadError([{ file: 'dashboards/a.dash.ts', message: 'threw TypeError: x is undefined' }]);
      if (outcome.kind === 'bug') throw new RangeError('bug');
      return outcome.value;
    });
}

describe('pendingTypeCheck', () => {
  it('gate: the work and the check run together; type errors win, then the work error, then a crashed checker; a value only when both succeeded', async () => {
    await fc.assert(
      fc.asyncProperty(checkOutcome, workOutcome, fc.nat(3), fc.nat(3), async (check, outcome, checkTurns, workTurns) => {
        // GIVEN a check and some work that end in any order
        const steps: string[] = [];
        const pending = pendingTypeCheck(checkResult(check, checkTurns), async () => undefined);

        // WHEN the work runs gated by the check
        const settled = await pending.gate(work(outcome, workTurns, steps)).then(
          (value) => ({ value }),
          (error: unknown) => ({ error }),
        );

        // THEN the work ran whatever the check found (it is not serialised after it)
        expect(steps).toEqual(['work']);
        if (check.kind === 'type-errors') {
          // type errors are reported, every one of them, whatever the work did
          expect('error' in settled && settled.error).toBeInstanceOf(TypeCheckError);
          expect((settled as { error: TypeCheckError }).error.problems).toEqual(check.problems);
        } else if (outcome.kind === 'load-error') {
          expect('error' in settled && settled.error).toBeInstanceOf(LoadError);
        } else if (outcome.kind === 'bug') {
          expect('error' in settled && settled.error).toBeInstanceOf(RangeError);
        } else if (check.kind === 'crash') {
          // a checker that could not run never lets the work through as checked
          expect('error' in settled && (settled.error as Error).message).toBe('checker crashed');
        } else {
          expect(settled).toEqual({ value: outcome.value });
        }
      }),
      { numRuns: 200 },
    );
  });

  it('typeErrorsFirst: a successful work does not wait for the check; a failed one waits and gives way to type errors', async () => {
    await fc.assert(
      fc.asyncProperty(checkOutcome, workOutcome, fc.nat(3), async (check, outcome, workTurns) => {
        // GIVEN a check that has not finished when the work ends
        let finish!: () => void;
        const gate = new Promise<void>((resolve) => (finish = resolve));
        const result = gate.then(() => checkResult(check, 0));
        result.catch(() => undefined);
        const pending = pendingTypeCheck(result, async () => undefined);

        // WHEN the work runs
        const steps: string[] = [];
        const running = pending.typeErrorsFirst(work(outcome, workTurns, steps)).then(
          (value) => ({ value }),
          (error: unknown) => ({ error }),
        );
        if (outcome.kind === 'value') {
          // THEN a value comes back while the check still runs
          expect(await running).toEqual({ value: outcome.value });
          finish();
          return;
        }
        // THEN a failure waits for the check, and type errors replace it
        await after(workTurns + 2, () => undefined);
        finish();
        const settled = await running;
        const expected = check.kind === 'type-errors' ? TypeCheckError : outcome.kind === 'load-error' ? LoadError : RangeError;
        expect('error' in settled && settled.error).toBeInstanceOf(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('passed: resolves with the report of a clean check and throws every type error otherwise', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(problem, { maxLength: 5 }), async (problems) => {
        const pending = pendingTypeCheck(Promise.resolve({ problems, cache: 'up-to-date' }), async () => undefined);
        if (problems.length === 0) await expect(pending.passed()).resolves.toEqual({ problems: [], cache: 'up-to-date' });
        else await expect(pending.passed()).rejects.toMatchObject({ problems });
      }),
    );
  });
});
