// Options several commands declare: declared here once, so their spelling, help and parsing
// cannot drift apart between build, diff, apply and watch.
import { Command, Option } from 'commander';
import { loadTimeoutOption } from '../load-timeout-option.js';
import { collect, intRange } from './option-parsers.js';

/** The options {@link addProjectOptions} declares, as commander parses them. */
export interface ProjectCommandOptions {
  schema?: 'v1' | 'v2';
  typecheck: boolean;
  tsconfig?: string;
}

/**
 * A command that works on one project: `dash <name> [dir]`.
 *
 * @example
 * projectCommand('build', 'render every dashboard').option('--json', 'print JSON')
 */
export function projectCommand(name: string, description: string): Command {
  return new Command(name).description(description).argument('[dir]', 'project directory (holds dash.config.ts or *.dash.ts files)', '.');
}

/**
 * `-t, --target <name>` (repeatable: targets or fleets) and `--parallel <n>`, of diff and apply.
 *
 * @example
 * addFleetTargetOptions(projectCommand('diff', 'show what apply would change'))
 */
export function addFleetTargetOptions(command: Command): Command {
  return command
    .option(
      '-t, --target <name>',
      'a target from dash.config.ts `targets`, or a fleet from `fleets`; repeat for several (default: GRAFANA_URL/GRAFANA_TOKEN from the environment, else the file-provisioning folder)',
      collect,
    )
    .option('--parallel <n>', 'targets of a fleet worked on at once (1–32, default 4)', intRange(1, 32));
}

/**
 * How the project is loaded and rendered: `--no-typecheck`, `--load-timeout`, `--schema` and
 * (unless `tsconfig: false`) `--tsconfig`.
 *
 * @example
 * addProjectOptions(projectCommand('watch', 'apply every save'), 'skip the TypeScript check after each apply', { tsconfig: false })
 */
export function addProjectOptions(command: Command, typecheckHelp = 'skip the TypeScript type check', { tsconfig = true } = {}): Command {
  command.option('--no-typecheck', typecheckHelp).addOption(loadTimeoutOption()).addOption(schemaOption());
  if (tsconfig) command.option('--tsconfig <file>', 'type-check with this tsconfig (default: the nearest tsconfig.json; its rootDir is ignored)');
  return command;
}

/**
 * The options of {@link addProjectOptions} as the `run*` functions of `lib/` take them (an
 * option not given is left out).
 *
 * @example
 * projectRunOptions({ typecheck: true, schema: 'v2' }) // → { typecheck: true, schema: 'v2' }
 */
export function projectRunOptions(options: ProjectCommandOptions): { typecheck: boolean; schema?: 'v1' | 'v2'; tsconfig?: string } {
  return {
    typecheck: options.typecheck,
    ...(options.schema !== undefined && { schema: options.schema }),
    ...(options.tsconfig !== undefined && { tsconfig: options.tsconfig }),
  };
}

/** `--schema v1|v2`, of build, diff, apply and watch. */
function schemaOption(): Option {
  return new Option(
    '--schema <schema>',
    "render every dashboard in this schema: v1 (classic JSON) or v2 (dashboard.grafana.app/v2) (default: the target's schema, else each dashboard's .schema(), else v2 for dashboards using tabs, auto grid or show/hide rules, else dash.config.ts schema, else v1)",
  ).choices(['v1', 'v2']);
}
