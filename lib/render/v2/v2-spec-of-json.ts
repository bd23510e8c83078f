type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The v2 spec inside parsed dashboard JSON: the `spec` of a `dashboard.grafana.app/v2*`
 * resource, or the object itself when it is a bare v2 spec (`elements` and `layout`);
 * undefined for classic JSON.
 *
 * @example
 * v2SpecOfJson({ apiVersion: 'dashboard.grafana.app/v2', kind: 'Dashboard', metadata: { name: 'a' }, spec }) // → spec
 * v2SpecOfJson({ uid: 'a', panels: [] })                                                                  // → undefined
 */
export function v2SpecOfJson(json: Json): Json | undefined {
  if (typeof json.apiVersion === 'string' && json.apiVersion.startsWith('dashboard.grafana.app/v2')) return isRecord(json.spec) ? json.spec : {};
  if (isRecord(json.elements) && isRecord(json.layout)) return json;
  return undefined;
}
