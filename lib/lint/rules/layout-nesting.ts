import { v2NestingWarnings } from '../../render/v2/v2-nesting.js';
import type { LintRule, RuleFinding } from '../types.js';

/** `layout-nesting`: a schema v2 layout nests the way Grafana's editor allows (no tab directly in a tab, at most 3 levels of rows and tabs). */
export const layoutNesting: LintRule = {
  id: 'layout-nesting',
  severity: 'warning',
  description: "schema v2 layouts nest the way Grafana's editor allows: no tab directly inside a tab, at most 3 grouping levels (rows and tabs)",
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const d of ctx.dashboards) {
      const spec = d.v2Spec;
      if (spec === undefined) continue;
      for (const w of v2NestingWarnings(spec)) findings.push({ source: d.source, location: d.location(), message: w.message });
    }
    return findings;
  },
};
