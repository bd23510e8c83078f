// User code that never settles, ends the process, loops forever or prints: the built bin exits 0
// only after its work is done, names the file otherwise, keeps --json stdout valid, and stops
// `dash watch` on SIGTERM whatever the code does.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, dashTestEnv, makeProject, runDash } from './run-dash.js';

const DASHBOARD = `import { dashboard } from 'grafts';\nexport default dashboard('API').uid('api');\n`;
const CONFIG = `import { defineConfig } from 'grafts';\nexport default defineConfig({ dashboards: '*.dash.ts' });\n`;

/** Statements that keep a module from ever finishing, or end the process while it loads. */
const MISBEHAVIOURS = {
  'a top-level await that never settles': { code: 'await new Promise(() => {});', message: 'loading never finished: it awaits a promise that never settles' },
  'process.exit(0)': { code: 'process.exit(0);', message: 'user code called process.exit(0) before the command had done its work' },
  'process.exit() with exitCode 0': { code: 'process.exitCode = 0; process.exit();', message: 'user code called process.exit(0)' },
} as const;

const withStatement = (source: string, statement: string) => source.replace(/\n/, `\n${statement}\n`);

function assertNothingWritten(dir: string): void {
  expect(existsSync(path.join(dir, 'out'))).toBe(false);
  expect(existsSync(path.join(dir, 'grafana-provisioning'))).toBe(false);
}

describe('user code that never finishes loading or ends the process', () => {
  for (const [name, { code, message }] of Object.entries(MISBEHAVIOURS)) {
    for (const place of ['dashboard', 'config'] as const) {
      const commands = place === 'dashboard' ? ['build', 'apply'] : ['build'];
      it(`${name} in the ${place} file: ${commands.join(' and ')} exit 1 naming it, with nothing written`, () => {
        // GIVEN a project whose dashboard or config file misbehaves at load
        const file = place === 'dashboard' ? 'api.dash.ts' : 'dash.config.ts';
        const dir = makeProject({
          'dash.config.ts': place === 'config' ? withStatement(CONFIG, code) : CONFIG,
          'api.dash.ts': place === 'dashboard' ? withStatement(DASHBOARD, code) : DASHBOARD,
        });
        for (const command of commands) {
          // WHEN running the command
          const run = runDash([command, '--no-typecheck'], dir);

          // THEN it fails naming the file and what happened, prints nothing on stdout, writes nothing
          expect(run.exitCode).toBe(1);
          expect(run.stderr).toContain(`error: ${file}: ${message}`);
          expect(run.stdout).toBe('');
          assertNothingWritten(dir);
        }
      });
    }
  }

  it('an endless loop at module load is stopped after --load-timeout (or GRAFTS_LOAD_TIMEOUT), naming the file', () => {
    // GIVEN a dashboard that loops forever
    const dir = makeProject({ 'loop.dash.ts': withStatement(DASHBOARD, 'while (true) {}') });

    // WHEN building with a short load time limit, by flag and by environment
    const byFlag = runDash(['build', '--no-typecheck', '--load-timeout', '3'], dir);
    process.env['GRAFTS_LOAD_TIMEOUT'] = '3';
    let byEnv;
    try {
      byEnv = runDash(['apply', '--no-typecheck'], dir);
    } finally {
      delete process.env['GRAFTS_LOAD_TIMEOUT'];
    }

    // THEN each run ends with exit 1 and names the file and the limit
    for (const run of [byFlag, byEnv]) {
      expect(run.exitCode).toBe(1);
      expect(run.stderr).toContain('error: loop.dash.ts: still loading after 3 s');
      expect(run.stderr).toContain('--load-timeout');
    }
    assertNothingWritten(dir);
  }, 60_000);

  it('process.exit(0) from a timer or setImmediate after loading: build and apply exit 1 naming the file and line', () => {
    for (const statement of ['setTimeout(() => process.exit(0), 0);', 'setImmediate(() => process.exit(0));']) {
      // GIVEN a dashboard that ends the process once it has loaded
      const dir = makeProject({ 'dash.config.ts': CONFIG, 'api.dash.ts': withStatement(DASHBOARD, statement) });
      for (const command of ['build', 'apply']) {
        // WHEN running the command
        const run = runDash([command, '--no-typecheck'], dir);

        // THEN it fails naming where the call is (the stack's first frame of user code)
        expect(run.exitCode).toBe(1);
        expect(run.stderr).toMatch(/^error: api\.dash\.ts:2:\d+: user code called process\.exit\(0\) before the command had done its work/);
        expect(run.stdout).toBe('');
        assertNothingWritten(dir);
      }
    }
  });

  it('rejects a --load-timeout that is not a positive number of seconds', () => {
    const dir = makeProject({ 'api.dash.ts': DASHBOARD });
    for (const value of ['0', '-1', 'abc']) {
      const run = runDash(['build', '--load-timeout', value], dir);
      expect(run.exitCode).toBe(1);
      expect(run.stderr).toContain(`expected a number of seconds from 0 to 86400, got "${value}"`);
    }
  });
});

describe('--json with user code that prints', () => {
  it('keeps stdout valid JSON: console.log and process.stdout.write of user code go to stderr', () => {
    // GIVEN a config and a dashboard that print while loading
    const dir = makeProject({
      'dash.config.ts': withStatement(CONFIG, "console.log('config says hi');"),
      'api.dash.ts': withStatement(DASHBOARD, "console.log('dashboard says hi'); process.stdout.write('raw write\\n');"),
    });

    for (const args of [
      ['build', '--json'],
      ['diff', '--json'],
      ['diff', '--format', 'json'],
      ['apply', '--json'],
    ]) {
      // WHEN running with JSON output
      const run = runDash([...args, '--no-typecheck'], dir);

      // THEN stdout is exactly one JSON document, and the user's output is on stderr
      expect(run.exitCode, run.stderr).toBe(0);
      expect(() => JSON.parse(run.stdout)).not.toThrow();
      expect(run.stdout).not.toContain('says hi');
      expect(run.stderr).toContain('config says hi');
      expect(run.stderr).toContain('dashboard says hi');
      expect(run.stderr).toContain('raw write');
    }

    // AND without --json the user's output stays on stdout
    expect(runDash(['build', '--no-typecheck'], dir).stdout).toContain('dashboard says hi');
  });
});

/** Starts `dash watch`, waits for `ready` on stdout (or a fixed time when `readyText` is undefined), sends SIGTERM, resolves how it ended. */
function watchThenTerminate(
  dir: string,
  readyText: string | undefined,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'watch', '--no-typecheck'], { cwd: dir, env: dashTestEnv() });
    let stdout = '';
    let stderr = '';
    let sent = false;
    const terminate = () => {
      if (sent) return;
      sent = true;
      child.kill('SIGTERM');
    };
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (readyText !== undefined && stdout.includes(readyText)) terminate();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // A looping module never reports ready: stop it once the loop has surely started.
    if (readyText === undefined) child.stdout.once('data', () => setTimeout(terminate, 500));
    // Bounded: a watch that ignores SIGTERM fails the test instead of hanging it.
    const guard = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`dash watch did not stop after SIGTERM\n${stdout}\n${stderr}`));
    }, 20_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

describe('dash watch and stop signals', () => {
  it('SIGTERM stops a watch whose module loops forever (cut off: exit 143)', async () => {
    // GIVEN a project whose module prints, then loops forever
    const dir = makeProject({ 'loop.dash.ts': withStatement(DASHBOARD, "console.log('entering the loop'); while (true) {}") });

    // WHEN watching it and sending SIGTERM
    const run = await watchThenTerminate(dir, undefined);

    // THEN it ends, cut off with 128 + SIGTERM
    expect(run.code).toBe(143);
    expect(run.stderr).not.toContain('goroutine');
  }, 30_000);

  it('SIGTERM stops a healthy watch cleanly (exit 0)', async () => {
    const dir = makeProject({ 'api.dash.ts': DASHBOARD });
    const run = await watchThenTerminate(dir, 'press Ctrl-C to stop');
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('watch stopped');
  }, 30_000);
});

/** A running `dash watch` whose output can be waited on (bounded waits, never timed assertions). */
function startWatch(dir: string, args: readonly string[]) {
  const child = spawn(process.execPath, [BIN, 'watch', '--no-typecheck', ...args], { cwd: dir, env: dashTestEnv() });
  const out = { stdout: '', stderr: '' };
  const waiters = new Set<() => void>();
  const notify = () => waiters.forEach((w) => w());
  child.stdout.on('data', (chunk: Buffer) => ((out.stdout += chunk.toString()), notify()));
  child.stderr.on('data', (chunk: Buffer) => ((out.stderr += chunk.toString()), notify()));
  const closed = new Promise<number | null>((resolve) => child.on('close', (code) => (notify(), resolve(code))));
  const until = (what: string, ok: () => boolean, ms = 30_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!ok()) return;
        waiters.delete(check);
        clearTimeout(guard);
        resolve();
      };
      const guard = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}\n--- stdout\n${out.stdout}\n--- stderr\n${out.stderr}`));
      }, ms);
      waiters.add(check);
      check();
    });
  return { child, out, closed, until };
}

function filesUnder(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => path.join(dir, f)) : [];
}

describe('dash watch and a dashboard that never finishes loading', () => {
  it('skips the looping dashboard until it changes, keeps applying the others, and still stops on SIGTERM', async () => {
    // GIVEN a project with one good dashboard and one that loops forever at load
    const loop = withStatement(DASHBOARD.replace("'API').uid('api')", "'Loop').uid('loop')"), 'while (true) {}');
    const dir = makeProject({ 'good.dash.ts': DASHBOARD.replace("'API').uid('api')", "'Good').uid('good')"), 'loop.dash.ts': loop });
    const watched = path.join(dir, '.grafts-watch');
    const appliedUids = () =>
      filesUnder(watched)
        .filter((f) => f.endsWith('.json'))
        .map((f) => readFileSync(f, 'utf8'))
        .join('\n');

    // WHEN watching it with a short load time limit
    const watch = startWatch(dir, ['--load-timeout', '5']);
    try {
      // THEN the looping file is reported, the good dashboard applied, and watch keeps running
      await watch.until('the loop reported', () =>
        watch.out.stderr.includes('loop.dash.ts: still loading after 5 s (endless loop?); skipped until it changes'),
      );
      await watch.until('the good dashboard applied', () => /✓ \w+ "Good"/.test(watch.out.stdout));
      await watch.until('the loop reported in the cycle', () =>
        watch.out.stdout.includes('✗ loop.dash.ts: load error: still loading after 5 s (endless loop?); skipped until it changes'),
      );
      await watch.until('the restarted watch ready', () => watch.out.stdout.includes('press Ctrl-C to stop'));
      expect(appliedUids()).toContain('"uid": "good"');
      expect(appliedUids()).not.toContain('"uid": "loop"');
      expect(watch.child.exitCode).toBeNull();

      // WHEN the looping file is fixed
      writeFileSync(path.join(dir, 'loop.dash.ts'), DASHBOARD.replace("'API').uid('api')", "'Loop').uid('loop')"));

      // THEN it is applied, and the watcher still runs
      await watch.until('the fixed dashboard applied', () => /✓ \w+ "Loop"/.test(watch.out.stdout));
      await watch.until('the fixed dashboard written', () => appliedUids().includes('"uid": "loop"'));
      expect(watch.child.exitCode).toBeNull();
    } catch (error) {
      watch.child.kill('SIGKILL');
      throw error;
    }

    // WHEN sending SIGTERM, THEN watch stops cleanly (bounded: a hung watch fails the test)
    watch.child.kill('SIGTERM');
    const stopped = await Promise.race([watch.closed, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 20_000).unref())]);
    if (stopped === 'hung') watch.child.kill('SIGKILL');
    expect(stopped, `${watch.out.stdout}\n${watch.out.stderr}`).toBe(0);
    expect(watch.out.stderr).toContain('watch stopped');
  }, 90_000);
});
