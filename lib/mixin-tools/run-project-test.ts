import path from 'node:path';
import { stat } from 'node:fs/promises';
import type { RoutingTestResult } from '../alerting/amtool.js';
import { promtoolTestRules, promtoolVersion } from '../mixin/promtool.js';
import { renderMixins } from '../mixin/render-mixins.js';
import { ConfigError } from '../project/errors.js';
import { findConfigFile, loadConfig } from '../project/load-project.js';
import { mixinRouting } from '../project/render-with-mixins.js';
import { PromtoolMissingError, runMixinRoutingTests, type MixinTestEntry } from './run-mixin-test.js';

/** Options of {@link runProjectTest}. */
export interface ProjectTestOptions {
  /** Directory relative paths are resolved from (the CLI passes `process.cwd()`). */
  cwd: string;
  /** The project (a folder with `dash.config.ts`), relative to `cwd`. @default "." */
  dir?: string;
}

/** What {@link runProjectTest} did; also `dash test --json`. */
export interface ProjectTestResult {
  /** promtool's version line; absent when no mixin has promtool tests. */
  promtoolVersion?: string;
  /** The project's mixins that have promtool tests, each run with `promtool test rules`. */
  mixins: MixinTestEntry[];
  /** The project's mixins without promtool tests (nothing to run for them). */
  untested: string[];
  /** The routing tests (`alerting.routingTests` and the mixins'), run with `amtool config routes test`. */
  routing?: { amtoolVersion: string; tests: RoutingTestResult[] };
  /** True when every test passed: `dash test` exits 0. */
  passed: boolean;
}

/**
 * Runs a project's tests: the promtool unit tests of each mixin it uses (as configured there,
 * overrides applied) and the routing tests of its whole notification policy tree (the project's
 * `alerting.routingTests` and its mixins', with `amtool config routes test`). promtool is needed
 * only when a mixin has tests, amtool only when there are routing tests. Prints nothing.
 *
 * @example
 * await runProjectTest({ cwd: process.cwd() })
 * // → { promtoolVersion: 'promtool, version 2.42.0 …', mixins: [{ name: 'service-red', passed: true, … }], untested: [],
 * //     routing: { amtoolVersion: 'amtool, version 0.25.0 …', tests: [{ source: 'dash.config.ts › alerting › routingTests[0]', passed: true, … }] }, passed: true }
 *
 * @throws {ConfigError} no `dash.config.ts`, or nothing to test (no mixin tests, no routing tests).
 * @throws {PromtoolMissingError | AmtoolMissingError} a tool the tests need is not installed.
 * @throws {LoadError | ValidationError} the config does not load, a mixin does not render, the alerting config is invalid.
 */
export async function runProjectTest(options: ProjectTestOptions): Promise<ProjectTestResult> {
  const given = options.dir ?? '.';
  const dir = path.resolve(options.cwd, given);
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new ConfigError([{ message: `directory not found: ${given}` }]);
  if (!(await findConfigFile(dir)))
    throw new ConfigError([{ message: `${given} has no dash.config.ts (dash test runs a project's tests; dash mixin test runs a mixin package's)` }]);
  const { file, config } = await loadConfig(dir);
  const configFile = path.relative(dir, file!).split(path.sep).join('/');
  const rendered = renderMixins((config.mixins ?? []).map((mixin, i) => ({ mixin, where: [configFile, `mixins[${i}]`] })));
  const tested = rendered.filter((m) => m.rendered.tests.length > 0);
  const routing = runMixinRoutingTests(
    config.alerting,
    rendered.map((m, i) => mixinRouting(m, [configFile, `mixins[${i}]`])),
    configFile,
  );
  if (tested.length === 0 && routing === undefined) {
    throw new ConfigError([
      {
        file: configFile,
        message: 'nothing to test: no mixin has promtool tests and there are no routing tests (add alerting.routingTests, or a mixin with tests)',
      },
    ]);
  }
  let version: string | undefined;
  if (tested.length > 0) {
    version = promtoolVersion();
    if (version === undefined) throw new PromtoolMissingError();
  }
  const mixins: MixinTestEntry[] = tested.map((m) => {
    const run = promtoolTestRules(m.rendered);
    return { name: m.name, tsTests: m.rendered.tests.length, yamlFiles: [], passed: run.ok, output: run.output.trimEnd() };
  });
  return {
    ...(version !== undefined && { promtoolVersion: version }),
    mixins,
    untested: rendered.filter((m) => m.rendered.tests.length === 0).map((m) => m.name),
    ...(routing && { routing }),
    passed: mixins.every((m) => m.passed) && (routing?.tests.every((t) => t.passed) ?? true),
  };
}
