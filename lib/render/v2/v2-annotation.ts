import { classicDatasource, dataQueryOf } from './v2-data-query.js';

type Json = Record<string, unknown>;

// Keys of a classic annotation that v2 keeps on the annotation itself; the others are the data source's query.
const ANNOTATION_KEYS = new Set(['name', 'datasource', 'enable', 'hide', 'iconColor', 'builtIn', 'filter']);

/**
 * Turns one classic `annotations.list` entry into a v2 `AnnotationQuery`: the data source's
 * own fields (`expr`, `step`, `titleFormat`, …) become the query body, `builtIn: 1` becomes
 * `true`, and the fields v2 requires are always written.
 *
 * @example
 * v2AnnotationOf({ name: 'Deploys', datasource: { type: 'prometheus', uid: 'prom' }, enable: true, iconColor: 'red', expr: 'changes(build_info[5m]) > 0' }, report)
 * // → { kind: 'AnnotationQuery', spec: { query: { kind: 'DataQuery', group: 'prometheus', version: 'v0', datasource: { name: 'prom' },
 * //       spec: { expr: 'changes(build_info[5m]) > 0' } }, enable: true, hide: false, iconColor: 'red', name: 'Deploys' } }
 */
export function v2AnnotationOf(annotation: Json, report: (message: string) => void): Json {
  const body: Json = {};
  for (const [key, value] of Object.entries(annotation)) if (!ANNOTATION_KEYS.has(key)) body[key] = value;
  const query = dataQueryOf(body, classicDatasource(annotation));
  if (typeof query === 'string') report(query);
  const spec: Json = {
    query: typeof query === 'string' ? { kind: 'DataQuery', group: '', version: 'v0', spec: body } : query,
    enable: annotation.enable !== false,
    hide: annotation.hide === true,
    iconColor: typeof annotation.iconColor === 'string' ? annotation.iconColor : 'red',
    name: String(annotation.name),
  };
  if (annotation.builtIn === 1 || annotation.builtIn === true) spec.builtIn = true;
  if (annotation.filter !== undefined) spec.filter = annotation.filter;
  return { kind: 'AnnotationQuery', spec };
}
