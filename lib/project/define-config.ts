import type { Mixin } from '../mixin/define-mixin.js';

/**
 * The contents of `dash.config.ts`. Every field is optional; paths are relative to the directory
 * that holds the config file.
 *
 * New fields (targets, mixins, lint rules) are added here as the CLI grows; unknown fields are
 * rejected when the config is loaded so that a typo never goes unnoticed.
 */
export interface DashConfig {
  /**
   * Glob(s) selecting the dashboard entry files. Supports `*`, `**`, `?`, `[abc]`, `{a,b}`;
   * a pattern starting with `!` excludes what it matches. `node_modules`, dot directories and
   * the output directory are never searched.
   *
   * @default "**\/*.dash.ts"
   */
  dashboards?: string | string[];
  /**
   * Where `dash build` writes its output (`<outDir>/dashboards/<uid>.json`). The directory is
   * replaced as a whole on every build and carries a `.grafts-out` marker file; grafts refuses to
   * replace a non-empty directory that lacks it.
   *
   * @default "out"
   */
  outDir?: string;
  /** `dash lint` settings: rule severities and exclusions. */
  lint?: LintConfig;
  /**
   * Mixins to render with the project: each is written in mixtool's layout to
   * `<outDir>/mixins/<name>/` (`dashboards_out/*.json`, `prometheus_alerts.yaml`,
   * `prometheus_rules.yaml`). A project may consist of mixins only (no `*.dash.ts` needed).
   *
   * @example
   * import nodeExporter from '@grafts/mixin-node-exporter';
   * mixins: [nodeExporter.config({ fsSpaceAvailableCriticalThreshold: 3 }).dropAlert('NodeClockNotSynchronising')]
   */
  // A Mixin<C> is not assignable to Mixin<object> (its config is used both ways): any config.
  mixins?: Mixin<any>[];
}

/** A lint rule's severity in `lint.rules`; `off` disables the rule. */
export type LintRuleSetting = 'off' | 'error' | 'warning' | 'info';

/**
 * `dash lint` settings in `dash.config.ts`.
 *
 * @example
 * lint: {
 *   rules: { 'panel-unit': 'error', 'alert-for': 'off' },
 *   exclude: [{ rule: 'job-instance-matchers', dashboard: 'cluster-*', reason: 'cluster-wide views' }],
 * }
 */
export interface LintConfig {
  /** Severity per rule id (`dash lint --rules` lists them); unlisted rules keep their default. */
  rules?: Record<string, LintRuleSetting>;
  /** Findings to drop. Patterns are globs (`*`, `?`) over the whole value. */
  exclude?: LintExclusion[];
}

/** One `lint.exclude` entry: drops the findings of `rule` on the matching dashboards/panels. */
export interface LintExclusion {
  /** Rule id, or `*` for every rule. */
  rule: string;
  /** Dashboard uid or title glob; every dashboard when absent. */
  dashboard?: string;
  /** Panel title glob; every finding of the matching dashboards when absent. */
  panel?: string;
  /** Why: kept for the reader (and shown by `dash lint --json` in `excluded`). */
  reason?: string;
}

/** Default glob for dashboard entry files. */
export const DEFAULT_DASHBOARDS_GLOB = '**/*.dash.ts';

/** Default output directory, relative to the project directory. */
export const DEFAULT_OUT_DIR = 'out';

/**
 * Declares the project configuration. It returns its argument unchanged; its only purpose is
 * to give `dash.config.ts` type checking and editor completion.
 *
 * @example
 * // dash.config.ts
 * import { defineConfig } from 'grafts';
 *
 * export default defineConfig({
 *   dashboards: ['dashboards/**\/*.dash.ts', '!dashboards/drafts/**'],
 *   outDir: 'build/grafana',
 * });
 */
export function defineConfig(config: DashConfig): DashConfig {
  return config;
}
