import { randomBytes } from 'node:crypto';
import { rename, unlink, writeFile } from 'node:fs/promises';

/**
 * `<name>.<pid>.<8 hex>.tmp`: what {@link writeAtomic} writes before its rename. A run killed in
 * between leaves one; its pid tells whether its writer still runs.
 */
export const ATOMIC_TEMP_FILE = /\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/**
 * Writes `text` to `file` so a reader sees the old content or the new, never a partial file: a
 * temporary file beside it (named per {@link ATOMIC_TEMP_FILE}) renamed over it. On failure the
 * temporary file is removed and the error rethrown.
 *
 * @example
 * await writeAtomic('out/grafts.yaml', yamlText);
 */
export async function writeAtomic(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, text, 'utf8');
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}
