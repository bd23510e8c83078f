import { describe, expect, it } from 'vitest';
import { ExitError } from '../../cli/errors.js';
import { createProgram } from '../../cli/program.js';
import { makeProject } from '../cli/run-dash.js';
import { s, startFakePrometheus } from './fake-prometheus.js';

const DASHBOARD = JSON.stringify({
  uid: 'shop',
  title: 'Shop',
  templating: {
    list: [
      { type: 'datasource', name: 'datasource', query: 'prometheus' },
      { type: 'query', name: 'job', datasource: { uid: '${datasource}' }, query: 'label_values(up, job)', multi: true, includeAll: true, allValue: '.+' },
    ],
  },
  panels: [
    { type: 'row', title: 'checkout', id: 1 },
    {
      id: 2,
      type: 'timeseries',
      title: 'Requests',
      datasource: { uid: '${datasource}' },
      targets: [{ refId: 'A', expr: 'sum(rate(http_requests_total{job=~"$job", job="checkoutt"}[$__rate_interval]))' }],
    },
    {
      id: 3,
      type: 'timeseries',
      title: 'Errors',
      datasource: { uid: '${datasource}' },
      targets: [{ refId: 'A', expr: 'sum(rate(http_requests_total{job=~"$job", code=~"5.."}[$__rate_interval]))' }],
    },
    { id: 4, type: 'stat', title: 'Up', datasource: { uid: '${datasource}' }, targets: [{ refId: 'A', expr: 'sum(up{job=~"$job"})' }] },
  ],
});

const SERIES = [
  s('up', { job: 'cart' }),
  s('up', { job: 'checkout' }),
  s('http_requests_total', { job: 'cart', code: '200' }),
  s('http_requests_total', { job: 'checkout', code: '200' }),
];

async function dash(args: string[], cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io = { cwd, env: { FORCE_COLOR: '0' }, stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t) } };
  const program = createProgram(io);
  program.exitOverride();
  for (const c of program.commands) c.exitOverride();
  let exitCode = 0;
  try {
    await program.parseAsync(['node', 'dash', 'check', ...args]);
  } catch (error) {
    if (error instanceof ExitError) exitCode = error.exitCode;
    else if (error && typeof error === 'object' && 'exitCode' in error) exitCode = Number(error.exitCode);
    else throw error;
  }
  return { exitCode, stdout: out.join(''), stderr: err.join('') };
}

describe('dash check (in process, fake Prometheus)', () => {
  it('prints each panel with its status, the failing query and a hint naming the label, and exits 1', async () => {
    const fake = await startFakePrometheus({ series: SERIES });
    const dir = makeProject({ 'dashboards/shop.json': DASHBOARD });

    const run = await dash(['dashboards', '--prometheus', fake.url], dir);

    expect(run.exitCode).toBe(1);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(`Checked 1 dashboard against ${fake.url} (Prometheus 2.42.0-fake): last 5m, step 15s, $__rate_interval 1m`);
    expect(run.stdout).toContain('dashboards/shop.json › Shop (shop)');
    expect(run.stdout).toContain('  $job = All (2 values: cart, checkout)');
    expect(run.stdout).toMatch(
      / {2}✗ checkout › Requests +NO DATA\n {6}A {2}sum\(rate\(http_requests_total\{job=~"\.\+", job="checkoutt"\}\[1m\]\)\)\n {9}hint: http_requests_total: job="checkoutt" matches nothing; job has: cart, checkout\n/,
    );
    expect(run.stdout).toMatch(/ {2}○ checkout › Errors +empty \(ok\) +selects errors only \(code=~"5\.\."\)/);
    expect(run.stdout).toMatch(/ {2}✓ checkout › Up +data +2 series/);
    expect(run.stdout).toMatch(/\nFAILED 3 panels: 1 data, 1 empty \(ok\), 1 no data, 0 errors, 0 skipped \(\d+ ms\)\n$/);
  });

  it('exits 0 when the failing panel is declared optional, and --json prints the result', async () => {
    const fake = await startFakePrometheus({ series: SERIES });
    const dir = makeProject({ 'shop.json': DASHBOARD });

    const run = await dash(['shop.json', '--prometheus', fake.url, '--optional', 'shop/Requests', '--json'], dir);

    expect(run.exitCode).toBe(0);
    const result = JSON.parse(run.stdout) as { ok: boolean; counts: Record<string, number>; dashboards: { panels: { status: string }[] }[] };
    expect(result.ok).toBe(true);
    expect(result.counts).toMatchObject({ panels: 3, data: 1, emptyOk: 2, noData: 0 });
  });

  it('requires a Prometheus URL and validates options', async () => {
    const dir = makeProject({ 'shop.json': DASHBOARD });
    const saved = process.env['PROMETHEUS_URL'];
    delete process.env['PROMETHEUS_URL'];
    try {
      expect(await dash(['shop.json'], dir)).toMatchObject({
        exitCode: 1,
        stderr: 'error: no Prometheus URL: pass --prometheus <url> or set PROMETHEUS_URL\n',
      });
    } finally {
      if (saved !== undefined) process.env['PROMETHEUS_URL'] = saved;
    }
    const bad = await dash(['shop.json', '--prometheus', 'http://x', '--scrape-interval', 'soon'], dir);
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain("option '--scrape-interval <duration>' argument 'soon' is invalid");
  });

  it('never prints credentials: not from the URL, not the token, not on failure', async () => {
    const password = 'pw-SECRET-123';
    const token = 'tok-SECRET-456';
    const fake = await startFakePrometheus({ series: SERIES, authorization: `Basic ${Buffer.from(`alice:${password}`).toString('base64')}` });
    const port = new URL(fake.url).port;
    const dir = makeProject({ 'shop.json': DASHBOARD });
    const withCreds = `http://alice:${password}@127.0.0.1:${port}`;

    // WHEN it works with basic auth from the URL (human and JSON output)
    const human = await dash(['shop.json', '--prometheus', withCreds], dir);
    const json = await dash(['shop.json', '--prometheus', withCreds, '--json'], dir);
    // AND a token is refused
    const refused = await dash(['shop.json', '--prometheus', fake.url, '--token', token], dir);
    // AND Prometheus is down
    await fake.close();
    const down = await dash(['shop.json', '--prometheus', withCreds, '--timeout', '2000'], dir);

    // THEN the runs did what they should
    expect(human.stdout).toContain(`against http://127.0.0.1:${port} `);
    expect(JSON.parse(json.stdout)).toMatchObject({ prometheus: { url: `http://127.0.0.1:${port}` } });
    expect(refused).toMatchObject({ exitCode: 1, stdout: '' });
    expect(refused.stderr).toBe(`error: Prometheus refused the check at http://127.0.0.1:${port}: 401 Unauthorized (check the credentials): Unauthorized\n`);
    expect(down).toMatchObject({ exitCode: 1, stdout: '' });
    expect(down.stderr).toMatch(new RegExp(`^error: cannot reach Prometheus at http://127\\.0\\.0\\.1:${port}: (connect )?ECONNREFUSED`));
    // AND no secret appears anywhere
    for (const run of [human, json, refused, down]) {
      for (const text of [run.stdout, run.stderr]) {
        expect(text).not.toContain('SECRET');
        expect(text).not.toContain('alice');
        expect(text).not.toContain(Buffer.from(`alice:${password}`).toString('base64'));
      }
    }
  });
});
