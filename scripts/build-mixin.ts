// Builds a mixin package for publishing. Run from the package's directory (its package.json
// has `"scripts": { "build": "tsx ../../scripts/build-mixin.ts" }`):
//
//   dist/index.js    index.ts bundled by esbuild (ESM, node20): the package's own sources are
//                    inlined; `grafts` and every dependency/peerDependency stay imports
//   dist/**/*.d.ts   declarations from the TypeScript compiler, which also type-checks the
//                    package (errors fail the build)
//
// The package.json contract it checks: "grafts": { "mixin": "./dist/index.js", "source":
// "./index.ts" }, "main"/"exports" → ./dist/index.js, "types" → ./dist/index.d.ts, and "files"
// holding "dist". `grafts` resolves from the package's node_modules when installed there,
// else to this repository's build (dist/lib/index.d.ts; run `npm run build` at the root first).
//
// Usage: tsx scripts/build-mixin.ts [packageDir]   (default: the current directory)
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const REPO = fileURLToPath(new URL('..', import.meta.url));

interface PackageJson {
  name?: string;
  main?: string;
  types?: string;
  files?: string[];
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  grafts?: { mixin?: string; source?: string };
}

/** Builds the mixin package in `dir`; returns the files written (relative to `dir`). Throws on any problem. */
export async function buildMixinPackage(dir: string): Promise<string[]> {
  const pkgFile = path.join(dir, 'package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as PackageJson;
  const problems: string[] = [];
  const source = pkg.grafts?.source ?? './index.ts';
  const entry = pkg.grafts?.mixin;
  if (!entry) problems.push('package.json: "grafts.mixin" is missing (the built entry, "./dist/index.js")');
  if (entry && path.normalize(entry) !== path.normalize('./dist/index.js'))
    problems.push(`package.json: "grafts.mixin" must be "./dist/index.js", got "${entry}"`);
  if (pkg.types && path.normalize(pkg.types) !== path.normalize('./dist/index.d.ts'))
    problems.push(`package.json: "types" must be "./dist/index.d.ts", got "${pkg.types}"`);
  if (!pkg.files?.some((f) => f.replace(/^\.\//, '').replace(/\/$/, '') === 'dist')) problems.push('package.json: "files" must include "dist"');
  if (!existsSync(path.join(dir, source))) problems.push(`${source} not found (the TypeScript entry, "grafts.source")`);
  if (problems.length > 0) throw new Error(`cannot build ${pkg.name ?? dir}:\n  ${problems.join('\n  ')}`);

  const outDir = path.join(dir, 'dist');
  rmSync(outDir, { recursive: true, force: true });

  // 1. declarations (and the type check)
  const graftsTypes = resolveGraftsTypes(dir);
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2023.d.ts'],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: true,
    isolatedModules: true,
    verbatimModuleSyntax: true,
    declaration: true,
    emitDeclarationOnly: true,
    rootDir: dir,
    outDir,
    types: ['node'],
    typeRoots: [path.join(REPO, 'node_modules', '@types')],
    ...(graftsTypes !== undefined && { baseUrl: dir, paths: { grafts: [graftsTypes] } }),
  };
  const program = ts.createProgram([path.join(dir, source)], options);
  const emitted = program.emit(undefined, undefined, undefined, true);
  const diagnostics = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics].filter((d) => !d.file || !d.file.fileName.includes('/node_modules/'));
  if (diagnostics.length > 0) {
    const host: ts.FormatDiagnosticsHost = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => dir, getNewLine: () => '\n' };
    rmSync(outDir, { recursive: true, force: true });
    throw new Error(`type errors in ${pkg.name ?? dir}:\n${ts.formatDiagnostics(diagnostics, host)}`);
  }

  // 2. the bundle
  const esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
  const external = ['grafts', ...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})];
  await esbuild.build({
    absWorkingDir: dir,
    entryPoints: [source],
    outfile: path.join(outDir, 'index.js'),
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: [...new Set(external.flatMap((e) => [e, `${e}/*`]))],
    sourcemap: true,
    legalComments: 'none',
    logLevel: 'error',
  });

  const written = ts.sys
    .readDirectory(outDir, undefined, undefined, ['**/*'])
    .map((f) => path.relative(dir, f).split(path.sep).join('/'))
    .sort();
  for (const required of ['dist/index.js', 'dist/index.d.ts']) {
    if (!written.includes(required)) throw new Error(`${pkg.name ?? dir}: ${required} was not produced (is "grafts.source" ${source} at the package root?)`);
  }
  return written;
}

/** `grafts`' types: none to map when the package can resolve grafts itself, else this repository's build. */
function resolveGraftsTypes(dir: string): string | undefined {
  try {
    createRequire(path.join(dir, 'package.json')).resolve('grafts/package.json');
    return undefined;
  } catch {
    const built = path.join(REPO, 'dist', 'lib', 'index.d.ts');
    if (!existsSync(built))
      throw new Error(`grafts is not installed in ${dir} and ${built} does not exist: run \`npm run build\` at the repository root first`);
    return built;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = path.resolve(process.argv[2] ?? process.cwd());
  buildMixinPackage(dir).then(
    (files) => console.log(`built ${path.relative(process.cwd(), dir) || '.'}: ${files.join(', ')}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    },
  );
}
