/**
 * One child process of a bench, timed: wall time from spawn to exit, and its peak RSS as GNU
 * time -v reports it when run under `/usr/bin/time`. The scenarios differ only in what they do
 * with the result (reject on failure, parse stdout, fall back to the process's own rusage).
 *
 * @example
 * const run = await timedProcess([process.execPath, BIN, 'build'], { cwd, gnuTime: HAS_GNU_TIME });
 * // → { ms: 412.3, code: 0, stdout: '', stderr: '…Maximum resident set size (kbytes): 81234…', gnuPeakKiB: 81234 }
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';

export const GNU_TIME = '/usr/bin/time';
export const HAS_GNU_TIME = existsSync(GNU_TIME);

export interface TimedRun {
  readonly ms: number;
  readonly code: number | null;
  /** Captured only with `captureStdout`. */
  readonly stdout: string;
  readonly stderr: string;
  /** Peak RSS in KiB from GNU time's report; undefined when not run under it. */
  readonly gnuPeakKiB: number | undefined;
}

export interface TimedProcessOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Run under `/usr/bin/time -v` (the caller checks `HAS_GNU_TIME`). */
  readonly gnuTime: boolean;
  /** Keep stdout in `stdout`; otherwise it is written to `stdoutFile` or drained. */
  readonly captureStdout?: boolean;
  readonly stdoutFile?: string;
}

/** Spawns `argv` and resolves when it exits (whatever its code); rejects only when it cannot start. */
export function timedProcess(argv: readonly string[], options: TimedProcessOptions): Promise<TimedRun> {
  const full = options.gnuTime ? [GNU_TIME, '-v', ...argv] : [...argv];
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(full[0]!, full.slice(1), { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    if (options.captureStdout) child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    else if (options.stdoutFile) child.stdout.pipe(createWriteStream(options.stdoutFile));
    else child.stdout.resume();
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const kib = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      resolve({ ms, code, stdout, stderr, gnuPeakKiB: kib ? Number(kib[1]) : undefined });
    });
  });
}
