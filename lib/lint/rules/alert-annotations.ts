import { checkAlerts } from '../model.js';
import type { LintRule } from '../types.js';

/** `alert-annotations`: every alert has summary and description annotations. */
export const alertAnnotations: LintRule = {
  id: 'alert-annotations',
  severity: 'warning',
  description: 'every alert has "summary" and "description" annotations telling the on-call what fired and why',
  check(ctx) {
    return checkAlerts(ctx, (rule) => {
      const missing = ['summary', 'description'].filter((k) => {
        const v = rule.annotations[k];
        return typeof v !== 'string' || v.trim() === '';
      });
      if (missing.length === 0) return undefined;
      const legacy = typeof rule.annotations['message'] === 'string' ? ' (it has "message", the older convention; split it into summary and description)' : '';
      return `no ${missing.join(' and no ')} annotation${legacy}`;
    });
  },
};
