#!/usr/bin/env node
/**
 * The `dash` / `grafts` bin. The only module that ends the process.
 *
 * Commands that evaluate user code (build, diff, apply, watch, lint, check, mixin, import, test) run
 * in a worker thread under a supervisor (see supervise.ts), so that code which never finishes
 * loading, never settles or calls `process.exit` cannot make a run hang or exit 0 with its work
 * undone. Other commands (init, pull, --help, --version) run in this thread.
 *
 * Exit codes:
 * - 0: success (also `--help`, `--version`);
 * - 1: any error: invalid usage (unknown option, missing argument), an invalid project
 *   (config, syntax, type, load or validation errors), user code that does not finish loading
 *   within the load time limit, never settles, or ends the process, an unsafe output directory,
 *   a file-system error, or an internal error (printed as "internal error (this is a bug)" with
 *   its stack);
 * - 130 / 143: stopped by SIGINT / SIGTERM before the command could wind down;
 * - other codes are reserved for commands that document them (`dash diff --exit-code`: 2).
 */
import { isMainThread, workerData } from 'node:worker_threads';

async function main(): Promise<number> {
  if (!isMainThread && (workerData as { kind?: string } | null)?.kind === 'grafts-command') {
    const { runCommandInWorker } = await import('./command-worker.js');
    await runCommandInWorker();
    return 0;
  }
  const { SUPERVISED_COMMANDS, commandOf, superviseCommand } = await import('./supervise.js');
  const command = commandOf(process.argv);
  if (command !== undefined && SUPERVISED_COMMANDS.has(command)) return superviseCommand(process.argv, new URL(import.meta.url));
  const { runCommand } = await import('./run-command.js');
  return runCommand(process.argv);
}

function exit(code: number): void {
  if (process.env['GRAFTS_REPORT_RUSAGE'] === '1') {
    const usage = process.resourceUsage();
    process.stderr.write(`grafts-rusage ${JSON.stringify({ maxRssKiB: usage.maxRSS, userCpuUs: usage.userCPUTime, systemCpuUs: usage.systemCPUTime })}\n`);
  }
  // Let piped stdout/stderr drain before exiting (large --json output).
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

if (isMainThread) {
  main().then(exit, async (error: unknown) => {
    const { reportError } = await import('./report.js');
    exit(reportError(error, process.stderr));
  });
} else {
  // In the worker, runCommandInWorker ends the thread itself.
  void main();
}
