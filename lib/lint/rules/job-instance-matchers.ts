import { vectorSelectors } from '../../promql/parse.js';
import { referencesVariable } from '../../promql/variables.js';
import type { LintRule, RuleFinding } from '../types.js';

/** `job-instance-matchers`: every selector filters on `$job` and `$instance` when the dashboard has them. */
export const jobInstanceMatchers: LintRule = {
  id: 'job-instance-matchers',
  severity: 'warning',
  description: 'when the dashboard has job/instance variables, every PromQL selector matches job=~"$job" and instance=~"$instance" so the pickers apply',
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const d of ctx.dashboards) {
      const wanted = (['job', 'instance'] as const).filter((name) => d.variables.some((v) => v.name === name));
      if (wanted.length === 0) continue;
      for (const panel of d.panels) {
        for (const target of panel.targets) {
          if (target.language !== 'promql') continue;
          const parsed = target.promql();
          if (parsed.error) continue;
          const selectors = vectorSelectors(parsed);
          const missing: string[] = [];
          let firstOffset: number | undefined;
          for (const name of wanted) {
            const lacking = selectors.filter((s) => !s.matchers.some((m) => m.label === name && referencesVariable(m.value, name)));
            if (lacking.length === 0) continue;
            firstOffset = Math.min(firstOffset ?? Infinity, lacking[0]!.from);
            const names = [...new Set(lacking.map((s) => s.metric ?? parsed.expr.slice(s.from, s.to)))];
            missing.push(`${name}=~"$${name}" missing on ${names.slice(0, 3).join(', ')}${names.length > 3 ? ` and ${names.length - 3} more` : ''}`);
          }
          if (missing.length === 0) continue;
          findings.push({
            source: d.source,
            location: { ...d.location(panel, target), ...(firstOffset !== undefined && { offset: firstOffset }) },
            message: `selector does not follow the variables: ${missing.join('; ')}`,
          });
        }
      }
    }
    return findings;
  },
};
