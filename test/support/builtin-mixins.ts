// The built-in mixins of this repository (mixins/*/): every package whose package.json has
// `"grafts": { "mixin": … }`, loaded from its TypeScript source (`grafts.source`, else
// `index.ts`) so no build is needed. Used by the integration tests' global setup to load every
// mixin's alerts and recording rules into the shared Prometheus.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMixin, type Mixin } from '../../lib/mixin/define-mixin.js';

/** This repository's mixins/ folder. */
export const BUILTIN_MIXINS_DIR = fileURLToPath(new URL('../../mixins/', import.meta.url));

/** A mixin package found under mixins/. */
export interface BuiltinMixin {
  /** The package folder, e.g. `mixins/node-exporter`. */
  readonly dir: string;
  /** The npm package name. */
  readonly packageName: string;
  /** The module imported (absolute). */
  readonly entry: string;
  readonly mixin: Mixin<any>;
}

/**
 * Imports every mixin package under `root` (default mixins/), sorted by folder name. Throws,
 * naming the package, when one cannot be imported or its default export is not a Mixin.
 */
export async function loadBuiltinMixins(root = BUILTIN_MIXINS_DIR): Promise<BuiltinMixin[]> {
  const found: BuiltinMixin[] = [];
  const dirs = readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  for (const name of dirs) {
    const dir = path.join(root, name);
    const manifest = path.join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    let pkg: { name?: string; grafts?: { mixin?: string; source?: string } };
    try {
      pkg = JSON.parse(readFileSync(manifest, 'utf8')) as typeof pkg;
    } catch (e) {
      throw new Error(`built-in mixin ${path.relative(process.cwd(), dir)}: package.json: ${(e as Error).message}`, { cause: e });
    }
    if (!pkg.grafts?.mixin) continue;
    const entry = path.resolve(dir, pkg.grafts.source ?? 'index.ts');
    const label = `built-in mixin ${pkg.name ?? name} (${path.relative(process.cwd(), entry)})`;
    let mod: { default?: unknown };
    try {
      mod = (await import(entry)) as { default?: unknown };
    } catch (e) {
      throw new Error(`${label} failed to load: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`, { cause: e });
    }
    if (!isMixin(mod.default)) throw new Error(`${label}: the default export is not a Mixin (defineMixin(...))`);
    found.push({ dir, packageName: pkg.name ?? name, entry, mixin: mod.default });
  }
  return found;
}
