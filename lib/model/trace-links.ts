import { internalLink, type DataLinkSpec } from './data-link.js';
import type { DatasourceLike } from './datasource.js';
import { loki } from './queries/loki-query.js';
import { tempo } from './queries/tempo-query.js';
import { zipkin } from './queries/zipkin-query.js';

/** The tracing back ends a trace link can open. */
export type TraceDatasourceKind = 'tempo' | 'zipkin';

/**
 * An internal link that opens one trace in Explore: by default the trace whose id is the value
 * clicked (`${__value.raw}`), on a Tempo or a Zipkin data source.
 *
 * @example
 * logs('Logs').fieldLinkFor('traceID', traceLink('Open trace', tempoDs))
 * // → "links": [{ "title": "Open trace", "url": "",
 * //     "internal": { "datasourceUid": "tempo", "query": { "query": "${__value.raw}", "queryType": "traceql" } } }]
 * traceLink('Open trace', zipkinDs).build().internal?.query
 * // → { "query": "${__value.raw}", "queryType": "traceID" }
 */
export function traceLink<K extends TraceDatasourceKind>(title: string, datasource: DatasourceLike<K>, traceId = '${__value.raw}'): DataLinkSpec {
  if (datasource.kind === 'zipkin') return internalLink(title, datasource as DatasourceLike<'zipkin'>, zipkin(traceId));
  if (datasource.kind === 'tempo') return internalLink(title, datasource as DatasourceLike<'tempo'>, tempo(traceId));
  throw new TypeError(`traceLink("${title}"): expected a tempo or zipkin data source, got ${String(datasource.kind)}`);
}

/**
 * An internal link that opens a LogQL query in Explore over the time range of the panel
 * clicked, e.g. the logs of the same service, or the lines that mention the clicked trace id.
 *
 * @example
 * logsLink('Logs of checkout', lokiDs, '{service="checkout"} |= "${__value.raw}"').build()
 * // → { "title": "Logs of checkout", "url": "",
 * //     "internal": { "datasourceUid": "loki", "query": { "expr": "{service=\"checkout\"} |= \"${__value.raw}\"" } } }
 */
export function logsLink(title: string, datasource: DatasourceLike<'loki'>, expr: string): DataLinkSpec {
  return internalLink(title, datasource, loki(expr));
}
