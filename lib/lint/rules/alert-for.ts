import { checkAlerts } from '../model.js';
import type { LintRule } from '../types.js';

/** `alert-for`: alerts wait a `for` duration before firing. */
export const alertFor: LintRule = {
  id: 'alert-for',
  severity: 'info',
  description: 'alerts set "for" so one bad evaluation does not page (fine to exclude for absent()/watchdog alerts)',
  check(ctx) {
    return checkAlerts(ctx, (rule) => {
      const value = rule.json['for'];
      if (typeof value === 'string' && value.trim() !== '' && !/^0+[a-z]*$/.test(value.trim())) return undefined;
      return 'no "for": the alert fires on the first failing evaluation';
    });
  },
};
