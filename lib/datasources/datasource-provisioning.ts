import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import type { DatasourceDefinition } from './datasource-definition.js';

/** Where the file target writes data sources, relative to its root. */
export const DATASOURCE_PROVISIONING_FILE = path.join('provisioning', 'datasources', 'grafts.yaml');

/**
 * Grafana's data source provisioning YAML for `definitions`. Secrets are written as `${NAME}`,
 * which Grafana expands from its own environment when it reads the file: the values never
 * reach the file.
 *
 * @example
 * renderDatasourceProvisioning([prometheusDatasource({ uid: 'prom', name: 'Prometheus', url: 'http://p:9090' })])
 * // → "# Written by grafts …\napiVersion: 1\ndatasources:\n  - uid: prom\n    name: Prometheus\n    type: prometheus\n …"
 */
export function renderDatasourceProvisioning(definitions: readonly DatasourceDefinition[]): string {
  const seen = new Map<string, string>();
  for (const d of definitions) {
    for (const key of [`uid ${d.uid}`, `name ${d.displayName}`]) {
      if (seen.has(key)) throw new TypeError(`data sources: two definitions share the ${key}`);
      seen.set(key, d.uid);
    }
  }
  const datasources = definitions.map((d) => {
    const spec = d.spec();
    const secrets = Object.entries(d.secrets());
    return {
      ...spec,
      editable: false,
      ...(secrets.length > 0 ? { secureJsonData: Object.fromEntries(secrets.map(([k, ref]) => [k, `\${${ref.env}}`])) } : {}),
    };
  });
  return `# Written by grafts (dash apply): Grafana provisions these data sources; secrets come from Grafana's environment.\n${stringify({ apiVersion: 1, datasources })}`;
}

/**
 * Writes {@link renderDatasourceProvisioning} to `<root>/provisioning/datasources/grafts.yaml`
 * (atomically: a reader never sees half a file), or a text it rendered before. Returns the file's path.
 */
export async function writeDatasourceProvisioning(root: string, definitions: readonly DatasourceDefinition[] | string): Promise<string> {
  // A rendered text is written as is (a plan already rendered it to compare with the file).
  const text = typeof definitions === 'string' ? definitions : renderDatasourceProvisioning(definitions);
  const file = path.join(root, DATASOURCE_PROVISIONING_FILE);
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, file);
  return file;
}
