import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';

/** The built bin (`npm test` runs `npm run build` first). */
export const BIN = fileURLToPath(new URL('../../dist/cli/index.js', import.meta.url));

export interface DashRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

// A type-check cache per test, removed when the test finishes, so e2e runs leave nothing
// behind in the OS temp folder.
function testCacheDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'grafts-test-cache-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// Variables that choose a target or change what the CLI does. The developer's (or CI's) own
// values must not reach the bin under test: `CI=true` turns off the file-target fallback, and a
// developer's GRAFANA_URL would send e2e applies to a real Grafana. Tests that want one pass it.
const AMBIENT_VARIABLES = /^(CI|NO_COLOR|NODE_DEBUG|(GRAFANA|MIMIR|CORTEX|PROMETHEUS|RULER_CONTRACT)_.*)$/;

/**
 * The environment for a `dash` child process in tests: this process's environment without the
 * ambient variables above, colours off, plus `extra` (an `undefined` value removes a variable).
 */
export function dashTestEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!AMBIENT_VARIABLES.test(key)) env[key] = value;
  env['FORCE_COLOR'] = '0';
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** Runs the built `dash` bin in `cwd` with colours off. */
export function runDash(args: readonly string[], cwd: string): DashRun {
  const env = dashTestEnv({ GRAFTS_CACHE_DIR: testCacheDir() });
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, env, encoding: 'utf8' });
  return { exitCode: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Like {@link runDash} but asynchronous, for tests whose servers (emulators) run in this
 * process; `extraEnv` values of `undefined` remove the variable.
 */
export function runDashAsync(args: readonly string[], cwd: string, extraEnv: Record<string, string | undefined> = {}): Promise<DashRun> {
  const env = dashTestEnv({ GRAFTS_CACHE_DIR: testCacheDir(), ...extraEnv });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (exitCode) => resolve({ exitCode, stdout, stderr }));
  });
}

/** Creates a temp project from `{ relativePath: contents }`, removed when the test finishes. */
export function makeProject(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'grafts-e2e-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  writeFiles(dir, files);
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [rel, contents] of Object.entries(files)) {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, contents);
  }
}

/** Every file under `dir` (relative path → contents), to compare trees byte for byte. */
export function readTree(dir: string): Record<string, string> {
  const tree: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const abs = path.join(entry.parentPath, entry.name);
    tree[path.relative(dir, abs).split(path.sep).join('/')] = readFileSync(abs, 'utf8');
  }
  return tree;
}

/**
 * Starts the built bin and sends it SIGKILL after `delayMs` (unless it ended first); resolves
 * with how it ended. For crash-safety tests: whatever the moment of the kill, the next run must
 * find a consistent state.
 */
export function runDashKilledAfter(
  args: readonly string[],
  cwd: string,
  delayMs: number,
  extraEnv: Record<string, string | undefined> = {},
): Promise<{ killed: boolean; exitCode: number | null }> {
  const env = dashTestEnv({ GRAFTS_CACHE_DIR: testCacheDir(), ...extraEnv });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    child.on('error', reject);
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      resolve({ killed: signal === 'SIGKILL', exitCode });
    });
  });
}
