import { v2SpecOfJson } from '../render/v2/v2-spec-of-json.js';
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { asDashboard, collectInputs, parseJson, type CollectedInputs } from '../project/collect-inputs.js';
import type { LintExclusion } from '../project/define-config.js';
import { OutputError } from '../project/errors.js';
import { compareCodeUnits } from '../project/find-files.js';
import { findConfigFile, loadConfig } from '../project/load-project.js';
import { effectiveSeverity, matchingExclusion, validateLintConfig, type ScopedLintConfig } from './config.js';
import { dashboardView, lintInputs, type DashboardView, type LintInputs } from './model.js';
import { LINT_RULES } from './registry.js';
import type { LintFinding, LintRule } from './types.js';

/** Options of {@link runLint}. */
export interface LintOptions {
  /** Directory relative paths are resolved from (the CLI passes `process.cwd()`). */
  cwd: string;
  /** Grafts project directories, directories of JSON dashboards / rule files, or single files. @default ["."] */
  paths?: string[];
  /** Repair what is safe in JSON input files (never TypeScript sources), then lint again. */
  fix?: boolean;
  /** Type-check grafts projects before rendering them. @default true */
  typecheck?: boolean;
  /** Fail when more warnings than this remain (errors always fail). */
  maxWarnings?: number;
}

/** A file `--fix` rewrote. */
export interface LintFixedFile {
  source: string;
  /** Number of changes, per rule id. */
  fixes: Record<string, number>;
}

/** What {@link runLint} found; also the `dash lint --json` output. */
export interface LintResult {
  /** Sorted by source, dashboard, panel, then rule order. */
  findings: LintFinding[];
  counts: {
    error: number;
    warning: number;
    info: number;
    /** Findings dropped by `lint.exclude`. */
    excluded: number;
    dashboards: number;
    ruleFiles: number;
    /** PromQL and LogQL queries linted (dashboard targets and rule expressions). */
    queries: number;
  };
  /** Files rewritten by `--fix` (empty without it). */
  fixed: LintFixedFile[];
  /** The exclusions that dropped findings, with how many each. */
  excluded: { exclusion: LintExclusion; findings: number }[];
  /** False when an error remains, or more warnings than `maxWarnings`: `dash lint` exits 1. */
  passed: boolean;
}

/**
 * Lints dashboards and Prometheus rule files: grafts projects (rendered in memory), dashboard
 * JSON files and rule YAML files (see `collectInputs`). Rule severities and exclusions come from
 * the `lint` key of `dash.config.*` in `cwd` and in each directory given. With `fix`, safe repairs
 * are written to the JSON files all at once (nothing is written when anything fails) and the
 * result describes what remains. Prints nothing.
 *
 * @example
 * const result = await runLint({ cwd: process.cwd(), paths: ['dashboards/'] });
 * // { findings: [{ rule: 'rate-interval', severity: 'warning', source: 'dashboards/api.json', ... }],
 * //   counts: { error: 0, warning: 1, ... }, fixed: [], passed: true }
 *
 * @throws {ConfigError} a path does not exist, an invalid `lint` config.
 * @throws {LoadError | TypeCheckError | ValidationError} unreadable inputs.
 * @throws {OutputError} a fixed file cannot be written (nothing else is left half-written).
 */
export async function runLint(options: LintOptions): Promise<LintResult> {
  const cwd = path.resolve(options.cwd);
  const paths = options.paths && options.paths.length > 0 ? options.paths : ['.'];
  const scopes = await lintConfigs(cwd, paths);
  const inputs = await collectInputs({ cwd, paths, ...(options.typecheck !== undefined && { typecheck: options.typecheck }) });
  const rules = LINT_RULES;

  const fixed = options.fix ? await applyFixes(cwd, inputs, scopes, rules) : [];
  return lintCollected(inputs, { scopes, fixed, ...(options.maxWarnings !== undefined && { maxWarnings: options.maxWarnings }) });
}

/**
 * Lints inputs already collected (the engine of {@link runLint}, also used by the benchmark).
 */
export function lintCollected(
  inputs: CollectedInputs,
  options: { scopes?: readonly ScopedLintConfig[]; fixed?: LintFixedFile[]; maxWarnings?: number } = {},
): LintResult {
  const scopes = options.scopes ?? [];
  const ctx = lintInputs(inputs);
  const findings: LintFinding[] = [];
  const excludedBy = new Map<LintExclusion, number>();
  let excluded = 0;
  for (const rule of LINT_RULES) {
    for (const raw of rule.check(ctx)) {
      const setting = effectiveSeverity(scopes, raw.source, rule.id, rule.severity);
      if (setting === 'off') continue;
      const finding: LintFinding = { rule: rule.id, severity: setting, message: raw.message, source: raw.source, location: raw.location };
      const exclusion = matchingExclusion(scopes, finding);
      if (exclusion) {
        excluded++;
        excludedBy.set(exclusion, (excludedBy.get(exclusion) ?? 0) + 1);
        continue;
      }
      if (raw.fixable) {
        const fromJson = ctx.dashboards.find((d) => d.source === raw.source)?.fromJson ?? true;
        finding.hint = fromJson ? 'fixable: dash lint --fix' : 'fix in the .dash.ts source (--fix only rewrites JSON files)';
      }
      findings.push(finding);
    }
  }
  sortFindings(findings, ctx);
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  const counts = {
    error: count('error'),
    warning: count('warning'),
    info: count('info'),
    excluded,
    dashboards: ctx.dashboards.length,
    ruleFiles: ctx.ruleFiles.length,
    queries: countQueries(ctx),
  };
  const passed = counts.error === 0 && (options.maxWarnings === undefined || counts.warning <= options.maxWarnings);
  return {
    findings,
    counts,
    fixed: options.fixed ?? [],
    excluded: [...excludedBy].map(([exclusion, n]) => ({ exclusion, findings: n })),
    passed,
  };
}

function countQueries(ctx: LintInputs): number {
  let n = 0;
  for (const d of ctx.dashboards) for (const p of d.panels) for (const t of p.targets) if (t.language) n++;
  for (const f of ctx.ruleFiles) for (const g of f.groups) n += g.rules.filter((r) => r.expr !== undefined).length;
  return n;
}

function sortFindings(findings: LintFinding[], ctx: LintInputs): void {
  const dashboardOrder = new Map<string, number>();
  ctx.dashboards.forEach((d, i) => {
    const key = `${d.source}\u0000${d.title || '(untitled)'}`;
    if (!dashboardOrder.has(key)) dashboardOrder.set(key, i);
  });
  const panelOrder = new Map<string, number>();
  for (const d of ctx.dashboards) {
    d.panels.forEach((p, i) => {
      const key = `${d.source}\u0000${d.title || '(untitled)'}\u0000${p.id ?? ''}\u0000${p.title || '(untitled)'}`;
      if (!panelOrder.has(key)) panelOrder.set(key, i);
    });
  }
  const keyed = findings.map((f, i) => {
    const l = f.location;
    const d = `${f.source}\u0000${l.dashboard ?? ''}`;
    return {
      f,
      i,
      dashboard: dashboardOrder.get(d) ?? -1,
      panel: l.panel === undefined ? -1 : (panelOrder.get(`${d}\u0000${l.panelId ?? ''}\u0000${l.panel}`) ?? -1),
    };
  });
  keyed.sort((a, b) => compareCodeUnits(a.f.source, b.f.source) || a.dashboard - b.dashboard || a.panel - b.panel || a.i - b.i);
  findings.splice(0, findings.length, ...keyed.map((k) => k.f));
}

/** Lint configs of `cwd` and of each directory path given. */
async function lintConfigs(cwd: string, paths: readonly string[]): Promise<ScopedLintConfig[]> {
  const dirs = new Set<string>([cwd]);
  for (const p of paths) {
    const abs = path.resolve(cwd, p);
    const info = await stat(abs).catch(() => undefined);
    if (info?.isDirectory()) dirs.add(abs);
  }
  const scopes: ScopedLintConfig[] = [];
  for (const dir of [...dirs].sort()) {
    if (!(await findConfigFile(dir))) continue;
    const { file, config } = await loadConfig(dir);
    const rel = path.relative(cwd, dir).split(path.sep).join('/');
    scopes.push({ prefix: rel, config: validateLintConfig(config.lint, path.relative(cwd, file!).split(path.sep).join('/')) });
  }
  return scopes;
}

interface JsonFile {
  source: string;
  abs: string;
  text: string;
  root: unknown;
  dashboard: Record<string, unknown>;
}

/**
 * Runs every enabled rule's `fix` on the dashboards read from JSON files, then writes the files
 * that changed, all at once. Replaces the inputs' dashboard objects by the fixed ones.
 */
async function applyFixes(cwd: string, inputs: CollectedInputs, scopes: readonly ScopedLintConfig[], rules: readonly LintRule[]): Promise<LintFixedFile[]> {
  const files: JsonFile[] = [];
  for (const d of inputs.dashboards) {
    if (!d.fromJson) continue;
    const abs = path.resolve(cwd, d.source);
    const text = await readFile(abs, 'utf8');
    const parsed = parseJson(text);
    const dashboard = parsed.ok ? asDashboard(parsed.value) : undefined;
    if (!parsed.ok || !dashboard) continue; // collectInputs has just read it; changed meanwhile
    if (v2SpecOfJson(dashboard) !== undefined) continue; // schema v2: linted through a classic copy, never rewritten
    files.push({ source: d.source, abs, text, root: parsed.value, dashboard });
    d.json = dashboard;
  }
  const fixes = new Map<string, Record<string, number>>();
  for (const rule of rules) {
    if (!rule.fix) continue;
    const views: DashboardView[] = [];
    for (const f of files) {
      if (effectiveSeverity(scopes, f.source, rule.id, rule.severity) === 'off') continue;
      const view = dashboardView(f.source, f.dashboard, true);
      // Leave excluded dashboards and panels alone.
      const dashboardExcluded = matchingExclusion(scopes, { rule: rule.id, source: f.source, location: view.location() });
      if (dashboardExcluded && dashboardExcluded.panel === undefined) continue;
      const panels = view.panels.filter((p) => !matchingExclusion(scopes, { rule: rule.id, source: f.source, location: view.location(p) }));
      views.push({ ...view, panels });
    }
    for (const view of views) {
      const n = rule.fix({ dashboards: [view], ruleFiles: [] });
      if (n === 0) continue;
      const entry = fixes.get(view.source) ?? {};
      entry[rule.id] = (entry[rule.id] ?? 0) + n;
      fixes.set(view.source, entry);
    }
  }
  const changed = files.filter((f) => fixes.has(f.source));
  await writeAll(changed.map((f) => ({ abs: f.abs, contents: serialize(f.root, f.text) })));
  return changed.map((f) => ({ source: f.source, fixes: fixes.get(f.source)! }));
}

/** JSON with the original's indentation and final newline. */
function serialize(root: unknown, original: string): string {
  const indent = /^[{[]\r?\n([ \t]+)\S/.exec(original)?.[1] ?? '  ';
  const eol = original.includes('\r\n') ? '\r\n' : '\n';
  let out = JSON.stringify(root, null, indent);
  if (eol !== '\n') out = out.replace(/\n/g, eol);
  return /\r?\n$/.test(original) ? out + eol : out;
}

/** Writes every file to a temp sibling first, then renames them all; removes the temps on failure. */
async function writeAll(files: { abs: string; contents: string }[]): Promise<void> {
  const temps: string[] = [];
  try {
    for (const f of files) {
      const temp = `${f.abs}.grafts-fix-${process.pid}.tmp`;
      temps.push(temp);
      await writeFile(temp, f.contents);
    }
  } catch (error) {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
    throw new OutputError(`cannot write fixed files: ${(error as Error).message}`, { cause: error });
  }
  for (let i = 0; i < files.length; i++) await rename(temps[i]!, files[i]!.abs);
}
