/**
 * A data source variable regex that lists exactly the data sources with these names, in the
 * `/…/` form Grafana reads (`stringToJsRegex`): `/^(?:Loki|Loki \(EU\))$/`.
 *
 * Why the escaping is stricter than for a JS regex: Grafana interpolates dashboard variables
 * into the regex before using it, so a name containing `$env` or `${env}` would be replaced by
 * the variable's value. `$` is therefore written as `\x24`; `[` is escaped, so `[[x]]` (the old
 * variable syntax) cannot form either. The only `$` left is the closing anchor.
 *
 * @example
 * datasourceNameRegex(['Loki', 'Loki (EU)']) // → '/^(?:Loki|Loki \\(EU\\))$/'
 */
export function datasourceNameRegex(names: readonly string[]): string {
  if (names.length === 0) throw new Error('a data source regex needs at least one data source name');
  const unique = [...new Set(names)];
  return `/^(?:${unique.map(escapeName).join('|')})$/`;
}

function escapeName(name: string): string {
  return name.replace(/[\\^$.*+?()[\]{}|/]/g, (c) => (c === '$' ? '\\x24' : `\\${c}`));
}
