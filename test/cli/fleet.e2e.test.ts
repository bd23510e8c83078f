// Fleets end to end (the built bin) against several Grafana emulators: `--target a --target b`
// and `fleets` in dash.config.ts, per-target mixins, one combined report (text, markdown, JSON),
// and exit codes that name the failed target without hiding the others' results.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGrafanaEmulator, type GrafanaEmulator } from '../../lib/testing/index.js';
import { makeProject, runDashAsync } from './run-dash.js';

const NODE_EXPORTER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../mixins/node-exporter/index.ts');

const API = `import { dashboard, folder, prometheus, timeseries } from 'grafts';
export default dashboard('API').uid('api').folder(folder('Team')).panel(timeseries('Requests').target(prometheus('sum(rate(http_requests_total[5m]))')));
`;

let eu: GrafanaEmulator;
let us: GrafanaEmulator;
let gone: GrafanaEmulator;

beforeAll(async () => {
  [eu, us, gone] = await Promise.all([
    startGrafanaEmulator({ token: 'glsa_sentinel_eu_0000' }),
    startGrafanaEmulator({ token: 'glsa_sentinel_us_0000' }),
    startGrafanaEmulator(),
  ]);
  // A target whose Grafana is down: its port answers nothing.
  await gone.stop();
});
afterAll(async () => {
  await Promise.all([eu.stop(), us.stop()]);
});

function project(): string {
  const config = `import { defineConfig } from 'grafts';
import nodeExporter from ${JSON.stringify(NODE_EXPORTER)};
export default defineConfig({
  mixins: [nodeExporter],
  fleets: { prod: ['eu', 'us', 'down'], live: ['eu', 'us'] },
  targets: {
    eu: { type: 'grafana', url: ${JSON.stringify(eu.url)}, tokenEnv: 'EU_TOKEN', mixins: [nodeExporter.config({ dashboardNamePrefix: 'EU / ' })] },
    us: { type: 'grafana', url: ${JSON.stringify(us.url)}, tokenEnv: 'US_TOKEN' },
    down: { type: 'grafana', url: ${JSON.stringify(gone.url)}, tokenEnv: 'EU_TOKEN', timeoutMs: 2000 },
  },
});
`;
  return makeProject({ 'dash.config.ts': config, 'api.dash.ts': API });
}

const ENV = { EU_TOKEN: 'glsa_sentinel_eu_0000', US_TOKEN: 'glsa_sentinel_us_0000' };

async function titles(grafana: GrafanaEmulator): Promise<string[]> {
  const res = await fetch(`${grafana.url}/api/search?type=dash-db`, { headers: { Authorization: `Bearer ${grafana.token}` } });
  return ((await res.json()) as { title: string }[]).map((d) => d.title).sort();
}

describe('dash diff / apply on a fleet', () => {
  it('GIVEN a fleet with one target down WHEN diffed THEN every target has its section, the failed one is named and the exit code is 1', async () => {
    const dir = project();
    const run = await runDashAsync(['diff', '--target', 'prod', '--exit-code', '--no-typecheck'], dir, ENV);
    expect(run.exitCode).toBe(1);
    const sections = run.stdout.split(/^── target "(\w+)" ──$/m);
    expect([sections[1], sections[3], sections[5]]).toEqual(['eu', 'us', 'down']);
    expect(sections[2]).toContain('+ dashboard api "API": create');
    expect(sections[2]).toContain('EU / ');
    expect(sections[4]).toContain('+ dashboard api "API": create');
    expect(sections[4]).not.toContain('EU / ');
    expect(sections[6]).toMatch(/^error: /m);
    expect(run.stdout).toMatch(/Fleet diff: 3 targets — eu: exit 2 \(changes\), us: exit 2 \(changes\), down: exit 1 \(failed\)/);
    expect(run.stderr).toContain('error: 1 of 3 targets failed: down');
    for (const secret of Object.values(ENV)) expect(run.stdout + run.stderr).not.toContain(secret);
  });

  it('GIVEN two targets WHEN applied THEN each Grafana gets its own mixins, and a second diff is clean (exit 0) in text, markdown and JSON', async () => {
    const dir = project();
    const applied = await runDashAsync(['apply', '--target', 'eu', '--target', 'us', '--no-typecheck', '--parallel', '2'], dir, ENV);
    expect(applied.exitCode).toBe(0);
    expect(applied.stdout).toContain('Fleet apply: 2 targets — eu: exit 0 (applied), us: exit 0 (applied)');
    expect(applied.stderr).toMatch(/^\[\d+\/\d+\] eu: created dashboard api "API"$/m);
    expect(await titles(eu)).toEqual(['API', 'EU / Fleet Overview', 'EU / USE Method / Instance']);
    expect(await titles(us)).toEqual(['API', 'Node Exporter / Fleet Overview', 'Node Exporter / USE Method / Instance']);

    const clean = await runDashAsync(['diff', '--target', 'live', '--exit-code', '--no-typecheck'], dir, ENV);
    expect(clean.exitCode).toBe(0);
    expect(clean.stdout).toContain('Fleet diff: 2 targets — eu: exit 0 (no changes), us: exit 0 (no changes)');

    const markdown = await runDashAsync(['diff', '--target', 'prod', '--format', 'markdown', '--no-typecheck'], dir, ENV);
    expect(markdown.exitCode).toBe(1);
    expect(markdown.stdout).toContain('| `eu` | no changes |\n| `us` | no changes |\n| `down` | failed |');
    expect(markdown.stdout.match(/^## target `(\w+)`$/gm)).toEqual(['## target `eu`', '## target `us`', '## target `down`']);
    for (const url of [eu.url, us.url]) expect(markdown.stdout).not.toContain(url);

    const json = await runDashAsync(['diff', '--target', 'prod', '--json', '--no-typecheck'], dir, ENV);
    const parsed = JSON.parse(json.stdout) as { targets: { target: string; exitCode: number; plan?: { summary: Record<string, number> }; error?: string }[] };
    expect(parsed.targets.map((t) => [t.target, t.exitCode])).toEqual([
      ['eu', 0],
      ['us', 0],
      ['down', 1],
    ]);
    expect(parsed.targets[0]!.plan!.summary).toMatchObject({ create: 0, update: 0 });
    expect(parsed.targets[2]!.error).toMatch(/^error: /);
  });

  it('GIVEN a name that is neither target nor fleet WHEN diffed THEN exit 1 names it and the known ones', async () => {
    const run = await runDashAsync(['diff', '--target', 'eu', '--target', 'mars', '--no-typecheck'], project(), ENV);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('--target mars: no such target or fleet in the config (known: eu, us, down, prod (fleet), live (fleet))');
  });

  it('GIVEN a fleet listing an unknown target, or named like a target WHEN loaded THEN exit 1 names the fleet', async () => {
    const dir = makeProject({
      'dash.config.ts': `import { defineConfig } from 'grafts';
export default defineConfig({ fleets: { prod: ['a', 'b'], a: ['a'] }, targets: { a: { type: 'files', dir: 'a' } } });
`,
      'api.dash.ts': API,
    });
    const run = await runDashAsync(['diff', '--target', 'prod', '--no-typecheck'], dir);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('fleets.prod: "b" is not in targets (known: a)');
    expect(run.stderr).toContain('fleets.a: "a" is also a target name');
  });
});
