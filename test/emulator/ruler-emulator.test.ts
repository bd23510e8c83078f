/**
 * The ruler emulator (grafana-api.md §9.1–9.3, §11): Mimir / Cortex / Loki ruler config API with
 * YAML bodies, 202 acknowledgements, tenants by X-Scope-OrgID, Basic auth, faults and request log.
 * The behaviours a real ruler shares (listing, create/replace, 404s, deletes, bad YAML) are in
 * ruler-contract.test.ts, which also runs against a real ruler; here what only the emulator can show.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { startRulerEmulator, type RulerEmulator, type RulerFlavor } from '../../lib/testing/index.js';

interface Res {
  status: number;
  text: string;
  contentType: string;
}

function client(base: string, defaults: Record<string, string>) {
  return async (method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<Res> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { ...defaults, ...(body === undefined ? {} : { 'Content-Type': 'application/yaml' }), ...headers },
      body,
    });
    return { status: res.status, text: await res.text(), contentType: res.headers.get('content-type') ?? '' };
  };
}

const ACK = { status: 'success', data: null, errorType: '', error: '' };

const GROUP_YAML = `name: cpu
interval: 60s
rules:
  - alert: HighCPU
    expr: sum(rate(cpu_seconds_total[5m])) > 1
    for: 300s
    labels: {severity: warning}
    annotations:
      summary: CPU is high
  - record: job:up:sum
    expr: sum by (job) (up)
`;

describe.each<[RulerFlavor, string]>([
  ['mimir', '/prometheus/config/v1/rules'],
  ['cortex', '/api/v1/rules'],
  ['loki', '/loki/api/v1/rules'],
])('%s ruler', (flavor, prefix) => {
  let ruler: RulerEmulator;
  let call: ReturnType<typeof client>;
  const expr = flavor === 'loki' ? 'sum(rate({app="x"} |= "error" [5m])) > 1' : 'sum(rate(cpu_seconds_total[5m])) > 1';
  const groupYaml = GROUP_YAML.replace('sum(rate(cpu_seconds_total[5m])) > 1', expr);

  beforeAll(async () => {
    ruler = await startRulerEmulator({ flavor });
    call = client(ruler.url, { 'X-Scope-OrgID': 'tenant-a' });
  });
  afterAll(() => ruler?.stop());
  beforeEach(() => ruler.reset());

  test('GIVEN the flavor WHEN started THEN its prefix is the documented one', () => {
    expect(ruler.prefix).toBe(prefix);
    expect(ruler.rulesUrl).toBe(`${ruler.url}${prefix}`);
  });

  test('GIVEN a YAML group WHEN POSTed THEN 202 with the JSON ack, and GET returns it re-marshalled (durations normalised, key order)', async () => {
    const post = await call('POST', `${prefix}/my-ns`, groupYaml);
    expect(post.status).toBe(202);
    expect(post.contentType).toBe('application/json');
    expect(JSON.parse(post.text)).toEqual(ACK);
    const get = await call('GET', `${prefix}/my-ns/cpu`);
    expect(get.status).toBe(200);
    expect(get.contentType).toBe('application/yaml');
    const group = parse(get.text);
    expect(group).toEqual({
      name: 'cpu',
      interval: '1m',
      rules: [
        { alert: 'HighCPU', expr, for: '5m', labels: { severity: 'warning' }, annotations: { summary: 'CPU is high' } },
        { record: 'job:up:sum', expr: 'sum by (job) (up)' },
      ],
    });
    expect(Object.keys(group)).toEqual(['name', 'interval', 'rules']);
    expect(Object.keys(group.rules[0])).toEqual(['alert', 'expr', 'for', 'labels', 'annotations']);
  });

  test('GIVEN groups in several namespaces WHEN listed THEN a map namespace → groups, both sorted by name', async () => {
    for (const [ns, name] of [
      ['zeta', 'b'],
      ['alpha', 'z'],
      ['zeta', 'a'],
      ['alpha', 'm'],
    ]) {
      expect((await call('POST', `${prefix}/${ns}`, `name: ${name}\nrules:\n  - record: x:y\n    expr: up\n`)).status).toBe(202);
    }
    const all = parse((await call('GET', prefix)).text);
    expect(Object.keys(all)).toEqual(['alpha', 'zeta']);
    expect(all.alpha.map((g: { name: string }) => g.name)).toEqual(['m', 'z']);
    expect(all.zeta.map((g: { name: string }) => g.name)).toEqual(['a', 'b']);
    const one = parse((await call('GET', `${prefix}/zeta`)).text);
    expect(Object.keys(one)).toEqual(['zeta']);
    expect(one.zeta.map((g: { name: string }) => g.name)).toEqual(['a', 'b']);
  });

  test('GIVEN a JSON body WHEN POSTed THEN it is accepted (JSON is YAML)', async () => {
    const res = await call('POST', `${prefix}/ns`, JSON.stringify({ name: 'j', rules: [{ record: 'a:b', expr: 'up' }] }), {
      'Content-Type': 'application/json',
    });
    expect(res.status).toBe(202);
    expect(ruler.state.groups('tenant-a', 'ns')?.get('j')).toEqual({ name: 'j', rules: [{ record: 'a:b', expr: 'up' }] });
  });

  test('GIVEN an empty body or an unparseable duration WHEN POSTed THEN 400 "unable to decode rule group"', async () => {
    for (const body of ['', 'name: x\ninterval: soon\n']) {
      const res = await call('POST', `${prefix}/ns`, body);
      expect(res.status).toBe(400);
      expect(res.text).toBe('unable to decode rule group\n');
    }
  });

  test('GIVEN an invalid group WHEN POSTed THEN 400 with every validation error joined by ", " and nothing is stored', async () => {
    const res = await call('POST', `${prefix}/ns`, 'name: ""\nrules:\n  - expr: up\n  - record: r:1\n    alert: A\n    expr: up\n');
    expect(res.status).toBe(400);
    expect(res.text).toBe(
      'invalid rules config: rule group name must not be empty, ' +
        `group "", rule 1, "": one of 'record' or 'alert' must be set, ` +
        `group "", rule 2, "A": only one of 'record' and 'alert' must be set\n`,
    );
    const missing = await call('POST', `${prefix}/ns`, 'name: g\nrules:\n  - alert: A\n');
    expect(missing.text).toBe(`group "g", rule 1, "A": field 'expr' must be set in rule\n`);
    expect(ruler.state.tenants.get('tenant-a')).toBeUndefined();
  });

  if (flavor !== 'loki') {
    test('GIVEN a group with broken PromQL WHEN POSTed THEN 400 "could not parse expression"', async () => {
      const res = await call('POST', `${prefix}/ns`, 'name: g\nrules:\n  - alert: Broken\n    expr: sum(rate(x[5m])\n');
      expect(res.status).toBe(400);
      expect(res.text).toMatch(/^group "g", rule 1, "Broken": could not parse expression: 1:\d+: parse error: /);
    });
  }

  test('GIVEN a namespace and group with "/" and spaces WHEN percent-encoded THEN they round-trip', async () => {
    const ns = 'team/a b';
    expect((await call('POST', `${prefix}/${encodeURIComponent(ns)}`, 'name: "g/1 x"\nrules: []\n')).status).toBe(202);
    expect(parse((await call('GET', `${prefix}/${encodeURIComponent(ns)}/${encodeURIComponent('g/1 x')}`)).text)).toEqual({ name: 'g/1 x', rules: [] });
    expect(Object.keys(parse((await call('GET', prefix)).text))).toEqual([ns]);
  });

  test('GIVEN groups of two tenants WHEN each lists THEN they are isolated', async () => {
    const b = client(ruler.url, { 'X-Scope-OrgID': 'tenant-b' });
    await call('POST', `${prefix}/ns`, 'name: a-only\nrules: []\n');
    await b('POST', `${prefix}/ns`, 'name: b-only\nrules: []\n');
    expect(parse((await call('GET', prefix)).text)).toEqual({ ns: [{ name: 'a-only', rules: [] }] });
    expect(parse((await b('GET', prefix)).text)).toEqual({ ns: [{ name: 'b-only', rules: [] }] });
    expect((await b('DELETE', `${prefix}/ns/a-only`)).status).toBe(404);
  });

  test('GIVEN no tenant (no X-Scope-OrgID, no Basic user) WHEN requested THEN 400 no valid org id found', async () => {
    const res = await client(ruler.url, {})('GET', prefix);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toEqual({ status: 'error', data: null, errorType: 'bad_data', error: 'no valid org id found' });
  });

  test('GIVEN injected faults WHEN requested THEN they are served and logged like the Grafana emulator', async () => {
    ruler.faults.set({ rateLimit: { everyN: 1, retryAfterSeconds: 3 } });
    const res = await call('GET', prefix);
    expect(res.status).toBe(429);
    ruler.faults.set({ errorRate: 1, seed: 1 });
    expect([500, 502, 503]).toContain((await call('GET', prefix)).status);
    ruler.faults.clear();
    await call('GET', `${prefix}/ns`);
    expect(ruler.requests.map((r) => [r.method, r.path, r.fault ?? null])).toEqual([
      ['GET', prefix, 'rate-limit'],
      ['GET', prefix, 'error'],
      ['GET', `${prefix}/ns`, null],
    ]);
  });

  test('GIVEN errorStatuses [503] and errorRetryAfterSeconds WHEN requested THEN a 503 with Retry-After; an unknown status is refused', async () => {
    ruler.faults.set({ errorRate: 1, errorStatuses: [503], errorRetryAfterSeconds: 4, seed: 1 });
    const res = await fetch(`${ruler.url}${prefix}`, { headers: { 'X-Scope-OrgID': 'tenant-a' } });
    await res.arrayBuffer();
    expect([res.status, res.headers.get('retry-after')]).toEqual([503, '4']);
    ruler.faults.clear();
    expect(() => ruler.faults.set({ errorRate: 1, errorStatuses: [404 as 503] })).toThrow('faults.errorStatuses must list some of 500, 502, 503, got [404]');
  });
});

describe('ruler with Grafana Cloud style Basic auth', () => {
  let ruler: RulerEmulator;
  const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

  beforeAll(async () => {
    ruler = await startRulerEmulator({ flavor: 'mimir', basicAuth: { user: '123456', password: 'glc_secret' } });
  });
  afterAll(() => ruler?.stop());

  test('GIVEN no or wrong credentials WHEN requested THEN 401', async () => {
    expect((await client(ruler.url, {})('GET', ruler.prefix)).status).toBe(401);
    expect((await client(ruler.url, { Authorization: basic('123456', 'nope') })('GET', ruler.prefix)).status).toBe(401);
  });

  test('GIVEN the instance id and token WHEN a group is POSTed THEN the tenant is the instance id (mimirtool also sends X-Scope-OrgID)', async () => {
    const call = client(ruler.url, { Authorization: basic('123456', 'glc_secret') });
    expect((await call('POST', `${ruler.prefix}/ns`, 'name: g\nrules: []\n')).status).toBe(202);
    expect(ruler.state.groups('123456', 'ns')?.has('g')).toBe(true);
    const withHeader = client(ruler.url, { Authorization: basic('123456', 'glc_secret'), 'X-Scope-OrgID': '123456' });
    expect(parse((await withHeader('GET', ruler.prefix)).text)).toEqual({ ns: [{ name: 'g', rules: [] }] });
  });

  test('GIVEN the legacy Cortex prefix on Mimir WHEN listed THEN the same rules are served', async () => {
    const call = client(ruler.url, { Authorization: basic('123456', 'glc_secret') });
    expect(parse((await call('GET', '/api/v1/rules')).text)).toEqual(parse((await call('GET', ruler.prefix)).text));
  });
});

describe('ruler with a fixed single tenant', () => {
  test('GIVEN tenant option WHEN a request has no tenant header THEN that tenant is used', async () => {
    const ruler = await startRulerEmulator({ flavor: 'loki', tenant: 'fake' });
    try {
      const res = await client(ruler.url, {})('POST', `${ruler.prefix}/ns`, 'name: g\nrules:\n  - alert: A\n    expr: sum(count_over_time({a="b"}[1m])) > 0\n');
      expect(res.status).toBe(202);
      expect(ruler.state.groups('fake', 'ns')?.has('g')).toBe(true);
    } finally {
      await ruler.stop();
    }
  });
});
