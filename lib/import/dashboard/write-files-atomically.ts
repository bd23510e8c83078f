import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** One file to write: an absolute path and its contents. */
export interface FileToWrite {
  readonly path: string;
  readonly contents: string;
}

/**
 * Writes `files` all or nothing: every file goes to a temp file beside its target first, then
 * all are renamed into place; if anything fails, the files renamed so far are taken back (an
 * overwritten file gets its old contents back) and directories created for them are removed.
 * Existing files are only replaced when `overwrite` is set (the caller checks and reports
 * them first; this is the last line of defence).
 *
 * @example
 * await writeFilesAtomically([{ path: '/p/dashboards/api.dash.ts', contents: code }], { overwrite: false });
 */
export async function writeFilesAtomically(files: readonly FileToWrite[], options: { overwrite: boolean }): Promise<void> {
  const createdDirs: string[] = [];
  const temps: { temp: string; target: string; backup?: string }[] = [];
  const done: { target: string; backup?: string }[] = [];
  const tag = randomBytes(4).toString('hex');
  try {
    for (const file of files) {
      const dir = path.dirname(file.path);
      for (const missing of await missingDirs(dir)) createdDirs.push(missing);
      await mkdir(dir, { recursive: true });
      const temp = path.join(dir, `.${path.basename(file.path)}.grafts-import-${tag}`);
      await writeFile(temp, file.contents, { flag: 'wx' });
      temps.push({ temp, target: file.path });
    }
    for (const entry of temps) {
      if (await exists(entry.target)) {
        if (!options.overwrite) throw new Error(`${entry.target} exists`);
        entry.backup = `${entry.temp}.old`;
        await rename(entry.target, entry.backup);
      }
      await rename(entry.temp, entry.target);
      done.push(entry.backup !== undefined ? { target: entry.target, backup: entry.backup } : { target: entry.target });
    }
  } catch (error) {
    for (const entry of done.reverse()) {
      await rm(entry.target, { force: true });
      if (entry.backup !== undefined) await rename(entry.backup, entry.target).catch(() => undefined);
    }
    for (const entry of temps) await rm(entry.temp, { force: true });
    for (const dir of createdDirs.reverse()) await rmdir(dir).catch(() => undefined);
    throw error;
  }
  for (const entry of temps) if (entry.backup !== undefined) await rm(entry.backup, { force: true });
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

async function missingDirs(dir: string): Promise<string[]> {
  const missing: string[] = [];
  let current = path.resolve(dir);
  while (!(await exists(current))) {
    missing.unshift(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return missing;
}
