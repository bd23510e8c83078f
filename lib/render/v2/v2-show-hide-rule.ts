import type { ShowHideRule } from '../../model/show-hide-rule.js';
import type { ConditionalRenderingGroupKind, ConditionalRenderingItem } from './dashboard-v2-spec.js';

// Durations Grafana's time-range-size rule takes: a whole number and a unit (5m, 1h, 7d, 1y).
const DURATION = /^[1-9]\d*(s|m|h|d|w|M|y)$/;

/**
 * A show/hide rule as v2's `ConditionalRenderingGroup`, checked: every variable it tests must
 * exist and every time-range size must be a duration such as `7d`. Problems go to `report`.
 *
 * @example
 * v2RuleOf({ visibility: 'show', join: 'and', conditions: [{ kind: 'data', hasData: true }] }, new Set(), report)
 * // → { kind: 'ConditionalRenderingGroup', spec: { visibility: 'show', condition: 'and',
 * //       items: [{ kind: 'ConditionalRenderingData', spec: { value: true } }] } }
 */
export function v2RuleOf(rule: ShowHideRule, variables: ReadonlySet<string>, report: (message: string) => void): ConditionalRenderingGroupKind {
  if (rule.problem !== undefined) report(rule.problem);
  const items = rule.conditions.map((c): ConditionalRenderingItem => {
    switch (c.kind) {
      case 'variable':
        if (!variables.has(c.variable)) report(`show/hide rule tests unknown variable "${c.variable}"`);
        return { kind: 'ConditionalRenderingVariable', spec: { variable: c.variable, operator: c.operator, value: c.value } };
      case 'data':
        return { kind: 'ConditionalRenderingData', spec: { value: c.hasData } };
      case 'time-range':
        if (!DURATION.test(c.lessThan)) report(`show/hide rule: time range size "${c.lessThan}" is not a duration such as 1h or 7d`);
        return { kind: 'ConditionalRenderingTimeRangeSize', spec: { value: c.lessThan } };
    }
  });
  return { kind: 'ConditionalRenderingGroup', spec: { visibility: rule.visibility, condition: rule.join, items } };
}
