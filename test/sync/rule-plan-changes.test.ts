// What an update step says changed inside a rule group (`changes`, shown in diffs and JSON plans).
import { describe, expect, it } from 'vitest';
import type { RuleGroupJson } from '../../lib/mixin/rule-group.js';
import { planRuleGroups } from '../../lib/sync/rule-plan.js';

const base: RuleGroupJson = {
  name: 'g',
  interval: '1m',
  rules: [
    { record: 'job:up:sum', expr: 'sum by (job) (up)' },
    { alert: 'Down', expr: 'up == 0' },
  ],
};

function changes(remote: RuleGroupJson, desired: RuleGroupJson): readonly string[] | undefined {
  const { steps } = planRuleGroups([{ kind: 'RuleGroup', namespace: 'ns', group: desired, source: 'test' }], [{ namespace: 'ns', group: remote }]);
  expect(steps.map((s) => s.action)).toEqual(['update']);
  return steps[0]!.changes;
}

describe('rule group update changes', () => {
  it.each<[string, RuleGroupJson, string[]]>([
    [
      'a changed, an added and a removed rule',
      {
        ...base,
        rules: [
          { record: 'job:up:sum', expr: 'sum(up)' },
          { alert: 'New', expr: 'up == 1' },
        ],
      },
      ['~ job:up:sum', '+ New', '- Down'],
    ],
    ['another interval', { ...base, interval: '2m' }, ['interval 1m → 2m']],
    ['a limit', { ...base, limit: 5 }, ['limit default → 5']],
    ['a query_offset (a setting Mimir keeps)', { ...base, query_offset: '30s' } as RuleGroupJson, ['query_offset default → 30s']],
    ['source_tenants', { ...base, source_tenants: ['a', 'b'] } as RuleGroupJson, ['source_tenants default → ["a","b"]']],
    ['the rules reordered', { ...base, rules: [base.rules[1]!, base.rules[0]!] }, ['rule order']],
  ])('GIVEN %s THEN the changes say so', (_, desired, expected) => {
    expect(changes(base, desired)).toEqual(expected);
  });
});
