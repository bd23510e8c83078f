/**
 * No failure of the Grafana client or target may show a credential: every failure path is
 * driven with sentinel secrets (a token, a basic-auth password, their base64 forms) and each
 * error is rendered every way a CLI or a logger might render it.
 */
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { discoverGrafana } from '../../lib/grafana/discover.js';
import { GrafanaClient, type GrafanaClientOptions } from '../../lib/grafana/grafana-client.js';
import { GrafanaTarget } from '../../lib/sync/targets/grafana-target.js';
import { startGrafanaEmulator, type GrafanaEmulator } from '../../lib/testing/index.js';
import { reply, selfSignedCertificate, startFakeServer, startHangingServer, startResettingServer, startTlsServer, type FakeServer } from './fake-servers.js';

const TOKEN = 'glsa_SENTINEL_DO_NOT_PRINT_123';
const PASSWORD = 'PW_SENTINEL_DO_NOT_PRINT_456';
const USER = 'sentinel-user';
const SENTINELS = [
  TOKEN,
  PASSWORD,
  'SENTINEL_DO_NOT_PRINT',
  Buffer.from(`${USER}:${PASSWORD}`).toString('base64'),
  Buffer.from(`admin:${PASSWORD}`).toString('base64'),
  encodeURIComponent(PASSWORD),
];

type Auth = { name: string; options: Pick<GrafanaClientOptions, 'token' | 'user' | 'password'> };
const AUTHS: Auth[] = [
  { name: 'token', options: { token: TOKEN } },
  { name: 'basic auth', options: { user: USER, password: PASSWORD } },
];

/** Every rendering of an error a program might print or log. */
function renderings(error: unknown): Record<string, string> {
  const e = error as Error;
  return {
    message: e.message,
    string: String(e),
    json: JSON.stringify(e),
    inspect: inspect(e, { depth: 20, showHidden: true, getters: true }),
    stack: e.stack ?? '',
    cause: inspect((e as { cause?: unknown }).cause, { depth: 20, showHidden: true }),
  };
}

function expectNoSecret(error: unknown): void {
  expect(error).toBeInstanceOf(Error);
  for (const [how, text] of Object.entries(renderings(error))) {
    for (const secret of SENTINELS) {
      expect({ how, leaked: text.includes(secret) }).toEqual({ how, leaked: false });
    }
  }
}

async function caught(run: () => Promise<unknown> | unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

const noWait = { sleep: async () => undefined, retry: { maxAttempts: 2 } };
let grafana: GrafanaEmulator;
let servers: Record<string, FakeServer>;
let cert: { certFile: string; keyFile: string };

beforeAll(async () => {
  grafana = await startGrafanaEmulator({ token: 'glsa_the_real_one_0123456789abcdef_01234567', basicAuth: { user: 'admin', password: 'admin' } });
  cert = selfSignedCertificate();
  servers = {
    403: await startFakeServer((_req, res) =>
      reply(res, 403, { message: "You'll need additional permissions to perform this action. Permissions needed: dashboards:write" }),
    ),
    500: await startFakeServer((_req, res) => reply(res, 500, { message: 'Internal Server Error', traceID: '' })),
    // A misbehaving proxy that echoes the request's Authorization header in its error body.
    echo: await startFakeServer((req, res) =>
      reply(res, 400, { message: `bad header ${req.headers.authorization}`, error: String(req.headers.authorization) }),
    ),
    echoText: await startFakeServer((req, res) => {
      res.writeHead(502, { 'Content-Type': 'text/plain' });
      res.end(`upstream refused ${req.headers.authorization} for http://${USER}:${PASSWORD}@host/`);
    }),
    429: await startFakeServer((_req, res) => reply(res, 429, { message: 'Too many requests' }, { 'Retry-After': '1' })),
    hang: await startHangingServer(),
    reset: await startResettingServer(),
    tls: await startTlsServer(cert),
  };
});
afterAll(async () => {
  await grafana.stop();
  await Promise.all(Object.values(servers).map((s) => s.stop()));
});

describe.each(AUTHS)('GIVEN sentinel credentials sent as $name', ({ options }) => {
  const at = (url: string, extra: Partial<GrafanaClientOptions> = {}) => new GrafanaClient({ url, ...options, ...noWait, ...extra });

  test('WHEN Grafana refuses them (401) THEN the error holds no secret', async () => {
    expectNoSecret(await caught(() => at(grafana.url).get('/api/search')));
  });

  test('WHEN the org does not match (401 organization-mismatch) THEN the error holds no secret', async () => {
    expectNoSecret(await caught(() => at(grafana.url, { orgId: 9 }).get('/api/user')));
  });

  test('WHEN the role lacks permission (403) THEN the error holds no secret', async () => {
    expectNoSecret(await caught(() => at(servers['403']!.url).request({ method: 'POST', path: '/api/dashboards/db', body: {} })));
  });

  test('WHEN the resource is missing (404) or changed (412) THEN the error holds no secret', async () => {
    const c = new GrafanaClient({ url: grafana.url, token: grafana.token, ...noWait });
    await c.request({ method: 'POST', path: '/api/dashboards/db', body: { dashboard: { uid: 'r', title: 'R' }, overwrite: true } });
    // The right credentials for the emulator, plus the sentinel as a basic password in the URL.
    const withSentinelUrl = new GrafanaClient({ url: grafana.url.replace('http://', `http://admin:${PASSWORD}@`), token: grafana.token, ...noWait });
    expectNoSecret(await caught(() => at(grafana.url).get('/api/folders/nope')));
    expectNoSecret(await caught(() => withSentinelUrl.request({ method: 'GET', path: '/api/folders/nope', resource: 'folder' })));
    expectNoSecret(
      await caught(() => withSentinelUrl.request({ method: 'POST', path: '/api/dashboards/db', body: { dashboard: { uid: 'r', title: 'R', version: 0 } } })),
    );
  });

  test('WHEN Grafana fails (500) or a proxy echoes the Authorization header THEN the error holds no secret', async () => {
    expectNoSecret(await caught(() => at(servers['500']!.url).get('/api/search')));
    const echoed = await caught(() => at(servers['echo']!.url).get('/api/search'));
    expectNoSecret(echoed);
    expect((echoed as Error).message).toContain('bad header');
    expectNoSecret(await caught(() => at(servers['echoText']!.url).get('/api/search')));
  });

  test('WHEN rate limiting outlasts the retries (429) THEN the error holds no secret', async () => {
    expectNoSecret(await caught(() => at(servers['429']!.url).get('/api/search')));
  });

  test('WHEN the connection is reset, times out or is refused THEN the error holds no secret', async () => {
    expectNoSecret(await caught(() => at(servers['reset']!.url).get('/api/search')));
    expectNoSecret(await caught(() => at(servers['hang']!.url, { timeoutMs: 50 }).get('/api/search')));
    expectNoSecret(await caught(() => at('http://127.0.0.1:1').get('/api/search')));
  });

  test('WHEN the certificate is untrusted (TLS) THEN the error holds no secret', async () => {
    expectNoSecret(await caught(() => at(servers['tls']!.url).get('/api/health')));
  });

  test('WHEN the URL is invalid or has user info THEN the error holds no secret', async () => {
    expectNoSecret(await caught(() => at(`http://admin:${PASSWORD}@[not-a-host`)));
    expectNoSecret(await caught(() => at(`ftp://admin:${PASSWORD}@host`)));
    expectNoSecret(await caught(() => at(`http://admin:${PASSWORD}@127.0.0.1:1/grafana`).get('/api/health')));
  });

  test('WHEN a target operation fails (discovery, listing, save) THEN the error holds no secret', async () => {
    const target = new GrafanaTarget({ name: 't', client: at(grafana.url) });
    expectNoSecret(await caught(() => target.listDashboards()));
    expectNoSecret(
      await caught(() =>
        target.saveDashboard({ kind: 'Dashboard', uid: 'x', title: 'X', schema: 'v1', json: { uid: 'x', title: 'X' }, source: 's' }, { message: 'm' }),
      ),
    );
    expectNoSecret(await caught(() => discoverGrafana(at(servers['reset']!.url))));
  });

  test('WHEN the client itself is inspected THEN it shows no secret', () => {
    const text = inspect(at(grafana.url), { depth: 20, showHidden: true }) + JSON.stringify(at(grafana.url));
    for (const secret of SENTINELS) expect(text.includes(secret)).toBe(false);
  });
});
