// Code generated from schemas/queries.schema.json by scripts/gen-types.ts. DO NOT EDIT.

import type { DataSourceRef } from './dashboard.gen.js';
/**
 * A panel query. Checked against the data source specific schema when datasource.type is known.
 */
export type Target = PrometheusQuery | LokiQuery | TempoQuery | DataQuery;
/**
 * Editor the query was written in.
 */
export type QueryEditorMode = 'code' | 'builder';
/**
 * Result format.
 */
export type PromQueryFormat = 'time_series' | 'table' | 'heatmap';
/**
 * Loki query type.
 */
export type LokiQueryType = 'range' | 'instant' | 'stream';
/**
 * Order in which log lines are fetched.
 */
export type LokiQueryDirection = 'forward' | 'backward' | 'scan';
/**
 * Tempo query type.
 */
export type TempoQueryType =
  | 'traceql'
  | 'traceqlSearch'
  | 'serviceMap'
  | 'search'
  | 'nativeSearch'
  | 'traceId'
  | 'clear'
  | 'upload';
/**
 * Result table layout of a Tempo search.
 */
export type SearchTableType = 'traces' | 'spans' | 'raw';
/**
 * Attribute scope.
 */
export type TraceqlSearchScope =
  'intrinsic' | 'unscoped' | 'event' | 'instrumentation' | 'link' | 'resource' | 'span';

/**
 * A query for any data source.
 */
export interface DataQuery {
  /**
   * Query id within the panel: A, B, ...
   */
  refId: string;
  /**
   * Disable the query.
   */
  hide?: boolean;
  datasource?: DataSourceRef;
  queryType?: string;
  [k: string]: unknown;
}
/**
 * A Prometheus query.
 */
export interface PrometheusQuery {
  /**
   * Query id within the panel: A, B, ...
   */
  refId: string;
  /**
   * Disable the query.
   */
  hide?: boolean;
  datasource?: DataSourceRef;
  /**
   * PromQL expression.
   */
  expr: string;
  /**
   * Series name template, e.g. "{{instance}}".
   */
  legendFormat?: string;
  format?: PromQueryFormat;
  /**
   * Evaluate at the end of the range only.
   */
  instant?: boolean;
  /**
   * Evaluate over the range.
   */
  range?: boolean;
  /**
   * Fetch exemplars.
   */
  exemplar?: boolean;
  /**
   * Minimum step, e.g. "1m".
   */
  interval?: string;
  /**
   * Resolution divisor (legacy).
   */
  intervalFactor?: number;
  editorMode?: QueryEditorMode;
  queryType?: string;
  [k: string]: unknown;
}
/**
 * A Loki query.
 */
export interface LokiQuery {
  /**
   * Query id within the panel: A, B, ...
   */
  refId: string;
  /**
   * Disable the query.
   */
  hide?: boolean;
  datasource?: DataSourceRef;
  /**
   * LogQL expression.
   */
  expr: string;
  queryType?: LokiQueryType;
  /**
   * Series name template for metric queries.
   */
  legendFormat?: string;
  /**
   * Line limit for log queries.
   */
  maxLines?: number;
  /**
   * Resolution divisor (legacy).
   */
  resolution?: number;
  /**
   * Query step, e.g. "1m".
   */
  step?: string;
  editorMode?: QueryEditorMode;
  instant?: boolean;
  range?: boolean;
  direction?: LokiQueryDirection;
  [k: string]: unknown;
}
/**
 * One filter of the TraceQL search builder.
 */
export interface TraceqlFilter {
  /**
   * Filter id, unique in the query.
   */
  id: string;
  /**
   * Attribute name.
   */
  tag?: string;
  /**
   * Comparison operator, e.g. "=".
   */
  operator?: string;
  /**
   * Value or values.
   */
  value?: string | string[];
  /**
   * Type of the value, e.g. "string", "duration".
   */
  valueType?: string;
  scope?: TraceqlSearchScope;
}
/**
 * A Tempo query.
 */
export interface TempoQuery {
  /**
   * Query id within the panel: A, B, ...
   */
  refId: string;
  /**
   * Disable the query.
   */
  hide?: boolean;
  datasource?: DataSourceRef;
  /**
   * TraceQL query or trace id.
   */
  query?: string;
  queryType?: TempoQueryType;
  /**
   * Maximum number of traces.
   */
  limit?: number;
  /**
   * Spans per span set.
   */
  spss?: number;
  tableType?: SearchTableType;
  /**
   * Search builder filters.
   */
  filters?: TraceqlFilter[];
  /**
   * Search builder group-by attributes.
   */
  groupBy?: TraceqlFilter[];
  serviceName?: string;
  spanName?: string;
  /**
   * e.g. "100ms".
   */
  minDuration?: string;
  /**
   * e.g. "5s".
   */
  maxDuration?: string;
  /**
   * Filter(s) for the service graph.
   */
  serviceMapQuery?: string | string[];
  /**
   * Step for TraceQL metrics queries.
   */
  step?: string;
  [k: string]: unknown;
}
