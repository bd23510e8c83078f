import { constants } from 'node:fs';
import { access, appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { githubWorkflow } from './init-workflow.js';
import { GraftsError } from '../errors/grafts-error.js';

/** Options of {@link runInit}. */
export interface InitOptions {
  cwd: string;
  /** Directory to scaffold, relative to `cwd` (created when missing). @default "." */
  dir?: string;
}

/** What {@link runInit} wrote. */
export interface InitResult {
  /** Absolute project directory. */
  dir: string;
  /** Files created, relative to `dir`. */
  files: string[];
  /** Lines appended to an existing `.gitignore` (empty when it had them all or was created). */
  gitignoreAdded: string[];
  /** Whether grafts is already a dependency (package.json) or installed (node_modules) for `dir`. */
  graftsInstalled: boolean;
}

/** Thrown when a file `dash init` would write already exists; nothing was written. */
export class InitError extends GraftsError {
  constructor(readonly existing: readonly string[]) {
    super(`refusing to overwrite existing file${existing.length === 1 ? '' : 's'}: ${existing.join(', ')} (nothing was written)`);
  }
}

/** The files `dash init` writes, relative to the project directory. */
export const INIT_FILES: Readonly<Record<string, string>> = Object.freeze({
  'dash.config.ts': `import { defineConfig } from 'grafts';

// dash build writes out/; dash diff and dash apply compare with and write to a target: the
// Grafana named by GRAFANA_URL and GRAFANA_TOKEN, else a Grafana file-provisioning folder.
export default defineConfig({
  dashboards: 'dashboards/**/*.dash.ts',
});
`,
  'dashboards/service.dash.ts': `import { dashboard, folder, red, standardVariables } from 'grafts';

// The data source, job and instance variables, discovered from the \`up\` metric.
const vars = standardVariables();

export default dashboard('My service')
  .uid('my-service')
  .folder(folder('Services'))
  .tags('red')
  .variable(...vars.all)
  .row(red.row({ service: 'my-service', variables: vars }));
`,
  '.gitignore': `node_modules/
out/
grafana-provisioning/
.grafts-watch/
.grafts/
`,
  // Read from its template file on first access.
  get '.github/workflows/dashboards.yml'(): string {
    return githubWorkflow();
  },
});

/** Files `dash init` merges into instead of refusing: only `.gitignore`. */
const GITIGNORE = '.gitignore';

/**
 * Scaffolds a project: `dash.config.ts`, `dashboards/service.dash.ts` (standard variables and a
 * RED row), `.gitignore` and the GitHub Actions workflow of `examples/github-actions`. An
 * existing `.gitignore` gets the missing lines appended; any other existing file makes it refuse
 * (and write nothing).
 *
 * @example
 * await runInit({ cwd: '/repo', dir: 'monitoring' });
 * // → { dir: '/repo/monitoring', files: ['dash.config.ts', …], gitignoreAdded: [], graftsInstalled: true }
 *
 * @throws {InitError} a file other than `.gitignore` exists.
 */
export async function runInit(options: InitOptions): Promise<InitResult> {
  const dir = path.resolve(options.cwd, options.dir ?? '.');
  const existing: string[] = [];
  for (const file of Object.keys(INIT_FILES)) {
    if (await exists(path.join(dir, file))) existing.push(file);
  }
  const refused = existing.filter((f) => f !== GITIGNORE);
  if (refused.length > 0) throw new InitError(refused);
  const gitignore = path.join(dir, GITIGNORE);
  const gitignoreAdded = existing.includes(GITIGNORE) ? missingIgnoreLines(await readFile(gitignore, 'utf8'), INIT_FILES[GITIGNORE]!) : [];
  const files = Object.keys(INIT_FILES).filter((f) => !existing.includes(f));
  for (const file of files) {
    const abs = path.join(dir, file);
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, INIT_FILES[file]!, { flag: 'wx' });
  }
  if (gitignoreAdded.length > 0) {
    const current = await readFile(gitignore, 'utf8');
    const separator = current === '' || current.endsWith('\n') ? '' : '\n';
    await appendFile(gitignore, `${separator}# grafts\n${gitignoreAdded.join('\n')}\n`);
  }
  return { dir, files, gitignoreAdded, graftsInstalled: await isGraftsInstalled(dir) };
}

/**
 * The lines of `wanted` that `current` (a .gitignore) lacks; `out`, `out/`, `/out` and `/out/`
 * count as the same entry.
 *
 * @example
 * missingIgnoreLines('node_modules\n/out/\n', 'node_modules/\nout/\ngrafana-provisioning/\n'); // → ['grafana-provisioning/']
 */
export function missingIgnoreLines(current: string, wanted: string): string[] {
  const key = (line: string) => line.trim().replace(/^\//, '').replace(/\/$/, '');
  const have = new Set(current.split(/\r?\n/).map(key));
  return wanted.split('\n').filter((line) => line.trim() !== '' && !have.has(key(line)));
}

/**
 * Whether grafts is already there for a project in `dir`: a dependency in the nearest
 * package.json, or a `node_modules/grafts` in `dir` or a parent.
 */
export async function isGraftsInstalled(dir: string): Promise<boolean> {
  let packageJsonSeen = false;
  for (let d = dir; ; d = path.dirname(d)) {
    if (await exists(path.join(d, 'node_modules', 'grafts', 'package.json'))) return true;
    if (!packageJsonSeen) {
      const text = await readFile(path.join(d, 'package.json'), 'utf8').catch(() => undefined);
      if (text !== undefined) {
        packageJsonSeen = true;
        if (dependsOnGrafts(text)) return true;
      }
    }
    if (path.dirname(d) === d) return false;
  }
}

function dependsOnGrafts(packageJson: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(packageJson);
  } catch {
    return false;
  }
  if (typeof parsed !== 'object' || parsed === null) return false;
  const manifest = parsed as Record<string, unknown>;
  if (manifest['name'] === 'grafts') return true;
  return ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'].some((field) => {
    const deps = manifest[field];
    return typeof deps === 'object' && deps !== null && Object.hasOwn(deps, 'grafts');
  });
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file, constants.F_OK);
    return true;
  } catch {
    return false;
  }
}
