import type { LintRule, RuleFinding } from '../types.js';

/** `datasource-variable`: a dashboard with queries has a data source template variable. */
export const datasourceVariable: LintRule = {
  id: 'datasource-variable',
  severity: 'error',
  description: 'a dashboard with queries defines a data source variable (type "datasource"), so it works against any instance',
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const d of ctx.dashboards) {
      if (d.datasourceVariables.length > 0) continue;
      // Data sources given as import inputs (`${DS_X}` from `__inputs`) are templated at import time.
      const queried = d.panels.some((p) =>
        p.targets.some((t) => t.datasource.kind !== 'builtin' && !(t.datasource.kind === 'variable' && t.datasource.importInput)),
      );
      if (!queried) continue;
      findings.push({
        source: d.source,
        location: d.location(),
        message: 'no data source variable: add a template variable of type "datasource" (e.g. "datasource") and use ${datasource} in every panel',
      });
    }
    return findings;
  },
};
