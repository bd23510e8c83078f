import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OutputError } from '../../lib/project/errors.js';
import { OUT_DIR_MARKER, openOutput } from '../../lib/project/write-output.js';
import { readTree } from '../cli/run-dash.js';

// Paths from a small alphabet, so that duplicates and case clashes are frequent; a few unsafe ones.
const segment = fc.constantFrom('a', 'A', 'b', 'x.json', 'X.json', 'dashboards', '..', '.', '');
const filePath = fc.oneof(
  { weight: 5, arbitrary: fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => s.join('/')) },
  { weight: 1, arbitrary: fc.constantFrom('/abs.json', 'back\\slash.json', OUT_DIR_MARKER, 'nul\0.json') },
);
const file = fc.record({ path: filePath, contents: fc.string({ maxLength: 20 }) });

/** Whether `openOutput().write` must accept `p` after `earlier` (the rules of writeOutput's path check). */
function acceptable(p: string, earlier: readonly string[]): boolean {
  const segments = p.split('/');
  if (p.startsWith('/') || p.includes('\\') || p.includes('\0') || p === OUT_DIR_MARKER) return false;
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return false;
  if (earlier.some((e) => e.toLowerCase() === p.toLowerCase())) return false;
  // A file where a folder is needed, or a folder where a file goes, fails on the file system.
  return !earlier.some((e) => e.startsWith(`${p}/`) || p.startsWith(`${e}/`));
}

describe('openOutput (write file by file, then commit or discard)', () => {
  it('commits exactly the files written, and a discard or failure leaves the old output and no trace', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(file, { maxLength: 8 }),
        fc.boolean(),
        fc.constantFrom('existing', 'missing', 'nested-missing'),
        async (files, commit, start) => {
          const root = mkdtempSync(path.join(os.tmpdir(), 'grafts-open-output-'));
          try {
            // GIVEN an output folder that holds a previous build, or none (maybe not even its parent)
            const outDir = start === 'nested-missing' ? path.join(root, 'build', 'deep', 'out') : path.join(root, 'out');
            if (start === 'existing') {
              mkdirSync(path.join(outDir, 'dashboards'), { recursive: true });
              writeFileSync(path.join(outDir, OUT_DIR_MARKER), '');
              writeFileSync(path.join(outDir, 'dashboards', 'old.json'), 'old');
            }
            const before = existsSync(outDir) ? readTree(outDir) : undefined;
            const rootBefore = readdirSync(root).sort();

            // WHEN files are written one by one until one is refused, then committed or discarded
            const output = await openOutput({ outDir, protect: [path.join(root, 'project')] });
            const written: { path: string; contents: string }[] = [];
            let failed = false;
            for (const f of files) {
              const ok = acceptable(
                f.path,
                written.map((w) => w.path),
              );
              if (!ok) {
                // THEN a refused file is an OutputError, and the build gives up
                expect(() => output.write(f)).toThrow(OutputError);
                failed = true;
                break;
              }
              output.write(f);
              written.push(f);
            }
            if (commit && !failed) await output.commit();
            else await output.discard();

            if (commit && !failed) {
              // THEN the output is exactly the written files and the marker
              const expected = Object.fromEntries([...written.map((w) => [w.path, w.contents]), [OUT_DIR_MARKER, expect.any(String)]]);
              expect(readTree(outDir)).toEqual(expected);
            } else {
              // THEN the previous output (or its absence) is untouched, and no folder was left behind
              expect(existsSync(outDir) ? readTree(outDir) : undefined).toEqual(before);
              expect(readdirSync(root).sort()).toEqual(rootBefore);
            }
            // AND no staging folder is left beside it
            const beside = existsSync(path.dirname(outDir)) ? readdirSync(path.dirname(outDir)) : [];
            expect(beside.filter((n) => n.includes('.grafts-'))).toEqual([]);
          } finally {
            rmSync(root, { recursive: true, force: true });
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses a folder that holds the project before anything is written', async () => {
    // GIVEN an output folder that is the project's parent
    const root = mkdtempSync(path.join(os.tmpdir(), 'grafts-open-output-'));
    try {
      // WHEN it is opened / THEN it is refused, and nothing was created
      await expect(openOutput({ outDir: root, protect: [path.join(root, 'project')] })).rejects.toThrow(/contains the project/);
      expect(readdirSync(root)).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
