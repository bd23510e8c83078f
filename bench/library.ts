/**
 * `npm run bench -- --only library`: grafts as a library in a plain Node script against the
 * Grafana Foundation SDK (a dev dependency, bench only), building the same dashboards
 * (200 × 20 panels: 4 rows of 5, timeseries and stat panels on a Prometheus data source, one
 * query each, the shape of bench/generate-project.ts) and serialising each to JSON.
 *
 * - whole process: `node script.mjs` from spawn to exit (import, build, stringify), wall time
 *   and peak RSS (GNU time -v), runs of the two libraries interleaved, median of 5;
 *   targets ≤ 1.0× the SDK's wall time and ≤ 1.5× its peak RSS.
 * - warm: in one process, after one untimed pass, the median CPU time of 5 timed passes over
 *   the 200 dashboards (the per-dashboard cost once everything is loaded and optimised);
 *   target ≤ 2×.
 * - same output: both scripts report every panel's type, title, unit, data source and query,
 *   digested; the bench fails when the digests differ (so the two do the same work).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { HAS_GNU_TIME, timedProcess } from './timed-process.js';

export interface LibraryBenchRow {
  name: string;
  value: string;
  target: string;
  ok: string;
}

const ROWS = 4;
const PANELS_PER_ROW = 5;

// What both scripts share: the shape, the passes and the report. `buildDashboard(i)` returns
// the dashboard's JSON object; `panelsOf(json)` its non-row panels (open rows: top level).
const HARNESS = `
import { createHash } from 'node:crypto';
const [mode, countText] = process.argv.slice(2);
const count = Number(countText);
function pass() {
  let bytes = 0;
  for (let i = 0; i < count; i++) bytes += JSON.stringify(buildDashboard(i)).length;
  return bytes;
}
if (mode === 'whole') {
  console.log(JSON.stringify({ bytes: pass() }));
} else if (mode === 'warm') {
  pass();
  const times = [];
  for (let k = 0; k < 5; k++) {
    // CPU time, not wall time: on a shared machine the wall time of a 100 ms loop is mostly
    // waiting for a core.
    const start = process.cpuUsage();
    pass();
    const used = process.cpuUsage(start);
    times.push((used.user + used.system) / 1000);
  }
  console.log(JSON.stringify({ warmMs: times.sort((a, b) => a - b)[2] }));
} else {
  const hash = createHash('sha256');
  let panels = 0;
  for (let i = 0; i < count; i++) {
    const json = JSON.parse(JSON.stringify(buildDashboard(i)));
    hash.update(JSON.stringify([json.title, json.tags]));
    for (const p of json.panels.filter((p) => p.type !== 'row')) {
      panels++;
      const t = p.targets[0];
      hash.update(JSON.stringify([p.type, p.title, p.fieldConfig.defaults.unit, p.datasource, t.expr, t.legendFormat ?? '']));
    }
  }
  console.log(JSON.stringify({ panels, digest: hash.digest('hex') }));
}
`;

function shapeCode(): string {
  return `
const ROWS = ${ROWS};
const PANELS_PER_ROW = ${PANELS_PER_ROW};
const rateExpr = (service, shard) => \`sum by (code) (rate(http_requests_total{service="\${service}", shard="\${shard}"}[5m]))\`;
const ratioExpr = (service, shard) => \`sum(rate(http_requests_total{service="\${service}", shard="\${shard}", code=~"5.."}[5m])) / sum(rate(http_requests_total{service="\${service}", shard="\${shard}"}[5m]))\`;
`;
}

function graftsScript(lib: string): string {
  return `import { dashboard, datasource, prometheus, row, stat, timeseries } from ${JSON.stringify(lib)};
${shapeCode()}
const prom = datasource('prometheus', 'prometheus');
const requestRate = (service, shard) => timeseries(\`\${service} request rate (shard \${shard})\`).datasource(prom).unit('reqps').target(prometheus(rateExpr(service, shard)).legend('{{code}}'));
const errorRatio = (service, shard) => stat(\`\${service} error ratio (shard \${shard})\`).datasource(prom).unit('percentunit').target(prometheus(ratioExpr(service, shard)));
function buildDashboard(i) {
  const service = 'service-' + String(i).padStart(4, '0');
  let d = dashboard('Service ' + service).tags('synthetic');
  let shard = 0;
  for (let r = 0; r < ROWS; r++) {
    const panels = [];
    for (let p = 0; p < PANELS_PER_ROW; p++) panels.push(p % 2 === 0 ? requestRate(service, shard++) : errorRatio(service, shard++));
    d = d.row(row('Row ' + (r + 1)).panel(...panels));
  }
  return d.build();
}
${HARNESS}`;
}

function sdkScript(modules: Record<'dashboard' | 'timeseries' | 'stat' | 'prometheus', string>): string {
  return `import { DashboardBuilder, RowBuilder } from ${JSON.stringify(modules.dashboard)};
import { PanelBuilder as TimeseriesBuilder } from ${JSON.stringify(modules.timeseries)};
import { PanelBuilder as StatBuilder } from ${JSON.stringify(modules.stat)};
import { DataqueryBuilder } from ${JSON.stringify(modules.prometheus)};
${shapeCode()}
const prom = { type: 'prometheus', uid: 'prometheus' };
const requestRate = (service, shard) => new TimeseriesBuilder().title(\`\${service} request rate (shard \${shard})\`).datasource(prom).unit('reqps').withTarget(new DataqueryBuilder().expr(rateExpr(service, shard)).legendFormat('{{code}}'));
const errorRatio = (service, shard) => new StatBuilder().title(\`\${service} error ratio (shard \${shard})\`).datasource(prom).unit('percentunit').withTarget(new DataqueryBuilder().expr(ratioExpr(service, shard)));
function buildDashboard(i) {
  const service = 'service-' + String(i).padStart(4, '0');
  const d = new DashboardBuilder('Service ' + service).tags(['synthetic']);
  let shard = 0;
  for (let r = 0; r < ROWS; r++) {
    d.withRow(new RowBuilder('Row ' + (r + 1)));
    for (let p = 0; p < PANELS_PER_ROW; p++) d.withPanel(p % 2 === 0 ? requestRate(service, shard++) : errorRatio(service, shard++));
  }
  return d.build();
}
${HARNESS}`;
}

interface Run {
  ms: number;
  rssMiB: number | undefined;
  out: Record<string, unknown>;
}

async function runScript(file: string, args: string[]): Promise<Run> {
  const run = await timedProcess([process.execPath, file, ...args], { gnuTime: HAS_GNU_TIME, captureStdout: true });
  if (run.code !== 0) throw new Error(`${path.basename(file)} ${args.join(' ')} exited ${run.code}:\n${run.stderr}`);
  return { ms: run.ms, rssMiB: run.gnuPeakKiB === undefined ? undefined : run.gnuPeakKiB / 1024, out: JSON.parse(run.stdout) as Record<string, unknown> };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Runs the scenario (see the header) and returns its table rows. */
export async function benchLibrary(options: { dashboards?: number; runs?: number } = {}): Promise<LibraryBenchRow[]> {
  const dashboards = options.dashboards ?? 200;
  const runs = options.runs ?? 5;
  const lib = fileURLToPath(new URL('../dist/lib/index.js', import.meta.url));
  if (!existsSync(lib)) throw new Error(`${lib} is missing: run npm run build first`);
  const require = createRequire(import.meta.url);
  const sdk = (sub: string) => pathToFileURL(require.resolve(`@grafana/grafana-foundation-sdk/${sub}`)).href;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'grafts-bench-library-'));
  try {
    const scripts = { grafts: path.join(dir, 'grafts.mjs'), sdk: path.join(dir, 'sdk.mjs') };
    await writeFile(scripts.grafts, graftsScript(pathToFileURL(lib).href));
    await writeFile(scripts.sdk, sdkScript({ dashboard: sdk('dashboard'), timeseries: sdk('timeseries'), stat: sdk('stat'), prometheus: sdk('prometheus') }));

    const check = {
      grafts: (await runScript(scripts.grafts, ['check', String(dashboards)])).out,
      sdk: (await runScript(scripts.sdk, ['check', String(dashboards)])).out,
    };
    if (check.grafts['digest'] !== check.sdk['digest'] || check.grafts['panels'] !== dashboards * ROWS * PANELS_PER_ROW) {
      throw new Error(`the two scripts do not build the same dashboards: ${JSON.stringify(check)}`);
    }

    const whole = { grafts: [] as Run[], sdk: [] as Run[] };
    const warm = { grafts: [] as number[], sdk: [] as number[] };
    for (let i = 0; i < runs; i++) {
      for (const name of ['grafts', 'sdk'] as const) whole[name].push(await runScript(scripts[name], ['whole', String(dashboards)]));
      for (const name of ['grafts', 'sdk'] as const) warm[name].push((await runScript(scripts[name], ['warm', String(dashboards)])).out['warmMs'] as number);
    }
    const wall = { grafts: median(whole.grafts.map((r) => r.ms)), sdk: median(whole.sdk.map((r) => r.ms)) };
    const rss = { grafts: median(whole.grafts.map((r) => r.rssMiB ?? NaN)), sdk: median(whole.sdk.map((r) => r.rssMiB ?? NaN)) };
    const warmMs = { grafts: median(warm.grafts), sdk: median(warm.sdk) };
    const label = `library, ${dashboards} dashboards × ${ROWS * PANELS_PER_ROW} panels`;
    const ratioRow = (what: string, ours: number, theirs: number, unit: string, max: number): LibraryBenchRow => {
      const ratio = ours / theirs;
      return {
        name: `${label}: ${what}`,
        value: `${ours.toFixed(0)} ${unit} vs SDK ${theirs.toFixed(0)} ${unit} = ${ratio.toFixed(2)}×`,
        target: `≤ ${max.toFixed(1)}×`,
        ok: Number.isNaN(ratio) ? 'n/a (no GNU time)' : ratio <= max ? 'ok' : 'MISSED',
      };
    };
    return [
      ratioRow('whole process wall', wall.grafts, wall.sdk, 'ms', 1.0),
      ratioRow('whole process peak RSS', rss.grafts, rss.sdk, 'MiB', 1.5),
      ratioRow('warm build + stringify (CPU)', warmMs.grafts, warmMs.sdk, 'ms', 2.0),
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
