import { Command, InvalidArgumentError } from 'commander';
import type { LintResult } from '../../lib/lint/run-lint.js';
import type { LintFinding, LintRule } from '../../lib/lint/types.js';
import { ExitError } from '../errors.js';
import { colorEnabled, palette, type CliIO, type Palette } from '../io.js';
import { loadTimeoutOption } from '../load-timeout-option.js';
import { plural } from '../format.js';

interface LintCommandOptions {
  json?: boolean;
  fix?: boolean;
  rules?: boolean;
  explain?: string;
  maxWarnings?: number;
  typecheck: boolean;
}

/**
 * `dash lint [paths...] [--json] [--fix] [--rules] [--explain <rule>] [--max-warnings <n>] [--no-typecheck]`:
 * lints grafts projects, dashboard JSON and Prometheus rule files offline. Exits 1 when an error
 * remains (or warnings exceed `--max-warnings`).
 */
export function createLintCommand(io: CliIO): Command {
  return new Command('lint')
    .description('check dashboards and rule files against the house style: templated data source, job/instance, $__rate_interval, valid PromQL, ...')
    .argument('[paths...]', 'grafts project directories, directories of dashboard JSON / rule YAML, or single files (default: .)')
    .option('--json', 'print the findings as JSON on stdout')
    .option('--fix', 'repair what is safe in JSON files ([$__interval] → [$__rate_interval], hard-coded data source uid → the variable)')
    .option('--rules', 'list the rules (id, severity, description) and exit')
    .option('--explain <rule>', 'print one rule and exit')
    .option('--max-warnings <n>', 'also fail when more than n warnings remain', parseCount)
    .option('--no-typecheck', 'skip the TypeScript type check of grafts projects')
    .addOption(loadTimeoutOption())
    .addHelpText(
      'after',
      [
        '',
        'Exit codes: 0 no errors (warnings allowed up to --max-warnings), 1 errors found or inputs unreadable.',
        '',
        'Examples:',
        '  $ dash lint                           lint the project in .',
        '  $ dash lint mixins/ alerts.yaml       lint JSON dashboards and a rule file',
        '  $ dash lint --fix exported/*.json',
        '  $ dash lint --max-warnings 0 --json | jq .counts',
      ].join('\n'),
    )
    .action(async (paths: string[], options: LintCommandOptions) => {
      const color = colorEnabled(io.stdout, io.env);
      if (options.rules || options.explain !== undefined) {
        const { LINT_RULES, findLintRule } = await import('../../lib/lint/registry.js');
        if (options.explain !== undefined) {
          const rule = findLintRule(options.explain);
          if (!rule) {
            io.stderr.write(`error: unknown rule "${options.explain}" (known: ${LINT_RULES.map((r) => r.id).join(', ')})\n`);
            throw new ExitError(1);
          }
          io.stdout.write(options.json ? `${JSON.stringify(describeRule(rule), null, 2)}\n` : formatRules([rule], color));
          return;
        }
        io.stdout.write(options.json ? `${JSON.stringify(LINT_RULES.map(describeRule), null, 2)}\n` : formatRules(LINT_RULES, color));
        return;
      }
      const { runLint } = await import('../../lib/lint/run-lint.js');
      const result = await runLint({
        cwd: io.cwd,
        paths,
        ...(options.fix && { fix: true }),
        typecheck: options.typecheck,
        ...(options.maxWarnings !== undefined && { maxWarnings: options.maxWarnings }),
      });
      io.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : formatLintReport(result, color, options.maxWarnings));
      if (!result.passed) throw new ExitError(1);
    });
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number ≥ 0');
  return Number(value);
}

function describeRule(rule: LintRule): { id: string; severity: string; fixable: boolean; description: string } {
  return { id: rule.id, severity: rule.severity, fixable: rule.fix !== undefined, description: rule.description };
}

/** `dash lint --rules`: one line per rule. */
export function formatRules(rules: readonly LintRule[], color: boolean): string {
  const c = palette(color);
  const width = Math.max(...rules.map((r) => r.id.length));
  const lines = rules.map(
    (r) => `${c.bold(r.id.padEnd(width))}  ${severityLabel(r.severity, c).padEnd(7 + (color ? 10 : 0))}  ${r.description}${r.fix ? c.dim(' (--fix)') : ''}`,
  );
  return `${lines.join('\n')}\n`;
}

function severityLabel(severity: string, c: Palette): string {
  return severity === 'error' ? c.red('error') : severity === 'warning' ? c.cyan('warning') : c.dim(severity);
}

/**
 * The human report: findings grouped by file › dashboard (or rule group) › panel, then a summary.
 *
 * @example
 * dashboards/api.json › dashboard "API"
 *   panel "Requests" (id 2)
 *     warning  A: rate(…[5m]): use [$__rate_interval]; …  rate-interval
 * 0 errors, 1 warning in 1 dashboard
 */
export function formatLintReport(result: LintResult, color: boolean, maxWarnings?: number): string {
  const c = palette(color);
  const lines: string[] = [];
  let header = '';
  let sub = '';
  for (const f of result.findings) {
    const l = f.location;
    const head = l.dashboard !== undefined ? `${f.source} › dashboard "${l.dashboard}"` : f.source;
    if (head !== header) {
      if (lines.length > 0) lines.push('');
      lines.push(c.bold(head));
      header = head;
      sub = '';
    }
    const section =
      l.panel !== undefined
        ? `panel "${l.panel}"${l.panelId !== undefined ? ` (id ${l.panelId})` : ''}`
        : l.group !== undefined
          ? `group "${l.group}"${l.alert !== undefined ? ` › ${l.alert}` : ''}`
          : l.variable !== undefined
            ? `variable "${l.variable}"`
            : '';
    if (section !== sub) {
      if (section !== '') lines.push(`  ${section}`);
      sub = section;
    }
    const indent = section === '' ? '  ' : '    ';
    lines.push(`${indent}${severityLabel(f.severity, c)}${' '.repeat(8 - f.severity.length)}${message(f)}  ${c.dim(f.rule)}`);
    if (f.hint) lines.push(`${indent}        ${c.dim(f.hint)}`);
  }
  if (lines.length > 0) lines.push('');
  for (const file of result.fixed) {
    const what = Object.entries(file.fixes)
      .map(([rule, n]) => `${n} ${rule}`)
      .join(', ');
    lines.push(`${c.green('fixed')} ${file.source}: ${what}`);
  }
  const { counts } = result;
  let summary = `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')} in ${plural(counts.dashboards, 'dashboard')}`;
  if (counts.ruleFiles > 0) summary += ` and ${plural(counts.ruleFiles, 'rule file')}`;
  const extras: string[] = [];
  if (counts.info > 0) extras.push(`${counts.info} info`);
  if (counts.excluded > 0) extras.push(`${counts.excluded} excluded by config`);
  if (extras.length > 0) summary += ` (${extras.join(', ')})`;
  if (maxWarnings !== undefined && counts.warning > maxWarnings) summary += `; more than --max-warnings ${maxWarnings}`;
  lines.push(result.passed ? summary : c.red(summary));
  return `${lines.join('\n')}\n`;
}

function message(f: LintFinding): string {
  if (f.location.target !== undefined) return `query ${f.location.target}: ${f.message}`;
  // Under a `variable "x"` heading the message's own `variable "x": ` prefix is redundant.
  if (f.location.variable !== undefined && f.location.panel === undefined) return f.message.replace(`variable "${f.location.variable}": `, '');
  return f.message;
}
