// The correlated part of a RED row: exemplar trace links on the latency panel, the service's
// logs whose trace ids open the trace, and a table of its slow and failed traces.
import type { DatasourceLike } from '../model/datasource.js';
import { logs, type LogsPanel } from '../model/panels/logs-panel.js';
import { table, type TablePanel } from '../model/panels/table-panel.js';
import { loki } from '../model/queries/loki-query.js';
import { tempo } from '../model/queries/tempo-query.js';
import { traceLink, type TraceDatasourceKind } from '../model/trace-links.js';
import { quoteLabelValue, selector, type LabelMatcher, type Matchers } from './selector.js';

/**
 * Where a RED row's traces are: a Tempo or Zipkin data source. `kind` may be left out (it is
 * the data source's); when given it must agree with it.
 *
 * @example
 * const traces: RedTracesOptions = { datasource: datasource('tempo', 'tempo'), kind: 'tempo', slowerThan: '250ms' };
 */
export type RedTracesOptions = (
  { readonly datasource: DatasourceLike<'tempo'>; readonly kind?: 'tempo' } | { readonly datasource: DatasourceLike<'zipkin'>; readonly kind?: 'zipkin' }
) & {
  /** The service's name in its traces (`resource.service.name`; default: the row's service). */
  readonly serviceName?: string;
  /** Traces slower than this count as slow (a TraceQL duration, default `500ms`). */
  readonly slowerThan?: string;
  /** The most traces the table lists (default 20). */
  readonly limit?: number;
  /** The exemplar label holding the trace id (default `trace_id`). */
  readonly traceIdLabel?: string;
};

/**
 * Where a RED row's logs are: a Loki data source and the service's streams. Without a
 * Prometheus data source the row's rate, errors and latency come from these logs (the parsing
 * options are those of {@link red.logsRow}).
 *
 * @example
 * const logs: RedLogsOptions = { datasource: datasource('loki', 'loki'), streamSelector: { app: 'checkout' } };
 */
export interface RedLogsOptions {
  /** The Loki data source. */
  readonly datasource: DatasourceLike<'loki'>;
  /** The service's streams: a selector such as `{app="checkout"}`, or its matchers. */
  readonly streamSelector: string | Matchers | readonly LabelMatcher[];
  /** The field of a line that holds its trace id (default `trace_id`): it links to the trace. */
  readonly traceIdField?: string;
  /** The parser that extracts fields from lines, for log-based RED panels (default `json`). */
  readonly parser?: 'json' | 'logfmt';
  /** The field holding the HTTP status, for log-based RED panels (default `status`). */
  readonly statusField?: string;
  /** The field holding the request duration, for log-based RED panels (default `duration`). */
  readonly durationField?: string;
  /** `seconds` (default), `milliseconds` or `duration` (Go style), for log-based RED panels. */
  readonly durationFormat?: 'seconds' | 'milliseconds' | 'duration';
}

/**
 * Grid sizes of the correlated panels, under the RED panels: slow and failed traces on the
 * left, logs on the right (logs take the full width when there is no traces table).
 *
 * @example
 * RED_CORRELATION_LAYOUT.logs // → { width: 12, height: 10 }
 */
export const RED_CORRELATION_LAYOUT = Object.freeze({
  traces: Object.freeze({ width: 12, height: 10 }),
  logs: Object.freeze({ width: 12, height: 10 }),
});

const DEFAULT_SLOWER_THAN = '500ms';
const DEFAULT_TRACE_LIMIT = 20;
const DEFAULT_TRACE_ID = 'trace_id';
// A TraceQL duration: a number with Go's units (Tempo accepts the same).
const TRACEQL_DURATION = /^\d+(\.\d+)?(ns|us|µs|ms|s|m|h)$/;

/**
 * The TraceQL of a service's slow and failed traces: spans of the service that ended in an
 * error or took longer than `slowerThan`.
 *
 * @example
 * slowAndFailedTraceQL('checkout', '250ms')
 * // → '{ resource.service.name = "checkout" && (status = error || duration > 250ms) }'
 */
export function slowAndFailedTraceQL(serviceName: string, slowerThan: string = DEFAULT_SLOWER_THAN): string {
  if (!TRACEQL_DURATION.test(slowerThan))
    throw new TypeError(`slowerThan: expected a TraceQL duration such as 500ms or 1.5s, got ${JSON.stringify(slowerThan)}`);
  return `{ resource.service.name = ${quoteLabelValue(serviceName)} && (status = error || duration > ${slowerThan}) }`;
}

/** The trace data source of `traces`, checked against its `kind`. @internal */
export function traceDatasourceOf(where: string, traces: RedTracesOptions): DatasourceLike<TraceDatasourceKind> {
  const ds = traces.datasource as DatasourceLike<TraceDatasourceKind>;
  if (ds.kind !== 'tempo' && ds.kind !== 'zipkin')
    throw new TypeError(`${where}: traces.datasource must be a tempo or zipkin data source, got ${String(ds.kind)}`);
  if (traces.kind !== undefined && traces.kind !== ds.kind)
    throw new TypeError(`${where}: traces.kind is ${traces.kind} but traces.datasource is a ${ds.kind} data source`);
  return ds;
}

/** The stream selector of `logs` as text. @internal */
export function streamSelectorOf(logsOptions: Pick<RedLogsOptions, 'streamSelector'>): string {
  return typeof logsOptions.streamSelector === 'string' ? logsOptions.streamSelector : selector(logsOptions.streamSelector);
}

/**
 * The "Slow and failed traces" table of a service: a TraceQL search on Tempo, one row per
 * trace; Tempo's results link each trace id to the trace.
 * @internal
 */
export function slowAndFailedTracesPanel(service: string, traces: RedTracesOptions, ds: DatasourceLike<'tempo'>): TablePanel<'tempo'> {
  const name = traces.serviceName ?? service;
  const slowerThan = traces.slowerThan ?? DEFAULT_SLOWER_THAN;
  return table('Slow and failed traces')
    .description(`Traces of ${name} with an error or slower than ${slowerThan}, newest first (TraceQL search on Tempo). Click a trace id to open it.`)
    .datasource(ds)
    .target(
      tempo(slowAndFailedTraceQL(name, slowerThan))
        .tableType('traces')
        .limit(traces.limit ?? DEFAULT_TRACE_LIMIT),
    )
    .size(RED_CORRELATION_LAYOUT.traces.width, RED_CORRELATION_LAYOUT.traces.height);
}

/**
 * The logs panel of a service; with traces, its trace-id field opens the trace.
 * @internal
 */
export function serviceLogsPanel(
  service: string,
  logsOptions: RedLogsOptions,
  traceDs: DatasourceLike<TraceDatasourceKind> | undefined,
  width: number,
): LogsPanel<'loki'> {
  const field = logsOptions.traceIdField ?? DEFAULT_TRACE_ID;
  const panel = logs('Logs')
    .description(`Log lines of ${service} (\`${streamSelectorOf(logsOptions)}\`)${traceDs ? `; the \`${field}\` field opens the trace` : ''}.`)
    .datasource(logsOptions.datasource)
    .target(loki(streamSelectorOf(logsOptions)))
    .showTime()
    .wrapLines()
    .sortOrder('Descending')
    .size(width, RED_CORRELATION_LAYOUT.logs.height);
  return traceDs ? panel.fieldLinkFor(field, traceLink('Open trace', traceDs)) : panel;
}

/** The exemplar label holding the trace id. @internal */
export function traceIdLabelOf(traces: RedTracesOptions): string {
  return traces.traceIdLabel ?? DEFAULT_TRACE_ID;
}
