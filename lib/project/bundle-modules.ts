import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire, isBuiltin, Module } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BuildFailure, BuildOptions, Message, Plugin } from 'esbuild';
import { LoadError, type SourceProblem } from './errors.js';
import { graftsLocation } from './grafts-location.js';
import { LINKED_EXTERNAL_NAMESPACE, type LinkedExternals } from './linked-externals.js';
import { progressStatement, userCodeMonitor } from './user-code-monitor.js';

/** One evaluated user module: its path relative to the project dir and its namespace object. */
export interface EvaluatedModule {
  file: string;
  namespace: Record<string, unknown>;
}

const SKIP = Symbol('grafts-resolve-skip');
/** Virtual modules of the progress markers (see {@link bundleModules}). */
const PROGRESS_PREFIX = 'grafts-progress:';
const TS_FILE = /\.[cm]?tsx?$/;
const BUNDLE_NAME = '__grafts_bundle.mjs';

/**
 * Bundles `files` (paths relative to `dir`) in ONE esbuild call, in memory, and evaluates the
 * result; returns each file's module namespace in the order given.
 *
 * Resolution rules:
 * - `grafts` and `grafts/*` resolve to the copy of grafts that is running (see
 *   {@link graftsLocation}), never to a copy in the user's node_modules.
 * - other bare imports are resolved by esbuild from the importing file, then left external as
 *   absolute `file:` URLs (the bundle is evaluated from a temp dir, where bare names would not
 *   resolve); packages that ship TypeScript sources, and tsconfig `paths` aliases, are bundled.
 *
 * Evaluation goes through a temp file deleted right after the import: Node 20 ignores source
 * maps of `data:` URL modules (errors would point into megabytes of base64), while for a file
 * `process.setSourceMapsEnabled(true)` maps every later stack frame back to `file.dash.ts:L:C`.
 *
 * @throws {LoadError} syntax errors and unresolved imports (all of them), or an exception thrown
 * while a module was evaluated.
 */
export async function bundleAndEvaluate(dir: string, files: readonly string[]): Promise<EvaluatedModule[]> {
  const preloading = preloadGrafts();
  const code = await bundleModules(dir, files);
  await preloading;
  const exported = await evaluateBundle(dir, code, files);
  const modules = exported['modules'] as Record<string, unknown>[];
  return files.map((file, i) => ({ file, namespace: modules[i]! }));
}

/**
 * Loads the built library's root entry while esbuild (another process) bundles: user code
 * imports it, and the import then finds it loaded instead of starting once the bundle is ready.
 * Loading it cold takes about as long as esbuild takes to bundle a mixin package (~0.1 s each):
 * `dash mixin build` of kubernetes-mixin waits for one of them instead of both in a row. Nothing
 * to do when running from source, where grafts is bundled with the user's code. Never rejects:
 * a library that fails to load fails again, as the user code's load error, when the bundle
 * imports it.
 */
function preloadGrafts(): Promise<unknown> {
  const grafts = graftsLocation();
  const root = grafts.mode === 'built' ? grafts.runtimeFile('grafts') : undefined;
  return root === undefined ? Promise.resolve() : import(pathToFileURL(root).href).catch(() => undefined);
}

/**
 * Bundles the files and returns ESM code with an inline source map whose sources are absolute
 * `file:` URLs. Starts the work at once, so callers can overlap it with type checking.
 *
 * @internal
 */
export async function bundleModules(dir: string, files: readonly string[]): Promise<string> {
  // require(): esbuild is CommonJS, and import() would first scan it for named exports.
  const esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
  // A progress marker before each entry: ES modules evaluate in import order, so the marker
  // tells a supervisor which file is being evaluated when one never finishes.
  const entry = [
    ...files.flatMap((file, i) => [`import ${JSON.stringify(`${PROGRESS_PREFIX}${i}`)};`, `import * as m${i} from ${JSON.stringify(`./${file}`)};`]),
    `export const modules = [${files.map((_, i) => `m${i}`).join(', ')}];`,
  ].join('\n');
  const outfile = path.join(dir, BUNDLE_NAME);
  let result;
  try {
    result = await esbuild.build({
      stdin: { contents: entry, resolveDir: dir, sourcefile: 'grafts-entry.js', loader: 'js' },
      absWorkingDir: dir,
      outfile,
      write: false,
      ...userCodeBuildOptions(),
      // The sources are on disk and stack frames need only the mappings: with the sources
      // inlined, a 3,000-dashboard project's map held every file a second time (~40 MiB of RSS).
      sourcesContent: false,
    });
  } catch (error) {
    if (isBuildFailure(error)) throw new LoadError(error.errors.map(messageToProblem));
    throw error;
  }
  const js = result.outputFiles.find((f) => f.path === outfile);
  const mapFile = result.outputFiles.find((f) => f.path === `${outfile}.map`);
  if (!js || !mapFile) throw new Error('esbuild produced no bundle');
  return withInlineSourceMap(dir, js.text, mapFile.text);
}

/**
 * The esbuild options every bundle of user code shares (`dash build`'s one bundle, `dash watch`'s
 * per-entry contexts): ESM for Node 20, an external source map (inlined afterwards by
 * {@link withInlineSourceMap}), silent, and grafts' resolution rules ({@link resolvePlugin}).
 *
 * @internal
 */
export function userCodeBuildOptions(
  options: ResolveOptions = {},
): Pick<BuildOptions, 'bundle' | 'format' | 'platform' | 'target' | 'mainFields' | 'conditions' | 'sourcemap' | 'logLevel' | 'plugins'> {
  return {
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Resolve like Node does, since non-bundled imports are executed by Node.
    mainFields: ['main'],
    conditions: [],
    sourcemap: 'external',
    logLevel: 'silent',
    plugins: [resolvePlugin(options)],
  };
}

/**
 * Replaces an esbuild output's external source map reference by the map inlined, with sources
 * turned into absolute `file:` URLs (so stack frames map back to the user's files).
 *
 * @internal
 */
export function withInlineSourceMap(dir: string, js: string, mapText: string): string {
  const map = JSON.parse(mapText) as { sources: string[] };
  map.sources = map.sources.map((source) => (source.startsWith('file:') ? source : pathToFileURL(path.resolve(dir, source)).href));
  const body = js.replace(/\/\/# sourceMappingURL=\S*\s*$/, '');
  return `${body}//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}\n`;
}

/** Options of {@link resolvePlugin} and {@link userCodeBuildOptions}. @internal */
export interface ResolveOptions {
  /**
   * Link packages and Node built-ins into the bundle as modules re-exporting what Node imported,
   * instead of leaving `import` statements: the bundle then has no imports left and can be
   * evaluated as a function (which Node can garbage-collect), not as an ES module (which it
   * never unloads).
   */
  linkedExternals?: LinkedExternals;
}

/**
 * The esbuild plugin resolving `grafts` to the running copy and other bare imports to absolute
 * `file:` URLs (see {@link bundleAndEvaluate}).
 *
 * @internal
 */
export function resolvePlugin(options: ResolveOptions = {}): Plugin {
  const grafts = graftsLocation();
  const linked = options.linkedExternals;
  // With `linkedExternals`, what would stay external becomes a small module of the bundle that
  // re-exports the namespace Node imported once (see linked-externals.ts).
  const external = (specifier: string) => (linked ? { path: specifier, namespace: LINKED_EXTERNAL_NAMESPACE } : { path: specifier, external: true });
  return {
    name: 'grafts-resolve',
    setup(build) {
      if (linked)
        build.onLoad({ filter: /.*/, namespace: LINKED_EXTERNAL_NAMESPACE }, async (args) => ({
          contents: await linked.moduleSource(args.path),
          loader: 'js',
        }));
      build.onResolve({ filter: /^grafts-progress:\d+$/ }, (args) => ({ path: args.path.slice(PROGRESS_PREFIX.length), namespace: 'grafts-progress' }));
      build.onLoad({ filter: /^\d+$/, namespace: 'grafts-progress' }, (args) => ({ contents: progressStatement(Number(args.path)), loader: 'js' }));
      build.onResolve({ filter: /^grafts(\/.*)?$/ }, (args) => {
        const file = grafts.runtimeFile(args.path);
        if (file === undefined) return { errors: [{ text: `"${args.path}" is not exported by grafts` }] };
        return grafts.mode === 'built' ? external(pathToFileURL(file).href) : { path: file };
      });
      if (grafts.mode === 'source') {
        // grafts' own sources, bundled from a temp dir, keep their `import.meta.url`: the lazy
        // require() of the lezer grammars and yaml resolves from the file, not from the bundle.
        build.onLoad({ filter: /\.[cm]?ts$/ }, async (args) => {
          if (path.relative(grafts.libDir, args.path).startsWith('..')) return undefined;
          const source = await readFile(args.path, 'utf8');
          return { contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts' };
        });
      }
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === SKIP || path.isAbsolute(args.path)) return undefined;
        if (isBuiltin(args.path)) return external(args.path);
        const resolved = await build.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: SKIP,
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        if (resolved.external || resolved.path === '') return external(args.path);
        const inNodeModules = resolved.path.split(path.sep).includes('node_modules');
        if (!inNodeModules || TS_FILE.test(resolved.path)) return { path: resolved.path };
        return external(pathToFileURL(resolved.path).href);
      });
    },
  };
}

/**
 * Imports the bundle from a temp file (deleted afterwards) and returns its exports. `files` (the
 * entries the bundle evaluates, in order) are reported to the {@link userCodeMonitor}.
 *
 * @internal
 */
export async function evaluateBundle(dir: string, code: string, files: readonly string[]): Promise<Record<string, unknown>> {
  process.setSourceMapsEnabled(true);
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'grafts-load-'));
  const file = path.join(tmp, 'bundle.mjs');
  const monitor = userCodeMonitor();
  // Under a monitor, one bundle evaluates at a time, so the file it reports is the one running.
  const previous = monitorLock;
  let release = (): void => undefined;
  if (monitor) monitorLock = new Promise<void>((resolve) => (release = resolve));
  try {
    await writeFile(file, code);
    await previous;
    monitor?.begin(files);
    return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    throw new LoadError([evaluationProblem(error, dir)], { cause: error });
  } finally {
    monitor?.end();
    release();
    await rm(tmp, { recursive: true, force: true });
  }
}

/**
 * Evaluates a CommonJS bundle without imports (built with {@link ResolveOptions.linkedExternals})
 * as a module of its own, never registered in Node's module cache, and returns its exports.
 * Unlike an `import()` of a temp file (see {@link evaluateBundle}), nothing keeps it once the
 * exports are dropped: its code and its source map (Node keeps source maps of CommonJS modules
 * weakly) are garbage-collected, so a watch session that evaluates a bundle per save stays flat.
 * `filename` (which need not exist) names it in stack frames that the source map does not cover.
 *
 * @throws {LoadError} an exception thrown while the bundle was evaluated (with the user's `file:line`).
 *
 * @internal
 */
export async function evaluateScriptBundle(dir: string, code: string, files: readonly string[], filename: string): Promise<Record<string, unknown>> {
  process.setSourceMapsEnabled(true);
  const monitor = userCodeMonitor();
  const previous = monitorLock;
  let release = (): void => undefined;
  if (monitor) monitorLock = new Promise<void>((resolve) => (release = resolve));
  try {
    await previous;
    monitor?.begin(files);
    const module = new Module(filename) as Module & { _compile(code: string, filename: string): void };
    module.filename = filename;
    module._compile(code, filename);
    return module.exports as Record<string, unknown>;
  } catch (error) {
    const problem = evaluationProblem(error, dir);
    // A frame the source map did not cover points into the bundle, which is no file of the user's.
    if (problem.file !== undefined && path.resolve(dir, problem.file) === path.resolve(filename)) {
      throw new LoadError([{ message: problem.message }], { cause: error });
    }
    throw new LoadError([problem], { cause: error });
  } finally {
    monitor?.end();
    release();
  }
}

/** Settles when the bundle evaluating under a monitor is done (see {@link evaluateBundle}). */
let monitorLock: Promise<void> = Promise.resolve();

function evaluationProblem(error: unknown, dir: string): SourceProblem {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : `non-error value thrown: ${String(error)}`;
  const frame = error instanceof Error ? userFrame(error.stack ?? '', dir) : undefined;
  return { ...frame, message: `threw ${message}` };
}

const FRAME = /(?:^|[\s(])((?:file:\/\/)?\/[^()]*?|[A-Za-z]:\\[^()]*?):(\d+):(\d+)\)?$/;

/** The first stack frame in the user's project (not in node_modules, not in grafts itself). */
export function userFrame(stack: string, dir: string): { file: string; line: number; column: number } | undefined {
  const libDir = graftsLocation().libDir;
  for (const line of stack.split('\n').slice(1)) {
    const match = FRAME.exec(line.trim());
    if (!match) continue;
    const raw = match[1]!;
    const abs = raw.startsWith('file:') ? fileURLToPath(raw) : raw;
    const rel = path.relative(dir, abs);
    if (rel.startsWith('..') || path.isAbsolute(rel)) continue;
    if (rel.split(path.sep).includes('node_modules')) continue;
    if (!path.relative(libDir, abs).startsWith('..')) continue;
    return { file: toPosix(rel), line: Number(match[2]), column: Number(match[3]) };
  }
  return undefined;
}

/** An esbuild message as a problem (`file:line:col`). @internal */
export function messageToProblem(message: Message): SourceProblem {
  const location = message.location;
  const text = message.text;
  if (!location) return { message: text };
  return { file: toPosix(location.file), line: location.line, column: location.column + 1, message: text };
}

/** @internal */
export function isBuildFailure(error: unknown): error is BuildFailure {
  return error instanceof Error && Array.isArray((error as Partial<BuildFailure>).errors);
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
