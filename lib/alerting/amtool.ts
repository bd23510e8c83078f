import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PlacedRoutingTest, ResolvedAlerting } from './alerting-config.js';
import { alertmanagerMatcher, matcher } from './matchers.js';
import { alertmanagerTemplateFiles, alertmanagerYaml, TEMPLATES_DIR } from './render-alertmanager.js';
import { GraftsError } from '../errors/grafts-error.js';

/** What an amtool run said. */
export interface AmtoolRun {
  readonly ok: boolean;
  readonly exitCode: number | null;
  readonly output: string;
}

/** One routing test as amtool saw it. */
export interface RoutingTestResult {
  readonly source: string;
  readonly name?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly expected: readonly string[];
  /** The receivers amtool printed, in order; empty when amtool failed (see `error`). */
  readonly actual: readonly string[];
  readonly passed: boolean;
  readonly error?: string;
}

/** amtool is not installed. */
export class AmtoolMissingError extends GraftsError {
  constructor() {
    super(
      'amtool not found (looked for $AMTOOL, then amtool on the PATH): routing tests and Alertmanager config checks need it. ' +
        'Install it with `apt-get install prometheus-alertmanager` on Debian/Ubuntu, or put amtool from an Alertmanager release on the PATH',
    );
  }
}

/** The amtool binary: `$AMTOOL`, else `amtool` on the PATH. */
export function amtoolBinary(): string {
  return process.env['AMTOOL'] || 'amtool';
}

/** amtool's version line (`amtool, version 0.25.0 …`), or undefined when it is not installed. */
export function amtoolVersion(): string | undefined {
  const run = spawnSync(amtoolBinary(), ['--version'], { encoding: 'utf8' });
  if (run.error || run.status !== 0) return undefined;
  return `${run.stdout}${run.stderr}`
    .split('\n')
    .find((line) => line.trim() !== '')
    ?.trim();
}

function amtool(args: readonly string[], cwd: string): AmtoolRun {
  const run = spawnSync(amtoolBinary(), args, { cwd, encoding: 'utf8', timeout: 30_000 });
  if (run.error) {
    if ((run.error as NodeJS.ErrnoException).code === 'ENOENT') throw new AmtoolMissingError();
    return { ok: false, exitCode: null, output: `could not run ${amtoolBinary()}: ${run.error.message}` };
  }
  // amtool warns that --config.file overrides --alertmanager.url on every offline command.
  const output = `${run.stdout}${run.stderr}`
    .split('\n')
    .filter((l) => !l.startsWith('Warning: --config.file flag overrides'))
    .join('\n');
  return { ok: run.status === 0, exitCode: run.status, output };
}

/**
 * Writes the configuration (secrets as files under a fake folder, so nothing secret is on disk)
 * and its templates into a temp folder, runs `fn` there and removes the folder.
 */
function withConfigFile<T>(alerting: ResolvedAlerting, fn: (dir: string) => T): T {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'grafts-amtool-'));
  try {
    writeFileSync(path.join(dir, 'alertmanager.yaml'), alertmanagerYaml(alerting, { secrets: { kind: 'files', dir: path.join(dir, 'secrets') } }));
    const templates = alertmanagerTemplateFiles(alerting);
    if (Object.keys(templates).length > 0) mkdirSync(path.join(dir, TEMPLATES_DIR));
    for (const [name, contents] of Object.entries(templates)) writeFileSync(path.join(dir, TEMPLATES_DIR, name), contents);
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `amtool check-config` on the rendered configuration.
 *
 * @example
 * amtoolCheckConfig(resolved) // → { ok: true, exitCode: 0, output: "Checking 'alertmanager.yaml'  SUCCESS\n…" }
 *
 * @throws {AmtoolMissingError} amtool is not installed.
 */
export function amtoolCheckConfig(alerting: ResolvedAlerting): AmtoolRun {
  return withConfigFile(alerting, (dir) => amtool(['check-config', 'alertmanager.yaml'], dir));
}

/**
 * Runs each routing test with `amtool config routes test`: the receivers amtool names for the
 * labels must be exactly the expected ones, in order.
 *
 * @example
 * runRoutingTests(resolved)
 * // → [{ source: 'dash.config.ts › alerting › routingTests[0]', labels: { severity: 'critical' }, expected: ['page'], actual: ['page'], passed: true }]
 *
 * @throws {AmtoolMissingError} amtool is not installed.
 */
export function runRoutingTests(alerting: ResolvedAlerting, tests: readonly PlacedRoutingTest[] = alerting.routingTests): RoutingTestResult[] {
  if (tests.length === 0) return [];
  return withConfigFile(alerting, (dir) =>
    tests.map((t) => {
      const labels = Object.entries(t.labels).map(([k, v]) => alertmanagerMatcher(matcher(k, '=', v)));
      const run = amtool(['config', 'routes', 'test', '--config.file=alertmanager.yaml', '--', ...labels], dir);
      const base = { source: t.source, ...(t.name !== undefined && { name: t.name }), labels: t.labels, expected: [...t.receivers] };
      if (!run.ok) return { ...base, actual: [], passed: false, error: run.output.trim() };
      const line = run.output.trim();
      const actual = line === '' ? [] : line.split(',');
      return { ...base, actual, passed: actual.join(',') === t.receivers.join(',') };
    }),
  );
}
