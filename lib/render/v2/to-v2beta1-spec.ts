import type { DashboardV2Spec, V2Element } from './dashboard-v2-spec.js';

type Json = Record<string, unknown>;

/**
 * The same dashboard for `dashboard.grafana.app/v2beta1` (what Grafana 12.x serves). Pure. Only
 * two things differ from v2: transformations are `{ kind: '<id>', spec: { id, … } }` instead of
 * `{ kind: 'Transformation', group: '<id>', spec }`, and `preferences` does not exist (dropped:
 * it only sets the default layout of containers added later in the UI).
 *
 * @example
 * toV2beta1Spec(spec).elements['panel-1'].spec.data.spec.transformations
 * // v2:      [{ kind: 'Transformation', group: 'organize', spec: { options: {} } }]
 * // v2beta1: [{ kind: 'organize', spec: { id: 'organize', options: {} } }]
 */
export function toV2beta1Spec(spec: DashboardV2Spec): Json {
  const { preferences: _v2Only, elements, ...rest } = spec;
  const converted: Record<string, unknown> = {};
  for (const [name, element] of Object.entries(elements)) converted[name] = v2beta1Element(element);
  return structuredClone({ ...rest, elements: converted });
}

function v2beta1Element(element: V2Element): unknown {
  if (element.kind !== 'Panel') return element;
  const data = element.spec.data;
  const transformations = data.spec.transformations.map((t) => {
    const id = String(t.group);
    return { kind: id, spec: { id, ...(t.spec as Json) } };
  });
  return { ...element, spec: { ...element.spec, data: { ...data, spec: { ...data.spec, transformations } } } };
}
