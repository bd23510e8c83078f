import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { WrittenMixin } from '../mixin/mixin-files.js';
import { renderMixins } from '../mixin/render-mixins.js';
import { writeOutput, type OutputFile } from '../project/write-output.js';
import { loadMixinTargets } from './load-mixin-targets.js';

/** Options of {@link runMixinBuild}. */
export interface MixinBuildOptions {
  /** Directory relative paths are resolved from (the CLI passes `process.cwd()`). */
  cwd: string;
  /** A mixin package or a project listing `mixins`, relative to `cwd`. @default "." */
  dir?: string;
  /** Output directory relative to `cwd`. @default `<dir>/out` (package), `<dir>/mixins_out` (project) */
  outDir?: string;
}

/** One mixin written by {@link runMixinBuild}: its `dir` is `.` for a package, `<name>` for a project. */
export type MixinBuildEntry = WrittenMixin;

/** What {@link runMixinBuild} did; also `dash mixin build --json`. */
export interface MixinBuildResult {
  kind: 'package' | 'project';
  /** Absolute output directory. */
  outDir: string;
  mixins: MixinBuildEntry[];
  durationMs: number;
}

/** Default output folder of `dash mixin build` for a project (its `outDir` belongs to `dash build`). */
export const PROJECT_MIXINS_OUT_DIR = 'mixins_out';

/**
 * Renders the mixin(s) of a directory and writes mixtool's layout all at once (marker-protected
 * like `dash build`): for a mixin package `<out>/dashboards_out/*.json`,
 * `<out>/prometheus_alerts.yaml`, `<out>/prometheus_rules.yaml`; for a project the same under
 * `<out>/<mixin name>/` for each of its `mixins`. Nothing is written when any mixin fails.
 *
 * @example
 * await runMixinBuild({ cwd: process.cwd(), dir: 'mixins/node-exporter' })
 * // → { kind: 'package', outDir: '/repo/mixins/node-exporter/out', mixins: [{ name: 'node-exporter', dir: '.', files: [...], ... }] }
 *
 * @throws {ConfigError | LoadError} from loading (see loadMixinTargets).
 * @throws {ValidationError} every render problem of every mixin.
 * @throws {OutputError} the output directory cannot be replaced safely.
 */
export async function runMixinBuild(options: MixinBuildOptions): Promise<MixinBuildResult> {
  const start = performance.now();
  const targets = await loadMixinTargets({ cwd: options.cwd, ...(options.dir !== undefined && { dir: options.dir }) });
  const rendered = renderMixins(targets.mixins);
  const outDir =
    options.outDir !== undefined
      ? path.resolve(options.cwd, options.outDir)
      : path.join(targets.dir, targets.kind === 'package' ? 'out' : PROJECT_MIXINS_OUT_DIR);
  const files: OutputFile[] = [];
  const mixins = rendered.map((m): MixinBuildEntry => {
    const dir = targets.kind === 'package' ? '.' : m.name;
    for (const f of m.files) files.push({ path: dir === '.' ? f.path : `${dir}/${f.path}`, contents: f.contents });
    return { name: m.name, dir, files: m.files.map((f) => f.path), dashboards: m.counts.dashboards, alerts: m.counts.alerts, rules: m.counts.rules };
  });
  await writeOutput({ outDir, files, protect: [targets.dir] });
  return { kind: targets.kind, outDir, mixins, durationMs: Math.round(performance.now() - start) };
}
