import { defineDatasource, type DatasourceCommonOptions, type DatasourceDefinition } from './datasource-definition.js';
import { traceCorrelationJsonData, type TraceCorrelationOptions } from './trace-correlation-settings.js';

/** Options of {@link zipkinDatasource}. */
export type ZipkinDatasourceOptions = DatasourceCommonOptions & TraceCorrelationOptions;

/**
 * A Zipkin data source as code; `nodeGraph: true` adds the service map of each trace.
 *
 * @example
 * zipkinDatasource({ uid: 'zipkin', name: 'Zipkin', url: 'http://zipkin:9411', nodeGraph: true,
 *   tracesToLogsV2: { datasource: loki } }).spec().jsonData
 * // → { "tracesToLogsV2": { "datasourceUid": "loki" }, "nodeGraph": { "enabled": true } }
 */
export function zipkinDatasource(options: ZipkinDatasourceOptions): DatasourceDefinition<'zipkin'> {
  return defineDatasource('zipkin', options, traceCorrelationJsonData(`zipkinDatasource("${options.uid}")`, options) as never);
}
