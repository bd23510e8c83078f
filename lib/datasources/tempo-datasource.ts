import type { DatasourceLike } from '../model/datasource.js';
import { defineDatasource, type DatasourceCommonOptions, type DatasourceDefinition } from './datasource-definition.js';
import { uidOf } from './prometheus-datasource.js';
import { traceCorrelationJsonData, type TraceCorrelationOptions } from './trace-correlation-settings.js';

/** Options of {@link tempoDatasource}. */
export interface TempoDatasourceOptions extends DatasourceCommonOptions, TraceCorrelationOptions {
  /** The Prometheus data source holding Tempo's service graph metrics (for the service map). */
  readonly serviceMap?: { readonly datasource: DatasourceLike<'prometheus'> };
}

/**
 * A Tempo data source as code, with its links to logs, metrics and the service map.
 *
 * @example
 * tempoDatasource({ uid: 'tempo', name: 'Tempo', url: 'http://tempo:3200',
 *   tracesToLogsV2: { datasource: loki, filterByTraceID: true }, serviceMap: { datasource: prom }, nodeGraph: true }).spec().jsonData
 * // → { "tracesToLogsV2": { "datasourceUid": "loki", "filterByTraceID": true }, "nodeGraph": { "enabled": true },
 * //     "serviceMap": { "datasourceUid": "prom" } }
 */
export function tempoDatasource(options: TempoDatasourceOptions): DatasourceDefinition<'tempo'> {
  const where = `tempoDatasource("${options.uid}")`;
  const jsonData = traceCorrelationJsonData(where, options);
  if (options.serviceMap) jsonData.serviceMap = { datasourceUid: uidOf(options.serviceMap.datasource, `${where}: serviceMap`) };
  return defineDatasource('tempo', options, jsonData as never);
}
