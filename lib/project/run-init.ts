import { constants } from 'node:fs';
import { access, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GITHUB_WORKFLOW } from './init-workflow.js';

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
  /** Files written, relative to `dir`. */
  files: string[];
}

/** Thrown when a file `dash init` would write already exists; nothing was written. */
export class InitError extends Error {
  constructor(readonly existing: readonly string[]) {
    super(`refusing to overwrite existing file${existing.length === 1 ? '' : 's'}: ${existing.join(', ')} (nothing was written)`);
    this.name = 'InitError';
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
.grafts-watch/
`,
  '.github/workflows/dashboards.yml': GITHUB_WORKFLOW,
});

/**
 * Scaffolds a project: `dash.config.ts`, `dashboards/service.dash.ts` (standard variables and a
 * RED row), `.gitignore` and the GitHub Actions workflow of `examples/github-actions`. Refuses
 * (and writes nothing) when any of these files exists.
 *
 * @throws {InitError} a file exists.
 */
export async function runInit(options: InitOptions): Promise<InitResult> {
  const dir = path.resolve(options.cwd, options.dir ?? '.');
  const files = Object.keys(INIT_FILES);
  const existing: string[] = [];
  for (const file of files) {
    try {
      await access(path.join(dir, file), constants.F_OK);
      existing.push(file);
    } catch {
      // absent: fine
    }
  }
  if (existing.length > 0) throw new InitError(existing);
  for (const file of files) {
    const abs = path.join(dir, file);
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, INIT_FILES[file]!, { flag: 'wx' });
  }
  return { dir, files };
}
