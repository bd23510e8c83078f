import { ruleLocation } from '../model.js';
import type { LintRule, RuleFinding } from '../types.js';

const CAMEL_CASE = /^[A-Z][A-Za-z0-9]*$/;

/** `alert-name`: alert names are CamelCase. */
export const alertName: LintRule = {
  id: 'alert-name',
  severity: 'warning',
  description: 'alert names are CamelCase (KubePodCrashLooping), the Prometheus and mixin convention',
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const file of ctx.ruleFiles) {
      for (const group of file.groups) {
        for (const rule of group.rules) {
          if (rule.alert === undefined || CAMEL_CASE.test(rule.alert)) continue;
          findings.push({ source: file.source, location: ruleLocation(group, rule), message: `alert name "${rule.alert}" is not CamelCase` });
        }
      }
    }
    return findings;
  },
};
