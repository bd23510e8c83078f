import path from 'node:path';
import { isPlainObject } from '../../model/deep-merge.js';
import { importDashboard } from '../dashboard/import-dashboard.js';
import { IdentifierPool } from '../dashboard/naming.js';
import { ruleModuleCode } from '../rules/rule-module-code.js';
import { tsString, tsText } from '../rules/ts-literal.js';
import { findDatasourceSettings, liftDatasource } from './lift-datasource.js';
import { findRepeatedSelector, liftSelector, type RepeatedSelector } from './lift-selector.js';
import { MixinImportError } from './mixin-import-error.js';
import { readRenderedMixin, type RenderedMixinDir } from './read-rendered-mixin.js';
import { writePackageFiles, type PackageFile } from './write-package-files.js';

/** Options of {@link importMixin}. */
export interface ImportMixinOptions {
  /** The package folder to create. */
  outDir: string;
  /** The mixin's name (kebab-case). @default the input folder's name */
  name?: string;
  /** Replace files in a non-empty `outDir`. @default false */
  force?: boolean;
  /** Module the code imports builders from. @default 'grafts' */
  importPath?: string;
  /** Generate everything, check the output folder, write nothing. @default false */
  dryRun?: boolean;
}

/** A config key lifted out of the queries. */
export interface LiftedConfigKey {
  readonly key: string;
  /** The default: a matcher's exact text (`job="node"`), a data source name or regex. */
  readonly value: string;
  /** What it is, as written in config.ts: `the label matcher the alerts and rules select on`. */
  readonly what: string;
  /** Places holding it, and places looked at (selectors, data source variables). */
  readonly count: number;
  readonly of: number;
}

/** What {@link importMixin} wrote. */
export interface ImportedMixin {
  name: string;
  /** Absolute package folder. */
  outDir: string;
  /** Files written (or, with `dryRun`, that would be), relative to `outDir`, sorted. */
  files: string[];
  /** The typed config's keys and defaults. */
  config: LiftedConfigKey[];
  /** Things worth a look: fields kept through `$merge`, legacy panels migrated, selectors lifted. */
  notes: string[];
}

/**
 * Turns a rendered mixin (mixtool's output, or the corpus layout: `dashboards_out/` or
 * `dashboards/`, `prometheus_alerts.yaml` or `alerts.yaml`, `prometheus_rules.yaml` or
 * `rules.yaml`) into a grafts mixin package: `package.json` (`mixin-<name>`, `grafts.mixin`),
 * `index.ts` with `defineMixin`, `config.ts` with the typed config, `alerts.ts`, `rules.ts` and
 * `dashboards/*.ts`. The config lifts the label matcher most selectors repeat (found by parsing
 * the PromQL) out of the queries, so `mixin.config({ selector: 'job="my-node"' })` changes every
 * alert, rule and dashboard query that used it; and the default and regex of the dashboards'
 * Prometheus data source variable (`datasource`, `datasourceRegex`) when most dashboards share them. `dash mixin build` of the package writes back the
 * same files (same dashboards, same rule groups, expressions byte for byte).
 *
 * Everything is generated in memory first; the files are then written all or nothing.
 *
 * @example
 * await importMixin('vendor/node-mixin/out', { outDir: 'mixins/node' })
 * // → { name: 'out', outDir: '/repo/mixins/node', files: ['alerts.ts', 'config.ts', 'dashboards/nodes.ts', 'index.ts', 'package.json', 'rules.ts'],
 * //     config: [{ key: 'selector', value: 'job="node"', what: 'the label matcher the alerts, rules and dashboards select on', count: 184, of: 184 }], notes: [...] }
 *
 * @throws {MixinImportError} nothing to import, invalid input files (all of them), an existing
 *   non-empty `outDir` without `force`.
 */
export async function importMixin(dir: string, options: ImportMixinOptions): Promise<ImportedMixin> {
  const rendered = await readRenderedMixin(dir);
  const name = kebab(options.name ?? path.basename(path.resolve(dir)));
  if (name === '') throw new MixinImportError([`${dir}: cannot derive a mixin name from the folder; pass one (--name)`]);
  const generated = await mixinPackageFiles(rendered, { name, ...(options.importPath !== undefined && { importPath: options.importPath }) });
  await writePackageFiles(options.outDir, generated.files, options.force ?? false, options.dryRun ?? false);
  return {
    name,
    outDir: path.resolve(options.outDir),
    files: generated.files.map((f) => f.path).sort(),
    config: generated.config,
    notes: generated.notes,
  };
}

/** The files of the package {@link importMixin} writes, generated in memory. @internal */
export async function mixinPackageFiles(
  rendered: RenderedMixinDir,
  options: { name: string; importPath?: string },
): Promise<{ files: PackageFile[]; config: LiftedConfigKey[]; notes: string[] }> {
  const { name } = options;
  const importPath = options.importPath ?? 'grafts';
  const configType = `${pascal(name)}Config`;
  const paramType = `Readonly<${configType}>`;
  const notes: string[] = [];
  const problems: string[] = [];

  // The config: the matcher repeated by most selectors of the rules, and of the dashboards.
  const ruleGroups = [...(rendered.alerts?.groups ?? []), ...(rendered.rules?.groups ?? [])];
  const ruleSelector = findRepeatedSelector(ruleExprs(ruleGroups));
  const dashboardSelector = findRepeatedSelector(rendered.dashboards.flatMap((d) => dashboardExprs(d.json)));
  const config: LiftedConfigKey[] = [];
  const lift = (found: RepeatedSelector | undefined, key: string, from: string) => {
    if (found) config.push({ key, value: found.text, what: `the label matcher the ${from} select on`, count: found.count, of: found.of });
  };
  if (ruleSelector && dashboardSelector && ruleSelector.text === dashboardSelector.text) {
    lift(
      { text: ruleSelector.text, count: ruleSelector.count + dashboardSelector.count, of: ruleSelector.of + dashboardSelector.of },
      'selector',
      'alerts, rules and dashboards',
    );
  } else {
    lift(ruleSelector, 'selector', 'alerts and rules');
    lift(dashboardSelector, ruleSelector ? 'dashboardSelector' : 'selector', 'dashboards');
  }
  const keyFor = (text: string | undefined) => config.find((k) => k.value === text)?.key;
  const ruleKey = keyFor(ruleSelector?.text);
  const dashboardKey = keyFor(dashboardSelector?.text);
  // The data source: the default and the regex of the dashboards' Prometheus data source variables.
  const datasource = findDatasourceSettings(rendered.dashboards.map((d) => d.json));
  if (datasource.datasource) {
    const { value, count, of } = datasource.datasource;
    config.push({ key: 'datasource', value, what: 'the Prometheus data source the dashboards select by default', count, of });
  }
  if (datasource.datasourceRegex) {
    const { value, count, of } = datasource.datasourceRegex;
    config.push({ key: 'datasourceRegex', value, what: 'the regex limiting the Prometheus data sources the dashboards offer', count, of });
  }
  const liftedDatasource = {
    ...(datasource.datasource && { defaultValue: { value: datasource.datasource.value, code: 'c.datasource' } }),
    ...(datasource.datasourceRegex && { regex: { value: datasource.datasourceRegex.value, code: 'c.datasourceRegex' } }),
  };
  for (const k of config) notes.push(`config.${k.key}: ${k.value} lifted (${k.what}; ${k.count} of ${k.of})`);

  const files: PackageFile[] = [];
  const ruleExprCode = (expr: string) => (ruleKey && liftSelector(expr, ruleSelector!.text, `c.${ruleKey}`)) ?? tsText(expr);
  const preamble = (from: string) => `import type { ${configType} } from '${from}config.js';`;
  for (const [kind, file] of [
    ['alerts', rendered.alerts],
    ['rules', rendered.rules],
  ] as const) {
    if (!file) continue;
    try {
      const module = ruleModuleCode(file.groups, {
        source: file.source,
        importPath,
        exprCode: ruleExprCode,
        preamble: preamble('./'),
        asFunction: { name: kind, paramType, doc: kind === 'alerts' ? 'The alerting rule groups.' : 'The recording rule groups.' },
      });
      files.push({ path: `${kind}.ts`, contents: module.code });
      notes.push(...module.notes.map((n) => `${file.source} › ${n}`));
    } catch (error) {
      problems.push((error as Error).message);
    }
  }

  const modules = new IdentifierPool(['c', 'defineMixin', 'defaults', 'alerts', 'rules', configType, `${camel(name)}Mixin`]);
  const moduleFiles = new Set<string>();
  const dashboards: { file: string; identifier: string; module: string }[] = [];
  for (const d of rendered.dashboards) {
    const base = d.file.replace(/\.json$/, '');
    let module = base.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'dashboard';
    for (let n = 2; moduleFiles.has(module.toLowerCase()); n++) module = `${base}-${n}`;
    moduleFiles.add(module.toLowerCase());
    try {
      const imported = await importDashboard(d.json, {
        source: d.source,
        importPath,
        config: {
          rewriteExpr: (expr: string) => (dashboardKey ? liftSelector(expr, dashboardSelector!.text, `c.${dashboardKey}`) : undefined),
          preamble: preamble('../'),
          paramType,
        },
      });
      if (imported.buildProblems.length > 0) {
        problems.push(`${d.source}: the generated code would not build: ${imported.buildProblems.join('; ')}`);
        continue;
      }
      files.push({ path: `dashboards/${module}.ts`, contents: liftDatasource(imported.code, liftedDatasource) });
      notes.push(...imported.notes.map((n) => `${d.source} › ${n}`));
      dashboards.push({ file: d.file, identifier: modules.take(module, 'Dashboard'), module });
    } catch (error) {
      problems.push(error instanceof Error ? error.message : `${d.source}: ${String(error)}`);
    }
  }
  if (problems.length > 0) throw new MixinImportError(problems);

  files.push({ path: 'config.ts', contents: configCode(name, configType, config) });
  files.push({ path: 'index.ts', contents: indexCode(name, configType, importPath, rendered, dashboards) });
  files.push({ path: 'package.json', contents: packageJson(name, importPath) });
  files.push({ path: 'README.md', contents: readme(name, rendered, config, notes) });
  return { files, config, notes };
}

function readme(name: string, rendered: RenderedMixinDir, config: readonly LiftedConfigKey[], notes: readonly string[]): string {
  const cell = (text: string) =>
    text
      .replace(/[\r\n]+/g, ' ')
      .replace(/\|/g, '\\|')
      .replace(/`/g, "'");
  const lines = [
    `# mixin-${name}`,
    '',
    `The ${name} mixin as grafts code, imported from its rendered files by \`dash import --mixin\`:`,
    `${rendered.dashboards.length} dashboard(s), ${rendered.alerts?.groups.length ?? 0} alert group(s), ${rendered.rules?.groups.length ?? 0} recording rule group(s).`,
    '',
    '```sh',
    'npx dash mixin build .   # dashboards_out/, prometheus_alerts.yaml, prometheus_rules.yaml in ./out',
    '```',
    '',
    '## Config',
    '',
  ];
  if (config.length === 0) lines.push('Nothing was lifted into config (no label matcher or data source setting is shared by most queries).');
  else {
    lines.push('| key | default | what |', '|---|---|---|');
    for (const k of config) lines.push(`| \`${k.key}\` | \`${cell(k.value)}\` | ${cell(k.what)} (${k.count} of ${k.of}) |`);
  }
  if (notes.length > 0) lines.push('', '## Import notes', '', ...notes.map((n) => `- ${cell(n)}`));
  return `${lines.join('\n')}\n`;
}

function configCode(name: string, configType: string, config: readonly LiftedConfigKey[]): string {
  const lines = [`// Config of the ${name} mixin, lifted out of its rendered queries by \`dash import --mixin\`.`, ''];
  lines.push(`/** What a consumer can change with \`.config({...})\`. */`);
  if (config.length === 0) {
    lines.push(`// No label matcher is repeated by most queries, so there is nothing to lift yet.`);
    lines.push(`export interface ${configType} {}`);
  } else {
    lines.push(`export interface ${configType} {`);
    for (const k of config) {
      lines.push(`  /** ${k.what[0]!.toUpperCase()}${k.what.slice(1)} (${k.count} of ${k.of} in the rendered mixin). */`);
      lines.push(`  ${k.key}: string;`);
    }
    lines.push('}');
  }
  lines.push('', `export const defaults: ${configType} = {`);
  for (const k of config) lines.push(`  ${k.key}: ${tsString(k.value)},`);
  lines.push('};', '');
  return lines.join('\n');
}

function indexCode(
  name: string,
  configType: string,
  importPath: string,
  rendered: RenderedMixinDir,
  dashboards: readonly { file: string; identifier: string; module: string }[],
): string {
  const mixinConst = `${camel(name)}Mixin`;
  const lines = [`// The ${name} mixin, imported from its rendered files by \`dash import --mixin\`.`, `import { defineMixin } from ${tsString(importPath)};`];
  if (rendered.alerts) lines.push(`import { alerts } from './alerts.js';`);
  lines.push(`import { defaults, type ${configType} } from './config.js';`);
  for (const d of dashboards) lines.push(`import ${d.identifier} from ${tsString(`./dashboards/${d.module}.js`)};`);
  if (rendered.rules) lines.push(`import { rules } from './rules.js';`);
  lines.push('', `export type { ${configType} } from './config.js';`, '');
  lines.push(`/** The ${name} mixin with its defaults; configure it with \`.config({...})\` and the other overrides. */`);
  lines.push(`export const ${mixinConst} = defineMixin<${configType}>({`);
  lines.push(`  name: ${tsString(name)},`, '  defaults,');
  if (dashboards.length > 0) {
    lines.push('  dashboards: (c) => ({');
    for (const d of dashboards) lines.push(`    ${tsString(d.file)}: ${d.identifier}(c),`);
    lines.push('  }),');
  }
  if (rendered.alerts) lines.push('  alerts,');
  if (rendered.rules) lines.push('  rules,');
  lines.push('});', '', `export default ${mixinConst};`, '');
  return lines.join('\n');
}

function packageJson(name: string, importPath: string): string {
  const pkg = {
    name: `mixin-${name}`,
    version: '0.1.0',
    description: `The ${name} mixin as grafts code (imported with dash import --mixin)`,
    private: true,
    type: 'module',
    main: './dist/index.js',
    grafts: { mixin: './dist/index.js', source: './index.ts' },
    peerDependencies: { [importPath === 'grafts' || importPath.startsWith('.') ? 'grafts' : importPath]: '^0.1.0' },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

/** PromQL expressions of rule groups (for finding the repeated selector). */
function ruleExprs(groups: readonly unknown[]): string[] {
  return groups.flatMap((g) =>
    isPlainObject(g) && Array.isArray(g['rules']) ? g['rules'].flatMap((r) => (isPlainObject(r) && typeof r['expr'] === 'string' ? [r['expr']] : [])) : [],
  );
}

/** Query text of a dashboard: every `expr` (targets, annotations) and query variables' queries. */
function dashboardExprs(json: unknown, out: string[] = [], depth = 0): string[] {
  if (depth > 50) return out;
  if (Array.isArray(json)) for (const item of json) dashboardExprs(item, out, depth + 1);
  else if (isPlainObject(json)) {
    for (const [key, value] of Object.entries(json)) {
      if (key === 'expr' && typeof value === 'string') out.push(value);
      else if (key === 'query' && json['type'] === 'query') {
        if (typeof value === 'string') out.push(value);
        else if (isPlainObject(value) && typeof value['query'] === 'string') out.push(value['query']);
      } else dashboardExprs(value, out, depth + 1);
    }
  }
  return out;
}

function kebab(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function camel(kebabName: string): string {
  const words = kebabName.split('-').filter((w) => w !== '');
  const joined = words.map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join('');
  return /^\d/.test(joined) ? `mixin${joined}` : joined;
}

function pascal(kebabName: string): string {
  const c = camel(kebabName);
  return c[0]!.toUpperCase() + c.slice(1);
}
