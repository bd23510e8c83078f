/**
 * The Grafana emulator's alerting provisioning API (grafana-api.md §6.1–6.4, §11): status codes,
 * bodies, provenance, and the replace semantics of rule-group PUT — what the behavioural contract
 * (alerting-contract.test.ts, which also runs against a real Grafana) does not cover: exact
 * validation messages, state inspection, arranged `file` provenance, single-rule endpoints.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startGrafanaEmulator, type GrafanaEmulator } from '../../lib/testing/index.js';
import { httpClient, type Call } from './contract-target.js';

let grafana: GrafanaEmulator;
let call: Call;

const RULES = '/api/v1/provisioning/alert-rules';
const group = (folder: string, name: string): string => `/api/v1/provisioning/folder/${folder}/rule-groups/${name}`;
const NO_PROVENANCE = { 'X-Disable-Provenance': 'true' };

function rule(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    folderUID: 'alerts',
    ruleGroup: 'cpu',
    title: 'High CPU',
    condition: 'C',
    data: [
      { refId: 'A', relativeTimeRange: { from: 600, to: 0 }, datasourceUid: 'prom', model: { expr: 'up', refId: 'A' } },
      { refId: 'C', datasourceUid: '__expr__', model: { type: 'threshold', expression: 'A', refId: 'C' } },
    ],
    noDataState: 'NoData',
    execErrState: 'Error',
    for: '300s',
    labels: { team: 'sre' },
    annotations: { summary: 'CPU is high' },
    ...overrides,
  };
}

beforeAll(async () => {
  grafana = await startGrafanaEmulator();
  call = httpClient(grafana.url, grafana.token);
});

afterAll(() => grafana?.stop());

beforeEach(async () => {
  grafana.reset();
  expect((await call('POST', '/api/folders', { uid: 'alerts', title: 'Alerts' })).status).toBe(200);
  expect((await call('POST', '/api/folders', { uid: 'other', title: 'Other' })).status).toBe(200);
});

describe('alert rules', () => {
  test('GIVEN no rules WHEN listed THEN 200 []', async () => {
    const res = await call('GET', RULES);
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
  });

  test('GIVEN a valid rule WHEN POSTed THEN 201 with id, uid, updated, orgID and provenance "api", durations normalised', async () => {
    const res = await call('POST', RULES, rule({ uid: 'cpu-high', orgID: 99, id: 1234, provenance: 'file' }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      uid: 'cpu-high',
      orgID: 1,
      folderUID: 'alerts',
      ruleGroup: 'cpu',
      title: 'High CPU',
      for: '5m',
      keep_firing_for: '0s',
      provenance: 'api',
      isPaused: false,
      labels: { team: 'sre' },
      annotations: { summary: 'CPU is high' },
    });
    expect(res.body.id).not.toBe(1234);
    expect(res.body.updated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(res.body.data[1]).toMatchObject({ refId: 'C', queryType: '', relativeTimeRange: { from: 0, to: 0 } });
    expect((await call('GET', `${RULES}/cpu-high`)).body).toEqual(res.body);
  });

  test('GIVEN a rule without uid WHEN POSTed THEN a uid is generated and the group gets the default 60s interval', async () => {
    const res = await call('POST', RULES, rule());
    expect(res.status).toBe(201);
    expect(res.body.uid).toMatch(/^[a-z][a-z0-9]{13}$/);
    const g = await call('GET', group('alerts', 'cpu'));
    expect(g.status).toBe(200);
    expect(g.body).toMatchObject({ title: 'cpu', folderUid: 'alerts', interval: 60 });
    expect(g.body.rules.map((r: { uid: string }) => r.uid)).toEqual([res.body.uid]);
  });

  test('GIVEN the X-Disable-Provenance header (even empty) WHEN a rule is POSTed THEN it has no provenance', async () => {
    const res = await call('POST', RULES, rule({ uid: 'editable' }), { 'X-Disable-Provenance': '' });
    expect(res.status).toBe(201);
    expect(res.body).not.toHaveProperty('provenance');
    expect(grafana.state.alertRules.get('editable')?.provenance).toBe('');
  });

  test('GIVEN an unknown uid WHEN it is read or updated THEN 404 with an empty body; WHEN deleted THEN 204', async () => {
    const get = await call('GET', `${RULES}/nope`);
    expect(get.status).toBe(404);
    expect(get.text).toBe('');
    const put = await call('PUT', `${RULES}/nope`, rule());
    expect(put.status).toBe(404);
    expect(put.text).toBe('');
    expect((await call('DELETE', `${RULES}/nope`)).status).toBe(204);
  });

  test.each([
    ['a bad noDataState', { noDataState: 'Sometimes' }, 'invalid alert rule: unknown NoData state option Sometimes'],
    ['a missing noDataState', { noDataState: undefined }, 'invalid alert rule: unknown NoData state option '],
    ['a bad execErrState', { execErrState: 'Oops' }, 'invalid alert rule: unknown Error state option Oops'],
    ['no data', { data: [] }, 'invalid alert rule: no queries or expressions are found'],
    ['an empty title', { title: ' ' }, 'invalid alert rule: title is empty'],
    ['an unknown condition', { condition: 'Z' }, 'invalid alert rule: condition Z does not exist, must be one of [A C]'],
    ['a missing condition', { condition: undefined }, 'invalid alert rule: condition  does not exist, must be one of [A C]'],
    ['a missing folder', { folderUID: 'ghost' }, 'invalid alert rule: folder does not exist'],
    ['a reserved label', { labels: { __grafana_receiver__: 'x' } }, 'invalid alert rule: system reserved label __grafana_receiver__ cannot be defined'],
  ])('GIVEN a rule with %s WHEN POSTed THEN 400 with the validation message', async (_name, overrides, message) => {
    const res = await call('POST', RULES, rule(overrides));
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ message, traceID: '' });
    expect(grafana.state.alertRules.size).toBe(0);
  });

  test('GIVEN malformed JSON or a bad duration WHEN POSTed THEN 400 bad request data', async () => {
    expect((await call('POST', RULES, '{nope')).body).toMatchObject({ message: 'bad request data' });
    const res = await call('POST', RULES, rule({ for: 'five minutes' }));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ message: 'bad request data' });
  });

  test('GIVEN a rule WHEN PUT with changes THEN 200, the path uid wins and updated is set', async () => {
    await call('POST', RULES, rule({ uid: 'r1' }));
    const res = await call('PUT', `${RULES}/r1`, rule({ uid: 'ignored', title: 'Renamed', for: '1h30m' }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ uid: 'r1', title: 'Renamed', for: '1h30m', provenance: 'api' });
    expect(grafana.state.alertRules.has('ignored')).toBe(false);
  });

  test('GIVEN a rule with provenance "api" WHEN PUT or DELETEd with X-Disable-Provenance THEN 409 and it is unchanged', async () => {
    await call('POST', RULES, rule({ uid: 'r1' }));
    const put = await call('PUT', `${RULES}/r1`, rule({ title: 'x' }), NO_PROVENANCE);
    expect(put.status).toBe(409);
    expect(put.body).toMatchObject({ messageId: 'alerting.notifications.invalidProvenance', message: "cannot change provenance from 'api' to ''" });
    expect((await call('DELETE', `${RULES}/r1`, undefined, NO_PROVENANCE)).status).toBe(409);
    expect((await call('GET', `${RULES}/r1`)).body.title).toBe('High CPU');
  });

  test('GIVEN a rule without provenance WHEN PUT without the header THEN it becomes provisioned ("api")', async () => {
    await call('POST', RULES, rule({ uid: 'r1' }), NO_PROVENANCE);
    const res = await call('PUT', `${RULES}/r1`, rule());
    expect(res.status).toBe(200);
    expect(res.body.provenance).toBe('api');
  });

  test('GIVEN a rule WHEN DELETEd THEN 204 with no body and it is gone', async () => {
    await call('POST', RULES, rule({ uid: 'r1' }));
    const res = await call('DELETE', `${RULES}/r1`);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect((await call('GET', `${RULES}/r1`)).status).toBe(404);
  });
});

describe('rule groups', () => {
  const groupBody = (rules: Record<string, unknown>[], interval = 120) => ({ title: 'ignored', folderUid: 'ignored', interval, rules });

  test('GIVEN a rule in another group WHEN a group PUT names its uid THEN it moves into this group', async () => {
    await call('POST', RULES, rule({ uid: 'm', folderUID: 'other', ruleGroup: 'old' }));
    await call('PUT', group('alerts', 'cpu'), groupBody([rule({ uid: 'm' })]));
    expect((await call('GET', `${RULES}/m`)).body).toMatchObject({ folderUID: 'alerts', ruleGroup: 'cpu' });
    expect((await call('GET', group('other', 'old'))).status).toBe(404);
  });

  test('GIVEN an unchanged group WHEN PUT again THEN the rules are not rewritten (updated kept)', async () => {
    const body = groupBody([rule({ uid: 'a' })]);
    await call('PUT', group('alerts', 'cpu'), body);
    const before = grafana.state.alertRules.get('a')!.version;
    await call('PUT', group('alerts', 'cpu'), body);
    expect(grafana.state.alertRules.get('a')!.version).toBe(before);
  });

  test('GIVEN a group WHEN PUT without rules THEN only the interval changes', async () => {
    await call('PUT', group('alerts', 'cpu'), groupBody([rule({ uid: 'a' })]));
    const res = await call('PUT', group('alerts', 'cpu'), { interval: 300 });
    expect(res.status).toBe(200);
    const g = await call('GET', group('alerts', 'cpu'));
    expect(g.body.interval).toBe(300);
    expect(g.body.rules).toHaveLength(1);
  });

  test('GIVEN a group WHEN PUT with rules: [] THEN the group is gone', async () => {
    await call('PUT', group('alerts', 'cpu'), groupBody([rule({ uid: 'a' })]));
    expect((await call('PUT', group('alerts', 'cpu'), groupBody([]))).status).toBe(200);
    expect((await call('GET', group('alerts', 'cpu'))).status).toBe(404);
  });

  test.each([0, 15, -10])('GIVEN interval %i WHEN a group is PUT THEN 400 interval message', async (interval) => {
    const res = await call('PUT', group('alerts', 'cpu'), groupBody([rule()], interval));
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(`invalid alert rule: interval (${interval}s) should be non-zero and divided exactly by scheduler interval: 10`);
  });

  test('GIVEN an invalid rule WHEN a group is PUT THEN 400 and nothing is written, not even the valid rules', async () => {
    const res = await call('PUT', group('alerts', 'cpu'), groupBody([rule({ uid: 'ok' }), rule({ execErrState: 'Nope' })]));
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('invalid alert rule: unknown Error state option Nope');
    expect(grafana.state.alertRules.size).toBe(0);
  });

  test('GIVEN a group with provenance "file" WHEN PUT or DELETEd THEN 409 alerting.provenanceMismatch', async () => {
    await call('PUT', group('alerts', 'cpu'), groupBody([rule({ uid: 'a' })]));
    grafana.state.alertRules.get('a')!.provenance = 'file';
    const put = await call('PUT', group('alerts', 'cpu'), groupBody([rule({ uid: 'a', title: 'x' })]));
    expect(put.status).toBe(409);
    expect(put.body).toMatchObject({ messageId: 'alerting.provenanceMismatch', message: "cannot update with provided provenance 'api', needs 'file'" });
    expect((await call('DELETE', group('alerts', 'cpu'))).status).toBe(409);
  });

  test('GIVEN a group with interval 120 WHEN a rule is POSTed into it THEN the rule joins with that interval at the end', async () => {
    await call('PUT', group('alerts', 'cpu'), groupBody([rule({ uid: 'a' })]));
    await call('POST', RULES, rule({ uid: 'z', title: 'Z' }));
    const g = await call('GET', group('alerts', 'cpu'));
    expect(g.body.interval).toBe(120);
    expect(g.body.rules.map((r: { uid: string }) => r.uid)).toEqual(['a', 'z']);
  });
});
