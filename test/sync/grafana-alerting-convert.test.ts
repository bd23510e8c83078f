/**
 * Conversion of Prometheus-style alerting rules into Grafana-managed provisioning rules, and back.
 */
import { describe, expect, test } from 'vitest';
import type { AlertRuleJson } from '../../lib/mixin/alert-rule.js';
import type { RuleGroupJson } from '../../lib/mixin/rule-group.js';
import { sameRuleGroup } from '../../lib/promql/normalize-promql.js';
import {
  GRAFANA_RULE_HASH_ANNOTATION,
  GRAFANA_RULE_MANAGED_ANNOTATION,
  grafanaRuleEdited,
  UnsupportedRuleError,
  fromGrafanaRule,
  fromGrafanaRuleGroup,
  fromGrafanaTemplate,
  grafanaRuleUid,
  toGrafanaRule,
  toGrafanaRuleGroup,
  toGrafanaTemplate,
  unsupportedInGrafana,
} from '../../lib/sync/rule-targets/to-grafana-rule.js';

const OPTS = { prometheusDatasourceUid: 'prom-uid' };
const WHERE = { folderUid: 'infra', group: 'node' };

describe('GIVEN a Prometheus alerting rule', () => {
  const rule: AlertRuleJson = {
    alert: 'NodeFilesystemAlmostFull',
    expr: 'node_filesystem_avail_bytes / node_filesystem_size_bytes < 0.05',
    for: '30m',
    labels: { severity: 'critical' },
    annotations: {
      summary: 'Filesystem has less than 5% space left.',
      description: '{{ $labels.mountpoint }} on {{ $labels.instance }} has {{ $value | humanizePercentage }} left.',
    },
  };

  test('WHEN converted THEN query A is the PromQL as an instant query on the Prometheus data source', () => {
    const out = toGrafanaRule(rule, WHERE, OPTS);
    expect(out.data[0]).toEqual({
      refId: 'A',
      queryType: '',
      relativeTimeRange: { from: 600, to: 0 },
      datasourceUid: 'prom-uid',
      model: { refId: 'A', expr: rule.expr, instant: true, range: false, datasource: { type: 'prometheus', uid: 'prom-uid' } },
    });
  });

  test('WHEN converted THEN B reduces A (last) and C, the condition, fires for every returned series', () => {
    const out = toGrafanaRule(rule, WHERE, OPTS);
    expect(out.condition).toBe('C');
    expect(out.data.map((q) => [q.refId, q.datasourceUid])).toEqual([
      ['A', 'prom-uid'],
      ['B', '__expr__'],
      ['C', '__expr__'],
    ]);
    expect(out.data[1]!.model).toEqual({ refId: 'B', type: 'reduce', expression: 'A', reducer: 'last', datasource: { type: '__expr__', uid: '__expr__' } });
    expect(out.data[2]!.model).toMatchObject({ refId: 'C', type: 'math', expression: 'is_number($B) || is_nan($B) || is_inf($B)' });
  });

  test('WHEN converted with condition "threshold" THEN C is the threshold B > 0', () => {
    const out = toGrafanaRule(rule, WHERE, { ...OPTS, condition: 'threshold' });
    expect(out.data[2]!.model).toEqual({
      refId: 'C',
      type: 'threshold',
      expression: 'B',
      conditions: [{ evaluator: { type: 'gt', params: [0] } }],
      datasource: { type: '__expr__', uid: '__expr__' },
    });
  });

  test('WHEN converted THEN title, group, folder, for, labels, states and the managed marker are set', () => {
    const out = toGrafanaRule(rule, WHERE, OPTS);
    expect(out).toMatchObject({
      title: 'NodeFilesystemAlmostFull',
      ruleGroup: 'node',
      folderUID: 'infra',
      for: '30m',
      labels: { severity: 'critical' },
      noDataState: 'OK',
      execErrState: 'Error',
      isPaused: false,
    });
    expect(out.annotations?.[GRAFANA_RULE_MANAGED_ANNOTATION]).toBe('true');
    expect(out.annotations?.['summary']).toBe('Filesystem has less than 5% space left.');
  });

  test('WHEN converted THEN $value in templates becomes $values.B.Value and $labels stays', () => {
    const out = toGrafanaRule(rule, WHERE, OPTS);
    expect(out.annotations?.['description']).toBe('{{ $labels.mountpoint }} on {{ $labels.instance }} has {{ $values.B.Value | humanizePercentage }} left.');
  });

  test('WHEN options override the defaults THEN they are used', () => {
    const out = toGrafanaRule(rule, WHERE, { ...OPTS, relativeTimeRangeSeconds: 3600, noDataState: 'NoData', execErrState: 'Alerting' });
    expect(out.data[0]!.relativeTimeRange).toEqual({ from: 3600, to: 0 });
    expect(out.noDataState).toBe('NoData');
    expect(out.execErrState).toBe('Alerting');
  });

  test('WHEN converted and read back THEN it is the original rule', () => {
    expect(fromGrafanaRule(toGrafanaRule(rule, WHERE, OPTS))).toEqual(rule);
  });
});

describe('GIVEN rule field variations', () => {
  test.each([
    { name: 'no for', rule: { alert: 'A', expr: 'up == 0' }, for: '0s' },
    { name: 'for 5m', rule: { alert: 'A', expr: 'up == 0', for: '5m' }, for: '5m' },
    { name: 'for 0s', rule: { alert: 'A', expr: 'up == 0', for: '0s' }, for: '0s' },
  ])('WHEN the rule has $name THEN Grafana for is $for', ({ rule, for: expected }) => {
    expect(toGrafanaRule(rule, WHERE, OPTS).for).toBe(expected);
  });

  test('WHEN the rule has keep_firing_for THEN it is passed on; without labels none are sent', () => {
    const out = toGrafanaRule({ alert: 'A', expr: 'x > 1', keep_firing_for: '10m' }, WHERE, OPTS);
    expect(out.keep_firing_for).toBe('10m');
    expect(out.labels).toBeUndefined();
  });

  test.each([
    ['{{ $value }}', '{{ $values.B.Value }}'],
    ['{{ $value | humanize }}', '{{ $values.B.Value | humanize }}'],
    ['{{ printf "%.2f" $value }}%', '{{ printf "%.2f" $values.B.Value }}%'],
    ['{{ $labels.job }}: {{ $value }} and {{$value}}', '{{ $labels.job }}: {{ $values.B.Value }} and {{$values.B.Value}}'],
    ['$value outside a template', '$value outside a template'],
    ['{{ $values.A.Value }}', '{{ $values.A.Value }}'],
  ])('WHEN the template %j is converted THEN it reads %j and converts back', (prom, grafana) => {
    expect(toGrafanaTemplate(prom)).toBe(grafana);
    if (prom.includes('$values.A')) return;
    expect(fromGrafanaTemplate(grafana)).toBe(prom);
  });
});

describe('GIVEN rule uids', () => {
  test('WHEN derived twice from the same inputs THEN they are equal, valid and at most 40 chars', () => {
    const a = grafanaRuleUid('infra', 'node', 'NodeFilesystemSpaceFillingUp');
    expect(grafanaRuleUid('infra', 'node', 'NodeFilesystemSpaceFillingUp')).toBe(a);
    expect(a).toMatch(/^NodeFilesystemSpaceFillingU-[0-9a-f]{12}$/);
    expect(grafanaRuleUid('infra', 'node', 'NodeDown')).toMatch(/^NodeDown-[0-9a-f]{12}$/);
    expect(a.length).toBeLessThanOrEqual(40);
  });

  test.each([
    ['a very long alert name', 'KubernetesApiServerClientCertificateExpirationIsVeryVeryClose'],
    ['odd characters', 'alert with spaces/and:colons.{x}'],
    ['only odd characters', '???'],
  ])('WHEN the name has %s THEN the uid is valid and at most 40 chars', (_what, alert) => {
    const uid = grafanaRuleUid('f'.repeat(40), 'g'.repeat(190), alert);
    expect(uid).toMatch(/^[A-Za-z0-9_-]{1,40}$/);
  });

  test('WHEN folder, group, name or ordinal differ THEN the uids differ', () => {
    const uids = new Set([
      grafanaRuleUid('infra', 'node', 'A'),
      grafanaRuleUid('apps', 'node', 'A'),
      grafanaRuleUid('infra', 'other', 'A'),
      grafanaRuleUid('infra', 'node', 'B'),
      grafanaRuleUid('infra', 'node', 'A', 1),
    ]);
    expect(uids.size).toBe(5);
  });

  test('WHEN a group repeats an alert name (warning and critical) THEN each rule gets its own uid, stable', () => {
    const group: RuleGroupJson = {
      name: 'node',
      rules: [
        { alert: 'FsFilling', expr: 'x < 0.4', labels: { severity: 'warning' } },
        { alert: 'FsFilling', expr: 'x < 0.2', labels: { severity: 'critical' } },
      ],
    };
    const uids = toGrafanaRuleGroup('infra', group, OPTS).rules.map((r) => r.uid);
    expect(new Set(uids).size).toBe(2);
    expect(toGrafanaRuleGroup('infra', group, OPTS).rules.map((r) => r.uid)).toEqual(uids);
  });
});

describe('GIVEN rule groups', () => {
  test('WHEN a group is converted THEN interval is in seconds (default 60) and rules keep their order', () => {
    const group: RuleGroupJson = {
      name: 'node',
      interval: '2m',
      rules: [
        { alert: 'B', expr: 'b > 0' },
        { alert: 'A', expr: 'a > 0' },
      ],
    };
    const out = toGrafanaRuleGroup('infra', group, OPTS);
    expect(out).toMatchObject({ title: 'node', folderUid: 'infra', interval: 120 });
    expect(out.rules.map((r) => r.title)).toEqual(['B', 'A']);
    expect(toGrafanaRuleGroup('infra', { name: 'n', rules: [] }, OPTS).interval).toBe(60);
  });

  test('WHEN a group is converted and read back THEN it means the same as the original', () => {
    const group: RuleGroupJson = {
      name: 'node',
      interval: '120s',
      rules: [{ alert: 'Down', expr: 'up == 0', for: '5m', labels: { severity: 'critical' }, annotations: { description: '{{ $value }}' } }],
    };
    const back = fromGrafanaRuleGroup('node', 120, toGrafanaRuleGroup('infra', group, OPTS).rules);
    expect(sameRuleGroup(back, group)).toBe(true);
    expect(fromGrafanaRuleGroup('node', 60, []).interval).toBeUndefined();
  });

  test('WHEN a recording rule records an invalid metric name THEN conversion is refused naming it', () => {
    const group: RuleGroupJson = {
      name: 'node',
      rules: [
        { alert: 'A', expr: 'a > 0' },
        { record: 'job-up-sum', expr: 'sum by (job) (up)' },
      ],
    };
    expect(unsupportedInGrafana(group)).toEqual([expect.stringContaining('recording rule "job-up-sum" records no valid Prometheus metric name')]);
    expect(() => toGrafanaRuleGroup('infra', group, OPTS)).toThrow(UnsupportedRuleError);
    expect(() => toGrafanaRule({ record: '1r', expr: 'x' }, WHERE, OPTS)).toThrow(/recording rule "1r"/);
  });

  test.each([
    ['an interval not a multiple of 10s', { name: 'g', interval: '15s', rules: [] }, /multiple of 10s/],
    ['a limit', { name: 'g', limit: 5, rules: [] }, /limit: 5/],
  ])('WHEN a group has %s THEN conversion is refused', (_what, group, message) => {
    expect(() => toGrafanaRuleGroup('infra', group as RuleGroupJson, OPTS)).toThrow(message);
  });
});

describe('the content hash annotation', () => {
  test('is written with every rule, left out when read back, and tells an edited rule from an untouched one', () => {
    const rule = toGrafanaRule(
      { alert: 'Down', expr: 'up == 0', for: '90s', annotations: { summary: 'x' } },
      { folderUid: 'f', group: 'g' },
      { prometheusDatasourceUid: 'p' },
    );
    expect(rule.annotations?.[GRAFANA_RULE_HASH_ANNOTATION]).toMatch(/^[0-9a-f]{16}$/);
    expect((fromGrafanaRule(rule) as AlertRuleJson).annotations).toEqual({ summary: 'x' });
    expect(grafanaRuleEdited(rule)).toBe(false);
    // Grafana re-formats durations on save: not an edit.
    expect(grafanaRuleEdited({ ...rule, for: '1m30s' })).toBe(false);
    expect(grafanaRuleEdited({ ...rule, for: '5m' })).toBe(true);
    expect(grafanaRuleEdited({ ...rule, annotations: { summary: 'x', grafts_managed: 'true' } })).toBe(true);
  });
});
