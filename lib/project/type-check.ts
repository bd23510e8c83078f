import { createRequire } from 'node:module';
import path from 'node:path';
import type ts from 'typescript';
import type { SourceProblem } from './errors.js';
import { graftsLocation } from './grafts-location.js';

/** Options of {@link typeCheck}. */
export interface TypeCheckOptions {
  /** The project directory; problems are reported relative to it. */
  dir: string;
  /** Absolute paths of the entry files (dashboards and config). */
  files: readonly string[];
}

/**
 * Type-checks the user's entry files (and whatever they import from the project) with the
 * TypeScript compiler API and returns every error, as `file:line:col: TS1234 message` problems.
 *
 * One `Program` for all files, `noEmit`, `skipLibCheck`. The nearest `tsconfig.json` is used when
 * there is one; otherwise strict defaults with `moduleResolution: "bundler"`. Either way `grafts`
 * is mapped (with `paths`) to the type declarations of the running grafts, which is what the
 * bundler links at run time too.
 */
export async function typeCheck(options: TypeCheckOptions): Promise<SourceProblem[]> {
  // require(), not import(): importing CommonJS from ESM runs Node's export lexer over the 9 MB
  // typescript.js first, which costs ~450 ms; require() skips it.
  const ts = createRequire(import.meta.url)('typescript') as typeof import('typescript');
  const dir = path.resolve(options.dir);
  const problems: SourceProblem[] = [];
  const { compilerOptions, configProblems } = compilerOptionsFor(ts, dir);
  problems.push(...configProblems);

  const host = ts.createCompilerHost(compilerOptions, true);
  const program = ts.createProgram({ rootNames: [...options.files], options: compilerOptions, host });
  const libDir = graftsLocation().libDir;
  const isUserFile = (file: ts.SourceFile): boolean =>
    !file.isDeclarationFile &&
    !file.fileName.split('/').includes('node_modules') &&
    path.relative(libDir, file.fileName).startsWith('..');

  const diagnostics: ts.Diagnostic[] = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  for (const file of program.getSourceFiles()) {
    if (!isUserFile(file)) continue;
    diagnostics.push(...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file));
  }
  for (const diagnostic of diagnostics) {
    if (diagnostic.category !== ts.DiagnosticCategory.Error) continue;
    problems.push(toProblem(ts, diagnostic, dir));
  }
  return problems;
}

function compilerOptionsFor(
  ts: typeof import('typescript'),
  dir: string,
): { compilerOptions: ts.CompilerOptions; configProblems: SourceProblem[] } {
  const configProblems: SourceProblem[] = [];
  let compilerOptions: ts.CompilerOptions;
  const configPath = ts.findConfigFile(dir, (f) => ts.sys.fileExists(f), 'tsconfig.json');
  if (configPath) {
    const read = ts.readConfigFile(configPath, (f) => ts.sys.readFile(f));
    if (read.error) configProblems.push(toProblem(ts, read.error, dir));
    const parsed = ts.parseJsonConfigFileContent(read.config ?? {}, ts.sys, path.dirname(configPath));
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
      lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
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
      // Build-mode settings that would only get in the way of checking a few files.
      composite: false,
      incremental: false,
      declaration: false,
      declarationMap: false,
      emitDeclarationOnly: false,
      tsBuildInfoFile: undefined,
    },
    configProblems,
  };
}

function toProblem(ts: typeof import('typescript'), diagnostic: ts.Diagnostic, dir: string): SourceProblem {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n').replace(/\n/g, '\n    ');
  const code = `TS${diagnostic.code}`;
  if (!diagnostic.file || diagnostic.start === undefined) return { code, message };
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  const file = path.relative(dir, diagnostic.file.fileName).split(path.sep).join('/');
  return { file, line: line + 1, column: character + 1, code, message };
}
