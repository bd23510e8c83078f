import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { isMixin, type Mixin } from '../mixin/define-mixin.js';
import { bundleAndEvaluate } from '../project/bundle-modules.js';
import { ConfigError, LoadError } from '../project/errors.js';
import { findConfigFile, loadConfig } from '../project/load-project.js';
import type { DashConfig } from '../project/define-config.js';

/** The `grafts` field of a mixin package's package.json. */
export interface MixinManifest {
  /** The built entry (what npm consumers import), e.g. `./dist/index.js`. */
  readonly mixin: string;
  /** The TypeScript entry, e.g. `./index.ts`: loaded instead of `mixin` when the file exists. */
  readonly source?: string;
}

/** One mixin `dash mixin` acts on. */
export interface MixinTarget {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a Mixin<C> is not assignable to Mixin<object>: any config
  readonly mixin: Mixin<any>;
  /** Where it comes from, for problem paths: `['package.json']`-relative entry, or `['dash.config.ts', 'mixins[0]']`. */
  readonly where: readonly string[];
  /** The package directory (absolute) when the mixin is a package: its `tests/` folder holds promtool YAML tests. */
  readonly packageDir?: string;
}

/** What {@link loadMixinTargets} found in a directory. */
export interface MixinTargets {
  /** `package`: a mixin package (package.json with `grafts.mixin`); `project`: a dash.config.* listing `mixins`. */
  readonly kind: 'package' | 'project';
  /** Absolute directory. */
  readonly dir: string;
  readonly mixins: readonly MixinTarget[];
  /** A project's `alerting` config (its routing tests run with the mixins' routes). */
  readonly alerting?: DashConfig['alerting'];
  /** A project's config file, relative to `dir`. */
  readonly configFile?: string;
}

/**
 * Loads the mixins of `dir`: a mixin package (its package.json has `"grafts": { "mixin": …,
 * "source"?: … }`; `source` is loaded through esbuild when present, so no compile step is
 * needed, else the built `mixin` entry; the default export must be a Mixin), or else a project
 * whose dash.config.* lists `mixins`. Not type-checked (esbuild strips the types).
 *
 * @example
 * await loadMixinTargets({ cwd: process.cwd(), dir: 'mixins/node-exporter' })
 * // → { kind: 'package', dir: '/repo/mixins/node-exporter', mixins: [{ mixin, where: ['index.ts'], packageDir: '/repo/mixins/node-exporter' }] }
 *
 * @throws {ConfigError} no such directory, neither a mixin package nor a project with mixins, a bad manifest.
 * @throws {LoadError} the entry does not load, or its default export is not a Mixin.
 */
export async function loadMixinTargets(options: { cwd: string; dir?: string }): Promise<MixinTargets> {
  const given = options.dir ?? '.';
  const dir = path.resolve(options.cwd, given);
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new ConfigError([{ message: `directory not found: ${given}` }]);

  const manifest = await readManifest(dir);
  if (manifest) {
    const source = manifest.source !== undefined && (await isFile(path.resolve(dir, manifest.source))) ? manifest.source : manifest.mixin;
    const entry = toPosix(path.relative(dir, path.resolve(dir, source)));
    if (!(await isFile(path.join(dir, entry)))) {
      throw new ConfigError([
        {
          file: 'package.json',
          message: `the mixin entry ${source} does not exist${manifest.source ? ` (nor does ${manifest.source})` : ''}; build the package first`,
        },
      ]);
    }
    const [module] = await bundleAndEvaluate(dir, [entry]);
    const exported = module!.namespace['default'];
    if (!isMixin(exported)) {
      throw new LoadError([{ file: entry, message: 'the default export must be a Mixin (export default defineMixin({...}))' }]);
    }
    return { kind: 'package', dir, mixins: [{ mixin: exported, where: [entry], packageDir: dir }] };
  }

  if (await findConfigFile(dir)) {
    const { file, config } = await loadConfig(dir);
    const rel = toPosix(path.relative(dir, file!));
    const mixins = config.mixins ?? [];
    if (mixins.length > 0) {
      return {
        kind: 'project',
        dir,
        mixins: mixins.map((mixin, i) => ({ mixin, where: [rel, `mixins[${i}]`] })),
        ...(config.alerting !== undefined && { alerting: config.alerting }),
        configFile: rel,
      };
    }
    throw new ConfigError([{ file: rel, message: 'lists no mixins (add `mixins: [...]` to it, or run dash mixin in a mixin package)' }]);
  }
  throw new ConfigError([
    { message: `${given} is neither a mixin package (package.json with "grafts": { "mixin": … }) nor a project whose dash.config.ts lists mixins` },
  ]);
}

async function readManifest(dir: string): Promise<MixinManifest | undefined> {
  const file = path.join(dir, 'package.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  let pkg: unknown;
  try {
    pkg = JSON.parse(text);
  } catch (error) {
    throw new ConfigError([{ file: 'package.json', message: `invalid JSON: ${(error as Error).message}` }]);
  }
  const grafts = (pkg as { grafts?: unknown }).grafts;
  if (grafts === undefined || typeof grafts !== 'object' || grafts === null || !('mixin' in grafts)) return undefined;
  const { mixin, source } = grafts as { mixin: unknown; source?: unknown };
  if (typeof mixin !== 'string' || mixin === '' || (source !== undefined && (typeof source !== 'string' || source === ''))) {
    throw new ConfigError([
      { file: 'package.json', message: '"grafts" must be { "mixin": "<built entry>", "source"?: "<TypeScript entry>" } with non-empty paths' },
    ]);
  }
  return source === undefined ? { mixin } : { mixin, source };
}

async function isFile(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined))?.isFile() ?? false;
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
