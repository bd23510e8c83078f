/** The esbuild namespace of the modules {@link LinkedExternals.moduleSource} writes. @internal */
export const LINKED_EXTERNAL_NAMESPACE = 'grafts-linked-external';

/** Where the imported namespaces are, for the generated modules to read: a global, because bundles run as plain functions. */
const REGISTRY_KEY = 'grafts.linkedExternals';

type Registry = Map<string, Record<string, unknown>>;

function registry(): Registry {
  const holder = globalThis as unknown as Record<symbol, Registry | undefined>;
  return (holder[Symbol.for(REGISTRY_KEY)] ??= new Map());
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * Packages and Node built-ins linked into a bundle instead of imported by it (`dash watch`):
 * Node imports each one once (as it would any ES module import, and keeps it, as it would), and
 * the bundle gets a small module re-exporting that namespace. A bundle without `import`
 * statements can then be evaluated as a CommonJS function, which Node garbage-collects once its
 * exports are dropped, where every evaluated ES module stays in memory for good: one per save
 * in a long watch session.
 *
 * @example
 * const linked = new LinkedExternals();
 * await linked.moduleSource('node:path');
 * // → 'const ns = globalThis[Symbol.for("grafts.linkedExternals")].get("node:path");\nconst e0 = ns["basename"]; …\nexport { e0 as basename, … };'
 *
 * @internal
 */
export class LinkedExternals {
  /**
   * Imports `specifier` (a `file:` URL or a built-in's name) and returns the source of an ES
   * module exporting the same names and values (a snapshot: packages do not reassign exports).
   *
   * @throws the package's own error when importing it fails.
   */
  async moduleSource(specifier: string): Promise<string> {
    const namespace = (await import(specifier)) as Record<string, unknown>;
    registry().set(specifier, namespace);
    const names = Object.keys(namespace);
    const lines = [`const ns = globalThis[Symbol.for(${JSON.stringify(REGISTRY_KEY)})].get(${JSON.stringify(specifier)});`];
    names.forEach((name, i) => lines.push(`const e${i} = ns[${JSON.stringify(name)}];`));
    if (names.length > 0) {
      const exported = names.map((name, i) => `e${i} as ${IDENTIFIER.test(name) ? name : JSON.stringify(name)}`);
      lines.push(`export { ${exported.join(', ')} };`);
    }
    return `${lines.join('\n')}\n`;
  }
}
