/**
 * The Grafana-managed alerting rule target against the emulator's provisioning API: listing,
 * saving and deleting groups, group replace semantics, provenance, errors and redaction.
 */
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { GrafanaClient } from '../../lib/grafana/grafana-client.js';
import { GrafanaApiError } from '../../lib/grafana/grafana-error.js';
import type { RuleGroupJson } from '../../lib/mixin/rule-group.js';
import { sameRuleGroup } from '../../lib/promql/normalize-promql.js';
import { GrafanaAlertingTarget, type GrafanaAlertingTargetOptions } from '../../lib/sync/rule-targets/grafana-alerting-target.js';
import { UnsupportedRuleError, grafanaRuleUid, type ProvisionedAlertRule } from '../../lib/sync/rule-targets/to-grafana-rule.js';
import { startGrafanaEmulator, type GrafanaEmulator } from '../../lib/testing/index.js';

const NODE: RuleGroupJson = {
  name: 'node',
  interval: '2m',
  rules: [
    {
      alert: 'NodeDown',
      expr: 'up{job="node"} == 0',
      for: '5m',
      labels: { severity: 'critical' },
      annotations: { description: '{{ $labels.instance }} is down ({{ $value }}).', summary: 'Node down.' },
    },
    { alert: 'NodeLoadHigh', expr: 'node_load1 > 10', labels: { severity: 'warning' } },
  ],
};

describe('GIVEN a Grafana-managed alerting target on the emulator', () => {
  let grafana: GrafanaEmulator;
  const client = (token = grafana.token) => new GrafanaClient({ url: grafana.url, token, sleep: async () => undefined });
  const target = (options: Partial<GrafanaAlertingTargetOptions> = {}) =>
    new GrafanaAlertingTarget({ name: 'test', client: client(), prometheusDatasourceUid: 'prom', ...options });
  const storedRules = async () => client().get<ProvisionedAlertRule[]>('/api/v1/provisioning/alert-rules');
  const writes = () => grafana.requests.filter((r) => r.method !== 'GET');

  beforeAll(async () => {
    grafana = await startGrafanaEmulator({ version: '12.1.0' });
  });
  afterAll(() => grafana.stop());
  beforeEach(async () => {
    for (const uid of ['infra', 'apps']) {
      await client().request({ method: 'POST', path: '/api/folders', body: { uid, title: uid } });
    }
    grafana.requests.length = 0;
  });
  afterEach(() => grafana.reset());

  test('WHEN nothing was saved THEN no group is listed', async () => {
    expect(await target().listGroups()).toEqual([]);
  });

  test('WHEN a group is saved THEN it is listed back meaning the same, in one PUT', async () => {
    await target().saveGroup('infra', NODE);
    expect(writes().map((r) => `${r.method} ${r.path}`)).toEqual(['PUT /api/v1/provisioning/folder/infra/rule-groups/node']);
    const listed = await target().listGroups();
    expect(listed).toHaveLength(1);
    expect(listed[0]!.namespace).toBe('infra');
    expect(sameRuleGroup(listed[0]!.group, NODE)).toBe(true);
    expect(listed[0]!.group.interval).toBe('2m');
  });

  test('WHEN a group is saved THEN Grafana stores the derived uids, the interval in seconds and Grafana templates', async () => {
    await target().saveGroup('infra', NODE);
    const rules = await storedRules();
    expect(rules.map((r) => r.uid).sort()).toEqual([grafanaRuleUid('infra', 'node', 'NodeDown'), grafanaRuleUid('infra', 'node', 'NodeLoadHigh')].sort());
    expect(grafana.state.ruleGroupIntervals.get([...grafana.state.ruleGroupIntervals.keys()][0]!)).toBe(120);
    expect(rules.find((r) => r.title === 'NodeDown')?.annotations?.['description']).toBe('{{ $labels.instance }} is down ({{ $values.B.Value }}).');
  });

  test('WHEN a group without interval is saved THEN Grafana uses 60 s and the listing has no interval', async () => {
    const { interval: _omit, ...noInterval } = NODE;
    await target().saveGroup('infra', noInterval);
    const [listed] = await target().listGroups();
    expect(listed!.group.interval).toBeUndefined();
  });

  test('WHEN the group is saved again without a rule THEN that rule disappears and the other keeps its uid', async () => {
    await target().saveGroup('infra', NODE);
    await target().saveGroup('infra', { ...NODE, rules: [NODE.rules[1]!] });
    const rules = await storedRules();
    expect(rules.map((r) => [r.uid, r.title])).toEqual([[grafanaRuleUid('infra', 'node', 'NodeLoadHigh'), 'NodeLoadHigh']]);
    const [listed] = await target().listGroups();
    expect(listed!.group.rules.map((r) => ('alert' in r ? r.alert : r.record))).toEqual(['NodeLoadHigh']);
  });

  test('WHEN a group repeats an alert name with two severities THEN both rules are stored and listed in order', async () => {
    const group: RuleGroupJson = {
      name: 'fs',
      rules: [
        { alert: 'FsFilling', expr: 'avail < 0.4', labels: { severity: 'warning' } },
        { alert: 'FsFilling', expr: 'avail < 0.2', labels: { severity: 'critical' } },
      ],
    };
    await target().saveGroup('infra', group);
    await target().saveGroup('infra', group);
    expect(await storedRules()).toHaveLength(2);
    const [listed] = await target().listGroups();
    expect(sameRuleGroup(listed!.group, group)).toBe(true);
  });

  test('WHEN groups live in two folders THEN both are listed, sorted by folder and name', async () => {
    await target().saveGroup('infra', NODE);
    await target().saveGroup('apps', { name: 'api', rules: [{ alert: 'ApiErrors', expr: 'rate(errors[5m]) > 1' }] });
    await target().saveGroup('apps', { name: 'aaa', rules: [{ alert: 'X', expr: 'x > 1' }] });
    expect((await target().listGroups()).map((g) => [g.namespace, g.group.name])).toEqual([
      ['apps', 'aaa'],
      ['apps', 'api'],
      ['infra', 'node'],
    ]);
  });

  test('WHEN a group is deleted THEN it is gone, and deleting it again succeeds', async () => {
    await target().saveGroup('infra', NODE);
    await target().deleteGroup('infra', 'node');
    expect(await storedRules()).toEqual([]);
    await expect(target().deleteGroup('infra', 'node')).resolves.toBeUndefined();
    expect(await target().listGroups()).toEqual([]);
  });

  test('WHEN a group was created outside grafts THEN it is listed as unmanaged; a rule added to a managed group is listed in it', async () => {
    await client().request({
      method: 'PUT',
      path: '/api/v1/provisioning/folder/apps/rule-groups/manual',
      body: {
        title: 'manual',
        folderUid: 'apps',
        interval: 60,
        rules: [{ ...target().toGroup('apps', { name: 'manual', rules: [{ alert: 'M', expr: 'm > 0' }] }).rules[0]!, annotations: {} }],
      },
    });
    await target().saveGroup('infra', NODE);
    const extra = { ...target().toGroup('infra', { name: 'node', rules: [{ alert: 'UiAdded', expr: 'ui > 0' }] }).rules[0]!, annotations: {} };
    await client().request({ method: 'POST', path: '/api/v1/provisioning/alert-rules', body: extra });
    const listed = await target().listGroups();
    expect(listed.map((g) => [g.namespace, g.group.name, g.managed])).toEqual([
      ['infra', 'node', true],
      ['apps', 'manual', false],
    ]);
    expect(listed[0]!.group.rules.map((r) => ('alert' in r ? r.alert : r.record))).toEqual(['NodeDown', 'NodeLoadHigh', 'UiAdded']);
  });

  test('WHEN saved with the default provenance THEN rules are provisioned ("api", locked in the UI)', async () => {
    await target().saveGroup('infra', NODE);
    expect((await storedRules()).map((r) => r.provenance)).toEqual(['api', 'api']);
  });

  test('WHEN saved with provenance "none" THEN X-Disable-Provenance is sent and rules stay editable', async () => {
    await target({ provenance: 'none' }).saveGroup('infra', NODE);
    expect((await storedRules()).map((r) => r.provenance)).toEqual([undefined, undefined]);
    expect([...grafana.state.alertRules.values()].map((r) => r.provenance)).toEqual(['', '']);
  });

  test('WHEN a group holds file-provisioned rules THEN saving fails with a 409 GrafanaApiError', async () => {
    await target().saveGroup('infra', NODE);
    for (const stored of grafana.state.alertRules.values()) stored.provenance = 'file';
    const error = await target()
      .saveGroup('infra', NODE)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrafanaApiError);
    expect((error as GrafanaApiError).status).toBe(409);
    await expect(target().deleteGroup('infra', 'node')).rejects.toMatchObject({ status: 409 });
  });

  test('WHEN the folder does not exist THEN saving fails with a 400 GrafanaApiError naming the request', async () => {
    const error = await target()
      .saveGroup('missing', NODE)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrafanaApiError);
    expect((error as GrafanaApiError).status).toBe(400);
    expect(String(error)).toContain('/api/v1/provisioning/folder/missing/rule-groups/node');
  });

  test('WHEN Grafana answers the PUT with a 503 and Retry-After THEN the client waits as told, retries and the group lands once', async () => {
    const waits: number[] = [];
    const patient = new GrafanaClient({ url: grafana.url, token: grafana.token, sleep: async (ms) => void waits.push(ms) });
    // Seed 6 with errorRate 0.5: the first provisioning request fails, the following ones pass.
    grafana.faults.set({ errorRate: 0.5, errorStatuses: [503], errorRetryAfterSeconds: 2, seed: 6, paths: ['/api/v1/provisioning/'] });
    await new GrafanaAlertingTarget({ name: 'test', client: patient, prometheusDatasourceUid: 'prom' }).saveGroup('infra', NODE);
    grafana.faults.clear();
    expect(writes().map((r) => `${r.method} ${r.status}${r.fault ? ` ${r.fault}` : ''}`)).toEqual(['PUT 503 error', 'PUT 200']);
    expect(waits).toEqual([2000]);
    expect((await storedRules()).map((r) => r.title)).toEqual(['NodeDown', 'NodeLoadHigh']);
  });

  test('WHEN a group holds a recording rule THEN it is saved with `record` and listed back as a recording rule', async () => {
    const group: RuleGroupJson = { name: 'rec', rules: [{ record: 'job:up:sum', expr: 'sum by (job) (up)' }] };
    await target().saveGroup('infra', group);
    expect((await storedRules()).map((r) => r.record)).toEqual([{ metric: 'job:up:sum', from: 'A' }]);
    const listed = await target().listGroups();
    expect(sameRuleGroup(listed[0]!.group, group)).toBe(true);
  });

  test('WHEN a recording rule records an invalid metric name THEN it is refused before any request', async () => {
    const group: RuleGroupJson = { name: 'rec', rules: [{ record: 'job-up-sum', expr: 'sum by (job) (up)' }] };
    await expect(target().saveGroup('infra', group)).rejects.toThrow(UnsupportedRuleError);
    expect(grafana.requests).toEqual([]);
  });

  test('WHEN the token is rejected THEN the error never shows it', async () => {
    const sentinel = 'glsa_SENTINELsentinelSENTINELsentinel00_deadbeef';
    const bad = new GrafanaAlertingTarget({ name: 'test', client: client(sentinel), prometheusDatasourceUid: 'prom' });
    const error = await bad.saveGroup('infra', NODE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrafanaApiError);
    expect((error as GrafanaApiError).status).toBe(401);
    for (const text of [String(error), (error as Error).stack ?? '', JSON.stringify(error), inspect(error, { depth: 10 })]) {
      expect(text).not.toContain('SENTINEL');
    }
  });

  test('WHEN the target is described THEN it names the URL, data source and provenance, not the token', () => {
    const text = target({ provenance: 'none' }).describe();
    expect(text).toContain(grafana.url);
    expect(text).toContain('prom');
    expect(text).toContain('provenance none');
    expect(text).not.toContain(grafana.token);
  });

  test('WHEN no Prometheus data source uid is given THEN the target is refused', () => {
    expect(() => new GrafanaAlertingTarget({ name: 't', client: client(), prometheusDatasourceUid: '' })).toThrow(/prometheusDatasourceUid/);
  });
});
