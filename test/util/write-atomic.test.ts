// writeAtomic is the one atomic write of the file and Kubernetes targets: the file holds exactly
// the text written, no temporary file is left behind, and a failed rename leaves nothing either.
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ATOMIC_TEMP_FILE, writeAtomic } from '../../lib/util/write-atomic.js';

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

async function scratch(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'grafts-write-atomic-'));
  roots.push(root);
  return root;
}

describe('writeAtomic', () => {
  it('GIVEN any text, written over any earlier text WHEN written THEN the file holds it and no temp file is left', async () => {
    const dir = await scratch();
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.string(), async (before, after) => {
        const file = path.join(dir, 'out.yaml');
        await writeAtomic(file, before);
        await writeAtomic(file, after);
        expect(await readFile(file, 'utf8')).toBe(after);
        expect(await readdir(dir)).toEqual(['out.yaml']);
      }),
      { numRuns: 30 },
    );
  });

  it('GIVEN the target is a directory WHEN the rename fails THEN the error is thrown and no temp file is left', async () => {
    const dir = await scratch();
    await mkdir(path.join(dir, 'taken'));
    await expect(writeAtomic(path.join(dir, 'taken'), 'x')).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['taken']);
  });

  it('GIVEN the temp name pattern THEN it names a pid and 8 hex digits, and nothing else matches', () => {
    expect(ATOMIC_TEMP_FILE.exec('a.json.123.0a1b2c3d.tmp')?.[1]).toBe('123');
    expect(['a.json', 'a.123.tmp', 'a.json.12.0a1b2c3.tmp', 'a.json.12.0A1B2C3D.tmp'].some((name) => ATOMIC_TEMP_FILE.test(name))).toBe(false);
  });
});
