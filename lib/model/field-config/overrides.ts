import type { DynamicConfigValue, FieldConfig } from '../../generated/index.js';
import { isPlainObject } from '../deep-merge.js';
import type { QueryBuilder } from '../queries/query-builder.js';

/**
 * The field properties an override sets: any standard field option, and the panel kind's
 * custom options under `custom` (flattened to Grafana's `custom.<name>` ids).
 *
 * @example
 * { unit: 'ms', color: { mode: 'fixed', fixedColor: 'red' }, custom: { lineWidth: 2 } }
 * // → [{ "id": "unit", "value": "ms" }, { "id": "color", "value": { "mode": "fixed", "fixedColor": "red" } },
 * //    { "id": "custom.lineWidth", "value": 2 }]
 */
export type OverrideProperties<C extends object> = Omit<FieldConfig, 'custom'> & { readonly custom?: Partial<C> };

/** Which fields an override applies to. */
export type OverrideMatcher =
  | { readonly by: 'name'; readonly name: string }
  | { readonly by: 'regex'; readonly regex: string }
  | { readonly by: 'query'; readonly query: string | QueryBuilder<string> }
  | { readonly by: 'type'; readonly fieldType: 'number' | 'string' | 'time' | 'boolean' | 'other' };

/** An override as the panel keeps it until render. */
export interface OverrideSpec {
  readonly matcher: OverrideMatcher;
  readonly properties: readonly DynamicConfigValue[];
}

/** Turns override properties into Grafana's `[{ id, value }]`, custom ones as `custom.<name>`. @internal */
export function toDynamicConfigValues(properties: object): DynamicConfigValue[] {
  const out: DynamicConfigValue[] = [];
  for (const [id, value] of Object.entries(properties)) {
    if (value === undefined) continue;
    if (id === 'custom' && isPlainObject(value)) {
      for (const [customId, customValue] of Object.entries(value)) {
        if (customValue !== undefined) out.push({ id: `custom.${customId}`, value: structuredClone(customValue) });
      }
    } else {
      out.push({ id, value: structuredClone(value) });
    }
  }
  return out;
}
