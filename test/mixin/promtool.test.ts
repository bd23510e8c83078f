// The promtool runner (lib/mixin/promtool.ts) against Debian's promtool: check and test on a
// good mixin, a failing test, a mixin without tests, a broken expression, and promtool absent.
import { describe, expect, it } from 'vitest';
import { alertRule, defineMixin, ruleGroup } from '../../lib/index.js';
import { promtoolCheckRules, promtoolTestRules, promtoolVersion } from '../../lib/testing/index.js';
import tiny from '../fixtures/mixin-package/index.js';

const installed = promtoolVersion() !== undefined;

/** Runs `fn` with $PROMTOOL set to `value`. */
function withPromtool<T>(value: string, fn: () => T): T {
  const before = process.env['PROMTOOL'];
  process.env['PROMTOOL'] = value;
  try {
    return fn();
  } finally {
    if (before === undefined) delete process.env['PROMTOOL'];
    else process.env['PROMTOOL'] = before;
  }
}

describe('promtool runner', () => {
  it('reports promtool absent as undefined version and a failed run saying it could not run', () => {
    // GIVEN $PROMTOOL pointing at nothing
    withPromtool('/nonexistent/promtool', () => {
      // WHEN asked for the version and to check rules, THEN
      expect(promtoolVersion()).toBeUndefined();
      const run = promtoolCheckRules(tiny.render());
      expect(run).toMatchObject({ ok: false, exitCode: null });
      expect(run.output).toContain('could not run /nonexistent/promtool');
    });
  });

  it('checks and tests a good mixin (happy path)', () => {
    if (!installed) return expect(process.env['CI'], 'CI must have promtool').toBeFalsy();
    // WHEN the tiny fixture is checked and tested
    const check = promtoolCheckRules(tiny.render());
    const test = promtoolTestRules(tiny.render());

    // THEN both pass
    expect(promtoolVersion()).toMatch(/^promtool, version \d+\.\d+/);
    expect(check.ok, check.output).toBe(true);
    expect(check.output).toContain('SUCCESS');
    expect(test.ok, test.output).toBe(true);
    expect(test.output).toContain('SUCCESS');
  });

  it('fails a test whose expectation is wrong, with promtool’s explanation', () => {
    if (!installed) return expect(process.env['CI'], 'CI must have promtool').toBeFalsy();
    // GIVEN the fixture with a severity its TS test does not expect
    const wrong = tiny.patchAlert('TinyTargetDown', (a) => a.severity('critical'));

    // WHEN tested
    const run = promtoolTestRules(wrong.render());

    // THEN it fails, and the output names the alert
    expect(run.ok).toBe(false);
    expect(run.exitCode).toBe(1);
    expect(run.output).toContain('TinyTargetDown');
  });

  it('fails a mixin without tests, and a rule file with a broken expression', () => {
    if (!installed) return expect(process.env['CI'], 'CI must have promtool').toBeFalsy();
    // GIVEN a mixin without tests whose alert does not parse
    const broken = defineMixin<{ x: number }>({
      name: 'broken',
      defaults: { x: 1 },
      alerts: () => [ruleGroup('broken').rule(alertRule('Broken').expr('sum(rate(x[5m])').severity('warning'))],
    });

    // WHEN tested and checked
    const test = promtoolTestRules(broken.render());
    const check = promtoolCheckRules(broken.render());

    // THEN both fail with a reason
    expect(test).toEqual({ ok: false, exitCode: null, output: 'mixin "broken" has no promtool tests' });
    expect(check.ok).toBe(false);
    expect(check.output).toMatch(/prometheus_alerts\.yaml/);
  });
});
