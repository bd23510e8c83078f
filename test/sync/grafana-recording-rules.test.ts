/**
 * Grafana-managed recording rules: rendering (`record: { metric, from }`, no alerting-only
 * fields), sync against the emulator (apply, then a no-op plan with zero writes), and refusal of
 * recorded names that are no Prometheus metric names before any request.
 */
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { GrafanaClient } from '../../lib/grafana/grafana-client.js';
import type { RuleGroupJson } from '../../lib/mixin/rule-group.js';
import { GrafanaAlertingTarget } from '../../lib/sync/rule-targets/grafana-alerting-target.js';
import { adaptToGrafanaAlerting } from '../../lib/sync/rule-targets/grafana-alerting-target.js';
import { planRuleGroups } from '../../lib/sync/rule-plan.js';
import type { RuleGroupResource } from '../../lib/sync/rule-resources.js';
import {
  GRAFANA_RULE_HASH_ANNOTATION,
  UnsupportedRuleError,
  fromGrafanaRule,
  grafanaRuleEdited,
  isPrometheusMetricName,
  toGrafanaRule,
  type ProvisionedAlertRule,
} from '../../lib/sync/rule-targets/to-grafana-rule.js';
import { startGrafanaEmulator, type GrafanaEmulator } from '../../lib/testing/index.js';

const OPTS = { prometheusDatasourceUid: 'prom' };
const MIXED: RuleGroupJson = {
  name: 'node',
  rules: [
    { record: 'instance:node_cpu:rate5m', expr: 'sum by (instance) (rate(node_cpu_seconds_total{mode!="idle"}[5m]))', labels: { team: 'infra' } },
    { alert: 'NodeDown', expr: 'up{job="node"} == 0', for: '5m', labels: { severity: 'critical' } },
    { record: 'job:up:sum', expr: 'sum by (job) (up)' },
  ],
};
const resource = (group: RuleGroupJson, namespace = 'infra'): RuleGroupResource => ({
  kind: 'RuleGroup',
  namespace,
  group,
  source: 'dash.config.ts › mixins[0]',
});

describe('GIVEN a recording rule rendered for Grafana-managed alerting', () => {
  const rule = toGrafanaRule({ record: 'job:up:sum', expr: 'sum by (job) (up)', labels: { team: 'sre' } }, { folderUid: 'infra', group: 'node' }, OPTS);

  test('THEN it is one PromQL query A recorded as the metric, with no alerting-only fields', () => {
    expect(rule.record).toEqual({ metric: 'job:up:sum', from: 'A' });
    expect(rule.condition).toBe('A');
    expect(rule.title).toBe('job:up:sum');
    expect(rule.data).toEqual([
      {
        refId: 'A',
        queryType: '',
        relativeTimeRange: { from: 600, to: 0 },
        datasourceUid: 'prom',
        model: { refId: 'A', expr: 'sum by (job) (up)', instant: true, range: false, datasource: { type: 'prometheus', uid: 'prom' } },
      },
    ]);
    expect(rule.labels).toEqual({ team: 'sre' });
    for (const key of ['for', 'noDataState', 'execErrState', 'keep_firing_for', 'notification_settings'] as const) expect(rule).not.toHaveProperty(key);
    expect(rule.annotations?.[GRAFANA_RULE_HASH_ANNOTATION]).toMatch(/^[0-9a-f]{16}$/);
  });

  test('THEN it reads back as the same recording rule and is not seen as edited, unless its query changes', () => {
    expect(fromGrafanaRule(rule)).toEqual({ record: 'job:up:sum', expr: 'sum by (job) (up)', labels: { team: 'sre' } });
    expect(grafanaRuleEdited(rule)).toBe(false);
    // Grafana answers with the alerting-only fields cleared: not an edit.
    expect(grafanaRuleEdited({ ...rule, for: '0s', noDataState: undefined, condition: '' })).toBe(false);
    const edited: ProvisionedAlertRule = { ...rule, data: [{ ...rule.data[0]!, model: { ...rule.data[0]!.model, expr: 'count(up)' } }] };
    expect(grafanaRuleEdited(edited)).toBe(true);
  });
});

describe('GIVEN generated recording rule names', () => {
  const metricChar = fc.constantFrom(...'abcXYZ_:09'.split(''));
  const anyChar = fc.constantFrom(...'abZ_:09-. {}"/é'.split(''));
  const names = fc.oneof(fc.string({ unit: metricChar, minLength: 0, maxLength: 12 }), fc.string({ unit: anyChar, minLength: 0, maxLength: 12 }));
  const validName = (name: string) => /^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name);

  test('WHEN a name is a valid Prometheus metric name THEN it renders as record.metric and round-trips; ELSE the error names the rule and the source', () => {
    fc.assert(
      fc.property(names, fc.integer({ min: 0, max: 3 }), (name, ordinal) => {
        expect(isPrometheusMetricName(name)).toBe(validName(name));
        const group: RuleGroupJson = { name: 'g', rules: [{ record: name, expr: 'sum(up)' }] };
        if (validName(name)) {
          const rendered = toGrafanaRule(group.rules[0]!, { folderUid: 'infra', group: 'g', ordinal }, OPTS);
          expect(rendered.record).toEqual({ metric: name, from: 'A' });
          expect(rendered.uid).toMatch(/^[A-Za-z0-9_-]{1,40}$/);
          expect(fromGrafanaRule(rendered)).toEqual({ record: name, expr: 'sum(up)' });
          expect(adaptToGrafanaAlerting([resource(group)], { recordingRules: true }).groups).toHaveLength(1);
        } else {
          let error: unknown;
          try {
            adaptToGrafanaAlerting([resource(group)], { recordingRules: true });
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(UnsupportedRuleError);
          expect((error as Error).message).toContain(`recording rule ${JSON.stringify(name)}`);
          expect((error as Error).message).toContain('dash.config.ts › mixins[0]');
          expect(() => toGrafanaRule(group.rules[0]!, { folderUid: 'infra', group: 'g' }, OPTS)).toThrow(UnsupportedRuleError);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('WHEN the format cannot hold recording rules (grafana-operator) THEN they are left out with a note, never an error', () => {
    const adapted = adaptToGrafanaAlerting([
      resource({
        name: 'g',
        rules: [
          { record: 'bad-name', expr: 'x' },
          { alert: 'A', expr: 'a' },
        ],
      }),
    ]);
    expect(adapted.groups[0]!.group.rules).toEqual([{ alert: 'A', expr: 'a' }]);
    expect(adapted.notes).toEqual([expect.stringContaining('1 recording rule is not applied')]);
  });
});

describe('GIVEN the Grafana-managed alerting target on the emulator', () => {
  let grafana: GrafanaEmulator;
  const client = () => new GrafanaClient({ url: grafana.url, token: grafana.token, sleep: async () => undefined });
  const target = () => new GrafanaAlertingTarget({ name: 'test', client: client(), prometheusDatasourceUid: 'prom' });
  const writes = () => grafana.requests.filter((r) => r.method !== 'GET');

  beforeAll(async () => {
    grafana = await startGrafanaEmulator({ version: '12.1.0' });
  });
  afterAll(() => grafana.stop());
  beforeEach(async () => {
    await client().request({ method: 'POST', path: '/api/folders', body: { uid: 'infra', title: 'infra' } });
    grafana.requests.length = 0;
  });
  afterEach(() => grafana.reset());

  test('WHEN a group mixing recording and alerting rules is applied THEN Grafana stores `record` and the next plan is a no-op with zero writes', async () => {
    const t = target();
    const first = planRuleGroups(t.adapt([resource(MIXED)]).groups, await t.listGroups(), { comparable: (ns, g) => t.comparable(ns, g) });
    expect(first.steps.map((s) => s.action)).toEqual(['create']);
    await t.saveGroup('infra', MIXED);
    expect(writes()).toHaveLength(1);

    const stored = await client().get<ProvisionedAlertRule[]>('/api/v1/provisioning/alert-rules');
    expect(stored.filter((r) => r.record).map((r) => r.record)).toEqual([
      { metric: 'instance:node_cpu:rate5m', from: 'A' },
      { metric: 'job:up:sum', from: 'A' },
    ]);

    grafana.requests.length = 0;
    const remote = await t.listGroups();
    expect(remote.map((r) => [r.managed, r.edited ?? false])).toEqual([[true, false]]);
    const again = planRuleGroups(t.adapt([resource(MIXED)]).groups, remote, { comparable: (ns, g) => t.comparable(ns, g) });
    expect(again.steps.map((s) => s.action)).toEqual(['unchanged']);
    expect(writes()).toHaveLength(0);
  });

  test('WHEN a recording rule is posted without alerting-only fields THEN the emulator accepts it as Grafana does, and refuses an invalid metric name', async () => {
    const body = (metric: string) => ({
      folderUID: 'infra',
      ruleGroup: 'raw',
      title: metric,
      data: [{ refId: 'A', datasourceUid: 'prom', model: { expr: 'sum(up)' } }],
      record: { metric, from: 'A' },
    });
    const ok = await client().request({ method: 'POST', path: '/api/v1/provisioning/alert-rules', body: body('raw:up:sum'), accept: [400] });
    expect(ok.status).toBe(201);
    const bad = await client().request({ method: 'POST', path: '/api/v1/provisioning/alert-rules', body: body('raw-up'), accept: [400] });
    expect(bad.status).toBe(400);
  });

  test('WHEN a recorded name is invalid THEN adapt refuses it before any request', () => {
    const bad: RuleGroupJson = { name: 'node', rules: [{ record: 'job-up', expr: 'sum(up)' }] };
    expect(() => target().adapt([resource(bad)])).toThrow(/dash\.config\.ts › mixins\[0\] › rule group infra\/node › recording rule "job-up"/);
    expect(grafana.requests).toEqual([]);
  });
});
