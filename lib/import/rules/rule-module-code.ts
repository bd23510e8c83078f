import { IdentifierPool } from '../dashboard/naming.js';
import { ruleGroupCode, type RuleBuilderName } from './rule-group-code.js';
import { tsString } from './ts-literal.js';

/** Options of {@link ruleModuleCode}. */
export interface RuleModuleOptions {
  /** The file imported, named in the banner and in errors. */
  source: string;
  /** Module the code imports builders from. @default 'grafts' */
  importPath?: string;
  /** TS source for each expression (see {@link RuleGroupCodeOptions.exprCode}). */
  exprCode?: (expr: string) => string;
  /**
   * Emit `export function <name>(c: <paramType>): RuleGroupBuilder[]` (a mixin's `alerts` or
   * `rules`) instead of one constant per group and a default export of the list.
   */
  asFunction?: { name: string; paramType: string; doc: string };
  /** Lines after the grafts import (e.g. `import type { FooConfig } from './config.js';`). */
  preamble?: string;
}

/** A generated rule module. */
export interface RuleModuleCode {
  code: string;
  notes: string[];
}

/**
 * A TypeScript module holding the rule groups of a Prometheus rule file as builder code.
 *
 * @example
 * ruleModuleCode([{ name: 'g', rules: [{ record: 'r', expr: 'sum(x)' }] }], { source: 'rules.yaml' }).code
 * // → "// Imported from rules.yaml by `dash import`.\nimport { recordingRule, ruleGroup, type RuleGroupBuilder } from 'grafts';\n\n
 * //    export const g = ruleGroup('g').rule(recordingRule('r').expr('sum(x)'));\n\n
 * //    const groups: RuleGroupBuilder[] = [g];\nexport default groups;\n"
 *
 * @throws {RuleImportError} a group that is not a mapping or holds a value with no literal.
 */
export function ruleModuleCode(groups: readonly unknown[], options: RuleModuleOptions): RuleModuleCode {
  const uses = new Set<RuleBuilderName>();
  const notes: string[] = [];
  const fn = options.asFunction;
  const codes = groups.map((group, i) => {
    const result = ruleGroupCode(group, `groups[${i}]`, fn ? '    ' : '', {
      source: options.source,
      ...(options.exprCode && { exprCode: options.exprCode }),
    });
    for (const u of result.uses) uses.add(u);
    notes.push(...result.notes);
    return result;
  });

  const names = [...uses].sort();
  const lines = [`// Imported from ${oneLine(options.source)} by \`dash import\`.`];
  lines.push(`import { ${[...names, 'type RuleGroupBuilder'].join(', ')} } from ${tsString(options.importPath ?? 'grafts')};`);
  if (options.preamble) lines.push(options.preamble.trimEnd());
  lines.push('');

  if (fn) {
    lines.push(`/** ${oneLine(fn.doc)} */`);
    lines.push(`export function ${fn.name}(c: ${fn.paramType}): RuleGroupBuilder[] {`);
    if (codes.length === 0) lines.push('  return [];');
    else lines.push('  return [', ...codes.map((c) => `    ${c.code},`), '  ];');
    lines.push('}');
    return { code: `${lines.join('\n')}\n`, notes };
  }

  const identifiers = new IdentifierPool([...names, 'RuleGroupBuilder', 'groups']);
  const consts = codes.map((c) => identifiers.take(c.name === '' ? 'group' : c.name, 'Group'));
  codes.forEach((c, i) => lines.push(`export const ${consts[i]} = ${c.code};`, ''));
  lines.push(`const groups: RuleGroupBuilder[] = [${consts.join(', ')}];`, 'export default groups;');
  return { code: `${lines.join('\n')}\n`, notes };
}

/** Text safe inside a `//` comment: one line, no control characters. */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').slice(0, 200);
}
