import { propertyKey, templateChunk } from '../dashboard/ts-literal.js';
import { GraftsError } from '../../errors/grafts-error.js';

/**
 * TypeScript source for values read from untrusted files. Every function here returns code that
 * evaluates to exactly the value given and cannot do anything else: no text of the value can end
 * the literal, open an interpolation, start a comment or change what a key means.
 */

/** What {@link tsValue} accepts: the JSON-like values YAML and JSON parsers produce. */
export type LiteralValue = string | number | boolean | null | LiteralValue[] | { [key: string]: LiteralValue };

/** Thrown for values that have no literal (functions, Maps, …) or nest too deeply. */
export class LiteralError extends GraftsError {
  constructor(
    message: string,
    /** Where in the value, e.g. `groups[0].rules[3].labels`. */
    readonly at: string,
  ) {
    super(message);
  }
}

/** Deepest nesting {@link tsValue} writes; real rule files and dashboards stay far below it. */
export const MAX_LITERAL_DEPTH = 100;

/**
 * A single-quoted string literal; control characters, lone surrogates and line separators are
 * escaped, so the literal always stays on one line.
 *
 * @example
 * tsString("it's {{ $value }}") // → "'it\\'s {{ $value }}'"
 */
export function tsString(value: string): string {
  // JSON.stringify escapes `"`, `\`, control characters and lone surrogates; swap the quotes.
  const json = JSON.stringify(value).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
  return `'${json.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')}'`;
}

/**
 * A template literal whose value is exactly `value` (for multi-line PromQL), see the dashboard
 * importer's `templateChunk`: backslashes, backticks, `${`, CR, control characters and lone
 * surrogates escaped; line breaks stay real line breaks.
 *
 * @example
 * tsTemplate('sum by (job) (\n  rate(x[5m])\n)\n') // → '`sum by (job) (\n  rate(x[5m])\n)\n`'
 */
export function tsTemplate(value: string): string {
  return `\`${templateChunk(value)}\``;
}

/**
 * A string as TS source: a template literal when it spans lines, a quoted string otherwise (also
 * for one line ending in a line break, as YAML `|` blocks give: `'up == 0\n'`).
 */
export function tsText(value: string): string {
  return value.slice(0, -1).includes('\n') ? tsTemplate(value) : tsString(value);
}

/**
 * Source for a JSON-like value, laid out over lines with two-space indents starting at `indent`.
 * Numbers keep their value (`-0`, `Infinity`, `NaN` included).
 *
 * @example
 * tsValue({ query_offset: '1m', 'x-y': [1, true] })
 * // → "{ query_offset: '1m', 'x-y': [1, true] }"
 *
 * @throws {LiteralError} for anything that is not a string, finite or infinite number, boolean,
 *   null, array or plain object, or nesting deeper than {@link MAX_LITERAL_DEPTH}.
 */
export function tsValue(value: unknown, indent = '', at = ''): string {
  return write(value, indent, at, 0);
}

function write(value: unknown, indent: string, at: string, depth: number): string {
  if (depth > MAX_LITERAL_DEPTH) throw new LiteralError(`nested more than ${MAX_LITERAL_DEPTH} levels deep`, at);
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return tsText(value);
    case 'boolean':
      return String(value);
    case 'number':
      if (Object.is(value, -0)) return '-0';
      if (Number.isNaN(value)) return 'NaN';
      return value === Infinity ? 'Infinity' : value === -Infinity ? '-Infinity' : String(value);
    case 'object':
      break;
    default:
      throw new LiteralError(`a ${typeof value} has no literal`, at);
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    const items = value.map((v, i) => write(v, inner, `${at}[${i}]`, depth + 1));
    return layout('[', ']', items, indent);
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) {
    throw new LiteralError(`a ${(value as object).constructor?.name ?? 'non-plain object'} has no literal`, at);
  }
  const entries = Object.entries(value as Record<string, unknown>).map(
    ([k, v]) => `${propertyKey(k)}: ${write(v, inner, at === '' ? k : `${at}.${k}`, depth + 1)}`,
  );
  return layout('{', '}', entries, indent, true);
}

function layout(open: string, close: string, items: string[], indent: string, spaced = false): string {
  if (items.length === 0) return `${open}${close}`;
  const flat = spaced ? `${open} ${items.join(', ')} ${close}` : `${open}${items.join(', ')}${close}`;
  if (flat.length + indent.length <= 100 && !flat.includes('\n')) return flat;
  return `${open}\n${items.map((item) => `${indent}  ${item},`).join('\n')}\n${indent}${close}`;
}
