import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type ts from 'typescript';
import type { SourceProblem } from '../project/errors.js';
import { graftsLocation } from '../project/grafts-location.js';
import { compilerOptionsFor, toProblem } from '../project/type-check.js';

/**
 * A TypeScript LanguageService kept warm for the whole watch session: the first check loads
 * the compiler and grafts' declarations (about a second), every later one re-parses only the
 * files whose modification time changed and asks for the diagnostics of the files given, so a
 * save costs tens of milliseconds, not a full `tsc` run. Watch runs it after the apply, so type
 * errors are reported but never delay (or block) a reload: esbuild strips types, and the
 * rendered output does not depend on them.
 *
 * @example
 * const checker = new TypeCheckService('/work/project');
 * checker.setRoots(['a.dash.ts']);
 * checker.check(['a.dash.ts']); // → [{ file: 'a.dash.ts', line: 3, column: 7, code: 'TS2345', message: '…' }]
 */
export class TypeCheckService {
  readonly #dir: string;
  readonly #ts: typeof import('typescript');
  readonly #service: ts.LanguageService;
  readonly #options: ts.CompilerOptions;
  readonly #configProblems: SourceProblem[];
  #roots: string[] = [];
  /** file → [mtimeMs, version] */
  readonly #versions = new Map<string, [number, number]>();

  constructor(dir: string) {
    this.#dir = path.resolve(dir);
    // require(): see type-check.ts (skips Node's export lexer over typescript.js).
    const ts = createRequire(import.meta.url)('typescript') as typeof import('typescript');
    this.#ts = ts;
    const { compilerOptions, configProblems } = compilerOptionsFor(ts, this.#dir);
    this.#options = compilerOptions;
    this.#configProblems = configProblems;
    const host: ts.LanguageServiceHost = {
      getScriptFileNames: () => this.#roots,
      getScriptVersion: (file) => String(this.#version(file)),
      getScriptSnapshot: (file) => {
        const text = ts.sys.readFile(file);
        return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
      },
      getCurrentDirectory: () => this.#dir,
      getCompilationSettings: () => this.#options,
      getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
      fileExists: (f) => ts.sys.fileExists(f),
      readFile: (f) => ts.sys.readFile(f),
      readDirectory: (...args) => ts.sys.readDirectory(...args),
      directoryExists: (d) => ts.sys.directoryExists(d),
      getDirectories: (d) => ts.sys.getDirectories(d),
    };
    this.#service = ts.createLanguageService(host, ts.createDocumentRegistry());
  }

  /** Sets the entry files (relative to the project). */
  setRoots(entries: readonly string[]): void {
    this.#roots = entries.map((e) => path.join(this.#dir, e));
  }

  /** Type errors of `files` (relative to the project), as `file:line:col` problems; files that do not parse are skipped. */
  check(files: readonly string[]): SourceProblem[] {
    const ts = this.#ts;
    const libDir = graftsLocation().libDir;
    const problems: SourceProblem[] = [...this.#configProblems];
    for (const rel of files) {
      const file = path.join(this.#dir, rel);
      if (!ts.sys.fileExists(file)) continue;
      if (!path.relative(libDir, file).startsWith('..')) continue;
      // A file that does not parse is esbuild's to report (once, as a syntax error); its semantic
      // errors would only be consequences of it.
      if (this.#service.getSyntacticDiagnostics(file).length > 0) continue;
      const diagnostics = this.#service.getSemanticDiagnostics(file);
      for (const d of diagnostics) if (d.category === ts.DiagnosticCategory.Error) problems.push(toProblem(ts, d, this.#dir));
    }
    return problems;
  }

  #version(file: string): number {
    let mtime = 0;
    try {
      mtime = statSync(file).mtimeMs;
    } catch {
      // A deleted file: version bumps once.
    }
    const known = this.#versions.get(file);
    if (known && known[0] === mtime) return known[1];
    const version = (known?.[1] ?? 0) + 1;
    this.#versions.set(file, [mtime, version]);
    return version;
  }
}
