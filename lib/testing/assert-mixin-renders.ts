import type { Mixin, RenderedMixin } from '../mixin/define-mixin.js';
import { mixinFiles, MIXIN_FILES } from '../mixin/mixin-files.js';
import { formatProblem, isValidationError } from '../model/validation-error.js';
import { validateDashboardSchema } from './dashboard-schema.js';
import { GraftsAssertionError } from './grafts-assertion-error.js';

/**
 * Renders a mixin with its config and overrides and checks what it renders: it renders at all
 * (a bad config, an override naming no alert, an invalid dashboard, two dashboards with one uid
 * fail here with every problem), it renders something, every dashboard is valid classic
 * dashboard JSON by grafts' schema (see `validateDashboardSchema`; needs `ajv` installed), and
 * its mixtool files (`dashboards_out/`, `prometheus_alerts.yaml`, `prometheus_rules.yaml`,
 * `tests.yaml`) can be written. Returns the rendered mixin for further assertions; throws a
 * `GraftsAssertionError` listing every problem otherwise.
 *
 * @example
 * import { assertMixinRenders } from 'grafts/testing';
 * const rendered = assertMixinRenders(myMixin.config({ selector: 'job="api"' }));
 * expect(rendered.dashboards.map((d) => d.uid)).toEqual(['api-overview']);
 */
export function assertMixinRenders<C extends object>(mixin: Mixin<C>): RenderedMixin<C> {
  let rendered: RenderedMixin<C>;
  try {
    rendered = mixin.render();
  } catch (error) {
    const problems = isValidationError(error) ? error.problems.map(formatProblem) : [error instanceof Error ? error.message : String(error)];
    throw new GraftsAssertionError(`mixin "${mixin.name}" does not render`, problems);
  }
  const problems: string[] = [];
  const ruleCount = [...rendered.alerts.groups, ...rendered.rules.groups].reduce((n, g) => n + g.rules.length, 0);
  if (rendered.dashboards.length === 0 && ruleCount === 0) problems.push('it renders no dashboard, alert or recording rule');
  for (const d of rendered.dashboards) {
    for (const error of validateDashboardSchema(d.json).errors) problems.push(`${MIXIN_FILES.dashboards}/${d.file}: ${error}`);
  }
  try {
    mixinFiles(rendered);
  } catch (error) {
    problems.push(`its files cannot be written: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (problems.length > 0) throw new GraftsAssertionError(`mixin "${rendered.name}" renders, but not correctly`, problems);
  return rendered;
}
