/**
 * File-system errors (`ENOTDIR`, `EACCES`, `ENOSPC`, …) are the user's environment, not bugs:
 * the CLI prints them with the path and a hint instead of "internal error (this is a bug)".
 */

/** What each code means and what to do about it. */
const HINTS: Readonly<Record<string, { reason: string; hint: string }>> = {
  ENOTDIR: {
    reason: 'a part of the path is a file, not a directory',
    hint: 'check the path: a file stands where a directory is expected (remove or rename it, or choose another path)',
  },
  EISDIR: { reason: 'it is a directory, a file was expected', hint: 'give the path of a file, or remove the directory that stands in its place' },
  EACCES: {
    reason: 'permission denied',
    hint: 'check the owner and permissions of the path and its parent directories (ls -ld), or choose a path this user may write',
  },
  EPERM: { reason: 'operation not permitted', hint: 'check the owner and permissions of the path, and whether another program (antivirus, editor) holds it' },
  ENOSPC: { reason: 'no space left on the device', hint: 'free disk space (df -h) or choose an output directory on another file system' },
  EDQUOT: { reason: 'disk quota exceeded', hint: 'free space within your quota or choose another output directory' },
  EROFS: { reason: 'read-only file system', hint: 'choose a path on a writable file system (containers often mount sources read-only)' },
  ENOENT: { reason: 'no such file or directory', hint: 'check that the path exists (it is relative to the current directory or the project)' },
  EEXIST: { reason: 'already exists', hint: 'a file or directory is in the way: remove it or choose another path' },
  ENAMETOOLONG: { reason: 'the file name is too long', hint: 'use a shorter path (or shorter uids and folder titles)' },
  ELOOP: { reason: 'too many levels of symbolic links', hint: 'a symbolic link points back at itself: fix or remove it' },
  EMFILE: { reason: 'too many open files', hint: 'raise the limit of open files (ulimit -n) or lower --concurrency' },
  ENFILE: { reason: 'too many open files in the system', hint: 'close other programs or raise the system limit of open files' },
  EBUSY: { reason: 'the resource is busy', hint: 'another process holds the path: close it and run again' },
  EXDEV: { reason: 'the rename crosses file systems', hint: 'keep the output directory on the same file system as its parent' },
  ENOTEMPTY: { reason: 'the directory is not empty', hint: 'remove what is in the way, or choose another path' },
  EIO: { reason: 'input/output error', hint: 'the disk or network file system failed: check it and run again' },
};

/** A Node.js system error of the file system, with the path it is about. */
interface FileSystemError extends Error {
  code: string;
  syscall?: string;
  path?: string;
  dest?: string;
}

/** The first file-system error in `error` or its chain of causes (`error.cause`), if any. */
export function findFileSystemError(error: unknown): FileSystemError | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    const code = (e as Partial<FileSystemError>).code;
    if (typeof code === 'string' && code in HINTS && typeof (e as Partial<FileSystemError>).syscall === 'string') return e as FileSystemError;
  }
  return undefined;
}

/**
 * The user-facing text of a file-system error: what failed on which path, and a hint; undefined
 * when `error` is not one.
 *
 * @example
 * formatFileSystemError(Object.assign(new Error('ENOTDIR: not a directory, scandir \'/p/x\''), { code: 'ENOTDIR', syscall: 'scandir', path: '/p/x' }));
 * // → "error: cannot scandir /p/x: a part of the path is a file, not a directory (ENOTDIR)\n  hint: check the path: …\n"
 */
export function formatFileSystemError(error: unknown): string | undefined {
  const found = findFileSystemError(error);
  if (!found) return undefined;
  const { reason, hint } = HINTS[found.code]!;
  const where = found.path === undefined ? '' : ` ${found.path}${found.dest !== undefined ? ` → ${found.dest}` : ''}`;
  return `error: cannot ${found.syscall}${where}: ${reason} (${found.code})\n  hint: ${hint}\n`;
}
