import { promtoolCheckRules, promtoolVersion } from '../mixin/promtool.js';
import { renderMixins } from '../mixin/render-mixins.js';
import { MIXIN_FILES } from '../mixin/mixin-files.js';
import { lintRenderedMixin } from './lint-rendered-mixin.js';
import { loadMixinTargets } from './load-mixin-targets.js';
import type { MixinLintFinding } from './mixin-alert-lint.js';

/** Options of {@link runMixinLint}. */
export interface MixinLintOptions {
  /** Directory relative paths are resolved from (the CLI passes `process.cwd()`). */
  cwd: string;
  /** A mixin package or a project listing `mixins`, relative to `cwd`. @default "." */
  dir?: string;
}

/** What `promtool check rules` said about one mixin. */
export interface PromtoolCheck {
  status: 'passed' | 'failed' | 'skipped';
  /** promtool's output (on failure), or why it was skipped. */
  output?: string;
}

/** One mixin linted by {@link runMixinLint}. */
export interface MixinLintEntry {
  name: string;
  dashboards: number;
  alerts: number;
  rules: number;
  promtool: PromtoolCheck;
}

/** What {@link runMixinLint} found; also `dash mixin lint --json`. */
export interface MixinLintResult {
  mixins: MixinLintEntry[];
  /** Sorted by mixin, file, then rule order. */
  findings: MixinLintFinding[];
  counts: { error: number; warning: number; info: number };
  /** promtool's version line, when installed. */
  promtoolVersion?: string;
  /** False when an error was found: `dash mixin lint` exits 1. */
  passed: boolean;
}

/**
 * Lints the mixin(s) of a directory as rendered with their config: the alert conventions of
 * `mixtool lint` and the `dash lint` rules ({@link lintRenderedMixin}), `promtool check rules` on both rule files when
 * promtool is installed (skipped otherwise), and the dashboards and rule expressions through the
 * `dash lint` rules (their default severities). Prints nothing.
 *
 * @example
 * const result = await runMixinLint({ cwd: process.cwd(), dir: 'mixins/node-exporter' });
 * // { mixins: [{ name: 'node-exporter', promtool: { status: 'passed' }, … }], findings: [], passed: true, … }
 *
 * @throws {ConfigError | LoadError} from loading; {ValidationError} a mixin does not render.
 */
export async function runMixinLint(options: MixinLintOptions): Promise<MixinLintResult> {
  const targets = await loadMixinTargets({ cwd: options.cwd, ...(options.dir !== undefined && { dir: options.dir }) });
  const rendered = renderMixins(targets.mixins);
  const version = promtoolVersion();
  const findings: MixinLintFinding[] = [];
  const mixins: MixinLintEntry[] = [];
  for (const m of rendered) {
    let promtool: PromtoolCheck;
    if (version === undefined) {
      promtool = { status: 'skipped', output: 'skipped: promtool not installed' };
    } else {
      const run = promtoolCheckRules(m.rendered);
      promtool = run.ok ? { status: 'passed' } : { status: 'failed', output: run.output.trimEnd() };
      if (!run.ok) {
        findings.push({
          mixin: m.name,
          rule: 'promtool-check-rules',
          severity: 'error',
          message: `promtool check rules failed:\n${run.output.trimEnd()}`,
          file: `${MIXIN_FILES.alerts}, ${MIXIN_FILES.rules}`,
          location: {},
        });
      }
    }
    findings.push(...lintRenderedMixin(m.rendered));
    mixins.push({ name: m.name, dashboards: m.counts.dashboards, alerts: m.counts.alerts, rules: m.counts.rules, promtool });
  }
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  const counts = { error: count('error'), warning: count('warning'), info: count('info') };
  return { mixins, findings, counts, ...(version !== undefined && { promtoolVersion: version }), passed: counts.error === 0 };
}
