import { createRequire } from 'node:module';
import path from 'node:path';
import type { BuildContext, BuildOptions } from 'esbuild';
import {
  evaluateBundle,
  evaluateScriptBundle,
  isBuildFailure,
  messageToProblem,
  userCodeBuildOptions,
  withInlineSourceMap,
} from '../project/bundle-modules.js';
import { LinkedExternals } from '../project/linked-externals.js';
import { LoadError, type SourceProblem } from '../project/errors.js';

/** What one {@link IncrementalBuild.rebuild} produced. */
export interface RebuildResult {
  /** Entries rebuilt (the ones a changed file reaches, plus new and previously failed ones). */
  readonly rebuilt: readonly string[];
  /** Rebuilt entries whose code differs from their previous successful build (all new ones). */
  readonly changedEntries: ReadonlySet<string>;
  /** Entries that did not build (syntax errors, unresolved imports), with `file:line:col` problems. */
  readonly failed: ReadonlyMap<string, readonly SourceProblem[]>;
}

type Context = BuildContext<{ write: false; metafile: true }>;

/**
 * One esbuild `context()` per entry file of a project, each producing a standalone ES module
 * (the entry with what it imports from the project). A save rebuilds only the contexts of the
 * entries that include the saved file (known from each context's last metafile), so its cost
 * does not grow with the number of dashboards; each rebuild is itself incremental (esbuild
 * re-parses only changed files). `evaluate()` imports one entry's latest output.
 *
 * Why not `load-project.ts`'s single bundle of all entries: a save then re-evaluates only the
 * entries it reaches, a syntax error in one entry does not stop the others, and rebuilding one
 * dashboard of 200 takes milliseconds instead of re-linking all 200. With grafts built
 * (`dist/`), `grafts` is linked, not bundled, so outputs are small; running from sources (tests)
 * every output carries its own copy of the library, which is fine for the small projects tests use.
 *
 * Outputs are CommonJS with packages and Node built-ins linked in ({@link LinkedExternals}), so
 * that each evaluation is garbage-collected once rendered: a session of a thousand saves does
 * not keep a thousand modules. An entry using top-level await (which CommonJS cannot express)
 * is built and evaluated as an ES module instead.
 *
 * @example
 * const build = await IncrementalBuild.create('/work/project', ['a.dash.ts', 'b.dash.ts']);
 * await build.rebuild();                      // → { rebuilt: ['a.dash.ts', 'b.dash.ts'], … }
 * await build.rebuild(['lib/helpers.ts']);    // → { rebuilt: ['a.dash.ts'], changedEntries: Set { 'a.dash.ts' }, … }
 * const ns = await build.evaluate('a.dash.ts'); // → { default: DashboardBuilder }
 * await build.dispose();
 */
export class IncrementalBuild {
  readonly dir: string;
  #entries: string[] = [];
  readonly #contexts = new Map<string, Promise<Context>>();
  /** entry → code of its last successful build (with an inline source map). */
  readonly #code = new Map<string, string>();
  /** entry → project files (relative, posix) its last successful build included. */
  readonly #inputs = new Map<string, ReadonlySet<string>>();
  /** Entries built as ES modules (they use top-level await). */
  readonly #esm = new Set<string>();
  readonly #linked = new LinkedExternals();

  private constructor(dir: string) {
    this.dir = dir;
  }

  /** Creates the contexts (nothing is built until {@link rebuild}). `entries` are relative to `dir`. */
  static async create(dir: string, entries: readonly string[]): Promise<IncrementalBuild> {
    const build = new IncrementalBuild(dir);
    await build.setEntries(entries);
    return build;
  }

  /** The entries, in the order given. */
  get entries(): readonly string[] {
    return this.#entries;
  }

  /** Changes the entry list: contexts of new entries are created, those of removed ones disposed. */
  async setEntries(entries: readonly string[]): Promise<void> {
    const keep = new Set(entries);
    for (const [entry, context] of this.#contexts) {
      if (keep.has(entry)) continue;
      this.#contexts.delete(entry);
      this.#code.delete(entry);
      this.#inputs.delete(entry);
      this.#esm.delete(entry);
      await (await context).dispose();
    }
    for (const entry of entries) if (!this.#contexts.has(entry)) this.#contexts.set(entry, this.#createContext(entry));
    this.#entries = [...entries];
  }

  /**
   * Rebuilds the entries that include any of `changedFiles` (project-relative, posix), plus the
   * entries never built successfully; every entry when `changedFiles` is undefined.
   */
  async rebuild(changedFiles?: Iterable<string>): Promise<RebuildResult> {
    let targets: string[];
    if (changedFiles === undefined) targets = [...this.#entries];
    else {
      const changed = new Set(changedFiles);
      targets = this.#entries.filter((e) => !this.#code.has(e) || changed.has(e) || [...(this.#inputs.get(e) ?? [])].some((f) => changed.has(f)));
    }
    const changedEntries = new Set<string>();
    const failed = new Map<string, SourceProblem[]>();
    await Promise.all(
      targets.map(async (entry) => {
        try {
          const result = await this.#rebuildEntry(entry);
          const js = result.outputFiles.find((f) => /\.[cm]js$/.test(f.path));
          const map = result.outputFiles.find((f) => /\.[cm]js\.map$/.test(f.path));
          if (!js || !map) throw new LoadError([{ file: entry, message: 'esbuild produced no output' }]);
          // Map sources are relative to the output file.
          const code = withInlineSourceMap(path.dirname(js.path), js.text, map.text);
          if (this.#code.get(entry) !== code) changedEntries.add(entry);
          this.#code.set(entry, code);
          const inputs = new Set<string>();
          for (const input of Object.keys(result.metafile.inputs)) {
            const rel = inputPath(this.dir, input);
            if (rel !== undefined) inputs.add(rel);
          }
          this.#inputs.set(entry, inputs);
        } catch (error) {
          this.#code.delete(entry);
          if (isBuildFailure(error)) failed.set(entry, error.errors.map(messageToProblem));
          else if (error instanceof LoadError) failed.set(entry, [...error.problems]);
          else throw error;
        }
      }),
    );
    // In entry order, whatever order the builds finished in.
    const ordered = new Set(this.#entries.filter((e) => changedEntries.has(e)));
    return { rebuilt: targets, changedEntries: ordered, failed };
  }

  /** Rebuilds one entry; one that needs top-level await moves to an ES module context for good. */
  async #rebuildEntry(entry: string): Promise<Awaited<ReturnType<Context['rebuild']>>> {
    try {
      return await (await this.#contexts.get(entry)!).rebuild();
    } catch (error) {
      if (this.#esm.has(entry) || !isBuildFailure(error) || !error.errors.some((e) => TOP_LEVEL_AWAIT_IN_CJS.test(e.text))) throw error;
      this.#esm.add(entry);
      const previous = this.#contexts.get(entry)!;
      this.#contexts.set(entry, this.#createContext(entry));
      await (await previous).dispose();
      return await (await this.#contexts.get(entry)!).rebuild();
    }
  }

  /** Project files (relative, posix) the last successful build of `entry` included. */
  inputsOf(entry: string): ReadonlySet<string> | undefined {
    return this.#inputs.get(entry);
  }

  /** Entries that include any of `files` (project-relative, posix), per their last successful build. */
  entriesReaching(files: Iterable<string>): Set<string> {
    const wanted = new Set(files);
    const found = new Set<string>();
    for (const [entry, inputs] of this.#inputs) if ([...inputs].some((f) => wanted.has(f))) found.add(entry);
    return found;
  }

  /**
   * Imports one entry's output from its last successful build and returns its module namespace.
   *
   * @throws {LoadError} the module threw while it was evaluated (with the user's `file:line`).
   */
  async evaluate(entry: string): Promise<Record<string, unknown>> {
    const code = this.#code.get(entry);
    if (code === undefined) throw new LoadError([{ file: entry, message: 'not built: rebuild() first' }]);
    if (this.#esm.has(entry)) return await evaluateBundle(this.dir, code, [entry]);
    return await evaluateScriptBundle(this.dir, code, [entry], this.#outfile(entry));
  }

  /** Releases every esbuild context. */
  async dispose(): Promise<void> {
    const contexts = [...this.#contexts.values()];
    this.#contexts.clear();
    await Promise.all(contexts.map(async (c) => (await c).dispose()));
  }

  /** The output's name (never written): `.mjs` or `.cjs` next to where the project would have it. */
  #outfile(entry: string): string {
    return path.join(this.dir, '.grafts-watch-out', `${entry.replace(/\.[cm]?[jt]sx?$/, '')}.${this.#esm.has(entry) ? 'mjs' : 'cjs'}`);
  }

  async #createContext(entry: string): Promise<Context> {
    // require(): esbuild is CommonJS (see bundle-modules.ts).
    const esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
    const esm = this.#esm.has(entry);
    const options: BuildOptions & { write: false; metafile: true } = {
      entryPoints: [path.join(this.dir, entry)],
      absWorkingDir: this.dir,
      // Never written (write: false); only names the output.
      outfile: this.#outfile(entry),
      write: false,
      metafile: true,
      ...(esm ? userCodeBuildOptions() : { ...userCodeBuildOptions({ linkedExternals: this.#linked }), ...COMMONJS_OUTPUT }),
      // Node maps stack frames from `mappings` alone; the sources' text is not needed.
      sourcesContent: false,
    };
    return await esbuild.context(options);
  }
}

/**
 * CommonJS output, with `import.meta.url` (and `dirname`, `filename`) standing for the output's
 * name, as `import()` of an ES module output gave them (code calling `createRequire(import.meta.url)`
 * keeps working).
 */
const COMMONJS_OUTPUT: Pick<BuildOptions, 'format' | 'define' | 'banner'> = {
  format: 'cjs',
  define: { 'import.meta.url': '__grafts_import_meta_url', 'import.meta.dirname': '__dirname', 'import.meta.filename': '__filename' },
  banner: { js: 'var __grafts_import_meta_url = require("node:url").pathToFileURL(__filename).href;' },
};

/** esbuild's error for top-level await in a CommonJS output. */
const TOP_LEVEL_AWAIT_IN_CJS = /top-level await is currently not supported with the "cjs" output format/i;

/** A metafile input as a project-relative posix path, or undefined for external or outside inputs. */
function inputPath(dir: string, input: string): string | undefined {
  // `file:` URLs (externals) and plugin namespaces (`ns:path`) are not project files.
  if (/^[a-z][a-z0-9+.-]*:/i.test(input) && !path.isAbsolute(input)) return undefined;
  const rel = path.relative(dir, path.resolve(dir, input)).split(path.sep).join('/');
  if (rel.startsWith('..') || rel.split('/').includes('node_modules')) return undefined;
  return rel;
}
