import { schemaOption } from './schema-option.js';
import { Command, Option } from 'commander';
import { ExitError } from '../errors.js';
import { colorEnabled, palette, type CliIO } from '../io.js';
import { positiveInt, reportSyncError } from './sync-common.js';
import { loadTimeoutOption } from '../load-timeout-option.js';

interface DiffCommandOptions {
  schema?: 'v1' | 'v2';
  target?: string;
  format: 'text' | 'markdown' | 'json';
  json?: boolean;
  full?: boolean;
  exitCode?: boolean;
  prune?: boolean;
  typecheck: boolean;
  tsconfig?: string;
  showUrl?: boolean;
  concurrency?: number;
}

/**
 * `dash diff [dir] [--target NAME] [--format text|markdown|json] [--json] [--full] [--exit-code] [--prune] [--concurrency N]`:
 * plans the project against a target and prints the difference. Writes nothing.
 * With `--exit-code`: 0 no changes, 2 changes, 1 error. `--json` is `--format json`.
 */
export function createDiffCommand(io: CliIO): Command {
  return new Command('diff')
    .description('show what dash apply would change on a target: a unified diff of normalised JSON per dashboard and of canonical YAML per rule group (writes nothing)')
    .argument('[dir]', 'project directory (holds dash.config.ts or *.dash.ts files)', '.')
    .option('-t, --target <name>', 'a target from dash.config.ts `targets` (default: GRAFANA_URL/GRAFANA_TOKEN from the environment, else the file-provisioning folder)')
    .addOption(new Option('--format <format>', 'text (coloured on a terminal), markdown (a PR comment) or json (the plan)').choices(['text', 'markdown', 'json']).default('text'))
    .option('--json', 'print the plan as JSON on stdout (the same as --format json)')
    .option('--full', 'print the whole JSON of dashboards to create (default: title, folder, panel and query counts)')
    .option('--exit-code', 'exit 2 when there are changes (0 none, 1 error)')
    .option('--prune', 'include the deletion of managed dashboards, folders and rule groups that are no longer in the code')
    .option('--show-url', 'name the target by its URL in --format markdown (by default only its name: in CI the URL is a secret that PR comments do not mask)')
    .option('--concurrency <n>', 'reads in flight at once (1–64, default 16)', positiveInt(64))
    .option('--no-typecheck', 'skip the TypeScript type check')
    .addOption(loadTimeoutOption())
    .addOption(schemaOption())
    .option('--tsconfig <file>', 'type-check with this tsconfig (default: the nearest tsconfig.json; its rootDir is ignored)')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ dash diff                                  against $GRAFANA_URL, or the file target',
        '  $ dash diff --target prod --prune',
        '  $ dash diff --format markdown --exit-code > comment.md   (exit 2: changes)',
        '  $ dash diff --json | jq .summary',
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
      let result;
      try {
        result = await runDiff({
          cwd: io.cwd,
          dir,
          env: io.env,
          prune: options.prune ?? false,
          typecheck: options.typecheck,
          ...(options.schema !== undefined && { schema: options.schema }),
          ...(options.tsconfig !== undefined && { tsconfig: options.tsconfig }),
          ...(options.target !== undefined && { targetName: options.target }),
          ...(options.concurrency !== undefined && { readConcurrency: options.concurrency }),
        });
      } catch (error) {
        reportSyncError(io, error);
      }
      const shown = { full: options.full ?? false };
      if (format === 'json') io.stdout.write(`${JSON.stringify(planToJson(result.plan, result.target), null, 2)}\n`);
      else if (format === 'markdown') io.stdout.write(formatPlanMarkdown(result.plan, options.showUrl ? result.target : result.targetName, undefined, shown));
      else io.stdout.write(formatPlanText(result.plan, result.target, palette(colorEnabled(io.stdout, io.env)), shown));
      if (options.exitCode && hasChanges(result.plan)) throw new ExitError(2);
    });
}
