import { ruleLocation } from '../model.js';
import type { LintRule, RuleFinding } from '../types.js';

/** `alert-annotations`: every alert has summary and description annotations. */
export const alertAnnotations: LintRule = {
  id: 'alert-annotations',
  severity: 'warning',
  description: 'every alert has "summary" and "description" annotations telling the on-call what fired and why',
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const file of ctx.ruleFiles) {
      for (const group of file.groups) {
        for (const rule of group.rules) {
          if (rule.alert === undefined) continue;
          const missing = ['summary', 'description'].filter((k) => {
            const v = rule.annotations[k];
            return typeof v !== 'string' || v.trim() === '';
          });
          if (missing.length === 0) continue;
          const legacy = typeof rule.annotations['message'] === 'string' ? ' (it has "message", the older convention; split it into summary and description)' : '';
          findings.push({ source: file.source, location: ruleLocation(group, rule), message: `no ${missing.join(' and no ')} annotation${legacy}` });
        }
      }
    }
    return findings;
  },
};
