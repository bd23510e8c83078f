// Data-source-managed rules through Grafana's ruler proxy, end to end through the built CLI:
// the Grafana token is the only credential; apply, a no-op second apply (0 writes) and prune go
// to `/api/ruler/<uid>/api/v1/rules` of the emulator, the data source picked by uid or by name.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGrafanaEmulator, type GrafanaEmulator } from '../../lib/testing/index.js';
import { makeProject, runDashAsync, writeFiles } from './run-dash.js';

const MIXINS = fileURLToPath(new URL('../../mixins/', import.meta.url));
const TOKEN = 'glsa_proxy-sentinel-token-never-printed_0badc0de';

let grafana: GrafanaEmulator;

beforeAll(async () => {
  grafana = await startGrafanaEmulator({ token: TOKEN });
});
afterAll(async () => {
  await grafana.stop();
});
beforeEach(() => {
  grafana.reset();
});

function env(): Record<string, string | undefined> {
  return { GRAFANA_URL: grafana.url, GRAFANA_TOKEN: TOKEN, MIMIR_ADDRESS: undefined, CORTEX_ADDRESS: undefined };
}

function config(mixins: readonly string[], rules: string): string {
  const imports = mixins.map((m, i) => `import m${i} from ${JSON.stringify(path.join(MIXINS, m, 'index.ts'))};`).join('\n');
  return `import { defineConfig } from 'grafts';\n${imports}\nexport default defineConfig({ mixins: [${mixins.map((_, i) => `m${i}`).join(', ')}], targets: { prod: { type: 'grafana', url: process.env.GRAFANA_URL!, tokenEnv: 'GRAFANA_TOKEN', rules: ${rules} } } });\n`;
}

async function addDatasource(uid: string, name: string, type: string): Promise<void> {
  const res = await fetch(`${grafana.url}/api/datasources`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ uid, name, type, access: 'proxy', url: 'http://mimir:8080' }),
  });
  expect(res.status).toBe(200);
}

/** namespace → group names, as the proxy lists them for the data source. */
async function proxiedGroups(uid: string): Promise<Map<string, string[]>> {
  const res = await fetch(`${grafana.url}/api/ruler/${uid}/api/v1/rules?subtype=mimir`, { headers: { Authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  const { parse } = await import('yaml');
  const listing = (parse(await res.text()) ?? {}) as Record<string, { name: string }[]>;
  return new Map(Object.entries(listing).map(([ns, groups]) => [ns, groups.map((g) => g.name).sort()]));
}

function proxyRequests(from = 0): { method: string; path: string }[] {
  return grafana.requests.slice(from).filter((r) => r.path.startsWith('/api/ruler/'));
}

describe('dash apply with rules through the Grafana ruler proxy', () => {
  it('applies by data source name, sends 0 writes the second time, prunes a removed mixin, and never prints the token', async () => {
    // GIVEN a Mimir data source named "cloud-prom" and a project whose rules go through the proxy
    await addDatasource('prom-uid', 'cloud-prom', 'prometheus');
    const rules = `{ type: 'grafana-ruler-proxy', datasource: { name: 'cloud-prom' }, owns: ['node-exporter', 'prometheus'] }`;
    const dir = makeProject({ 'dash.config.ts': config(['node-exporter', 'prometheus'], rules) });
    // WHEN applying
    const first = await runDashAsync(['apply', '--no-typecheck', '--target', 'prod'], dir, env());
    // THEN every group is one JSON POST to the proxy path of that uid, with ?subtype=mimir
    expect(first.stderr + first.stdout).not.toContain(TOKEN);
    expect(first.exitCode).toBe(0);
    const stored = await proxiedGroups('prom-uid');
    expect([...stored.keys()].sort()).toEqual(['node-exporter', 'prometheus']);
    const groupCount = [...stored.values()].reduce((n, g) => n + g.length, 0);
    const posts = proxyRequests().filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(groupCount);
    expect(posts.every((r) => r.path.startsWith('/api/ruler/prom-uid/api/v1/rules/') && r.path.endsWith('?subtype=mimir'))).toBe(true);

    // WHEN applying again THEN no write reaches Grafana at all
    const before = grafana.requests.length;
    const again = await runDashAsync(['apply', '--no-typecheck', '--target', 'prod', '--json'], dir, env());
    expect(again.exitCode).toBe(0);
    expect((JSON.parse(again.stdout) as { report: { writes: number } }).report.writes).toBe(0);
    expect(grafana.requests.slice(before).filter((r) => r.method !== 'GET')).toEqual([]);

    // WHEN the prometheus mixin leaves the code and apply runs with --prune
    const prometheusGroups = stored.get('prometheus')!;
    writeFiles(dir, { 'dash.config.ts': config(['node-exporter'], rules) });
    const beforePrune = grafana.requests.length;
    const pruned = await runDashAsync(['apply', '--no-typecheck', '--target', 'prod', '--prune'], dir, env());
    // THEN one DELETE per group of the removed mixin, through the proxy
    expect(pruned.stderr + pruned.stdout).not.toContain(TOKEN);
    expect(pruned.exitCode).toBe(0);
    expect(proxyRequests(beforePrune).filter((r) => r.method === 'DELETE')).toHaveLength(prometheusGroups.length);
    const after = await proxiedGroups('prom-uid');
    expect(after.has('prometheus')).toBe(false);
    expect(after.get('node-exporter')).toEqual(stored.get('node-exporter'));
  }, 180_000);

  it('goes to a loki data source picked by uid, without the subtype parameter', async () => {
    await addDatasource('logs-uid', 'cloud-logs', 'loki');
    const dir = makeProject({ 'dash.config.ts': config(['node-exporter'], `{ type: 'grafana-ruler-proxy', datasource: { uid: 'logs-uid' } }`) });
    const diff = await runDashAsync(['diff', '--no-typecheck', '--target', 'prod', '--exit-code'], dir, env());
    expect(diff.exitCode).toBe(2);
    const applied = await runDashAsync(['apply', '--no-typecheck', '--target', 'prod'], dir, env());
    expect(applied.exitCode).toBe(0);
    const posts = proxyRequests().filter((r) => r.method === 'POST');
    expect(posts.length).toBeGreaterThan(0);
    expect(posts.every((r) => r.path.startsWith('/api/ruler/logs-uid/api/v1/rules/node-exporter') && !r.path.includes('subtype'))).toBe(true);
  }, 120_000);

  it.each([
    ['a name no data source has', `{ name: 'nope' }`, /targets\.prod\.rules\.datasource\.name: .*no data source named "nope"/],
    ['an unknown uid', `{ uid: 'nope' }`, /targets\.prod\.rules\.datasource\.uid: .*no data source with uid "nope"/],
    ['a data source without a ruler', `{ name: 'tempo' }`, /targets\.prod\.rules\.datasource: data source "tempo" .*type "tempo", which has no ruler/],
  ])(
    'refuses %s with an error naming the config path, exit non-zero, nothing written',
    async (_what, datasource, message) => {
      await addDatasource('tempo-uid', 'tempo', 'tempo');
      const dir = makeProject({ 'dash.config.ts': config(['node-exporter'], `{ type: 'grafana-ruler-proxy', datasource: ${datasource} }`) });
      const before = grafana.requests.length;
      const run = await runDashAsync(['apply', '--no-typecheck', '--target', 'prod'], dir, env());
      expect(run.exitCode).not.toBe(0);
      expect(run.stderr).toMatch(message);
      expect(run.stderr + run.stdout).not.toContain(TOKEN);
      expect(grafana.requests.slice(before).filter((r) => r.method !== 'GET')).toEqual([]);
    },
    60_000,
  );
});
