/**
 * The Grafana client against the emulator (auth, org, discovery, retries) and small local
 * servers for what the emulator does not do (sub-paths, timeouts, resets, TLS, redirects).
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { discoverGrafana } from '../../lib/grafana/discover.js';
import { GrafanaClient, parseRetryAfter, type GrafanaClientOptions } from '../../lib/grafana/grafana-client.js';
import { GrafanaApiError, GrafanaError } from '../../lib/grafana/grafana-error.js';
import { startGrafanaEmulator, type GrafanaEmulator } from '../../lib/testing/index.js';
import { reply, selfSignedCertificate, startFakeServer, startHangingServer, startResettingServer, startTlsServer, type FakeServer } from './fake-servers.js';

let grafana: GrafanaEmulator;
const waits: number[] = [];
const noWait = { sleep: async (ms: number) => void waits.push(ms), random: () => 1 };

function client(options: Partial<GrafanaClientOptions> = {}): GrafanaClient {
  return new GrafanaClient({ url: grafana.url, token: grafana.token, ...noWait, ...options });
}

async function failure(promise: Promise<unknown>): Promise<GrafanaError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(GrafanaError);
    return error as GrafanaError;
  }
  throw new Error('expected a failure');
}

beforeAll(async () => {
  grafana = await startGrafanaEmulator({ token: 'glsa_client_test_token_0123456789abcdef_01234567' });
});
afterAll(() => grafana.stop());
afterEach(() => {
  grafana.reset();
  waits.length = 0;
});

describe('authentication and organization', () => {
  test('GIVEN a service account token WHEN /api/user is read THEN the service account is the caller', async () => {
    const user = await client().get<{ login: string }>('/api/user');
    expect(user.login).toBe('sa-1-grafts');
  });

  test('GIVEN basic auth (options or URL user info) WHEN /api/user is read THEN admin is the caller', async () => {
    const fromOptions = await client({ token: undefined, user: 'admin', password: 'admin' }).get<{ login: string }>('/api/user');
    const withUserInfo = new GrafanaClient({ url: grafana.url.replace('http://', 'http://admin:admin@'), ...noWait });
    expect(fromOptions.login).toBe('admin');
    expect((await withUserInfo.get<{ login: string }>('/api/user')).login).toBe('admin');
    expect(withUserInfo.url).toBe(grafana.url);
    expect(withUserInfo.auth).toBe('basic');
  });

  test('GIVEN a wrong token WHEN used THEN a 401 GrafanaApiError suggests checking GRAFANA_TOKEN, without retrying', async () => {
    const error = await failure(client({ token: 'glsa_wrong' }).get('/api/search'));
    expect(error).toBeInstanceOf(GrafanaApiError);
    expect((error as GrafanaApiError).status).toBe(401);
    expect((error as GrafanaApiError).messageId).toBe('api-key.invalid');
    expect(error.message).toBe(
      `grafana ${grafana.url} GET /api/search: 401 Unauthorized: Invalid API key (check GRAFANA_TOKEN: the token is invalid, expired or revoked; service account tokens start with glsa_)`,
    );
    expect(grafana.requests).toHaveLength(1);
  });

  test('GIVEN wrong basic credentials named by the caller WHEN used THEN the suggestion names where they came from', async () => {
    const error = await failure(
      client({ token: undefined, user: 'admin', password: 'nope', credentialSource: 'targets.dev.user / DEV_PASSWORD' }).get('/api/user'),
    );
    expect(error.suggestion).toMatch(/^check targets\.dev\.user \/ DEV_PASSWORD: the user or password was refused/);
  });

  test('GIVEN an org id WHEN requests are sent THEN X-Grafana-Org-Id carries it; a token of another org gets a suggestion', async () => {
    const fake = await startFakeServer((_req, res) => reply(res, 200, []));
    try {
      await new GrafanaClient({ url: fake.url, token: 't0k', orgId: 3, ...noWait }).get('/api/search');
      expect(fake.requests[0]?.orgId).toBe('3');
    } finally {
      await fake.stop();
    }
    const error = await failure(client({ orgId: 2 }).get('/api/user'));
    expect((error as GrafanaApiError).messageId).toBe('api-key.organization-mismatch');
    expect(error.suggestion).toContain('another organization than org 2');
  });

  test('GIVEN an invalid org id THEN construction fails with a config error', () => {
    expect(() => client({ orgId: 0 })).toThrow(/invalid organization id 0/);
  });
});

describe('base URLs', () => {
  test('GIVEN a sub-path install URL WHEN requests are sent THEN paths are under the sub-path, query strings intact', async () => {
    const fake = await startFakeServer((_req, res) => reply(res, 200, [{ uid: 'a' }]));
    try {
      const c = new GrafanaClient({ url: `${fake.url}/grafana/`, token: 't0k', ...noWait });
      await c.get('/api/search', { type: 'dash-db', limit: 5000, tag: ['a', 'b'], skipped: undefined });
      expect(c.url).toBe(`${fake.url}/grafana`);
      expect(fake.requests[0]?.url).toBe('/grafana/api/search?type=dash-db&limit=5000&tag=a&tag=b');
      expect(fake.requests[0]?.authorization).toBe('Bearer t0k');
    } finally {
      await fake.stop();
    }
  });

  test('GIVEN a Grafana Cloud stack URL THEN it is taken as is, shown without credentials', () => {
    const c = new GrafanaClient({ url: 'https://acme.grafana.net/', token: 'glsa_x' });
    expect(c.url).toBe('https://acme.grafana.net');
  });

  test('GIVEN an invalid or non-HTTP URL THEN construction fails with a config error that does not echo it', () => {
    expect(() => new GrafanaClient({ url: 'not a url' })).toThrow(/grafana <invalid URL>: the Grafana URL is not a valid absolute URL/);
    expect(() => new GrafanaClient({ url: 'ftp://host' })).toThrow(/unsupported protocol ftp:/);
  });

  test('GIVEN a redirect (e.g. to /login) WHEN requested THEN the error suggests checking the URL', async () => {
    const fake = await startFakeServer((_req, res) => {
      res.writeHead(302, { Location: 'http://elsewhere/login?next=x' });
      res.end();
    });
    try {
      const error = await failure(new GrafanaClient({ url: fake.url, token: 't', ...noWait }).get('/api/search'));
      expect((error as GrafanaApiError).status).toBe(302);
      expect(error.suggestion).toBe('Grafana redirected to /login: check the URL (a sub-path install needs its path, e.g. https://host/grafana)');
    } finally {
      await fake.stop();
    }
  });
});

describe('version and API discovery', () => {
  test('GIVEN Grafana 11 WHEN discovered in auto mode THEN classic, without asking /apis', async () => {
    const g11 = await startGrafanaEmulator({ version: '11.6.0' });
    try {
      const info = await discoverGrafana(new GrafanaClient({ url: g11.url, token: g11.token, ...noWait }));
      expect(info).toEqual({ version: '11.6.0', major: 11, apiMode: 'classic', namespace: 'default' });
      expect(g11.requests.map((r) => r.path)).toEqual(['/api/health']);
    } finally {
      await g11.stop();
    }
  });

  test('GIVEN Grafana 12 WHEN discovered in auto mode THEN k8s with v1beta1 and the namespace from frontend settings', async () => {
    const cloud = await startGrafanaEmulator({ version: '12.1.0', namespace: 'stacks-4711' });
    try {
      const info = await discoverGrafana(new GrafanaClient({ url: cloud.url, token: cloud.token, ...noWait }));
      expect(info).toEqual({
        version: '12.1.0',
        major: 12,
        apiMode: 'k8s',
        namespace: 'stacks-4711',
        dashboardApiVersion: 'v1beta1',
        dashboardV2ApiVersion: 'v2beta1',
        folderApiVersion: 'v1beta1',
      });
    } finally {
      await cloud.stop();
    }
  });

  test('GIVEN Grafana 13 WHEN discovered THEN v1 is preferred', async () => {
    const g13 = await startGrafanaEmulator({ version: '13.0.1' });
    try {
      const info = await discoverGrafana(new GrafanaClient({ url: g13.url, token: g13.token, ...noWait }));
      expect(info.dashboardApiVersion).toBe('v1');
      expect(info.dashboardV2ApiVersion).toBe('v2');
      expect(info.folderApiVersion).toBe('v1');
    } finally {
      await g13.stop();
    }
  });

  test('GIVEN a forced mode WHEN discovered THEN classic is kept on 12; k8s on 11 fails naming the missing groups', async () => {
    const info = await discoverGrafana(client(), { apiMode: 'classic' });
    expect(info.apiMode).toBe('classic');
    const g11 = await startGrafanaEmulator({ version: '11.6.0' });
    try {
      const error = await failure(discoverGrafana(new GrafanaClient({ url: g11.url, token: g11.token, ...noWait }), { apiMode: 'k8s' }));
      expect(error.kind).toBe('config');
      expect(error.message).toContain("apiMode 'k8s' needs dashboard.grafana.app and folder.grafana.app");
    } finally {
      await g11.stop();
    }
  });

  test('GIVEN a health endpoint hiding the version WHEN discovered THEN frontend settings give it', async () => {
    const fake = await startFakeServer((req, res) => {
      if (req.url === '/api/health') reply(res, 200, { database: 'ok' });
      else if (req.url === '/api/frontend/settings') reply(res, 200, { buildInfo: { version: '12.2.0-17349826845' } });
      else reply(res, 404, { message: 'Not found' });
    });
    try {
      const info = await discoverGrafana(new GrafanaClient({ url: fake.url, token: 't', ...noWait }));
      expect(info).toEqual({ version: '12.2.0-17349826845', major: 12, apiMode: 'classic', namespace: 'default' });
      expect(fake.requests.map((r) => r.url)).toEqual(['/api/health', '/api/frontend/settings', '/apis']);
    } finally {
      await fake.stop();
    }
  });
});

describe('retries', () => {
  test('GIVEN a 429 with Retry-After WHEN a GET is rate limited THEN it waits that long and the retry succeeds', async () => {
    grafana.faults.set({ rateLimit: { everyN: 2, retryAfterSeconds: 3 }, paths: ['/api/search'] });
    const c = client();
    const first = await c.request({ method: 'GET', path: '/api/search' });
    const second = await c.request({ method: 'GET', path: '/api/search' });
    expect(first.attempts).toBe(1);
    expect(second.attempts).toBe(2);
    expect(grafana.requests.map((r) => r.status)).toEqual([200, 429, 200]);
    expect(waits).toEqual([3000]);
  });

  test('GIVEN a 429 on a POST that is not marked safe THEN it is still retried (a rate limiter rejects before handling)', async () => {
    grafana.faults.set({ rateLimit: { everyN: 1, retryAfterSeconds: 1 }, paths: ['/api/folders'] });
    const error = await failure(client().request({ method: 'POST', path: '/api/folders', body: { uid: 'f', title: 'F' } }));
    expect((error as GrafanaApiError).status).toBe(429);
    expect(error.attempts).toBe(4);
    expect(error.message).toContain('after 4 attempts');
    expect(grafana.requests).toHaveLength(4);
    expect(grafana.state.folders.size).toBe(0);
  });

  test('GIVEN Retry-After as an HTTP date or beyond the cap THEN the wait follows the date, capped', async () => {
    expect(parseRetryAfter('120', 0)).toBe(120_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:27:00 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(0);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
    let calls = 0;
    const fake = await startFakeServer((_req, res) => {
      calls += 1;
      if (calls === 1) reply(res, 429, { message: 'slow down' }, { 'Retry-After': '3600' });
      else reply(res, 200, []);
    });
    try {
      await new GrafanaClient({ url: fake.url, token: 't', ...noWait, retry: { maxRetryAfterMs: 20_000 } }).get('/api/search');
      expect(waits).toEqual([20_000]);
    } finally {
      await fake.stop();
    }
  });

  test('GIVEN random 500/502/503 and resets WHEN many reads and upserts run THEN every one converges', async () => {
    grafana.faults.set({ errorRate: 0.25, resetRate: 0.15, seed: 11, paths: ['/api/dashboards/db', '/api/search'] });
    const c = client({ retry: { maxAttempts: 12 } });
    // The injected mix includes 500, which is not retried (Grafana failed on its side): those
    // surface at once; every 502, 503 and reset is retried until it succeeds.
    const outcomes: string[] = [];
    for (let i = 0; i < 20; i++) {
      try {
        await c.request({
          method: 'POST',
          path: '/api/dashboards/db',
          body: { dashboard: { uid: `d${i}`, title: `D${i}` }, overwrite: true },
          retrySafe: true,
        });
        await c.get('/api/search', { type: 'dash-db' });
        outcomes.push('ok');
      } catch (error) {
        outcomes.push((error as GrafanaApiError).status === 500 ? '500' : `unexpected ${String(error)}`);
      }
    }
    const faults = grafana.requests.filter((r) => r.fault === 'reset' || r.status === 502 || r.status === 503);
    expect(faults.length).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o.startsWith('unexpected'))).toEqual([]);
    expect(outcomes.filter((o) => o === 'ok').length).toBeGreaterThan(10);
  });

  test('GIVEN a Grafana that stays 503 (HTML) THEN the GET gives up after maxAttempts with exponential waits', async () => {
    const fake = await startFakeServer((_req, res) => {
      res.writeHead(503, { 'Content-Type': 'text/html' });
      res.end('<html><title>Hosted Grafana - Loading</title></html>');
    });
    try {
      const error = await failure(new GrafanaClient({ url: fake.url, token: 't', ...noWait }).get('/api/search'));
      expect(error.message).toContain("503 Service Unavailable (an HTML page, not Grafana's API) after 4 attempts");
      expect(error.suggestion).toContain('paused Grafana Cloud stack');
      expect(fake.requests).toHaveLength(4);
      expect(waits).toEqual([500, 1000, 2000]);
    } finally {
      await fake.stop();
    }
  });

  test('GIVEN a 503 on a POST not marked safe THEN it is not repeated', async () => {
    const fake = await startFakeServer((_req, res) => reply(res, 503, { message: 'unavailable' }));
    try {
      const error = await failure(new GrafanaClient({ url: fake.url, token: 't', ...noWait }).request({ method: 'POST', path: '/api/folders', body: {} }));
      expect((error as GrafanaApiError).status).toBe(503);
      expect(fake.requests).toHaveLength(1);
    } finally {
      await fake.stop();
    }
  });

  test('GIVEN non-retryable errors (400, 404, 412, 500) THEN each fails at the first attempt', async () => {
    const c = client();
    const bad = await failure(c.request({ method: 'POST', path: '/api/folders', body: { uid: 'x', title: '' }, retrySafe: true }));
    const missing = await failure(c.request({ method: 'GET', path: '/api/folders/nope', resource: 'folder' }));
    await c.request({ method: 'POST', path: '/api/dashboards/db', body: { dashboard: { uid: 'v', title: 'V' } } });
    const stale = await failure(
      c.request({ method: 'POST', path: '/api/dashboards/db', body: { dashboard: { uid: 'v', title: 'V', version: 0 } }, retrySafe: true }),
    );
    expect([bad, missing, stale].map((e) => (e as GrafanaApiError).status)).toEqual([400, 404, 412]);
    expect(missing.suggestion).toContain('the folder does not exist');
    expect((stale as GrafanaApiError).grafanaStatus).toBe('version-mismatch');
    expect(stale.suggestion).toBe('the dashboard was changed by someone else since it was read: run dash diff, then apply with --force to overwrite');
    expect(grafana.requests).toHaveLength(4);
    const fake = await startFakeServer((_req, res) => reply(res, 500, { message: 'Internal Server Error', traceID: '' }));
    try {
      const error = await failure(new GrafanaClient({ url: fake.url, token: 't', ...noWait }).get('/api/search'));
      expect(error.message).toBe(`grafana ${fake.url} GET /api/search: 500 Internal Server Error (Grafana failed on its side: check its server log)`);
      expect(fake.requests).toHaveLength(1);
    } finally {
      await fake.stop();
    }
  });

  test('GIVEN a 403 THEN the suggestion is about the role', async () => {
    const fake = await startFakeServer((_req, res) => reply(res, 403, { message: 'Access denied to save dashboard' }));
    try {
      const error = await failure(
        new GrafanaClient({ url: fake.url, token: 't', ...noWait }).request({ method: 'POST', path: '/api/dashboards/db', body: {} }),
      );
      expect(error.message).toContain('403 Forbidden: Access denied to save dashboard');
      expect(error.suggestion).toContain("the token's role lacks permission for POST /api/dashboards/db");
    } finally {
      await fake.stop();
    }
  });
});

describe('connection failures', () => {
  let servers: FakeServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    servers = [];
  });

  test('GIVEN a server that never answers THEN a GET times out after its attempts, a plain POST after one', async () => {
    const hanging = await startHangingServer();
    servers.push(hanging);
    const c = new GrafanaClient({ url: hanging.url, token: 't', timeoutMs: 100, ...noWait, retry: { maxAttempts: 2 } });
    const get = await failure(c.get('/api/search'));
    expect(get.kind).toBe('timeout');
    expect(get.attempts).toBe(2);
    expect(get.message).toContain('no answer within 100 ms after 2 attempts');
    expect(get.suggestion).toContain('raise timeoutMs');
    const post = await failure(c.request({ method: 'POST', path: '/api/folders', body: {} }));
    expect(post.kind).toBe('timeout');
    expect(post.attempts).toBe(1);
  });

  test('GIVEN a server that resets connections THEN a GET is retried and fails as a network error', async () => {
    const resetting = await startResettingServer();
    servers.push(resetting);
    const error = await failure(new GrafanaClient({ url: resetting.url, token: 't', ...noWait }).get('/api/search'));
    expect(error.kind).toBe('network');
    expect(error.code).toBe('ECONNRESET');
    expect(error.attempts).toBe(4);
    expect(resetting.requests).toHaveLength(4);
  });

  test('GIVEN nothing listening THEN the refused connection fails at once, suggesting GRAFANA_URL', async () => {
    const gone = await startHangingServer();
    await gone.stop();
    const error = await failure(new GrafanaClient({ url: gone.url, token: 't', ...noWait }).get('/api/health'));
    expect(error.code).toBe('ECONNREFUSED');
    expect(error.attempts).toBe(1);
    expect(error.unreachable).toBe(true);
    expect(error.suggestion).toContain('check GRAFANA_URL');
  });

  test('GIVEN a self-signed certificate THEN the TLS error suggests caFile; caFile or insecureSkipVerify connect', async () => {
    const cert = selfSignedCertificate();
    const tls = await startTlsServer(cert);
    servers.push(tls);
    const error = await failure(new GrafanaClient({ url: tls.url, token: 't', ...noWait }).get('/api/health'));
    expect(error.kind).toBe('tls');
    expect(error.attempts).toBe(1);
    expect(error.suggestion).toContain('set caFile');
    expect(await new GrafanaClient({ url: tls.url, token: 't', caFile: cert.certFile, ...noWait }).get('/api/health')).toEqual({
      database: 'ok',
      version: '11.6.0',
    });
    expect(await new GrafanaClient({ url: tls.url, token: 't', insecureSkipVerify: true, ...noWait }).get('/api/health')).toMatchObject({ database: 'ok' });
  });

  test('GIVEN https to a plain HTTP server THEN a TLS error points at the scheme', async () => {
    const plain = await startFakeServer((_req, res) => reply(res, 200, {}));
    servers.push(plain);
    const error = await failure(new GrafanaClient({ url: plain.url.replace('http:', 'https:'), token: 't', ...noWait }).get('/api/health'));
    expect(error.kind).toBe('tls');
    expect(error.suggestion).toContain("check the URL's scheme");
  });

  test('GIVEN an unreadable CA file THEN construction fails naming it', () => {
    expect(() => new GrafanaClient({ url: 'https://g.example.com', caFile: '/nonexistent/ca.pem' })).toThrow(
      'grafana https://g.example.com: cannot read the CA file /nonexistent/ca.pem (ENOENT)',
    );
  });
});
