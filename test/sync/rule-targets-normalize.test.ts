import { describe, expect, it } from 'vitest';
import type { RuleGroupJson } from '../../lib/mixin/rule-group.js';
import { normalizeDuration, normalizePromQL, sameRuleGroup } from '../../lib/promql/normalize-promql.js';

describe('normalizePromQL', () => {
  const equivalent: [string, string][] = [
    ['sum by (job) (rate(x[5m]))', 'sum by(job)(rate(x[5m]))'],
    ['sum by (job) (\n  rate(x[5m])\n)', 'sum  by (job)   (rate( x [5m] ))'],
    ['up == 0', 'up==0'],
    ['a and b', 'a  and\n b'],
    ['x{a="1", b=~"y.*"}', 'x{ a = "1" ,b=~"y.*" }'],
    ['sum(x) # total\n> 0', 'sum(x) > 0'],
    ['rate(x[5m]) / on (instance) group_left () y', 'rate(x[5m])/on(instance) group_left() y'],
    ['{app="a"} |= `b  c`', '{ app = "a" }|=`b  c`'],
    ['rate(x[60s]) offset 1h', 'rate(x[1m]) offset 60m'],
    ['max_over_time(x[1800s:60s])', 'max_over_time(x[30m:1m])'],
  ];
  it.each(equivalent)('GIVEN %j and %j THEN their normal forms are equal', (a, b) => {
    expect(normalizePromQL(a)).toBe(normalizePromQL(b));
  });

  const different: [string, string][] = [
    ['x{a="1 2"}', 'x{a="1  2"}'],
    ['x{a="#no comment"}', 'x{a="#no"}'],
    ['rate(x[1m])', 'rate(x[2m])'],
    ['x{a="60s"}', 'x{a="1m"}'],
    ['a and b', 'aandb'],
    ['up == 0', 'up != 0'],
    ["x{a='it\\'s # here'}", "x{a='it\\'s'}"],
    ['sum by (job) (x)', 'sum by (instance) (x)'],
  ];
  it.each(different)('GIVEN %j and %j THEN their normal forms differ', (a, b) => {
    expect(normalizePromQL(a)).not.toBe(normalizePromQL(b));
  });

  it('GIVEN a formatted expression WHEN normalised THEN the form is compact and stable', () => {
    const form = normalizePromQL('sum by (job) (\n  rate(x{a="1 2"}[5m])  # per second\n) > 0');
    expect(form).toBe('sum by(job)(rate(x{a="1 2"}[5m]))>0');
    expect(normalizePromQL(form)).toBe(form);
  });
});

describe('normalizeDuration', () => {
  it.each([
    ['60s', '1m'],
    ['90m', '1h30m'],
    ['0m', '0s'],
    ['1d', '1d'],
    ['168h', '1w'],
    ['1500ms', '1s500ms'],
    ['soon', 'soon'],
  ])('GIVEN %s THEN it reads %s', (input, expected) => {
    expect(normalizeDuration(input)).toBe(expected);
  });
});

describe('sameRuleGroup', () => {
  const base: RuleGroupJson = {
    name: 'g',
    interval: '1m',
    rules: [
      { alert: 'A', expr: 'up == 0', for: '5m', labels: { severity: 'warning', team: 'x' }, annotations: { summary: 's', description: 'd' } },
      { record: 'job:up:sum', expr: 'sum by (job) (up)' },
    ],
  };
  const equivalent: [string, RuleGroupJson][] = [
    [
      'reformatted PromQL',
      {
        ...base,
        rules: [
          { ...base.rules[0]!, expr: 'up==0' },
          { record: 'job:up:sum', expr: 'sum by(job)(\n  up\n)' },
        ],
      },
    ],
    [
      'label and annotation keys reordered',
      {
        ...base,
        rules: [
          { alert: 'A', expr: 'up == 0', for: '5m', labels: { team: 'x', severity: 'warning' }, annotations: { description: 'd', summary: 's' } },
          base.rules[1]!,
        ],
      },
    ],
    ['interval 60s', { ...base, interval: '60s' }],
    ['for 300s', { ...base, rules: [{ ...base.rules[0]!, for: '300s' }, base.rules[1]!] }],
    ['empty labels on the recording rule', { ...base, rules: [base.rules[0]!, { record: 'job:up:sum', expr: 'sum by (job) (up)', labels: {} }] }],
    ['limit 0', { ...base, limit: 0 }],
  ];
  it.each(equivalent)('GIVEN a group with %s THEN it is the same group', (_, other) => {
    expect(sameRuleGroup(base, other)).toBe(true);
  });

  it('GIVEN interval: 0s on one side and no interval on the other (a ruler drops it) THEN the groups are the same', () => {
    expect(sameRuleGroup({ name: 'g', interval: '0s', rules: [] }, { name: 'g', rules: [] })).toBe(true);
    expect(sameRuleGroup({ name: 'g', interval: '0m', rules: [] }, { name: 'g', interval: '1m', rules: [] })).toBe(false);
  });

  it('GIVEN for: 0s on one side and no for on the other THEN the groups are the same', () => {
    const a: RuleGroupJson = { name: 'g', rules: [{ alert: 'A', expr: 'x' }] };
    const b: RuleGroupJson = { name: 'g', rules: [{ alert: 'A', expr: 'x', for: '0s', keep_firing_for: '0m' }] };
    expect(sameRuleGroup(a, b)).toBe(true);
  });

  const different: [string, RuleGroupJson][] = [
    ['another interval', { ...base, interval: '2m' }],
    ['another threshold', { ...base, rules: [{ ...base.rules[0]!, expr: 'up == 1' }, base.rules[1]!] }],
    ['another label value', { ...base, rules: [{ ...base.rules[0]!, labels: { severity: 'critical', team: 'x' } }, base.rules[1]!] }],
    ['rules reordered', { ...base, rules: [base.rules[1]!, base.rules[0]!] }],
    ['a rule less', { ...base, rules: [base.rules[0]!] }],
    ['another for', { ...base, rules: [{ ...base.rules[0]!, for: '10m' }, base.rules[1]!] }],
    ['a limit', { ...base, limit: 10 }],
    ['another name', { ...base, name: 'h' }],
  ];
  it.each(different)('GIVEN a group with %s THEN it is a different group', (_, other) => {
    expect(sameRuleGroup(base, other)).toBe(false);
  });
});
