import path from 'node:path';

/**
 * A name in kebab case: words split at separators and at lower-to-upper case changes, accents
 * dropped, lowercase, joined by `-`; at most 80 characters; empty when nothing is left.
 *
 * @example
 * kebabCase('nodeExporterFull')     // → 'node-exporter-full'
 * kebabCase('K8s / Cluster (prod)') // → 'k8s-cluster-prod'
 */
export function kebabCase(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

// A uid Grafana (or a hash) generated: long, one word, letters and digits mixed.
function looksGenerated(name: string): boolean {
  return name.length >= 8 && /^[A-Za-z0-9]+$/.test(name) && /[0-9]/.test(name) && /[A-Za-z]/.test(name);
}

/**
 * The `.dash.ts` file name for a dashboard imported from `source`: the source file's name in
 * kebab case (`Node Exporter Full.json` → `node-exporter-full.dash.ts`); the title's when the
 * source names nothing (no file name) or is only the dashboard's generated uid, as `dash pull`
 * writes it (`fdlwjnyim1la8f.json` → the title); `dashboard` when neither has a usable word.
 *
 * @example
 * dashboardFileName('dashboards_out/node-rsrc-use.json', '09ec8aa1e1f1cb7d3e3b4f0c6e5a7b9d', 'Node / USE Method') // → 'node-rsrc-use.dash.ts'
 * dashboardFileName('pulled/team/fdlwjnyim1la8f.json', 'fdlwjnyim1la8f', 'Checkout API')                      // → 'checkout-api.dash.ts'
 */
export function dashboardFileName(source: string, uid: string, title: string): string {
  const base = path.basename(source.split(/[\\/]/).join('/')).replace(/\.[A-Za-z]+$/, '');
  const fromFile = base === uid && looksGenerated(uid) ? '' : kebabCase(base);
  return `${fromFile || kebabCase(title) || 'dashboard'}.dash.ts`;
}

/**
 * `wanted` if no name in `taken` equals it (ignoring case, as macOS and Windows do), else the
 * first free `<stem>-2.dash.ts`, `<stem>-3.dash.ts`, …; the result is added to `taken` (lowercase).
 *
 * @example
 * const taken = new Set(['api.dash.ts']);
 * uniqueFileName('API.dash.ts', taken) // → 'API-2.dash.ts'
 */
export function uniqueFileName(wanted: string, taken: Set<string>): string {
  const match = /^(.*?)((?:\.[a-z]+)+)$/.exec(wanted);
  const [stem, extension] = match ? [match[1]!, match[2]!] : [wanted, ''];
  let name = wanted;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${stem}-${n}${extension}`;
  taken.add(name.toLowerCase());
  return name;
}
