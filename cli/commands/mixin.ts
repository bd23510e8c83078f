import path from 'node:path';
import { Command } from 'commander';
import type { MixinBuildResult } from '../../lib/mixin-tools/run-mixin-build.js';
import type { MixinLintResult } from '../../lib/mixin-tools/run-mixin-lint.js';
import type { MixinTestResult } from '../../lib/mixin-tools/run-mixin-test.js';
import type { RoutingTestResult } from '../../lib/alerting/amtool.js';
import { ExitError } from '../errors.js';
import { colorEnabled, palette, type CliIO, type Palette } from '../io.js';
import { plural } from '../format.js';

const DIR_HELP = 'a mixin package (package.json with "grafts": { "mixin": … }) or a project whose dash.config.ts lists mixins';

/**
 * `dash mixin build|lint|test [dir]`: renders a mixin package (or each mixin of a project) to
 * mixtool's layout, lints it as mixtool and promtool would, or runs its promtool unit tests.
 */
export function createMixinCommand(io: CliIO): Command {
  const mixin = new Command('mixin')
    .description('build, lint or test a mixin package (mixtool layout, mixtool lint rules, promtool tests)')
    .addCommand(createMixinBuildCommand(io))
    .addCommand(createMixinLintCommand(io))
    .addCommand(createMixinTestCommand(io));
  for (const sub of mixin.commands) {
    sub.configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });
  }
  return mixin;
}

function createMixinBuildCommand(io: CliIO): Command {
  return new Command('build')
    .description('render the mixin and write dashboards_out/*.json, prometheus_alerts.yaml and prometheus_rules.yaml')
    .argument('[dir]', DIR_HELP, '.')
    .option('-o, --out <dir>', 'output directory, replaced as a whole (default: <dir>/out for a package, <dir>/mixins_out/<name>/ for a project)')
    .option('--json', 'print the result as JSON on stdout')
    .addHelpText('after', ['', 'Exit codes: 0 written, 1 the mixin does not load or render, or the output directory is unsafe (nothing written).'].join('\n'))
    .action(async (dir: string, options: { out?: string; json?: boolean }) => {
      const { runMixinBuild } = await import('../../lib/mixin-tools/run-mixin-build.js');
      const result = await runMixinBuild({ cwd: io.cwd, dir, ...(options.out !== undefined && { outDir: options.out }) });
      io.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : formatMixinBuild(result, io.cwd, colorEnabled(io.stdout, io.env)));
    });
}

function createMixinLintCommand(io: CliIO): Command {
  return new Command('lint')
    .description('check the alerts as mixtool lint does, run promtool check rules (when installed), and lint the dashboards')
    .argument('[dir]', DIR_HELP, '.')
    .option('--json', 'print the findings as JSON on stdout')
    .addHelpText('after', ['', 'Exit codes: 0 no errors (warnings allowed), 1 errors found, or the mixin does not load or render.'].join('\n'))
    .action(async (dir: string, options: { json?: boolean }) => {
      const { runMixinLint } = await import('../../lib/mixin-tools/run-mixin-lint.js');
      const result = await runMixinLint({ cwd: io.cwd, dir });
      io.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : formatMixinLint(result, colorEnabled(io.stdout, io.env)));
      if (!result.passed) throw new ExitError(1);
    });
}

function createMixinTestCommand(io: CliIO): Command {
  return new Command('test')
    .description('run promtool test rules on the mixin’s tests and the YAML tests in its tests/ folder')
    .argument('[dir]', DIR_HELP, '.')
    .option('--json', 'print the result as JSON on stdout')
    .addHelpText(
      'after',
      [
        '',
        "Routing tests (a mixin's routingTests, a project's alerting.routingTests) run with amtool config routes test.",
        '',
        'Exit codes: 0 every test passed, 1 a test failed, a mixin has no tests, promtool (or, with routing tests, amtool) is missing, or the mixin does not load or render.',
      ].join('\n'),
    )
    .action(async (dir: string, options: { json?: boolean }) => {
      const { runMixinTest, PromtoolMissingError } = await import('../../lib/mixin-tools/run-mixin-test.js');
      const { AmtoolMissingError } = await import('../../lib/alerting/amtool.js');
      let result: MixinTestResult;
      try {
        result = await runMixinTest({ cwd: io.cwd, dir });
      } catch (error) {
        if (!(error instanceof PromtoolMissingError) && !(error instanceof AmtoolMissingError)) throw error;
        io.stderr.write(`error: ${error.message}\n`);
        throw new ExitError(1);
      }
      io.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : formatMixinTest(result, colorEnabled(io.stdout, io.env)));
      if (!result.passed) throw new ExitError(1);
    });
}

/**
 * @example
 * Built mixin node-exporter in 120 ms → mixins/node-exporter/out/
 *   2 dashboards, 26 alerts, 15 recording rules
 */
export function formatMixinBuild(result: MixinBuildResult, cwd: string, color: boolean): string {
  const c = palette(color);
  const out = `${(path.relative(cwd, result.outDir) || '.').split(path.sep).join('/')}/`;
  const names = result.mixins.map((m) => m.name).join(', ');
  const lines = [`${c.green('Built')} ${c.bold(`mixin${result.mixins.length === 1 ? '' : 's'} ${names}`)} in ${result.durationMs} ms → ${c.cyan(out)}`];
  for (const m of result.mixins) {
    const where = m.dir === '.' ? '' : `${m.dir}/  `;
    lines.push(`  ${where}${plural(m.dashboards, 'dashboard')}, ${plural(m.alerts, 'alert')}, ${plural(m.rules, 'recording rule')}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * @example
 * mixin node-exporter: promtool check rules passed
 *   prometheus_alerts.yaml › group "node-exporter"
 *     warning  group "node-exporter" has 26 rules (more than 20)  alert-group-rule-count
 * 0 errors, 1 warning
 */
export function formatMixinLint(result: MixinLintResult, color: boolean): string {
  const c = palette(color);
  const lines: string[] = [];
  for (const m of result.mixins) {
    const promtool =
      m.promtool.status === 'skipped'
        ? c.dim('promtool check rules skipped: promtool not installed')
        : m.promtool.status === 'passed'
          ? 'promtool check rules passed'
          : c.red('promtool check rules FAILED');
    lines.push(
      `${c.bold(`mixin ${m.name}`)}: ${plural(m.dashboards, 'dashboard')}, ${plural(m.alerts, 'alert')}, ${plural(m.rules, 'recording rule')}; ${promtool}`,
    );
    let header = '';
    for (const f of result.findings.filter((x) => x.mixin === m.name)) {
      const l = f.location;
      const head = `${f.file}${l.dashboard !== undefined ? ` › dashboard "${l.dashboard}"` : l.group !== undefined ? ` › group "${l.group}"` : ''}`;
      if (head !== header) {
        lines.push(`  ${head}`);
        header = head;
      }
      const what = l.panel ?? l.alert ?? l.record;
      const label = f.severity === 'error' ? c.red('error') : f.severity === 'warning' ? c.cyan('warning') : c.dim(f.severity);
      const text = f.message.split('\n').join('\n              ');
      lines.push(`    ${label}${' '.repeat(9 - f.severity.length)}${what !== undefined ? `${what}: ` : ''}${text}  ${c.dim(f.rule)}`);
    }
  }
  const summary = `${plural(result.counts.error, 'error')}, ${plural(result.counts.warning, 'warning')}${result.counts.info > 0 ? ` (${result.counts.info} info)` : ''}`;
  lines.push(result.passed ? summary : c.red(summary));
  return `${lines.join('\n')}\n`;
}

/**
 * @example
 * promtool, version 2.42.0 (branch: debian/sid, …)
 * PASS mixin node-exporter: 12 test groups, 0 YAML files
 */
export function formatMixinTest(result: MixinTestResult, color: boolean): string {
  const c = palette(color);
  const lines = [c.dim(result.promtoolVersion)];
  for (const m of result.mixins) {
    const yaml = m.yamlFiles.length > 0 ? ` + ${m.yamlFiles.join(', ')}` : '';
    lines.push(`${m.passed ? c.green('PASS') : c.red('FAIL')} mixin ${c.bold(m.name)}: ${plural(m.tsTests, 'test group')}${yaml}`);
    if (!m.passed) lines.push(...m.output.split('\n').map((l) => `  ${l}`));
  }
  const failed = result.mixins.filter((m) => !m.passed).length;
  lines.push(failed === 0 ? `${plural(result.mixins.length, 'mixin')} passed` : c.red(`${failed} of ${plural(result.mixins.length, 'mixin')} failed`));
  if (result.routing) lines.push(...formatRoutingTests(result.routing, c));
  return `${lines.join('\n')}\n`;
}

/**
 * The routing tests' lines: amtool's version, one PASS/FAIL line per test (its name, labels,
 * expected receivers and where it is declared), and for a failure the receivers expected and
 * the ones amtool named, then a summary.
 *
 * @example
 * amtool, version 0.25.0 (branch: debian/sid, …)
 * FAIL routing "warnings chat" {alertname="ShopSlow", severity="warning"} → chat  dash.config.ts › alerting › routingTests[0]
 *   expected: chat
 *   amtool routes it to: default
 * 1 of 1 routing test failed
 */
export function formatRoutingTests(routing: { amtoolVersion: string; tests: readonly RoutingTestResult[] }, c: Palette): string[] {
  const lines = [c.dim(routing.amtoolVersion)];
  for (const t of routing.tests) {
    const labels = Object.entries(t.labels)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(', ');
    lines.push(
      `${t.passed ? c.green('PASS') : c.red('FAIL')} routing ${t.name !== undefined ? `"${t.name}" ` : ''}{${labels}} → ${t.expected.join(', ')}  ${c.dim(t.source)}`,
    );
    if (!t.passed) {
      lines.push(`  expected: ${t.expected.join(', ')}`);
      lines.push(t.error !== undefined ? `  amtool: ${t.error}` : `  amtool routes it to: ${t.actual.join(', ') || '(nothing)'}`);
    }
  }
  const bad = routing.tests.filter((t) => !t.passed).length;
  lines.push(bad === 0 ? `${plural(routing.tests.length, 'routing test')} passed` : c.red(`${bad} of ${plural(routing.tests.length, 'routing test')} failed`));
  return lines;
}
