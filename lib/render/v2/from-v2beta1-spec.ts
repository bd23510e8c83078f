type Json = Record<string, unknown>;

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A `dashboard.grafana.app/v2beta1` spec (what Grafana 12.x stores) in the v2 shape grafts renders
 * and compares: the inverse of `toV2beta1Spec` — transformations `{ kind: '<id>', spec: { id, … } }`
 * become `{ kind: 'Transformation', group: '<id>', spec }`. Everything else is the same in both
 * versions (`preferences`, v2 only, cannot be recovered). Pure; unknown shapes are left as they are.
 *
 * @example
 * fromV2beta1Spec(spec).elements['panel-1'].spec.data.spec.transformations
 * // v2beta1: [{ kind: 'organize', spec: { id: 'organize', options: {} } }]
 * // v2:      [{ kind: 'Transformation', group: 'organize', spec: { options: {} } }]
 */
export function fromV2beta1Spec(spec: Readonly<Json>): Json {
  const out = structuredClone(spec) as Json;
  if (!isRecord(out['elements'])) return out;
  for (const element of Object.values(out['elements'])) {
    if (!isRecord(element) || element['kind'] !== 'Panel' || !isRecord(element['spec'])) continue;
    const data = element['spec']['data'];
    if (!isRecord(data) || !isRecord(data['spec']) || !Array.isArray(data['spec']['transformations'])) continue;
    data['spec']['transformations'] = data['spec']['transformations'].map((t: unknown) => {
      if (!isRecord(t) || t['kind'] === 'Transformation' || !isRecord(t['spec'])) return t;
      const { id, ...rest } = t['spec'];
      return { kind: 'Transformation', group: typeof id === 'string' ? id : t['kind'], spec: rest };
    });
  }
  return out;
}
