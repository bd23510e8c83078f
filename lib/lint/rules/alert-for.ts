import { ruleLocation } from '../model.js';
import type { LintRule, RuleFinding } from '../types.js';

/** `alert-for`: alerts wait a `for` duration before firing. */
export const alertFor: LintRule = {
  id: 'alert-for',
  severity: 'info',
  description: 'alerts set "for" so one bad evaluation does not page (fine to exclude for absent()/watchdog alerts)',
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const file of ctx.ruleFiles) {
      for (const group of file.groups) {
        for (const rule of group.rules) {
          if (rule.alert === undefined) continue;
          const value = rule.json['for'];
          if (typeof value === 'string' && value.trim() !== '' && !/^0+[a-z]*$/.test(value.trim())) continue;
          findings.push({ source: file.source, location: ruleLocation(group, rule), message: 'no "for": the alert fires on the first failing evaluation' });
        }
      }
    }
    return findings;
  },
};
