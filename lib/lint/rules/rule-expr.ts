import { ruleLocation } from '../model.js';
import type { LintRule, RuleFinding } from '../types.js';

/**
 * `rule-expr`: rule files are well-formed and every alert/record expression parses: as LogQL in
 * a Loki rule file (see `RuleFileView.language`), else as PromQL.
 */
export const ruleExpr: LintRule = {
  id: 'rule-expr',
  severity: 'error',
  description: 'rule files hold groups of rules, each an alert or a record with an expr that parses as PromQL (LogQL in a Loki rule file)',
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const file of ctx.ruleFiles) {
      for (const p of file.shapeProblems) {
        findings.push({ source: file.source, location: { ...(p.group && { group: p.group }), ...(p.alert && { alert: p.alert }) }, message: p.message });
      }
      for (const group of file.groups) {
        for (const rule of group.rules) {
          if (rule.expr === undefined || rule.expr.trim() === '') continue;
          const { error } = rule.language === 'logql' ? rule.logql() : rule.promql();
          if (!error) continue;
          findings.push({
            source: file.source,
            location: { ...ruleLocation(group, rule), offset: error.offset },
            message: `invalid ${rule.language === 'logql' ? 'LogQL' : 'PromQL'} at offset ${error.offset}: ${error.message}: ${error.snippet}`,
          });
        }
      }
    }
    return findings;
  },
};
