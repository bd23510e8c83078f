import { isPlainObject } from '../../model/deep-merge.js';

type Json = Record<string, unknown>;

/**
 * Dashboards exported "for sharing externally" reference `__inputs` (`${DS_PROMETHEUS}`,
 * `${VAR_CLUSTER}`) that Grafana's import dialog fills in. The importer turns each referenced
 * data source input into a data source variable of the same name (so the dashboard stays
 * portable), and each constant input into a constant variable with the input's value; the
 * `__inputs` list itself is dropped (as Grafana does on import). Notes say what was added.
 *
 * @example
 * resolveInputs({ __inputs: [{ name: 'DS_PROM', type: 'datasource', pluginId: 'prometheus', label: 'Prometheus' }],
 *   panels: [{ datasource: '${DS_PROM}' }] }, notes).templating
 * // → { list: [{ type: 'datasource', name: 'DS_PROM', label: 'Prometheus', query: 'prometheus' }] }
 */
export function resolveInputs(dashboard: Json, notes: string[]): Json {
  const inputs = Array.isArray(dashboard.__inputs) ? dashboard.__inputs.filter(isPlainObject) : [];
  if (inputs.length === 0) return dashboard;
  const templating = isPlainObject(dashboard.templating) ? dashboard.templating : {};
  const list = Array.isArray(templating.list) ? templating.list : [];
  const existing = new Set(list.filter(isPlainObject).map((v) => v.name));
  const text = JSON.stringify({ ...dashboard, __inputs: undefined });
  const added: Json[] = [];
  for (const input of inputs) {
    const name = input.name;
    if (typeof name !== 'string' || !/^\w+$/.test(name) || existing.has(name)) continue;
    if (!text.includes(`\${${name}}`) && !text.includes(`$${name}`)) continue;
    const label = typeof input.label === 'string' && input.label !== '' ? { label: input.label } : {};
    if (input.type === 'datasource' && typeof input.pluginId === 'string' && input.pluginId !== '') {
      added.push({ type: 'datasource', name, ...label, query: input.pluginId });
      notes.push(`export input \${${name}} became a data source variable "${name}" (${input.pluginId})`);
    } else if (input.type === 'constant' && typeof input.value === 'string') {
      added.push({ type: 'constant', name, ...label, query: input.value, hide: 2 });
      notes.push(`export input \${${name}} became a constant variable "${name}"`);
    }
  }
  if (added.length === 0) return dashboard;
  return { ...dashboard, templating: { ...templating, list: [...added, ...list] } };
}
