import path from 'node:path';
import { parseRuleFile } from './parse-rule-file.js';
import { ruleModuleCode } from './rule-module-code.js';

/** Options of {@link importRuleFile}. */
export interface ImportRuleFileOptions {
  /** The file's path as the user gave it: names the output file, the banner and errors. */
  source: string;
  /** Module the code imports builders from. @default 'grafts' */
  importPath?: string;
}

/** A rule file turned into TypeScript. */
export interface ImportedRuleFile {
  /** `<input base name>.rules.ts`, e.g. `alerts.rules.ts` for `mixins/x/alerts.yaml`. */
  fileName: string;
  /** The module: one exported `RuleGroupBuilder` constant per group, the list as default export. */
  code: string;
  /** Fields kept through `$merge` (no builder method) and other things worth a look. */
  notes: string[];
}

/**
 * Turns a Prometheus rule file (alerting and recording rules) into a TypeScript module of
 * `ruleGroup(...)` / `alertRule(...)` / `recordingRule(...)` calls. Building the groups and
 * writing them with `toYaml` gives back the same rule file: every expression byte for byte
 * (multi-line PromQL as template literals, safely escaped), every other field by value, fields
 * without a builder method (`query_offset`, `partial_response_strategy`, unknown keys) through
 * `$merge`. Synchronous and pure: nothing is read or written.
 *
 * @example
 * importRuleFile('groups:\n  - name: up\n    rules:\n      - alert: Down\n        expr: up == 0\n', { source: 'alerts.yaml' })
 * // → { fileName: 'alerts.rules.ts', notes: [], code:
 * //     "// Imported from alerts.yaml by `dash import`.\n" +
 * //     "import { alertRule, ruleGroup, type RuleGroupBuilder } from 'grafts';\n\n" +
 * //     "export const up = ruleGroup('up').rule(alertRule('Down').expr('up == 0'));\n\n" +
 * //     "const groups: RuleGroupBuilder[] = [up];\nexport default groups;\n" }
 *
 * @throws {RuleImportError} the text is not a rule file (invalid YAML, not `{ groups: [...] }`, a
 *   group that is not a mapping, a value with no TypeScript literal); the message names `source`
 *   and the place in it.
 */
export function importRuleFile(text: string, options: ImportRuleFileOptions): ImportedRuleFile {
  const groups = parseRuleFile(text, options.source);
  const { code, notes } = ruleModuleCode(groups, {
    source: options.source,
    ...(options.importPath !== undefined && { importPath: options.importPath }),
  });
  const base = path.basename(options.source).replace(/\.(ya?ml)$/i, '');
  const safeBase = base.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '') || 'rules';
  if (groups.length === 0) notes.push(`${options.source}: no rule groups (the module exports an empty list)`);
  return { fileName: `${safeBase}.rules.ts`, code, notes };
}
