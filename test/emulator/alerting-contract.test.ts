/**
 * The behavioural contract of the alerting provisioning API grafts relies on (grafana-api.md
 * §6.1–6.4): whole-group PUT with given rule uids, order and interval, deletion of omitted rules,
 * provenance by `X-Disable-Provenance`, listing, group DELETE, missing folders, folders holding
 * rules. It runs against the emulator by default, and against a real Grafana when GRAFANA_URL and
 * GRAFANA_TOKEN are set (contract-target.ts). Every folder, uid and title carries a per-run id;
 * the folders are deleted afterwards with `forceDeleteRules=true`, which takes their rules along.
 * The rules use server-side expressions only, so no data source has to exist.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Cleanup, contractTargetKind, httpClient, openContractTarget, type Call, type ContractTarget } from './contract-target.js';

const RULES = '/api/v1/provisioning/alert-rules';
const NO_PROVENANCE = { 'X-Disable-Provenance': 'true' };
const GROUP_NOT_FOUND = { messageId: 'alerting.alert-rule.notFound', message: 'Not found' };

let target: ContractTarget;
let call: Call;
let folder: string;
const cleanup = new Cleanup();

const uid = (name: string): string => `${target.runId}-${name}`;
const groupPath = (group: string, folderUid = folder): string => `/api/v1/provisioning/folder/${folderUid}/rule-groups/${group}`;

/** An alerting rule on expressions only (`1 > 0`): valid on any Grafana without a data source. */
function rule(name: string, group: string, folderUid = folder): Record<string, unknown> {
  return {
    uid: uid(name),
    folderUID: folderUid,
    ruleGroup: group,
    title: `grafts ${target.runId} ${name}`,
    condition: 'B',
    data: [
      { refId: 'A', relativeTimeRange: { from: 0, to: 0 }, datasourceUid: '__expr__', model: { type: 'math', expression: '1', refId: 'A' } },
      {
        refId: 'B',
        relativeTimeRange: { from: 0, to: 0 },
        datasourceUid: '__expr__',
        model: { type: 'threshold', expression: 'A', conditions: [{ evaluator: { type: 'gt', params: [0] } }], refId: 'B' },
      },
    ],
    noDataState: 'NoData',
    execErrState: 'Error',
    for: '5m',
    labels: { grafts_contract: target.runId },
    annotations: { summary: `grafts contract ${name}` },
  };
}

/** A whole group body; `title`/`folderUid` deliberately wrong, the path wins (§6.1). */
function groupBody(group: string, names: string[], interval = 120, folderUid = folder) {
  return { title: 'ignored', folderUid: 'ignored', interval, rules: names.map((n) => rule(n, group, folderUid)) };
}

async function putGroup(group: string, names: string[], headers: Record<string, string> = {}, folderUid = folder) {
  const res = await call('PUT', groupPath(group, folderUid), groupBody(group, names, 120, folderUid), headers);
  expect(res.status).toBe(200);
  return res;
}

async function createFolder(name: string): Promise<string> {
  const res = await call('POST', '/api/folders', { uid: cleanup.folder(uid(name)), title: `grafts ${target.runId} ${name}` });
  expect(res.status).toBe(200);
  return res.body.uid as string;
}

beforeAll(async () => {
  target = await openContractTarget();
  call = httpClient(target.url, target.token);
  folder = await createFolder('alerts');
});

afterAll(async () => {
  if (call) await cleanup.run(call);
  await target?.stop();
});

describe(`alerting provisioning contract (${contractTargetKind})`, () => {
  test('GIVEN a folder WHEN a full group is PUT THEN 200 with folderUid/title from the path, and GET has the given uids in body order and the interval', async () => {
    const put = await putGroup('order', ['b', 'a', 'c']);
    expect(put.body).toMatchObject({ title: 'order', folderUid: folder, interval: 120 });
    const got = await call('GET', groupPath('order'));
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ title: 'order', folderUid: folder, interval: 120 });
    expect(got.body.rules.map((r: { uid: string }) => r.uid)).toEqual([uid('b'), uid('a'), uid('c')]);
    for (const r of got.body.rules) expect(r).toMatchObject({ folderUID: folder, ruleGroup: 'order', for: '5m', labels: { grafts_contract: target.runId } });
  });

  test('GIVEN a group of three WHEN PUT again with one rule fewer THEN that rule is deleted and the others keep their uids', async () => {
    await putGroup('shrink', ['s1', 's2', 's3']);
    await putGroup('shrink', ['s1', 's3']);
    const got = await call('GET', groupPath('shrink'));
    expect(got.body.rules.map((r: { uid: string }) => r.uid)).toEqual([uid('s1'), uid('s3')]);
    const gone = await call('GET', `${RULES}/${uid('s2')}`);
    expect(gone.status).toBe(404);
    expect(gone.text).toBe('');
  });

  test('GIVEN a group PUT without X-Disable-Provenance THEN its rules have provenance "api"; with the header THEN none', async () => {
    await putGroup('provisioned', ['p1']);
    await putGroup('editable', ['e1'], NO_PROVENANCE);
    expect((await call('GET', `${RULES}/${uid('p1')}`)).body.provenance).toBe('api');
    const editable = await call('GET', `${RULES}/${uid('e1')}`);
    expect(editable.status).toBe(200);
    expect(editable.body.provenance ?? '').toBe('');
    expect((await call('GET', groupPath('editable'))).body.rules[0].provenance ?? '').toBe('');
  });

  test('GIVEN a provisioned ("api") group WHEN PUT with X-Disable-Provenance THEN allowed (api → none) and the rules become editable', async () => {
    await putGroup('unlock', ['u1']);
    await putGroup('unlock', ['u1'], NO_PROVENANCE);
    expect((await call('GET', `${RULES}/${uid('u1')}`)).body.provenance ?? '').toBe('');
  });

  test('GIVEN groups in the folder WHEN all alert rules are listed THEN 200 and they are among them with folder, group and orgID', async () => {
    await putGroup('listed', ['l1', 'l2']);
    const res = await call('GET', RULES);
    expect(res.status).toBe(200);
    const ours = (res.body as { uid: string; ruleGroup: string }[]).filter((r) => r.ruleGroup === 'listed' && r.uid.startsWith(target.runId));
    expect(ours.map((r) => r.uid).sort()).toEqual([uid('l1'), uid('l2')]);
    for (const r of ours) expect(r).toMatchObject({ folderUID: folder, orgID: expect.any(Number), title: expect.stringContaining(target.runId) });
  });

  test("GIVEN a group WHEN DELETEd THEN 204, GET group is 404 and its rules are gone; the folder's other groups stay", async () => {
    await putGroup('doomed', ['d1', 'd2']);
    await putGroup('survivor', ['v1']);
    const res = await call('DELETE', groupPath('doomed'));
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    const got = await call('GET', groupPath('doomed'));
    expect(got.status).toBe(404);
    expect(got.body).toMatchObject(GROUP_NOT_FOUND);
    expect((await call('GET', `${RULES}/${uid('d1')}`)).status).toBe(404);
    expect((await call('GET', `${RULES}/${uid('v1')}`)).status).toBe(200);
  });

  test('GIVEN an unknown group WHEN read or deleted THEN 404 alerting.alert-rule.notFound', async () => {
    for (const method of ['GET', 'DELETE']) {
      const res = await call(method, groupPath('never'));
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject(GROUP_NOT_FOUND);
    }
  });

  test('GIVEN a folder that does not exist WHEN a group is PUT into it THEN it fails (400/404) and no rule is created', async () => {
    const missing = uid('missing-folder');
    const res = await call('PUT', groupPath('lost', missing), groupBody('lost', ['m1'], 120, missing));
    expect([400, 404]).toContain(res.status);
    expect((await call('GET', `${RULES}/${uid('m1')}`)).status).toBe(404);
  });

  test('GIVEN a folder holding rules WHEN deleted without forceDeleteRules THEN 400 and both stay; with it THEN 200 and the rules go too', async () => {
    const doomed = await createFolder('with-rules');
    await putGroup('inside', ['f1'], {}, doomed);
    expect((await call('DELETE', `/api/folders/${doomed}`)).status).toBe(400);
    expect((await call('GET', `${RULES}/${uid('f1')}`)).status).toBe(200);
    expect((await call('DELETE', `/api/folders/${doomed}?forceDeleteRules=true`)).status).toBe(200);
    expect((await call('GET', `${RULES}/${uid('f1')}`)).status).toBe(404);
  });

  test('GIVEN no credentials WHEN the rules are listed THEN 401', async () => {
    expect((await httpClient(target.url, undefined)('GET', RULES)).status).toBe(401);
  });
});
