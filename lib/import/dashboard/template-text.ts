import type { Expr, TemplateRef } from './code-model.js';

const FORMATS = new Set([
  'csv',
  'distributed',
  'doublequote',
  'glob',
  'json',
  'lucene',
  'percentencode',
  'pipe',
  'raw',
  'regex',
  'singlequote',
  'sqlstring',
  'text',
  'queryparam',
]);

// $name, or ${name} / ${name:format} (formats the builders know); nothing else is rewritten.
const REFERENCE = /\$\{(\w+)(?::(\w+))?\}|\$(\w+)/g;

/**
 * `text` as a string or template literal in which references to known variables become
 * references to their constants: `rate(x{job=~"$job"}[5m])` → `` `rate(x{job=~"${job}"}[5m])` ``.
 * The result evaluates to exactly `text` (a variable interpolates as `$name`, `job.format()` as
 * `${job}`, `job.format('regex')` as `${job:regex}`).
 *
 * @example
 * templated('up{job="$job"}', new Map([['job', 'job']])) // → { kind: 'template', parts: ['up{job="', { ref: 'job' }, '"}'] }
 */
export function templated(text: string, variables: ReadonlyMap<string, string>): Expr {
  const parts: (string | TemplateRef)[] = [];
  let last = 0;
  for (const match of text.matchAll(REFERENCE)) {
    const braced = match[1];
    const format = match[2];
    const name = braced ?? match[3]!;
    const constant = variables.get(name);
    if (constant === undefined || (format !== undefined && !FORMATS.has(format))) continue;
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push(braced === undefined ? { ref: constant } : { ref: constant, format: format ?? null });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return { kind: 'template', parts };
}
