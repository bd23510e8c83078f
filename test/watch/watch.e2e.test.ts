import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, onTestFinished, test } from 'vitest';
import { startGrafanaEmulator } from '../../lib/testing/index.js';
import { BIN, dashTestEnv } from '../cli/run-dash.js';
import { dashboardSource, watchProject, write } from './watch-project.js';

interface Event {
  type: string;
  cycle?: {
    index: number;
    ok: boolean;
    applied: { uid: string; title: string; action: string; url: string }[];
    problems: { kind: string; file?: string; line?: number; column?: number; code?: string; message: string }[];
    writes: number;
  };
  problems?: { kind: string; file?: string; line?: number; code?: string; message: string }[];
  previewUrl?: string;
  target?: string;
}

/** The built bin watching `dir`; events parsed from its --json lines. */
function startBin(
  dir: string,
  args: string[],
  env: Record<string, string> = {},
): {
  child: ChildProcess;
  events: Event[];
  next: (pred: (e: Event) => boolean) => Promise<Event>;
  stdout: () => string;
  stderr: () => string;
  exit: () => Promise<number | null>;
} {
  const child = spawn(process.execPath, [BIN, 'watch', ...args], { cwd: dir, env: dashTestEnv({ USER: 'tester', ...env }), stdio: ['ignore', 'pipe', 'pipe'] });
  onTestFinished(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  const events: Event[] = [];
  let text = '';
  let waiters: { pred: (e: Event) => boolean; resolve: (e: Event) => void; from: number }[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    text += `${line}\n`;
    if (!line.startsWith('{')) return;
    const event = JSON.parse(line) as Event;
    events.push(event);
    waiters = waiters.filter((w) => {
      if (!w.pred(event)) return true;
      w.resolve(event);
      return false;
    });
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    events,
    next: (pred) => new Promise((resolve) => waiters.push({ pred, resolve, from: events.length })),
    stdout: () => text,
    stderr: () => stderr,
    exit: async () => {
      child.kill('SIGINT');
      const code = await exited;
      expect(stderr).not.toContain('internal error');
      return code;
    },
  };
}

const cycleAfter = (index: number) => (e: Event) => e.type === 'cycle' && e.cycle!.index > index;

describe('dash watch (built bin)', () => {
  test('GIVEN a running watch WHEN saves throw, break the syntax, break the types, then are fixed THEN each is reported with file:line, the watcher keeps running, and SIGINT exits 0', async () => {
    const dir = watchProject();
    const watch = startBin(dir, ['--json']);
    const ready = await watch.next((e) => e.type === 'ready');
    const target = path.join(dir, '.grafts-watch', 'tester');
    expect(ready.target).toBe(target);
    const initial = watch.events.find((e) => e.type === 'cycle')!.cycle!;
    expect(initial.applied.map((d) => d.uid).sort()).toEqual(['a', 'b', 'c']);
    expect(existsSync(path.join(target, 'dashboards', 'a.json'))).toBe(true);

    // An exception while the module runs: file:line:col from the source map.
    let next = watch.next(cycleAfter(0));
    write(dir, 'dashboards/a.dash.ts', "import { dashboard } from 'grafts';\n\nthrow new Error('kaput');\nexport default dashboard('A');\n");
    let cycle = (await next).cycle!;
    expect(cycle.problems).toEqual([{ kind: 'load', file: 'dashboards/a.dash.ts', line: 3, column: 7, message: 'threw Error: kaput' }]);

    // A syntax error.
    next = watch.next(cycleAfter(cycle.index));
    write(dir, 'dashboards/a.dash.ts', "import { dashboard } from 'grafts';\nexport default dashboard('A'\n  .uid('a');\n");
    cycle = (await next).cycle!;
    expect(cycle.problems).toEqual([expect.objectContaining({ kind: 'syntax', file: 'dashboards/a.dash.ts', line: 3 })]);

    // A type error: applied (types do not change the output), and reported by the type check.
    const typeReport = watch.next((e) => e.type === 'typecheck' && (e.problems ?? []).some((p) => p.code === 'TS2322'));
    next = watch.next(cycleAfter(cycle.index));
    write(
      dir,
      'dashboards/a.dash.ts',
      dashboardSource('a', { title: 'A typed' }).replace(
        "import { rate } from '../lib/helpers.ts';",
        "import { rate } from '../lib/helpers.ts';\nconst n: number = 'not a number';",
      ),
    );
    cycle = (await next).cycle!;
    expect(cycle.applied.map((d) => [d.uid, d.title])).toEqual([['a', 'A typed']]);
    const types = (await typeReport).problems!;
    expect(types).toEqual([expect.objectContaining({ kind: 'type', file: 'dashboards/a.dash.ts', line: 3, code: 'TS2322' })]);

    // Fixed: the next good save applies.
    next = watch.next(cycleAfter(cycle.index));
    write(dir, 'dashboards/a.dash.ts', dashboardSource('a', { title: 'A fixed' }));
    cycle = (await next).cycle!;
    expect(cycle.ok).toBe(true);
    expect(cycle.applied.map((d) => [d.uid, d.title, d.url])).toEqual([['a', 'A fixed', path.join(target, 'dashboards', 'a.json')]]);
    expect(JSON.parse(readFileSync(path.join(target, 'dashboards', 'a.json'), 'utf8')).title).toBe('A fixed');

    // The syntax error was reported once, as such, not again by the type check.
    expect(
      watch.events
        .filter((e) => e.type === 'typecheck')
        .flatMap((e) => e.problems ?? [])
        .map((p) => p.code),
    ).not.toContain('TS1005');
    expect(await watch.exit()).toBe(0);
  }, 90_000); // loading the TypeScript compiler in the worker takes seconds on a busy machine

  test('GIVEN human output WHEN a save is broken and fixed THEN the lines name file:line and the URL of each dashboard', async () => {
    const dir = watchProject();
    const watch = startBin(dir, ['--no-typecheck', '--poll', '50']);
    const started = () => watch.stdout().includes('press Ctrl-C to stop');
    while (!started()) await new Promise((r) => setTimeout(r, 20));
    expect(watch.stdout()).toMatch(/^watching 3 entries → dev-files \(.*\.grafts-watch\/tester\), polling$/m);
    expect(watch.stdout()).toMatch(/^initial sync: 3 writes, 3 evaluated, 0 problems in \d+ ms$/m);

    write(dir, 'dashboards/b.dash.ts', "import { dashboard } from 'grafts';\nexport default dashboard('B'\n  .uid('b');\n");
    while (!/cycle 1: /.test(watch.stdout())) await new Promise((r) => setTimeout(r, 20));
    expect(watch.stdout()).toMatch(/^✗ dashboards\/b\.dash\.ts:3:12: syntax error: Expected "\)" but found ";"$/m);

    write(dir, 'dashboards/b.dash.ts', dashboardSource('b', { title: 'B again' }));
    while (!/^✓ updated "B again"/m.test(watch.stdout())) await new Promise((r) => setTimeout(r, 20));
    expect(watch.stdout()).toMatch(/^✓ updated "B again" \/.*\/\.grafts-watch\/tester\/dashboards\/b\.json$/m);
    expect(await watch.exit()).toBe(0);
  });

  test('GIVEN a Grafana target marked dev WHEN watching THEN dashboards get the user prefix, each URL is printed, and a save writes exactly that dashboard', async () => {
    const grafana = await startGrafanaEmulator({ version: '11.3.0' });
    onTestFinished(() => grafana.stop());
    const dir = watchProject();
    write(
      dir,
      'dash.config.ts',
      `export default { targets: { dev: { type: 'grafana', url: ${JSON.stringify(grafana.url)}, tokenEnv: 'DEV_GRAFANA_TOKEN', dev: true } } };\n`,
    );
    const watch = startBin(dir, ['--no-typecheck'], { DEV_GRAFANA_TOKEN: grafana.token });
    while (!watch.stdout().includes('press Ctrl-C')) await new Promise((r) => setTimeout(r, 20));
    expect(watch.stdout()).toContain(`✓ created "Service a" ${grafana.url}/d/tester-a\n`);
    expect([...grafana.state.dashboards.keys()].sort()).toEqual(['tester-a', 'tester-b', 'tester-c']);
    expect(watch.stdout()).not.toContain(grafana.token);

    const before = grafana.requests.length;
    write(dir, 'dashboards/b.dash.ts', dashboardSource('b', { title: 'B on Grafana' }));
    while (!watch.stdout().includes('cycle 1:')) await new Promise((r) => setTimeout(r, 20));
    expect(watch.stdout()).toContain(`✓ updated "B on Grafana" ${grafana.url}/d/tester-b\n`);
    expect(grafana.requests.slice(before).filter((r) => r.method !== 'GET')).toHaveLength(1);
    expect(grafana.state.dashboards.get('tester-b')!.title).toBe('B on Grafana');
    expect(await watch.exit()).toBe(0);
  });

  test('GIVEN an unknown --target WHEN started THEN it exits 1 with the known targets', async () => {
    const dir = watchProject();
    write(dir, 'dash.config.ts', "export default { targets: { local: { type: 'files', dir: 'out-files' } } };\n");
    const watch = startBin(dir, ['--target', 'nope']);
    const code = await new Promise<number | null>((resolve) => watch.child.once('exit', (c) => resolve(c)));
    expect(code).toBe(1);
    expect(watch.stderr()).toBe('error: --target nope: no such target in the config (known: local)\n');
  });
});
