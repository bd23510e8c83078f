/**
 * `npm run bench -- --only watch` (or `npx tsx bench/watch.ts` after `npm run build`): the
 * save-to-applied latency and the memory of a long `dash watch` session.
 *
 * A project of 500 dashboards sharing helpers (10 team helper files, each imported by 50
 * dashboards, all importing lib/common.ts) is watched by the built bin (`dash watch --json`,
 * its dev target the Grafana emulator running in this process). 1,000 saves, each to one
 * dashboard file (every dashboard in turn): latency = from just before the file write to the
 * moment the dashboard's write request arrives at the emulator (`receivedAt` of its request log,
 * same clock), measured once the first type check has reported (steady state). Writes per save
 * are counted from the emulator's log once the cycle is reported. The type check is on, as by
 * default, and each save waits for its report, as when a person saves every few seconds (it
 * runs in a worker thread after each apply). Then one edit of a team helper must cause exactly
 * 50 writes (the dashboards importing it).
 *
 * Memory: the watch process's resident set (VmRSS of /proc/<pid>/status: the main thread, the
 * command's worker and the type check's worker) once the first type check has reported, then
 * after 10 %, half and all of the saves; target: all saves grow it by at most 50 MiB.
 *
 * `BENCH_WATCH_SAVES=<n>` and `BENCH_WATCH_DASHBOARDS=<n>` change the sizes;
 * `BENCH_WATCH_NO_TYPECHECK=1` runs the bin with `--no-typecheck` (for comparison).
 *
 * Targets: p50 <= 60 ms, p95 < 300 ms, exactly one write per edited dashboard, none for others,
 * RSS growth <= 50 MiB. Prints a table; never fails on a missed target (it marks it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startGrafanaEmulator, type GrafanaEmulator } from '../lib/testing/index.js';

const BIN = fileURLToPath(new URL('../dist/cli/index.js', import.meta.url));
const DASHBOARDS = Number(process.env['BENCH_WATCH_DASHBOARDS'] ?? 500);
const TEAMS = 10;
const EDITS = Number(process.env['BENCH_WATCH_SAVES'] ?? 1000);
const NO_TYPECHECK = Boolean(process.env['BENCH_WATCH_NO_TYPECHECK']);
const MAX_RSS_GROWTH_MIB = 50;
const P50_TARGET_MS = 60;

const COMMON = `import { datasource } from 'grafts';
export const prom = datasource('prometheus', 'prometheus');
`;

function teamHelper(team: number, version = 1): string {
  return `import { prometheus, stat, timeseries } from 'grafts';
import { prom } from './common.ts';

export const team = 'team-${team}';

export function requestRate(service: string) {
  return timeseries(\`\${service} request rate\`).datasource(prom).unit('reqps')
    .target(prometheus(\`sum by (code) (rate(http_requests_total{team="${team}", service="\${service}"}[5m]))\`).legend('{{code}}'));
}

export function errorRatio(service: string) {
  return stat(\`\${service} error ratio (v${version})\`).datasource(prom).unit('percentunit')
    .target(prometheus(\`sum(rate(http_requests_total{service="\${service}", code=~"5.."}[5m])) / sum(rate(http_requests_total{service="\${service}"}[5m]))\`));
}
`;
}

function dashboardSource(i: number, edit = 0): string {
  const team = i % TEAMS;
  const name = `svc-${String(i).padStart(3, '0')}`;
  const rows = Array.from(
    { length: 4 },
    (_, r) =>
      `  .row(row('Row ${r + 1}').panel(requestRate('${name}-${r}'), errorRatio('${name}-${r}'), requestRate('${name}-${r}b'), errorRatio('${name}-${r}b')))`,
  );
  return `import { dashboard, row } from 'grafts';
import { errorRatio, requestRate } from '../lib/team-${team}.ts';

export default dashboard('Service ${name}${edit > 0 ? ` (edit ${edit})` : ''}')
  .uid('${name}')
  .tags('bench')
${rows.join('\n')};
`;
}

async function generate(dir: string, url: string): Promise<void> {
  await mkdir(path.join(dir, 'dashboards'), { recursive: true });
  await mkdir(path.join(dir, 'lib'), { recursive: true });
  await writeFile(path.join(dir, 'lib', 'common.ts'), COMMON);
  for (let t = 0; t < TEAMS; t++) await writeFile(path.join(dir, 'lib', `team-${t}.ts`), teamHelper(t));
  await Promise.all(
    Array.from({ length: DASHBOARDS }, (_, i) => writeFile(path.join(dir, 'dashboards', `svc-${String(i).padStart(3, '0')}.dash.ts`), dashboardSource(i))),
  );
  await writeFile(
    path.join(dir, 'dash.config.ts'),
    `export default { targets: { dev: { type: 'grafana', url: ${JSON.stringify(url)}, tokenEnv: 'BENCH_GRAFANA_TOKEN', uidPrefix: 'bench-', dev: true } } };\n`,
  );
}

interface Cycle {
  index: number;
  writes: number;
  ok: boolean;
  durationMs: number;
  applied: unknown[];
  problems: unknown[];
}

/** The watcher's JSON event lines, as cycles. */
class WatchProcess {
  readonly child: ChildProcess;
  readonly cycles: Cycle[] = [];
  #waiters: { index: number; resolve: (c: Cycle) => void }[] = [];
  #ready: Promise<void>;
  /** Resolves with the first type check report. */
  readonly typechecked: Promise<number>;
  /** Type check reports so far. */
  reports = 0;
  #reportWaiters: { count: number; resolve: () => void }[] = [];

  constructor(dir: string, token: string) {
    // The type check stays on (the default): it runs in a worker thread after each apply.
    this.child = spawn(process.execPath, [BIN, 'watch', '--json', ...(NO_TYPECHECK ? ['--no-typecheck'] : [])], {
      cwd: dir,
      env: { ...process.env, BENCH_GRAFANA_TOKEN: token, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let markReady!: () => void;
    this.#ready = new Promise((resolve) => (markReady = resolve));
    let markChecked!: (problems: number) => void;
    this.typechecked = new Promise((resolve) => (markChecked = resolve));
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      const event = JSON.parse(line) as { type: string; cycle?: Cycle; problems?: unknown[] };
      if (event.type === 'ready') markReady();
      if (event.type === 'typecheck') {
        markChecked(event.problems?.length ?? 0);
        this.reports++;
        for (const w of this.#reportWaiters.filter((w) => w.count <= this.reports)) w.resolve();
        this.#reportWaiters = this.#reportWaiters.filter((w) => w.count > this.reports);
      }
      if (event.type === 'error' || (event.type === 'cycle' && event.cycle && !event.cycle.ok)) console.error(`watch: ${line.slice(0, 2000)}`);
      if (event.type === 'cycle' && event.cycle) {
        this.cycles.push(event.cycle);
        for (const w of this.#waiters.filter((w) => w.index === event.cycle!.index)) w.resolve(event.cycle);
      }
    });
  }

  ready(): Promise<void> {
    return this.#ready;
  }

  /** Resolves once `count` type check reports have arrived. */
  report(count: number): Promise<void> {
    if (this.reports >= count) return Promise.resolve();
    return new Promise((resolve) => this.#reportWaiters.push({ count, resolve }));
  }

  /** The process's resident set in MiB (Linux), all threads included. */
  async rssMiB(): Promise<number | undefined> {
    const status = await readFile(`/proc/${this.child.pid}/status`, 'utf8').catch(() => undefined);
    const kib = status && /^VmRSS:\s+(\d+) kB/m.exec(status);
    return kib ? Number(kib[1]) / 1024 : undefined;
  }

  cycle(index: number): Promise<Cycle> {
    const done = this.cycles.find((c) => c.index === index);
    if (done) return Promise.resolve(done);
    return new Promise((resolve) => this.#waiters.push({ index, resolve }));
  }

  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    this.child.kill('SIGINT');
    return await exited;
  }
}

function writesIn(grafana: GrafanaEmulator, from: number): { path: string; receivedAt?: number }[] {
  return grafana.requests.slice(from).filter((r) => r.method === 'POST' || r.method === 'PUT' || r.method === 'DELETE');
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 1));
  }
}

export async function benchWatch(): Promise<{ name: string; value: string; target: string; ok: string }[]> {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build first`);
  const grafana = await startGrafanaEmulator({ version: '11.3.0' });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'grafts-bench-watch-'));
  const rows: { name: string; value: string; target: string; ok: string }[] = [];
  rows.push({ name: `load average at the start (1 min, ${os.cpus().length} CPUs)`, value: os.loadavg()[0]!.toFixed(2), target: '', ok: '' });
  let watch: WatchProcess | undefined;
  try {
    await generate(dir, grafana.url);
    console.error(`watching ${DASHBOARDS} dashboards in ${dir} ...`);
    const startAt = performance.now();
    watch = new WatchProcess(dir, grafana.token);
    await watch.ready();
    const initial = await watch.cycle(0);
    rows.push({
      name: `initial sync, ${DASHBOARDS} dashboards (start to ready)`,
      value: `${Math.round(performance.now() - startAt)} ms`,
      target: '',
      ok: initial.writes === DASHBOARDS ? '' : `MISSED: ${initial.writes} writes`,
    });
    // Steady state: the first type check (all 200 files, in the worker) has reported.
    if (!NO_TYPECHECK) {
      const typeProblems = await watch.typechecked;
      rows.push({
        name: `initial type check, ${DASHBOARDS} dashboards (start to report, worker thread)`,
        value: `${Math.round(performance.now() - startAt)} ms`,
        target: '',
        ok: typeProblems === 0 ? '' : `${typeProblems} type errors`,
      });
    }

    const latencies: number[] = [];
    const writesPerSave: number[] = [];
    let wrongWrites = 0;
    const rss: { label: string; mib: number | undefined }[] = [{ label: 'steady state (first type check reported)', mib: await watch.rssMiB() }];
    const samples = new Map([
      [Math.ceil(EDITS / 10), `after ${Math.ceil(EDITS / 10)} saves`],
      [Math.ceil(EDITS / 2), `after ${Math.ceil(EDITS / 2)} saves`],
      [EDITS, `after ${EDITS} saves`],
    ]);
    for (let e = 0; e < EDITS; e++) {
      const i = (e * 37) % DASHBOARDS; // every dashboard in turn, spread over the teams
      const uid = `bench-svc-${String(i).padStart(3, '0')}`;
      const from = grafana.requests.length;
      const file = path.join(dir, 'dashboards', `svc-${String(i).padStart(3, '0')}.dash.ts`);
      const cycleIndex = watch.cycles.length;
      const reports = watch.reports;
      const t0 = performance.now();
      await writeFile(file, dashboardSource(i, e + 1));
      await until(() => writesIn(grafana, from).length > 0, 10_000);
      const cycle = await watch.cycle(cycleIndex);
      const writes = writesIn(grafana, from);
      latencies.push(writes[0]!.receivedAt! - t0);
      if (process.env['BENCH_VERBOSE'])
        console.error(
          `edit ${e}: ${(writes[0]!.receivedAt! - t0).toFixed(0)} ms, cycle ${cycle.durationMs} ms ${JSON.stringify((cycle as unknown as { phases: unknown }).phases)}`,
        );
      writesPerSave.push(writes.length);
      if (!cycle.ok || writes.length !== 1 || !JSON.stringify(grafana.state.dashboards.get(uid)?.title ?? '').includes(`(edit ${e + 1})`)) wrongWrites++;
      // As when a person saves every few seconds: the save's type check reports before the next.
      if (!NO_TYPECHECK) await watch.report(reports + 1);
      else await new Promise((r) => setTimeout(r, 30));
      const label = samples.get(e + 1);
      if (label !== undefined) {
        rss.push({ label, mib: await watch.rssMiB() });
        console.error(`${label}: RSS ${rss.at(-1)!.mib?.toFixed(0)} MiB`);
      }
    }
    latencies.sort((a, b) => a - b);
    const p50 = percentile(latencies, 50);
    const p95 = percentile(latencies, 95);
    rows.push({
      name: `save → write arrives, p50 of ${EDITS} saves (${DASHBOARDS} dashboards)`,
      value: `${p50.toFixed(0)} ms`,
      target: `<= ${P50_TARGET_MS} ms`,
      ok: p50 <= P50_TARGET_MS ? 'ok' : 'MISSED',
    });
    rows.push({ name: `save → write arrives, p95 of ${EDITS} saves`, value: `${p95.toFixed(0)} ms`, target: '< 300 ms', ok: p95 < 300 ? 'ok' : 'MISSED' });
    rows.push({ name: 'save → write arrives, max', value: `${latencies.at(-1)!.toFixed(0)} ms`, target: '', ok: '' });
    rows.push({
      name: 'writes per dashboard save (min / max)',
      value: `${Math.min(...writesPerSave)} / ${Math.max(...writesPerSave)}`,
      target: 'exactly 1',
      ok: wrongWrites === 0 ? 'ok' : `MISSED (${wrongWrites} saves)`,
    });

    for (const r of rss)
      rows.push({ name: `watch process RSS, ${r.label}`, value: r.mib === undefined ? 'n/a' : `${r.mib.toFixed(0)} MiB`, target: '', ok: '' });
    const [first, last] = [rss[0]!.mib, rss.at(-1)!.mib];
    if (first !== undefined && last !== undefined) {
      const growth = last - first;
      rows.push({
        name: `watch process RSS growth over ${EDITS} saves`,
        value: `${growth >= 0 ? '+' : ''}${growth.toFixed(0)} MiB`,
        target: `<= ${MAX_RSS_GROWTH_MIB} MiB`,
        ok: growth <= MAX_RSS_GROWTH_MIB ? 'ok' : 'MISSED',
      });
    }

    // A helper shared by DASHBOARDS / TEAMS dashboards.
    const from = grafana.requests.length;
    const versions = new Map([...grafana.state.dashboards.values()].map((d) => [d.uid, d.version]));
    const cycleIndex = watch.cycles.length;
    const t0 = performance.now();
    await writeFile(path.join(dir, 'lib', 'team-3.ts'), teamHelper(3, 2));
    const cycle = await watch.cycle(cycleIndex);
    const elapsed = performance.now() - t0;
    const writes = writesIn(grafana, from);
    const expected = DASHBOARDS / TEAMS;
    // Every dashboard whose version moved must be one of team 3's (i % 10 === 3).
    const moved = [...grafana.state.dashboards.values()].filter((d) => versions.get(d.uid) !== d.version).map((d) => Number(d.uid.slice(-3)));
    const wrongUid = moved.filter((i) => i % TEAMS !== 3).length + (expected - moved.length);
    rows.push({
      name: `helper imported by ${expected} dashboards saved: writes`,
      value: String(writes.length),
      target: `exactly ${expected}`,
      ok: writes.length === expected && cycle.writes === expected && wrongUid === 0 ? 'ok' : 'MISSED',
    });
    rows.push({ name: 'helper saved: save → cycle reported', value: `${elapsed.toFixed(0)} ms`, target: '', ok: '' });

    const code = await watch.stop();
    watch = undefined;
    rows.push({ name: 'SIGINT → exit code', value: String(code), target: '0', ok: code === 0 ? 'ok' : 'MISSED' });
  } finally {
    if (watch) await watch.stop();
    await grafana.stop();
    await rm(dir, { recursive: true, force: true });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await benchWatch();
  const width = Math.max(...rows.map((r) => r.name.length));
  console.log(`${'scenario'.padEnd(width)}  ${'value'.padStart(10)}  ${'target'.padEnd(10)}  ok`);
  for (const r of rows) console.log(`${r.name.padEnd(width)}  ${r.value.padStart(10)}  ${r.target.padEnd(10)}  ${r.ok}`);
}
