import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, onTestFinished } from 'vitest';
import { OUT_DIR_MARKER, recoverOutDir, writeOutput } from '../../lib/project/write-output.js';
import { readTree } from '../cli/run-dash.js';

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'grafts-recover-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The pid of a process that has ended (what a killed build leaves in its directory names). */
function deadPid(): number {
  const pid = spawnSync(process.execPath, ['-e', '']).pid;
  if (pid === undefined) throw new Error('no pid');
  return pid;
}

const files = (tag: string) => [
  { path: `dashboards/${tag}.json`, contents: `{"uid":"${tag}"}\n` },
  { path: 'dashboards/shared.json', contents: `{"from":"${tag}"}\n` },
];

function writeTree(dir: string, tree: Record<string, string>): void {
  for (const [rel, contents] of Object.entries(tree)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), contents);
  }
}

/** A directory a killed `dash build` can leave beside `out/`. */
interface Leftover {
  kind: 'old' | 'new';
  /** A complete output (with the marker), or a partly written staging directory (old ones are always a whole previous out/). */
  complete: boolean;
  /** Name without a pid (older grafts versions). */
  legacy: boolean;
}

const leftoverArb: fc.Arbitrary<Leftover> = fc.record({ kind: fc.constantFrom('old' as const, 'new' as const), complete: fc.boolean(), legacy: fc.boolean() });

describe('writeOutput after a killed build', () => {
  it('starts from the old complete output and leaves nothing of killed runs (any mix of leftovers)', async () => {
    const pid = deadPid();
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(leftoverArb, { maxLength: 4 }), async (outExists, leftovers) => {
        // GIVEN what killed builds may leave: maybe no out/, old and staging directories
        const root = mkdtempSync(path.join(os.tmpdir(), 'grafts-recover-'));
        try {
          const outDir = path.join(root, 'out');
          const previous = { [OUT_DIR_MARKER]: 'x', 'dashboards/prev.json': '{}\n' };
          if (outExists) writeTree(outDir, previous);
          leftovers.forEach((l, i) => {
            const name = l.legacy ? `.out.grafts-${l.kind}-${i}abcdef` : `.out.grafts-${l.kind}-${pid}-${i}0abcdef`;
            writeTree(
              path.join(root, name),
              l.complete || l.kind === 'old' ? { [OUT_DIR_MARKER]: 'x', [`dashboards/left${i}.json`]: '{}\n' } : { [`dashboards/half${i}.json`]: '{' },
            );
          });

          // WHEN the next run recovers only
          await recoverOutDir(outDir);

          // THEN no leftover is beside out/, and out/ is the previous output, or the old one a
          // run killed between its renames moved away (a complete output, with the marker)
          expect(readdirSync(root).filter((n) => n !== 'out')).toEqual([]);
          const oldOnes = leftovers.filter((l) => l.kind === 'old');
          if (outExists) expect(readTree(outDir)).toEqual(previous);
          else if (oldOnes.length > 0) expect(existsSync(path.join(outDir, 'dashboards'))).toBe(true);
          else expect(existsSync(outDir)).toBe(false);

          // AND a full run then writes exactly the new output
          await writeOutput({ outDir, files: files('next') });
          expect(Object.keys(readTree(outDir)).sort()).toEqual([OUT_DIR_MARKER, 'dashboards/next.json', 'dashboards/shared.json']);
          expect(readdirSync(root)).toEqual(['out']);
        } finally {
          rmSync(root, { recursive: true, force: true });
        }
      }),
      { numRuns: 40 },
    );
  });

  it('puts back the output a run killed between its two renames moved away', async () => {
    // GIVEN out/ renamed to its old name, the complete new output not yet renamed in
    const root = tempDir();
    const outDir = path.join(root, 'out');
    await writeOutput({ outDir, files: files('before') });
    const before = readTree(outDir);
    const pid = deadPid();
    const { renameSync } = await import('node:fs');
    renameSync(outDir, path.join(root, `.out.grafts-old-${pid}-0badcafe`));
    writeTree(path.join(root, `.out.grafts-new-${pid}-1badcafe`), { 'dashboards/after.json': '{}\n' });

    // WHEN the next run starts
    await recoverOutDir(outDir);

    // THEN out/ is the old output byte for byte and nothing else is left
    expect(readTree(outDir)).toEqual(before);
    expect(readdirSync(root)).toEqual(['out']);
  });

  it('keeps the staging directories of a build that is still running', async () => {
    // GIVEN a staging directory named after a live process (this one's parent)
    const root = tempDir();
    const outDir = path.join(root, 'out');
    const live = path.join(root, `.out.grafts-new-${process.ppid}-0badcafe`);
    writeTree(live, { 'dashboards/a.json': '{}\n' });

    // WHEN another run recovers
    await recoverOutDir(outDir);

    // THEN the live run's directory is untouched
    expect(existsSync(path.join(live, 'dashboards/a.json'))).toBe(true);
  });
});

describe('writeOutput keeps the mode of the output directory', () => {
  it.each([0o755, 0o750, 0o775])('keeps mode %o of an existing out/', async (mode) => {
    // GIVEN an output directory with that mode
    const outDir = path.join(tempDir(), 'out');
    await writeOutput({ outDir, files: files('a') });
    chmodSync(outDir, mode);

    // WHEN it is replaced
    await writeOutput({ outDir, files: files('b') });

    // THEN the new directory has the same mode
    expect(statSync(outDir).mode & 0o7777).toBe(mode);
  });

  it('creates a new out/ with the default mode of the umask, not 0700', async () => {
    // GIVEN no output directory, and a directory made the usual way to compare with
    const root = tempDir();
    mkdirSync(path.join(root, 'reference'));
    const expected = statSync(path.join(root, 'reference')).mode & 0o7777;

    // WHEN output is written
    const outDir = path.join(root, 'out');
    await writeOutput({ outDir, files: files('a') });

    // THEN out/ has that mode
    expect(statSync(outDir).mode & 0o7777).toBe(expected);
    expect(expected).not.toBe(0o700);
  });
});
