const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'import in instanceof new null return super switch this throw true try typeof var void while with yield let static ' +
    'implements interface package private protected public await arguments eval undefined NaN Infinity'
  ).split(' '),
);

/**
 * Hands out distinct camelCase identifiers for names read from files (`node-exporter.rules` →
 * `nodeExporterRules`), never a reserved word or a name already taken.
 *
 * @example
 * const names = new IdentifierNames(['ruleGroup']);
 * names.take('node-exporter'); // → 'nodeExporter'
 * names.take('node exporter'); // → 'nodeExporter2'
 * names.take('1st');           // → 'group1st'
 */
export class IdentifierNames {
  private readonly taken: Set<string>;

  constructor(taken: Iterable<string> = []) {
    this.taken = new Set(taken);
  }

  /** A fresh identifier for `name`; `fallback` when the name has no letters or digits. */
  take(name: string, fallback = 'group'): string {
    const words = name.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, ' ').trim().split(' ').filter((w) => w !== '');
    let base = words.map((w, i) => (i === 0 ? w[0]!.toLowerCase() + w.slice(1) : w[0]!.toUpperCase() + w.slice(1))).join('');
    if (base === '') base = fallback;
    else if (/^\d/.test(base)) base = fallback + base;
    if (base.length > 60) base = base.slice(0, 60);
    let candidate = base;
    for (let n = 2; RESERVED.has(candidate) || this.taken.has(candidate); n++) candidate = `${base}${n}`;
    this.taken.add(candidate);
    return candidate;
  }
}
