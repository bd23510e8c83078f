import { DASHBOARD_SCHEMAS } from './schema-selection.js';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { isMixin } from '../mixin/define-mixin.js';
import { bundleAndEvaluate, bundleModules, evaluateBundle } from './bundle-modules.js';
import { DEFAULT_DASHBOARDS_GLOB, DEFAULT_OUT_DIR, type DashConfig } from './define-config.js';
import { ConfigError, LoadError, type SourceProblem } from './errors.js';
import { findFiles } from './find-files.js';
import { NO_TYPE_CHECK, startTypeCheck, type PendingTypeCheck } from './type-check-job.js';
import { validateTargets } from './validate-targets.js';
import { validateDatasources } from './validate-datasources.js';

/** Config file names looked up in the project directory, in this order. */
export const CONFIG_FILE_NAMES = ['dash.config.ts', 'dash.config.mts', 'dash.config.js', 'dash.config.mjs'] as const;

/** A loaded entry file: what `renderProject` takes. */
export interface ProjectEntry {
  /** Path relative to the project directory, with forward slashes. */
  source: string;
  /** The module's default export. */
  exported: unknown;
}

/** Options of {@link loadProject}; an option set to `undefined` is the same as one left out. */
export interface LoadProjectOptions {
  /** Directory relative paths are resolved from. */
  cwd: string;
  /** The project directory, relative to `cwd`. @default "." */
  dir?: string | undefined;
  /** Overrides the config's `outDir`; relative to `cwd`. */
  outDir?: string | undefined;
  /** Type-check the entry files before evaluating them. @default true */
  typecheck?: boolean | undefined;
  /** The tsconfig to type-check with, relative to `cwd` (default: the nearest `tsconfig.json`). */
  tsconfig?: string | undefined;
  /**
   * Called once the config is loaded and valid, before the entry files are bundled, type-checked
   * and evaluated (e.g. `dash diff` starts listing the target then). Must not throw.
   */
  onConfig?: ((config: DashConfig, dir: string) => void) | undefined;
}

/** A project ready to render. */
export interface LoadedProject {
  /** Absolute project directory. */
  dir: string;
  /** Absolute path of the config file, when there is one. */
  configFile: string | undefined;
  config: DashConfig;
  /** Absolute output directory. */
  outDir: string;
  /** Entry files in load order (sorted), relative to `dir`. */
  files: string[];
  entries: ProjectEntry[];
}

/**
 * The project the caller loaded already (a fleet loads once for all its targets), else the one
 * `options` point at, loaded with {@link loadProject}.
 *
 * @example
 * const project = await givenOrLoadedProject({ cwd: process.cwd(), dir: 'monitoring', project: fleet.project });
 */
export async function givenOrLoadedProject(options: LoadProjectOptions & { project?: LoadedProject | undefined }): Promise<LoadedProject> {
  return options.project ?? (await loadProject(options));
}

/**
 * Loads a project: reads `dash.config.*`, finds the dashboard entry files, type-checks them
 * (unless `typecheck: false`) while it bundles them in one esbuild call and evaluates the bundle,
 * and returns once both are done.
 *
 * @throws {ConfigError} bad directory or config, no entry files.
 * @throws {LoadError} syntax errors, unresolved imports, exceptions at load, missing default exports.
 * @throws {TypeCheckError} type errors.
 */
export async function loadProject(options: LoadProjectOptions): Promise<LoadedProject> {
  const { project, typeCheck } = await loadProjectWhileTypeChecking(options);
  await typeCheck.passed();
  return project;
}

/** A loaded project whose type check may still be running. */
export interface ProjectUnderTypeCheck {
  project: LoadedProject;
  /**
   * The type check of the entry files (and the config), started before bundling; the caller
   * must `gate` (or await `passed()`) before anything is written.
   */
  typeCheck: PendingTypeCheck;
}

/**
 * {@link loadProject}, returning as soon as the entry files are evaluated: the type check keeps
 * running (in a worker thread), so the caller can render and validate meanwhile and wait for it
 * only before writing (`dash build`, `dash diff`, `dash apply`).
 *
 * Syntax errors and unresolved imports are reported first (the type check is then stopped); an
 * error while evaluating gives way to the type errors, as when the check ran first.
 *
 * @example
 * const { project, typeCheck } = await loadProjectWhileTypeChecking({ cwd: process.cwd() });
 * const files = await typeCheck.gate(async () => render(project)); // throws TypeCheckError on type errors
 *
 * @throws {ConfigError} bad directory or config, no entry files.
 * @throws {LoadError} syntax errors, unresolved imports, exceptions at load, missing default exports.
 * @throws {TypeCheckError} type errors, when evaluating the entry files failed too.
 */
export async function loadProjectWhileTypeChecking(options: LoadProjectOptions): Promise<ProjectUnderTypeCheck> {
  const dir = path.resolve(options.cwd, options.dir ?? '.');
  await assertDirectory(dir, options.dir ?? '.');
  const tsconfig = options.tsconfig === undefined ? undefined : path.resolve(options.cwd, options.tsconfig);
  if (tsconfig !== undefined && !(await isFile(tsconfig))) {
    throw new ConfigError([{ message: `tsconfig not found: ${options.tsconfig} (--tsconfig is relative to the current directory)` }]);
  }
  const { file: configFile, config } = await loadConfig(dir);
  options.onConfig?.(config, dir);
  const outDir = options.outDir !== undefined ? path.resolve(options.cwd, options.outDir) : path.resolve(dir, config.outDir ?? DEFAULT_OUT_DIR);

  const hasMixins = (config.mixins ?? []).length > 0;
  const files = await discoverDashboardFiles({ dir, config, outDir, configFile, allowNone: hasMixins });
  if (files.length === 0) return { project: { dir, configFile, config, outDir, files, entries: [] }, typeCheck: NO_TYPE_CHECK };

  let typeCheck = NO_TYPE_CHECK;
  if (options.typecheck ?? true) {
    const checked = files.map((f) => path.join(dir, f));
    if (configFile && /\.m?ts$/.test(configFile)) checked.push(configFile);
    typeCheck = startTypeCheck({ dir, files: checked, ...(tsconfig !== undefined && { tsconfig }) });
  }
  let code: string;
  try {
    code = await bundleModules(dir, files);
  } catch (error) {
    // Syntax errors and unresolved imports are reported before type errors.
    await typeCheck.cancel();
    throw error;
  }
  const entries = await typeCheck.typeErrorsFirst(async () => evaluateEntries(dir, code, files));
  return { project: { dir, configFile, config, outDir, files, entries }, typeCheck };
}

/** Evaluates the bundle of `files` and returns each file's default export. */
async function evaluateEntries(dir: string, code: string, files: readonly string[]): Promise<ProjectEntry[]> {
  const modules = (await evaluateBundle(dir, code, files))['modules'] as Record<string, unknown>[];
  const missing: SourceProblem[] = [];
  const entries = files.map((source, i): ProjectEntry => {
    const namespace = modules[i]!;
    if (!('default' in namespace) || namespace['default'] === undefined) {
      missing.push({ file: source, message: 'no default export: export a dashboard or an array of dashboards' });
    }
    return { source, exported: namespace['default'] };
  });
  if (missing.length > 0) throw new LoadError(missing);
  return entries;
}

/**
 * Finds the config file of `dir` (see {@link CONFIG_FILE_NAMES}).
 *
 * @throws {ConfigError} when more than one exists.
 */
export async function findConfigFile(dir: string): Promise<string | undefined> {
  const found: string[] = [];
  for (const name of CONFIG_FILE_NAMES) {
    const candidate = path.join(dir, name);
    if (await isFile(candidate)) found.push(candidate);
  }
  if (found.length > 1) {
    throw new ConfigError([{ message: `more than one config file in ${dir}: ${found.map((f) => path.basename(f)).join(', ')}; keep one` }]);
  }
  return found[0];
}

/**
 * Loads and validates the config of `dir`; `{}` when there is no config file.
 *
 * @throws {ConfigError} invalid config (every problem listed).
 * @throws {LoadError} the config file does not compile or throws.
 */
export async function loadConfig(dir: string): Promise<{ file: string | undefined; config: DashConfig }> {
  const file = await findConfigFile(dir);
  if (!file) return { file, config: {} };
  const rel = path.relative(dir, file).split(path.sep).join('/');
  const [module] = await bundleAndEvaluate(dir, [rel]);
  const value = module!.namespace['default'];
  return { file, config: validateConfig(value, rel) };
}

const CONFIG_KEYS: ReadonlySet<string> = new Set([
  'dashboards',
  'outDir',
  'lint',
  'mixins',
  'ruleNamespace',
  'targets',
  'defaultTarget',
  'fleets',
  'schema',
  'project',
  'alerting',
  'datasources',
] satisfies (keyof DashConfig)[]);

/**
 * Checks a config value's shape and returns it typed.
 *
 * @throws {ConfigError} listing every problem, each prefixed by `file`.
 */
export function validateConfig(value: unknown, file: string): DashConfig {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError([{ file, message: 'the default export must be a config object (use defineConfig({...}))' }]);
  }
  const problems: SourceProblem[] = [];
  const config = value as Record<string, unknown>;
  for (const key of Object.keys(config)) {
    if (!CONFIG_KEYS.has(key)) {
      problems.push({ file, message: `unknown config key "${key}" (known: ${[...CONFIG_KEYS].join(', ')})` });
    }
  }
  const dashboards = config['dashboards'];
  if (dashboards !== undefined) {
    const list = Array.isArray(dashboards) ? dashboards : [dashboards];
    if (list.length === 0 || !list.every((p) => typeof p === 'string' && p !== '')) {
      problems.push({ file, message: `"dashboards" must be a non-empty glob or array of globs, got ${JSON.stringify(dashboards)}` });
    }
  }
  const outDir = config['outDir'];
  if (outDir !== undefined && (typeof outDir !== 'string' || outDir === '')) {
    problems.push({ file, message: `"outDir" must be a non-empty path, got ${JSON.stringify(outDir)}` });
  }
  const mixins = config['mixins'];
  if (mixins !== undefined) {
    if (!Array.isArray(mixins)) {
      problems.push({ file, message: `"mixins" must be an array of mixins, got ${describeValue(mixins)}` });
    } else {
      mixins.forEach((m, i) => {
        if (!isMixin(m)) {
          problems.push({
            file,
            message: `"mixins[${i}]" is not a mixin (use defineMixin(...) or import a mixin package's default export), got ${describeValue(m)}`,
          });
        }
      });
    }
  }
  const ruleNamespace = config['ruleNamespace'];
  if (
    ruleNamespace !== undefined &&
    !(typeof ruleNamespace === 'string' && ruleNamespace !== '') &&
    !(
      typeof ruleNamespace === 'object' &&
      ruleNamespace !== null &&
      !Array.isArray(ruleNamespace) &&
      Object.values(ruleNamespace).every((v) => typeof v === 'string' && v !== '')
    )
  ) {
    problems.push({
      file,
      message: `"ruleNamespace" must be a pattern like "{mixin}" or a map from mixin name to namespace, got ${describeValue(ruleNamespace)}`,
    });
  }
  const schema = config['schema'];
  if (schema !== undefined && !(DASHBOARD_SCHEMAS as readonly unknown[]).includes(schema)) {
    problems.push({ file, message: `"schema" must be "v1" or "v2", got ${describeValue(schema)}` });
  }
  const project = config['project'];
  if (project !== undefined && typeof project !== 'string') {
    problems.push({ file, message: `"project" must be a string (the project's name in ownership markers), got ${describeValue(project)}` });
  }
  const alerting = config['alerting'];
  if (alerting !== undefined) {
    if (typeof alerting !== 'object' || alerting === null || Array.isArray(alerting)) {
      problems.push({ file, message: `"alerting" must be { contactPoints, policy, muteTimings, templates, routingTests }, got ${describeValue(alerting)}` });
    } else {
      const known = new Set(['contactPoints', 'policy', 'muteTimings', 'templates', 'routingTests', 'secretsDir']);
      for (const key of Object.keys(alerting))
        if (!known.has(key)) problems.push({ file, message: `unknown key "alerting.${key}" (known: ${[...known].join(', ')})` });
      const secretsDir = (alerting as Record<string, unknown>)['secretsDir'];
      if (secretsDir !== undefined && !(typeof secretsDir === 'string' && secretsDir.startsWith('/'))) {
        problems.push({
          file,
          message: `"alerting.secretsDir" must be an absolute path (where Alertmanager finds the secret files), got ${describeValue(secretsDir)}`,
        });
      }
    }
  }
  problems.push(...validateDatasources(config['datasources'], file));
  problems.push(...validateTargets(config, file));
  if (problems.length > 0) throw new ConfigError(problems);
  return config as DashConfig;
}

/** Options of {@link discoverDashboardFiles}. */
export interface DiscoverOptions {
  dir: string;
  config: DashConfig;
  /** Absolute output directory: never searched. */
  outDir: string;
  /** Absolute config file path: never an entry. */
  configFile?: string | undefined;
  /** Return `[]` rather than failing when nothing matches (a project of mixins only). */
  allowNone?: boolean;
}

/**
 * Lists the dashboard entry files of a project, sorted, relative to `dir`.
 *
 * @throws {ConfigError} when nothing matches.
 */
export async function discoverDashboardFiles(options: DiscoverOptions): Promise<string[]> {
  const { dir, config, outDir, configFile } = options;
  const dashboards = config.dashboards ?? DEFAULT_DASHBOARDS_GLOB;
  const patterns = Array.isArray(dashboards) ? dashboards : [dashboards];
  const configRel = configFile ? path.relative(dir, configFile).split(path.sep).join('/') : undefined;
  const files = (await findFiles({ dir, patterns, ignoreDirs: [outDir] })).filter((f) => f !== configRel);
  if (files.length === 0 && !options.allowNone) {
    throw new ConfigError([{ message: `no dashboard files match ${patterns.join(', ')} in ${dir}` }]);
  }
  return files;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `an object${value.constructor && value.constructor !== Object ? ` (${value.constructor.name})` : ''}`;
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return typeof value === 'function' ? 'a function' : String(value);
}

async function assertDirectory(dir: string, given: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new ConfigError([{ message: `project directory not found: ${given}` }]);
}

async function isFile(file: string): Promise<boolean> {
  const info = await stat(file).catch(() => undefined);
  return info?.isFile() ?? false;
}
