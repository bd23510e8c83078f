import { Command } from 'commander';
import type { InitResult } from '../../lib/project/run-init.js';
import { colorEnabled, palette, type CliIO } from '../io.js';
import { plural } from '../format.js';

/**
 * `dash init [dir]`: scaffolds a project (dash.config.ts, dashboards/service.dash.ts,
 * .gitignore, .github/workflows/dashboards.yml); appends missing lines to an existing
 * .gitignore and refuses to overwrite any other existing file.
 */
export function createInitCommand(io: CliIO): Command {
  return new Command('init')
    .description(
      'scaffold a project: dash.config.ts, dashboards/service.dash.ts, .gitignore and a GitHub Actions workflow (never overwrites; adds missing lines to an existing .gitignore)',
    )
    .argument('[dir]', 'directory to scaffold (created when missing)', '.')
    .action(async (dir: string) => {
      const { runInit } = await import('../../lib/project/run-init.js');
      const result: InitResult = await runInit({ cwd: io.cwd, dir });
      const c = palette(colorEnabled(io.stdout, io.env));
      io.stdout.write(
        [
          `${c.green('Created')} ${plural(result.files.length, 'file')} in ${result.dir}:`,
          ...result.files.map((f) => `  ${f}`),
          ...(result.gitignoreAdded.length > 0 ? [`${c.green('Added')} to .gitignore: ${result.gitignoreAdded.join(' ')}`] : []),
          '',
          'Next:',
          ...(result.graftsInstalled ? [] : ['  npm i -D grafts']),
          '  npx dash build          # render to out/',
          '  npx dash apply          # to $GRAFANA_URL with $GRAFANA_TOKEN, else a file-provisioning folder',
          '',
        ].join('\n'),
      );
    });
}
