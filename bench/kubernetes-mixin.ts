/**
 * `npm run bench -- --only kubernetes-mixin` (issue 16 item 2): kubernetes-mixin rendered by C++
 * jsonnet against the same mixin imported into grafts and built with `dash mixin build`.
 *
 *   jsonnet  ../shared/reference/mixins.md §3's three processes in series, from the fixture
 *            (../shared/bench-fixtures/kubernetes-mixin, vendor/ laid out per its lock file):
 *            dashboards (`-m dashboards_out`), alerts and rules (`std.manifestYamlDoc`); wall is
 *            the sum, peak RSS the largest of the three.
 *   grafts   the first render imported once (`dash import --mixin`, not timed), then the built
 *            bin's `dash mixin build <package> --out <dir>`: one process, start to files written.
 *
 * Runs alternate (jsonnet, grafts, jsonnet, grafts, …), medians of 3; peak RSS from GNU time -v.
 * Every pair of outputs is asserted equal (rule files as parsed YAML, dashboards after the import
 * round trip's normalisation): a difference fails the bench. Targets: grafts ≥ 50x faster and
 * ≤ 1/5 of jsonnet's peak memory. Skipped, with a note, without jsonnet, GNU time or the fixture.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GNU_TIME, timedProcess } from './timed-process.js';
import { JSONNET, jsonnetSteps, jsonnetVersion, KUBERNETES_MIXIN_FIXTURE, mixinOutputDifferences } from '../test/support/kubernetes-mixin-fixture.js';

/** One table row, as bench/run.ts prints it. */
export interface KubernetesMixinBenchRow {
  name: string;
  value: string;
  target: string;
  ok: string;
}

const BIN = fileURLToPath(new URL('../dist/cli/index.js', import.meta.url));
const RUNS = 3;

interface Measured {
  ms: number;
  rssMiB: number;
}

/** Runs `command` under GNU time -v in `cwd` (stdout to `stdoutFile` when given); wall time and peak RSS. */
async function measure(command: string, args: readonly string[], cwd: string, stdoutFile?: string): Promise<Measured> {
  const run = await timedProcess([command, ...args], { cwd, env: { ...process.env, FORCE_COLOR: '0' }, gnuTime: true, ...(stdoutFile ? { stdoutFile } : {}) });
  if (run.code !== 0 || run.gnuPeakKiB === undefined) throw new Error(`${command} ${args.join(' ')} exited ${run.code}:\n${run.stderr}`);
  return { ms: run.ms, rssMiB: run.gnuPeakKiB / 1024 };
}

/** mixins.md §3: three jsonnet processes in series into `outDir`. */
async function renderWithJsonnet(outDir: string): Promise<Measured> {
  await mkdir(path.join(outDir, 'dashboards_out'), { recursive: true });
  let ms = 0;
  let rssMiB = 0;
  for (const step of jsonnetSteps(outDir)) {
    const run = await measure(JSONNET, step.args, KUBERNETES_MIXIN_FIXTURE, step.stdoutFile);
    ms += run.ms;
    rssMiB = Math.max(rssMiB, run.rssMiB);
  }
  return { ms, rssMiB };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** Runs the scenario (see the header) and returns its table rows. */
export async function benchKubernetesMixin(): Promise<KubernetesMixinBenchRow[]> {
  const row = (name: string, value: string, target = '', ok = ''): KubernetesMixinBenchRow => ({ name, value, target, ok });
  const missing = [
    !existsSync(KUBERNETES_MIXIN_FIXTURE) && KUBERNETES_MIXIN_FIXTURE,
    jsonnetVersion() === undefined && `${JSONNET} (apt-get install jsonnet)`,
    !existsSync(GNU_TIME) && `${GNU_TIME} (apt-get install time)`,
  ].filter((m): m is string => typeof m === 'string');
  if (missing.length > 0) return [row('kubernetes-mixin: jsonnet vs dash mixin build', 'n/a', '', `skipped: ${missing.join(', ')} missing`)];
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build first`);

  const rows = [row('load average before (1/5/15 min)', loadAverage())];
  const dir = await mkdtemp(path.join(os.tmpdir(), 'grafts-bench-kubernetes-mixin-'));
  try {
    const jsonnetRuns: Measured[] = [];
    const graftsRuns: Measured[] = [];
    const pkg = path.join(dir, 'kubernetes');
    for (let i = 0; i < RUNS; i++) {
      const jsonnetOut = path.join(dir, `jsonnet-${i}`);
      console.error(`kubernetes-mixin: jsonnet render ${i + 1}/${RUNS} (three processes) ...`);
      jsonnetRuns.push(await renderWithJsonnet(jsonnetOut));
      if (i === 0) {
        console.error('kubernetes-mixin: dash import --mixin (not timed) ...');
        await measure(process.execPath, [BIN, 'import', '--mixin', jsonnetOut, '--name', 'kubernetes', '--out', pkg], dir);
      }
      const graftsOut = path.join(dir, `grafts-${i}`);
      console.error(`kubernetes-mixin: dash mixin build ${i + 1}/${RUNS} ...`);
      graftsRuns.push(await measure(process.execPath, [BIN, 'mixin', 'build', pkg, '--out', graftsOut], dir));
      const differences = await mixinOutputDifferences(jsonnetOut, graftsOut);
      if (differences.length > 0) throw new Error(`kubernetes-mixin: grafts and jsonnet outputs differ:\n${differences.join('\n')}`);
    }
    const jsonnet = { ms: median(jsonnetRuns.map((r) => r.ms)), rssMiB: median(jsonnetRuns.map((r) => r.rssMiB)) };
    const grafts = { ms: median(graftsRuns.map((r) => r.ms)), rssMiB: median(graftsRuns.map((r) => r.rssMiB)) };
    const speed = jsonnet.ms / grafts.ms;
    const memory = grafts.rssMiB / jsonnet.rssMiB;
    rows.push(
      row(`jsonnet (C++, ${jsonnetVersion()}) render, 3 processes: wall (median of ${RUNS})`, `${Math.round(jsonnet.ms)} ms`),
      row('jsonnet render: peak RSS (largest process)', `${Math.round(jsonnet.rssMiB)} MiB`),
      row(`dash mixin build of the import: wall (median of ${RUNS})`, `${Math.round(grafts.ms)} ms`),
      row('dash mixin build: peak RSS', `${Math.round(grafts.rssMiB)} MiB`),
      row('outputs equal (dashboards, alerts, recording rules)', `${RUNS} of ${RUNS} pairs`, 'all', 'ok'),
      row('dash mixin build vs jsonnet: speed', `${speed.toFixed(1)}x faster`, '>= 50x', speed >= 50 ? 'ok' : 'MISSED'),
      row('dash mixin build vs jsonnet: memory', `${memory.toFixed(3)} of jsonnet's`, '<= 0.2', memory <= 0.2 ? 'ok' : 'MISSED'),
      row('load average after (1/5/15 min)', loadAverage()),
    );
    return rows;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
