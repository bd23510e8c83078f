import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { OutputError } from '../../lib/project/errors.js';
import { OUT_DIR_MARKER, writeOutput } from '../../lib/project/write-output.js';
import { readTree } from '../cli/run-dash.js';

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'grafts-write-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const dashboards = (...names: string[]) => names.map((n) => ({ path: `dashboards/${n}.json`, contents: `{"uid":"${n}"}\n` }));

describe('writeOutput', () => {
  it('creates the output directory with the files and the marker', async () => {
    // GIVEN no output directory yet
    const root = tempDir();
    const outDir = path.join(root, 'build', 'out');

    // WHEN output is written
    await writeOutput({ outDir, files: dashboards('a', 'b') });

    // THEN exactly the files and the marker exist, and no temp dir is left beside it
    const tree = readTree(outDir);
    expect(Object.keys(tree).sort()).toEqual([OUT_DIR_MARKER, 'dashboards/a.json', 'dashboards/b.json']);
    expect(tree['dashboards/a.json']).toBe('{"uid":"a"}\n');
    expect(readdirSync(path.join(root, 'build'))).toEqual(['out']);
  });

  it('replaces a previous output as a whole', async () => {
    // GIVEN a previous build with a dashboard that no longer exists
    const outDir = path.join(tempDir(), 'out');
    await writeOutput({ outDir, files: dashboards('old', 'kept') });

    // WHEN a new build is written
    await writeOutput({ outDir, files: dashboards('kept', 'new') });

    // THEN stale files are gone
    expect(Object.keys(readTree(outDir)).sort()).toEqual([OUT_DIR_MARKER, 'dashboards/kept.json', 'dashboards/new.json']);
  });

  it('changes nothing when writing fails half-way', async () => {
    // GIVEN a previous output
    const root = tempDir();
    const outDir = path.join(root, 'out');
    await writeOutput({ outDir, files: dashboards('a', 'b') });
    const before = readTree(outDir);

    // WHEN the second file cannot be written (its directory would be the first file)
    const clash = [
      { path: 'dashboards/x.json', contents: '{}\n' },
      { path: 'dashboards/x.json/y.json', contents: '{}\n' },
    ];
    const attempt = writeOutput({ outDir, files: clash });

    // THEN it fails, the previous output is byte-identical and no temp dir is left
    await expect(attempt).rejects.toBeInstanceOf(OutputError);
    await expect(attempt).rejects.toThrow(/could not write output to .*out/);
    expect(readTree(outDir)).toEqual(before);
    expect(readdirSync(root)).toEqual(['out']);
  });

  it('rejects bad or clashing file paths before touching anything', async () => {
    // GIVEN a previous output
    const root = tempDir();
    const outDir = path.join(root, 'out');
    await writeOutput({ outDir, files: dashboards('a') });
    const before = readTree(outDir);

    // WHEN paths escape, repeat, or differ only in case, THEN each is refused and nothing changes
    for (const files of [
      [{ path: '../escape.json', contents: '' }],
      [{ path: '/abs.json', contents: '' }],
      [{ path: OUT_DIR_MARKER, contents: '' }],
      [...dashboards('a'), ...dashboards('a')],
      [...dashboards('api'), ...dashboards('API')],
    ]) {
      await expect(writeOutput({ outDir, files })).rejects.toBeInstanceOf(OutputError);
    }
    expect(readTree(outDir)).toEqual(before);
    expect(readdirSync(root)).toEqual(['out']);
  });

  it('refuses a non-empty directory without the marker, and accepts an empty one', async () => {
    // GIVEN a directory holding someone else's file
    const root = tempDir();
    const foreign = path.join(root, 'foreign');
    mkdirSync(foreign);
    writeFileSync(path.join(foreign, 'notes.txt'), 'mine\n');

    // WHEN output is written there, THEN it is refused and the file survives
    await expect(writeOutput({ outDir: foreign, files: dashboards('a') })).rejects.toThrow(
      new RegExp(`refusing to replace ${foreign}: it is not empty and has no \\${OUT_DIR_MARKER} marker`),
    );
    expect(readTree(foreign)).toEqual({ 'notes.txt': 'mine\n' });

    // AND an empty directory is fine
    const empty = path.join(root, 'empty');
    mkdirSync(empty);
    await writeOutput({ outDir: empty, files: dashboards('a') });
    expect(Object.keys(readTree(empty)).sort()).toEqual([OUT_DIR_MARKER, 'dashboards/a.json']);
  });

  it('refuses a file in place of the directory, and an output directory containing the project', async () => {
    // GIVEN a plain file where the output should go
    const root = tempDir();
    writeFileSync(path.join(root, 'out'), 'x');

    // WHEN written, THEN refused
    await expect(writeOutput({ outDir: path.join(root, 'out'), files: [] })).rejects.toThrow(/is not a directory/);

    // AND the project directory (or a parent of it) is never an output directory
    await expect(writeOutput({ outDir: root, files: [], protect: [path.join(root, 'project')] })).rejects.toThrow(/contains the project/);
  });
});
