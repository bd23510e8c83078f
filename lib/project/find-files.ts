import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** Options of {@link findFiles}. */
export interface FindFilesOptions {
  /** Directory the patterns are relative to. */
  dir: string;
  /** Globs; a pattern starting with `!` excludes the files it matches. */
  patterns: readonly string[];
  /** Absolute directories never entered (the output directory, typically). */
  ignoreDirs?: readonly string[];
}

const GLOB_CHARS = /[*?[\]{}]/;

/**
 * Lists the files under `dir` matching `patterns`, as sorted paths relative to `dir` with forward
 * slashes. `node_modules` and directories whose name starts with a dot are never entered;
 * symbolic links to directories are not followed (no cycles).
 *
 * Node 20 has no `fs.glob`, and a dependency is not worth it for this: patterns are compiled to
 * regular expressions and matched during one walk that starts at the patterns' common static
 * prefix.
 *
 * @example
 * await findFiles({ dir: '/p', patterns: ['**\/*.dash.ts', '!drafts/**'] })
 * // ['dashboards/api.dash.ts', 'dashboards/db.dash.ts']
 */
export async function findFiles(options: FindFilesOptions): Promise<string[]> {
  const dir = path.resolve(options.dir);
  const include: RegExp[] = [];
  const exclude: RegExp[] = [];
  const roots: string[] = [];
  for (const raw of options.patterns) {
    const negated = raw.startsWith('!');
    const pattern = normalizePattern(negated ? raw.slice(1) : raw);
    if (pattern === '') continue;
    if (negated) {
      exclude.push(globToRegExp(pattern));
    } else {
      include.push(globToRegExp(pattern));
      roots.push(staticPrefix(pattern));
    }
  }
  const ignored = new Set((options.ignoreDirs ?? []).map((d) => path.resolve(d)));
  const found = new Set<string>();
  for (const root of minimalRoots(roots)) {
    for (const file of await walk(dir, root, ignored)) {
      if (include.some((re) => re.test(file)) && !exclude.some((re) => re.test(file))) {
        found.add(file);
      }
    }
  }
  return [...found].sort(compareCodeUnits);
}

/** Plain code-unit order: the same on every machine and locale. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function normalizePattern(pattern: string): string {
  let p = pattern.replace(/\\/g, '/');
  while (p.startsWith('./')) p = p.slice(2);
  return p;
}

/** The leading directory segments without glob characters: where the walk can start. */
function staticPrefix(pattern: string): string {
  const segments = pattern.split('/');
  const fixed: string[] = [];
  for (const segment of segments.slice(0, -1)) {
    if (GLOB_CHARS.test(segment)) break;
    fixed.push(segment);
  }
  return fixed.join('/');
}

/** Drops roots contained in other roots so that no directory is walked twice. */
function minimalRoots(roots: string[]): string[] {
  const sorted = [...new Set(roots)].sort((a, b) => a.length - b.length);
  const kept: string[] = [];
  for (const root of sorted) {
    if (!kept.some((k) => k === '' || root === k || root.startsWith(`${k}/`))) kept.push(root);
  }
  return kept;
}

async function walk(base: string, root: string, ignored: Set<string>): Promise<string[]> {
  const files: string[] = [];
  const visit = async (relDir: string): Promise<void> => {
    const absDir = relDir ? path.join(base, relDir) : base;
    let entries;
    try {
      entries = await readdir(absDir, { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return;
      throw error;
    }
    for (const entry of entries) {
      const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
        if (ignored.has(path.join(base, rel))) continue;
        await visit(rel);
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        files.push(rel);
      }
    }
  };
  await visit(root);
  return files;
}

/**
 * Compiles a glob to an anchored regular expression over `/`-separated relative paths.
 * `**` spans directories, `*` and `?` stay within one segment, `[...]` and `{a,b}` as in a shell.
 */
export function globToRegExp(pattern: string): RegExp {
  return new RegExp(`^${translate(normalizePattern(pattern))}$`);
}

function translate(glob: string): string {
  let out = '';
  let i = 0;
  while (i < glob.length) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const atSegmentStart = i === 0 || glob[i - 1] === '/';
        const next = glob[i + 2];
        if (atSegmentStart && next === '/') {
          out += '(?:[^/]*/)*'; // "**/": zero or more directories
          i += 3;
          continue;
        }
        if (atSegmentStart && next === undefined) {
          out += '.*';
          i += 2;
          continue;
        }
      }
      out += '[^/]*';
      i += 1;
    } else if (c === '?') {
      out += '[^/]';
      i += 1;
    } else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end === -1) {
        out += '\\[';
        i += 1;
        continue;
      }
      let body = glob.slice(i + 1, end);
      if (body.startsWith('!')) body = `^${body.slice(1)}`;
      out += `[${body.replace(/\\/g, '\\\\')}]`;
      i = end + 1;
    } else if (c === '{') {
      const end = matchingBrace(glob, i);
      if (end === -1) {
        out += '\\{';
        i += 1;
        continue;
      }
      const alternatives = splitTopLevel(glob.slice(i + 1, end));
      out += `(?:${alternatives.map(translate).join('|')})`;
      i = end + 1;
    } else {
      out += c.replace(/[.+^$()|\\/]/g, '\\$&');
      i += 1;
    }
  }
  return out;
}

function matchingBrace(glob: string, start: number): number {
  let depth = 0;
  for (let i = start; i < glob.length; i++) {
    if (glob[i] === '{') depth++;
    else if (glob[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of body) {
    if (c === ',' && depth === 0) {
      parts.push(current);
      current = '';
      continue;
    }
    if (c === '{') depth++;
    if (c === '}') depth--;
    current += c;
  }
  parts.push(current);
  return parts;
}
