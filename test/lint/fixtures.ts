import { lintCollected, type LintResult } from '../../lib/lint/run-lint.js';
import type { LintFinding } from '../../lib/lint/types.js';

type Json = Record<string, unknown>;

/** The house-style templating: a Prometheus data source variable, job, instance chained on job. */
export function goodVariables(): Json[] {
  const ds = { type: 'prometheus', uid: '${datasource}' };
  const common = { type: 'query', datasource: ds, refresh: 2, multi: true, includeAll: true, allValue: '.+' };
  return [
    { type: 'datasource', name: 'datasource', query: 'prometheus' },
    { ...common, name: 'job', query: 'label_values(up, job)' },
    { ...common, name: 'instance', query: 'label_values(up{job=~"$job"}, instance)' },
  ];
}

/** A time series panel on the data source variable with one PromQL target per expression. */
export function panel(title: string, ...exprs: string[]): Json {
  return {
    type: 'timeseries',
    title,
    datasource: { type: 'prometheus', uid: '${datasource}' },
    fieldConfig: { defaults: { unit: 'reqps' }, overrides: [] },
    targets: exprs.map((expr, i) => ({ refId: String.fromCharCode(65 + i), expr })),
  };
}

/** A clean dashboard: lints with no findings. */
export function dashboard(
  overrides: Json = {},
  panels: Json[] = [panel('Requests', 'sum(rate(http_requests_total{job=~"$job", instance=~"$instance"}[$__rate_interval]))')],
): Json {
  return {
    uid: 'svc',
    title: 'Service',
    templating: { list: goodVariables() },
    panels: panels.map((p, i) => ({ id: i + 1, ...p })),
    ...overrides,
  };
}

/** A PromQL query with the house-style matchers on `metric`. */
export function q(template: string): string {
  return template.replace(/\bM\b/g, 'http_requests_total{job=~"$job", instance=~"$instance"}');
}

/** Lints dashboards and rule files given in memory. */
export function lint(dashboards: Json[], ruleFiles: { source: string; doc: unknown }[] = []): LintResult {
  return lintCollected({
    dashboards: dashboards.map((json, i) => ({ source: `d${i}.json`, json, fromJson: true })),
    ruleFiles,
  });
}

/** The findings of one rule. */
export function findingsOf(result: LintResult, rule: string): LintFinding[] {
  return result.findings.filter((f) => f.rule === rule);
}
