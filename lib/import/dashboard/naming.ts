const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'import in instanceof new null return super switch this throw true try typeof var void while with yield let static ' +
    'implements interface package private protected public await async of undefined NaN Infinity arguments eval ' +
    'Object Array String Number Boolean Symbol Error JSON Math Date Promise Map Set'
  ).split(' '),
);

/**
 * Hands out readable, unique TypeScript identifiers: `job`, `clusterLabel` for `cluster_label`,
 * `datasourceVar` when the name is taken (by a builder import or a reserved word).
 *
 * @example
 * const names = new IdentifierPool(['datasource']);
 * names.take('datasource'); // → 'datasourceVar'
 * names.take('node-name');  // → 'nodeName'
 */
export class IdentifierPool {
  readonly #used = new Set<string>();

  constructor(taken: Iterable<string> = []) {
    for (const name of taken) this.#used.add(name);
  }

  /** Marks a name as used. */
  reserve(name: string): void {
    this.#used.add(name);
  }

  /** A fresh identifier close to `hint`, with `suffix` added when `hint` itself is taken. */
  take(hint: string, suffix = 'Var'): string {
    const words = hint.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
    let base = words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('');
    if (base === '') base = 'value';
    if (/^[0-9]/.test(base)) base = `v${base}`;
    base = base.slice(0, 40);
    let name = base;
    if (RESERVED.has(name) || this.#used.has(name)) name = `${base}${suffix}`;
    for (let i = 2; RESERVED.has(name) || this.#used.has(name); i++) name = `${base}${suffix}${i}`;
    this.#used.add(name);
    return name;
  }
}
