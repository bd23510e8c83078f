import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { MIXIN_FILES } from '../mixin/mixin-files.js';
import { promtoolTestRules, promtoolVersion } from '../mixin/promtool.js';
import { renderMixins } from '../mixin/render-mixins.js';
import { ConfigError, type SourceProblem } from '../project/errors.js';
import { loadMixinTargets } from './load-mixin-targets.js';
import { GraftsError } from '../errors/grafts-error.js';
import { resolveAlerting, type AlertingSpec, type MixinRouting, type ResolvedAlerting } from '../alerting/alerting-config.js';
import { amtoolVersion, AmtoolMissingError, runRoutingTests, type RoutingTestResult } from '../alerting/amtool.js';
import { ValidationError } from '../model/validation-error.js';
import { mixinRouting } from '../project/render-with-mixins.js';
import { standaloneAlerting } from './mixin-routing.js';

/** Options of {@link runMixinTest}. */
export interface MixinTestOptions {
  /** Directory relative paths are resolved from (the CLI passes `process.cwd()`). */
  cwd: string;
  /** A mixin package or a project listing `mixins`, relative to `cwd`. @default "." */
  dir?: string;
}

/** One mixin tested by {@link runMixinTest}. */
export interface MixinTestEntry {
  name: string;
  /** Test groups from the mixin's TypeScript `tests` (with dropped alerts left out). */
  tsTests: number;
  /** YAML test files from the package's `tests/` folder, relative to the package. */
  yamlFiles: string[];
  passed: boolean;
  /** promtool's output. */
  output: string;
}

/** What {@link runMixinTest} did; also `dash mixin test --json`. */
export interface MixinTestResult {
  /** promtool's version line. */
  promtoolVersion: string;
  mixins: MixinTestEntry[];
  /**
   * Routing tests run with `amtool config routes test`: a project's (its `alerting.routingTests`
   * and its mixins', against the project's whole tree), or a mixin package's (its routes in a
   * tree of their own). Absent when there are none.
   */
  routing?: { amtoolVersion: string; tests: RoutingTestResult[] };
  /** False when a mixin's tests failed (or it has none), or a routing test failed: `dash mixin test` exits 1. */
  passed: boolean;
}

/** promtool is not installed: `dash mixin test` cannot run. */
export class PromtoolMissingError extends GraftsError {
  constructor() {
    super(
      'promtool not found (looked for $PROMTOOL, then promtool on the PATH): dash mixin test needs it. ' +
        'Install it with `apt-get install prometheus` on Debian/Ubuntu, or download a Prometheus release from https://prometheus.io/download/ and put promtool on the PATH',
    );
  }
}

/** The rule files a YAML test in `tests/` may name (also as `../prometheus_alerts.yaml`, kubernetes-mixin's way). */
const RULE_FILES = new Set<string>([MIXIN_FILES.alerts, MIXIN_FILES.rules]);

/**
 * Runs `promtool test rules` on each mixin of a directory as rendered with its config: the
 * mixin's TypeScript tests plus, for a mixin package, every `tests/*.yaml|yml` file, whose
 * `rule_files` must name `prometheus_alerts.yaml` and/or `prometheus_rules.yaml` (a `../`
 * prefix is accepted). Prints nothing.
 *
 * @example
 * await runMixinTest({ cwd: process.cwd(), dir: 'mixins/node-exporter' })
 * // → { promtoolVersion: 'promtool, version 2.42.0 …', mixins: [{ name: 'node-exporter', tsTests: 12, yamlFiles: [], passed: true, output: '…SUCCESS' }], passed: true }
 *
 * Then runs the routing tests (see {@link MixinTestResult.routing}) with amtool.
 *
 * @throws {PromtoolMissingError} promtool is not installed.
 * @throws {AmtoolMissingError} there are routing tests and amtool is not installed.
 * @throws {ConfigError} a YAML test file that is invalid or names other rule files; from loading.
 * @throws {LoadError | ValidationError} from loading and rendering.
 */
export async function runMixinTest(options: MixinTestOptions): Promise<MixinTestResult> {
  const version = promtoolVersion();
  if (version === undefined) throw new PromtoolMissingError();
  const targets = await loadMixinTargets({ cwd: options.cwd, ...(options.dir !== undefined && { dir: options.dir }) });
  const rendered = renderMixins(targets.mixins);
  const mixins: MixinTestEntry[] = [];
  for (const [i, m] of rendered.entries()) {
    const packageDir = targets.mixins[i]!.packageDir;
    const yaml = packageDir ? await yamlTests(packageDir) : [];
    const run = promtoolTestRules(
      m.rendered,
      yaml.map((t) => ({ name: t.name, contents: t.contents })),
    );
    mixins.push({ name: m.name, tsTests: m.rendered.tests.length, yamlFiles: yaml.map((t) => t.source), passed: run.ok, output: run.output.trimEnd() });
  }
  const routing = runMixinRoutingTests(
    targets.alerting,
    rendered.map((m, i) => mixinRouting(m, targets.mixins[i]!.where)),
    targets.configFile,
  );
  return {
    promtoolVersion: version,
    mixins,
    ...(routing && { routing }),
    passed: mixins.every((m) => m.passed) && (routing?.tests.every((t) => t.passed) ?? true),
  };
}

/**
 * Runs the routing tests of a project's whole tree (its `alerting` with every mixin's routes), or,
 * without `alerting`, each mixin's routes in a tree of their own; undefined when there are none.
 *
 * @throws {ValidationError} the alerting config is invalid.
 * @throws {AmtoolMissingError} there are routing tests and amtool is not installed.
 */
export function runMixinRoutingTests(
  alerting: AlertingSpec | undefined,
  routings: readonly MixinRouting[],
  configFile: string | undefined,
): MixinTestResult['routing'] {
  const configs: ResolvedAlerting[] = [];
  if (alerting !== undefined) {
    const { resolved, problems } = resolveAlerting(alerting, routings, [configFile ?? 'dash.config.ts', 'alerting']);
    if (problems.length > 0) throw new ValidationError(problems);
    if (resolved) configs.push(resolved);
  } else {
    for (const routing of routings) {
      const alone = standaloneAlerting(routing);
      if (alone) configs.push(alone);
    }
  }
  if (configs.every((c) => c.routingTests.length === 0)) return undefined;
  const amtool = amtoolVersion();
  if (amtool === undefined) throw new AmtoolMissingError();
  return { amtoolVersion: amtool, tests: configs.flatMap((c) => runRoutingTests(c)) };
}

/** The package's `tests/*.yaml` files, with `rule_files` pointed at the rendered files. */
async function yamlTests(packageDir: string): Promise<{ source: string; name: string; contents: string }[]> {
  const dir = path.join(packageDir, 'tests');
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => /\.ya?ml$/.test(n)).sort();
  const problems: SourceProblem[] = [];
  const out: { source: string; name: string; contents: string }[] = [];
  for (const name of names) {
    const source = `tests/${name}`;
    const doc = parseDocument(await readFile(path.join(dir, name), 'utf8'));
    if (doc.errors.length > 0) {
      problems.push({ file: source, message: `invalid YAML: ${doc.errors[0]!.message}` });
      continue;
    }
    const ruleFiles: unknown = doc.get('rule_files');
    const list = ruleFiles && typeof ruleFiles === 'object' && 'toJSON' in ruleFiles ? ((ruleFiles as { toJSON(): unknown }).toJSON() as unknown) : undefined;
    const bad = Array.isArray(list) ? list.filter((f) => typeof f !== 'string' || !RULE_FILES.has(f.replace(/^(\.\.\/|\.\/)/, ''))) : undefined;
    if (!Array.isArray(list) || list.length === 0 || (bad && bad.length > 0)) {
      problems.push({
        file: source,
        message: `rule_files must list ${MIXIN_FILES.alerts} and/or ${MIXIN_FILES.rules} (the rendered files)${bad && bad.length > 0 ? `, not ${bad.map((b) => JSON.stringify(b)).join(', ')}` : ''}`,
      });
      continue;
    }
    doc.set(
      'rule_files',
      (list as string[]).map((f) => f.replace(/^(\.\.\/|\.\/)/, '')),
    );
    // Flat names next to the rendered files, distinct from tests.yaml and the rule files.
    out.push({ source, name: `package-tests-${name}`, contents: doc.toString({ lineWidth: 0 }) });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return out;
}
