/**
 * Which query kind a panel target's own fields say it was written for, read from the fields
 * alone (no data source reference). `dash check` uses it to skip targets that are not
 * Prometheus queries; `dash lint` (`query-datasource-mismatch`) to find a target whose fields
 * belong to another kind than its data source's. Only fields no other known kind writes count:
 * a bare `query` string (Elasticsearch, Flux, Tempo, …) says nothing.
 */

type Json = Record<string, unknown>;

/** A query kind recognised by its fields. */
export interface QueryShape {
  /** What people call the kind: `SQL`, `Elasticsearch`, `Prometheus or Loki`, … */
  readonly name: string;
  /** Data source plugin ids whose queries have these fields. */
  readonly plugins: readonly string[];
}

/** Plugin ids whose queries are PromQL in `expr` (the Prometheus plugin and its managed flavours). */
export const PROMQL_PLUGINS: readonly string[] = [
  'prometheus',
  'grafana-amazonprometheus-datasource',
  'grafana-azureprometheus-datasource',
  'grafana-prometheus-datasource',
];

/** Server-side expression types (the `type` of a target on the `__expr__` data source). */
const EXPRESSION_TYPES = new Set(['math', 'reduce', 'resample', 'threshold', 'classic_conditions', 'sql']);

/** Tempo's query types that no other plugin uses (`traceId` and `upload` are shared in spirit with Zipkin and Jaeger). */
const TEMPO_QUERY_TYPES = new Set(['traceql', 'traceqlSearch', 'serviceMap', 'nativeSearch']);

const has = (target: Json, key: string): boolean => target[key] !== undefined && target[key] !== null;
const text = (target: Json, key: string): boolean => typeof target[key] === 'string' && target[key].trim() !== '';

/** Most specific first: several kinds keep their text in `query` or `expression`. */
const SHAPES: readonly { shape: QueryShape; matches: (target: Json) => boolean }[] = [
  { shape: { name: 'SQL', plugins: ['mysql', 'grafana-postgresql-datasource', 'postgres', 'mssql'] }, matches: (t) => has(t, 'rawSql') },
  {
    shape: { name: 'Grafana expression', plugins: ['__expr__'] },
    matches: (t) => typeof t['type'] === 'string' && EXPRESSION_TYPES.has(t['type']) && (has(t, 'expression') || has(t, 'conditions')),
  },
  { shape: { name: 'Elasticsearch', plugins: ['elasticsearch'] }, matches: (t) => has(t, 'metrics') || has(t, 'bucketAggs') },
  { shape: { name: 'CloudWatch', plugins: ['cloudwatch'] }, matches: (t) => has(t, 'queryMode') },
  {
    shape: { name: 'Azure Monitor', plugins: ['grafana-azure-monitor-datasource'] },
    matches: (t) => has(t, 'azureMonitor') || has(t, 'azureLogAnalytics') || has(t, 'azureResourceGraph') || has(t, 'azureTraces'),
  },
  {
    shape: { name: 'Google Cloud Monitoring', plugins: ['stackdriver'] },
    matches: (t) => has(t, 'timeSeriesList') || has(t, 'timeSeriesQuery') || has(t, 'promQLQuery') || has(t, 'sloQuery'),
  },
  { shape: { name: 'profile (Pyroscope or Parca)', plugins: ['grafana-pyroscope-datasource', 'phlare', 'parca'] }, matches: (t) => has(t, 'profileTypeId') },
  { shape: { name: 'TestData', plugins: ['grafana-testdata-datasource', 'testdata'] }, matches: (t) => has(t, 'scenarioId') },
  { shape: { name: 'Graphite', plugins: ['graphite'] }, matches: (t) => typeof t['target'] === 'string' },
  { shape: { name: 'InfluxDB', plugins: ['influxdb'] }, matches: (t) => has(t, 'measurement') || has(t, 'policy') || has(t, 'resultFormat') },
  { shape: { name: 'Tempo', plugins: ['tempo'] }, matches: (t) => typeof t['queryType'] === 'string' && TEMPO_QUERY_TYPES.has(t['queryType']) },
  { shape: { name: 'Zipkin', plugins: ['zipkin'] }, matches: (t) => t['queryType'] === 'traceID' },
  { shape: { name: 'Prometheus or Loki', plugins: [...PROMQL_PLUGINS, 'loki'] }, matches: (t) => text(t, 'expr') },
];

/**
 * Every plugin id some shape belongs to: the data sources whose query fields grafts knows, so
 * that "these fields are not this data source's" can be said. Any other plugin (ClickHouse,
 * OpenSearch, …) may use the same field names, so nothing is said about targets on it.
 */
export const KNOWN_QUERY_PLUGINS: ReadonlySet<string> = new Set(SHAPES.flatMap((s) => s.shape.plugins));

/**
 * Every query kind the target's fields belong to, most specific first (usually one; a target
 * that kept another kind's fields after its data source changed has two). Empty when the
 * fields say nothing (only a refId, a bare `query`, Prometheus options without `expr`).
 *
 * @example
 * queryShapes({ refId: 'A', rawSql: 'SELECT 1' }).map((s) => s.name) // → ['SQL']
 * queryShapes({ refId: 'A', expr: 'up' })[0]?.plugins.includes('prometheus') // → true
 * queryShapes({ refId: 'A', query: 'status:500' }) // → []
 */
export function queryShapes(target: Json): QueryShape[] {
  return SHAPES.filter((s) => s.matches(target)).map((s) => s.shape);
}
