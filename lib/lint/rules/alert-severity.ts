import { ruleLocation } from '../model.js';
import type { LintRule, RuleFinding } from '../types.js';

/** `alert-severity`: every alert has a `severity` label. */
export const alertSeverity: LintRule = {
  id: 'alert-severity',
  severity: 'warning',
  description: 'every alert has a severity label (critical, warning or info) for routing',
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const file of ctx.ruleFiles) {
      for (const group of file.groups) {
        for (const rule of group.rules) {
          if (rule.alert === undefined) continue;
          const severity = rule.labels['severity'];
          if (typeof severity === 'string' && severity.trim() !== '') continue;
          findings.push({ source: file.source, location: ruleLocation(group, rule), message: 'no severity label: add labels.severity (critical, warning or info)' });
        }
      }
    }
    return findings;
  },
};
