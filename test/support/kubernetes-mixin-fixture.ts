/**
 * kubernetes-mixin rendered by C++ jsonnet (Debian's `jsonnet`), the anchor of issue 16 item 2:
 * the bench (bench/kubernetes-mixin.ts) times the renders, the test
 * (test/import/mixin/kubernetes-mixin-jsonnet.test.ts) checks that the imported package builds
 * the same files. The fixture is the mixin's source with `vendor/` laid out per its lock file
 * (../shared/bench-fixtures/kubernetes-mixin); the commands are those of
 * ../shared/reference/mixins.md §3.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readRenderedMixin } from '../../lib/import/mixin/read-rendered-mixin.js';
import { MIXIN_FILES } from '../../lib/mixin/mixin-files.js';
import { toJson } from '../../lib/render/to-json.js';
import { toYaml } from '../../lib/render/to-yaml.js';
import { buildBackDifferences } from '../import/mixin/build-imported-mixins.js';

/** The mixin's source with its vendor/ tree (absent on machines without the shared fixtures). */
export const KUBERNETES_MIXIN_FIXTURE = path.resolve(import.meta.dirname, '../../../shared/bench-fixtures/kubernetes-mixin');

/** The jsonnet binary: `JSONNET`, else `jsonnet` on the PATH. */
export const JSONNET = process.env['JSONNET'] ?? 'jsonnet';

/** `jsonnet --version`, or undefined when it does not run. */
export function jsonnetVersion(): string | undefined {
  const result = spawnSync(JSONNET, ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** One jsonnet process of a render: its arguments (run in the fixture) and the file its stdout goes to, if any. */
export interface JsonnetStep {
  readonly name: 'dashboards' | 'alerts' | 'rules';
  readonly args: readonly string[];
  readonly stdoutFile?: string;
}

/**
 * mixins.md §3's three commands, writing mixtool's layout into `outDir`: the dashboards with
 * `-m dashboards_out`, the alerts and recording rules as YAML through `std.manifestYamlDoc`.
 */
export function jsonnetSteps(outDir: string): JsonnetStep[] {
  const mixin = '(import "mixin.libsonnet")';
  return [
    { name: 'dashboards', args: ['-J', 'vendor', '-m', path.join(outDir, MIXIN_FILES.dashboards), '-e', `${mixin}.grafanaDashboards`] },
    {
      name: 'alerts',
      args: ['-J', 'vendor', '-S', '-e', `std.manifestYamlDoc(${mixin}.prometheusAlerts)`],
      stdoutFile: path.join(outDir, MIXIN_FILES.alerts),
    },
    {
      name: 'rules',
      args: ['-J', 'vendor', '-S', '-e', `std.manifestYamlDoc(${mixin}.prometheusRules)`],
      stdoutFile: path.join(outDir, MIXIN_FILES.rules),
    },
  ];
}

/**
 * A render of the fixture kept in the temp dir, keyed by the fixture's files and jsonnet's
 * version, made on first use: ONE jsonnet process evaluates the mixin once and prints dashboards,
 * alerts and rules as JSON (§3.2: jsonnet's YAML manifest is most of the alert and rule time, and
 * the JSON is the same data), written here in mixtool's layout. Returns its directory.
 *
 * @throws {Error} jsonnet is missing or fails (never a silent skip).
 */
export async function cachedJsonnetRender(): Promise<string> {
  const version = jsonnetVersion();
  if (version === undefined) throw new Error(`${JSONNET} is not installed (Debian: apt-get install jsonnet; .ci/run installs it)`);
  const key = createHash('sha256').update(version).update(fixtureDigest()).digest('hex').slice(0, 16);
  const dir = path.join(os.tmpdir(), `grafts-jsonnet-kubernetes-mixin-${key}`);
  if (existsSync(path.join(dir, MIXIN_FILES.rules))) return dir;
  const expression = 'local m = import "mixin.libsonnet"; { dashboards: m.grafanaDashboards, alerts: m.prometheusAlerts, rules: m.prometheusRules }';
  const json = await runJsonnet(['-J', 'vendor', '-e', expression]);
  const rendered = JSON.parse(json) as { dashboards: Record<string, unknown>; alerts: unknown; rules: unknown };
  // Written beside the cache and renamed into place, so a cut-off run never leaves half a render.
  const partial = `${dir}.${process.pid}.partial`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(path.join(partial, MIXIN_FILES.dashboards), { recursive: true });
  for (const [file, dashboard] of Object.entries(rendered.dashboards)) {
    await writeFile(path.join(partial, MIXIN_FILES.dashboards, file), toJson(dashboard));
  }
  await writeFile(path.join(partial, MIXIN_FILES.alerts), toYaml(rendered.alerts));
  await writeFile(path.join(partial, MIXIN_FILES.rules), toYaml(rendered.rules));
  await rm(dir, { recursive: true, force: true });
  await rename(partial, dir);
  return dir;
}

function runJsonnet(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(JSONNET, args, { cwd: KUBERNETES_MIXIN_FIXTURE, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`jsonnet ${args.join(' ')} exited ${code}: ${stderr}`))));
  });
}

/** A digest of every file of the fixture (path and contents), so an edited fixture is rendered again. */
function fixtureDigest(): string {
  const hash = createHash('sha256');
  const files = readdirSync(KUBERNETES_MIXIN_FIXTURE, { recursive: true, encoding: 'utf8' })
    .filter((f) => !f.split(path.sep).includes('.git'))
    .sort();
  for (const file of files) {
    const full = path.join(KUBERNETES_MIXIN_FIXTURE, file);
    let contents: Buffer;
    try {
      contents = readFileSync(full);
    } catch {
      continue; // a directory
    }
    hash.update(file).update('\0').update(contents).update('\0');
  }
  return hash.digest('hex');
}

/**
 * What differs between a jsonnet render (`expectedDir`) and grafts' `dash mixin build` output
 * (`actualDir`), both in mixtool's layout: rule files as parsed YAML, dashboards after the
 * dashboard import's round-trip normalisation (the comparison `dash import --mixin` promises).
 * Empty when they are equal.
 */
export async function mixinOutputDifferences(expectedDir: string, actualDir: string): Promise<string[]> {
  const expected = await readRenderedMixin(expectedDir);
  const files = new Map<string, string>();
  for (const file of await readdir(path.join(actualDir, MIXIN_FILES.dashboards))) {
    files.set(`${MIXIN_FILES.dashboards}/${file}`, await readFile(path.join(actualDir, MIXIN_FILES.dashboards, file), 'utf8'));
  }
  for (const file of [MIXIN_FILES.alerts, MIXIN_FILES.rules]) {
    const text = await readFile(path.join(actualDir, file), 'utf8').catch(() => undefined);
    if (text !== undefined) files.set(file, text);
  }
  const differences = buildBackDifferences(expected, { files });
  // Both sides must hold something: two empty renders would compare equal.
  if (expected.dashboards.length === 0) differences.push(`${expectedDir}: no dashboards rendered`);
  if (!expected.alerts?.groups.length || !expected.rules?.groups.length) differences.push(`${expectedDir}: no alert or rule groups rendered`);
  return differences;
}
