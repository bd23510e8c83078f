import type { DashboardView, VariableView } from '../model.js';
import { variableName, referencesVariable } from '../../promql/variables.js';
import type { LintRule, RuleFinding } from '../types.js';

/**
 * `job-instance-variables`: dashboards with PromQL queries have well-formed `job` and `instance`
 * variables (the house style of reference/lint-and-red.md and `lib/style/templating.ts`).
 */
export const jobInstanceVariables: LintRule = {
  id: 'job-instance-variables',
  severity: 'warning',
  description:
    'PromQL dashboards have "job" and "instance" query variables on the data source variable: multi, include All with a regex all-value, refresh on time range change, instance chained on $job',
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const d of ctx.dashboards) {
      if (!d.panels.some((p) => p.targets.some((t) => t.language === 'promql'))) continue;
      for (const name of ['job', 'instance'] as const) {
        const variable = d.variables.find((v) => v.name === name);
        if (!variable) {
          findings.push({
            source: d.source,
            location: d.location(),
            message: `no "${name}" variable: add a query variable ${name === 'job' ? 'label_values(up, job)' : 'label_values(up{job=~"$job"}, instance)'} so viewers can pick ${name}s`,
          });
          continue;
        }
        for (const problem of problems(variable, d)) {
          findings.push({ source: d.source, location: { ...d.location(), variable: name }, message: `variable "${name}": ${problem}` });
        }
      }
    }
    return findings;
  },
};

function queryText(v: VariableView): string {
  const q = v.json['query'];
  if (typeof q === 'string') return q;
  if (typeof q === 'object' && q !== null && typeof (q as Record<string, unknown>)['query'] === 'string') {
    return (q as Record<string, string>)['query']!;
  }
  return typeof v.json['definition'] === 'string' ? v.json['definition'] : '';
}

function problems(v: VariableView, d: DashboardView): string[] {
  if (v.type !== 'query') return [`is of type "${v.type}"; make it a query variable (label_values(...)) on the data source variable`];
  const out: string[] = [];
  const ref = v.json['datasource'];
  const uid = typeof ref === 'string' ? ref : typeof ref === 'object' && ref !== null ? (ref as Record<string, unknown>)['uid'] : undefined;
  const dsName = typeof uid === 'string' ? variableName(uid) : undefined;
  if (dsName === undefined || !d.datasourceVariables.some((dv) => dv.name === dsName)) {
    out.push(
      `queries ${typeof uid === 'string' ? `data source "${uid}"` : 'the default data source'}; use the data source variable (\${${d.datasourceVariables[0]?.name ?? 'datasource'}})`,
    );
  }
  if (v.json['multi'] !== true) out.push('is not multi-value; set multi: true');
  if (v.json['includeAll'] !== true) out.push('has no "All" option; set includeAll: true');
  const allValue = v.json['allValue'];
  if (v.json['includeAll'] === true && (typeof allValue !== 'string' || allValue.trim() === '')) {
    out.push('has no all-value: "All" expands to every value joined by |; set allValue: ".+"');
  }
  if (v.json['refresh'] !== 2) out.push(`refreshes ${v.json['refresh'] === 1 ? 'on dashboard load' : 'never'}; set refresh: 2 (on time range change)`);
  if (v.name === 'instance' && !referencesVariable(queryText(v), 'job')) {
    out.push(`query ${JSON.stringify(queryText(v))} does not filter on $job; chain it: label_values(up{job=~"$job"}, instance)`);
  }
  return out;
}
