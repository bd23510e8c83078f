import type { Command } from 'commander';
import { processIO, type CliIO } from './io.js';
import { createProgram } from './program.js';
import { reportError } from './report.js';

/**
 * Parses `argv` and runs the command; resolves with the exit code (see `index.ts`). Never calls
 * `process.exit`.
 */
export async function runCommand(argv: string[], io: CliIO = processIO()): Promise<number> {
  const program = createProgram(io);
  overrideExit(program);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    return reportError(error, io.stderr);
  }
}

/** Commander calls process.exit by default; make it throw so that exits happen in index.ts only. */
function overrideExit(command: Command): void {
  command.exitOverride();
  for (const sub of command.commands) overrideExit(sub);
}

/** Resolves once what was written to stdout and stderr so far has been handed on (large --json output). */
export function drainOutput(): Promise<void> {
  return new Promise((resolve) => process.stdout.write('', () => process.stderr.write('', () => resolve())));
}
