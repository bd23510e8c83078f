import type { DatasourceLike } from '../model/datasource.js';
import { defineDatasource, type DatasourceCommonOptions, type DatasourceDefinition } from './datasource-definition.js';
import { uidOf } from './prometheus-datasource.js';

/**
 * A field Grafana derives from each log line — by regex on the line, or from a label — and
 * turns into a link: to a trace on a tracing data source (internal), or to a URL.
 *
 * @example
 * { name: 'trace_id', matcherRegex: '"trace_id":"(\\w+)"', datasource: tempo }
 * // → { "name": "trace_id", "matcherRegex": "\"trace_id\":\"(\\w+)\"", "url": "${__value.raw}", "datasourceUid": "tempo" }
 */
export type LokiDerivedField = {
  readonly name: string;
  /** A regex whose first group is the value, or (with `matcherType: 'label'`) a label name. */
  readonly matcherRegex: string;
  readonly matcherType?: 'regex' | 'label';
  readonly urlDisplayLabel?: string;
} & ({ readonly datasource: DatasourceLike<'tempo' | 'zipkin' | 'jaeger'>; readonly query?: string } | { readonly url: string });

/** Options of {@link lokiDatasource}. */
export interface LokiDatasourceOptions extends DatasourceCommonOptions {
  /** Fields derived from log lines, e.g. the trace id linking to Tempo. */
  readonly derivedFields?: readonly LokiDerivedField[];
  /** The most lines a query returns (Grafana's default 1000). */
  readonly maxLines?: number;
}

/**
 * A Loki data source as code.
 *
 * @example
 * lokiDatasource({ uid: 'loki', name: 'Loki', url: 'http://loki:3100',
 *   derivedFields: [{ name: 'trace_id', matcherRegex: 'trace_id=(\\w+)', datasource: tempo }] }).spec().jsonData
 * // → { "derivedFields": [{ "name": "trace_id", "matcherRegex": "trace_id=(\\w+)", "url": "${__value.raw}", "datasourceUid": "tempo" }] }
 */
export function lokiDatasource(options: LokiDatasourceOptions): DatasourceDefinition<'loki'> {
  const jsonData: Record<string, unknown> = {};
  if (options.maxLines !== undefined) jsonData.maxLines = options.maxLines;
  if (options.derivedFields) {
    jsonData.derivedFields = options.derivedFields.map((f) => {
      if (f.matcherType !== 'label') {
        try {
          new RegExp(f.matcherRegex);
        } catch (e) {
          throw new TypeError(`lokiDatasource("${options.uid}"): derivedFields "${f.name}": matcherRegex is not a valid regex: ${(e as Error).message}`, {
            cause: e,
          });
        }
      }
      // An internal link's "url" is the query run on the target data source.
      const link =
        'datasource' in f
          ? { url: f.query ?? '${__value.raw}', datasourceUid: uidOf(f.datasource, `lokiDatasource("${options.uid}"): derivedFields "${f.name}"`) }
          : { url: f.url };
      return {
        name: f.name,
        matcherRegex: f.matcherRegex,
        ...(f.matcherType !== undefined ? { matcherType: f.matcherType } : {}),
        ...link,
        ...(f.urlDisplayLabel !== undefined ? { urlDisplayLabel: f.urlDisplayLabel } : {}),
      };
    });
  }
  return defineDatasource('loki', options, jsonData as never);
}
