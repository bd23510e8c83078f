import { isPlainObject } from '../../model/deep-merge.js';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * A TypeScript string literal for `text` that evaluates to exactly `text`, whatever it holds
 * (quotes, backslashes, `${`, `*\/`, line and paragraph separators, lone surrogates).
 *
 * @example
 * stringLiteral('say "hi"\n') // → '"say \\"hi\\"\\n"'
 */
export function stringLiteral(text: string): string {
  // JSON.stringify escapes quotes, backslashes, control characters and lone surrogates; the
  // two Unicode line terminators are valid in ES2019 strings but escaped for readability.
  return JSON.stringify(text)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * The raw text of a template-literal chunk that evaluates to exactly `text`: backslashes,
 * backticks and `${` are escaped, and so are characters a template would change or that are
 * invisible (CR, which templates turn into LF; other control characters; line separators;
 * lone surrogates). Newlines stay literal so multi-line queries read as they were written.
 *
 * @example
 * templateChunk('a`b${c}') // → 'a\\`b\\${c}'
 */
export function templateChunk(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const code = ch.charCodeAt(0);
    if (ch === '\\') out += '\\\\';
    else if (ch === '`') out += '\\`';
    else if (ch === '$' && text[i + 1] === '{') out += '\\$';
    else if (ch === '\n' || ch === '\t') out += ch;
    else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += ch + text[i + 1]!;
        i++;
      } else out += `\\u${code.toString(16)}`;
    } else if (code >= 0xdc00 && code <= 0xdfff) out += `\\u${code.toString(16)}`;
    else out += ch;
  }
  return out;
}

/** A property key as TypeScript source: bare when it is an identifier, quoted otherwise. */
export function propertyKey(key: string): string {
  // `__proto__: x` in an object literal sets the prototype instead of a property.
  if (key === '__proto__') return `[${stringLiteral(key)}]`;
  return IDENTIFIER.test(key) ? key : stringLiteral(key);
}

/**
 * A TypeScript expression for a JSON value (objects, arrays, strings, finite numbers, booleans,
 * null; `undefined` inside objects, which `$merge` reads as "remove this key"). Non-finite
 * numbers become `null`, as JSON.stringify would write them.
 *
 * @example
 * jsonLiteral({ a: [1, 'x'], 'b-c': null }) // → '{ a: [1, "x"], "b-c": null }'
 */
export function jsonLiteral(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') return stringLiteral(value);
  if (typeof value === 'number') return Number.isFinite(value) ? (Object.is(value, -0) ? '0' : String(value)) : 'null';
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : jsonLiteral(v))).join(', ')}]`;
  if (isPlainObject(value)) {
    const entries = Object.entries(value).map(([k, v]) => `${propertyKey(k)}: ${jsonLiteral(v)}`);
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  return 'null';
}
