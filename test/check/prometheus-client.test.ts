import { describe, expect, it } from 'vitest';
import { createPrometheusClient } from '../../lib/check/prometheus-client.js';
import { PrometheusError } from '../../lib/check/prometheus-error.js';
import { displayUrl, redactSecrets } from '../../lib/util/redact.js';
import { s, startFakePrometheus } from './fake-prometheus.js';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('createPrometheusClient', () => {
  it('calls the query, range, series, label and buildinfo endpoints', async () => {
    const fake = await startFakePrometheus({ series: [s('up', { job: 'a' }), s('up', { job: 'b' }), s('x', { env: 'p' })] });
    const prom = createPrometheusClient({ url: `${fake.url}/` });
    expect((await prom.buildInfo()).version).toBe('2.42.0-fake');
    expect(await prom.query('up{job="a"}', 100)).toEqual({ resultType: 'vector', result: [{ metric: { __name__: 'up', job: 'a' }, value: [100, '1'] }] });
    expect((await prom.queryRange('up', { start: 0, end: 100, step: 15 })).resultType).toBe('matrix');
    expect(await prom.series(['up'])).toHaveLength(2);
    expect(await prom.labelNames(['x'])).toEqual(['__name__', 'env']);
    expect(await prom.labelValues('job', ['up'], { start: 1, end: 2 })).toEqual(['a', 'b']);
    const call = fake.requests.at(-1)!;
    expect([call.method, call.path, call.params.get('start'), call.params.get('end')]).toEqual(['GET', '/api/v1/label/job/values', '1', '2']);
  });

  it("throws a typed error with the HTTP status, Prometheus' errorType and message", async () => {
    const fake = await startFakePrometheus({
      overrides: { 'rate(x)': { error: 'expected type range vector in call to function "rate", got instant vector', errorType: 'bad_data', status: 400 } },
    });
    const error = await createPrometheusClient({ url: fake.url })
      .query('rate(x)')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrometheusError);
    expect(error).toMatchObject({
      kind: 'api',
      status: 400,
      errorType: 'bad_data',
      endpoint: '/api/v1/query',
      detail: 'expected type range vector in call to function "rate", got instant vector',
    });
    expect((error as Error).message).toBe(
      `prometheus ${fake.url} /api/v1/query: 400 bad_data: expected type range vector in call to function "rate", got instant vector`,
    );
  });

  it('says what a non-Prometheus answer is (404 with a hint, a proxy page)', async () => {
    const fake = await startFakePrometheus({ raw: { status: 404, body: '<html>Not Found</html>' } });
    const error = await createPrometheusClient({ url: fake.url })
      .buildInfo()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'http', status: 404 });
    expect((error as PrometheusError).detail).toMatch(/is this the Prometheus base URL\?/);
  });

  it('times out with a timeout error', async () => {
    // GIVEN a fetch that never answers (but honours the abort signal)
    const slow: typeof fetch = (_input, init) => {
      const signal = init?.signal;
      return new Promise((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));
    };
    const error = await createPrometheusClient({ url: 'http://127.0.0.1:1', timeoutMs: 50, fetch: slow })
      .query('up')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'timeout', unreachable: true, detail: 'no answer within 50 ms' });
  });
});

describe('credentials', () => {
  it('sends URL user info as basic auth, and never shows it', async () => {
    const fake = await startFakePrometheus({ authorization: basic('alice', 'p@ss w0rd!') });
    const port = new URL(fake.url).port;
    const prom = createPrometheusClient({ url: `http://alice:${encodeURIComponent('p@ss w0rd!')}@127.0.0.1:${port}` });
    await prom.query('up');
    expect(prom.url).toBe(fake.url);
    expect(fake.requests[0]!.headers.authorization).toBe(basic('alice', 'p@ss w0rd!'));
  });

  it('sends a bearer token, and a refusal names the URL and status but not the token', async () => {
    const fake = await startFakePrometheus({ authorization: 'Bearer right-token' });
    const error = await createPrometheusClient({ url: fake.url, token: 'wrong-token-123' })
      .buildInfo()
      .catch((e: unknown) => e);
    expect(fake.requests[0]!.headers.authorization).toBe('Bearer wrong-token-123');
    expect(error).toMatchObject({ kind: 'http', status: 401 });
    expect((error as Error).message).toContain(fake.url);
    expect((error as Error).message).toContain('check the credentials');
    expect((error as Error).message).not.toContain('wrong-token-123');
  });

  it('scrubs secrets a server echoes back', async () => {
    const fake = await startFakePrometheus({ raw: { status: 403, body: 'token tok-SECRET-42 is not allowed for alice:pw-SECRET-9' } });
    const port = new URL(fake.url).port;
    const error = await createPrometheusClient({ url: `http://alice:pw-SECRET-9@127.0.0.1:${port}`, token: 'tok-SECRET-42' })
      .query('up')
      .catch((e: unknown) => e);
    expect((error as Error).message).not.toMatch(/SECRET/);
    expect((error as Error).message).toContain('token *** is not allowed');
  });

  it('shows URLs without user info, query or fragment', () => {
    expect(displayUrl('https://bob:s3cret@prom.example.com/prometheus/?token=x#y')).toBe('https://prom.example.com/prometheus');
    expect(displayUrl('not a url with s3cret')).toBe('<invalid URL>');
    expect(redactSecrets('a s3cret b s3cret', ['s3cret', undefined, 'ab'])).toBe('a *** b ***');
  });
});
