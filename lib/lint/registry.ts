import { alertAnnotations } from './rules/alert-annotations.js';
import { alertFor } from './rules/alert-for.js';
import { alertName } from './rules/alert-name.js';
import { alertSeverity } from './rules/alert-severity.js';
import { counterRate } from './rules/counter-rate.js';
import { datasourceVariable } from './rules/datasource-variable.js';
import { jobInstanceMatchers } from './rules/job-instance-matchers.js';
import { jobInstanceVariables } from './rules/job-instance-variables.js';
import { logqlSyntax } from './rules/logql-syntax.js';
import { panelDatasource } from './rules/panel-datasource.js';
import { panelTitle } from './rules/panel-title.js';
import { panelUnitRule } from './rules/panel-unit.js';
import { queryDatasourceMismatch } from './rules/query-datasource-mismatch.js';
import { promqlSyntax } from './rules/promql-syntax.js';
import { rateInterval } from './rules/rate-interval.js';
import { ruleExpr } from './rules/rule-expr.js';
import { uniquePanelIds } from './rules/unique-panel-ids.js';
import { uniqueUids } from './rules/unique-uids.js';
import { unknownUnit } from './rules/unknown-unit.js';
import { layoutNesting } from './rules/layout-nesting.js';
import type { LintRule } from './types.js';

/** Every lint rule, in the order findings are reported: dashboards, panels, queries, rule files. */
export const LINT_RULES: readonly LintRule[] = [
  datasourceVariable,
  panelDatasource,
  jobInstanceVariables,
  uniqueUids,
  uniquePanelIds,
  layoutNesting,
  panelTitle,
  panelUnitRule,
  unknownUnit,
  queryDatasourceMismatch,
  promqlSyntax,
  logqlSyntax,
  rateInterval,
  jobInstanceMatchers,
  counterRate,
  ruleExpr,
  alertName,
  alertSeverity,
  alertAnnotations,
  alertFor,
];

/**
 * The rule with this id, or undefined.
 *
 * @example
 * findLintRule('rate-interval')?.severity // → 'warning'
 */
export function findLintRule(id: string): LintRule | undefined {
  return LINT_RULES.find((r) => r.id === id);
}
