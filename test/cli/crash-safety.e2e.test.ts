/**
 * kill -9 at any moment (the built bin, bounded kill loops): after each kill the next run finds
 * the old or the new complete state, cleans what the killed run left, and never treats its own
 * leftovers as someone else's files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUT_DIR_MARKER, recoverOutDir } from '../../lib/project/write-output.js';
import { makeProject, readTree, runDash, runDashKilledAfter, writeFiles } from './run-dash.js';

/** Many small dashboards, so that writing them takes long enough to be killed half-way. */
function dashboards(version: string, count: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    files[`dashboards/d${i}.dash.ts`] = `import { dashboard, folder, prometheus, timeseries } from 'grafts';
export default dashboard('D${i} ${version}')
  .uid('d${i}')
  .folder(folder('Team ${i % 3} ${version}'))
  .panel(timeseries('Requests').target(prometheus('sum(rate(http_requests_total{v="${version}"}[5m]))')));
`;
  }
  return files;
}

const NO_GRAFANA = { GRAFANA_URL: undefined, GRAFANA_TOKEN: undefined, GRAFANA_USER: undefined, GRAFANA_PASSWORD: undefined };
const ITERATIONS = 8;

/** Deterministic pseudo-random delays (a seeded LCG), spread over the whole run time. */
function delays(count: number, maxMs: number, seed: number): number[] {
  let state = seed;
  return Array.from({ length: count }, () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return Math.round((state / 2 ** 31) * maxMs);
  });
}

describe('dash build killed at random moments', () => {
  it('always leaves the old or the new complete out/ and no leftovers for the next run', async () => {
    // GIVEN a built project, and the time a build takes
    const dir = makeProject(dashboards('v0', 25));
    const started = Date.now();
    expect(runDash(['build', '--no-typecheck'], dir).exitCode).toBe(0);
    const buildMs = Date.now() - started;
    const versions = new Set(['v0']);

    for (const [i, delay] of delays(ITERATIONS, buildMs * 1.2, 7).entries()) {
      // WHEN the project changes and a build is killed after a random delay
      const version = `v${i + 1}`;
      writeFiles(dir, dashboards(version, 25));
      const run = await runDashKilledAfter(['build', '--no-typecheck'], dir, delay, NO_GRAFANA);
      if (!run.killed) expect(run.exitCode).toBe(0);
      versions.add(version);

      // THEN what the next run starts from is one complete build of one version
      const outDir = path.join(dir, 'out');
      await recoverOutDir(outDir);
      const tree = readTree(outDir);
      expect(Object.keys(tree).filter((f) => f.startsWith('dashboards/')).length).toBe(25);
      expect(tree[OUT_DIR_MARKER]).toBeDefined();
      const seen = new Set(
        Object.entries(tree)
          .filter(([f]) => f.endsWith('.json'))
          .map(([, text]) => /"title": "D\d+ (v\d+)"/.exec(text)?.[1]),
      );
      expect(seen.size).toBe(1);
      expect(versions.has([...seen][0]!)).toBe(true);
      expect(readdirSync(dir).filter((n) => n.includes('.grafts-'))).toEqual([]);
    }

    // AND a last build succeeds and leaves exactly out/ beside the sources
    const last = runDash(['build', '--no-typecheck'], dir);
    expect(last.exitCode).toBe(0);
    expect(readdirSync(dir).filter((n) => n.startsWith('.out'))).toEqual([]);
  }, 120_000);
});

describe('dash apply (file target) killed at random moments', () => {
  it('never leaves temp files that a later apply --prune counts as foreign', async () => {
    // GIVEN an applied project and the time an apply takes
    const dir = makeProject(dashboards('v0', 30));
    const started = Date.now();
    const first = runDash(['apply', '--no-typecheck'], dir);
    expect(first.exitCode, first.stderr).toBe(0);
    const applyMs = Date.now() - started;

    for (const [i, delay] of delays(ITERATIONS, applyMs * 1.2, 11).entries()) {
      // WHEN the dashboards change (some removed and every folder renamed, so that --prune
      // deletes dashboards and folders) and an apply is killed
      const count = i % 2 === 0 ? 10 : 30;
      for (let d = count; d < 30; d++) writeFiles(dir, { [`dashboards/d${d}.dash.ts`]: 'export default [];\n' });
      writeFiles(dir, dashboards(`v${i + 1}`, count));
      await runDashKilledAfter(['apply', '--prune', '--no-typecheck'], dir, delay, NO_GRAFANA);
    }

    // THEN the next apply --prune succeeds, and no temp file is left anywhere
    const next = runDash(['apply', '--prune', '--no-typecheck'], dir);
    expect(next.exitCode, next.stderr).toBe(0);
    const files = Object.keys(readTree(path.join(dir, 'grafana-provisioning')));
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const lastCount = (ITERATIONS - 1) % 2 === 0 ? 10 : 30;
    expect(files.filter((f) => f.endsWith('.json') && !f.endsWith('.grafts-folder.json'))).toHaveLength(lastCount);
    for (const f of files.filter((name) => name.endsWith('.json'))) {
      expect(() => JSON.parse(readFileSync(path.join(dir, 'grafana-provisioning', f), 'utf8'))).not.toThrow();
    }
  }, 120_000);
});
