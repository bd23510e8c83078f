// Multi-window multi-burn-rate alerts: per SLO and SLI, one page alert (fast burn: any page
// pair of windows burning) and one ticket alert (slow burn: any ticket pair).
import { alertRule, ruleGroup, type AlertRuleBuilder, type RuleGroupBuilder } from 'grafts';
import type { AlertClass, ServiceRedConfig } from './config.js';
import { errorBudget, percent, records, resolveSlos, type ResolvedSlo, type SliKind } from './slo.js';

/** The alerts' names by SLI and class. */
export const ALERT_NAMES: Readonly<Record<SliKind, Readonly<Record<AlertClass, string>>>> = Object.freeze({
  availability: Object.freeze({ page: 'ServiceErrorBudgetFastBurn', ticket: 'ServiceErrorBudgetSlowBurn' }),
  latency: Object.freeze({ page: 'ServiceLatencyBudgetFastBurn', ticket: 'ServiceLatencyBudgetSlowBurn' }),
});

/** The runbook URL of an alert (every `%s` replaced by its name), or undefined when `runbookUrlPattern` is empty. */
export function runbookUrl(c: Readonly<ServiceRedConfig>, name: string): string | undefined {
  return c.runbookUrlPattern === '' ? undefined : c.runbookUrlPattern.split('%s').join(name);
}

/** The alerts' group name of an SLO. */
export const alertGroupName = (slo: string) => `service-red-${slo}.alerts`;

/** The summary of an alert (static, one sentence). */
export function alertSummary(sli: SliKind, alertClass: AlertClass): string {
  const what = sli === 'availability' ? 'error budget of its availability SLO' : 'error budget of its latency SLO';
  return alertClass === 'page' ? `A service is burning the ${what} fast.` : `A service is burning the ${what} faster than it can sustain.`;
}

/** `{{ $labels.job }}`, or `{{ $labels.namespace }}/{{ $labels.service }}` for several service labels. */
export function serviceTemplate(c: Readonly<ServiceRedConfig>): string {
  return c.serviceLabels.map((l) => `{{ $labels.${l} }}`).join('/');
}

/** The description of an alert; `service` and `burn` are templates, or their values in tests. */
export function alertDescription(c: Readonly<ServiceRedConfig>, slo: ResolvedSlo, sli: SliKind, alertClass: AlertClass, service: string, burn: string): string {
  const pairs = c.burnRateWindows
    .filter((w) => w.class === alertClass)
    .map((w) => `${w.long}/${w.short} above ${w.factor}x`)
    .join(' or ');
  const bad = sli === 'availability' ? `Requests answered with ${c.statusLabel} ${c.errorStatus}` : `Requests slower than ${slo.objectives.latency.threshold}s`;
  const objective =
    sli === 'availability'
      ? `${percent(slo.objectives.availability)} availability`
      : `${percent(slo.objectives.latency.target)} within ${slo.objectives.latency.threshold}s`;
  return `${bad} of ${service} (SLO ${slo.name}) spend the ${c.sloPeriod} error budget of ${objective} at ${burn}x the sustainable rate (windows ${pairs}).`;
}

/**
 * The alert condition: for each pair of the class, the long AND the short window burn faster
 * than its factor; the pairs are OR'd. `$value` is the long window's burn rate.
 */
export function burnRateExpr(c: Readonly<ServiceRedConfig>, slo: ResolvedSlo, sli: SliKind, alertClass: AlertClass): string | undefined {
  const pairs = c.burnRateWindows.filter((w) => w.class === alertClass);
  if (pairs.length === 0) return undefined;
  const budget = errorBudget(slo, sli);
  const burn = (window: string, factor: number) => `${records.ratio(c, sli, window)}{${slo.sloMatcher}} / ${budget} > ${factor}`;
  return pairs.map((w) => `(\n  ${burn(w.long, w.factor)}\nand\n  ${burn(w.short, w.factor)}\n)`).join('\nor\n');
}

function burnAlert(c: Readonly<ServiceRedConfig>, slo: ResolvedSlo, sli: SliKind, alertClass: AlertClass): AlertRuleBuilder | undefined {
  const expr = burnRateExpr(c, slo, sli, alertClass);
  if (expr === undefined) return undefined;
  const name = ALERT_NAMES[sli][alertClass];
  const rule = alertRule(name)
    .expr(expr)
    .for(c.alertFor[alertClass])
    .severity(c.severities[alertClass])
    .summary(alertSummary(sli, alertClass))
    .description(alertDescription(c, slo, sli, alertClass, serviceTemplate(c), '{{ $value | humanize }}'));
  const url = runbookUrl(c, name);
  return url === undefined ? rule : rule.runbookUrl(url);
}

export function alertGroups(c: Readonly<ServiceRedConfig>): RuleGroupBuilder[] {
  return resolveSlos(c).map((slo) => {
    const rules = (['availability', 'latency'] as const).flatMap((sli) => (['page', 'ticket'] as const).flatMap((cls) => burnAlert(c, slo, sli, cls) ?? []));
    return ruleGroup(alertGroupName(slo.name)).rule(...rules);
  });
}
