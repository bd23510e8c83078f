/**
 * The behavioural contract of the Prometheus-style ruler config API grafts relies on
 * (grafana-api.md §9.1–9.3): YAML bodies, 202 acknowledgements, create-or-replace by group name,
 * text 404s, the flavour's empty answer (Mimir/Cortex `200 {}`, Loki `404 no rule groups found`).
 * It runs against the ruler emulator in every flavour by default, and against a real ruler when
 * RULER_CONTRACT_URL is set (see ruler-contract-target.ts) — proving the emulator. Every namespace
 * it creates is `grafts-contract-<runId>[-<name>]` and is deleted afterwards.
 */
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse, stringify } from 'yaml';
import type { RulerFlavor } from '../../lib/testing/index.js';
import {
  emulatorRulerKey,
  openRulerContractTarget,
  rulerContractFlavors,
  rulerContractKind,
  rulerPath,
  type RulerContractTarget,
  type RulerResult,
} from './ruler-contract-target.js';

const ACK = { status: 'success', data: null, errorType: '', error: '' };

/** A status with a one-line text body (the ruler's errors are `http.Error` text with a newline). */
function expectText(res: RulerResult, status: number, text: string): void {
  expect([res.status, res.text.trim()]).toEqual([status, text]);
}

/** What a flavour answers for a listing with nothing in it. */
function expectEmpty(res: RulerResult, flavor: RulerFlavor): void {
  if (flavor === 'loki') {
    expectText(res, 404, 'no rule groups found');
  } else {
    expectText(res, 200, '{}');
    expect(res.contentType).toMatch(/^application\/yaml/);
  }
}

function expectAccepted(res: RulerResult): void {
  expect(res.status).toBe(202);
  expect(JSON.parse(res.text)).toEqual(ACK);
}

describe.each(rulerContractFlavors())(`ruler config API contract (${rulerContractKind}, %s)`, (flavor) => {
  let target: RulerContractTarget;
  const expr = flavor === 'loki' ? 'sum(count_over_time({job="grafts-contract"} |= "error" [5m])) > 10' : 'sum(rate(grafts_contract_total[5m])) > 10';
  const recordExpr = flavor === 'loki' ? 'sum(count_over_time({job="grafts-contract"}[5m]))' : 'sum by (job) (grafts_contract_total)';

  /** A group as posted: durations in the long form, which the server re-marshals (§9.1). */
  const posted = (name: string, alert = 'GraftsContractHigh') =>
    stringify({
      name,
      interval: '60s',
      rules: [
        { alert, expr, for: '300s', labels: { severity: 'warning' }, annotations: { summary: 'grafts contract' } },
        { record: 'grafts:contract:sum', expr: recordExpr },
      ],
    });
  /** The same group as the server answers it. */
  const stored = (name: string, alert = 'GraftsContractHigh') => ({
    name,
    interval: '1m',
    rules: [
      { alert, expr, for: '5m', labels: { severity: 'warning' }, annotations: { summary: 'grafts contract' } },
      { record: 'grafts:contract:sum', expr: recordExpr },
    ],
  });

  beforeAll(async () => {
    target = await openRulerContractTarget(flavor);
  });
  afterAll(() => target?.stop());

  test(`GIVEN a tenant WHEN all rules are listed THEN a YAML map without the run's namespaces (empty: ${flavor === 'loki' ? '404 no rule groups found' : '200 {}'})`, async () => {
    const res = await target.call('GET', '');
    // An emulator starts empty; a real tenant may hold other rules, then only the map's shape is checked.
    const empty = target.kind === 'emulator' || res.status === 404 || res.text.trim() === '{}';
    if (empty) expectEmpty(res, flavor);
    else {
      expect(res.status).toBe(200);
      expect(Object.keys(parse(res.text)).filter((ns) => ns.startsWith(`grafts-contract-${target.runId}`))).toEqual([]);
    }
  });

  test(`GIVEN an unknown namespace WHEN read THEN ${flavor === 'loki' ? '404 no rule groups found' : '200 {}'}; an unknown group THEN 404 group does not exist`, async () => {
    const ns = target.namespace('unknown');
    expectEmpty(await target.call('GET', rulerPath(ns)), flavor);
    const group = await target.call('GET', rulerPath(ns, 'nope'));
    expectText(group, 404, 'group does not exist');
  });

  test('GIVEN a YAML group WHEN POSTed THEN 202; GET namespace is a map with it, GET group is the group re-marshalled', async () => {
    const ns = target.namespace('create');
    expectAccepted(await target.call('POST', rulerPath(ns), posted('cpu')));
    const namespace = await target.call('GET', rulerPath(ns));
    expect(namespace.status).toBe(200);
    expect(namespace.contentType).toMatch(/^application\/yaml/);
    expect(parse(namespace.text)).toEqual({ [ns]: [stored('cpu')] });
    const group = await target.call('GET', rulerPath(ns, 'cpu'));
    expect(group.status).toBe(200);
    expect(group.contentType).toMatch(/^application\/yaml/);
    expect(parse(group.text)).toEqual(stored('cpu'));
    const all = parse((await target.call('GET', '')).text);
    expect(all[ns]).toEqual([stored('cpu')]);
  });

  test('GIVEN a stored group WHEN a group of the same name is POSTed THEN it replaces it', async () => {
    const ns = target.namespace('replace');
    expectAccepted(await target.call('POST', rulerPath(ns), posted('cpu')));
    expectAccepted(await target.call('POST', rulerPath(ns), posted('cpu', 'GraftsContractRenamed')));
    expect(parse((await target.call('GET', rulerPath(ns))).text)).toEqual({ [ns]: [stored('cpu', 'GraftsContractRenamed')] });
  });

  test('GIVEN two groups WHEN one is DELETEd THEN 202, it is gone and the other stays; deleted again THEN 404', async () => {
    const ns = target.namespace('delete-group');
    expectAccepted(await target.call('POST', rulerPath(ns), posted('a')));
    expectAccepted(await target.call('POST', rulerPath(ns), posted('b')));
    expectAccepted(await target.call('DELETE', rulerPath(ns, 'a')));
    const gone = await target.call('GET', rulerPath(ns, 'a'));
    expectText(gone, 404, 'group does not exist');
    expect(parse((await target.call('GET', rulerPath(ns))).text)).toEqual({ [ns]: [stored('b')] });
    const again = await target.call('DELETE', rulerPath(ns, 'a'));
    expectText(again, 404, 'group does not exist');
  });

  test('GIVEN a namespace of two groups WHEN the namespace is DELETEd THEN 202 and it reads as empty; deleted again THEN 404', async () => {
    const ns = target.namespace('delete-namespace');
    expectAccepted(await target.call('POST', rulerPath(ns), posted('a')));
    expectAccepted(await target.call('POST', rulerPath(ns), posted('b')));
    expectAccepted(await target.call('DELETE', rulerPath(ns)));
    expectEmpty(await target.call('GET', rulerPath(ns)), flavor);
    const again = await target.call('DELETE', rulerPath(ns));
    expectText(again, 404, 'group namespace does not exist');
  });

  test('GIVEN a body that is not a rule group WHEN POSTed THEN 400 unable to decode rule group and nothing is stored', async () => {
    const ns = target.namespace('bad-yaml');
    for (const body of ['name: [unclosed', '- a list\n- not a group\n']) {
      const res = await target.call('POST', rulerPath(ns), body);
      expectText(res, 400, 'unable to decode rule group');
    }
    expectEmpty(await target.call('GET', rulerPath(ns)), flavor);
  });

  test('GIVEN neither tenant nor credentials WHEN listing THEN refused (400/401) where the server needs a tenant', async () => {
    const res = await target.anonymous('GET', '');
    if (target.tenantRequired) expect([400, 401]).toContain(res.status);
    // A single-tenant ruler without auth serves anonymous requests as its one tenant.
    else expect([200, 404]).toContain(res.status);
  });

  test('GIVEN the target WHEN inspected THEN the key is not in it', () => {
    const key = process.env.RULER_CONTRACT_KEY || emulatorRulerKey(target.runId);
    expect(inspect(target, { depth: 10, showHidden: true })).not.toContain(key);
  });
});
