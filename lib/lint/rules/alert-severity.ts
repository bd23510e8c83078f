import { checkAlerts } from '../model.js';
import type { LintRule } from '../types.js';

/** `alert-severity`: every alert has a `severity` label. */
export const alertSeverity: LintRule = {
  id: 'alert-severity',
  severity: 'warning',
  description: 'every alert has a severity label (critical, warning or info) for routing',
  check(ctx) {
    return checkAlerts(ctx, (rule) => {
      const severity = rule.labels['severity'];
      if (typeof severity === 'string' && severity.trim() !== '') return undefined;
      return 'no severity label: add labels.severity (critical, warning or info)';
    });
  },
};
