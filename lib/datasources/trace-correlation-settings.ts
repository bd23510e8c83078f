import type { DatasourceLike } from '../model/datasource.js';
import { uidOf } from './prometheus-datasource.js';

/**
 * Trace to logs (`tracesToLogsV2`): from a span, open the logs of its service around its time.
 *
 * @example
 * { datasource: loki, tags: [{ key: 'service.name', value: 'service' }], filterByTraceID: true, spanStartTimeShift: '-5m', spanEndTimeShift: '5m' }
 */
export interface TracesToLogsSettings {
  readonly datasource: DatasourceLike<'loki'>;
  /** Span attributes turned into stream selector labels (`key` the attribute, `value` the label name if different). */
  readonly tags?: readonly { readonly key: string; readonly value?: string }[];
  readonly spanStartTimeShift?: string;
  readonly spanEndTimeShift?: string;
  readonly filterByTraceID?: boolean;
  readonly filterBySpanID?: boolean;
  /** A LogQL query of your own (instead of the one built from `tags`), with `${__span.tags.…}` variables. */
  readonly query?: string;
}

/**
 * Trace to metrics (`tracesToMetrics`): from a span, open queries on a Prometheus data source.
 *
 * @example
 * { datasource: prom, tags: [{ key: 'service.name', value: 'service' }], queries: [{ name: 'Request rate', query: 'sum(rate(http_requests_total{$__tags}[5m]))' }] }
 */
export interface TracesToMetricsSettings {
  readonly datasource: DatasourceLike<'prometheus'>;
  readonly tags?: readonly { readonly key: string; readonly value?: string }[];
  readonly queries?: readonly { readonly name: string; readonly query: string }[];
  readonly spanStartTimeShift?: string;
  readonly spanEndTimeShift?: string;
}

/** Settings Tempo and Zipkin share (public option types extend it). */
export interface TraceCorrelationOptions {
  readonly tracesToLogsV2?: TracesToLogsSettings;
  readonly tracesToMetrics?: TracesToMetricsSettings;
  /** Shows a node graph (service map of the trace) with each trace. */
  readonly nodeGraph?: boolean;
}

function tags(list: TracesToLogsSettings['tags']): Record<string, unknown> {
  return list ? { tags: list.map((t) => ({ key: t.key, ...(t.value !== undefined ? { value: t.value } : {}) })) } : {};
}

/** The `jsonData` of the shared trace correlation settings. @internal */
export function traceCorrelationJsonData(where: string, options: TraceCorrelationOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const logs = options.tracesToLogsV2;
  if (logs) {
    out.tracesToLogsV2 = {
      datasourceUid: uidOf(logs.datasource, `${where}: tracesToLogsV2`),
      ...tags(logs.tags),
      ...(logs.spanStartTimeShift !== undefined ? { spanStartTimeShift: logs.spanStartTimeShift } : {}),
      ...(logs.spanEndTimeShift !== undefined ? { spanEndTimeShift: logs.spanEndTimeShift } : {}),
      ...(logs.filterByTraceID !== undefined ? { filterByTraceID: logs.filterByTraceID } : {}),
      ...(logs.filterBySpanID !== undefined ? { filterBySpanID: logs.filterBySpanID } : {}),
      ...(logs.query !== undefined ? { customQuery: true, query: logs.query } : {}),
    };
  }
  const metrics = options.tracesToMetrics;
  if (metrics) {
    out.tracesToMetrics = {
      datasourceUid: uidOf(metrics.datasource, `${where}: tracesToMetrics`),
      ...tags(metrics.tags),
      ...(metrics.queries ? { queries: metrics.queries.map((q) => ({ name: q.name, query: q.query })) } : {}),
      ...(metrics.spanStartTimeShift !== undefined ? { spanStartTimeShift: metrics.spanStartTimeShift } : {}),
      ...(metrics.spanEndTimeShift !== undefined ? { spanEndTimeShift: metrics.spanEndTimeShift } : {}),
    };
  }
  if (options.nodeGraph !== undefined) out.nodeGraph = { enabled: options.nodeGraph };
  return out;
}
