import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFilesAtomically } from '../../../lib/import/dashboard/write-files-atomically.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'grafts-import-write-'));
  dirs.push(dir);
  return dir;
}

describe('writeFilesAtomically', () => {
  it('GIVEN a file that cannot be written WHEN writing several THEN none is left behind, and a replaced file keeps its old contents', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'old.dash.ts'), 'old');
    writeFileSync(path.join(dir, 'blocker'), 'a file where a folder is needed');
    const files = [
      { path: path.join(dir, 'old.dash.ts'), contents: 'new' },
      { path: path.join(dir, 'sub', 'a.dash.ts'), contents: 'a' },
      { path: path.join(dir, 'blocker', 'b.dash.ts'), contents: 'b' },
    ];
    await expect(writeFilesAtomically(files, { overwrite: true })).rejects.toThrow();
    expect(readdirSync(dir).sort()).toEqual(['blocker', 'old.dash.ts']);
    expect(readFileSync(path.join(dir, 'old.dash.ts'), 'utf8')).toBe('old');
  });

  it('GIVEN writable targets WHEN writing THEN all files are there and no temp file remains', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'x.dash.ts'), 'old');
    await writeFilesAtomically(
      [
        { path: path.join(dir, 'x.dash.ts'), contents: 'x' },
        { path: path.join(dir, 'deep', 'er', 'y.dash.ts'), contents: 'y' },
      ],
      { overwrite: true },
    );
    expect(readdirSync(dir).sort()).toEqual(['deep', 'x.dash.ts']);
    expect(readFileSync(path.join(dir, 'x.dash.ts'), 'utf8')).toBe('x');
    expect(readdirSync(path.join(dir, 'deep', 'er'))).toEqual(['y.dash.ts']);
  });

  it('GIVEN an existing file and no overwrite WHEN writing THEN it refuses and leaves the file alone', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'x.dash.ts'), 'old');
    await expect(writeFilesAtomically([{ path: path.join(dir, 'x.dash.ts'), contents: 'x' }], { overwrite: false })).rejects.toThrow(/exists/);
    expect(readdirSync(dir)).toEqual(['x.dash.ts']);
    expect(readFileSync(path.join(dir, 'x.dash.ts'), 'utf8')).toBe('old');
  });
});
