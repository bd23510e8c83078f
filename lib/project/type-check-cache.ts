import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The type-check cache of a project: a `.tsbuildinfo` (TypeScript's own incremental state, so a
 * build after an edit re-checks only the edited files and what depends on them) and a manifest
 * recording the exact inputs of the last check that found no errors (so a build with no input
 * changed skips the check without even loading the compiler).
 *
 * The manifest only ever asserts "these exact inputs type-check cleanly": any difference
 * (a file's text, a directory listing, the set of entry files, the tsconfig found, the TypeScript
 * or grafts version) fails the comparison and the full (incremental) check runs. A stale manifest
 * is therefore never wrong, only useless, and a failing check does not have to delete it.
 *
 * @internal
 */

/** Bump when the manifest format or what it covers changes. */
const FORMAT = 1;

/** The files of one project's cache. @internal */
export interface TypeCheckCachePaths {
  dir: string;
  buildInfo: string;
  manifest: string;
}

/** What must be equal for a manifest to apply, besides the files it lists. @internal */
export interface TypeCheckCacheKey {
  /** Absolute project directory. */
  dir: string;
  /** Absolute entry file paths. */
  roots: readonly string[];
  /** The tsconfig.json in use (absolute), if any. */
  configFile: string | undefined;
  typescript: { libDir: string; version: string };
  grafts: { packageRoot: string; version: string; mode: string };
}

interface Manifest {
  format: number;
  key: string;
  /** [absolute path, hash of the text the compiler read]. */
  files: [string, string][];
  /** [absolute directory, hash of its sorted entry names]: a new file may change a resolution. */
  dirs: [string, string][];
}

/** A list of [path, hash] pairs, as the manifest writes them. */
function isPathHashList(value: unknown): value is [string, string][] {
  return (
    Array.isArray(value) && value.every((entry) => Array.isArray(entry) && entry.length === 2 && typeof entry[0] === 'string' && typeof entry[1] === 'string')
  );
}

/**
 * A manifest as {@link writeManifest} writes it. A damaged one (say `files: ""`, which iterates
 * as nothing) must not read as "nothing changed", and a written one always lists the entry files.
 */
function isManifest(value: unknown): value is Manifest {
  if (typeof value !== 'object' || value === null) return false;
  const { format, key, files, dirs } = value as Record<string, unknown>;
  return typeof format === 'number' && typeof key === 'string' && isPathHashList(files) && files.length > 0 && isPathHashList(dirs);
}

/** Where a project without `node_modules` keeps its type-check cache (see {@link typeCheckCachePaths}). */
export const PROJECT_CACHE_DIR = '.grafts/cache';

/**
 * Where the type-check cache of the project in `dir` lives: in `node_modules/.cache/grafts/` of
 * the nearest `node_modules` at or above `dir` (not above the nearest package.json): the folder
 * tools that follow the find-cache-dir convention share, already ignored by git with
 * `node_modules/`, and what CI caches with one `actions/cache` path. A project with no
 * `node_modules` keeps it in its own `.grafts/cache/`. Never in the OS temp folder, which CI
 * does not keep and other users can write to. Either way in a subdirectory keyed by a hash of
 * the project path (one `node_modules` may serve several projects). `GRAFTS_CACHE_DIR`, when
 * set, replaces the base folder.
 *
 * @example
 * typeCheckCachePaths('/repo/monitoring').dir // → '/repo/node_modules/.cache/grafts/typecheck-3f2a…'
 *
 * @internal
 */
export function typeCheckCachePaths(dir: string): TypeCheckCachePaths {
  const projectDir = path.resolve(dir);
  const name = `typecheck-${hash(projectDir).slice(0, 16)}`;
  let base: string | undefined = process.env['GRAFTS_CACHE_DIR'] || undefined;
  for (let d = projectDir; base === undefined;) {
    if (isDirectory(path.join(d, 'node_modules'))) {
      base = path.join(d, 'node_modules', '.cache', 'grafts');
      break;
    }
    if (isFile(path.join(d, 'package.json'))) break;
    const parent = path.dirname(d);
    if (parent === d) break;
    d = parent;
  }
  const cacheDir = path.join(base ?? path.join(projectDir, PROJECT_CACHE_DIR), name);
  return {
    dir: cacheDir,
    buildInfo: path.join(cacheDir, 'tsbuildinfo.json'),
    manifest: path.join(cacheDir, 'manifest.json'),
  };
}

/** Hash of the cache key (everything but the file contents). @internal */
export function cacheKey(key: TypeCheckCacheKey): string {
  return hash(JSON.stringify({ format: FORMAT, ...key, roots: [...key.roots].sort() }));
}

/**
 * True when the manifest in `paths` was written for `key` and every file and directory it
 * lists is unchanged. Any error (no manifest, unreadable file, foreign cache dir) is `false`.
 *
 * @internal
 */
export function isUpToDate(paths: TypeCheckCachePaths, key: string): boolean {
  try {
    if (!ownedByUs(paths.dir)) return false;
    const manifest: unknown = JSON.parse(readFileSync(paths.manifest, 'utf8'));
    if (!isManifest(manifest) || manifest.format !== FORMAT || manifest.key !== key) return false;
    for (const [file, expected] of manifest.files) {
      if (hash(readText(file)) !== expected) return false;
    }
    for (const [dir, expected] of manifest.dirs) {
      if (listingHash(dir) !== expected) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * Records that the inputs `files` (absolute path → the text the compiler read) type-check
 * cleanly under `key`. Also hashes the listings of the directories of the project's own files
 * and the package.json of every package a file was read from. Best effort: a cache that cannot
 * be written is simply not written.
 *
 * @internal
 */
export function writeManifest(paths: TypeCheckCachePaths, key: string, files: ReadonlyMap<string, string>): void {
  try {
    const entries = new Map<string, string>();
    const dirs = new Set<string>();
    for (const [file, text] of files) {
      entries.set(file, hash(text));
      const pkg = packageJsonOf(file);
      if (pkg === undefined) dirs.add(path.dirname(file));
      else if (!files.has(pkg) && !entries.has(pkg) && isFile(pkg)) entries.set(pkg, hash(readText(pkg)));
    }
    const manifest: Manifest = {
      format: FORMAT,
      key,
      files: [...entries],
      dirs: [...dirs].sort().map((d) => [d, listingHash(d)]),
    };
    ensureCacheDir(paths.dir);
    const tmp = `${paths.manifest}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(manifest));
    renameSync(tmp, paths.manifest);
  } catch {
    // no cache this time
  }
}

/** Creates the cache directory (and its parents); throws when it is not ours. @internal */
export function ensureCacheDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!ownedByUs(dir)) throw new Error(`${dir} belongs to another user`);
}

/** The text of a file as the TypeScript compiler reads it (UTF-8, without a BOM). */
function readText(file: string): string {
  const text = readFileSync(file, 'utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function listingHash(dir: string): string {
  return hash(readdirSync(dir).sort().join('\n'));
}

/** `.../node_modules/<pkg>/package.json` for a file inside a package, else undefined. */
function packageJsonOf(file: string): string | undefined {
  const parts = file.split(path.sep);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0 || at + 1 >= parts.length - 1) return undefined;
  const nameParts = parts[at + 1]!.startsWith('@') ? 2 : 1;
  return [...parts.slice(0, at + 1 + nameParts), 'package.json'].join(path.sep);
}

/** Where a temp directory could have been created by someone else first, refuse to trust it. */
function ownedByUs(dir: string): boolean {
  const uid = process.getuid?.();
  return uid === undefined || statSync(dir).uid === uid;
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
