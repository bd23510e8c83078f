import { readdirSync, readFileSync } from 'node:fs';
import { constants } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { BlockedEntry } from '../lib/project/user-code-monitor.js';

/** Commands that evaluate user code, and so run in a worker under a supervisor. */
export const SUPERVISED_COMMANDS: ReadonlySet<string> = new Set(['build', 'diff', 'apply', 'watch', 'lint', 'check', 'mixin', 'import', 'test']);

/** Default of `--load-timeout`, in seconds. */
export const DEFAULT_LOAD_TIMEOUT_S = 30;

/** How long a stop signal gives the command to wind down before it is cut off. */
const STOP_GRACE_MS = 1000;

/** What the worker gets (see command-worker.ts). @internal */
export interface WorkerData {
  kind: 'grafts-command';
  argv: string[];
  /** Int32 [in user code (0/1), index of the file being evaluated, -1 before the first]. */
  state: SharedArrayBuffer;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  json: boolean;
  /** `dash watch`: entries stopped by an earlier worker for never finishing loading. */
  blocked: BlockedEntry[];
}

/** Worker → supervisor. @internal */
export type WorkerMessage =
  | { type: 'user-code'; files: string[] }
  | { type: 'user-exit'; code: number; caller?: string }
  | { type: 'unhandled-signal'; signal: NodeJS.Signals }
  | { type: 'done'; code: number }
  | { type: 'unblocked'; file: string };

/** Supervisor → worker. @internal */
export type SupervisorMessage = { type: 'signal'; signal: NodeJS.Signals };

/** The command name of `argv` (`process.argv`), skipping options before it. */
export function commandOf(argv: readonly string[]): string | undefined {
  return argv.slice(2).find((a) => !a.startsWith('-'));
}

/** Whether the command prints JSON on stdout (`--json`, `--format json`). */
export function wantsJson(argv: readonly string[]): boolean {
  const args = argv.slice(2);
  return args.some((a, i) => a === '--json' || a === '--format=json' || (a === '--format' && args[i + 1] === 'json'));
}

/**
 * The load time limit in ms: `--load-timeout <seconds>` (the last one), else
 * `GRAFTS_LOAD_TIMEOUT`, else {@link DEFAULT_LOAD_TIMEOUT_S}. An invalid flag value is left to
 * the command's own option parser to report; an invalid variable falls back to the default.
 */
export function loadTimeoutMs(argv: readonly string[], env: NodeJS.ProcessEnv): number {
  let value: string | undefined;
  const args = argv.slice(2);
  args.forEach((a, i) => {
    if (a === '--load-timeout') value = args[i + 1];
    else if (a.startsWith('--load-timeout=')) value = a.slice('--load-timeout='.length);
  });
  for (const candidate of [value, env['GRAFTS_LOAD_TIMEOUT']]) {
    const seconds = Number(candidate);
    if (candidate !== undefined && candidate !== '' && Number.isFinite(seconds) && seconds > 0) return Math.round(seconds * 1000);
  }
  return DEFAULT_LOAD_TIMEOUT_S * 1000;
}

/**
 * Runs the command of `argv` in a worker thread (the bin `entry` again) and resolves with the
 * exit code. The worker can be stopped whatever user code does, which a single thread cannot:
 *
 * - user code still evaluating after the load time limit (an endless loop, a wait that never
 *   ends) is stopped: exit 1, naming the file;
 * - a command that ends without finishing its work (user code awaiting a promise that never
 *   settles, or calling `process.exit`) exits 1, naming the file when it was loading;
 * - SIGINT/SIGTERM are passed on (`dash watch` stops cleanly); a command that has not ended
 *   1 s later, or that has no handler, is cut off: exit 130 (SIGINT) or 143 (SIGTERM).
 *
 * `dash watch` is the exception to the first rule when the file is a dashboard entry: the file
 * is reported, the worker stopped, and a new one started that skips the entry until it (or a
 * file it includes) changes; the other dashboards keep applying.
 */
export async function superviseCommand(argv: string[], entry: URL): Promise<number> {
  const blocked: BlockedEntry[] = [];
  const restartable = commandOf(argv) === 'watch';
  for (;;) {
    const outcome = await superviseWorker(argv, entry, blocked, restartable);
    if (typeof outcome === 'number') return outcome;
    process.stderr.write(`${outcome.file}: ${outcome.message}; restarting the watcher\n`);
    blocked.push(outcome);
  }
}

/** One worker of {@link superviseCommand}: its exit code, or the entry to block before restarting it. */
function superviseWorker(argv: string[], entry: URL, blocked: BlockedEntry[], restartable: boolean): Promise<number | BlockedEntry> {
  const state = new SharedArrayBuffer(8);
  const view = new Int32Array(state);
  const data: WorkerData = {
    kind: 'grafts-command',
    argv,
    state,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    json: wantsJson(argv),
    blocked: [...blocked],
  };
  const timeoutMs = loadTimeoutMs(argv, process.env);
  const worker = new Worker(entry, { workerData: data, argv: argv.slice(2) });

  let files: string[] = [];
  let loadTimer: NodeJS.Timeout | undefined;
  let loadStartedAt = 0;
  let restart: BlockedEntry | undefined;
  let doneCode: number | undefined;
  let userExit: { code: number; file: string | undefined } | undefined;
  let verdict: { code: number; message?: string } | undefined;
  let stopping: NodeJS.Signals | undefined;
  let stopTimer: NodeJS.Timeout | undefined;

  const currentFile = (): string | undefined => {
    if (Atomics.load(view, 0) !== 1) return undefined;
    const index = Atomics.load(view, 1);
    return index >= 0
      ? files[index]
      : files.length === 1
        ? files[0]
        : `${files.slice(0, 3).join(', ')}${files.length > 3 ? ', …' : ''} (or a package they import)`;
  };
  const cutOff = (code: number, message?: string) => {
    verdict ??= { code, ...(message !== undefined && { message }) };
    // The worker's esbuild service would outlive it and print a Go panic when its pipe closes.
    killChildProcesses(/esbuild/);
    void worker.terminate();
  };

  worker.on('message', (message: WorkerMessage) => {
    switch (message.type) {
      case 'user-code':
        files = message.files;
        loadStartedAt = Date.now();
        clearTimeout(loadTimer);
        loadTimer = setTimeout(() => {
          const file = currentFile();
          if (file === undefined) return;
          // watch: a dashboard entry (not the config, not one blocked already) is skipped from now on.
          const index = Atomics.load(view, 1);
          const single = files.length === 1 ? files[0] : index >= 0 ? files[index] : undefined;
          const isConfig = single !== undefined && /(^|\/)dash\.config\.[cm]?[jt]s$/.test(single);
          if (restartable && stopping === undefined && single === file && !isConfig && !blocked.some((b) => b.file === file)) {
            restart = { file, since: loadStartedAt, message: `still loading after ${formatSeconds(timeoutMs)} (endless loop?); skipped until it changes` };
            killChildProcesses(/esbuild/);
            void worker.terminate();
            return;
          }
          cutOff(
            1,
            `error: ${file}: still loading after ${formatSeconds(timeoutMs)}: an endless loop, or a wait that never ends, at module load? (raise the limit with --load-timeout <seconds>)\n`,
          );
        }, timeoutMs);
        loadTimer.unref();
        break;
      case 'user-exit':
        userExit = { code: message.code, file: currentFile() ?? message.caller };
        break;
      case 'unhandled-signal':
        cutOff(signalExitCode(message.signal));
        break;
      case 'done':
        doneCode = message.code;
        break;
      case 'unblocked': {
        const at = blocked.findIndex((b) => b.file === message.file);
        if (at >= 0) blocked.splice(at, 1);
        break;
      }
    }
  });

  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping !== undefined) {
      cutOff(signalExitCode(stopping));
      return;
    }
    stopping = signal;
    worker.postMessage({ type: 'signal', signal } satisfies SupervisorMessage);
    stopTimer = setTimeout(() => cutOff(signalExitCode(signal)), STOP_GRACE_MS);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  return new Promise<number | BlockedEntry>((resolve) => {
    let crashed: unknown;
    worker.on('error', (error) => {
      crashed = error;
    });
    worker.on('exit', () => {
      clearTimeout(loadTimer);
      clearTimeout(stopTimer);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      if (restart && !verdict && stopping === undefined) {
        resolve(restart);
      } else if (restart && !verdict) {
        resolve(signalExitCode(stopping!));
      } else if (verdict) {
        if (verdict.message) process.stderr.write(verdict.message);
        resolve(verdict.code);
      } else if (doneCode !== undefined) {
        resolve(doneCode);
      } else if (crashed !== undefined) {
        process.stderr.write(`internal error (this is a bug): ${crashed instanceof Error ? (crashed.stack ?? crashed.message) : String(crashed)}\n`);
        resolve(1);
      } else {
        process.stderr.write(unfinishedMessage(userExit, currentFile()));
        resolve(1);
      }
    });
  });
}

/**
 * SIGKILLs this process's own child processes whose command line matches `pattern` (Linux,
 * from /proc; elsewhere nothing happens).
 */
function killChildProcesses(pattern: RegExp): void {
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      const children = readFileSync(`/proc/self/task/${tid}/children`, 'utf8').trim();
      for (const pid of children === '' ? [] : children.split(/\s+/).map(Number)) {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        if (pattern.test(cmdline)) process.kill(pid, 'SIGKILL');
      }
    }
  } catch {
    // Not Linux, or the process is already gone.
  }
}

/** The error of a command that ended before its work was done. */
function unfinishedMessage(userExit: { code: number; file: string | undefined } | undefined, loading: string | undefined): string {
  if (userExit) {
    const where = userExit.file ?? loading;
    return `error: ${where !== undefined ? `${where}: ` : ''}user code called process.exit(${userExit.code}) before the command had done its work; nothing more was done (remove the call: a module must not end the process)\n`;
  }
  if (loading !== undefined) {
    return `error: ${loading}: loading never finished: it awaits a promise that never settles (a top-level await on something that never happens); nothing was done\n`;
  }
  return 'error: the command ended before its work was done: user code awaits a promise that never settles; nothing more was done\n';
}

function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 15);
}

function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}
