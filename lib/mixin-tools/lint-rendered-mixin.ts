import { lintCollected } from '../lint/run-lint.js';
import type { RenderedMixin } from '../mixin/define-mixin.js';
import { MIXIN_FILES } from '../mixin/mixin-files.js';
import { compareCodeUnits } from '../project/find-files.js';
import { lintMixinAlerts, type MixinLintFinding } from './mixin-alert-lint.js';

/** The `dash lint` rules replaced by the stricter mixtool alert rules of {@link lintMixinAlerts}. */
const SUPERSEDED = new Set(['alert-name', 'alert-severity', 'alert-annotations']);

/**
 * The offline part of `dash mixin lint` on one rendered mixin: the alert conventions of
 * `mixtool lint` ({@link lintMixinAlerts}) and the `dash lint` rules (their default severities)
 * on its dashboards and rule expressions, sorted by file. No promtool: that is
 * `promtoolCheckRules`.
 *
 * @example
 * lintRenderedMixin(nodeExporterMixin.render()) // → []
 * lintRenderedMixin(mixin.patchAlert('HostDown', (a) => a.summary('down')).render()).map((f) => f.rule)
 * // → ['alert-summary-style']
 */
export function lintRenderedMixin(rendered: RenderedMixin): MixinLintFinding[] {
  const own = lintMixinAlerts(rendered);
  const house = lintCollected({
    dashboards: rendered.dashboards.map((d) => ({
      source: `${MIXIN_FILES.dashboards}/${d.file}`,
      json: d.json as unknown as Record<string, unknown>,
      fromJson: false,
    })),
    ruleFiles: [
      { source: MIXIN_FILES.alerts, doc: rendered.alerts },
      { source: MIXIN_FILES.rules, doc: rendered.rules },
    ],
  }).findings.filter((f) => !SUPERSEDED.has(f.rule));
  const converted = house.map((f): MixinLintFinding => {
    const location: MixinLintFinding['location'] = {};
    if (f.location.dashboard !== undefined) location.dashboard = f.location.dashboard;
    if (f.location.panel !== undefined) location.panel = f.location.panel;
    if (f.location.group !== undefined) location.group = f.location.group;
    if (f.location.alert !== undefined) location[f.source === MIXIN_FILES.rules ? 'record' : 'alert'] = f.location.alert;
    return { mixin: rendered.name, rule: f.rule, severity: f.severity, message: f.message, file: f.source, location };
  });
  const findings = [...own, ...converted];
  findings.sort((a, b) => compareCodeUnits(a.file, b.file));
  return findings;
}
