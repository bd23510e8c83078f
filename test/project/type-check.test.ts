import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import fc from 'fast-check';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { formatSourceProblem } from '../../lib/project/errors.js';
import { typeCheckWithReport, type TypeCheckReport } from '../../lib/project/type-check.js';
import { typeCheckCachePaths } from '../../lib/project/type-check-cache.js';
import { writeFiles } from '../cli/run-dash.js';

const OK = `import { dashboard } from 'grafts';\nimport { title } from '../lib/names.ts';\nexport default dashboard(title);\n`;
const BROKEN = `import { dashboard } from 'grafts';\nconst port: number = '9090';\nexport default dashboard('Ports');\n`;

function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * A project of two dashboards and a helper (`files` adds or replaces files, `null` leaves one
 * out), with its type-check cache in `<tmp>/cache`.
 */
function project(files: Record<string, string | null> = {}): { dir: string; check: () => Promise<TypeCheckReport> } {
  const root = tempDir('grafts-tc-');
  const dir = path.join(root, 'project');
  const all: Record<string, string | null> = {
    'dashboards/a.dash.ts': OK,
    'dashboards/b.dash.ts': `import { dashboard } from 'grafts';\nexport default dashboard('B');\n`,
    'lib/names.ts': `export const title: string = 'A';\n`,
    ...files,
  };
  writeFiles(dir, Object.fromEntries(Object.entries(all).filter((e): e is [string, string] => e[1] !== null)));
  const entries = ['dashboards/a.dash.ts', 'dashboards/b.dash.ts'].map((f) => path.join(dir, f));
  return { dir, check: () => typeCheckWithReport({ dir, files: entries, cacheDir: path.join(root, 'cache') }) };
}

const lines = (report: TypeCheckReport) => report.problems.map(formatSourceProblem);

describe('typeCheck cache', () => {
  it('GIVEN a warm cache WHEN an entry file gains a type error THEN it is reported; WHEN fixed THEN the check passes', async () => {
    // GIVEN a clean project checked once (cold), then again with nothing changed (warm)
    const { dir, check } = project();
    expect(await check()).toEqual({ problems: [], cache: 'checked' });
    expect(await check()).toEqual({ problems: [], cache: 'up-to-date' });

    // WHEN a dashboard gains a type error
    writeFiles(dir, { 'dashboards/a.dash.ts': BROKEN });
    const broken = await check();

    // THEN it is reported with file:line:col and the TS code, and keeps being reported
    expect(broken.cache).toBe('checked');
    expect(lines(broken)).toEqual(["dashboards/a.dash.ts:2:7: TS2322 Type 'string' is not assignable to type 'number'."]);
    expect(lines(await check())).toEqual(lines(broken));

    // AND WHEN it is fixed, the check passes, then is up to date again
    writeFiles(dir, { 'dashboards/a.dash.ts': BROKEN.replace("'9090'", '9090') });
    expect(await check()).toEqual({ problems: [], cache: 'checked' });
    expect(await check()).toEqual({ problems: [], cache: 'up-to-date' });
  });

  it('GIVEN a warm cache WHEN an imported (non-entry) file changes its exports THEN its importers are re-checked', async () => {
    const { dir, check } = project();
    await check();
    expect((await check()).cache).toBe('up-to-date');

    writeFiles(dir, { 'lib/names.ts': `export const title: number = 1;\n` });

    expect(lines(await check())).toEqual(["dashboards/a.dash.ts:3:26: TS2345 Argument of type 'number' is not assignable to parameter of type 'string'."]);
  });

  it('GIVEN a warm cache WHEN a package declaration file changes (as a new grafts .d.ts would) THEN the cache is invalidated', async () => {
    const { dir, check } = project({
      'node_modules/fake/package.json': JSON.stringify({ name: 'fake', version: '1.0.0', types: 'index.d.ts' }),
      'node_modules/fake/index.d.ts': 'export declare const title: string;\n',
      'lib/names.ts': `export { title } from 'fake';\n`,
    });
    expect(await check()).toEqual({ problems: [], cache: 'checked' });
    expect((await check()).cache).toBe('up-to-date');

    writeFiles(dir, { 'node_modules/fake/index.d.ts': 'export declare const title: number;\n' });

    expect(lines(await check())).toEqual(["dashboards/a.dash.ts:3:26: TS2345 Argument of type 'number' is not assignable to parameter of type 'string'."]);
  });

  it('GIVEN a warm cache WHEN a tsconfig.json appears THEN its options apply', async () => {
    const { dir, check } = project({
      'dashboards/b.dash.ts': `import { dashboard } from 'grafts';\nconst unused = 1;\nexport default dashboard('B');\n`,
    });
    await check();
    expect((await check()).cache).toBe('up-to-date');

    writeFiles(dir, {
      'tsconfig.json': JSON.stringify({
        compilerOptions: { strict: true, noUnusedLocals: true, module: 'esnext', moduleResolution: 'bundler' },
      }),
    });

    expect(lines(await check())).toEqual(["dashboards/b.dash.ts:2:7: TS6133 'unused' is declared but its value is never read."]);
  });

  it('GIVEN a warm cache WHEN a new file next to an entry file changes what an import resolves to THEN it is re-checked', async () => {
    // `../lib/names` resolves to names.d.ts until a names.ts appears next to it
    const { dir, check } = project({
      'dashboards/a.dash.ts': `import { dashboard } from 'grafts';\nimport { title } from '../lib/names';\nexport default dashboard(title);\n`,
      'lib/names.ts': null,
      'lib/names.d.ts': 'export declare const title: string;\n',
    });
    expect(await check()).toEqual({ problems: [], cache: 'checked' });
    expect((await check()).cache).toBe('up-to-date');

    writeFiles(dir, { 'lib/names.ts': 'export const title = 42;\n' });

    expect((await check()).problems.map((p) => p.code)).toEqual(['TS2345']);
  });

  it('checks without a cache when cacheDir is false', async () => {
    const { dir } = project({ 'dashboards/a.dash.ts': BROKEN });
    const report = await typeCheckWithReport({ dir, files: [path.join(dir, 'dashboards/a.dash.ts')], cacheDir: false });
    expect(report.cache).toBe('uncached');
    expect(report.problems.map((p) => p.code)).toEqual(['TS2322']);
  });
});

describe('typeCheckCachePaths', () => {
  it('uses node_modules/.cache/grafts of the project when it has node_modules, else its own .grafts/cache, never the OS temp dir', () => {
    const withModules = tempDir('grafts-tc-nm-');
    mkdirSync(path.join(withModules, 'node_modules'));
    writeFiles(withModules, { 'package.json': '{}' });
    const nested = path.join(withModules, 'monitoring');
    mkdirSync(nested);
    const previous = process.env['GRAFTS_CACHE_DIR'];
    delete process.env['GRAFTS_CACHE_DIR'];
    onTestFinished(() => {
      if (previous !== undefined) process.env['GRAFTS_CACHE_DIR'] = previous;
    });

    expect(path.dirname(typeCheckCachePaths(nested).dir)).toBe(path.join(withModules, 'node_modules', '.cache', 'grafts'));
    // a package.json without node_modules (not installed yet), or no package at all
    const uninstalled = tempDir('grafts-tc-pkg-');
    writeFiles(uninstalled, { 'package.json': '{}' });
    const bare = tempDir('grafts-tc-bare-');
    for (const dir of [uninstalled, bare]) {
      expect(path.dirname(typeCheckCachePaths(dir).dir)).toBe(path.join(dir, '.grafts', 'cache'));
      expect(path.relative(os.tmpdir(), typeCheckCachePaths(dir).dir).split(path.sep)[0]).toBe(path.basename(dir));
    }
    // keyed by the project path
    expect(typeCheckCachePaths(bare).dir).not.toBe(typeCheckCachePaths(withModules).dir);
    expect(typeCheckCachePaths(nested).dir).not.toBe(typeCheckCachePaths(withModules).dir);
    // GRAFTS_CACHE_DIR replaces the base folder
    process.env['GRAFTS_CACHE_DIR'] = path.join(bare, 'ci-cache');
    expect(path.dirname(typeCheckCachePaths(nested).dir)).toBe(path.join(bare, 'ci-cache'));
  });
});

describe('typeCheck cache: corrupted files', () => {
  // Every way a cache file can be damaged: emptied, cut anywhere, replaced by other JSON or by bytes.
  const damage = (text: string): fc.Arbitrary<string> => {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    return fc.oneof(
      // the right shape with one field of the wrong shape (the compiler throws reading some)
      fc.constantFrom(...Object.keys(parsed)).chain((key) => fc.jsonValue().map((value) => JSON.stringify({ ...parsed, [key]: value }))),
      fc.constant(''),
      fc.nat({ max: Math.max(0, text.length - 1) }).map((n) => text.slice(0, n)),
      fc.json(),
      fc.string(),
      fc.nat({ max: Math.max(0, text.length - 1) }).map((n) => `${text.slice(0, n)}\u0000${text.slice(n + 1)}`),
    );
  };

  it('GIVEN a damaged tsbuildinfo or manifest WHEN checking THEN the check runs again and finds exactly what a fresh check finds, never crashing', async () => {
    // GIVEN a project checked once (so both cache files exist), with a type error to find
    const { dir, check } = project();
    const cacheDir = path.join(path.dirname(dir), 'cache');
    expect((await check()).cache).toBe('checked');
    const originals = Object.fromEntries(['tsbuildinfo.json', 'manifest.json'].map((f) => [f, readFileSync(path.join(cacheDir, f), 'utf8')]));
    writeFiles(dir, { 'dashboards/b.dash.ts': BROKEN });
    const fresh = lines(
      await typeCheckWithReport({ dir, files: ['dashboards/a.dash.ts', 'dashboards/b.dash.ts'].map((f) => path.join(dir, f)), cacheDir: false }),
    );
    expect(fresh).toEqual(["dashboards/b.dash.ts:2:7: TS2322 Type 'string' is not assignable to type 'number'."]);

    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('tsbuildinfo.json', 'manifest.json').chain((file) => damage(originals[file]!).map((text) => [file, text] as const)),
        async ([file, text]) => {
          // WHEN one cache file is damaged (the other left as the last clean check wrote it)
          writeFiles(cacheDir, { ...originals, [file]: text });
          const report = await check();
          // THEN the type error is found all the same, by a real check
          expect(report.cache).toBe('checked');
          expect(lines(report)).toEqual(fresh);
        },
      ),
      {
        numRuns: 12,
        // The shapes that made TypeScript 5.9 throw while reading its state back.
        examples: [
          [['tsbuildinfo.json', JSON.stringify({ ...JSON.parse(originals['tsbuildinfo.json']!), fileInfos: 'x' })]],
          [['tsbuildinfo.json', JSON.stringify({ ...JSON.parse(originals['tsbuildinfo.json']!), fileNames: 5 })]],
          // A manifest whose lists iterate as nothing once read as "nothing changed" (found in CI).
          [['manifest.json', JSON.stringify({ ...JSON.parse(originals['manifest.json']!), files: '' })]],
          [['manifest.json', JSON.stringify({ ...JSON.parse(originals['manifest.json']!), files: [] })]],
        ],
      },
    );
  }, 300_000);
});
