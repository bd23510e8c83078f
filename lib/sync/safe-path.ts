import { createHash } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { GraftsError } from '../errors/grafts-error.js';

/** A path built from names a server chose would leave the directory it must stay in. */
export class SyncPathError extends GraftsError {}

const CLEAN_SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}$/;

/**
 * A name from a server (folder uid or title, dashboard uid) as one path segment that cannot
 * climb out of its directory: clean names (letters, digits, `.`, `_`, `-`, not starting with
 * `.`, at most 100 characters) are kept as they are; any other name gets its unsafe characters
 * replaced by `_` and `~` plus 8 hex digits of its SHA-256 appended. Clean names never contain
 * `~`, so the mapping stays one-to-one: two names never share a segment.
 *
 * @example
 * safePathSegment('checkout')  // → 'checkout'
 * safePathSegment('../../x')   // → '_.._x~3f…' (one segment, no separator, no leading dot)
 */
export function safePathSegment(name: string): string {
  if (CLEAN_SEGMENT.test(name)) return name;
  const readable = name
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .replace(/^\./, '_')
    .slice(0, 60);
  return `${readable}~${createHash('sha256').update(name).digest('hex').slice(0, 8)}`;
}

/**
 * `root` joined with `segments`, refusing any result that is not strictly inside `root`
 * (segments are expected to come from {@link safePathSegment}; this is the second line).
 *
 * @throws {SyncPathError} the path would be `root` itself or outside it.
 */
export function pathInside(root: string, segments: readonly string[]): string {
  const base = path.resolve(root);
  const full = path.resolve(base, ...segments);
  const rel = path.relative(base, full);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new SyncPathError(`refusing to write ${JSON.stringify(segments.join('/'))}: it resolves outside ${base}`);
  }
  return full;
}

/**
 * Checks, before anything is created, that writing `dir` (a file or directory) stays inside `root` once
 * symbolic links are followed: the deepest part of `dir` that already exists must resolve
 * inside `root` (a link inside the output directory could otherwise point anywhere).
 *
 * @throws {SyncPathError} an existing part of `dir` resolves outside `root`.
 */
export async function assertRealPathInside(root: string, dir: string): Promise<void> {
  const realRoot = await realpath(root).catch(() => undefined);
  if (realRoot === undefined) return; // nothing under a missing root exists yet
  let existing = path.resolve(dir);
  let real: string | undefined;
  for (;;) {
    real = await realpath(existing).catch(() => undefined);
    if (real !== undefined || existing === path.dirname(existing)) break;
    existing = path.dirname(existing);
  }
  const rel = real === undefined ? '..' : path.relative(realRoot, real);
  if (rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new SyncPathError(`refusing to write into ${dir}: ${existing} resolves to ${real ?? 'nothing'}, outside ${realRoot}`);
  }
}
