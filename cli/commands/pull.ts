import { Command } from 'commander';
import type { PullResult } from '../../lib/sync/run-pull.js';
import { colorEnabled, palette, type CliIO } from '../io.js';
import { collect } from './option-parsers.js';
import { escapeControl } from '../../lib/util/escape-control.js';
import { plural } from '../format.js';

interface PullCommandOptions {
  target?: string;
  folder?: string[];
  tag?: string[];
  uid?: string[];
  out?: string;
  json?: boolean;
}

/**
 * `dash pull [--target NAME] [--folder UID]… [--tag T]… [--uid U]… [--out DIR] [--json]`:
 * downloads dashboards as normalised JSON to `<out>/<folder path>/<uid>.json`.
 */
export function createPullCommand(io: CliIO): Command {
  return new Command('pull')
    .description('download dashboards from a target as normalised JSON (server fields and the grafts marker removed) to <out>/<folder path>/<uid>.json')
    .option('-t, --target <name>', 'a target from dash.config.ts `targets` (default: GRAFANA_URL/GRAFANA_TOKEN, else the file-provisioning folder)')
    .option('--folder <uid>', 'only dashboards in this folder or its subfolders ("general" = root); repeatable', collect)
    .option('--tag <tag>', 'only dashboards with this tag; repeatable (all must match)', collect)
    .option('--uid <uid>', 'only this dashboard; repeatable', collect)
    .option('-o, --out <dir>', 'output directory', 'pulled')
    .option('--json', 'print what was written as JSON')
    .addHelpText('after', ['', 'Examples:', '  $ dash pull --folder payments --out imported', '  $ dash pull --uid checkout --uid cart'].join('\n'))
    .action(async (options: PullCommandOptions) => {
      const { runPull } = await import('../../lib/sync/run-pull.js');
      const result: PullResult = await runPull({
        cwd: io.cwd,
        env: io.env,
        folders: options.folder ?? [],
        tags: options.tag ?? [],
        uids: options.uid ?? [],
        ...(options.out !== undefined && { out: options.out }),
        ...(options.target !== undefined && { targetName: options.target }),
      });
      if (options.json) {
        io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        return;
      }
      const c = palette(colorEnabled(io.stdout, io.env));
      const lines = result.dashboards.map(
        (d) => `  ${escapeControl(d.file)}  ${c.bold(escapeControl(d.title))}${d.managed ? c.dim('  (managed by grafts)') : ''}`,
      );
      io.stdout.write(
        `${c.green('Pulled')} ${plural(result.dashboards.length, 'dashboard')} from ${c.cyan(result.target)} → ${result.outDir}\n${lines.join('\n')}${lines.length > 0 ? '\n' : ''}`,
      );
    });
}
