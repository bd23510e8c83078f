// Recording rules: per SLO, the 5m request and error rates (the dashboard's) and the error
// ratio of each SLI over every window the burn-rate alerts read. Two groups per SLO (one per
// SLI), each well under mixtool's 20 rules.
import { recordingRule, ruleGroup, type RuleGroupBuilder } from 'grafts';
import type { ServiceRedConfig } from './config.js';
import { records, resolveSlos, sliExprs } from './slo.js';

/** Rule group names of an SLO. */
export const ruleGroupName = (slo: string, sli: 'availability' | 'latency') => `service-red-${slo}-${sli}.rules`;

export function recordingRules(c: Readonly<ServiceRedConfig>): RuleGroupBuilder[] {
  return resolveSlos(c).flatMap((slo) => {
    const q = sliExprs(c, slo);
    const labels = { [c.sloLabel]: slo.name };
    const rec = (name: string, expr: string) => recordingRule(name).expr(expr).labels(labels);
    return [
      ruleGroup(ruleGroupName(slo.name, 'availability')).rule(
        rec(records.requests(c), q.requests),
        rec(records.errors(c), q.errors),
        ...c.sliWindows.map((w) => rec(records.ratio(c, 'availability', w), q.errorRatio(w))),
      ),
      ruleGroup(ruleGroupName(slo.name, 'latency')).rule(
        rec(records.latencyRequests(c), q.latencyRequests),
        rec(records.slowRequests(c), q.slowRequests),
        ...c.sliWindows.map((w) => rec(records.ratio(c, 'latency', w), q.slowRatio(w))),
      ),
    ];
  });
}
