// A real Prometheus stack for integration tests, on loopback, from Debian's packages
// (`prometheus` 2.42, `prometheus-node-exporter`): the example RED services
// (examples/red-services/service), node exporter, and Prometheus scraping them every second,
// with a bounded load generator so that rate() and histogram_quantile() have data.
//
// Everything runs as children of this process, on free ports of 127.0.0.1, in a temp dir;
// stop() ends them by PID and removes the dir. Children are also killed when this process
// exits, and a stack whose owner died (e.g. SIGKILL) is reaped by the next start.
//
// Rules: `ruleFiles` are loaded as given, and `mixins` are rendered (default config unless
// configured) into `<dir>/mixins/<name>/prometheus_{alerts,rules}.yaml` and loaded too; rules
// are evaluated every second (`evaluation_interval: 1s`) so recording rules have data quickly.
// Prometheus also scrapes itself as job `prometheus`.
//
// Native histograms: Prometheus is started with --enable-feature=native-histograms (2.42 has
// them behind that flag, scraped in the protobuf format only), and services whose `histogram`
// is 'native' expose `http_request_duration_seconds` as a native histogram in protobuf; the
// others keep the classic text format (`_bucket`, `_sum`, `_count`).
//
// Exemplars: Prometheus also runs with --enable-feature=exemplar-storage (`exemplarStorage:
// false` leaves it out), and every service puts the trace id of each bucket's latest request
// on that bucket as an exemplar (OpenMetrics for classic histograms, protobuf for native ones).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Mixin } from '../../lib/mixin/define-mixin.js';
import { MIXIN_FILES, mixinFiles } from '../../lib/mixin/mixin-files.js';

/** The binaries the stack needs (Debian package names in {@link STACK_PACKAGES}). */
export const STACK_BINARIES = ['prometheus', 'prometheus-node-exporter'] as const;
/** The Debian packages that provide {@link STACK_BINARIES}. */
export const STACK_PACKAGES = ['prometheus', 'prometheus-node-exporter'] as const;

/** A service of the stack: one Prometheus job of `instances` copies of examples/red-services/service/server.mjs. */
export interface StackServiceSpec {
  /** The job name, also the service's name. */
  readonly job: string;
  /** How many instances (default 2). */
  readonly instances?: number;
  /** Share of requests answered 5xx (default 0.05). */
  readonly errorRate?: number;
  /** How `http_request_duration_seconds` is exposed (default 'classic'). */
  readonly histogram?: 'classic' | 'native';
  /** Whether its histogram buckets carry trace id exemplars (default true). */
  readonly exemplars?: boolean;
}

/**
 * The services of the shop example (examples/red-services/shop.dash.ts): checkout and cart with
 * classic histograms, search with a native one; 2 instances each.
 */
export const DEFAULT_STACK_SERVICES: readonly StackServiceSpec[] = Object.freeze([
  { job: 'checkout', instances: 2, errorRate: 0.05, histogram: 'classic' },
  { job: 'cart', instances: 2, errorRate: 0.02, histogram: 'classic' },
  { job: 'search', instances: 2, errorRate: 0.01, histogram: 'native' },
]);

export interface PrometheusStackOptions {
  /** The services to run (default {@link DEFAULT_STACK_SERVICES}). */
  readonly services?: readonly StackServiceSpec[];
  /** Scrape and evaluation interval in seconds (default 1). */
  readonly scrapeIntervalSeconds?: number;
  /** Requests per second sent to each service, spread over its instances (default 20). */
  readonly loadRps?: number;
  /** The load generator stops after this many seconds at the latest (default 900). */
  readonly maxLoadSeconds?: number;
  /**
   * Wait until every target is up and rate() of every service's counter and histogram has data
   * (default true). With false, start() returns once Prometheus is ready.
   */
  readonly waitForData?: boolean;
  /** Bound on the whole start, in ms (default 60 000); exceeding it fails with the processes' log tails. */
  readonly startupTimeoutMs?: number;
  /** Extra lines of progress (default: none). */
  readonly log?: (line: string) => void;
  /** Rule files (absolute paths) Prometheus loads through `rule_files`, evaluated every second. */
  readonly ruleFiles?: readonly string[];
  /**
   * Mixins whose alerts and recording rules Prometheus loads: each is rendered (as configured)
   * and written as mixtool's `prometheus_alerts.yaml` and `prometheus_rules.yaml` under
   * `<dir>/mixins/<name>/`. A mixin that fails to render fails the start, naming it.
   */
  readonly mixins?: readonly Mixin<any>[];
  /** Start Prometheus with --enable-feature=exemplar-storage (default true). */
  readonly exemplarStorage?: boolean;
}

/** The rule files of one mixin loaded by the stack (see {@link PrometheusStackOptions.mixins}). */
export interface StackMixinRuleFiles {
  /** Absolute path of its `prometheus_alerts.yaml`. */
  readonly alerts: string;
  /** Absolute path of its `prometheus_rules.yaml`. */
  readonly rules: string;
  /** Names of its alerting rules. */
  readonly alertNames: readonly string[];
  /** Series its recording rules record. */
  readonly records: readonly string[];
  /** How many rule groups the two files hold. */
  readonly groupCount: number;
}

/**
 * Node exporter collectors the stack enables (every other one is disabled). All of them work in
 * this container; `pressure` is left out when the kernel has no /proc/pressure (PSI).
 */
export const NODE_EXPORTER_COLLECTORS = Object.freeze([
  'cpu',
  'meminfo',
  'loadavg',
  'stat',
  'time',
  'timex',
  'uname',
  'netdev',
  'netstat',
  'diskstats',
  'filesystem',
  'filefd',
  'vmstat',
  'pressure',
  'textfile',
] as const);

/** The collectors of {@link NODE_EXPORTER_COLLECTORS} this kernel supports. */
export function supportedNodeExporterCollectors(): string[] {
  const psi =
    existsSync('/proc/pressure/cpu') &&
    (() => {
      try {
        readFileSync('/proc/pressure/cpu', 'utf8');
        return true;
      } catch {
        return false; // e.g. present but disabled (psi=0): reading fails with EOPNOTSUPP
      }
    })();
  return NODE_EXPORTER_COLLECTORS.filter((c) => c !== 'pressure' || psi);
}

/** A service job as scraped: its instances are `host:port` as in Prometheus' `instance` label. */
export interface StackService {
  readonly job: string;
  readonly instances: readonly string[];
  readonly histogram: 'classic' | 'native';
}

/** What a started stack is, serialisable (as given to tests by the global setup). */
export interface PrometheusStackInfo {
  /** e.g. `http://127.0.0.1:40123` (no trailing slash). */
  readonly prometheusUrl: string;
  /** e.g. `http://127.0.0.1:40124`; its job is `node`. */
  readonly nodeExporterUrl: string;
  /** The node exporter's `instance` label. */
  readonly nodeExporterInstance: string;
  /** Prometheus' own `instance` label (job `prometheus`: it scrapes itself). */
  readonly prometheusInstance: string;
  /** The node exporter collectors enabled (see {@link NODE_EXPORTER_COLLECTORS}). */
  readonly nodeExporterCollectors: readonly string[];
  /** The node exporter's textfile collector directory (write `*.prom` files there). */
  readonly textfileDir: string;
  /** Every rule file Prometheus loaded: `ruleFiles` first, then each mixin's alerts and rules. */
  readonly ruleFiles: readonly string[];
  /** The rule files of each mixin loaded, by mixin name. */
  readonly mixinRuleFiles: Readonly<Record<string, StackMixinRuleFiles>>;
  readonly services: readonly StackService[];
  readonly scrapeIntervalSeconds: number;
  /** PIDs of every process of the stack (services, load generator, node exporter, Prometheus). */
  readonly pids: readonly number[];
  /** The stack's temp dir (config, TSDB, logs); removed by stop(). */
  readonly dir: string;
  /** Milliseconds start took. */
  readonly startupMs: number;
}

export interface PrometheusStack extends PrometheusStackInfo {
  /** Ends every process (SIGTERM, SIGKILL after 5 s), waits for them, removes the temp dir. Idempotent. */
  stop(): Promise<void>;
}

const SERVICE_DIR = fileURLToPath(new URL('../../examples/red-services/service/', import.meta.url));
const DIR_PREFIX = 'grafts-prom-stack-';

function which(bin: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, bin);
    if (existsSync(file)) return file;
  }
  return null;
}

/** Whether Debian's `prometheus` and `prometheus-node-exporter` binaries are on PATH. */
export function isPrometheusAvailable(): boolean {
  return STACK_BINARIES.every((bin) => which(bin) !== null);
}

/** The binaries of {@link STACK_BINARIES} that are not on PATH. */
export function missingPrometheusBinaries(): string[] {
  return STACK_BINARIES.filter((bin) => which(bin) === null);
}

/** A free TCP port on 127.0.0.1 (bound to port 0, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

// ---- process bookkeeping -------------------------------------------------------------------

interface Proc {
  readonly name: string;
  readonly child: ChildProcess;
  readonly logFile: string;
  exited: boolean;
}

const live = new Set<Proc>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const p of live) if (!p.exited && p.child.pid) tryKill(p.child.pid, 'SIGKILL');
  });
}

function tryKill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/** Whether a process with this PID exists (a zombie counts as gone). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return existsSync(`/proc/${pid}`) || process.platform !== 'linux';
  }
}

/** Ends the processes of stacks whose owning process is gone (found by their temp dirs). */
function reapOrphanedStacks(): void {
  let entries: string[];
  try {
    entries = readdirSync(os.tmpdir()).filter((e) => e.startsWith(DIR_PREFIX));
  } catch {
    return;
  }
  for (const entry of entries) {
    const dir = path.join(os.tmpdir(), entry);
    let record: { owner: number; pids: number[] };
    try {
      record = JSON.parse(readFileSync(path.join(dir, 'pids.json'), 'utf8')) as { owner: number; pids: number[] };
    } catch {
      continue;
    }
    if (isProcessAlive(record.owner)) continue;
    for (const pid of record.pids) {
      // Only processes still running in that dir: a recycled PID is left alone.
      try {
        if (readlinkSync(`/proc/${pid}/cwd`) === dir) tryKill(pid, 'SIGKILL');
      } catch {
        // gone, or not ours
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

function tail(file: string, lines = 25): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---- Prometheus HTTP API -------------------------------------------------------------------

interface ApiResponse<T> {
  status: 'success' | 'error';
  data: T;
  error?: string;
}

/** GET `<prometheusUrl><path>` with query parameters; throws unless the API answers `success`. */
export async function prometheusApi<T>(prometheusUrl: string, apiPath: string, params: Record<string, string | string[]> = {}): Promise<T> {
  const url = new URL(apiPath, prometheusUrl);
  for (const [k, v] of Object.entries(params)) for (const value of Array.isArray(v) ? v : [v]) url.searchParams.append(k, value);
  const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  const body = (await res.json()) as ApiResponse<T>;
  if (body.status !== 'success') throw new Error(`${url}: ${body.error ?? res.status}`);
  return body.data;
}

/** A sample of an instant vector from /api/v1/query (`value` for floats, `histogram` for native histograms). */
export interface VectorSample {
  metric: Record<string, string>;
  value?: [number, string];
  histogram?: [number, { count: string; sum: string; buckets?: unknown[] }];
}

/** Runs an instant query; returns the vector (throws for other result types). */
export async function queryVector(prometheusUrl: string, query: string): Promise<VectorSample[]> {
  const data = await prometheusApi<{ resultType: string; result: VectorSample[] }>(prometheusUrl, '/api/v1/query', { query });
  if (data.resultType !== 'vector') throw new Error(`${query}: expected a vector, got ${data.resultType}`);
  return data.result;
}

// ---- the stack -----------------------------------------------------------------------------

/**
 * Starts the stack; see {@link PrometheusStackOptions}. Throws (after stopping what it started)
 * when a binary is missing, a process exits early, or it is not ready in time; errors include
 * the tail of every process's log.
 */
export async function startPrometheusStack(options: PrometheusStackOptions = {}): Promise<PrometheusStack> {
  const started = Date.now();
  const missing = missingPrometheusBinaries();
  if (missing.length > 0) throw new Error(`startPrometheusStack: not on PATH: ${missing.join(', ')} (apt-get install ${STACK_PACKAGES.join(' ')})`);
  const specs = options.services ?? DEFAULT_STACK_SERVICES;
  const jobs = specs.map((s) => s.job);
  if (new Set([...jobs, 'node', 'prometheus']).size !== jobs.length + 2) {
    throw new Error(`startPrometheusStack: job names must be unique and not "node" or "prometheus": ${jobs.join(', ')}`);
  }
  const scrape = options.scrapeIntervalSeconds ?? 1;
  const timeoutMs = options.startupTimeoutMs ?? 60_000;
  const deadline = started + timeoutMs;
  const log = options.log ?? (() => {});

  installExitHook();
  reapOrphanedStacks();
  const dir = mkdtempSync(path.join(os.tmpdir(), DIR_PREFIX));
  mkdirSync(path.join(dir, 'data'));
  mkdirSync(path.join(dir, 'textfile'));
  const procs: Proc[] = [];
  let mixinRuleFiles: Record<string, StackMixinRuleFiles>;
  try {
    mixinRuleFiles = writeMixinRuleFiles(options.mixins ?? [], path.join(dir, 'mixins'));
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const ruleFiles = [...(options.ruleFiles ?? []).map((f) => path.resolve(f)), ...Object.values(mixinRuleFiles).flatMap((m) => [m.alerts, m.rules])];

  const record = () => writeFileSync(path.join(dir, 'pids.json'), JSON.stringify({ owner: process.pid, pids: procs.map((p) => p.child.pid) }));
  const launch = (name: string, command: string, args: string[]): Proc => {
    const logFile = path.join(dir, `${name}.log`);
    const fd = openSync(logFile, 'a');
    const child = spawn(command, args, { cwd: dir, stdio: ['ignore', fd, fd], env: { ...process.env, NODE_OPTIONS: '' } });
    closeSync(fd);
    const proc: Proc = { name, child, logFile, exited: false };
    child.on('exit', () => {
      proc.exited = true;
      live.delete(proc);
    });
    child.on('error', () => {
      proc.exited = true;
      live.delete(proc);
    });
    live.add(proc);
    procs.push(proc);
    record();
    return proc;
  };
  const logs = () =>
    procs
      .map((p) => `--- ${p.name} (pid ${p.child.pid}${p.exited ? `, exited ${p.child.exitCode ?? p.child.signalCode}` : ''}) ${p.logFile}\n${tail(p.logFile)}`)
      .join('\n');

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await Promise.all(
      procs.map(async (p) => {
        if (p.exited || !p.child.pid) return;
        const exited = new Promise<void>((resolve) => p.child.once('exit', () => resolve()));
        tryKill(p.child.pid, 'SIGTERM');
        const killed = await Promise.race([exited.then(() => true), sleep(5_000).then(() => false)]);
        if (!killed) {
          tryKill(p.child.pid, 'SIGKILL');
          await Promise.race([exited, sleep(2_000)]);
        }
      }),
    );
    rmSync(dir, { recursive: true, force: true });
  };

  const fail = async (message: string): Promise<never> => {
    const detail = logs();
    await stop();
    throw new Error(`startPrometheusStack: ${message} (after ${Date.now() - started} ms)\n${detail}`);
  };
  const checkAlive = async () => {
    const dead = procs.find((p) => p.exited && p.name !== 'load');
    if (dead) await fail(`${dead.name} exited early`);
  };
  /** Polls `probe` every 200 ms until it returns a value, the stack deadline passes, or a process dies. */
  const waitFor = async <T>(what: string, probe: () => Promise<T | undefined>): Promise<T> => {
    let lastError = '';
    for (;;) {
      await checkAlive();
      try {
        const value = await probe();
        if (value !== undefined) return value;
      } catch (e) {
        lastError = e instanceof Error ? e.message : String(e);
      }
      if (Date.now() > deadline) return fail(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${lastError})` : ''}`);
      await sleep(200);
    }
  };

  try {
    // (a) the services, each instance on a port it picks itself, reported on its first line.
    const serviceProcs = specs.map((spec) =>
      Array.from({ length: spec.instances ?? 2 }, (_, i) =>
        launch(`${spec.job}-${i}`, process.execPath, [
          path.join(SERVICE_DIR, 'server.mjs'),
          '--port=0',
          `--service=${spec.job}`,
          `--error-rate=${spec.errorRate ?? 0.05}`,
          `--histogram=${spec.histogram ?? 'classic'}`,
          `--exemplars=${spec.exemplars === false ? 'off' : 'on'}`,
        ]),
      ),
    );
    const services: StackService[] = [];
    for (const [i, spec] of specs.entries()) {
      const instances: string[] = [];
      for (const p of serviceProcs[i] ?? []) {
        instances.push(await waitFor(`${p.name} to listen`, async () => /listening http:\/\/(127\.0\.0\.1:\d+)/.exec(tail(p.logFile, 5))?.[1]));
      }
      services.push({ job: spec.job, instances, histogram: spec.histogram ?? 'classic' });
    }

    // (b) node exporter, with the collectors the node-exporter mixin reads (the others are off).
    const nodePort = await freePort();
    const nodeExporterInstance = `127.0.0.1:${nodePort}`;
    const collectors = supportedNodeExporterCollectors();
    launch('node-exporter', 'prometheus-node-exporter', [
      `--web.listen-address=${nodeExporterInstance}`,
      '--collector.disable-defaults',
      ...collectors.map((c) => `--collector.${c}`),
      `--collector.textfile.directory=${path.join(dir, 'textfile')}`,
      '--collector.filesystem.mount-points-exclude=^/(dev|proc|run|sys|var/lib/docker/.+)($|/)',
    ]);

    // (c) Prometheus.
    const promPort = await freePort();
    const prometheusUrl = `http://127.0.0.1:${promPort}`;
    const prometheusInstance = `127.0.0.1:${promPort}`;
    const config = [
      `global: { scrape_interval: ${scrape}s, scrape_timeout: ${scrape}s, evaluation_interval: 1s }`,
      ...(ruleFiles.length > 0 ? ['rule_files:', ...ruleFiles.map((f) => `  - ${JSON.stringify(f)}`)] : []),
      'scrape_configs:',
      `  - { job_name: prometheus, static_configs: [ { targets: ['${prometheusInstance}'] } ] }`,
      `  - { job_name: node, static_configs: [ { targets: ['${nodeExporterInstance}'] } ] }`,
      ...services.map((s) => `  - { job_name: ${s.job}, static_configs: [ { targets: [${s.instances.map((i) => `'${i}'`).join(', ')}] } ] }`),
    ].join('\n');
    writeFileSync(path.join(dir, 'prometheus.yml'), config + '\n');
    launch('prometheus', 'prometheus', [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      '--storage.tsdb.retention.time=1h',
      `--web.listen-address=127.0.0.1:${promPort}`,
      '--web.enable-lifecycle',
      `--enable-feature=${(options.exemplarStorage ?? true) ? 'native-histograms,exemplar-storage' : 'native-histograms'}`,
      '--log.level=warn',
    ]);

    // (d) the load, for as long as the stack lives (bounded).
    launch('load', process.execPath, [
      path.join(SERVICE_DIR, 'load.mjs'),
      `--rps=${(options.loadRps ?? 20) * specs.length}`,
      `--duration=${options.maxLoadSeconds ?? 900}`,
      ...services.flatMap((s) => s.instances.map((i) => `http://${i}`)),
    ]);

    await waitFor('Prometheus /-/ready', async () => ((await fetch(`${prometheusUrl}/-/ready`)).ok ? true : undefined));
    log(`prometheus ready at ${prometheusUrl} after ${Date.now() - started} ms`);

    if (options.waitForData ?? true) {
      const expected = 2 + services.reduce((n, s) => n + s.instances.length, 0);
      await waitFor('every target up', async () => {
        const data = await prometheusApi<{ activeTargets: { health: string }[] }>(prometheusUrl, '/api/v1/targets', { state: 'active' });
        return data.activeTargets.length === expected && data.activeTargets.every((t) => t.health === 'up') ? true : undefined;
      });
      log(`targets up after ${Date.now() - started} ms`);
      const window = `${Math.max(5, 4 * scrape)}s`;
      const perJob = async (query: string) => new Set((await queryVector(prometheusUrl, query)).map((s) => s.metric.job));
      await waitFor('rate() of every service’s requests and histogram', async () => {
        const requests = await perJob(`sum by (job) (rate(http_requests_total[${window}])) > 0`);
        const classic = await perJob(`sum by (job) (rate(http_request_duration_seconds_bucket[${window}])) > 0`);
        const native = await perJob(`sum by (job) (histogram_count(rate(http_request_duration_seconds[${window}]))) > 0`);
        const cpu = await perJob(`sum by (job) (rate(node_cpu_seconds_total[${window}]))`);
        const ready = services.every((s) => requests.has(s.job) && (s.histogram === 'native' ? native : classic).has(s.job)) && cpu.has('node');
        return ready ? true : undefined;
      });
      log(`rate() has data after ${Date.now() - started} ms`);
    }
    if (ruleFiles.length > 0) {
      // Prometheus refuses to start on a rule file it rejects; check that it loaded every group.
      const want = Object.values(mixinRuleFiles).reduce((n, m) => n + m.groupCount, 0);
      await waitFor('the mixins’ rule groups', async () => {
        const data = await prometheusApi<{ groups: { file: string }[] }>(prometheusUrl, '/api/v1/rules');
        const mixinFilesLoaded = new Set(Object.values(mixinRuleFiles).flatMap((m) => [m.alerts, m.rules]));
        return data.groups.filter((g) => mixinFilesLoaded.has(g.file)).length === want ? true : undefined;
      });
      log(`rules loaded after ${Date.now() - started} ms`);
    }

    return {
      prometheusUrl,
      nodeExporterUrl: `http://${nodeExporterInstance}`,
      nodeExporterInstance,
      prometheusInstance,
      nodeExporterCollectors: collectors,
      textfileDir: path.join(dir, 'textfile'),
      ruleFiles,
      mixinRuleFiles,
      services,
      scrapeIntervalSeconds: scrape,
      pids: procs.map((p) => p.child.pid).filter((pid): pid is number => pid !== undefined),
      dir,
      startupMs: Date.now() - started,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

/**
 * For tests that need the stack: in CI (`CI` set) a missing binary is an error; elsewhere it
 * logs why the test has nothing to check and returns false, after asserting that the binaries
 * really are absent (so a broken stack can never pass as "not installed").
 */
export function requirePrometheus(context = 'integration test'): boolean {
  const missing = missingPrometheusBinaries();
  if (missing.length === 0) return true;
  const message = `${context}: ${missing.join(', ')} not on PATH; install Debian's ${STACK_PACKAGES.join(' and ')} (apt-get install -y ${STACK_PACKAGES.join(' ')})`;
  if (process.env.CI) throw new Error(`${message}. CI is set, so this is a failure, not a skip.`);
  console.warn(`${message}. Not CI: nothing checked against a real Prometheus.`);
  if (isPrometheusAvailable()) throw new Error('binaries appeared while checking');
  return false;
}

/** `spawnSync` of promtool, for rule checks (`promtool check rules`, `promtool test rules`). */
export function promtool(args: readonly string[], cwd?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('promtool', args, { cwd, encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? (r.error ? String(r.error) : '') };
}

/**
 * Renders each mixin and writes its `prometheus_alerts.yaml` and `prometheus_rules.yaml` under
 * `<root>/<name>/`. Throws naming the mixin that failed to render, or a name given twice.
 */
export function writeMixinRuleFiles(mixins: readonly Mixin<any>[], root: string): Record<string, StackMixinRuleFiles> {
  const out: Record<string, StackMixinRuleFiles> = {};
  for (const mixin of mixins) {
    if (mixin.name in out) throw new Error(`startPrometheusStack: two mixins are named "${mixin.name}"`);
    let files;
    let rendered;
    try {
      rendered = mixin.render();
      files = mixinFiles(rendered);
    } catch (e) {
      throw new Error(`startPrometheusStack: mixin "${mixin.name}" failed to render: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
    const dir = path.join(root, mixin.name);
    mkdirSync(dir, { recursive: true });
    for (const file of files) {
      if (file.path === MIXIN_FILES.alerts || file.path === MIXIN_FILES.rules) writeFileSync(path.join(dir, file.path), file.contents);
    }
    const names = (groups: typeof rendered.alerts.groups) => groups.flatMap((g) => g.rules.map((r) => ('alert' in r ? r.alert : r.record)));
    out[mixin.name] = {
      alerts: path.join(dir, MIXIN_FILES.alerts),
      rules: path.join(dir, MIXIN_FILES.rules),
      alertNames: names(rendered.alerts.groups),
      records: names(rendered.rules.groups),
      groupCount: rendered.alerts.groups.length + rendered.rules.groups.length,
    };
  }
  return out;
}
