import type { LintRule, RuleFinding } from '../types.js';

/** `promql-syntax`: every PromQL target parses (Grafana variables expanded first). */
export const promqlSyntax: LintRule = {
  id: 'promql-syntax',
  severity: 'error',
  description: 'every PromQL query parses once Grafana variables ($var, ${var:fmt}, [[var]], $__rate_interval, …) are expanded',
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const d of ctx.dashboards) {
      for (const panel of d.panels) {
        for (const target of panel.targets) {
          if (target.language !== 'promql') continue;
          const { error } = target.promql();
          if (!error) continue;
          findings.push({
            source: d.source,
            location: { ...d.location(panel, target), offset: error.offset },
            message: `invalid PromQL at offset ${error.offset}: ${error.message}: ${error.snippet}`,
          });
        }
      }
    }
    return findings;
  },
};
