/** Which namespaces a rule target may see and touch: globs (`*`, `?`). */
export interface NamespaceFilter {
  /** Only these namespaces (globs); every namespace when absent or empty. */
  include?: readonly string[];
  /** Never these namespaces (globs), even when included. */
  exclude?: readonly string[];
}

function globToRegExp(glob: string): RegExp {
  const source = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`);
}

/**
 * A predicate for the namespaces a {@link NamespaceFilter} lets through.
 *
 * @example
 * namespaceMatcher({ include: ['team-a-*'], exclude: ['team-a-legacy'] })('team-a-api') // → true
 */
export function namespaceMatcher(filter: NamespaceFilter | undefined): (namespace: string) => boolean {
  const include = (filter?.include ?? []).map(globToRegExp);
  const exclude = (filter?.exclude ?? []).map(globToRegExp);
  return (namespace) => (include.length === 0 || include.some((r) => r.test(namespace))) && !exclude.some((r) => r.test(namespace));
}

/** A short description of a filter for messages (`include team-a-*; exclude integrations-*`). */
export function describeFilter(filter: NamespaceFilter | undefined): string {
  const parts: string[] = [];
  if (filter?.include?.length) parts.push(`include ${filter.include.join(', ')}`);
  if (filter?.exclude?.length) parts.push(`exclude ${filter.exclude.join(', ')}`);
  return parts.join('; ');
}
