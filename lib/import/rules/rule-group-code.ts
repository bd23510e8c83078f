import { isPlainObject } from '../../model/deep-merge.js';
import { RuleImportError } from './rule-import-error.js';
import { propertyKey } from '../dashboard/ts-literal.js';
import { LiteralError, MAX_LITERAL_DEPTH, tsString, tsText, tsValue } from './ts-literal.js';

/** Builder functions generated rule code calls (what it imports from grafts). */
export type RuleBuilderName = 'alertRule' | 'recordingRule' | 'ruleGroup';

/** Options of {@link ruleGroupCode}. */
export interface RuleGroupCodeOptions {
  /** The file being imported, for errors. */
  source: string;
  /**
   * TS source for an expression (e.g. a template literal reading config); default: the
   * expression as a string or template literal, byte for byte.
   */
  exprCode?: (expr: string) => string;
}

/** The code of one rule group. */
export interface RuleGroupCode {
  /** The group's name (`''` when it has none). */
  name: string;
  /** A TS expression evaluating to the group's `RuleGroupBuilder`, first line unindented. */
  code: string;
  /** Builder functions the code calls. */
  uses: Set<RuleBuilderName>;
  /** What could not be said with builder methods and went through `$merge` (or was changed). */
  notes: string[];
}

const ALERT_SEVERITIES = new Set(['critical', 'warning', 'info']);
const ANNOTATION_METHODS: Readonly<Record<string, string>> = { summary: 'summary', description: 'description', runbook_url: 'runbookUrl' };

/**
 * The builder code for one group of a Prometheus rule file, written the way a person writes it:
 * `ruleGroup(name).interval(…).rule(alertRule(…).expr(…).for(…).severity(…).summary(…), …)`.
 * Fields without a builder method (`query_offset`, `partial_response_strategy`, `source_tenants`,
 * unknown keys, values of an unexpected type) are kept verbatim through `$merge`, so building the
 * code gives back the same group.
 *
 * @example
 * ruleGroupCode({ name: 'g', rules: [{ alert: 'Down', expr: 'up == 0', for: '5m' }] }, 'groups[0]', '', { source: 'a.yaml' }).code
 * // → "ruleGroup('g').rule(alertRule('Down').expr('up == 0').for('5m'))"
 *
 * @throws {RuleImportError} the group is not a mapping, or holds a value with no literal.
 */
export function ruleGroupCode(group: unknown, at: string, indent: string, options: RuleGroupCodeOptions): RuleGroupCode {
  if (!isPlainObject(group)) throw new RuleImportError(options.source, at, `a rule group must be a mapping, got ${describe(group)}`);
  try {
    return groupCode(group, at, indent, options);
  } catch (error) {
    if (error instanceof LiteralError) throw new RuleImportError(options.source, error.at, error.message);
    throw error;
  }
}

function groupCode(group: Record<string, unknown>, at: string, indent: string, options: RuleGroupCodeOptions): RuleGroupCode {
  const uses = new Set<RuleBuilderName>(['ruleGroup']);
  const notes: string[] = [];
  const merge = new MergeFields();
  const { name, interval, limit, rules, ...rest } = group;
  const calls: string[] = [];

  if (typeof name !== 'string') merge.set('name', name);
  if (typeof interval === 'string') calls.push(`.interval(${tsString(interval)})`);
  else if (interval !== undefined) merge.set('interval', interval);
  if (typeof limit === 'number' && Number.isSafeInteger(limit)) calls.push(`.limit(${limit})`);
  else if (limit !== undefined) merge.set('limit', limit);
  for (const [key, value] of Object.entries(rest)) merge.set(key, value);

  const inner = `${indent}  `;
  const ruleCodes = Array.isArray(rules) ? rules.map((rule, i) => ruleCode(rule, `${at}.rules[${i}]`, `${inner}  `, options)) : undefined;
  if (ruleCodes && ruleCodes.every((r) => r !== undefined)) {
    if (ruleCodes.length > 0) {
      const list = ruleCodes.map((r) => {
        for (const u of r.uses) uses.add(u);
        notes.push(...r.notes);
        return r.code;
      });
      calls.push(`.rule(\n${list.map((c) => `${inner}  ${c},`).join('\n')}\n${inner})`);
    }
  } else {
    // A rule that is neither an alert nor a recording rule has no builder: keep the whole list.
    merge.set('rules', rules);
    if (rules !== undefined) notes.push(`${at}.rules: kept verbatim through $merge (not a list of alerting/recording rules)`);
  }

  const mergeKeys = merge.keys().filter((k) => k !== 'rules');
  if (mergeKeys.length > 0) notes.push(`${at}: ${mergeKeys.join(', ')} kept through $merge (no builder method)`);
  const mergeCall = merge.code(inner, at);
  if (mergeCall) calls.push(mergeCall);
  const head = `ruleGroup(${tsString(typeof name === 'string' ? name : '')})`;
  return { name: typeof name === 'string' ? name : '', code: chain(head, calls, indent), uses, notes };
}

interface RuleCode {
  code: string;
  uses: Set<RuleBuilderName>;
  notes: string[];
}

function ruleCode(rule: unknown, at: string, indent: string, options: RuleGroupCodeOptions): RuleCode | undefined {
  if (!isPlainObject(rule)) return undefined;
  const isAlert = 'alert' in rule;
  if (!isAlert && !('record' in rule)) return undefined;
  const notes: string[] = [];
  const merge = new MergeFields();
  const calls: string[] = [];
  const { alert, record, expr, labels, annotations, for: forDuration, keep_firing_for: keepFiringFor, ...rest } = rule;
  const nameKey = isAlert ? 'alert' : 'record';
  const name = isAlert ? alert : record;
  if (typeof name !== 'string') merge.set(nameKey, name);
  if (isAlert && record !== undefined) merge.set('record', record);

  if (typeof expr === 'string') calls.push(`.expr(${options.exprCode ? options.exprCode(expr) : tsText(expr)})`);
  else merge.set('expr', expr); // absent → removed, so the builder's '' does not appear

  if (isAlert) {
    if (typeof forDuration === 'string') calls.push(`.for(${tsString(forDuration)})`);
    else if (forDuration !== undefined) merge.set('for', forDuration);
    if (typeof keepFiringFor === 'string') calls.push(`.keepFiringFor(${tsString(keepFiringFor)})`);
    else if (keepFiringFor !== undefined) merge.set('keep_firing_for', keepFiringFor);
  } else {
    if (forDuration !== undefined) merge.set('for', forDuration);
    if (keepFiringFor !== undefined) merge.set('keep_firing_for', keepFiringFor);
  }

  if (isStringRecord(labels) && Object.keys(labels).length > 0) {
    const { severity, ...others } = labels;
    if (Object.keys(others).length > 0) calls.push(`.labels(${tsValue(others, indent, `${at}.labels`)})`);
    if (severity !== undefined) {
      calls.push(isAlert && ALERT_SEVERITIES.has(severity) ? `.severity(${tsString(severity)})` : `.labels({ severity: ${tsString(severity)} })`);
    }
  } else if (labels !== undefined) merge.set('labels', labels);

  if (isAlert && isStringRecord(annotations) && Object.keys(annotations).length > 0) {
    const others: Record<string, string> = {};
    const named: string[] = [];
    for (const [key, value] of Object.entries(annotations)) {
      const method = ANNOTATION_METHODS[key];
      if (method) named.push(`.${method}(${tsText(value)})`);
      else others[key] = value;
    }
    if (Object.keys(others).length > 0) calls.push(`.annotations(${tsValue(others, indent, `${at}.annotations`)})`);
    calls.push(...named);
  } else if (annotations !== undefined) merge.set('annotations', annotations);

  for (const [key, value] of Object.entries(rest)) merge.set(key, value);
  const keys = merge.keys();
  if (keys.length > 0) notes.push(`${at}: ${keys.join(', ')} kept through $merge (no builder method or unexpected type)`);
  const mergeCall = merge.code(indent, at);
  if (mergeCall) calls.push(mergeCall);

  const builder = isAlert ? 'alertRule' : 'recordingRule';
  const head = `${builder}(${tsString(typeof name === 'string' ? name : '')})`;
  return { code: chain(head, calls, indent), uses: new Set<RuleBuilderName>([builder]), notes };
}

/** Raw fields for `$merge`; a field set to `undefined` is removed from what the builder renders. */
class MergeFields {
  private readonly fields: [string, unknown][] = [];

  set(key: string, value: unknown): void {
    const existing = this.fields.find(([k]) => k === key);
    if (existing) existing[1] = value;
    else this.fields.push([key, value]);
  }

  keys(): string[] {
    return this.fields.map(([k]) => k);
  }

  code(indent: string, at: string): string | undefined {
    if (this.fields.length === 0) return undefined;
    for (const [k, v] of this.fields) {
      // $merge assigns keys, and assigning `__proto__` would set a prototype, not a field.
      const where = findProtoKey(v, at === '' ? k : `${at}.${k}`);
      if (where !== undefined || k === '__proto__') throw new LiteralError('a key named __proto__ cannot be kept through $merge', where ?? at);
    }
    const inner = `${indent}  `;
    const entries = this.fields.map(([k, v]) => `${propertyKey(k)}: ${v === undefined ? 'undefined' : tsValue(v, inner, at === '' ? k : `${at}.${k}`)}`);
    const flat = `.$merge({ ${entries.join(', ')} })`;
    if (flat.length + indent.length <= 100 && !flat.includes('\n')) return flat;
    return `.$merge({\n${entries.map((e) => `${inner}${e},`).join('\n')}\n${indent}})`;
  }
}

/** `head.call().call()` on one line when short, else one call per line. */
function chain(head: string, calls: string[], indent: string): string {
  const flat = head + calls.join('');
  if (flat.length + indent.length <= 100 && !flat.includes('\n')) return flat;
  return head + calls.map((c) => `\n${indent}  ${c}`).join('');
}

function findProtoKey(value: unknown, at: string, depth = 0): string | undefined {
  if (depth > MAX_LITERAL_DEPTH) throw new LiteralError(`nested more than ${MAX_LITERAL_DEPTH} levels deep`, at);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findProtoKey(value[i], `${at}[${i}]`, depth + 1);
      if (found !== undefined) return found;
    }
  } else if (isPlainObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k === '__proto__') return `${at}.${k}`;
      const found = findProtoKey(v, `${at}.${k}`, depth + 1);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return isPlainObject(value) && Object.values(value).every((v) => typeof v === 'string');
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? `the string ${tsString(value.length > 40 ? `${value.slice(0, 40)}…` : value)}` : `a ${typeof value}`;
}
