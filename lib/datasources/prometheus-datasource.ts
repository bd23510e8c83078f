import type { DatasourceLike } from '../model/datasource.js';
import { defineDatasource, type DatasourceCommonOptions, type DatasourceDefinition } from './datasource-definition.js';

/**
 * Where an exemplar's trace id leads: a tracing data source of this Grafana (an internal link)
 * or a URL with `${__value.raw}`.
 *
 * @example
 * { name: 'trace_id', datasource: tempo }                                    // → { "name": "trace_id", "datasourceUid": "tempo" }
 * { name: 'trace_id', url: 'https://zipkin.example/trace/${__value.raw}', urlDisplayLabel: 'Zipkin' }
 */
export type ExemplarTraceIdDestination =
  | { readonly name: string; readonly datasource: DatasourceLike<'tempo' | 'zipkin' | 'jaeger'>; readonly urlDisplayLabel?: string }
  | { readonly name: string; readonly url: string; readonly urlDisplayLabel?: string };

/** Options of {@link prometheusDatasource}. */
export interface PrometheusDatasourceOptions extends DatasourceCommonOptions {
  /** Exemplar label(s) holding trace ids and where each leads: makes exemplar dots clickable. */
  readonly exemplarTraceIdDestinations?: readonly ExemplarTraceIdDestination[];
  /** `POST` (default in Grafana) or `GET`. */
  readonly httpMethod?: 'POST' | 'GET';
  /** The back end's flavour, for the query editor's features. */
  readonly prometheusType?: 'Prometheus' | 'Mimir' | 'Cortex' | 'Thanos';
  /** The scrape interval, the lower bound of `$__interval`, e.g. `15s`. */
  readonly timeInterval?: string;
}

/**
 * A Prometheus (or Mimir, Cortex, Thanos) data source as code.
 *
 * @example
 * prometheusDatasource({ uid: 'prom', name: 'Prometheus', url: 'http://prometheus:9090',
 *   exemplarTraceIdDestinations: [{ name: 'trace_id', datasource: tempo }] }).spec().jsonData
 * // → { "exemplarTraceIdDestinations": [{ "name": "trace_id", "datasourceUid": "tempo" }] }
 */
export function prometheusDatasource(options: PrometheusDatasourceOptions): DatasourceDefinition<'prometheus'> {
  const jsonData: Record<string, unknown> = {};
  if (options.httpMethod !== undefined) jsonData.httpMethod = options.httpMethod;
  if (options.prometheusType !== undefined) jsonData.prometheusType = options.prometheusType;
  if (options.timeInterval !== undefined) jsonData.timeInterval = options.timeInterval;
  if (options.exemplarTraceIdDestinations) {
    jsonData.exemplarTraceIdDestinations = options.exemplarTraceIdDestinations.map((d) => ({
      name: d.name,
      ...('datasource' in d
        ? { datasourceUid: uidOf(d.datasource, `prometheusDatasource("${options.uid}"): exemplarTraceIdDestinations "${d.name}"`) }
        : { url: d.url }),
      ...(d.urlDisplayLabel !== undefined ? { urlDisplayLabel: d.urlDisplayLabel } : {}),
    }));
  }
  return defineDatasource('prometheus', options, jsonData as never);
}

/** The uid of a referenced data source; a data source variable cannot be referenced from settings. @internal */
export function uidOf(datasource: DatasourceLike, where: string): string {
  const uid = datasource.toRef().uid;
  if (typeof uid !== 'string' || uid === '' || uid.includes('$'))
    throw new TypeError(`${where}: needs a data source with a fixed uid (a data source defined as code), got ${JSON.stringify(uid)}`);
  return uid;
}
