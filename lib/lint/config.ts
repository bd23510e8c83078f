import type { LintConfig, LintExclusion, LintRuleSetting } from '../project/define-config.js';
import { ConfigError, type SourceProblem } from '../project/errors.js';
import { findLintRule, LINT_RULES } from './registry.js';
import type { LintFinding, LintSeverity } from './types.js';

const SETTINGS: ReadonlySet<string> = new Set(['off', 'error', 'warning', 'info']);
const EXCLUSION_KEYS: ReadonlySet<string> = new Set(['rule', 'dashboard', 'panel', 'reason']);

/**
 * Checks the `lint` value of a config file and returns it typed.
 *
 * @throws {ConfigError} listing every problem (unknown rule ids, bad severities, bad exclusions).
 */
export function validateLintConfig(value: unknown, file: string): LintConfig {
  if (value === undefined) return {};
  const problems: SourceProblem[] = [];
  const fail = (message: string) => problems.push({ file, message: `lint: ${message}` });
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError([{ file, message: `lint: must be an object with "rules" and/or "exclude", got ${JSON.stringify(value)}` }]);
  }
  const config = value as Record<string, unknown>;
  for (const key of Object.keys(config)) if (key !== 'rules' && key !== 'exclude') fail(`unknown key "${key}" (known: rules, exclude)`);
  const rules = config['rules'];
  if (rules !== undefined) {
    if (typeof rules !== 'object' || rules === null || Array.isArray(rules)) fail('"rules" must map rule ids to off, error, warning or info');
    else {
      for (const [id, setting] of Object.entries(rules)) {
        if (!findLintRule(id)) fail(`unknown rule "${id}" in "rules" (dash lint --rules lists them)`);
        if (typeof setting !== 'string' || !SETTINGS.has(setting))
          fail(`rule "${id}": severity must be off, error, warning or info, got ${JSON.stringify(setting)}`);
      }
    }
  }
  const exclude = config['exclude'];
  if (exclude !== undefined) {
    if (!Array.isArray(exclude)) fail('"exclude" must be a list of { rule, dashboard?, panel?, reason? }');
    else {
      exclude.forEach((entry, i) => {
        if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
          fail(`exclude[${i}] must be an object { rule, dashboard?, panel?, reason? }`);
          return;
        }
        const e = entry as Record<string, unknown>;
        for (const key of Object.keys(e)) if (!EXCLUSION_KEYS.has(key)) fail(`exclude[${i}]: unknown key "${key}"`);
        if (typeof e['rule'] !== 'string' || (e['rule'] !== '*' && !findLintRule(e['rule']))) {
          fail(`exclude[${i}]: "rule" must be a rule id or "*", got ${JSON.stringify(e['rule'])}`);
        }
        for (const key of ['dashboard', 'panel', 'reason']) {
          if (e[key] !== undefined && (typeof e[key] !== 'string' || e[key] === '')) fail(`exclude[${i}]: "${key}" must be a non-empty string`);
        }
      });
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config as LintConfig;
}

/** A lint config that applies to the inputs under `prefix` (relative to cwd; `''` = everything). */
export interface ScopedLintConfig {
  prefix: string;
  config: LintConfig;
}

/** Glob (`*`, `?`) matching over a whole string. */
export function globMatch(pattern: string, value: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    's',
  );
  return re.test(value);
}

function applies(scope: ScopedLintConfig, source: string): boolean {
  return scope.prefix === '' || scope.prefix === '.' || source === scope.prefix || source.startsWith(`${scope.prefix}/`);
}

/** The configs that apply to `source`, least specific first. */
export function configsFor(scopes: readonly ScopedLintConfig[], source: string): ScopedLintConfig[] {
  return scopes.filter((s) => applies(s, source)).sort((a, b) => a.prefix.length - b.prefix.length);
}

/** The effective severity of `rule` for `source`, or `off`. */
export function effectiveSeverity(scopes: readonly ScopedLintConfig[], source: string, rule: string, fallback: LintSeverity): LintRuleSetting {
  let setting: LintRuleSetting = fallback;
  for (const scope of configsFor(scopes, source)) {
    const s = scope.config.rules?.[rule];
    if (s !== undefined) setting = s;
  }
  return setting;
}

/** The exclusion that drops a finding, if any. */
export function matchingExclusion(scopes: readonly ScopedLintConfig[], finding: Pick<LintFinding, 'rule' | 'source' | 'location'>): LintExclusion | undefined {
  for (const scope of configsFor(scopes, finding.source)) {
    for (const e of scope.config.exclude ?? []) {
      if (e.rule !== '*' && e.rule !== finding.rule) continue;
      if (e.dashboard !== undefined) {
        const { uid, dashboard } = finding.location;
        if (!(uid !== undefined && globMatch(e.dashboard, uid)) && !(dashboard !== undefined && globMatch(e.dashboard, dashboard))) continue;
      }
      if (e.panel !== undefined && (finding.location.panel === undefined || !globMatch(e.panel, finding.location.panel))) continue;
      return e;
    }
  }
  return undefined;
}

/** Every rule id, for messages. */
export function ruleIds(): string[] {
  return LINT_RULES.map((r) => r.id);
}
