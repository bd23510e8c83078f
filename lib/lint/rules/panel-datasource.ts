import type { DashboardView, DatasourceUse, TargetView } from '../model.js';
import type { LintRule, RuleFinding } from '../types.js';

/** `panel-datasource`: panels and targets use a data source variable, not a hard-coded uid. */
export const panelDatasource: LintRule = {
  id: 'panel-datasource',
  severity: 'error',
  description: 'every panel and target uses a data source variable (${datasource}), not a hard-coded uid; mixed, Grafana and Dashboard data sources are exempt',
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const d of ctx.dashboards) {
      for (const panel of d.panels) {
        if (panel.targets.length === 0) continue;
        const seen = new Set<string>();
        const report = (use: DatasourceUse, target: TargetView | undefined) => {
          const problem = describe(use, d);
          if (!problem) return;
          // One finding per distinct problem of a panel (targets usually share their panel's).
          const key = `${problem}`;
          if (seen.has(key)) return;
          seen.add(key);
          findings.push({
            source: d.source,
            location: d.location(panel, target),
            message: problem,
            ...(fixTarget(use, d) !== undefined && { fixable: true }),
          });
        };
        const panelMixed = panel.datasource.kind === 'builtin' && panel.datasource.which === 'mixed';
        const ownTargets = panel.targets.filter((t) => t.json['datasource'] !== undefined && t.json['datasource'] !== null);
        // The panel's own reference matters unless it is mixed or every target names its own.
        if (!panelMixed && (panel.datasource.kind !== 'none' || ownTargets.length < panel.targets.length)) {
          report(panel.datasource, undefined);
        }
        for (const target of ownTargets) report(target.datasource, target);
        if (panelMixed) for (const target of panel.targets) if (target.datasource.kind === 'none') report(target.datasource, target);
      }
    }
    return findings;
  },
  fix(ctx) {
    let fixed = 0;
    for (const d of ctx.dashboards) {
      for (const panel of d.panels) {
        if (panel.targets.length === 0) continue;
        fixed += fixRef(panel.json, panel.datasource, d);
        for (const target of panel.targets) {
          if (target.json['datasource'] !== undefined && target.json['datasource'] !== null) fixed += fixRef(target.json, target.datasource, d);
        }
      }
    }
    return fixed;
  },
};

function describe(use: DatasourceUse, d: DashboardView): string | undefined {
  switch (use.kind) {
    case 'builtin':
      return undefined;
    case 'none':
      return 'no data source set: Grafana falls back to its default data source; set the data source variable (${datasource})';
    case 'variable':
      if (use.known || use.importInput) return undefined;
      return `data source "\${${use.name}}" is not a data source variable of this dashboard${d.datasourceVariables.length > 0 ? ` (have: ${d.datasourceVariables.map((v) => v.name).join(', ')})` : ''}`;
    case 'fixed': {
      const what = use.uid === '' ? `no uid (type "${use.type}")` : `hard-coded data source "${use.uid}"`;
      const variable = fixTarget(use, d);
      return `${what}: use a data source variable${variable ? ` (\${${variable}})` : ' (${datasource})'} so the dashboard works on any instance`;
    }
  }
}

/** The variable a fixed reference can safely be replaced by: the only data source variable of its type. */
function fixTarget(use: DatasourceUse, d: DashboardView): string | undefined {
  if (use.kind !== 'fixed' || use.type === undefined) return undefined;
  const candidates = d.datasourceVariables.filter((v) => v.json['query'] === use.type);
  return candidates.length === 1 && candidates[0]!.name !== '' ? candidates[0]!.name : undefined;
}

function fixRef(holder: Record<string, unknown>, use: DatasourceUse, d: DashboardView): number {
  const variable = fixTarget(use, d);
  if (variable === undefined) return 0;
  const ref = holder['datasource'];
  if (typeof ref !== 'object' || ref === null) return 0;
  holder['datasource'] = { ...(ref as Record<string, unknown>), uid: `\${${variable}}` };
  return 1;
}
