import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the running copy of grafts lives, so that `import ... from 'grafts'` in user code
 * reaches the very module instance the CLI uses (builders are branded with `Symbol.for`, but one
 * instance also means one set of defaults and one renderer).
 *
 * - `built`: this file is `dist/lib/project/grafts-location.js`; user imports are left external
 *   and point at `dist/lib/*.js`, types at `dist/lib/*.d.ts`.
 * - `source`: this file is `lib/project/grafts-location.ts` (vitest, tsx); Node cannot import the
 *   `.ts` library, so it is bundled into the user bundle instead.
 *
 * @internal
 */
export interface GraftsLocation {
  mode: 'built' | 'source';
  /** The package root (the directory holding grafts' package.json). */
  packageRoot: string;
  /** `dist/lib` or `lib`: files in it are grafts' own, never reported as user problems. */
  libDir: string;
  /** Resolves `grafts` or `grafts/<sub>` to the file to import at run time, or undefined. */
  runtimeFile(specifier: string): string | undefined;
  /** Resolves `grafts` or `grafts/<sub>` to the file the type checker should read. */
  typesFile(specifier: string): string | undefined;
}

interface ExportTarget {
  import?: string;
  types?: string;
  default?: string;
}

let cached: GraftsLocation | undefined;

/** @internal */
export function graftsLocation(): GraftsLocation {
  cached ??= locate(fileURLToPath(import.meta.url));
  return cached;
}

function locate(thisFile: string): GraftsLocation {
  const mode = thisFile.endsWith('.ts') ? 'source' : 'built';
  const libDir = path.resolve(path.dirname(thisFile), '..');
  const packageRoot = findPackageRoot(libDir);
  const manifest = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as {
    exports?: Record<string, string | ExportTarget>;
  };
  const exportsMap = manifest.exports ?? { '.': { import: './dist/lib/index.js' } };

  const target = (specifier: string, field: 'import' | 'types'): string | undefined => {
    const key = specifier === 'grafts' ? '.' : `.${specifier.slice('grafts'.length)}`;
    const entry = exportsMap[key];
    if (entry === undefined) return undefined;
    const rel = typeof entry === 'string' ? entry : (entry[field] ?? entry.import ?? entry.default);
    if (rel === undefined || !rel.startsWith('./')) return undefined;
    const built = path.join(packageRoot, rel);
    if (mode === 'built') return built;
    // dist/lib/x.js or dist/lib/x.d.ts -> lib/x.ts
    const distLib = path.join(packageRoot, 'dist', 'lib');
    const inLib = path.relative(distLib, built);
    if (inLib.startsWith('..')) return built;
    return path.join(libDir, inLib.replace(/\.d\.ts$|\.js$/, '.ts'));
  };

  return {
    mode,
    packageRoot,
    libDir,
    runtimeFile: (specifier) => target(specifier, 'import'),
    typesFile: (specifier) => target(specifier, 'types'),
  };
}

function findPackageRoot(from: string): string {
  let dir = from;
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (existsSync(candidate)) {
      const name = (JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name;
      if (name === 'grafts') return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the grafts package.json above ${from}`);
    dir = parent;
  }
}
