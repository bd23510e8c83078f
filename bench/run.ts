/**
 * `npm run bench`: wall time and peak memory of the built `dash` bin. Prints a table; never
 * fails on a missed target (benchmarks are not tests), but marks it.
 *
 *   dash --version           median of 10 spawns (node -e 0 shown as a baseline)
 *   build 1,000 dashboards   20 panels each, one Prometheus query per panel, 4 rows; median of 3
 *                            runs each of: --no-typecheck; type check with a cold cache (the
 *                            type-check cache directory removed before every run); warm cache
 *                            (nothing changed since the last build); one dashboard edited since
 *                            the last build. Peak RSS from GNU time -v (Debian package `time`) or,
 *                            without it, from the CLI's own report (GRAFTS_REPORT_RUSAGE=1).
 *   dash check               examples/red-services (3 RED rows) against the real Prometheus stack of
 *                            test/support/prometheus-stack.ts, --no-typecheck; median of 5. Skipped,
 *                            with a note, when Debian's prometheus binaries are not installed.
 *   dash mixin build         each built-in mixin (mixins/*) and a synthetic mixin the size of
 *                            kubernetes-mixin (bench/generate-mixin.ts): start to files written;
 *                            median of 3. `GRAFTS_BENCH=mixins npm run bench` runs only these.
 *   sync 1,000 dashboards    in process, against the Grafana emulator with 50 ms latency per
 *                            request: a full apply (all creates), a no-op apply (must send zero
 *                            writes), and a sequential one-GET-per-dashboard baseline (what
 *                            grizzly does); target: no-op ≥ 10x faster than the baseline.
 *                            `GRAFTS_BENCH=sync npm run bench` runs only these.
 *   sync 200 rule groups     in process, 2,000 rules in 20 namespaces, against the ruler emulator
 *                            (Mimir) with 50 ms latency: a full apply (one POST per group), a no-op
 *                            apply (one listing, must send zero writes), and a sequential
 *                            one-GET-per-group baseline (what mimirtool `rules load` and grizzly
 *                            do: `GET <apiPath>/<namespace>/<group>`, then compare); target: no-op
 *                            ≥ 10x faster than the baseline. `GRAFTS_BENCH=rules npx tsx bench/run.ts`
 *                            runs only these (no build needed).
 *   build-typecheck          bench/build-typecheck.ts: cold `dash build` of 1,000 dashboards with the type
 *                            check vs --no-typecheck, alternating, median of 5; target <= 1.3x.
 *                            `npm run bench -- --only build-typecheck`.
 *   dash watch               bench/watch.ts: save → write-arrives latency (p50/p95 of 50 edits) in a
 *                            project of 200 dashboards sharing helpers, writes per save, a shared
 *                            helper edit → exactly its importers written. `GRAFTS_BENCH=watch`.
 *   dash import              bench/import.ts: the corpus dashboards imported in process (total,
 *                            per-dashboard p50/p95/max) and the bin over the corpus folder
 *                            (--dry-run); target < 10 s. `GRAFTS_BENCH=import`.
 *   sync-apis, sync-classic, v2-build
 *                            bench/sync-scenarios.ts: no-op apply of 1,000 v2 dashboards on the 13.x
 *                            emulator's /apis (paged LIST vs one GET each: requests, wall); no-op
 *                            apply of 1,000 classic dashboards on the classic /api at 50 ms vs
 *                            sequential GETs (target >= 20x); v2 build of 1,000 dashboards vs v1.
 *   fleet                    bench/fleet.ts: no-op `dash diff` of a fleet of 10 targets × 100 dashboards (10
 *                            emulators, 20 ms latency) vs one target: wall time ratio, requests, writes
 *                            (must be 0), peak RSS. `GRAFTS_BENCH=fleet`.
 *   library                  bench/library.ts: 200 dashboards × 20 panels built and serialised by a
 *                            plain Node script, grafts against the Grafana Foundation SDK: whole
 *                            process wall and peak RSS, warm CPU time per pass; ratios.
 *                            `npm run bench -- --only library`.
 *   build-memory             `dash build` of 3,000 dashboards × 20 panels (bench/generate-project.ts): peak RSS
 *                            and wall, --no-typecheck median of 3, with the type check (cold cache) 1 run;
 *                            target < 400 MiB. `npm run bench -- --only build-memory`.
 *   kubernetes-mixin         bench/kubernetes-mixin.ts: kubernetes-mixin rendered by C++ jsonnet (mixins.md §3, three
 *                            processes) against its import built by `dash mixin build`: wall and peak RSS,
 *                            interleaved, median of 3, outputs asserted equal; targets >= 50x faster, <= 1/5
 *                            of the memory. `npm run bench -- --only kubernetes-mixin`.
 *   dash import rules/mixins bench/import-rules-mixin.ts: every corpus rule file through importRuleFile,
 *                            every corpus mixin through importMixin (dry run); totals, p50/p95/max.
 *                            `GRAFTS_BENCH=import-mixin`.
 */
import { existsSync } from 'node:fs';
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { typeCheckCachePaths } from '../lib/project/type-check-cache.js';
import { isPrometheusAvailable, missingPrometheusBinaries, startPrometheusStack } from '../test/support/prometheus-stack.js';
import { generateMixin, KUBERNETES_MIXIN_SIZE } from './generate-mixin.js';
import { generateProject } from './generate-project.js';
import { HAS_GNU_TIME, timedProcess } from './timed-process.js';

const BIN = fileURLToPath(new URL('../dist/cli/index.js', import.meta.url));
const hasGnuTime = HAS_GNU_TIME;

interface Sample {
  ms: number;
  rssMiB: number | undefined;
  code: number | null;
  stderr: string;
}

async function run(args: string[], cwd: string): Promise<Sample> {
  const env = { ...process.env, FORCE_COLOR: '0', GRAFTS_REPORT_RUSAGE: hasGnuTime ? '0' : '1' };
  const { ms, code, stderr, gnuPeakKiB } = await timedProcess([process.execPath, ...args], { cwd, env, gnuTime: hasGnuTime });
  const own = /grafts-rusage (\{.*\})/.exec(stderr);
  const kib = gnuPeakKiB ?? (own ? (JSON.parse(own[1]!) as { maxRssKiB: number }).maxRssKiB : undefined);
  return { ms, rssMiB: kib === undefined ? undefined : kib / 1024, code, stderr };
}

async function median(times: number, args: string[], cwd: string, before?: () => Promise<void>): Promise<{ ms: number; rssMiB: number | undefined }> {
  const samples: Sample[] = [];
  for (let i = 0; i < times; i++) {
    await before?.();
    const sample = await run(args, cwd);
    if (sample.code !== 0) throw new Error(`${args.join(' ')} exited ${sample.code}:\n${sample.stderr}`);
    samples.push(sample);
  }
  const mid = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const rss = samples.map((s) => s.rssMiB).filter((v): v is number => v !== undefined);
  return { ms: mid(samples.map((s) => s.ms)), rssMiB: rss.length > 0 ? mid(rss) : undefined };
}

interface Row {
  name: string;
  value: string;
  target: string;
  ok: string;
}

const rows: Row[] = [];
function record(name: string, value: number | undefined, unit: string, max?: number): void {
  rows.push({
    name,
    value: value === undefined ? 'n/a' : `${value.toFixed(unit === 'MiB' ? 0 : 0)} ${unit}`,
    target: max === undefined ? '' : `< ${max} ${unit}`,
    ok: max === undefined || value === undefined ? '' : value < max ? 'ok' : 'MISSED',
  });
}

/** Runs `dash` (the built bin) `n` times in `dir`: the medians the scenarios report. */
const medianOfBin = (n: number, args: string[], dir: string) => median(n, [BIN, ...args], dir);

/**
 * The one scenario to run: `npm run bench -- --only <name>` (or `GRAFTS_BENCH=<name>`): what it
 * adds to the table, and whether it spawns the built bin (then dist/ must exist).
 */
const SCENARIO_RUNS: Record<string, { readonly needsBuild: boolean; readonly run: () => Promise<Row[] | void> }> = {
  rules: { needsBuild: false, run: benchRules },
  mixins: { needsBuild: true, run: benchMixins },
  watch: { needsBuild: true, run: async () => (await import('./watch.js')).benchWatch() },
  'build-typecheck': { needsBuild: true, run: async () => (await import('./build-typecheck.js')).benchBuildTypecheck(medianOfBin) },
  'import-mixin': { needsBuild: true, run: async () => (await import('./import-rules-mixin.js')).benchImportRulesMixin() },
  import: { needsBuild: true, run: async () => (await import('./import.js')).benchImport((n, args) => median(n, [BIN, ...args], process.cwd())) },
  sync: { needsBuild: true, run: benchSync },
  'sync-apis': { needsBuild: false, run: async () => (await import('./sync-scenarios.js')).benchSyncApis() },
  'sync-classic': { needsBuild: false, run: async () => (await import('./sync-scenarios.js')).benchSyncClassic() },
  'v2-build': { needsBuild: true, run: async () => (await import('./sync-scenarios.js')).benchV2Build(medianOfBin) },
  fleet: { needsBuild: true, run: async () => (await import('./fleet.js')).benchFleet(medianOfBin) },
  library: { needsBuild: true, run: async () => (await import('./library.js')).benchLibrary() },
  'kubernetes-mixin': { needsBuild: true, run: async () => (await import('./kubernetes-mixin.js')).benchKubernetesMixin() },
  'build-memory': { needsBuild: true, run: benchBuildMemory },
};
const SCENARIOS = Object.keys(SCENARIO_RUNS);

function onlyScenario(): string | undefined {
  const i = process.argv.indexOf('--only');
  const name = i >= 0 ? process.argv[i + 1] : process.env['GRAFTS_BENCH'] || undefined;
  if (i >= 0 && (name === undefined || name.startsWith('-'))) throw new Error(`--only needs a scenario name: ${SCENARIOS.join(', ')}`);
  // An unknown name would silently run everything: refuse it.
  if (name !== undefined && !SCENARIOS.includes(name)) throw new Error(`unknown bench scenario "${name}": ${SCENARIOS.join(', ')}`);
  return name;
}

const ONLY = onlyScenario();

async function main(): Promise<void> {
  const only = ONLY === undefined ? undefined : SCENARIO_RUNS[ONLY]!;
  if (only?.needsBuild === false) {
    rows.push(...((await only.run()) ?? []));
    printRows();
    return;
  }
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build first`);
  const cwd = process.cwd();
  console.error(`peak RSS via ${hasGnuTime ? 'GNU time -v' : 'GRAFTS_REPORT_RUSAGE (process.resourceUsage)'}`);
  if (only) {
    rows.push(...((await only.run()) ?? []));
    printRows();
    return;
  }
  record('node -e 0 (baseline)', (await median(10, ['-e', '0'], cwd)).ms, 'ms');
  record('dash --version', (await median(10, [BIN, '--version'], cwd)).ms, 'ms', 150);

  const dir = await mkdtemp(path.join(os.tmpdir(), 'grafts-bench-'));
  try {
    console.error(`generating 1,000 dashboards in ${dir} ...`);
    await generateProject(dir, { dashboards: 1000, rowsPerDashboard: 4, panelsPerRow: 5 });
    const cache = typeCheckCachePaths(dir).dir;
    const dropCache = () => rm(cache, { recursive: true, force: true });
    let edits = 0;
    const editOne = () => appendFile(path.join(dir, 'dashboards', 'svc-0500.dash.ts'), `// edit ${++edits}\n`);
    const cases: [label: string, extra: string[], before?: () => Promise<void>][] = [
      ['build 1,000 dashboards --no-typecheck', ['--no-typecheck']],
      ['build 1,000 dashboards, type check, cold cache', [], dropCache],
      ['build 1,000 dashboards, type check, warm cache', []],
      ['build 1,000 dashboards, type check, 1 file edited', [], editOne],
    ];
    try {
      for (const [label, extra, before] of cases) {
        console.error(`${label} ...`);
        const result = await median(3, [BIN, 'build', ...extra], dir, before);
        record(`${label}: wall`, result.ms, 'ms', 3000);
        record(`${label}: peak RSS`, result.rssMiB, 'MiB', 300);
      }
    } finally {
      await dropCache();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  if (isPrometheusAvailable()) {
    console.error('dash check examples/red-services: starting the Prometheus stack ...');
    const stack = await startPrometheusStack();
    try {
      const root = fileURLToPath(new URL('..', import.meta.url));
      const args = [BIN, 'check', 'examples/red-services', '--prometheus', stack.prometheusUrl, '--no-typecheck'];
      const result = await median(5, args, root);
      record('dash check examples/red-services (real Prometheus): wall', result.ms, 'ms', 2000);
      record('dash check examples/red-services (real Prometheus): peak RSS', result.rssMiB, 'MiB', 200);
    } finally {
      await stack.stop();
    }
  } else {
    rows.push({ name: 'dash check examples/red-services', value: 'n/a', target: '', ok: `skipped: ${missingPrometheusBinaries().join(', ')} not installed` });
  }

  const { benchLibrary } = await import('./library.js');
  rows.push(...(await benchLibrary()));
  const { benchKubernetesMixin } = await import('./kubernetes-mixin.js');
  rows.push(...(await benchKubernetesMixin()));
  await benchBuildMemory();
  await benchLint();
  await benchMixins();
  await benchSync();
  await benchRules();
  const { benchSyncApis, benchSyncClassic, benchV2Build } = await import('./sync-scenarios.js');
  rows.push(...(await benchSyncApis()), ...(await benchSyncClassic()), ...(await benchV2Build(medianOfBin)));
  printRows();
}

/** Peak memory of `dash build` on 3,000 dashboards × 20 panels (see the header). */
async function benchBuildMemory(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'grafts-bench-build-memory-'));
  try {
    console.error(`build-memory: generating 3,000 dashboards in ${dir} ...`);
    await generateProject(dir, { dashboards: 3000, rowsPerDashboard: 4, panelsPerRow: 5 });
    rows.push({
      name: 'load average before (1/5/15 min)',
      value: os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' '),
      target: '',
      ok: '',
    });
    console.error('build-memory: dash build --no-typecheck (3 runs) ...');
    const fast = await median(3, [BIN, 'build', '--no-typecheck'], dir);
    record('build 3,000 dashboards --no-typecheck: peak RSS (median of 3)', fast.rssMiB, 'MiB', 400);
    record('build 3,000 dashboards --no-typecheck: wall (median of 3)', fast.ms, 'ms');
    console.error('build-memory: dash build with the type check, cold cache (1 run) ...');
    await rm(typeCheckCachePaths(dir).dir, { recursive: true, force: true });
    const checked = await median(1, [BIN, 'build'], dir);
    record('build 3,000 dashboards, type check (cold cache): peak RSS (1 run)', checked.rssMiB, 'MiB', 400);
    record('build 3,000 dashboards, type check (cold cache): wall (1 run)', checked.ms, 'ms');
    rows.push({
      name: 'load average after (1/5/15 min)',
      value: os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' '),
      target: '',
      ok: '',
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** plan + apply of 1,000 dashboards against the emulator with 50 ms latency (see the header). */
async function benchSync(): Promise<void> {
  const { startGrafanaEmulator } = await import('../lib/testing/index.js');
  const { GrafanaClient } = await import('../lib/grafana/grafana-client.js');
  const { GrafanaTarget } = await import('../lib/sync/targets/grafana-target.js');
  const { plan, readActualState } = await import('../lib/sync/plan.js');
  const { applyPlan } = await import('../lib/sync/apply.js');
  const grafana = await startGrafanaEmulator({ latencyMs: 50 });
  try {
    const n = 1000;
    const folders = Array.from({ length: 10 }, (_, i) => ({ kind: 'Folder' as const, uid: `team-${i}`, title: `Team ${i}`, source: 'bench' }));
    const dashboards = Array.from({ length: n }, (_, i) => {
      const uid = `svc-${String(i).padStart(4, '0')}`;
      const panels = Array.from({ length: 8 }, (_, p) => ({
        id: p + 1,
        type: 'timeseries',
        title: `Panel ${p}`,
        gridPos: { x: (p % 2) * 12, y: Math.floor(p / 2) * 8, w: 12, h: 8 },
        targets: [{ refId: 'A', expr: `sum(rate(http_requests_total{job="${uid}"}[5m]))` }],
      }));
      return {
        kind: 'Dashboard' as const,
        uid,
        title: `Service ${i}`,
        folderUid: `team-${i % 10}`,
        schema: 'v1' as const,
        json: { uid, title: `Service ${i}`, schemaVersion: 42, panels },
        source: 'bench',
      };
    });
    const desired = { folders, dashboards };
    const target = () => new GrafanaTarget({ name: 'bench', client: new GrafanaClient({ url: grafana.url, token: grafana.token }) });
    const writes = (from: number) => grafana.requests.slice(from).filter((r) => r.method !== 'GET' && r.method !== 'HEAD').length;
    const applyOnce = async () => {
      const from = grafana.requests.length;
      const start = performance.now();
      const t = target();
      const report = await applyPlan(plan(desired, await readActualState(t, desired)), t, { message: 'bench' });
      const ms = performance.now() - start;
      if (!report.ok) throw new Error(`bench apply failed: ${JSON.stringify(report.counts)}`);
      return { ms, requests: grafana.requests.length - from, writes: writes(from) };
    };
    console.error(`sync: full apply of ${n} dashboards (50 ms latency) ...`);
    const full = await applyOnce();
    record(`apply ${n} dashboards, 50 ms latency, full: wall`, full.ms, 'ms');
    record(`apply ${n} dashboards, 50 ms latency, full: requests`, full.requests, 'requests');
    console.error('sync: no-op apply ...');
    const noop = await applyOnce();
    record(`apply ${n} dashboards, 50 ms latency, no-op: wall`, noop.ms, 'ms');
    record(`apply ${n} dashboards, 50 ms latency, no-op: requests`, noop.requests, 'requests');
    record(`apply ${n} dashboards, 50 ms latency, no-op: writes`, noop.writes, 'writes', 1);
    console.error('sync: sequential one-GET-per-dashboard baseline ...');
    const start = performance.now();
    for (const d of dashboards) {
      const response = await fetch(`${grafana.url}/api/dashboards/uid/${d.uid}`, { headers: { authorization: `Bearer ${grafana.token}` } });
      await response.arrayBuffer();
    }
    const baseline = performance.now() - start;
    record(`sequential GET per dashboard (baseline, ${n}): wall`, baseline, 'ms');
    const speedup = baseline / noop.ms;
    rows.push({ name: 'no-op apply vs sequential baseline', value: `${speedup.toFixed(1)}x faster`, target: '>= 10x', ok: speedup >= 10 ? 'ok' : 'MISSED' });
  } finally {
    await grafana.stop();
  }
}

/** plan + apply of 200 rule groups (2,000 rules) against the ruler emulator with 50 ms latency (see the header). */
async function benchRules(): Promise<void> {
  const { startRulerEmulator } = await import('../lib/testing/index.js');
  const { RulerTarget } = await import('../lib/sync/rule-targets/ruler-target.js');
  const { plan, readActualState } = await import('../lib/sync/plan.js');
  const { applyPlan } = await import('../lib/sync/apply.js');
  const { sameRuleGroup } = await import('../lib/promql/normalize-promql.js');
  const { parse } = await import('yaml');
  const tenant = 'bench';
  const ruler = await startRulerEmulator({ flavor: 'mimir', tenant, latencyMs: 50 });
  try {
    const groupCount = 200;
    const rulesPerGroup = 10;
    const ruleGroups = Array.from({ length: groupCount }, (_, g) => {
      const job = `svc-${String(g).padStart(3, '0')}`;
      const rules = Array.from({ length: rulesPerGroup }, (_, r) =>
        r % 2 === 0
          ? { record: `job:http_requests:rate5m_${r}`, expr: `sum by (job, code) (rate(http_requests_total{job="${job}", handler=~"/api/v${r}/.*"}[5m]))` }
          : {
              alert: `HighErrorRate${r}`,
              expr: `sum by (job) (rate(http_requests_total{job="${job}", code=~"5.."}[5m])) / sum by (job) (rate(http_requests_total{job="${job}"}[5m])) > 0.0${r}`,
              for: '10m',
              labels: { severity: r % 4 === 1 ? 'warning' : 'critical', team: `team-${g % 20}` },
              annotations: { summary: `${job} serves more than ${r}% errors`, runbook_url: `https://runbooks.example.com/${job}` },
            },
      );
      return { kind: 'RuleGroup' as const, namespace: `team-${g % 20}`, group: { name: `${job}.rules`, interval: '1m', rules }, source: 'bench' };
    });
    const ruleCount = ruleGroups.reduce((n, g) => n + g.group.rules.length, 0);
    const desired = { folders: [], dashboards: [], ruleGroups };
    // Rules only: a dashboards target that holds nothing and is never written.
    const noDashboards = {
      name: 'none',
      kind: 'files' as const,
      describe: () => 'none',
      listFolders: async () => [],
      listDashboards: async () => [],
      getDashboard: async () => undefined,
      createFolder: async () => {},
      updateFolder: async () => {},
      deleteFolder: async () => {},
      saveDashboard: async () => ({}),
      deleteDashboard: async () => {},
    };
    const target = new RulerTarget({ url: ruler.url, flavour: 'mimir', tenant });
    const writes = (from: number) => ruler.requests.slice(from).filter((r) => r.method !== 'GET' && r.method !== 'HEAD').length;
    const applyOnce = async () => {
      const from = ruler.requests.length;
      const start = performance.now();
      const report = await applyPlan(plan(desired, await readActualState(noDashboards, desired, { ruleTarget: target })), noDashboards, {
        message: 'bench',
        ruleTarget: target,
      });
      const ms = performance.now() - start;
      if (!report.ok) throw new Error(`bench rules apply failed: ${JSON.stringify(report.counts)}`);
      return { ms, requests: ruler.requests.length - from, writes: writes(from) };
    };
    const label = `apply ${groupCount} rule groups (${ruleCount.toLocaleString('en')} rules), 50 ms latency`;
    console.error(`rules: full apply of ${groupCount} groups (50 ms latency) ...`);
    const full = await applyOnce();
    record(`${label}, full: wall`, full.ms, 'ms');
    record(`${label}, full: requests`, full.requests, 'requests');
    record(`${label}, full: writes`, full.writes, 'writes');
    console.error('rules: no-op apply ...');
    const noop = await applyOnce();
    record(`${label}, no-op: wall`, noop.ms, 'ms');
    record(`${label}, no-op: requests`, noop.requests, 'requests');
    record(`${label}, no-op: writes`, noop.writes, 'writes', 1);
    console.error('rules: sequential one-GET-per-group baseline (mimirtool rules load, grizzly) ...');
    const from = ruler.requests.length;
    const start = performance.now();
    let differing = 0;
    for (const g of ruleGroups) {
      const response = await fetch(`${ruler.rulesUrl}/${encodeURIComponent(g.namespace)}/${encodeURIComponent(g.group.name)}`, {
        headers: { 'X-Scope-OrgID': tenant },
      });
      if (!response.ok) throw new Error(`baseline GET ${g.namespace}/${g.group.name}: ${response.status}`);
      if (!sameRuleGroup(parse(await response.text()), g.group)) differing++;
    }
    const baseline = performance.now() - start;
    if (differing > 0) throw new Error(`baseline: ${differing} groups differ after the apply`);
    record(`sequential GET per rule group (baseline, ${groupCount}): wall`, baseline, 'ms');
    record(`sequential GET per rule group (baseline, ${groupCount}): requests`, ruler.requests.length - from, 'requests');
    const speedup = baseline / noop.ms;
    rows.push({
      name: 'no-op rules apply vs sequential baseline',
      value: `${speedup.toFixed(1)}x faster`,
      target: '>= 10x',
      ok: speedup >= 10 ? 'ok' : 'MISSED',
    });
  } finally {
    await ruler.stop();
  }
}

function printRows(): void {
  const widths = (['name', 'value', 'target', 'ok'] as const).map((k) => Math.max(k.length, ...rows.map((r) => r[k].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  console.log(line(['name', 'value', 'target', 'ok']));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line([r.name, r.value, r.target, r.ok]));
  console.log(
    `load average at the end (1/5/15 min, ${os.cpus().length} CPUs): ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}

/**
 * `dash mixin build` of every built-in mixin and of a synthetic kubernetes-mixin-sized one
 * (23 dashboards, 254 panels, 65 alerts, 71 recording rules): load, render, write.
 */
async function benchMixins(): Promise<void> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'grafts-bench-mixins-'));
  try {
    const { readdirSync } = await import('node:fs');
    const builtin = readdirSync(path.join(root, 'mixins'), { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(path.join(root, 'mixins', d.name, 'package.json')))
      .map((d) => d.name)
      .sort();
    const synthetic = path.join(tmp, 'kubernetes-sized');
    await generateMixin(synthetic);
    const s = KUBERNETES_MIXIN_SIZE;
    const cases: [label: string, dir: string][] = [
      ...builtin.map((name): [string, string] => [`dash mixin build mixins/${name}`, path.join(root, 'mixins', name)]),
      [`dash mixin build synthetic (${s.dashboards} dashboards, ${s.panels} panels, ${s.alerts} alerts, ${s.rules} rules)`, synthetic],
    ];
    for (const [label, dir] of cases) {
      console.error(`${label} ...`);
      const result = await median(3, [BIN, 'mixin', 'build', dir, '--out', path.join(tmp, 'out', path.basename(dir))], root);
      record(`${label}: wall`, result.ms, 'ms', 1000);
      record(`${label}: peak RSS`, result.rssMiB, 'MiB', 200);
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/**
 * Lint throughput over the mixin corpus (../shared/corpus): inputs read once, then the rules run
 * in process (median of 5), plus the whole `dash lint` bin. Skipped with a note without the corpus.
 */
async function benchLint(): Promise<void> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const corpus = path.resolve(root, '../shared/corpus');
  if (!existsSync(corpus)) {
    rows.push({ name: 'dash lint (mixin corpus)', value: 'n/a', target: '', ok: `skipped: no corpus at ${corpus}` });
    return;
  }
  console.error('dash lint over the mixin corpus ...');
  const { collectInputs } = await import('../lib/project/collect-inputs.js');
  const { lintCollected } = await import('../lib/lint/run-lint.js');
  const inputs = await collectInputs({ cwd: corpus, paths: ['mixins'] });
  const times: number[] = [];
  let counts = lintCollected(inputs).counts;
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    counts = lintCollected(inputs).counts;
    times.push(performance.now() - start);
  }
  const ms = times.sort((a, b) => a - b)[2]!;
  rows.push({
    name: `lint rules, ${counts.dashboards} corpus dashboards (in process)`,
    value: `${Math.round(counts.dashboards / (ms / 1000))} dashboards/s`,
    target: '',
    ok: '',
  });
  rows.push({
    name: `lint rules, ${counts.queries} corpus queries (in process)`,
    value: `${Math.round(counts.queries / (ms / 1000))} queries/s`,
    target: '',
    ok: '',
  });
  // The corpus has errors, so the bin exits 1: run it directly rather than through median().
  const samples: Sample[] = [];
  for (let i = 0; i < 3; i++) {
    const sample = await run([BIN, 'lint', 'mixins', '--json'], corpus);
    if (sample.code !== 0 && sample.code !== 1) throw new Error(`dash lint mixins exited ${sample.code}:\n${sample.stderr}`);
    samples.push(sample);
  }
  const mid = <T>(values: T[], key: (v: T) => number) => values.map(key).sort((a, b) => a - b)[1];
  record(
    'dash lint mixins (81 mixins, bin): wall',
    mid(samples, (s) => s.ms),
    'ms',
    3000,
  );
  record(
    'dash lint mixins (81 mixins, bin): peak RSS',
    mid(
      samples.filter((s) => s.rssMiB !== undefined),
      (s) => s.rssMiB!,
    ),
    'MiB',
    300,
  );
}

await main();
