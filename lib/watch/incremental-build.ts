import { createRequire } from 'node:module';
import path from 'node:path';
import type { BuildContext, Metafile } from 'esbuild';
import { evaluateBundle, isBuildFailure, messageToProblem, resolvePlugin, withInlineSourceMap } from '../project/bundle-modules.js';
import { LoadError } from '../project/errors.js';

/** What one {@link IncrementalBuild.rebuild} produced. */
export interface RebuildResult {
  /** Entries whose compiled output differs from the previous successful rebuild (all on the first). */
  readonly changedEntries: ReadonlySet<string>;
}

/**
 * An esbuild `context()` over every entry file of a project, one output per entry (no code
 * splitting: each output is a standalone ES module, so one entry can be evaluated without the
 * others). `rebuild()` re-parses only what changed (esbuild's incremental cache), the metafile
 * tells which project files each entry reaches ({@link entriesReaching}), and `evaluate()`
 * imports one entry's output.
 *
 * Why one output per entry rather than `load-project.ts`'s one bundle for all: a save then
 * re-evaluates only the entries it reaches, and an exception in one entry does not hide the
 * others. With grafts built (`dist/`), `grafts` stays external, so outputs are small; running
 * from sources (tests) every output carries its own copy of the library, which is fine for the
 * small projects tests use.
 *
 * @example
 * const build = await IncrementalBuild.create('/work/project', ['a.dash.ts', 'b.dash.ts']);
 * await build.rebuild();
 * build.entriesReaching(['lib/helpers.ts']); // → Set { 'a.dash.ts' }
 * const ns = await build.evaluate('a.dash.ts'); // → { default: DashboardBuilder }
 * await build.dispose();
 */
export class IncrementalBuild {
  readonly dir: string;
  readonly entries: readonly string[];
  readonly #context: BuildContext<{ write: false; metafile: true }>;
  readonly #outDir: string;
  /** entry → its output's code (with an inline source map), from the last successful rebuild. */
  #code = new Map<string, string>();
  /** project file (relative, posix) → entries that include it. */
  #reach = new Map<string, Set<string>>();

  private constructor(dir: string, entries: readonly string[], context: BuildContext<{ write: false; metafile: true }>, outDir: string) {
    this.dir = dir;
    this.entries = entries;
    this.#context = context;
    this.#outDir = outDir;
  }

  /**
   * Creates the context (nothing is built until {@link rebuild}). `entries` are relative to `dir`.
   * With `previous` (the build of the same project before its entry list changed), entries whose
   * code is the same as in `previous` do not count as changed on the first rebuild.
   */
  static async create(dir: string, entries: readonly string[], previous?: IncrementalBuild): Promise<IncrementalBuild> {
    // require(): esbuild is CommonJS (see bundle-modules.ts).
    const esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
    // Never written (write: false); only names the outputs.
    const outDir = path.join(dir, '.grafts-watch-out');
    const context = await esbuild.context({
      entryPoints: entries.map((e) => path.join(dir, e)),
      absWorkingDir: dir,
      outdir: outDir,
      outbase: dir,
      entryNames: '[dir]/[name]',
      outExtension: { '.js': '.mjs' },
      write: false,
      metafile: true,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      mainFields: ['main'],
      conditions: [],
      sourcemap: 'external',
      sourcesContent: true,
      logLevel: 'silent',
      plugins: [resolvePlugin()],
    });
    const build = new IncrementalBuild(dir, entries, context, outDir);
    if (previous) build.#code = new Map(previous.#code);
    return build;
  }

  /**
   * Rebuilds every entry (incrementally) and returns which entries' code changed.
   *
   * @throws {LoadError} syntax errors and unresolved imports, each with `file:line:col`.
   */
  async rebuild(): Promise<RebuildResult> {
    let result;
    try {
      result = await this.#context.rebuild();
    } catch (error) {
      if (isBuildFailure(error)) throw new LoadError(error.errors.map(messageToProblem));
      throw error;
    }
    const byPath = new Map(result.outputFiles.map((f) => [f.path, f.text]));
    const code = new Map<string, string>();
    const reach = new Map<string, Set<string>>();
    const outputs: Metafile['outputs'] = result.metafile.outputs;
    for (const [outRel, output] of Object.entries(outputs)) {
      if (!output.entryPoint) continue;
      const entry = toPosix(path.relative(this.dir, path.resolve(this.dir, output.entryPoint)));
      const outAbs = path.resolve(this.dir, outRel);
      const js = byPath.get(outAbs);
      const map = byPath.get(`${outAbs}.map`);
      if (js === undefined || map === undefined) continue;
      // Map sources are relative to the output file.
      code.set(entry, withInlineSourceMap(path.dirname(outAbs), js, map));
      for (const input of Object.keys(output.inputs)) {
        const rel = inputPath(this.dir, input);
        if (rel === undefined) continue;
        let set = reach.get(rel);
        if (!set) reach.set(rel, (set = new Set()));
        set.add(entry);
      }
    }
    const changedEntries = new Set<string>();
    for (const [entry, text] of code) if (this.#code.get(entry) !== text) changedEntries.add(entry);
    this.#code = code;
    this.#reach = reach;
    return { changedEntries };
  }

  /** Entries that include any of `files` (project-relative, posix), per the last rebuild's metafile. */
  entriesReaching(files: Iterable<string>): Set<string> {
    const found = new Set<string>();
    for (const file of files) for (const entry of this.#reach.get(file) ?? []) found.add(entry);
    return found;
  }

  /** Every project file some entry includes (what a watcher must watch, at least). */
  inputs(): string[] {
    return [...this.#reach.keys()];
  }

  /**
   * Imports one entry's output from the last rebuild and returns its module namespace.
   *
   * @throws {LoadError} the module threw while it was evaluated (with the user's `file:line`).
   */
  async evaluate(entry: string): Promise<Record<string, unknown>> {
    const code = this.#code.get(entry);
    if (code === undefined) throw new LoadError([{ file: entry, message: 'not built: rebuild() first' }]);
    return await evaluateBundle(this.dir, code);
  }

  /** Releases esbuild's context. */
  async dispose(): Promise<void> {
    await this.#context.dispose();
  }

  /** @internal the never-written output directory (kept out of watching). */
  get outDir(): string {
    return this.#outDir;
  }
}

/** A metafile input as a project-relative posix path, or undefined for virtual/outside inputs. */
function inputPath(dir: string, input: string): string | undefined {
  if (input.includes(':') && !path.isAbsolute(input)) {
    // `file:` URLs (external) or plugin namespaces: not project files.
    if (!input.startsWith('file:')) return undefined;
    return undefined;
  }
  const rel = toPosix(path.relative(dir, path.resolve(dir, input)));
  if (rel.startsWith('..') || rel.split('/').includes('node_modules')) return undefined;
  return rel;
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
