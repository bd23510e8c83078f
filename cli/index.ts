#!/usr/bin/env node
/**
 * The `dash` / `grafts` bin. The only module that ends the process.
 *
 * Exit codes:
 * - 0: success (also `--help`, `--version`);
 * - 1: any error: invalid usage (unknown option, missing argument), an invalid project
 *   (config, syntax, type, load or validation errors), an unsafe output directory, or an
 *   internal error (printed as "internal error (this is a bug)" with its stack);
 * - other codes are reserved for commands that document them (`dash diff --exit-code`: 2).
 */
import { CommanderError, type Command } from 'commander';
import { ExitError } from './errors.js';
import { createProgram } from './program.js';

async function main(argv: string[]): Promise<number> {
  const program = createProgram();
  overrideExit(program);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    return report(error);
  }
}

/** Commander calls process.exit by default; make it throw so that exits happen here only. */
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

function exit(code: number): void {
  if (process.env['GRAFTS_REPORT_RUSAGE'] === '1') {
    const usage = process.resourceUsage();
    process.stderr.write(`grafts-rusage ${JSON.stringify({ maxRssKiB: usage.maxRSS, userCpuUs: usage.userCPUTime, systemCpuUs: usage.systemCPUTime })}\n`);
  }
  // Let piped stdout/stderr drain before exiting (large --json output).
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

main(process.argv).then(exit, (error: unknown) => {
  process.stderr.write(`internal error (this is a bug): ${String(error)}\n`);
  exit(1);
});
