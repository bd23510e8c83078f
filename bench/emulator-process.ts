/**
 * The Grafana emulator in a child process, for sync benchmarks: Grafana is another process (another
 * machine) for a real `dash apply`, so the emulator's own work (serialising dashboards, its request
 * log) must not be counted in the client's wall time. The parent asks for the request log's size
 * over IPC.
 *
 *   node --import tsx bench/emulator-process.ts '{"version":"13.0.0","latencyMs":50}'
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** What the parent gets back. */
export interface EmulatorProcess {
  readonly url: string;
  readonly token: string;
  /** Requests served so far, and how many of them were not GETs. */
  counts(): Promise<{ requests: number; writes: number }>;
  stop(): Promise<void>;
}

type Message = { type: 'ready'; url: string; token: string } | { type: 'counts'; requests: number; writes: number };

/** Starts the emulator with `options` (those of `startGrafanaEmulator`) in a child process. */
export async function startEmulatorProcess(options: { version?: string; latencyMs?: number }): Promise<EmulatorProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), JSON.stringify(options)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = (type: Message['type']) =>
    new Promise<Message>((resolve, reject) => {
      const onMessage = (m: Message) => {
        if (m.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(m);
      };
      const onExit = (code: number | null) => reject(new Error(`emulator process exited (${code}) before answering`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const ready = (await next('ready')) as Extract<Message, { type: 'ready' }>;
  return {
    url: ready.url,
    token: ready.token,
    async counts() {
      const answer = next('counts');
      child.send({ type: 'counts' });
      const m = (await answer) as Extract<Message, { type: 'counts' }>;
      return { requests: m.requests, writes: m.writes };
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

// Run as the child: start the emulator, report it, answer count requests, stop on SIGTERM.
if (process.argv[1] === fileURLToPath(import.meta.url) && process.send) {
  const { startGrafanaEmulator } = await import('../lib/testing/index.js');
  const grafana = await startGrafanaEmulator(JSON.parse(process.argv[2] ?? '{}') as { version?: string; latencyMs?: number });
  process.on('message', (m: { type?: string }) => {
    if (m.type === 'counts')
      process.send!({ type: 'counts', requests: grafana.requests.length, writes: grafana.requests.filter((r) => r.method !== 'GET').length });
  });
  process.once('SIGTERM', () => {
    void grafana.stop().then(() => process.exit(0));
  });
  process.send({ type: 'ready', url: grafana.url, token: grafana.token });
}
