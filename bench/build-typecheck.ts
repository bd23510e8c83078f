/**
 * `npm run bench -- --only build-typecheck`: what the type check adds to a cold `dash build` of
 * 1,000 dashboards (20 panels each, bench/generate-project.ts). Runs alternate between
 * `--no-typecheck` and a type check with a cold cache (the project's type-check cache removed
 * before each), 5 of each, so that machine load hits both alike; medians of wall time and
 * peak RSS, and their ratio. Target (issue 16): cold type check ≤ 1.3× `--no-typecheck`, which
 * the type check reaches by running in a worker thread while the project is bundled, evaluated,
 * rendered and validated, gating only the write.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { typeCheckCachePaths } from '../lib/project/type-check-cache.js';
import { generateProject } from './generate-project.js';
import type { BenchRow, RunBin } from './sync-scenarios.js';

const DASHBOARDS = 1000;
const RUNS = 5;
const TARGET_RATIO = 1.3;

/** The rows of the scenario; `runBin(1, args, dir)` runs the built bin once (wall, peak RSS). */
export async function benchBuildTypecheck(runBin: RunBin): Promise<BenchRow[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'grafts-bench-typecheck-'));
  try {
    console.error(`generating ${DASHBOARDS} dashboards in ${dir} ...`);
    await generateProject(dir, { dashboards: DASHBOARDS, rowsPerDashboard: 4, panelsPerRow: 5 });
    const cache = typeCheckCachePaths(dir).dir;
    const plain: { ms: number; rssMiB: number | undefined }[] = [];
    const checked: { ms: number; rssMiB: number | undefined }[] = [];
    for (let i = 0; i < RUNS; i++) {
      console.error(`run ${i + 1}/${RUNS}: --no-typecheck, then cold type check ...`);
      plain.push(await runBin(1, ['build', '--no-typecheck'], dir));
      await rm(cache, { recursive: true, force: true });
      checked.push(await runBin(1, ['build'], dir));
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const ms = (samples: typeof plain) => median(samples.map((s) => s.ms));
    const rss = (samples: typeof plain) => {
      const values = samples.map((s) => s.rssMiB).filter((v): v is number => v !== undefined);
      return values.length > 0 ? `${median(values).toFixed(0)} MiB` : 'n/a';
    };
    const ratio = ms(checked) / ms(plain);
    const label = `build ${DASHBOARDS.toLocaleString('en')} dashboards`;
    return [
      { name: `load average at the start (1 min, ${os.cpus().length} CPUs)`, value: os.loadavg()[0]!.toFixed(2), target: '', ok: '' },
      { name: `${label} --no-typecheck: wall (median of ${RUNS})`, value: `${ms(plain).toFixed(0)} ms`, target: '', ok: '' },
      { name: `${label}, cold type check: wall (median of ${RUNS})`, value: `${ms(checked).toFixed(0)} ms`, target: '', ok: '' },
      {
        name: `${label}, cold type check vs --no-typecheck`,
        value: `${ratio.toFixed(2)}x`,
        target: `<= ${TARGET_RATIO}x`,
        ok: ratio <= TARGET_RATIO ? 'ok' : 'MISSED',
      },
      { name: `${label} --no-typecheck: peak RSS`, value: rss(plain), target: '', ok: '' },
      { name: `${label}, cold type check: peak RSS`, value: rss(checked), target: '', ok: '' },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
