import { mkdir, mkdtemp, readdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MixinImportError } from './mixin-import-error.js';

/** A file of an imported package, `/`-separated path relative to the package folder. */
export interface PackageFile {
  readonly path: string;
  readonly contents: string;
}

/**
 * Writes `files` under `outDir` all or nothing: everything is written to a staging folder beside
 * `outDir` first, then moved in. A missing or empty `outDir` is created by one rename; files
 * already there are never replaced unless `force` (then the listed files are replaced and the
 * others left alone).
 *
 * With `dryRun`, everything is checked and nothing written.
 *
 * @throws {MixinImportError} `outDir` is a file, or holds files and `force` is not set (nothing is written).
 */
export async function writePackageFiles(outDir: string, files: readonly PackageFile[], force: boolean, dryRun = false): Promise<void> {
  const target = path.resolve(outDir);
  for (const f of files) {
    if (path.isAbsolute(f.path) || f.path.split('/').some((part) => part === '..' || part === '' || part === '.')) {
      throw new MixinImportError([`refusing to write ${JSON.stringify(f.path)}: not a plain relative path`]);
    }
  }
  const info = await stat(target).catch(() => undefined);
  if (info && !info.isDirectory()) throw new MixinImportError([`${outDir}: exists and is not a directory`]);
  const existing = info ? await readdir(target) : [];
  if (existing.length > 0 && !force) {
    throw new MixinImportError([`${outDir}: already exists and is not empty (use --force to overwrite the imported files)`]);
  }
  if (dryRun) return;

  const parent = path.dirname(target);
  await mkdir(parent, { recursive: true });
  const staging = await mkdtemp(path.join(parent, `.${path.basename(target)}.import-`));
  try {
    for (const f of files) {
      const file = path.join(staging, ...f.path.split('/'));
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, f.contents);
    }
    if (existing.length === 0) {
      if (info) await rmdir(target);
      await rename(staging, target);
      return;
    }
    for (const f of files) {
      const file = path.join(target, ...f.path.split('/'));
      await mkdir(path.dirname(file), { recursive: true });
      await rename(path.join(staging, ...f.path.split('/')), file);
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
