import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { setUserCodeMonitor } from '../lib/project/user-code-monitor.js';
import { processIO } from './io.js';
import { drainOutput, runCommand } from './run-command.js';
import type { SupervisorMessage, WorkerData, WorkerMessage } from './supervise.js';

/**
 * The worker side of {@link superviseCommand}: runs the command like the bin would, and tells
 * the supervisor when user code is evaluated (file names by message, the current file through
 * shared memory, readable while this thread is stuck), when user code calls `process.exit`, and
 * when the command is done. Signals arrive as messages (workers get none of their own).
 */
export async function runCommandInWorker(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('runCommandInWorker() outside a worker');
  const data = workerData as WorkerData;
  const post = (message: WorkerMessage) => port.postMessage(message);
  const state = new Int32Array(data.state);

  // The supervisor's terminals, as seen from here (worker streams are pipes).
  Object.assign(process.stdout, { isTTY: data.stdoutIsTTY });
  Object.assign(process.stderr, { isTTY: data.stderrIsTTY });
  const io = processIO();
  if (data.json) {
    // --json: stdout carries the JSON only; whatever user code prints goes to stderr.
    const writeStdout = process.stdout.write.bind(process.stdout);
    io.stdout = { write: (chunk: string) => writeStdout(chunk), isTTY: data.stdoutIsTTY };
    process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
  }

  setUserCodeMonitor({
    begin(files) {
      // -1 until the first file's marker runs (imports of packages are still being loaded).
      Atomics.store(state, 1, -1);
      Atomics.store(state, 0, 1);
      post({ type: 'user-code', files: [...files] });
    },
    evaluating(index) {
      Atomics.store(state, 1, index);
    },
    end() {
      Atomics.store(state, 0, 0);
    },
    blocked: data.blocked,
    unblocked(file) {
      post({ type: 'unblocked', file });
    },
  });

  const exit = process.exit.bind(process);
  process.exit = ((code?: number | string | null) => {
    const caller = userCaller(new Error().stack);
    post({ type: 'user-exit', code: Number(code ?? process.exitCode ?? 0), ...(caller !== undefined && { caller }) });
    return exit(code ?? undefined);
  }) as typeof process.exit;

  port.on('message', (message: SupervisorMessage) => {
    if (message.type !== 'signal') return;
    if (process.listenerCount(message.signal) > 0) process.emit(message.signal, message.signal);
    else post({ type: 'unhandled-signal', signal: message.signal });
  });
  // Listening must not keep this thread alive: user code that awaits forever has to end it.
  port.unref();

  const code = await runCommand(data.argv, io);
  await drainOutput();
  post({ type: 'done', code });
  exit(code);
}

/** This package's built code (dist/), whose frames are never the user's. */
const OWN_CODE = fileURLToPath(new URL('..', import.meta.url));

/**
 * The first stack frame of user code (`api.dash.ts:2:28`, relative to the current directory):
 * not Node's, not a package's under node_modules, not grafts' own; undefined when there is none.
 * It names the file of a `process.exit` called after loading (from a timer or a callback).
 */
export function userCaller(stack: string | undefined, ownCode = OWN_CODE, cwd = process.cwd()): string | undefined {
  for (const line of (stack ?? '').split('\n').slice(1)) {
    const match = /^\s*at (?:.*? \()?(.+?):(\d+):(\d+)\)?$/.exec(line);
    if (!match) continue;
    let file = match[1]!;
    if (file.startsWith('file://')) file = fileURLToPath(file);
    if (!path.isAbsolute(file) || file.startsWith(ownCode) || file.split(path.sep).includes('node_modules')) continue;
    return `${path.relative(cwd, file)}:${match[2]}:${match[3]}`;
  }
  return undefined;
}
