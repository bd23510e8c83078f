import { checkAlerts } from '../model.js';
import type { LintRule } from '../types.js';

const CAMEL_CASE = /^[A-Z][A-Za-z0-9]*$/;

/** `alert-name`: alert names are CamelCase. */
export const alertName: LintRule = {
  id: 'alert-name',
  severity: 'warning',
  description: 'alert names are CamelCase (KubePodCrashLooping), the Prometheus and mixin convention',
  check(ctx) {
    return checkAlerts(ctx, (rule) => (CAMEL_CASE.test(rule.alert) ? undefined : `alert name "${rule.alert}" is not CamelCase`));
  },
};
