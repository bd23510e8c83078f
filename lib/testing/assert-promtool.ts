import { promtoolCheckRules, promtoolTestRules, promtoolVersion, type PromtoolRun } from '../mixin/promtool.js';
import { isCi } from '../util/is-ci.js';
import { GraftsAssertionError } from './grafts-assertion-error.js';
import { renderedOf, type MixinUnderTest } from './mixin-under-test.js';

/** Options of {@link assertPromtoolTestsPass} and {@link assertPromtoolRulesValid}. */
export interface PromtoolAssertionOptions {
  /**
   * Fail when promtool is not installed. Otherwise a missing promtool skips the check with a
   * warning on stderr and a `skipped` result. @default true in CI (`CI` set), false elsewhere
   */
  requirePromtool?: boolean;
}

/** What a promtool assertion did: promtool said SUCCESS, or it was not installed and not required. */
export type PromtoolOutcome = { status: 'passed'; output: string } | { status: 'skipped'; reason: string };

/**
 * Runs the mixin's promtool unit tests (`promtool test rules` on its rendered `tests`, plus
 * `extraTestFiles` naming `prometheus_alerts.yaml` / `prometheus_rules.yaml`). Throws a
 * `GraftsAssertionError` with promtool's output when a test fails or the mixin has none.
 * promtool is `$PROMTOOL`, else `promtool` on the PATH (Debian: `apt-get install prometheus`).
 *
 * @example
 * import { assertPromtoolTestsPass } from 'grafts/testing';
 * // the tests are functions of the config, so they must still pass after an override
 * assertPromtoolTestsPass(myMixin.config({ errorRatioThreshold: 0.01 }));
 */
export function assertPromtoolTestsPass<C extends object>(
  mixin: MixinUnderTest<C>,
  options: PromtoolAssertionOptions & { extraTestFiles?: readonly { name: string; contents: string }[] } = {},
): PromtoolOutcome {
  const rendered = renderedOf(mixin);
  return expectSuccess(`promtool test rules failed for mixin "${rendered.name}"`, options, () => promtoolTestRules(rendered, options.extraTestFiles));
}

/**
 * Runs `promtool check rules` on the mixin's `prometheus_alerts.yaml` and
 * `prometheus_rules.yaml`; throws a `GraftsAssertionError` with promtool's output when it fails.
 *
 * @example
 * import { assertPromtoolRulesValid } from 'grafts/testing';
 * assertPromtoolRulesValid(myMixin);
 */
export function assertPromtoolRulesValid<C extends object>(mixin: MixinUnderTest<C>, options: PromtoolAssertionOptions = {}): PromtoolOutcome {
  const rendered = renderedOf(mixin);
  return expectSuccess(`promtool check rules failed for mixin "${rendered.name}"`, options, () => promtoolCheckRules(rendered));
}

function expectSuccess(subject: string, options: PromtoolAssertionOptions, run: () => PromtoolRun): PromtoolOutcome {
  if (promtoolVersion() === undefined) {
    const reason = 'promtool is not installed (looked for $PROMTOOL, then promtool on the PATH; Debian: apt-get install prometheus)';
    if (options.requirePromtool ?? isCi(process.env)) throw new GraftsAssertionError(subject, [reason]);
    console.warn(`grafts/testing: ${reason}: skipped`);
    return { status: 'skipped', reason };
  }
  const result = run();
  // promtool prints SUCCESS per file; an exit 0 without it is not a run we understand.
  if (!result.ok || !result.output.includes('SUCCESS')) {
    throw new GraftsAssertionError(subject, result.output.trimEnd().split('\n'));
  }
  return { status: 'passed', output: result.output };
}
