import { lintRenderedMixin } from '../mixin-tools/lint-rendered-mixin.js';
import type { MixinLintFinding, MixinLintSeverity } from '../mixin-tools/mixin-alert-lint.js';
import { GraftsAssertionError } from './grafts-assertion-error.js';
import { renderedOf, type MixinUnderTest } from './mixin-under-test.js';

/** Options of {@link assertMixinLints}. */
export interface MixinLintAssertionOptions {
  /** The least severe finding that fails the assertion. @default 'warning' */
  failOn?: MixinLintSeverity;
  /** Findings you expect and accept (e.g. a rule that does not fit one panel by design). */
  allow?: (finding: MixinLintFinding) => boolean;
}

const RANK: Record<MixinLintSeverity, number> = { info: 0, warning: 1, error: 2 };

/**
 * Lints a mixin as `dash mixin lint` does, without promtool (see `assertPromtoolRulesValid`):
 * mixtool's alert conventions and the `dash lint` rules on its dashboards and rule expressions.
 * Throws a `GraftsAssertionError` listing every finding at `failOn` or worse that `allow` does
 * not accept; returns every finding (accepted and milder ones included) for further assertions.
 *
 * @example
 * import { assertMixinLints } from 'grafts/testing';
 * assertMixinLints(myMixin);                      // no errors, no warnings
 * assertMixinLints(myMixin, { failOn: 'info' });  // nothing at all
 * assertMixinLints(myMixin, { allow: (f) => f.rule === 'job-instance-matchers' && f.location.panel === 'Fleet' });
 */
export function assertMixinLints<C extends object>(mixin: MixinUnderTest<C>, options: MixinLintAssertionOptions = {}): MixinLintFinding[] {
  const rendered = renderedOf(mixin);
  const threshold = RANK[options.failOn ?? 'warning'];
  const findings = lintRenderedMixin(rendered);
  const failing = findings.filter((f) => RANK[f.severity] >= threshold && !(options.allow?.(f) ?? false));
  if (failing.length > 0) {
    const where = (f: MixinLintFinding) => [f.file, ...Object.entries(f.location).map(([k, v]) => `${k} "${v}"`)].join(' › ');
    throw new GraftsAssertionError(
      `mixin "${rendered.name}" has ${failing.length} lint finding${failing.length === 1 ? '' : 's'}`,
      failing.map((f) => `${where(f)}: ${f.severity} ${f.rule}: ${f.message}`),
    );
  }
  return findings;
}
