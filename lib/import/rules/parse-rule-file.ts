import { parse } from 'yaml';
import { isPlainObject } from '../../model/deep-merge.js';
import { RuleImportError } from './rule-import-error.js';

/**
 * The groups of a Prometheus rule file. An empty file, `null` and `{}` have no groups (mixtool
 * writes those for mixins without alerts or rules).
 *
 * @example
 * parseRuleFile('groups:\n  - name: g\n    rules: []\n', 'rules.yaml') // → [{ name: 'g', rules: [] }]
 *
 * @throws {RuleImportError} invalid YAML (with line and column), more than one document, a top
 *   level that is not `{ groups: [...] }`, keys other than `groups` at the top level (`kind`
 *   `not-a-rule-file` when there is no `groups` key at all).
 */
export function parseRuleFile(text: string, source: string): unknown[] {
  let doc: unknown;
  try {
    // uniqueKeys and the alias limit are the parser's defaults; spelt out because they matter here.
    doc = parse(text, { uniqueKeys: true, maxAliasCount: 100, prettyErrors: true });
  } catch (error) {
    const message = error instanceof RangeError ? 'nested too deeply' : (error as Error).message.split('\n')[0]!;
    throw new RuleImportError(source, '', `invalid YAML: ${message}`);
  }
  if (doc === null || doc === undefined) return [];
  if (!isPlainObject(doc))
    throw new RuleImportError(source, '', 'not a Prometheus rule file (the top level must be a mapping with `groups`)', 'not-a-rule-file');
  const extra = Object.keys(doc).filter((k) => k !== 'groups');
  if (extra.length > 0) {
    const kind = 'groups' in doc ? 'invalid' : 'not-a-rule-file';
    throw new RuleImportError(source, extra[0]!, 'not a Prometheus rule file (the only top-level key allowed is `groups`)', kind);
  }
  const groups = doc['groups'];
  if (groups === undefined || groups === null) return [];
  if (!Array.isArray(groups)) throw new RuleImportError(source, 'groups', 'must be a list of rule groups');
  return groups;
}
