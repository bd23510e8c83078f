import { CommanderError, type Command } from 'commander';
import { ExitError } from './errors.js';
import type { CliIO } from './io.js';
import { createProgram } from './program.js';

/**
 * Parses `argv` and runs the command; resolves with the exit code (see `index.ts`). Never calls
 * `process.exit`.
 */
export async function runCommand(argv: string[], io?: CliIO): Promise<number> {
  const program = createProgram(io);
  overrideExit(program);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    return report(error);
  }
}

/** Commander calls process.exit by default; make it throw so that exits happen in index.ts only. */
function overrideExit(command: Command): void {
  command.exitOverride();
  for (const sub of command.commands) overrideExit(sub);
}

async function report(error: unknown): Promise<number> {
  // Commander has already printed help, the version or the usage error.
  if (error instanceof CommanderError) return error.exitCode;
  if (error instanceof ExitError) return error.exitCode;
  let text: string | undefined;
  try {
    const { formatKnownError } = await import('./errors.js');
    text = await formatKnownError(error);
  } catch {
    text = undefined;
  }
  if (text === undefined) {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    text = `internal error (this is a bug): ${detail}\n`;
  }
  process.stderr.write(text);
  return 1;
}

/** Resolves once what was written to stdout and stderr so far has been handed on (large --json output). */
export function drainOutput(): Promise<void> {
  return new Promise((resolve) => process.stdout.write('', () => process.stderr.write('', () => resolve())));
}
