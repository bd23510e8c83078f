/**
 * Bench scenarios of the fast no-op sync (issue 14, issue 16 item 4), each a list of table rows:
 *
 *   sync-apis     a no-op apply of 1,000 schema v2 dashboards on the Grafana 13 emulator's /apis
 *                 store at 50 ms latency: requests sent and wall time with the paged LIST (the
 *                 default) against one GET per dashboard (`dashboardReads: 'get'`, what it did
 *                 before); target ≤ 10 requests.
 *   sync-classic  a no-op apply of 1,000 classic dashboards through the classic /api at 50 ms
 *                 latency (no LIST there: one GET per dashboard, `concurrency` at a time) at the
 *                 default read concurrency (32), the former default (16) and `--concurrency 64`,
 *                 against grizzly-style sequential GETs; target ≥ 20x faster. (At 16 reads in
 *                 flight the latency alone is 1000 / 16 × 50 ms = 3.1 s, 18x the baseline at best.)
 *   v2-build      `dash build --no-typecheck` of 1,000 generated dashboards as v2 (`--schema v2`)
 *                 against the same build as v1: median of 3 each, and the ratio.
 *
 * Sync scenarios plan and apply in process (as `dash apply` does after loading the project)
 * against the emulator in a child process (Grafana is another process for a real apply, so its
 * work is not the client's wall time); the build runs the built bin.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmulatorProcess } from './emulator-process.js';
import { generateProject } from './generate-project.js';

export interface BenchRow {
  name: string;
  value: string;
  target: string;
  ok: string;
}

/** Runs the built bin `times` times in `cwd` and gives the median wall time and peak RSS. */
export type RunBin = (times: number, args: string[], cwd: string) => Promise<{ ms: number; rssMiB: number | undefined }>;

const COUNT = 1000;
const LATENCY_MS = 50;

const row = (name: string, value: string, target = '', ok = ''): BenchRow => ({ name, value, target, ok });
const ms = (value: number) => `${Math.round(value)} ms`;
const loadAverage = () =>
  row(
    `load average (1/5/15 min, ${os.cpus().length} CPUs)`,
    os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
  );

/** 1,000 dashboards of 2 rows × 4 panels in 10 folders, rendered as `schema`. */
async function desiredDashboards(schema: 'v1' | 'v2') {
  const { dashboard, datasourceVariable, prometheus, row: section, timeseries, stat } = await import('../lib/index.js');
  const { folder } = await import('../lib/model/folder.js');
  const { renderProject } = await import('../lib/render/render-project.js');
  const { desiredStateOf } = await import('../lib/sync/desired-state.js');
  const ds = datasourceVariable('datasource', 'prometheus');
  const teams = Array.from({ length: 10 }, (_, i) => folder(`Team ${i}`, { uid: `team-${i}` }));
  const entries = Array.from({ length: COUNT }, (_, i) => {
    const service = `svc-${String(i).padStart(4, '0')}`;
    const panels = (kind: string) =>
      Array.from({ length: 4 }, (_, p) =>
        (p % 2 === 0 ? timeseries(`${kind} ${p}`) : stat(`${kind} ${p}`))
          .datasource(ds)
          .target(prometheus(`sum(rate(http_requests_total{job="${service}", p="${p}"}[5m]))`)),
      );
    const exported = dashboard(`Service ${i}`)
      .uid(service)
      .folder(teams[i % teams.length]!)
      .variable(ds)
      .schema(schema)
      .row(section('Traffic').panel(...panels('Traffic')))
      .row(section('Errors').panel(...panels('Errors')));
    return { source: `${service}.dash.ts`, exported };
  });
  return desiredStateOf(renderProject(entries), []);
}

/** (a) No-op apply of 1,000 v2 dashboards on Grafana 13's /apis: the paged LIST against one GET each. */
export async function benchSyncApis(): Promise<BenchRow[]> {
  const { GrafanaClient } = await import('../lib/grafana/grafana-client.js');
  const { GrafanaTarget } = await import('../lib/sync/targets/grafana-target.js');
  const { plan, readActualState } = await import('../lib/sync/plan.js');
  const { applyPlan } = await import('../lib/sync/apply.js');
  const rows: BenchRow[] = [loadAverage()];
  const desired = await desiredDashboards('v2');
  const grafana = await startEmulatorProcess({ version: '13.0.0', latencyMs: LATENCY_MS });
  try {
    const target = (dashboardReads: 'auto' | 'get') =>
      new GrafanaTarget({ name: 'bench', client: new GrafanaClient({ url: grafana.url, token: grafana.token }), dashboardReads });
    const applyOnce = async (dashboardReads: 'auto' | 'get', concurrency = 8) => {
      const before = await grafana.counts();
      const start = performance.now();
      const t = target(dashboardReads);
      const report = await applyPlan(plan(desired, await readActualState(t, desired)), t, { message: 'bench', concurrency });
      const wall = performance.now() - start;
      if (!report.ok) throw new Error(`bench apply failed: ${JSON.stringify(report.counts)}`);
      const after = await grafana.counts();
      return { wall, requests: after.requests - before.requests, writes: after.writes - before.writes };
    };
    console.error(`sync-apis: creating ${COUNT} v2 dashboards on the Grafana 13 emulator (${LATENCY_MS} ms latency) ...`);
    await applyOnce('auto', 64);
    console.error('sync-apis: no-op apply, paged LIST ...');
    const list = await applyOnce('auto');
    console.error('sync-apis: no-op apply, one GET per dashboard ...');
    const get = await applyOnce('get');
    const label = `no-op apply, ${COUNT.toLocaleString('en')} v2 dashboards, /apis (13.x), ${LATENCY_MS} ms latency`;
    rows.push(row(`${label}, paged LIST: requests`, `${list.requests}`, '<= 10', list.requests <= 10 ? 'ok' : 'MISSED'));
    rows.push(row(`${label}, paged LIST: writes`, `${list.writes}`, '0', list.writes === 0 ? 'ok' : 'MISSED'));
    rows.push(row(`${label}, paged LIST: wall`, ms(list.wall)));
    rows.push(row(`${label}, GET per dashboard: requests`, `${get.requests}`));
    rows.push(row(`${label}, GET per dashboard: wall`, ms(get.wall)));
    rows.push(row('paged LIST vs GET per dashboard: requests', `${(get.requests / list.requests).toFixed(1)}x fewer`));
    rows.push(row('paged LIST vs GET per dashboard: wall', `${(get.wall / list.wall).toFixed(1)}x faster`));
  } finally {
    await grafana.stop();
  }
  rows.push(loadAverage());
  return rows;
}

/** (b) No-op apply of 1,000 classic dashboards through the classic /api at 50 ms latency, against sequential GETs. */
export async function benchSyncClassic(): Promise<BenchRow[]> {
  const { GrafanaClient } = await import('../lib/grafana/grafana-client.js');
  const { GrafanaTarget } = await import('../lib/sync/targets/grafana-target.js');
  const { plan, readActualState } = await import('../lib/sync/plan.js');
  const { DEFAULT_READ_CONCURRENCY } = await import('../lib/sync/read-actual-state.js');
  const { applyPlan } = await import('../lib/sync/apply.js');
  const rows: BenchRow[] = [loadAverage()];
  const desired = await desiredDashboards('v1');
  const grafana = await startEmulatorProcess({ version: '11.6.0', latencyMs: LATENCY_MS });
  try {
    const applyOnce = async (readConcurrency: number, writeConcurrency = 8) => {
      const before = await grafana.counts();
      const start = performance.now();
      const t = new GrafanaTarget({ name: 'bench', client: new GrafanaClient({ url: grafana.url, token: grafana.token }), apiMode: 'classic' });
      const report = await applyPlan(plan(desired, await readActualState(t, desired, { concurrency: readConcurrency })), t, {
        message: 'bench',
        concurrency: writeConcurrency,
      });
      const wall = performance.now() - start;
      if (!report.ok) throw new Error(`bench apply failed: ${JSON.stringify(report.counts)}`);
      const after = await grafana.counts();
      return { wall, requests: after.requests - before.requests, writes: after.writes - before.writes };
    };
    console.error(`sync-classic: creating ${COUNT} dashboards through the classic /api (${LATENCY_MS} ms latency) ...`);
    await applyOnce(64, 64);
    console.error(`sync-classic: no-op apply, default read concurrency (${DEFAULT_READ_CONCURRENCY}) ...`);
    const byDefault = await applyOnce(DEFAULT_READ_CONCURRENCY);
    console.error('sync-classic: no-op apply, 16 reads in flight (the former default) ...');
    const by16 = await applyOnce(16);
    console.error('sync-classic: no-op apply, --concurrency 64 ...');
    const by64 = await applyOnce(64);
    console.error('sync-classic: grizzly-style sequential GETs ...');
    const start = performance.now();
    for (const d of desired.dashboards) {
      const response = await fetch(`${grafana.url}/api/dashboards/uid/${d.uid}`, { headers: { authorization: `Bearer ${grafana.token}` } });
      if (!response.ok) throw new Error(`baseline GET ${d.uid}: ${response.status}`);
      await response.arrayBuffer();
    }
    const baseline = performance.now() - start;
    const label = `no-op apply, ${COUNT.toLocaleString('en')} classic dashboards, classic /api, ${LATENCY_MS} ms latency`;
    const byDefaultName = `default (${DEFAULT_READ_CONCURRENCY} reads in flight)`;
    rows.push(row(`${label}, ${byDefaultName}: wall`, ms(byDefault.wall)));
    rows.push(row(`${label}, ${byDefaultName}: requests`, `${byDefault.requests}`));
    rows.push(row(`${label}, ${byDefaultName}: writes`, `${byDefault.writes}`, '0', byDefault.writes === 0 ? 'ok' : 'MISSED'));
    rows.push(row(`${label}, 16 reads in flight (former default): wall`, ms(by16.wall)));
    rows.push(row(`${label}, --concurrency 64: wall`, ms(by64.wall)));
    rows.push(row(`sequential GET per dashboard (grizzly-style, ${COUNT.toLocaleString('en')}): wall`, ms(baseline)));
    for (const [name, run] of [
      [byDefaultName, byDefault],
      ['16 reads in flight', by16],
      ['--concurrency 64', by64],
    ] as const) {
      const ratio = baseline / run.wall;
      rows.push(row(`no-op apply (${name}) vs sequential GETs`, `${ratio.toFixed(1)}x faster`, '>= 20x', ratio >= 20 ? 'ok' : 'MISSED'));
    }
  } finally {
    await grafana.stop();
  }
  rows.push(loadAverage());
  return rows;
}

/** (c) `dash build` of 1,000 dashboards as v2 against v1 (the bin, --no-typecheck, median of 3). */
export async function benchV2Build(runBin: RunBin): Promise<BenchRow[]> {
  const rows: BenchRow[] = [loadAverage()];
  const dir = await mkdtemp(path.join(os.tmpdir(), 'grafts-bench-v2-build-'));
  try {
    console.error(`v2-build: generating ${COUNT.toLocaleString('en')} dashboards in ${dir} ...`);
    await generateProject(dir, { dashboards: COUNT, rowsPerDashboard: 4, panelsPerRow: 5 });
    const results: Record<'v1' | 'v2', { ms: number; rssMiB: number | undefined }> = { v1: { ms: 0, rssMiB: undefined }, v2: { ms: 0, rssMiB: undefined } };
    // Interleaved, so that a change in the machine's load hits both alike.
    const samples: Record<'v1' | 'v2', { ms: number; rssMiB: number | undefined }[]> = { v1: [], v2: [] };
    for (let i = 0; i < 3; i++) {
      for (const schema of ['v1', 'v2'] as const) {
        console.error(`v2-build: dash build --schema ${schema} (${i + 1}/3) ...`);
        samples[schema].push(await runBin(1, ['build', '--no-typecheck', '--schema', schema, '--out', path.join(dir, `out-${schema}`)], dir));
      }
    }
    for (const schema of ['v1', 'v2'] as const) {
      const sorted = [...samples[schema]].sort((a, b) => a.ms - b.ms);
      results[schema] = sorted[1]!;
      rows.push(row(`dash build ${COUNT.toLocaleString('en')} dashboards (20 panels) --schema ${schema} --no-typecheck: wall`, ms(results[schema].ms)));
      const rss = results[schema].rssMiB;
      rows.push(
        row(
          `dash build ${COUNT.toLocaleString('en')} dashboards (20 panels) --schema ${schema} --no-typecheck: peak RSS`,
          rss === undefined ? 'n/a' : `${Math.round(rss)} MiB`,
        ),
      );
    }
    rows.push(row('v2 build vs v1 build: wall', `${(results.v2.ms / results.v1.ms).toFixed(2)}x`));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  rows.push(loadAverage());
  return rows;
}
