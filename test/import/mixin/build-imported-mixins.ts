import { readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { applyGrafanaLoadFixes } from '../../../lib/import/dashboard/grafana-load-fixes.js';
import { analyzeDashboard } from '../../../lib/import/dashboard/import-dashboard.js';
import { migrateLegacy } from '../../../lib/import/dashboard/migrate-legacy.js';
import { resolveInputs } from '../../../lib/import/dashboard/resolve-inputs.js';
import { normalizeForRoundTrip } from '../../../lib/import/dashboard/round-trip-normalize.js';
import type { RenderedMixinDir } from '../../../lib/import/mixin/read-rendered-mixin.js';
import { isMixin, type Mixin } from '../../../lib/mixin/define-mixin.js';
import { mixinFiles, MIXIN_FILES } from '../../../lib/mixin/mixin-files.js';
import { bundleAndEvaluate } from '../../../lib/project/bundle-modules.js';
import type { SourceProblem } from '../../../lib/project/errors.js';
import { typeCheck } from '../../../lib/project/type-check.js';
import { sameJson } from '../../../lib/sync/normalize.js';
import { groupsOf } from '../rules/evaluate-rule-modules.js';

/** What `dash mixin build` of an imported package writes, file path → contents. */
export type BuiltFiles = ReadonlyMap<string, string>;

/** A package's build: its files, or (when it does not render) the error and the files of its rules alone. */
export interface BuiltMixin {
  readonly files: BuiltFiles;
  readonly error?: string;
}

/**
 * Type-checks every `.ts` file of the packages under `root` in ONE TypeScript program, loads each
 * package's `index.ts` in ONE esbuild bundle, and renders each default export the way
 * `dash mixin build` does (render + mixtool file layout). A package that fails to render gets its
 * error message, and the files it renders with its `dashboards` dropped (to still compare its rules).
 */
export async function buildImportedMixins(
  root: string,
  packages: readonly string[],
  dashboardFiles: ReadonlyMap<string, readonly string[]>,
): Promise<{ problems: SourceProblem[]; built: Map<string, BuiltMixin> }> {
  const tsFiles = packages.flatMap((p) =>
    readdirSync(path.join(root, p), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => path.join(root, p, f)),
  );
  const problems = await typeCheck({ dir: root, files: tsFiles, cacheDir: false });
  const modules = await bundleAndEvaluate(
    root,
    packages.map((p) => `${p}/index.ts`),
  );
  const built = new Map<string, BuiltMixin>();
  const filesOf = (m: Mixin<object>) => new Map(mixinFiles(m.render()).map((f) => [f.path, f.contents]));
  modules.forEach(({ namespace }, i) => {
    const name = packages[i]!;
    const mixin = namespace['default'];
    if (!isMixin(mixin)) {
      built.set(name, { files: new Map(), error: 'the default export is not a mixin' });
      return;
    }
    try {
      built.set(name, { files: filesOf(mixin) });
    } catch (error) {
      const message = (error as Error).message.split('\n').slice(0, 2).join(' ');
      built.set(name, { files: filesOf(mixin.dropDashboard(...(dashboardFiles.get(name) ?? []))), error: message });
    }
  });
  return { problems, built };
}

/**
 * Differences between a rendered mixin and what its imported package builds: rule files compare
 * as parsed YAML (same groups, rules and fields; an empty input file equals `groups: []`);
 * dashboards compare as the dashboard round trip does (A's normaliser, after the legacy
 * migrations and the corrections Grafana makes on load that the importer performs and notes, e.g.
 * a gridPos without `x` is at column 0).
 */
export function buildBackDifferences(input: RenderedMixinDir, build: BuiltMixin): string[] {
  const out: string[] = [];
  const built = build.files;
  const sameRules = (file: { source: string; groups: unknown[] } | undefined, outPath: string) => {
    const after = groupsOf(parse(built.get(outPath) ?? '') as unknown);
    if (!sameJson(file?.groups ?? [], after)) out.push(`${file?.source ?? outPath}: rule groups differ`);
  };
  sameRules(input.alerts, MIXIN_FILES.alerts);
  sameRules(input.rules, MIXIN_FILES.rules);
  if (build.error !== undefined) return [...out, `render: ${build.error}`];
  const dashboards = [...built.keys()].filter((k) => k.startsWith(`${MIXIN_FILES.dashboards}/`));
  if (dashboards.length !== input.dashboards.length) out.push(`${dashboards.length} dashboards built, ${input.dashboards.length} in the input`);
  for (const d of input.dashboards) {
    const text = built.get(`${MIXIN_FILES.dashboards}/${d.file}`);
    if (text === undefined) {
      out.push(`${d.source}: not built`);
      continue;
    }
    const expected = normalizeForRoundTrip(applyGrafanaLoadFixes(resolveInputs(migrateLegacy(d.json, []), []), []));
    const actual = normalizeForRoundTrip(JSON.parse(text) as Record<string, unknown>);
    if (sameJson(expected, actual)) continue;
    // Why: the dashboard importer's own verdict on this dashboard (layout, validation), if it has one.
    const { differences } = analyzeDashboard(d.json, { source: d.source });
    out.push(...(differences.length > 0 ? differences : ['the built dashboard differs']).map((x) => `${d.source}: ${x}`));
  }
  return out;
}
