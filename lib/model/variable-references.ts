// Grafana's three reference syntaxes: $name, [[name]] (deprecated) and ${name[.path][:format]}.
const REFERENCE = /\$(\w+)|\[\[(\w+?)(?::\w+)?\]\]|\$\{(\w+)(?:\.[^:}]+)?(?::[^}]+)?\}/g;

/** Legacy names Grafana still interpolates without a leading `__`. */
const LEGACY_BUILTINS = new Set(['interval', 'interval_ms', 'timeFilter']);

/**
 * The variable names referenced in a string Grafana interpolates, in order of appearance.
 * Regex back-references such as `$1` are not variables and are left out, and so is a `$`
 * escaped with a backslash (`\\$SYS` in a regex matches a literal `$`; Grafana finds no
 * variable there and leaves it as written).
 *
 * @example
 * variableReferences('rate(x{job=~"$job", instance=~"${instance:regex}"}[$__rate_interval])')
 * // → ['job', 'instance', '__rate_interval']
 * variableReferences('topic=~"\\\\$SYS/.*"') // → []
 */
export function variableReferences(text: string): string[] {
  // Most texts (titles, units, plain queries) reference nothing: skip the regex for them.
  if (!text.includes('$') && !text.includes('[[')) return [];
  const names: string[] = [];
  for (const match of text.matchAll(REFERENCE)) {
    const name = match[1] ?? match[2] ?? match[3];
    const escaped = match[0].startsWith('$') && match.index > 0 && text[match.index - 1] === '\\';
    if (name !== undefined && !escaped && !/^\d+$/.test(name)) names.push(name);
  }
  return names;
}

/** True for Grafana's global variables (`$__interval`, `$__rate_interval`, `${__field…}`, …). */
export function isBuiltinVariable(name: string): boolean {
  return name.startsWith('__') || LEGACY_BUILTINS.has(name);
}
