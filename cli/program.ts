import { Command } from 'commander';
import { createApplyCommand } from './commands/apply.js';
import { createBuildCommand } from './commands/build.js';
import { createCheckCommand } from './commands/check.js';
import { createDiffCommand } from './commands/diff.js';
import { createImportCommand } from './commands/import.js';
import { createInitCommand } from './commands/init.js';
import { createLintCommand } from './commands/lint.js';
import { createMixinCommand } from './commands/mixin.js';
import { createPullCommand } from './commands/pull.js';
import { createTestCommand } from './commands/test.js';
import { createWatchCommand } from './commands/watch.js';
import { processIO, type CliIO } from './io.js';
import { warnIfNodeDebugLeaks } from './node-debug-warning.js';
import { readVersion } from './version.js';

/**
 * The `dash` command tree. No side effects: nothing is parsed, nothing exits. Each command loads
 * its implementation lazily in its action, so `dash --version` and `dash --help` load neither
 * esbuild, nor TypeScript, nor the library.
 */
export function createProgram(io: CliIO = processIO()): Command {
  const program = new Command('dash')
    .description(
      'Grafana dashboards and alerts as code: build, lint, check, diff, apply and watch *.dash.ts projects and their mixins (dashboards and rules); import existing JSON, rule files and mixins',
    )
    .version(readVersion(), '-V, --version', 'print the grafts version')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError('(run with --help for usage)')
    // Once per run, before any command talks to a server.
    .hook('preAction', () => warnIfNodeDebugLeaks(io))
    .addCommand(createBuildCommand(io))
    .addCommand(createCheckCommand(io))
    .addCommand(createDiffCommand(io))
    .addCommand(createApplyCommand(io))
    .addCommand(createPullCommand(io))
    .addCommand(createImportCommand(io))
    .addCommand(createWatchCommand(io))
    .addCommand(createInitCommand(io))
    .addCommand(createLintCommand(io))
    .addCommand(createTestCommand(io))
    .addCommand(createMixinCommand(io));
  for (const command of program.commands) {
    command.configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });
  }
  return program;
}
