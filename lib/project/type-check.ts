import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type ts from 'typescript';
import type { SourceProblem } from './errors.js';
import { graftsLocation } from './grafts-location.js';
import { cacheKey, ensureCacheDir, isUpToDate, typeCheckCachePaths, writeManifest, type TypeCheckCachePaths } from './type-check-cache.js';

/** Options of {@link typeCheck}. */
export interface TypeCheckOptions {
  /** The project directory; problems are reported relative to it. */
  dir: string;
  /** Absolute paths of the entry files (dashboards and config). */
  files: readonly string[];
  /** The tsconfig to use (absolute) instead of the nearest `tsconfig.json` above `dir`. */
  tsconfig?: string;
  /**
   * Where to keep the incremental cache, or `false` for none.
   * @default typeCheckCachePaths(dir).dir (node_modules/.cache/grafts/… of the project, else its .grafts/cache/…)
   */
  cacheDir?: string | false;
}

/** What {@link typeCheckWithReport} did. */
export interface TypeCheckReport {
  problems: SourceProblem[];
  /**
   * `up-to-date`: nothing changed since a clean check, the compiler was not even loaded;
   * `checked`: the compiler ran (re-checking only what changed when a `.tsbuildinfo` existed);
   * `uncached`: the compiler ran without a cache (`cacheDir: false`).
   */
  cache: 'up-to-date' | 'checked' | 'uncached';
}

/**
 * Type-checks the user's entry files (and whatever they import from the project) with the
 * TypeScript compiler API and returns every error, as `file:line:col: TS1234 message` problems.
 *
 * One `Program` for all files, `noEmit`, `skipLibCheck`. The `tsconfig` given, else the nearest
 * `tsconfig.json`, is used when there is one (its `rootDir` ignored: dashboards often live
 * outside a repository's `src/`); otherwise strict defaults with `moduleResolution: "bundler"`, `lib: ["es2023"]` and
 * no automatic `@types` (a tsconfig can ask for DOM or Node globals). Either way `grafts` is mapped
 * (with `paths`) to the type declarations of the running grafts, which is what the bundler links
 * at run time too.
 *
 * Cached (see `type-check-cache.ts`): when no input changed since the last clean check, nothing
 * is checked; otherwise TypeScript's incremental builder re-checks the changed files and their
 * dependents only.
 */
export async function typeCheck(options: TypeCheckOptions): Promise<SourceProblem[]> {
  return (await typeCheckWithReport(options)).problems;
}

/** {@link typeCheck}, also telling whether the cache was used. */
export async function typeCheckWithReport(options: TypeCheckOptions): Promise<TypeCheckReport> {
  const dir = path.resolve(options.dir);
  const rootNames = options.files.map((f) => path.resolve(f));
  const require = createRequire(import.meta.url);
  const grafts = graftsLocation();

  let cache: { paths: TypeCheckCachePaths; key: string } | undefined;
  if (options.cacheDir !== false) {
    const paths =
      options.cacheDir === undefined
        ? typeCheckCachePaths(dir)
        : {
            dir: path.resolve(options.cacheDir),
            buildInfo: path.resolve(options.cacheDir, 'tsbuildinfo.json'),
            manifest: path.resolve(options.cacheDir, 'manifest.json'),
          };
    const tsLibDir = path.dirname(require.resolve('typescript'));
    const key = cacheKey({
      dir,
      roots: rootNames,
      configFile: options.tsconfig ?? findTsconfig(dir),
      typescript: { libDir: tsLibDir, version: packageVersion(path.join(tsLibDir, '..')) },
      grafts: { packageRoot: grafts.packageRoot, version: packageVersion(grafts.packageRoot), mode: grafts.mode },
    });
    if (isUpToDate(paths, key)) return { problems: [], cache: 'up-to-date' };
    cache = { paths, key };
  }

  // require(), not import(): importing CommonJS from ESM runs Node's export lexer over the 9 MB
  // typescript.js first, which costs ~450 ms; require() skips it.
  const ts = require('typescript') as typeof import('typescript');
  const problems: SourceProblem[] = [];
  const { compilerOptions, configProblems, configTexts } = compilerOptionsFor(ts, dir, options.tsconfig);
  problems.push(...configProblems);

  let programOptions = compilerOptions;
  if (cache) {
    try {
      ensureCacheDir(cache.paths.dir);
      programOptions = { ...compilerOptions, incremental: true, tsBuildInfoFile: cache.paths.buildInfo };
    } catch {
      cache = undefined;
    }
  }
  const run = (): TypeCheckReport => checkProgram(ts, { dir, rootNames, programOptions, cache, configTexts, problems: [...problems] });
  if (!cache) return run();
  try {
    return run();
  } catch {
    // A damaged .tsbuildinfo (cut short, edited, written by a broken run) can make the compiler
    // throw while it reads its state back: drop it and check from scratch.
    rmSync(cache.paths.buildInfo, { force: true });
    return run();
  }
}

/** What {@link checkProgram} needs besides the compiler. */
interface ProgramToCheck {
  dir: string;
  rootNames: string[];
  programOptions: ts.CompilerOptions;
  cache: { paths: TypeCheckCachePaths; key: string } | undefined;
  configTexts: ReadonlyMap<string, string>;
  /** Problems found so far (the tsconfig's). */
  problems: SourceProblem[];
}

/** Creates the (incremental) program, collects the errors of the user's files, updates the cache. */
function checkProgram(ts: typeof import('typescript'), { dir, rootNames, programOptions, cache, configTexts, problems }: ProgramToCheck): TypeCheckReport {
  const grafts = graftsLocation();
  const host = cache ? ts.createIncrementalCompilerHost(programOptions, ts.sys) : ts.createCompilerHost(programOptions, true);
  const builder = cache ? ts.createIncrementalProgram({ rootNames, options: programOptions, host }) : undefined;
  const program = builder ? builder.getProgram() : ts.createProgram({ rootNames, options: programOptions, host });
  const checker: {
    getSyntacticDiagnostics(file: ts.SourceFile): readonly ts.Diagnostic[];
    getSemanticDiagnostics(file: ts.SourceFile): readonly ts.Diagnostic[];
  } = builder ?? program;
  const libDir = grafts.libDir;
  const isUserFile = (file: ts.SourceFile): boolean =>
    !file.isDeclarationFile && !file.fileName.split('/').includes('node_modules') && path.relative(libDir, file.fileName).startsWith('..');

  // Walk the builder's affected files (only what changed since the .tsbuildinfo, and what depends
  // on it) so that it records them as checked; asking for one file's diagnostics would leave the
  // whole program marked as changed in the next .tsbuildinfo.
  if (builder) while (builder.getSemanticDiagnosticsOfNextAffectedFile(undefined, (file) => !isUserFile(file)));
  const diagnostics: ts.Diagnostic[] = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  for (const file of program.getSourceFiles()) {
    if (!isUserFile(file)) continue;
    diagnostics.push(...checker.getSyntacticDiagnostics(file), ...checker.getSemanticDiagnostics(file));
  }
  for (const diagnostic of diagnostics) {
    if (diagnostic.category !== ts.DiagnosticCategory.Error) continue;
    problems.push(toProblem(ts, diagnostic, dir));
  }

  if (!cache || !builder) return { problems, cache: 'uncached' };
  // With noEmit this writes the .tsbuildinfo only; failing to write it is not the user's problem.
  builder.emit();
  if (problems.length === 0) {
    const tsLibDir = path.dirname(ts.getDefaultLibFilePath(programOptions));
    const inputs = new Map<string, string>(configTexts);
    for (const file of program.getSourceFiles()) {
      const fileName = path.resolve(file.fileName);
      if (path.relative(tsLibDir, fileName).startsWith('..')) inputs.set(fileName, file.text);
    }
    writeManifest(cache.paths, cache.key, inputs);
  }
  return { problems, cache: 'checked' };
}

/** The tsconfig.json `ts.findConfigFile(dir, …)` would find, without loading TypeScript. */
function findTsconfig(dir: string): string | undefined {
  for (let d = dir; ;) {
    const candidate = path.join(d, 'tsconfig.json');
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(d);
    if (parent === d) return undefined;
    d = parent;
  }
}

function packageVersion(packageRoot: string): string {
  const manifest = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version?: string };
  return manifest.version ?? '';
}

/**
 * The compiler options grafts checks user code with (the project's tsconfig, or strict defaults;
 * `grafts` mapped to the running copy's types). Also used by `dash watch`'s warm checker.
 *
 * @internal
 */
export function compilerOptionsFor(
  ts: typeof import('typescript'),
  dir: string,
  tsconfig?: string,
): { compilerOptions: ts.CompilerOptions; configProblems: SourceProblem[]; configTexts: Map<string, string> } {
  const configProblems: SourceProblem[] = [];
  // Every config file read (the tsconfig and what it extends), for the cache manifest.
  const configTexts = new Map<string, string>();
  const readFile = (file: string): string | undefined => {
    const text = ts.sys.readFile(file);
    if (text !== undefined) configTexts.set(path.resolve(file), text);
    return text;
  };
  let compilerOptions: ts.CompilerOptions;
  const configPath = tsconfig ?? ts.findConfigFile(dir, (f) => ts.sys.fileExists(f), 'tsconfig.json');
  if (configPath) {
    const read = ts.readConfigFile(configPath, readFile);
    if (read.error) configProblems.push(toProblem(ts, read.error, dir));
    const configHost: ts.ParseConfigHost = {
      useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
      readDirectory: (...args) => ts.sys.readDirectory(...args),
      fileExists: (f) => ts.sys.fileExists(f),
      readFile,
    };
    const parsed = ts.parseJsonConfigFileContent(read.config ?? {}, configHost, path.dirname(configPath));
    // "No inputs were found" (TS18003) is irrelevant: the entry files are passed explicitly.
    for (const error of parsed.errors) if (error.code !== 18003) configProblems.push(toProblem(ts, error, dir));
    compilerOptions = parsed.options;
  } else {
    compilerOptions = {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      strict: true,
      esModuleInterop: true,
      resolveJsonModule: true,
      // Dashboards run in Node, not a browser: no DOM (a third of the check's time and memory),
      // and no automatic @types/* (a tsconfig can ask for either).
      lib: ['lib.es2023.d.ts'],
      types: [],
    };
  }

  const grafts = graftsLocation();
  const paths: ts.MapLike<string[]> = { ...compilerOptions.paths };
  const main = grafts.typesFile('grafts');
  if (main) paths['grafts'] = [main];
  const sub = grafts.typesFile('grafts/*');
  if (sub) paths['grafts/*'] = [sub];
  return {
    compilerOptions: {
      ...compilerOptions,
      paths,
      noEmit: true,
      skipLibCheck: true,
      allowImportingTsExtensions: true,
      // Build-mode settings that would only get in the way of checking a few files. rootDir
      // would reject every dashboard outside it (TS6059) though nothing is emitted.
      rootDir: undefined,
      composite: false,
      incremental: false,
      declaration: false,
      declarationMap: false,
      emitDeclarationOnly: false,
      tsBuildInfoFile: undefined,
    },
    configProblems,
    configTexts,
  };
}

/** A diagnostic as a `file:line:col: TS1234 message` problem relative to `dir`. @internal */
export function toProblem(ts: typeof import('typescript'), diagnostic: ts.Diagnostic, dir: string): SourceProblem {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n').replace(/\n/g, '\n    ');
  const code = `TS${diagnostic.code}`;
  if (!diagnostic.file || diagnostic.start === undefined) return { code, message };
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  const file = path.relative(dir, diagnostic.file.fileName).split(path.sep).join('/');
  return { file, line: line + 1, column: character + 1, code, message };
}
