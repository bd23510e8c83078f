// GrafanaRulerProxyTarget against the Grafana emulator's ruler proxy and against servers that
// are not Grafana: the data source is found by uid or by a unique name and must have a ruler;
// every other answer is an error naming the config path, and no rules request is sent.
import type { IncomingMessage, ServerResponse } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GrafanaClient } from '../../lib/grafana/grafana-client.js';
import { WrongShapeError } from '../../lib/grafana/expect-shape.js';
import { GrafanaRulerProxyTarget, type RulerProxyDatasource } from '../../lib/sync/rule-targets/grafana-ruler-proxy-target.js';
import { TargetConfigError } from '../../lib/sync/resolve-target.js';
import { listenOnLoopback, type LoopbackServer } from '../../lib/testing/loopback-server.js';
import { startGrafanaEmulator, type GrafanaEmulator } from '../../lib/testing/index.js';

const TOKEN = 'glsa_unit-proxy-sentinel_feedface';
const AT = 'targets.prod.rules.datasource';
const GROUP = { name: 'g', rules: [{ record: 'job:up:sum', expr: 'sum by (job) (up)' }] };

let grafana: GrafanaEmulator;
beforeAll(async () => {
  grafana = await startGrafanaEmulator({ token: TOKEN });
});
afterAll(() => grafana.stop());
beforeEach(() => grafana.reset());

function target(url: string, datasource: RulerProxyDatasource): GrafanaRulerProxyTarget {
  return new GrafanaRulerProxyTarget({
    name: 'prod rules',
    client: new GrafanaClient({ url, token: TOKEN, retry: { maxAttempts: 1 } }),
    datasource,
    configPath: AT,
  });
}

async function api(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<{ status: number; text: string }> {
  const res = await fetch(`${grafana.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${TOKEN}`, ...(body !== undefined && { 'Content-Type': contentType }) },
    ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: res.status, text: await res.text() };
}

async function addDatasource(uid: string, name: string, type: string): Promise<void> {
  expect((await api('POST', '/api/datasources', { uid, name, type, access: 'proxy', url: 'http://x' })).status).toBe(200);
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('the Grafana emulator ruler proxy', () => {
  it('answers 404 for an unknown data source uid, 400 for a type without a ruler, and 400 for a YAML body', async () => {
    await addDatasource('tempo', 'tempo', 'tempo');
    await addDatasource('prom', 'prom', 'prometheus');
    expect((await api('GET', '/api/ruler/nope/api/v1/rules')).status).toBe(404);
    expect((await api('POST', '/api/ruler/nope/api/v1/rules/ns', GROUP)).status).toBe(404);
    expect((await api('GET', '/api/ruler/tempo/api/v1/rules')).status).toBe(400);
    // grafana-api.md §9.4: POST bodies must be JSON; YAML gets 400 bad request data.
    expect(await api('POST', '/api/ruler/prom/api/v1/rules/ns', 'name: g\nrules: []\n', 'application/yaml')).toMatchObject({ status: 400 });
    expect((await api('POST', '/api/ruler/prom/api/v1/rules/ns', GROUP)).status).toBe(202);
    const listed = await api('GET', '/api/ruler/prom/api/v1/rules?subtype=mimir');
    expect(listed.status).toBe(200);
    expect(listed.text).toContain('job:up:sum');
    expect((await api('DELETE', '/api/ruler/prom/api/v1/rules/ns/g')).status).toBe(202);
    expect((await api('DELETE', '/api/ruler/prom/api/v1/rules/ns/g')).status).toBe(404);
  });

  it('keeps each data source’s rules apart and needs the Grafana token', async () => {
    await addDatasource('a', 'a', 'prometheus');
    await addDatasource('b', 'b', 'loki');
    expect((await api('POST', '/api/ruler/a/api/v1/rules/ns', GROUP)).status).toBe(202);
    // Loki answers 404 "no rule groups found" for an empty listing, also through the proxy.
    expect(await api('GET', '/api/ruler/b/api/v1/rules')).toMatchObject({ status: 404, text: 'no rule groups found\n' });
    const anonymous = await fetch(`${grafana.url}/api/ruler/a/api/v1/rules`);
    expect(anonymous.status).toBe(401);
  });
});

describe('GrafanaRulerProxyTarget', () => {
  it('finds the data source by a unique name whatever the other data sources are called, and writes only there', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(
          fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== ''),
          { minLength: 1, maxLength: 5 },
        ),
        fc.nat(),
        async (names, pick) => {
          grafana.reset();
          for (const [i, name] of names.entries()) await addDatasource(`ds${i}`, name, i % 2 === 0 ? 'prometheus' : 'loki');
          const chosen = pick % names.length;
          const proxy = target(grafana.url, { name: names[chosen]! });
          await proxy.saveGroup('ns', GROUP);
          const posts = grafana.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/api/ruler/'));
          expect(posts.map((r) => r.path.split('?')[0])).toEqual([`/api/ruler/ds${chosen}/api/v1/rules/ns`]);
          expect(await proxy.listGroups()).toEqual([{ namespace: 'ns', group: GROUP }]);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('refuses a name that no data source has, with the config path, and sends no rules request', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 20 }), async (name) => {
        grafana.reset();
        await addDatasource('prom', 'prom', 'prometheus');
        fc.pre(name !== 'prom');
        const error = await rejection(target(grafana.url, { name }).listGroups());
        expect(error).toBeInstanceOf(TargetConfigError);
        expect(error.message).toContain(`${AT}.name`);
        expect(grafana.requests.some((r) => r.path.startsWith('/api/ruler/'))).toBe(false);
      }),
      { numRuns: 15 },
    );
  });

  describe('against a server that is not Grafana', () => {
    let server: LoopbackServer;
    let answer: { status: number; body: string; type: string };
    const seen: string[] = [];
    beforeAll(async () => {
      server = await listenOnLoopback(
        async (req: IncomingMessage, res: ServerResponse) => {
          seen.push(req.url ?? '');
          res.writeHead(answer.status, { 'Content-Type': answer.type }).end(answer.body);
        },
        (res) => res.writeHead(500).end(),
      );
    });
    afterAll(() => server.close());

    it.each([
      ['answers every path with an HTML page', { status: 200, body: '<html>login</html>', type: 'text/html' }],
      ['lists data sources that are not objects', { status: 200, body: '[1, 2]', type: 'application/json' }],
      ['lists data sources without uid or type', { status: 200, body: '[{"name":"prom"}]', type: 'application/json' }],
      ['answers {} for a list', { status: 200, body: '{}', type: 'application/json' }],
    ])('refuses one that %s, never sends a rules request, never shows the token', async (_what, reply) => {
      answer = reply;
      seen.length = 0;
      const error = await rejection(target(server.url, { name: 'prom' }).saveGroup('ns', GROUP));
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(TypeError);
      expect(String(error.message)).not.toContain(TOKEN);
      expect(seen.some((p) => p.startsWith('/api/ruler/'))).toBe(false);
    });

    it('refuses an ambiguous name (two data sources with it), naming both uids', async () => {
      answer = {
        status: 200,
        type: 'application/json',
        body: JSON.stringify([
          { uid: 'one', name: 'prom', type: 'prometheus' },
          { uid: 'two', name: 'prom', type: 'prometheus' },
        ]),
      };
      seen.length = 0;
      const error = await rejection(target(server.url, { name: 'prom' }).listGroups());
      expect(error).toBeInstanceOf(TargetConfigError);
      expect(error.message).toMatch(/targets\.prod\.rules\.datasource\.name: 2 data sources are named "prom" \(uids one, two\)/);
      expect(seen.some((p) => p.startsWith('/api/ruler/'))).toBe(false);
    });

    it('refuses a data source of a malformed shape looked up by uid', async () => {
      answer = { status: 200, body: '{"uid":"x"}', type: 'application/json' };
      seen.length = 0;
      const error = await rejection(target(server.url, { uid: 'x' }).listGroups());
      expect(error).toBeInstanceOf(WrongShapeError);
      expect(seen.some((p) => p.startsWith('/api/ruler/'))).toBe(false);
    });
  });
});
