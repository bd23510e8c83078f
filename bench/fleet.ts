/**
 * Bench of fleets (issue 20): a project of 100 dashboards applied to 10 targets, each its own
 * Grafana emulator (20 ms latency per request), then a no-op `dash diff` of one target and of the
 * fleet of 10 through the built bin: wall time (median of 3), the ratio of the two, requests
 * the fleet's diff sent (and writes: must be 0), and the bin's peak RSS.
 * `GRAFTS_BENCH=fleet npm run bench` runs only this.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startGrafanaEmulator } from '../lib/testing/index.js';
import { generateProject } from './generate-project.js';
import type { BenchRow, RunBin } from './sync-scenarios.js';

const TARGETS = 10;
const DASHBOARDS = 100;
const LATENCY_MS = 20;
const TOKEN_ENV = 'GRAFTS_BENCH_FLEET_TOKEN';

const row = (name: string, value: string, target = '', ok = ''): BenchRow => ({ name, value, target, ok });

/** The fleet bench's rows; `runBin` runs the built bin (median wall time and peak RSS). */
export async function benchFleet(runBin: RunBin): Promise<BenchRow[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'grafts-bench-fleet-'));
  const token = 'glsa_bench_fleet_token';
  const emulators = await Promise.all(Array.from({ length: TARGETS }, () => startGrafanaEmulator({ token, latencyMs: LATENCY_MS })));
  const previous = process.env[TOKEN_ENV];
  process.env[TOKEN_ENV] = token;
  try {
    await generateProject(dir, { dashboards: DASHBOARDS, rowsPerDashboard: 2, panelsPerRow: 4 });
    const names = emulators.map((_, i) => `t${i}`);
    const targets = emulators.map((e, i) => `    ${names[i]}: { type: 'grafana', url: ${JSON.stringify(e.url)}, tokenEnv: '${TOKEN_ENV}' },`).join('\n');
    await writeFile(
      path.join(dir, 'dash.config.ts'),
      `import { defineConfig } from 'grafts';\nexport default defineConfig({\n  dashboards: 'dashboards/**/*.dash.ts',\n  targets: {\n${targets}\n  },\n  fleets: { all: ${JSON.stringify(names)} },\n});\n`,
    );

    await runBin(1, ['apply', '--target', 'all', '--no-typecheck', '--parallel', '10'], dir);
    const one = await runBin(3, ['diff', '--target', 't0', '--exit-code', '--no-typecheck'], dir);
    for (const e of emulators) e.requests.length = 0;
    const fleet = await runBin(3, ['diff', '--target', 'all', '--exit-code', '--no-typecheck', '--parallel', '10'], dir);
    const requests = emulators.reduce((n, e) => n + e.requests.length, 0) / 3;
    const writes = emulators.reduce((n, e) => n + e.requests.filter((r) => r.method !== 'GET' && r.method !== 'HEAD').length, 0);
    const ratio = fleet.ms / one.ms;
    const mib = (v: number | undefined) => (v === undefined ? 'n/a' : `${v.toFixed(0)} MiB`);
    return [
      row(
        `load average (1/5/15 min, ${os.cpus().length} CPUs)`,
        os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(' '),
      ),
      row(`fleet: no-op diff, 1 target × ${DASHBOARDS} dashboards (${LATENCY_MS} ms/request)`, `${Math.round(one.ms)} ms, peak ${mib(one.rssMiB)}`),
      row(`fleet: no-op diff, ${TARGETS} targets × ${DASHBOARDS} dashboards (--parallel 10)`, `${Math.round(fleet.ms)} ms, peak ${mib(fleet.rssMiB)}`),
      row('fleet: wall time ratio, 10 targets / 1 target', `${ratio.toFixed(2)}x`, '< 10x (targets run in parallel)', ratio < TARGETS ? 'yes' : 'NO'),
      row('fleet: requests per no-op fleet diff (all emulators)', `${Math.round(requests)} (${Math.round(requests / TARGETS)} per target)`),
      row('fleet: writes sent by the no-op diffs', String(writes), '0', writes === 0 ? 'yes' : 'NO'),
    ];
  } finally {
    if (previous === undefined) delete process.env[TOKEN_ENV];
    else process.env[TOKEN_ENV] = previous;
    await Promise.all(emulators.map((e) => e.stop()));
    await rm(dir, { recursive: true, force: true });
  }
}
