import type { DiffResult } from '../../lib/sync/run-diff.js';
import { Command, Option } from 'commander';
import { ExitError } from '../errors.js';
import { colorEnabled, palette, type CliIO } from '../io.js';
import { intRange } from './option-parsers.js';
import { addFleetTargetOptions, addProjectOptions, projectCommand, projectRunOptions, type ProjectCommandOptions } from './shared-options.js';

interface DiffCommandOptions extends ProjectCommandOptions {
  target?: string[];
  parallel?: number;
  format: 'text' | 'markdown' | 'json';
  json?: boolean;
  full?: boolean;
  exitCode?: boolean;
  prune?: boolean;
  showUrl?: boolean;
  concurrency?: number;
}

/**
 * `dash diff [dir] [--target NAME] [--format text|markdown|json] [--json] [--full] [--exit-code] [--prune] [--concurrency N]`:
 * plans the project against a target and prints the difference. Writes nothing.
 * With `--exit-code`: 0 no changes, 2 changes, 1 error. `--json` is `--format json`.
 */
export function createDiffCommand(io: CliIO): Command {
  const command = addFleetTargetOptions(
    projectCommand(
      'diff',
      'show what dash apply would change on a target: a unified diff of normalised JSON per dashboard and of canonical YAML per rule group (writes nothing)',
    ),
  )
    .addOption(
      new Option('--format <format>', 'text (coloured on a terminal), markdown (a PR comment) or json (the plan)')
        .choices(['text', 'markdown', 'json'])
        .default('text'),
    )
    .option('--json', 'print the plan as JSON on stdout (the same as --format json)')
    .option('--full', 'print the whole JSON of dashboards to create (default: title, folder, panel and query counts)')
    .option('--exit-code', 'exit 2 when there are changes (0 none, 1 error)')
    .option('--prune', 'include the deletion of managed dashboards, folders and rule groups that are no longer in the code')
    .option('--show-url', 'name the target by its URL in --format markdown (by default only its name: in CI the URL is a secret that PR comments do not mask)')
    .option('--concurrency <n>', 'reads in flight at once (1–64, default 32)', intRange(1, 64));
  return addProjectOptions(command)
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ dash diff                                  against $GRAFANA_URL, or the file target',
        '  $ dash diff --target prod --prune',
        '  $ dash diff --format markdown --exit-code > comment.md   (exit 2: changes)',
        '  $ dash diff --json | jq .summary',
        '  $ dash diff --target prod --format markdown   one section per target of fleet "prod"',
      ].join('\n'),
    )
    .action(async (dir: string, options: DiffCommandOptions, command: Command) => {
      // --json is the spelling every other command has; a contradicting --format is a usage error
      if (options.json && command.getOptionValueSource('format') === 'cli' && options.format !== 'json') {
        command.error(`error: --json cannot be used with --format ${options.format}`);
      }
      const format = options.json ? 'json' : options.format;
      const [{ runDiff }, { formatPlanMarkdown, formatPlanText, planToJson }, { hasChanges }] = await Promise.all([
        import('../../lib/sync/run-diff.js'),
        import('../../lib/sync/diff-format.js'),
        import('../../lib/sync/plan.js'),
      ]);
      const base = {
        cwd: io.cwd,
        dir,
        env: io.env,
        prune: options.prune ?? false,
        ...projectRunOptions(options),
        ...(options.concurrency !== undefined && { readConcurrency: options.concurrency }),
      };
      const shown = { full: options.full ?? false };
      const color = palette(colorEnabled(io.stdout, io.env));
      const render = (result: DiffResult): string => {
        if (format === 'json') return `${JSON.stringify(planToJson(result.plan, result.target), null, 2)}\n`;
        if (format === 'markdown') return formatPlanMarkdown(result.plan, options.showUrl ? result.target : result.targetName, undefined, shown);
        return formatPlanText(result.plan, result.target, color, shown);
      };
      const exitOf = (result: DiffResult): number => (options.exitCode && hasChanges(result.plan) ? 2 : 0);
      const names = options.target ?? [];
      let result: DiffResult;
      if (names.length === 0) {
        result = await runDiff(base);
      } else {
        const { runFleet } = await import('../../lib/sync/run-fleet.js');
        const fleet = await runFleet(base, names, (o) => runDiff(o), options.parallel);
        const [only] = fleet.members;
        if (!fleet.single || !only) {
          const { fleetExitCode, fleetMarkdown, fleetSections, fleetText } = await import('./fleet-report.js');
          // JSON and markdown sections name targets by name only; the URL is a secret in CI.
          const sections = await fleetSections(fleet.members, (r) => ({ text: format === 'json' ? '' : render(r), exitCode: hasChanges(r.plan) ? 2 : 0 }));
          const meaning = { 0: 'no changes', 1: 'failed', 2: 'changes' };
          if (format === 'json') {
            const byTarget = new Map(fleet.members.map((m) => [m.target, m]));
            const targets = sections.map((s) => {
              const member = byTarget.get(s.target)!;
              return {
                target: s.target,
                exitCode: s.exitCode,
                ...(member.result ? { plan: planToJson(member.result.plan, member.result.targetName) } : { error: s.text.trimEnd() }),
              };
            });
            io.stdout.write(`${JSON.stringify({ targets }, null, 2)}\n`);
          } else {
            io.stdout.write(format === 'markdown' ? fleetMarkdown(sections, meaning) : fleetText(sections, 'diff', meaning, color));
          }
          const code = fleetExitCode(sections, [2]);
          const failed = sections.filter((s) => s.exitCode === 1).map((s) => s.target);
          if (failed.length > 0) io.stderr.write(`error: ${failed.length} of ${sections.length} targets failed: ${failed.join(', ')}\n`);
          if (code === 1 || (options.exitCode && code === 2)) throw new ExitError(code);
          return;
        }
        if (only.error !== undefined || only.result === undefined) throw only.error;
        result = only.result;
      }
      io.stdout.write(render(result));
      if (exitOf(result) !== 0) throw new ExitError(exitOf(result));
    });
}
