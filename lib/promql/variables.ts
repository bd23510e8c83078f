/**
 * Grafana template variables inside PromQL/LogQL text, and how to hide them from a parser.
 *
 * Grafana interpolates `$name`, `${name}`, `${name:format}` and `[[name]]` (plus globals such as
 * `$__rate_interval`, `$__interval`, `$__range`, `$__auto`) before a query reaches the data
 * source, so the raw text is not valid PromQL. {@link maskVariables} replaces each variable by a
 * placeholder OF THE SAME LENGTH that the parser accepts in that position, so every offset in the
 * parsed text is also an offset in the original expression.
 */

/** Grafana's variable syntaxes: `$name`, `${name…}`, `[[name…]]`. Sticky: use with `lastIndex`. */
export const VARIABLE_PATTERN = /\$\{[^}]*\}|\$\w+|\[\[[^\]]*\]\]/y;

/** A variable found by {@link maskVariables}: `[from, to)` in the original text. */
export interface VariableSpan {
  readonly from: number;
  readonly to: number;
  /** The variable's name without `$`, braces or format: `job`, `__rate_interval`. */
  readonly name: string;
}

/** The text with variables replaced, and where they were. */
export interface MaskedText {
  readonly text: string;
  readonly spans: readonly VariableSpan[];
}

/**
 * The name of a variable reference: `$job`, `${job}`, `${job:regex}`, `[[job]]` → `job`;
 * undefined when `text` is not exactly one reference.
 *
 * @example
 * variableName('${datasource}') // → 'datasource'
 * variableName('abc')           // → undefined
 */
export function variableName(text: string): string | undefined {
  const m = /^(?:\$(\w+)|\$\{([^}:]+)(?::[^}]*)?\}|\[\[([^\]:]+)(?::[^\]]*)?\]\])$/.exec(text.trim());
  return m ? (m[1] ?? m[2] ?? m[3])!.trim() : undefined;
}

/**
 * Replaces Grafana variables outside string literals and comments by same-length placeholders
 * the PromQL parser accepts: a duration after `[`, after `:` inside brackets or after `offset`; a
 * number after `@`; an identifier elsewhere. Variables inside quotes are left as written.
 *
 * @example
 * maskVariables('rate(x{job=~"$job"}[$__rate_interval])').text
 * // → 'rate(x{job=~"$job"}[100000000000000s])'
 */
export function maskVariables(expr: string): MaskedText {
  let text = '';
  const spans: VariableSpan[] = [];
  let i = 0;
  let bracketDepth = 0;
  while (i < expr.length) {
    const ch = expr[i]!;
    if (ch === '"' || ch === "'" || ch === '`') {
      const end = stringEnd(expr, i);
      text += expr.slice(i, end);
      i = end;
      continue;
    }
    if (ch === '#') {
      const end = expr.indexOf('\n', i);
      const stop = end === -1 ? expr.length : end;
      text += expr.slice(i, stop);
      i = stop;
      continue;
    }
    VARIABLE_PATTERN.lastIndex = i;
    const match = ch === '$' || ch === '[' ? VARIABLE_PATTERN.exec(expr) : null;
    if (match && match.index === i) {
      const length = match[0].length;
      spans.push({ from: i, to: i + length, name: variableName(match[0]) ?? match[0] });
      text += placeholder(length, contextBefore(text, bracketDepth));
      i += length;
      continue;
    }
    if (ch === '[') bracketDepth++;
    if (ch === ']') bracketDepth = Math.max(0, bracketDepth - 1);
    text += ch;
    i++;
  }
  return { text, spans };
}

/** Offset just past the string literal starting at `start` (or the text's end when unclosed). */
export function stringEnd(expr: string, start: number): number {
  const quote = expr[start]!;
  let i = start + 1;
  while (i < expr.length) {
    const ch = expr[i]!;
    if (ch === '\\' && quote !== '`') {
      i += 2;
      continue;
    }
    if (ch === quote) return i + 1;
    i++;
  }
  return expr.length;
}

function contextBefore(text: string, bracketDepth: number): 'duration' | 'number' | 'identifier' {
  const before = text.trimEnd();
  const last = before[before.length - 1];
  if (last === '[' || (last === ':' && bracketDepth > 0) || /\boffset$/i.test(before) || /\boffset\s*-$/i.test(before)) return 'duration';
  if (last === '@') return 'number';
  return 'identifier';
}

/** What a masked variable stands for, so that the parser accepts it where it is. */
export type PlaceholderKind = 'duration' | 'number' | 'identifier' | 'string';

/**
 * A placeholder of exactly `length` characters of the given kind: `1000s`, `11111`, `v____`,
 * `"___"` (a string needs 2 characters at least; shorter ones fall back to a number).
 *
 * @example
 * placeholder(5, 'duration') // → '1000s'
 */
export function placeholder(length: number, kind: PlaceholderKind): string {
  if (kind === 'duration') return length === 1 ? '1' : '1'.padEnd(length - 1, '0') + 's';
  if (kind === 'number' || (kind === 'string' && length < 2)) return '1'.repeat(length);
  if (kind === 'string') return `"${'_'.repeat(length - 2)}"`;
  return 'v'.padEnd(length, '_');
}

/**
 * The value of a PromQL string literal (`"…"`, `'…'` or `` `…` ``) as written in the source.
 *
 * @example
 * unquote('"a\\"b"') // → 'a"b'
 */
export function unquote(literal: string): string {
  if (literal.startsWith('`')) return literal.slice(1, -1);
  try {
    return JSON.parse(literal.startsWith("'") ? `"${literal.slice(1, -1).replace(/"/g, '\\"')}"` : literal) as string;
  } catch {
    return literal.slice(1, -1);
  }
}

/**
 * Whether `text` references the variable `name` in any of Grafana's syntaxes.
 *
 * @example
 * referencesVariable('job=~"${job:regex}"', 'job') // → true
 * referencesVariable('job=~"$jobs"', 'job')        // → false
 */
export function referencesVariable(text: string, name: string): boolean {
  const n = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`\\$${n}(?!\\w)|\\$\\{\\s*${n}\\s*(?::[^}]*)?\\}|\\[\\[\\s*${n}\\s*(?::[^\\]]*)?\\]\\]`).test(text);
}
