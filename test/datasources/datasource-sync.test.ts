// Data sources synced to Grafana's data source API (the emulator): create, no-op, update,
// secret rotation, prune with ownership, conflicts; bodies and answers against the OpenAPI
// spec; secrets never in output, errors, plans or logs (sentinels).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  lokiDatasource,
  prometheusDatasource,
  secret,
  tempoDatasource,
  zipkinDatasource,
  MissingSecretError,
  type DatasourceDefinition,
} from '../../lib/index.js';
import {
  DatasourceSyncError,
  WrongShapeError,
  formatDatasourcePlan,
  GrafanaClient,
  planDatasources,
  readRemoteDatasources,
  syncDatasources,
  type OwnerScope,
} from '../../lib/grafana/index.js';
import { startGrafanaEmulator, type GrafanaEmulator } from '../../lib/testing/index.js';
import { repoRoot } from '../support/validate-schema.js';
import { reply, startFakeServer } from '../grafana/fake-servers.js';
import { checkAgainstSpec, type Exchange, type Spec } from '../emulator/openapi-check.js';

const SENTINEL = 'SENTINEL-ds-secret-4b1d';
const ROTATED = 'SENTINEL-ds-rotated-77aa';
const owner: OwnerScope = { project: 'big-tent', uidPrefix: '' };

function stack(): DatasourceDefinition[] {
  const tempo = tempoDatasource({ uid: 'tempo', name: 'Tempo', url: 'http://tempo:3200', nodeGraph: true });
  const loki = lokiDatasource({
    uid: 'loki',
    name: 'Loki',
    url: 'http://loki:3100',
    basicAuth: { user: 'grafana', password: secret('GRAFTS_TEST_LOKI_PASSWORD') },
    derivedFields: [{ name: 'trace_id', matcherRegex: 'trace_id=(\\w+)', datasource: tempo }],
  });
  const prom = prometheusDatasource({
    uid: 'prom',
    name: 'Prometheus',
    url: 'http://prometheus:9090',
    exemplarTraceIdDestinations: [{ name: 'trace_id', datasource: tempo }],
  });
  const zipkin = zipkinDatasource({ uid: 'zipkin', name: 'Zipkin', url: 'http://zipkin:9411', tracesToLogsV2: { datasource: loki } });
  return [prom, loki, tempo, zipkin];
}

let grafana: GrafanaEmulator;
let client: GrafanaClient;
const env = (password: string = SENTINEL) => ({ GRAFTS_TEST_LOKI_PASSWORD: password });
const writes = () => grafana.requests.filter((r) => r.method !== 'GET').length;

beforeAll(async () => {
  grafana = await startGrafanaEmulator({ version: '12.1.0' });
  client = new GrafanaClient({ url: grafana.url, token: grafana.token, retry: { maxAttempts: 1 } });
});
afterAll(async () => grafana.stop());
beforeEach(() => grafana.reset());

describe('syncDatasources against the emulator', () => {
  it('GIVEN four data sources WHEN applied twice THEN the first creates them with the secret, the second sends 0 writes', async () => {
    const first = await syncDatasources(client, stack(), { owner, env: env() });
    expect(first.created).toEqual(['prom', 'loki', 'tempo', 'zipkin']);
    expect(writes()).toBe(4);
    expect(grafana.state.datasources.get('loki')!.secureJsonData).toEqual({ basicAuthPassword: SENTINEL });
    expect(grafana.state.datasources.get('prom')!.jsonData.exemplarTraceIdDestinations).toEqual([{ name: 'trace_id', datasourceUid: 'tempo' }]);

    const before = writes();
    const second = await syncDatasources(client, stack(), { owner, env: env() });
    expect(second.unchanged).toEqual(['prom', 'loki', 'tempo', 'zipkin']);
    expect(writes() - before).toBe(0);
  });

  it('GIVEN a changed setting WHEN applied THEN exactly that data source is updated, with the version read, and secrets are not resent', async () => {
    await syncDatasources(client, stack(), { owner, env: env() });
    const changed = stack().map((d) => (d.uid === 'prom' ? prometheusDatasource({ uid: 'prom', name: 'Prometheus', url: 'http://prometheus:9091' }) : d));
    const spy = vi.spyOn(client, 'request');
    const result = await syncDatasources(client, changed, { owner, env: env() });
    expect(result.updated).toEqual(['prom']);
    const put = spy.mock.calls.map((c) => c[0]).filter((r) => r.method === 'PUT');
    expect(put).toHaveLength(1);
    expect(put[0]!.body).toMatchObject({ uid: 'prom', url: 'http://prometheus:9091', version: 1 });
    expect(put[0]!.body).not.toHaveProperty('secureJsonData');
    expect(formatDatasourcePlan(result.steps)).toContain('~ data source prom: url, jsonData.exemplarTraceIdDestinations');
    spy.mockRestore();
  });

  it('GIVEN a rotated secret WHEN applied without rotateSecrets THEN nothing is sent; WITH it THEN the new value reaches Grafana', async () => {
    await syncDatasources(client, stack(), { owner, env: env() });
    const before = writes();
    await syncDatasources(client, stack(), { owner, env: env(ROTATED) });
    expect(writes() - before).toBe(0);
    expect(grafana.state.datasources.get('loki')!.secureJsonData.basicAuthPassword).toBe(SENTINEL);

    const rotated = await syncDatasources(client, stack(), { owner, env: env(ROTATED), rotateSecrets: true });
    expect(rotated.updated).toEqual(['loki']);
    expect(grafana.state.datasources.get('loki')!.secureJsonData.basicAuthPassword).toBe(ROTATED);
    expect(formatDatasourcePlan(rotated.steps).join('\n')).toContain('~ data source loki: secureJsonData.basicAuthPassword');
  });

  it('GIVEN a secret Grafana reports unset WHEN applied THEN it is sent without rotateSecrets', async () => {
    await syncDatasources(client, stack(), { owner, env: env() });
    grafana.state.datasources.get('loki')!.secureJsonData = {};
    const result = await syncDatasources(client, stack(), { owner, env: env() });
    expect(result.updated).toEqual(['loki']);
    expect(grafana.state.datasources.get('loki')!.secureJsonData).toEqual({ basicAuthPassword: SENTINEL });
  });

  it('GIVEN a data source dropped from the code WHEN applied with prune THEN only our marked one is deleted', async () => {
    await syncDatasources(client, stack(), { owner, env: env() });
    await client.request({ method: 'POST', path: '/api/datasources', body: { uid: 'theirs', name: 'Theirs', type: 'prometheus', access: 'proxy' } });
    const withoutZipkin = stack().filter((d) => d.uid !== 'zipkin');
    expect((await syncDatasources(client, withoutZipkin, { owner, env: env() })).deleted).toEqual([]);
    const pruned = await syncDatasources(client, withoutZipkin, { owner, env: env(), prune: true });
    expect(pruned.deleted).toEqual(['zipkin']);
    expect([...grafana.state.datasources.keys()].sort()).toEqual(['loki', 'prom', 'tempo', 'theirs']);
    // another project's data sources are not ours to prune
    const other = await syncDatasources(client, [], { owner: { project: 'someone-else', uidPrefix: '' }, env: env(), prune: true });
    expect(other.deleted).toEqual([]);
  });

  it('GIVEN a data source with our uid that we did not create, or our name on another uid WHEN applied THEN nothing is written', async () => {
    await client.request({ method: 'POST', path: '/api/datasources', body: { uid: 'prom', name: 'Hand made', type: 'prometheus', access: 'proxy' } });
    await client.request({ method: 'POST', path: '/api/datasources', body: { uid: 'other-loki', name: 'Loki', type: 'loki', access: 'proxy' } });
    const before = writes();
    const error = await syncDatasources(client, stack(), { owner, env: env() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasourceSyncError);
    expect(String(error)).toMatch(/nothing applied, 2 conflicts/);
    expect(String(error)).toMatch(/prom: exists and was not created by this project/);
    expect(String(error)).toMatch(/loki: the name "Loki" is taken by data source "other-loki"/);
    expect(writes() - before).toBe(0);
    // force takes over the uid (the name clash still stands)
    const forced = planDatasources(stack(), await readRemoteDatasources(client, stack()), { owner, force: true });
    expect(forced.find((s) => s.uid === 'prom')?.action).toBe('update');
  });

  it('GIVEN a missing secret WHEN applied THEN it names the variable and writes nothing', async () => {
    const error = await syncDatasources(client, stack(), { owner, env: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingSecretError);
    expect(String(error)).toContain('data source "loki" › secureJsonData.basicAuthPassword: environment variable GRAFTS_TEST_LOKI_PASSWORD is not set');
    expect(writes()).toBe(0);
  });

  it('GIVEN an edit in Grafana between read and write WHEN applied THEN the stale version is refused and the error says what was applied', async () => {
    await syncDatasources(client, stack(), { owner, env: env() });
    const changed = stack().map((d) => (d.uid === 'tempo' ? tempoDatasource({ uid: 'tempo', name: 'Tempo', url: 'http://tempo:3201' }) : d));
    const steps = planDatasources(changed, await readRemoteDatasources(client, changed), { owner });
    grafana.state.datasources.get('tempo')!.version += 1;
    const { applyDatasources } = await import('../../lib/grafana/index.js');
    const error = await applyDatasources(client, steps, { owner, env: env() }).catch((e: unknown) => e);
    expect(String(error)).toMatch(/data source "tempo": update failed: .*409/s);
    expect(String(error)).toMatch(/applied before: nothing/);
  });

  it('GIVEN every path above WHEN run with a sentinel secret THEN it never appears in plans, results, errors or the request log', async () => {
    const seen: string[] = [];
    const r1 = await syncDatasources(client, stack(), { owner, env: env() });
    const r2 = await syncDatasources(client, stack(), { owner, env: env(ROTATED), rotateSecrets: true });
    seen.push(formatDatasourcePlan(r1.steps).join('\n'), formatDatasourcePlan(r2.steps).join('\n'), JSON.stringify(r1), JSON.stringify(r2));
    seen.push(...stack().map((d) => JSON.stringify(d.toDisplay())), ...stack().map((d) => JSON.stringify(d.spec())));
    seen.push(JSON.stringify(await readRemoteDatasources(client, stack())), JSON.stringify(await client.get('/api/datasources')));
    seen.push(String(await syncDatasources(client, stack(), { owner, env: {}, rotateSecrets: true }).catch((e: unknown) => e)));
    grafana.state.datasources.get('prom')!.version += 5;
    const steps = planDatasources(stack(), await readRemoteDatasources(client, stack()), { owner, rotateSecrets: true });
    grafana.state.datasources.get('loki')!.version += 5;
    const { applyDatasources } = await import('../../lib/grafana/index.js');
    seen.push(String(await applyDatasources(client, steps, { owner, env: env() }).catch((e: unknown) => e)));
    seen.push(JSON.stringify(grafana.requests));
    for (const text of seen) {
      expect(text).not.toContain(SENTINEL);
      expect(text).not.toContain(ROTATED);
    }
  });
});

describe('the data source API of the emulator against grafana-openapi.json', () => {
  const specPath = path.resolve(repoRoot, '../shared/reference/grafana-openapi.json');

  it('GIVEN what the sync sends and what the emulator answers WHEN checked against the spec THEN bodies use only documented fields and answers match', async () => {
    expect(existsSync(specPath)).toBe(true);
    const spec = JSON.parse(readFileSync(specPath, 'utf8')) as Spec;
    const spy = vi.spyOn(client, 'request');
    await syncDatasources(client, stack(), { owner, env: env() });
    await syncDatasources(
      client,
      stack().map((d) => (d.uid === 'prom' ? prometheusDatasource({ uid: 'prom', name: 'Prometheus', url: 'http://p:1' }) : d)),
      { owner, env: env(ROTATED), rotateSecrets: true },
    );
    await syncDatasources(client, stack().slice(0, 3), { owner, env: env(), prune: true });
    const sent = spy.mock.calls.map((c) => c[0]);
    spy.mockRestore();

    // request bodies: AddDataSourceCommand / UpdateDataSourceCommand, no undocumented field
    const ajv = new Ajv({ strict: false, allErrors: true });
    const closed = (name: string) => ({ ...(spec.definitions[name] as object), additionalProperties: false, definitions: spec.definitions });
    const validators = { POST: ajv.compile(closed('AddDataSourceCommand')), PUT: ajv.compile(closed('UpdateDataSourceCommand')) };
    const bodies = sent.filter((r) => r.method === 'POST' || r.method === 'PUT');
    // 4 creates; prom's url and loki's secret; prom's url back
    expect(bodies.map((r) => `${r.method} ${r.path}`)).toEqual([
      ...Array(4).fill('POST /api/datasources'),
      'PUT /api/datasources/uid/prom',
      'PUT /api/datasources/uid/loki',
      'PUT /api/datasources/uid/prom',
    ]);
    expect(sent.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual(['/api/datasources/uid/zipkin']);
    for (const r of bodies) {
      const validate = validators[r.method as 'POST' | 'PUT'];
      expect(validate(r.body), JSON.stringify(validate.errors)).toBe(true);
    }

    // answers, replayed through fetch so the exchange carries status and body
    const exchanges: Exchange[] = [];
    const call = async (method: string, template: string, p: string, body?: unknown) => {
      const res = await fetch(`${grafana.url}/api${p}`, {
        method,
        headers: { Authorization: `Bearer ${grafana.token}`, 'Content-Type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      exchanges.push({ method, template, result: { status: res.status, headers: res.headers, text, body: text ? JSON.parse(text) : undefined } });
    };
    await call('GET', '/datasources', '/datasources');
    await call('GET', '/datasources/uid/{uid}', '/datasources/uid/loki');
    await call('GET', '/datasources/uid/{uid}', '/datasources/uid/nope');
    await call('POST', '/datasources', '/datasources', { uid: 'x1', name: 'X1', type: 'loki', access: 'proxy' });
    await call('POST', '/datasources', '/datasources', { uid: 'x1', name: 'X2', type: 'loki', access: 'proxy' });
    await call('PUT', '/datasources/uid/{uid}', '/datasources/uid/x1', { name: 'X1', type: 'loki', access: 'proxy', url: 'http://l', version: 1 });
    await call('PUT', '/datasources/uid/{uid}', '/datasources/uid/x1', { name: 'X1', type: 'loki', access: 'proxy', version: 1 });
    await call('DELETE', '/datasources/uid/{uid}', '/datasources/uid/x1');
    await call('DELETE', '/datasources/uid/{uid}', '/datasources/uid/x1');
    expect(exchanges.map((e) => e.result.status)).toEqual([200, 200, 404, 200, 409, 200, 409, 200, 404]);
    expect(checkAgainstSpec(spec, exchanges)).toEqual([]);
  });
});

describe('readRemoteDatasources against a server that answers wrongly', () => {
  // Answers of the wrong shape, for the listing or for the full read of one of ours.
  const WRONG_LISTS: unknown[] = [{}, '<html>', [null], [{}], [{ uid: 'loki', name: 'Loki' }], [{ uid: 7, name: 'x', type: 'loki' }]];

  it.each(WRONG_LISTS.map((body) => [JSON.stringify(body), body]))('a listing of %s is a WrongShapeError naming the request', async (_label, body) => {
    const server = await startFakeServer((_req, res) => reply(res, 200, body));
    try {
      const hostile = new GrafanaClient({ url: server.url, token: 'SENTINEL-token-ds', retry: { maxAttempts: 1 } });
      const error = await readRemoteDatasources(hostile, stack()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WrongShapeError);
      expect(String((error as Error).message)).toContain('/api/datasources');
      expect(String((error as Error).message)).not.toContain('SENTINEL-token-ds');
    } finally {
      await server.stop();
    }
  });

  it('a full read that answers for another uid is a WrongShapeError, not that data source', async () => {
    const server = await startFakeServer((req, res) => {
      if (req.url === '/api/datasources') return reply(res, 200, [{ uid: 'loki', name: 'Loki', type: 'loki' }]);
      reply(res, 200, { uid: 'tempo', name: 'Tempo', type: 'tempo' });
    });
    try {
      const hostile = new GrafanaClient({ url: server.url, token: 't', retry: { maxAttempts: 1 } });
      const error = await readRemoteDatasources(hostile, stack()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WrongShapeError);
      expect(String((error as Error).message)).toContain('/api/datasources/uid/loki');
    } finally {
      await server.stop();
    }
  });
});
