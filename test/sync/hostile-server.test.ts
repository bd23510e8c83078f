// The built `dash diff` / `dash apply` against a server that is not the Grafana it claims to be
// (test/sync/hostile-grafana.ts): never a success for work not done, never a write over what was
// not listed, never an endless loop, never a token or a raw control character in the output.
import { describe, expect, it, onTestFinished } from 'vitest';
import { makeProject, runDashAsync, type DashRun } from '../cli/run-dash.js';
import { startHostileGrafana, type HostileGrafana, type HostileMode } from './hostile-grafana.js';

const TOKEN = 'glsa_hostileTOKEN_0123456789abcdef';
const API = `import { dashboard, prometheus, stat } from 'grafts';
export default dashboard('API').uid('api').panel(stat('Up').target(prometheus('sum(up)')));
`;
const FOLDERED = `import { dashboard, folder, prometheus, stat } from 'grafts';
export default dashboard('API').uid('api').folder(folder('Team')).panel(stat('Up').target(prometheus('sum(up)')));
`;
/** A raw control character (the escapes dash prints instead are plain text). */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

async function start(mode: HostileMode, options: { k8s?: boolean } = {}): Promise<HostileGrafana> {
  const server = await startHostileGrafana(mode, options);
  onTestFinished(() => server.close());
  return server;
}

async function dash(server: HostileGrafana, args: string[], files: Record<string, string> = { 'api.dash.ts': API }): Promise<DashRun> {
  const dir = makeProject(files);
  return runDashAsync([...args, '--no-typecheck'], dir, {
    GRAFANA_URL: server.url,
    GRAFANA_TOKEN: TOKEN,
    CI: 'true',
    NODE_DEBUG: undefined,
    MIMIR_ADDRESS: undefined,
  });
}

function expectSafeOutput(run: DashRun): void {
  const all = run.stdout + run.stderr;
  expect(all).not.toContain(TOKEN);
  expect(all).not.toContain('hostileTOKEN');
  expect(all).not.toMatch(RAW_CONTROL);
}

describe('a server that is not a Grafana', () => {
  it.each([
    ['html', /GET \/api\/health: expected Grafana's health JSON .*, got an HTML page/],
    // The suggestion is printed once, as the hint under the error line.
    ['redirect-loop', /GET \/api\/health: 302 [^\n]*\n {2}hint: [^\n]*redirected/i],
  ] as const)(
    '%s: diff and apply exit 1 naming the request, and nothing is written',
    async (mode, message) => {
      const server = await start(mode);
      for (const args of [
        ['diff', '--exit-code'],
        ['apply', '--prune'],
      ]) {
        const run = await dash(server, args);
        expect(run.exitCode, `${args[0]}: ${run.stderr}`).toBe(1);
        expect(run.stderr).toMatch(message);
        expect(run.stdout).not.toMatch(/created|No changes/);
        expectSafeOutput(run);
      }
      // The client never follows the redirect (each request is sent once, then refused).
      expect(server.requests.every((r) => r.method === 'GET')).toBe(true);
      expect(server.acceptedWrites()).toEqual([]);
    },
    60_000,
  );

  it('{} for a listing is an error naming the listing, never an empty Grafana', async () => {
    const server = await start('empty-object-listings');
    for (const args of [
      ['diff', '--format', 'markdown'],
      ['apply', '--prune'],
    ]) {
      const run = await dash(server, args);
      expect(run.exitCode, run.stderr).toBe(1);
      expect(run.stderr).toMatch(/GET \/api\/search: expected a JSON array of search hits .*, got an empty object \{\}/);
      expect(run.stderr).toMatch(/GET \/api\/folders: expected a JSON array of folders .*, got an empty object \{\}/);
      expect(run.stderr).toContain('so nothing was planned or written');
      expect(run.stdout).not.toContain('No changes');
      expectSafeOutput(run);
    }
    expect(server.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  }, 60_000);

  it('an HTML search page labelled JSON: exit 1 naming the request, the page and what to check, and nothing is written', async () => {
    // GIVEN a server whose health is Grafana's but whose /api/search is a login page sent as application/json
    const server = await start('search-html-labelled-json');
    for (const args of [
      ['diff', '--format', 'markdown'],
      ['apply', '--prune'],
    ]) {
      // WHEN diffing and applying
      const run = await dash(server, args);
      // THEN exit 1, the request is named with what came back, and the hint is about the URL, not about retrying
      expect(run.exitCode, run.stderr).toBe(1);
      expect(run.stderr).toMatch(/GET \/api\/search: 200 with an HTML page labelled JSON \(is this URL a Grafana\?\)/);
      expect(run.stderr).toContain('hint: check that the URL points at Grafana itself');
      expect(run.stderr).not.toContain('re-run when the target is reachable');
      expect(run.stdout).not.toMatch(/created|No changes/);
      expectSafeOutput(run);
    }
    expect(server.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  }, 60_000);

  it('a search that ignores page ends with an error after page 2, not 30,000 requests', async () => {
    const server = await start('pages-ignored');
    const run = await dash(server, ['diff']);
    expect(run.exitCode, run.stderr).toBe(1);
    expect(run.stderr).toMatch(
      /GET \/api\/search: expected page 2 to continue the listing, got page 2 repeating items of earlier pages \(the server ignores page\)/,
    );
    expect(server.requests.filter((r) => r.path.startsWith('/api/search')).length).toBe(2);
    expect(server.acceptedWrites()).toEqual([]);
    expectSafeOutput(run);
  }, 60_000);

  it('a k8s folder listing whose continue token repeats ends with an error', async () => {
    const server = await start('continue-loop');
    const run = await dash(server, ['apply', '--prune']);
    expect(run.exitCode, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/GET \/apis\/folder\.grafana\.app\/v1beta1\/namespaces\/default\/folders: .*continue token already used \(the listing loops\)/);
    expect(server.requests.filter((r) => r.path.startsWith('/apis/folder.grafana.app')).length).toBe(2);
    expect(server.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expectSafeOutput(run);
  }, 60_000);

  it('a server echoing the Authorization header never gets the token printed', async () => {
    const server = await start('auth-echo');
    for (const args of [['diff'], ['apply'], ['diff', '--format', 'json']]) {
      const run = await dash(server, args);
      expect(run.exitCode, run.stderr).toBe(1);
      expect(run.stderr).toContain('GET /api/search: 500');
      expect(run.stderr).toMatch(/GET \/api\/folders: expected a JSON array of folders .*, got an HTML page/);
      expectSafeOutput(run);
    }
    expect(server.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  }, 60_000);
});

describe('a create never overwrites', () => {
  it('a dashboard that exists but is not listed is a conflict (exit 4), sent with overwrite: false and left untouched', async () => {
    // GIVEN a Grafana holding a hand-made "api" that its search does not show (permissions, a broken listing)
    const server = await start('unlisted-uid');
    // WHEN applying a project with a dashboard "api"
    const run = await dash(server, ['apply']);
    // THEN exit 4, the message says why, and the hand-made dashboard is as it was
    expect(run.exitCode, run.stderr + run.stdout).toBe(4);
    expect(run.stdout).toContain('conflict on dashboard api "API"');
    expect(run.stdout).toContain('exists but was not listed: permissions or a broken listing?');
    expect(server.dashboards.get('api')).toEqual({ uid: 'api', title: 'Made by hand', version: 3, panels: [] });
    const posts = server.requests.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body).toMatchObject({ overwrite: false });
    expect(server.acceptedWrites()).toEqual([]);
    expectSafeOutput(run);
  }, 60_000);

  it('through /apis too: the GET before the create finds it, so nothing is sent at all (exit 4)', async () => {
    const server = await start('unlisted-uid', { k8s: true });
    const run = await dash(server, ['apply']);
    expect(run.exitCode, run.stderr + run.stdout).toBe(4);
    expect(run.stdout).toContain('exists but was not listed: permissions or a broken listing?');
    expect(server.requests.filter((r) => r.path.startsWith('/apis/dashboard.grafana.app')).length).toBeGreaterThan(0);
    expect(server.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(server.dashboards.get('api')).toEqual({ uid: 'api', title: 'Made by hand', version: 3, panels: [] });
    expectSafeOutput(run);
  }, 60_000);

  it.each(['conflict-409-on-create', 'conflict-412-on-create'] as const)(
    '%s: the create is a conflict (exit 4), not a failure and not a success',
    async (mode) => {
      const server = await start(mode);
      const run = await dash(server, ['apply', '--json']);
      expect(run.exitCode, run.stderr).toBe(4);
      const report = JSON.parse(run.stdout) as {
        report: { counts: { created: number; conflicts: number; failed: number }; results: { outcome: string; message?: string }[] };
      };
      expect(report.report.counts).toMatchObject({ created: 0, conflicts: 1, failed: 0 });
      expect(report.report.results[0]!.message).toContain('exists but was not listed');
      expect(server.requests.filter((r) => r.method === 'POST').map((r) => (r.body as { overwrite?: boolean }).overwrite)).toEqual([false]);
      expect(server.acceptedWrites()).toEqual([]);
      expectSafeOutput(run);
    },
    60_000,
  );

  it('a folder whose uid is taken but not listed is a conflict, and its dashboard is not attempted', async () => {
    const server = await start('folder-exists-on-create');
    const run = await dash(server, ['apply'], { 'api.dash.ts': FOLDERED });
    expect(run.exitCode, run.stderr + run.stdout).toBe(3);
    expect(run.stdout).toContain('conflict on folder team "Team"');
    expect(run.stdout).toContain('exists but was not listed');
    expect(run.stdout).toContain('did not create dashboard api "API": not attempted');
    expect(server.acceptedWrites()).toEqual([]);
    expect(server.requests.filter((r) => r.path === '/api/dashboards/db')).toEqual([]);
    expectSafeOutput(run);
  }, 60_000);
});

describe('reads that fail after retries', () => {
  it('exit 1, and the error names every dashboard that could not be read', async () => {
    // GIVEN a Grafana listing "api" and "db" whose dashboard reads answer 503 every time
    const server = await start('reads-fail');
    const two = `import { dashboard, prometheus, stat } from 'grafts';
export default [dashboard('API').uid('api'), dashboard('DB').uid('db')].map((d) => d.panel(stat('Up').target(prometheus('sum(up)'))));
`;
    // WHEN applying
    const run = await dash(server, ['apply'], { 'two.dash.ts': two });
    // THEN exit 1, both reads named (after their retries), nothing written
    expect(run.exitCode, run.stderr).toBe(1);
    expect(run.stderr).toContain('could not read 2 resources from');
    expect(run.stderr).toContain('so nothing was planned or written');
    expect(run.stderr).toMatch(/^ {2}dashboard "api": .*GET \/api\/dashboards\/uid\/api: 503 .*after 4 attempts/m);
    expect(run.stderr).toMatch(/^ {2}dashboard "db": .*GET \/api\/dashboards\/uid\/db: 503 .*after 4 attempts/m);
    expect(server.requests.filter((r) => r.path === '/api/dashboards/uid/api')).toHaveLength(4);
    expect(server.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expectSafeOutput(run);
  }, 60_000);
});

describe('what a server says is printed escaped', () => {
  it('titles in diff text and markdown, and error messages in the apply report', async () => {
    const server = await start('control-characters');
    const text = await dash(server, ['diff', '--prune']);
    const markdown = await dash(server, ['diff', '--prune', '--format', 'markdown']);
    const apply = await dash(server, ['apply']);
    expect(text.exitCode, text.stderr).toBe(0);
    expect(text.stdout).toContain('Evil\\x1b[2J\\x1b[31mtitle\\nfake line\\u202e');
    expect(markdown.stdout).toContain('Evil\\x1b[2J');
    expect(apply.exitCode).toBe(3);
    expect(apply.stdout + apply.stderr).toContain('bad dashboard\\x1b[2J\\x1b]0;pwned\\x07\\rok');
    for (const run of [text, markdown, apply]) expectSafeOutput(run);
  }, 60_000);
});
