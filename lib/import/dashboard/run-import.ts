import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { PULLED_FOLDER_FILE, type PulledFolderInfo } from '../../sync/pulled-folder-file.js';
import { importRuleFile } from '../rules/import-rule-file.js';
import { ImportError, isImportError } from './import-error.js';
import { uniqueFileName } from './dashboard-file-name.js';
import { importMany } from './import-pool.js';
import { writeFilesAtomically } from './write-files-atomically.js';
import { GraftsError } from '../../errors/grafts-error.js';
import { NOTHING_WRITTEN } from '../nothing-written.js';

/** Options of {@link runImport}. */
export interface ImportOptions {
  /** The working directory inputs and `out` are relative to. */
  cwd: string;
  /** Dashboard JSON files, Prometheus rule files (`.yaml`/`.yml`), or folders holding them (searched recursively). */
  inputs: readonly string[];
  /** Where the generated files go (default `dashboards`); a folder input's sub-folders are kept. */
  out?: string;
  /** Replace existing files (default: refuse and write nothing). */
  force?: boolean;
  /** Compute everything, write nothing. */
  dryRun?: boolean;
  /** The module generated code imports from (default `grafts`). */
  importPath?: string;
}

/** One generated file. */
export interface ImportedFile {
  /** The input file (relative to cwd). */
  source: string;
  /** The generated file (relative to cwd). */
  file: string;
  kind: 'dashboard' | 'rules';
  /** Dashboards: whether the code builds back to the input exactly (see the notes otherwise). */
  exact?: boolean;
  notes: string[];
}

/** What {@link runImport} did (or, with `dryRun`, would do). */
export interface ImportResult {
  outDir: string;
  files: ImportedFile[];
  /** Files found in folders that are neither dashboards nor rule files. */
  skipped: { source: string; reason: string }[];
  written: boolean;
}

/** Thrown when anything goes wrong; nothing has been written. Lists every problem. */
export class ImportRunError extends GraftsError {
  declare readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(problems.length === 1 ? problems[0]! : `${problems.length} problems:\n${problems.map((p) => `  ${p}`).join('\n')}`, {
      problems,
      hint: NOTHING_WRITTEN,
    });
  }
}

const SKIPPED_DIRS = new Set(['node_modules', '.git']);

/**
 * `dash import`: turns dashboard JSON into `.dash.ts` files and Prometheus rule files into
 * `.rules.ts` modules, all or nothing. Folder inputs are searched recursively for `*.json`,
 * `*.yaml`/`*.yml` and extension-less JSON files (what `dash pull` writes is such a folder);
 * in folders, JSON that is not a dashboard and YAML that is not a rule file are skipped and
 * reported, while a file named on the command line must import. Existing output files are refused unless `force`.
 * Dashboards are named after their file (see dashboardFileName; alike names numbered in source
 * order), put in the Grafana folder chain the `.folder.json` files above them name (what
 * `dash pull` writes), and refused when the code generated for them would not build.
 *
 * @throws {ImportRunError} every problem found (unreadable or invalid inputs, clashes,
 * existing files); nothing is written then.
 * @example
 * const result = await runImport({ cwd: process.cwd(), inputs: ['pulled'], out: 'dashboards' });
 * // result.files → [{ source: 'pulled/payments/checkout.json', file: 'dashboards/payments/checkout.dash.ts', kind: 'dashboard', exact: true, notes: [] }]
 */
export async function runImport(options: ImportOptions): Promise<ImportResult> {
  const cwd = path.resolve(options.cwd);
  const outDir = path.resolve(cwd, options.out ?? 'dashboards');
  const problems: string[] = [];
  const skipped: ImportResult['skipped'] = [];
  const found: { file: string; sub: string; explicit: boolean }[] = [];
  if (options.inputs.length === 0) throw new ImportRunError(['no inputs: name dashboard JSON files, rule files or folders']);
  for (const input of options.inputs) {
    const absolute = path.resolve(cwd, input);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) problems.push(`${input}: no such file or folder`);
    else if (info.isDirectory())
      for (const file of await walk(absolute)) found.push({ file, sub: path.relative(absolute, path.dirname(file)), explicit: false });
    else found.push({ file: absolute, sub: '', explicit: true });
  }
  const files: (ImportedFile & { contents: string; absolute: string })[] = [];
  const rel = (file: string) => path.relative(cwd, file).split(path.sep).join('/') || '.';
  const dashboards: { source: string; sub: string; explicit: boolean; json: unknown; folders?: PulledFolderInfo[] }[] = [];
  const folderChains = new Map<string, Promise<PulledFolderInfo[]>>();
  const ruleFiles: { source: string; sub: string; text: string; explicit: boolean }[] = [];
  for (const { file, sub, explicit } of found) {
    const source = rel(file);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      problems.push(`${source}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      continue;
    }
    const extension = path.extname(file).toLowerCase();
    if (extension === '.yaml' || extension === '.yml') {
      ruleFiles.push({ source, sub, text, explicit });
      continue;
    }
    try {
      const json: unknown = JSON.parse(text);
      const folders = await folderChain(path.dirname(file), folderChains, rel, problems);
      dashboards.push({ source, sub, explicit, json, ...(folders.length > 0 && { folders }) });
    } catch (error) {
      if (!explicit && extension !== '.json') skipped.push({ source, reason: 'not JSON' });
      else problems.push(new ImportError(source, '$', `invalid JSON (${(error as Error).message})`).message);
    }
  }
  // Dashboards go to worker threads (when there are many) while rule files import here.
  const pending = importMany(dashboards, options.importPath !== undefined ? { importPath: options.importPath } : {});
  pending.catch(() => undefined); // awaited below; this only keeps an early throw from leaving it unhandled
  for (const { source, sub, text, explicit } of ruleFiles) {
    // Let the workers' messages through between files, so they keep getting work.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      const imported = importRuleFile(text, { source, ...(options.importPath !== undefined && { importPath: options.importPath }) });
      const absolute = path.join(outDir, sub, imported.fileName);
      files.push({ source, file: rel(absolute), absolute, kind: 'rules', notes: imported.notes, contents: imported.code });
    } catch (error) {
      if (!(error instanceof Error) || error.name !== 'RuleImportError') throw error;
      // In a folder, YAML that is no rule file at all (a compose file, a list) is skipped like non-dashboard JSON.
      if (!explicit && (error as Error & { kind?: string }).kind === 'not-a-rule-file') skipped.push({ source, reason: error.message });
      else problems.push(error.message);
    }
  }
  const outcomes = await pending;
  dashboards.forEach(({ source, sub, explicit }, i) => {
    const outcome = outcomes[i]!;
    if ('result' in outcome) {
      const imported = outcome.result;
      // The importer evaluated and validated what it generated: code `dash build` would reject is never written.
      if (imported.buildProblems.length > 0) {
        problems.push(`${source}: the generated code would not build: ${imported.buildProblems.join('; ')}`);
        return;
      }
      const absolute = path.join(outDir, sub, imported.fileName);
      files.push({ source, file: rel(absolute), absolute, kind: 'dashboard', exact: imported.exact, notes: imported.notes, contents: imported.code });
      return;
    }
    const error = outcome.error;
    if (!explicit && isImportError(error) && error.jsonPath === '$' && /^(not a dashboard|expected a dashboard)/.test(error.reason)) {
      skipped.push({ source, reason: error.reason });
    } else if (isImportError(error)) {
      problems.push(error.message);
    } else {
      throw error;
    }
  });
  files.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  // Dashboards named alike (same file name or title in one folder) get -2, -3, … in source order.
  const takenByDir = new Map<string, { names: Set<string>; by: Map<string, string> }>();
  for (const f of files) {
    if (f.kind !== 'dashboard') continue;
    const dir = path.dirname(f.absolute);
    const taken = takenByDir.get(dir.toLowerCase()) ?? { names: new Set<string>(), by: new Map<string, string>() };
    takenByDir.set(dir.toLowerCase(), taken);
    const wanted = path.basename(f.absolute);
    const name = uniqueFileName(wanted, taken.names);
    taken.by.set(name.toLowerCase(), f.source);
    if (name !== wanted) {
      f.absolute = path.join(dir, name);
      f.file = rel(f.absolute);
      f.notes.push(`written to ${name}: ${wanted} is taken by ${taken.by.get(wanted.toLowerCase()) ?? 'another input'}`);
    }
  }
  const byTarget = new Map<string, string>();
  for (const f of files) {
    const other = byTarget.get(f.absolute);
    if (other !== undefined) problems.push(`${f.source} and ${other} would both be written to ${f.file}`);
    byTarget.set(f.absolute, f.source);
  }
  if (!options.force) {
    for (const f of files) {
      if (
        await stat(f.absolute).then(
          () => true,
          () => false,
        )
      )
        problems.push(`${f.file} exists (use --force to replace it)`);
    }
  }
  if (problems.length > 0) throw new ImportRunError(problems);
  if (!options.dryRun && files.length > 0) {
    await writeFilesAtomically(
      files.map((f) => ({ path: f.absolute, contents: f.contents })),
      { overwrite: options.force === true },
    );
  }
  return {
    outDir: rel(outDir),
    files: files.map(({ contents: _c, absolute: _a, ...f }) => f),
    skipped,
    written: !options.dryRun && files.length > 0,
  };
}

/**
 * The Grafana folders a dashboard in `dir` belongs to, top first, from the `.folder.json` files
 * `dash pull` writes: the one in `dir`, in its parent, and so on up to the first directory
 * without one. An unreadable or malformed one is a problem naming it.
 */
async function folderChain(
  dir: string,
  cache: Map<string, Promise<PulledFolderInfo[]>>,
  rel: (file: string) => string,
  problems: string[],
): Promise<PulledFolderInfo[]> {
  let pending = cache.get(dir);
  if (pending === undefined) {
    pending = (async () => {
      const file = path.join(dir, PULLED_FOLDER_FILE);
      const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
        problems.push(`${rel(file)}: cannot read (${error.code ?? String(error)})`);
        return undefined;
      });
      if (text === undefined) return [];
      let info: unknown;
      try {
        info = JSON.parse(text);
      } catch (error) {
        problems.push(new ImportError(rel(file), '$', `invalid JSON (${(error as Error).message})`).message);
        return [];
      }
      const valid =
        typeof info === 'object' &&
        info !== null &&
        !Array.isArray(info) &&
        typeof (info as PulledFolderInfo).uid === 'string' &&
        (info as PulledFolderInfo).uid !== '' &&
        typeof (info as PulledFolderInfo).title === 'string' &&
        (info as PulledFolderInfo).title.trim() !== '';
      if (!valid) {
        problems.push(new ImportError(rel(file), '$', 'expected the folder written by dash pull: { "uid": "<non-empty>", "title": "<non-empty>" }').message);
        return [];
      }
      const parent = path.dirname(dir);
      const above = parent === dir ? [] : await folderChain(parent, cache, rel, problems);
      return [...above, { uid: (info as PulledFolderInfo).uid, title: (info as PulledFolderInfo).title }];
    })();
    cache.set(dir, pending);
  }
  return pending;
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(full)));
    else if (entry.isFile() && (/\.(json|ya?ml)$/i.test(entry.name) || !entry.name.includes('.'))) out.push(full);
  }
  return out;
}
