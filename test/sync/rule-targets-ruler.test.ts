import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RuleGroupJson } from '../../lib/mixin/rule-group.js';
import { namespaceMatcher } from '../../lib/sync/rule-targets/namespace-filter.js';
import { RulerError, RulerTarget, rulerTargetFromEnv, type RulerTargetOptions } from '../../lib/sync/rule-targets/ruler-target.js';
import { startFakeRuler, type FakeRuler } from './rule-targets-fake-ruler.js';

const GROUP: RuleGroupJson = {
  name: 'node.rules',
  interval: '1m',
  rules: [
    { alert: 'NodeDown', expr: 'up{job="node"} == 0', for: '5m', labels: { severity: 'critical' }, annotations: { summary: 'node down' } },
    { record: 'instance:up:sum', expr: 'sum by (instance) (up)' },
  ],
};

const noWait = { sleep: async () => undefined, random: () => 0 };

let ruler: FakeRuler;
beforeEach(async () => {
  ruler = await startFakeRuler();
});
afterEach(async () => {
  await ruler.close();
});

function target(options: Partial<RulerTargetOptions> = {}): RulerTarget {
  return new RulerTarget({ url: ruler.url, tenant: 'team-a', ...noWait, ...options });
}

describe('RulerTarget against a Mimir-style ruler', () => {
  it('GIVEN an empty tenant WHEN listing THEN there are no groups', async () => {
    expect(await target().listGroups()).toEqual([]);
  });

  it('GIVEN a saved group WHEN listing THEN it comes back in ONE request, in its namespace', async () => {
    const t = target();
    await t.saveGroup('infra/nodes', GROUP);
    ruler.requests.length = 0;
    const groups = await t.listGroups();
    expect(groups).toEqual([{ namespace: 'infra/nodes', group: GROUP }]);
    expect(ruler.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /prometheus/config/v1/rules']);
  });

  it('GIVEN a group WHEN saving THEN one POST of the whole group as YAML goes to the percent-encoded namespace', async () => {
    await target().saveGroup('infra/nodes', GROUP);
    expect(ruler.requests).toHaveLength(1);
    const [request] = ruler.requests;
    expect(request!.method).toBe('POST');
    expect(request!.path).toBe('/prometheus/config/v1/rules/infra%2Fnodes');
    expect(request!.headers['content-type']).toBe('application/yaml');
    expect(request!.body).toContain('name: node.rules\n');
    expect(ruler.tenants.get('team-a')!.get('infra/nodes')).toEqual([GROUP]);
  });

  it('GIVEN a saved group WHEN saving it again changed THEN it is replaced, not duplicated', async () => {
    const t = target();
    await t.saveGroup('ns', GROUP);
    await t.saveGroup('ns', { ...GROUP, interval: '2m' });
    expect((await t.listGroups()).map((g) => g.group.interval)).toEqual(['2m']);
  });

  it('GIVEN a saved group WHEN deleting it THEN it is gone, and deleting it again succeeds', async () => {
    const t = target();
    await t.saveGroup('ns', GROUP);
    await t.deleteGroup('ns', 'node.rules');
    expect(await t.listGroups()).toEqual([]);
    await expect(t.deleteGroup('ns', 'node.rules')).resolves.toBeUndefined();
    expect(ruler.requests.at(-1)!.path).toBe('/prometheus/config/v1/rules/ns/node.rules');
  });

  it('GIVEN a tenant WHEN requesting THEN X-Scope-OrgID carries it and no Authorization is sent', async () => {
    await target({ tenant: 'team-a' }).listGroups();
    expect(ruler.requests[0]!.headers['x-scope-orgid']).toBe('team-a');
    expect(ruler.requests[0]!.headers.authorization).toBeUndefined();
  });

  it('GIVEN Grafana Cloud credentials (instance id + key) WHEN requesting THEN basic auth is sent and the tenant is the instance', async () => {
    const t = new RulerTarget({ url: ruler.url, user: '123456', key: 'glc_key', ...noWait });
    await t.saveGroup('ns', GROUP);
    expect(ruler.requests[0]!.headers.authorization).toBe(`Basic ${Buffer.from('123456:glc_key').toString('base64')}`);
    expect(ruler.tenants.get('123456')!.get('ns')).toEqual([GROUP]);
  });

  it('GIVEN a tenant and a key but no user WHEN requesting THEN the user is the tenant (as mimirtool) and X-Scope-OrgID is sent too', async () => {
    await target({ tenant: '42', key: 'k3y' }).listGroups();
    expect(ruler.requests[0]!.headers.authorization).toBe(`Basic ${Buffer.from('42:k3y').toString('base64')}`);
    expect(ruler.requests[0]!.headers['x-scope-orgid']).toBe('42');
  });

  it('GIVEN a bearer token WHEN requesting THEN it is sent as Authorization: Bearer', async () => {
    await target({ token: 'tok123' }).listGroups();
    expect(ruler.requests[0]!.headers.authorization).toBe('Bearer tok123');
  });
});

describe('namespace filters', () => {
  it('GIVEN include and exclude globs THEN the matcher lets through only included, not excluded namespaces', () => {
    const accepts = namespaceMatcher({ include: ['team-a-*', 'shared'], exclude: ['team-a-legacy*'] });
    expect(['team-a-api', 'shared', 'team-a-legacy-x', 'team-b', 'team-a'].map(accepts)).toEqual([true, true, false, false, false]);
    expect(namespaceMatcher(undefined)('anything')).toBe(true);
    expect(namespaceMatcher({ include: ['a.b'] })('axb')).toBe(false);
  });

  it("GIVEN other teams' namespaces WHEN listing with filters THEN only this target's namespaces are seen", async () => {
    const open = target();
    for (const ns of ['team-a-api', 'team-a-db', 'team-b', 'integrations-linux']) await open.saveGroup(ns, GROUP);
    const filtered = target({ namespaces: { include: ['team-a-*', 'integrations-*'], exclude: ['integrations-*'] } });
    expect((await filtered.listGroups()).map((g) => g.namespace).sort()).toEqual(['team-a-api', 'team-a-db']);
    expect(filtered.describe()).toContain('include team-a-*, integrations-*; exclude integrations-*');
  });

  it('GIVEN a namespace outside the filters WHEN saving or deleting THEN it is refused without a request', async () => {
    const t = target({ namespaces: { include: ['team-a-*'] } });
    await expect(t.saveGroup('team-b', GROUP)).rejects.toMatchObject({ name: 'RulerError', kind: 'filtered' });
    await expect(t.deleteGroup('team-b', 'g')).rejects.toMatchObject({ kind: 'filtered' });
    expect(ruler.requests).toEqual([]);
  });
});

describe('retries and errors', () => {
  it('GIVEN a 429 with Retry-After and a 503 WHEN saving THEN it is retried until it lands, waiting as asked', async () => {
    const waits: number[] = [];
    ruler.faults.push({ status: 429, headers: { 'Retry-After': '2' } }, { status: 503 });
    const t = target({ sleep: async (ms) => void waits.push(ms) });
    await t.saveGroup('ns', GROUP);
    expect(ruler.requests.map((r) => r.method)).toEqual(['POST', 'POST', 'POST']);
    expect(waits[0]).toBe(2000);
    expect(ruler.tenants.get('team-a')!.get('ns')).toEqual([GROUP]);
  });

  it('GIVEN a ruler that keeps answering 429 WHEN listing THEN a RulerError says it is rate limiting, after the bounded attempts', async () => {
    ruler.faults.push(...Array.from({ length: 10 }, () => ({ status: 429 })));
    const error = await target({ retry: { maxAttempts: 3 } })
      .listGroups()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RulerError);
    expect(error).toMatchObject({ status: 429, attempts: 3 });
    expect((error as Error).message).toMatch(/rate limiting/);
    expect(ruler.requests).toHaveLength(3);
  });

  it("GIVEN invalid PromQL WHEN saving THEN the 400 names the ruler's message and the group", async () => {
    const error = await target()
      .saveGroup('ns', { name: 'bad', rules: [{ record: 'r', expr: 'sum(' }] })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'RulerError', kind: 'http', status: 400 });
    expect((error as Error).message).toContain('could not parse expression');
    expect((error as Error).message).toContain('group "bad"');
  });

  it('GIVEN no tenant and no credentials WHEN listing THEN the suggestion names MIMIR_TENANT_ID', async () => {
    const error = await new RulerTarget({ url: ruler.url, ...noWait }).listGroups().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400 });
    expect((error as RulerError).suggestion).toMatch(/MIMIR_TENANT_ID/);
  });

  it('GIVEN a wrong flavour (Loki path on Mimir) WHEN listing THEN a 404 suggests checking the URL and flavour', async () => {
    const error = await target({ flavour: 'loki' })
      .listGroups()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 404 });
    expect((error as RulerError).suggestion).toMatch(/\/loki\/api\/v1\/rules/);
  });

  it('GIVEN a refused key WHEN listing THEN the 401 suggestion names the credential variables', async () => {
    ruler.requiredAuthorization = 'Basic nope';
    const error = await target({ user: '1', key: 'wrong-key' })
      .listGroups()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401 });
    expect((error as RulerError).suggestion).toMatch(/MIMIR_API_KEY/);
  });

  it('GIVEN nothing listening WHEN listing THEN a network RulerError suggests checking MIMIR_ADDRESS', async () => {
    const url = ruler.url;
    await ruler.close();
    const error = await new RulerTarget({ url, tenant: 't', ...noWait }).listGroups().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'RulerError', kind: 'network' });
    expect((error as RulerError).suggestion).toMatch(/MIMIR_ADDRESS/);
    ruler = await startFakeRuler();
  });
});

describe('Loki flavour', () => {
  it('GIVEN a Loki ruler with an empty tenant (404 "no rule groups found") WHEN listing THEN there are no groups; save and list round-trip', async () => {
    const loki = await startFakeRuler('loki');
    try {
      const t = new RulerTarget({ url: loki.url, flavour: 'loki', tenant: 'logs', ...noWait });
      expect(await t.listGroups()).toEqual([]);
      const logs: RuleGroupJson = { name: 'errors', rules: [{ alert: 'Errors', expr: 'sum(rate({app="a"} |= `error` [5m])) > 1' }] };
      await t.saveGroup('app', logs);
      expect(await t.listGroups()).toEqual([{ namespace: 'app', group: logs }]);
      expect(loki.requests.map((r) => r.path)).toContain('/loki/api/v1/rules/app');
    } finally {
      await loki.close();
    }
  });
});

describe('rulerTargetFromEnv', () => {
  it('GIVEN mimirtool variables WHEN building THEN address, tenant, user and key are used', async () => {
    const t = rulerTargetFromEnv({ MIMIR_ADDRESS: ruler.url, MIMIR_TENANT_ID: 'tenant-1', MIMIR_API_USER: '999', MIMIR_API_KEY: 'glc_x' });
    expect(t.flavour).toBe('mimir');
    expect(t.describe()).toBe(`mimir ruler ${ruler.url}/prometheus/config/v1/rules (tenant tenant-1)`);
    await t.listGroups();
    expect(ruler.requests[0]!.headers['x-scope-orgid']).toBe('tenant-1');
    expect(ruler.requests[0]!.headers.authorization).toBe(`Basic ${Buffer.from('999:glc_x').toString('base64')}`);
  });

  it('GIVEN MIMIR_AUTH_TOKEN WHEN building THEN a bearer token is sent', async () => {
    await rulerTargetFromEnv({ MIMIR_ADDRESS: ruler.url, MIMIR_TENANT_ID: 't', MIMIR_AUTH_TOKEN: 'bearer-x' }).listGroups();
    expect(ruler.requests[0]!.headers.authorization).toBe('Bearer bearer-x');
  });

  it('GIVEN the LOKI prefix WHEN building THEN the flavour is loki', () => {
    expect(rulerTargetFromEnv({ LOKI_ADDRESS: 'http://loki:3100' }, { prefix: 'LOKI' }).apiPath).toBe('/loki/api/v1/rules');
  });

  it('GIVEN no MIMIR_ADDRESS WHEN building THEN a config RulerError says to set it', () => {
    expect(() => rulerTargetFromEnv({})).toThrow(/MIMIR_ADDRESS is not set/);
  });
});

describe('secrets never appear in errors (sentinels)', () => {
  const KEY = 'glc_SENTINEL_DO_NOT_PRINT_789';
  const SENTINELS = [KEY, 'SENTINEL_DO_NOT_PRINT', Buffer.from(`123456:${KEY}`).toString('base64'), encodeURIComponent(KEY)];

  function renderings(error: unknown): string[] {
    const e = error as Error;
    return [e.message, String(e), JSON.stringify(e), inspect(e, { depth: 20, showHidden: true, getters: true }), e.stack ?? ''];
  }

  const failures: [string, (r: FakeRuler) => void][] = [
    ['401', (r) => void (r.requiredAuthorization = 'Basic other')],
    ['a 400 echoing the key', (r) => void r.faults.push({ status: 400, body: `bad key ${KEY}` })],
    ['429 forever', (r) => void r.faults.push(...Array.from({ length: 10 }, () => ({ status: 429 })))],
    [
      '500 with the auth header echoed',
      (r) => void r.faults.push({ status: 500, body: `Authorization: Basic ${Buffer.from(`123456:${KEY}`).toString('base64')}` }),
    ],
  ];
  it.each(failures)('GIVEN a ruler failing with %s WHEN each operation runs THEN no rendering of the error holds the key', async (_, arrange) => {
    for (const op of ['list', 'save', 'delete'] as const) {
      ruler.faults.length = 0;
      ruler.requiredAuthorization = undefined;
      arrange(ruler);
      const t = new RulerTarget({ url: ruler.url, user: '123456', key: KEY, ...noWait });
      const run = op === 'list' ? t.listGroups() : op === 'save' ? t.saveGroup('ns', GROUP) : t.deleteGroup('ns', 'g');
      const error = await run.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(RulerError);
      for (const text of renderings(error)) for (const s of SENTINELS) expect(text).not.toContain(s);
    }
  });

  it("GIVEN the key in the URL's user info and nothing listening THEN no rendering holds it", async () => {
    const url = new URL(ruler.url);
    await ruler.close();
    const error = await new RulerTarget({ url: `http://123456:${KEY}@${url.host}`, ...noWait }).listGroups().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RulerError);
    for (const text of renderings(error)) for (const s of SENTINELS) expect(text).not.toContain(s);
    ruler = await startFakeRuler();
  });
});

describe('the flavor spelling', () => {
  it('GIVEN flavor (or the deprecated flavour) WHEN building a target THEN both name the same flavor', () => {
    for (const flavor of ['mimir', 'cortex', 'loki'] as const) {
      const spelled = new RulerTarget({ url: 'http://127.0.0.1:1', flavor });
      const deprecated = new RulerTarget({ url: 'http://127.0.0.1:1', flavour: flavor });
      expect([spelled.flavor, spelled.flavour, deprecated.flavor, deprecated.flavour]).toEqual([flavor, flavor, flavor, flavor]);
      expect(spelled.apiPath).toBe(deprecated.apiPath);
      expect(rulerTargetFromEnv({ MIMIR_ADDRESS: 'http://127.0.0.1:1' }, { flavor }).flavor).toBe(flavor);
    }
    // The new spelling wins when both are given.
    expect(new RulerTarget({ url: 'http://127.0.0.1:1', flavor: 'loki', flavour: 'cortex' }).flavor).toBe('loki');
  });
});
