import { isPlainObject } from '../../model/deep-merge.js';
import { standardVariables, type StandardVariablesOptions, type TemplateLevel } from '../../style/templating.js';
import { json } from './code-model.js';
import type { ImportContext } from './import-context.js';
import { jsonEqual } from './json-equal.js';
import { normalizeVariable } from './round-trip-normalize.js';

const LEVELS: readonly (readonly TemplateLevel[])[] = [[], ['cluster'], ['namespace'], ['cluster', 'namespace']];

/**
 * Recognises the house-style variables at the start of a dashboard's variable list (the
 * templated data source, the chosen levels, `job` and `instance`, exactly as
 * `standardVariables()` builds them) and declares them as
 * `const { datasource: datasourceVar, job, instance } = standardVariables({ … })`.
 * Returns how many variables of the list that covers (0 when they do not match).
 *
 * @example
 * importStandardVariables(ctx, dashboard.templating.list) // → 3, and ctx.variables has datasource, job, instance
 */
export function importStandardVariables(ctx: ImportContext, list: readonly unknown[]): number {
  if (list.length < 3 || !list.slice(0, 3).every(isPlainObject)) return 0;
  const first = list[0] as Record<string, unknown>;
  if (
    first.type !== 'datasource' ||
    typeof first.name !== 'string' ||
    !first.name.endsWith('datasource') ||
    (first.query !== 'prometheus' && first.query !== 'loki')
  )
    return 0;
  const kind = first.query;
  // A second set on one dashboard is prefixed (`loki_datasource`, label `Logs Data source`).
  const prefix = first.name.slice(0, -'datasource'.length);
  const labelPrefix = typeof first.label === 'string' && first.label.endsWith('Data source') ? first.label.slice(0, -'Data source'.length) : '';
  const metrics = new Set<string | undefined>([undefined]);
  const second = list[1] as Record<string, unknown>;
  const m = typeof second.query === 'string' ? /^label_values\((.+), (\w+)\)$/.exec(second.query) : null;
  if (kind === 'prometheus' && m) metrics.add(m[1]);
  const wanted = list.map((v) => (isPlainObject(v) ? normalizeVariable(v) : v));
  let best: { options: StandardVariablesOptions; count: number; labels: string[] } | undefined;
  for (const levels of LEVELS) {
    for (const infoMetric of metrics) {
      if (kind === 'loki' && infoMetric !== undefined) continue;
      const options: StandardVariablesOptions = {
        ...(kind === 'loki' ? { datasourceType: 'loki' as const } : {}),
        ...(infoMetric !== undefined && infoMetric !== 'up' ? { infoMetric } : {}),
        ...(levels.length > 0 ? { levels } : {}),
        ...(prefix !== '' ? { prefix } : {}),
        ...(labelPrefix !== '' ? { labelPrefix } : {}),
      };
      let vars: ReturnType<typeof standardVariables>;
      try {
        vars = standardVariables(options);
      } catch {
        return 0; // a prefix standardVariables() cannot take
      }
      const built = vars.all.map((v) => normalizeVariable(v.build() as unknown as Record<string, unknown>));
      if (built.length > wanted.length || !built.every((b, i) => jsonEqual(b, wanted[i]))) continue;
      if (!best || built.length > best.count) best = { options, count: built.length, labels: vars.all.map((v) => v.name.slice(prefix.length)) };
    }
  }
  if (!best) return 0;
  const bindings = best.labels.map((label) => ({ property: label, name: ctx.names.take(`${prefix}${label}`) }));
  ctx.declareDestructured(ctx.factory('standardVariables', ...(Object.keys(best.options).length > 0 ? [json(best.options)] : [])), bindings);
  for (const b of bindings) ctx.variables.set(`${prefix}${b.property}`, b.name);
  ctx.datasourceKinds.set(bindings[0]!.name, kind);
  ctx.notes.push(`variables ${best.labels.map((l) => `${prefix}${l}`).join(', ')} are the house-style standardVariables()`);
  return best.count;
}
