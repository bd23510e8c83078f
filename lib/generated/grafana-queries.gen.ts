// Code generated from schemas/grafana-queries.schema.json by scripts/gen-types.ts. DO NOT EDIT.

import type { DataSourceRef } from './dashboard.gen.js';
export type AzureMonitorResultFormat = 'table' | 'time_series' | 'trace' | 'logs';
export type AzureMonitorGrafanaTemplateVariableQuery =
  | AzureMonitorAppInsightsMetricNameQuery
  | AzureMonitorAppInsightsGroupByQuery
  | AzureMonitorSubscriptionsQuery
  | AzureMonitorResourceGroupsQuery
  | AzureMonitorResourceNamesQuery
  | AzureMonitorMetricNamespaceQuery
  | AzureMonitorMetricDefinitionsQuery
  | AzureMonitorMetricNamesQuery
  | AzureMonitorWorkspacesQuery
  | AzureMonitorUnknownQuery;
export type AzureMonitorQueryType =
  | 'Azure Monitor'
  | 'Azure Log Analytics'
  | 'Azure Resource Graph'
  | 'Azure Traces'
  | 'Azure Subscriptions'
  | 'Azure Resource Groups'
  | 'Azure Namespaces'
  | 'Azure Resource Names'
  | 'Azure Metric Names'
  | 'Azure Workspaces'
  | 'Azure Regions'
  | 'Grafana Template Variable Function'
  | 'traceql'
  | 'Azure Custom Namespaces'
  | 'Azure Custom Metric Names';
export type AzureMonitorGrafanaTemplateVariableQueryType =
  | 'AppInsightsMetricNameQuery'
  | 'AppInsightsGroupByQuery'
  | 'SubscriptionsQuery'
  | 'ResourceGroupsQuery'
  | 'ResourceNamesQuery'
  | 'MetricNamespaceQuery'
  | 'MetricNamesQuery'
  | 'WorkspacesQuery'
  | 'UnknownQuery';
export type CloudWatchQueryMode = 'Metrics' | 'Logs' | 'Annotations';
export type CloudWatchMetricQueryType = 0 | 1;
export type CloudWatchQueryEditorExpressionType =
  'property' | 'operator' | 'or' | 'and' | 'groupBy' | 'function' | 'functionParameter';
export type CloudWatchQueryEditorPropertyType = 'string';
export type CloudWatchQueryEditorExpression =
  | CloudWatchQueryEditorArrayExpression
  | CloudWatchQueryEditorPropertyExpression
  | CloudWatchQueryEditorFunctionExpression
  | CloudWatchQueryEditorFunctionParameterExpression
  | CloudWatchQueryEditorOperatorExpression;
export type CloudWatchQueryEditorOperatorType = string | boolean | number;
export type CloudWatchQueryEditorOperatorValueType =
  CloudWatchQueryEditorOperatorType | CloudWatchQueryEditorOperatorType[];
export type CloudWatchLogsQueryLanguage = 'CWLI' | 'SQL' | 'PPL';
export type CloudWatchQueryModel =
  CloudWatchMetricsQuery | CloudWatchLogsQuery | CloudWatchAnnotationQuery;
export type ElasticsearchBucketAggregation =
  | ElasticsearchDateHistogram
  | ElasticsearchHistogram
  | ElasticsearchTerms
  | ElasticsearchFilters
  | ElasticsearchGeoHashGrid
  | ElasticsearchNested;
export type ElasticsearchBucketAggregationType =
  'terms' | 'filters' | 'geohash_grid' | 'date_histogram' | 'histogram' | 'nested';
export type ElasticsearchTermsOrder = 'desc' | 'asc';
export type ElasticsearchMetricAggregation =
  | ElasticsearchCount
  | ElasticsearchPipelineMetricAggregation
  | ElasticsearchMetricAggregationWithSettings;
export type ElasticsearchMetricAggregationType =
  | 'count'
  | 'avg'
  | 'sum'
  | 'min'
  | 'max'
  | 'extended_stats'
  | 'percentiles'
  | 'cardinality'
  | 'raw_document'
  | 'raw_data'
  | 'logs'
  | 'rate'
  | 'top_metrics'
  | ElasticsearchPipelineMetricAggregationType;
export type ElasticsearchPipelineMetricAggregationType =
  'moving_avg' | 'moving_fn' | 'derivative' | 'serial_diff' | 'cumulative_sum' | 'bucket_script';
export type ElasticsearchPipelineMetricAggregation =
  | ElasticsearchMovingAverage
  | ElasticsearchDerivative
  | ElasticsearchCumulativeSum
  | ElasticsearchBucketScript;
export type ElasticsearchInlineScript =
  | string
  | {
      inline?: string;
    };
export type ElasticsearchMetricAggregationWithSettings =
  | ElasticsearchBucketScript
  | ElasticsearchCumulativeSum
  | ElasticsearchDerivative
  | ElasticsearchSerialDiff
  | ElasticsearchRawData
  | ElasticsearchUniqueCount
  | ElasticsearchPercentiles
  | ElasticsearchExtendedStats
  | ElasticsearchMin
  | ElasticsearchMovingAverage
  | ElasticsearchMovingFunction
  | ElasticsearchLogs
  | ElasticsearchRate
  | ElasticsearchTopMetrics;
export type ElasticsearchExtendedStatMetaType =
  | 'avg'
  | 'min'
  | 'max'
  | 'sum'
  | 'count'
  | 'std_deviation'
  | 'std_deviation_bounds_upper'
  | 'std_deviation_bounds_lower';
export type ElasticsearchMovingAverageModel =
  'simple' | 'linear' | 'ewma' | 'holt' | 'holt_winters';
export type ExpressionQueryModel =
  | ExpressionTypeMath
  | ExpressionTypeReduce
  | ExpressionTypeResample
  | ExpressionTypeClassicConditions
  | ExpressionTypeThreshold
  | ExpressionTypeSql;
export type GoogleCloudMonitoringPreprocessorType = 'none' | 'rate' | 'delta';
export type GoogleCloudMonitoringQueryType =
  'timeSeriesList' | 'timeSeriesQuery' | 'slo' | 'annotation' | 'promQL';
export type GoogleCloudMonitoringMetricKind =
  'METRIC_KIND_UNSPECIFIED' | 'GAUGE' | 'DELTA' | 'CUMULATIVE';
export type GoogleCloudMonitoringValueTypes =
  'VALUE_TYPE_UNSPECIFIED' | 'BOOL' | 'INT64' | 'DOUBLE' | 'STRING' | 'DISTRIBUTION' | 'MONEY';
export type GoogleCloudMonitoringAlignmentTypes =
  | 'ALIGN_DELTA'
  | 'ALIGN_RATE'
  | 'ALIGN_INTERPOLATE'
  | 'ALIGN_NEXT_OLDER'
  | 'ALIGN_MIN'
  | 'ALIGN_MAX'
  | 'ALIGN_MEAN'
  | 'ALIGN_COUNT'
  | 'ALIGN_SUM'
  | 'ALIGN_STDDEV'
  | 'ALIGN_COUNT_TRUE'
  | 'ALIGN_COUNT_FALSE'
  | 'ALIGN_FRACTION_TRUE'
  | 'ALIGN_PERCENTILE_99'
  | 'ALIGN_PERCENTILE_95'
  | 'ALIGN_PERCENTILE_50'
  | 'ALIGN_PERCENTILE_05'
  | 'ALIGN_PERCENT_CHANGE'
  | 'ALIGN_NONE';
export type GoogleCloudMonitoringMetricFindQueryTypes =
  | 'projects'
  | 'services'
  | 'defaultProject'
  | 'metricTypes'
  | 'labelKeys'
  | 'labelValues'
  | 'resourceTypes'
  | 'aggregations'
  | 'aligners'
  | 'alignmentPeriods'
  | 'selectors'
  | 'sloServices'
  | 'slo';
export type PyroscopeQueryType = 'metrics' | 'profile' | 'both';

export interface AzureMonitorQueryModel {
  refId?: string | null;
  hide?: boolean;
  queryType?: string;
  subscription?: string;
  subscriptions?: string[];
  azureMonitor?: AzureMonitorMetricQuery;
  azureLogAnalytics?: AzureMonitorLogsQuery;
  azureResourceGraph?: AzureMonitorResourceGraphQuery;
  azureTraces?: AzureMonitorTracesQuery;
  grafanaTemplateVariableFn?: AzureMonitorGrafanaTemplateVariableQuery;
  resourceGroup?: string;
  namespace?: string;
  resource?: string;
  region?: string;
  customNamespace?: string;
  datasource?: DataSourceRef;
  query?: string;
}
export interface AzureMonitorMetricQuery {
  resources?: AzureMonitorMonitorResource[];
  metricNamespace?: string;
  customNamespace?: string;
  metricName?: string;
  region?: string;
  timeGrain?: string;
  aggregation?: string;
  dimensionFilters?: AzureMonitorMetricDimension[];
  top?: string;
  allowedTimeGrainsMs?: number[];
  alias?: string;
  timeGrainUnit?: string;
  dimension?: string;
  dimensionFilter?: string;
  metricDefinition?: string;
  resourceUri?: string;
  resourceGroup?: string;
  resourceName?: string;
}
export interface AzureMonitorMonitorResource {
  subscription?: string;
  resourceGroup?: string;
  resourceName?: string;
  metricNamespace?: string;
  region?: string;
}
export interface AzureMonitorMetricDimension {
  dimension?: string;
  operator?: string;
  filters?: string[];
  filter?: string;
}
export interface AzureMonitorLogsQuery {
  query?: string;
  resultFormat?: AzureMonitorResultFormat;
  resources?: string[];
  dashboardTime?: boolean;
  timeColumn?: string;
  basicLogsQuery?: boolean;
  workspace?: string;
  resource?: string;
  intersectTime?: boolean;
}
export interface AzureMonitorResourceGraphQuery {
  query?: string;
  resultFormat?: string;
}
export interface AzureMonitorTracesQuery {
  resultFormat?: AzureMonitorResultFormat;
  resources?: string[];
  operationId?: string;
  traceTypes?: string[];
  filters?: AzureMonitorTracesFilter[];
  query?: string;
}
export interface AzureMonitorTracesFilter {
  property: string;
  operation: string;
  filters: string[];
}
export interface AzureMonitorAppInsightsMetricNameQuery {
  rawQuery?: string;
  kind: 'AppInsightsMetricNameQuery';
}
export interface AzureMonitorAppInsightsGroupByQuery {
  rawQuery?: string;
  kind: 'AppInsightsGroupByQuery';
  metricName: string;
}
export interface AzureMonitorSubscriptionsQuery {
  rawQuery?: string;
  kind: 'SubscriptionsQuery';
}
export interface AzureMonitorResourceGroupsQuery {
  rawQuery?: string;
  kind: 'ResourceGroupsQuery';
  subscription: string;
}
export interface AzureMonitorResourceNamesQuery {
  rawQuery?: string;
  kind: 'ResourceNamesQuery';
  subscription: string;
  resourceGroup: string;
  metricNamespace: string;
}
export interface AzureMonitorMetricNamespaceQuery {
  rawQuery?: string;
  kind: 'MetricNamespaceQuery';
  subscription: string;
  resourceGroup: string;
  metricNamespace?: string;
  resourceName?: string;
}
export interface AzureMonitorMetricDefinitionsQuery {
  rawQuery?: string;
  kind: 'MetricDefinitionsQuery';
  subscription: string;
  resourceGroup: string;
  metricNamespace?: string;
  resourceName?: string;
}
export interface AzureMonitorMetricNamesQuery {
  rawQuery?: string;
  kind: 'MetricNamesQuery';
  subscription: string;
  resourceGroup: string;
  resourceName: string;
  metricNamespace: string;
}
export interface AzureMonitorWorkspacesQuery {
  rawQuery?: string;
  kind: 'WorkspacesQuery';
  subscription: string;
}
export interface AzureMonitorUnknownQuery {
  rawQuery?: string;
  kind: 'UnknownQuery';
}
export interface AzureMonitorBaseGrafanaTemplateVariableQuery {
  rawQuery?: string;
}
export interface CloudWatchMetricStat {
  region: string;
  namespace: string;
  metricName?: string;
  dimensions?: CloudWatchDimensions;
  matchExact?: boolean;
  period?: string;
  accountId?: string;
  statistic?: string;
  statistics?: string[];
}
export interface CloudWatchDimensions {
  [k: string]: string | string[];
}
export interface CloudWatchMetricsQuery {
  queryMode: CloudWatchQueryMode;
  metricQueryType?: CloudWatchMetricQueryType;
  metricEditorMode?: CloudWatchMetricQueryType;
  id: string;
  alias?: string;
  label?: string;
  expression?: string;
  sqlExpression?: string;
  refId?: string | null;
  hide?: boolean;
  queryType?: string;
  region: string;
  namespace: string;
  metricName?: string;
  dimensions?: CloudWatchDimensions;
  matchExact?: boolean;
  period?: string;
  accountId?: string;
  statistic?: string;
  sql?: CloudWatchSQLExpression;
  datasource?: DataSourceRef;
  statistics?: string[];
}
export interface CloudWatchSQLExpression {
  select?: CloudWatchQueryEditorFunctionExpression;
  from?: CloudWatchQueryEditorPropertyExpression | CloudWatchQueryEditorFunctionExpression;
  where?: CloudWatchQueryEditorArrayExpression;
  groupBy?: CloudWatchQueryEditorArrayExpression;
  orderBy?: CloudWatchQueryEditorFunctionExpression;
  orderByDirection?: string;
  limit?: number;
}
export interface CloudWatchQueryEditorFunctionExpression {
  type: CloudWatchQueryEditorExpressionType & string;
  name?: string;
  parameters?: CloudWatchQueryEditorFunctionParameterExpression[];
}
export interface CloudWatchQueryEditorFunctionParameterExpression {
  type: CloudWatchQueryEditorExpressionType & string;
  name?: string;
}
export interface CloudWatchQueryEditorPropertyExpression {
  type: CloudWatchQueryEditorExpressionType & string;
  property: CloudWatchQueryEditorProperty;
}
export interface CloudWatchQueryEditorProperty {
  type: CloudWatchQueryEditorPropertyType & string;
  name?: string;
}
export interface CloudWatchQueryEditorArrayExpression {
  type: 'and' | 'or';
  expressions: CloudWatchQueryEditorExpression[];
}
export interface CloudWatchQueryEditorOperatorExpression {
  type: CloudWatchQueryEditorExpressionType & string;
  property: CloudWatchQueryEditorProperty;
  operator: CloudWatchQueryEditorOperator;
}
export interface CloudWatchQueryEditorOperator {
  name?: string;
  value?: CloudWatchQueryEditorOperatorType | CloudWatchQueryEditorOperatorType[];
}
export interface CloudWatchLogsQuery {
  queryMode: CloudWatchQueryMode;
  id: string;
  region: string;
  expression?: string;
  statsGroups?: string[];
  logGroups?: CloudWatchLogGroup[];
  logGroupNames?: string[];
  refId?: string | null;
  hide?: boolean;
  queryType?: string;
  queryLanguage?: CloudWatchLogsQueryLanguage;
  datasource?: DataSourceRef;
}
export interface CloudWatchLogGroup {
  arn: string;
  name: string;
  accountId?: string;
  accountLabel?: string;
}
export interface CloudWatchAnnotationQuery {
  queryMode: CloudWatchQueryMode;
  prefixMatching?: boolean;
  actionPrefix?: string;
  refId?: string | null;
  hide?: boolean;
  queryType?: string;
  region: string;
  namespace: string;
  metricName?: string;
  dimensions?: CloudWatchDimensions;
  matchExact?: boolean;
  period?: string;
  accountId?: string;
  statistic?: string;
  alarmNamePrefix?: string;
  datasource?: DataSourceRef;
  statistics?: string[];
}
export interface ElasticsearchDateHistogram {
  field?: string;
  id: string;
  type: ElasticsearchBucketAggregationType & string;
  settings?: {
    interval?: string;
    min_doc_count?: string;
    trimEdges?: string;
    offset?: string;
    timeZone?: string;
  };
}
export interface ElasticsearchHistogram {
  field?: string;
  id: string;
  type: ElasticsearchBucketAggregationType & string;
  settings?: {
    interval?: string;
    min_doc_count?: string;
  };
}
export interface ElasticsearchTerms {
  field?: string;
  id: string;
  type: ElasticsearchBucketAggregationType & string;
  settings?: {
    order?: ElasticsearchTermsOrder;
    size?: string;
    min_doc_count?: string;
    orderBy?: string;
    missing?: string;
  };
}
export interface ElasticsearchFilters {
  id: string;
  type: ElasticsearchBucketAggregationType & string;
  settings?: {
    filters?: ElasticsearchFilter[];
  };
}
export interface ElasticsearchFilter {
  query: string;
  label: string;
}
export interface ElasticsearchGeoHashGrid {
  field?: string;
  id: string;
  type: ElasticsearchBucketAggregationType & string;
  settings?: {
    precision?: string;
  };
}
export interface ElasticsearchNested {
  field?: string;
  id: string;
  type: ElasticsearchBucketAggregationType & string;
  settings?: {
    [k: string]: unknown;
  };
}
export interface ElasticsearchCount {
  type: ElasticsearchMetricAggregationType;
  id: string;
  hide?: boolean;
}
export interface ElasticsearchMovingAverage {
  pipelineAgg?: string;
  field?: string;
  type: ElasticsearchMetricAggregationType;
  id: string;
  settings?: {
    [k: string]: {
      [k: string]: unknown;
    };
  };
  hide?: boolean;
}
export interface ElasticsearchDerivative {
  pipelineAgg?: string;
  field?: string;
  type: ElasticsearchMetricAggregationType;
  id: string;
  settings?: {
    unit?: string;
  };
  hide?: boolean;
}
export interface ElasticsearchCumulativeSum {
  pipelineAgg?: string;
  field?: string;
  type: ElasticsearchMetricAggregationType;
  id: string;
  settings?: {
    format?: string;
  };
  hide?: boolean;
}
export interface ElasticsearchBucketScript {
  type: ElasticsearchMetricAggregationType;
  pipelineVariables?: ElasticsearchPipelineVariable[];
  id: string;
  settings?: {
    script?: ElasticsearchInlineScript;
  };
  hide?: boolean;
}
export interface ElasticsearchPipelineVariable {
  name: string;
  pipelineAgg: string;
}
export interface ElasticsearchSerialDiff {
  pipelineAgg?: string;
  field?: string;
  type: ElasticsearchMetricAggregationType;
  id: string;
  settings?: {
    lag?: string;
  };
  hide?: boolean;
}
export interface ElasticsearchRawData {
  type: ElasticsearchMetricAggregationType;
  id: string;
  settings?: {
    size?: string;
  };
  hide?: boolean;
}
export interface ElasticsearchUniqueCount {
  type: ElasticsearchMetricAggregationType;
  field?: string;
  id: string;
  settings?: {
    precision_threshold?: string;
    missing?: string;
  };
  hide?: boolean;
}
export interface ElasticsearchPercentiles {
  type: ElasticsearchMetricAggregationType;
  field?: string;
  id: string;
  settings?: {
    script?: ElasticsearchInlineScript;
    missing?: string;
    percents?: string[];
  };
  hide?: boolean;
}
export interface ElasticsearchExtendedStats {
  type: ElasticsearchMetricAggregationType;
  settings?: {
    script?: ElasticsearchInlineScript;
    missing?: string;
    sigma?: string;
  };
  field?: string;
  id: string;
  meta?: {
    [k: string]: unknown;
  };
  hide?: boolean;
}
export interface ElasticsearchMin {
  type: ElasticsearchMetricAggregationType;
  field?: string;
  id: string;
  settings?: {
    script?: ElasticsearchInlineScript;
    missing?: string;
  };
  hide?: boolean;
}
export interface ElasticsearchMovingFunction {
  pipelineAgg?: string;
  field?: string;
  type: ElasticsearchMetricAggregationType;
  id: string;
  settings?: {
    window?: string;
    script?: ElasticsearchInlineScript;
    shift?: string;
  };
  hide?: boolean;
}
export interface ElasticsearchLogs {
  type: ElasticsearchMetricAggregationType;
  id: string;
  settings?: {
    limit?: string;
  };
  hide?: boolean;
}
export interface ElasticsearchRate {
  type: ElasticsearchMetricAggregationType;
  field?: string;
  id: string;
  settings?: {
    unit?: string;
    mode?: string;
  };
  hide?: boolean;
}
export interface ElasticsearchTopMetrics {
  type: ElasticsearchMetricAggregationType;
  id: string;
  settings?: {
    order?: string;
    orderBy?: string;
    metrics?: string[];
  };
  hide?: boolean;
}
export interface ElasticsearchBaseBucketAggregation {
  id: string;
  type: ElasticsearchBucketAggregationType;
  settings?: {
    [k: string]: unknown;
  };
}
export interface ElasticsearchBucketAggregationWithField {
  field?: string;
  id: string;
  type: ElasticsearchBucketAggregationType;
  settings?: {
    [k: string]: unknown;
  };
}
export interface ElasticsearchDateHistogramSettings {
  interval?: string;
  min_doc_count?: string;
  trimEdges?: string;
  offset?: string;
  timeZone?: string;
}
export interface ElasticsearchHistogramSettings {
  interval?: string;
  min_doc_count?: string;
}
export interface ElasticsearchTermsSettings {
  order?: ElasticsearchTermsOrder;
  size?: string;
  min_doc_count?: string;
  orderBy?: string;
  missing?: string;
}
export interface ElasticsearchFiltersSettings {
  filters?: ElasticsearchFilter[];
}
export interface ElasticsearchGeoHashGridSettings {
  precision?: string;
}
export interface ElasticsearchMetricAggregationWithField {
  field?: string;
  type: ElasticsearchMetricAggregationType;
  id: string;
  hide?: boolean;
}
export interface ElasticsearchMetricAggregationWithMissingSupport {
  settings?: {
    missing?: string;
  };
  type: ElasticsearchMetricAggregationType;
  id: string;
  hide?: boolean;
}
export interface ElasticsearchMetricAggregationWithInlineScript {
  settings?: {
    script?: ElasticsearchInlineScript;
  };
  type: ElasticsearchMetricAggregationType;
  id: string;
  hide?: boolean;
}
export interface ElasticsearchExtendedStat {
  label: string;
  value: ElasticsearchExtendedStatMetaType;
}
export interface ElasticsearchBasePipelineMetricAggregation {
  pipelineAgg?: string;
  field?: string;
  type: string;
  id: string;
  hide?: boolean;
}
export interface ElasticsearchPipelineMetricAggregationWithMultipleBucketPaths {
  pipelineVariables?: ElasticsearchPipelineVariable[];
  type: ElasticsearchMetricAggregationType;
  id: string;
  hide?: boolean;
}
export interface ElasticsearchMovingAverageModelOption {
  label: string;
  value: ElasticsearchMovingAverageModel;
}
export interface ElasticsearchBaseMovingAverageModelSettings {
  model: ElasticsearchMovingAverageModel;
  window: string;
  predict: string;
}
export interface ElasticsearchMovingAverageSimpleModelSettings {
  model: ElasticsearchMovingAverageModel & string;
  window: string;
  predict: string;
}
export interface ElasticsearchMovingAverageEWMAModelSettings {
  model: ElasticsearchMovingAverageModel & string;
  settings?: {
    alpha?: string;
  };
  window: string;
  minimize: boolean;
  predict: string;
}
export interface ElasticsearchMovingAverageHoltModelSettings {
  model: ElasticsearchMovingAverageModel & string;
  settings: {
    alpha?: string;
    beta?: string;
  };
  window: string;
  minimize: boolean;
  predict: string;
}
export interface ElasticsearchMovingAverageHoltWintersModelSettings {
  model: ElasticsearchMovingAverageModel & string;
  settings: {
    alpha?: string;
    beta?: string;
    gamma?: string;
    period?: string;
    pad?: boolean;
  };
  window: string;
  minimize: boolean;
  predict: string;
}
export interface ElasticsearchQueryModel {
  alias?: string;
  query?: string;
  timeField?: string;
  bucketAggs?: ElasticsearchBucketAggregation[];
  metrics?: ElasticsearchMetricAggregation[];
  refId?: string | null;
  hide?: boolean;
  queryType?: string;
  datasource?: DataSourceRef;
}
export interface ExpressionTypeMath {
  datasource?: DataSourceRef;
  expression: string;
  hide?: boolean;
  intervalMs?: number;
  maxDataPoints?: number;
  queryType?: string;
  refId?: string | null;
  resultAssertions?: {
    maxFrames?: number;
    type?:
      | ''
      | 'timeseries-wide'
      | 'timeseries-long'
      | 'timeseries-many'
      | 'timeseries-multi'
      | 'directory-listing'
      | 'table'
      | 'numeric-wide'
      | 'numeric-multi'
      | 'numeric-long'
      | 'log-lines';
    typeVersion: number[];
  };
  timeRange?: {
    from: string;
    to: string;
  };
  type: 'math';
}
export interface ExpressionTypeReduce {
  datasource?: DataSourceRef;
  expression: string;
  hide?: boolean;
  intervalMs?: number;
  maxDataPoints?: number;
  queryType?: string;
  reducer: 'sum' | 'mean' | 'min' | 'max' | 'count' | 'last' | 'median';
  refId?: string | null;
  resultAssertions?: {
    maxFrames?: number;
    type?:
      | ''
      | 'timeseries-wide'
      | 'timeseries-long'
      | 'timeseries-many'
      | 'timeseries-multi'
      | 'directory-listing'
      | 'table'
      | 'numeric-wide'
      | 'numeric-multi'
      | 'numeric-long'
      | 'log-lines';
    typeVersion: number[];
  };
  settings?: {
    mode: 'dropNN' | 'replaceNN';
    replaceWithValue?: number;
  };
  timeRange?: {
    from: string;
    to: string;
  };
  type: 'reduce';
}
export interface ExpressionTypeResample {
  datasource?: DataSourceRef;
  downsampler: 'sum' | 'mean' | 'min' | 'max' | 'count' | 'last' | 'median';
  expression: string;
  hide?: boolean;
  intervalMs?: number;
  maxDataPoints?: number;
  queryType?: string;
  refId?: string | null;
  resultAssertions?: {
    maxFrames?: number;
    type?:
      | ''
      | 'timeseries-wide'
      | 'timeseries-long'
      | 'timeseries-many'
      | 'timeseries-multi'
      | 'directory-listing'
      | 'table'
      | 'numeric-wide'
      | 'numeric-multi'
      | 'numeric-long'
      | 'log-lines';
    typeVersion: number[];
  };
  timeRange?: {
    from: string;
    to: string;
  };
  type: 'resample';
  upsampler: 'pad' | 'backfilling' | 'fillna';
  window: string;
}
export interface ExpressionTypeClassicConditions {
  conditions: {
    evaluator: {
      params: number[];
      type: string;
    };
    operator: {
      type: 'and' | 'or' | 'logic-or';
    };
    query: {
      params: string[];
    };
    reducer: {
      type: string;
    };
  }[];
  datasource?: DataSourceRef;
  hide?: boolean;
  intervalMs?: number;
  maxDataPoints?: number;
  queryType?: string;
  refId?: string | null;
  resultAssertions?: {
    maxFrames?: number;
    type?:
      | ''
      | 'timeseries-wide'
      | 'timeseries-long'
      | 'timeseries-many'
      | 'timeseries-multi'
      | 'directory-listing'
      | 'table'
      | 'numeric-wide'
      | 'numeric-multi'
      | 'numeric-long'
      | 'log-lines';
    typeVersion: number[];
  };
  timeRange?: {
    from: string;
    to: string;
  };
  type: 'classic_conditions';
}
export interface ExpressionTypeThreshold {
  conditions: {
    evaluator: {
      params: number[];
      type:
        | 'gt'
        | 'lt'
        | 'eq'
        | 'ne'
        | 'gte'
        | 'lte'
        | 'within_range'
        | 'outside_range'
        | 'within_range_included'
        | 'outside_range_included';
    };
    loadedDimensions?: {
      [k: string]: unknown;
    };
    unloadEvaluator?: {
      params: number[];
      type:
        | 'gt'
        | 'lt'
        | 'eq'
        | 'ne'
        | 'gte'
        | 'lte'
        | 'within_range'
        | 'outside_range'
        | 'within_range_included'
        | 'outside_range_included';
    };
  }[];
  datasource?: DataSourceRef;
  expression: string;
  hide?: boolean;
  intervalMs?: number;
  maxDataPoints?: number;
  queryType?: string;
  refId?: string | null;
  resultAssertions?: {
    maxFrames?: number;
    type?:
      | ''
      | 'timeseries-wide'
      | 'timeseries-long'
      | 'timeseries-many'
      | 'timeseries-multi'
      | 'directory-listing'
      | 'table'
      | 'numeric-wide'
      | 'numeric-multi'
      | 'numeric-long'
      | 'log-lines';
    typeVersion: number[];
  };
  timeRange?: {
    from: string;
    to: string;
  };
  type: 'threshold';
}
export interface ExpressionTypeSql {
  datasource?: DataSourceRef;
  expression: string;
  format: string;
  hide?: boolean;
  intervalMs?: number;
  maxDataPoints?: number;
  queryType?: string;
  refId?: string | null;
  resultAssertions?: {
    maxFrames?: number;
    type?:
      | ''
      | 'timeseries-wide'
      | 'timeseries-long'
      | 'timeseries-many'
      | 'timeseries-multi'
      | 'directory-listing'
      | 'table'
      | 'numeric-wide'
      | 'numeric-multi'
      | 'numeric-long'
      | 'log-lines';
    typeVersion: number[];
  };
  timeRange?: {
    from: string;
    to: string;
  };
  type: 'sql';
}
export interface ExpressionTypeMathOrTypeReduceOrTypeResampleOrTypeClassicConditionsOrTypeThresholdOrTypeSql {
  TypeMath?: ExpressionTypeMath | null;
  TypeReduce?: ExpressionTypeReduce | null;
  TypeResample?: ExpressionTypeResample | null;
  TypeClassicConditions?: ExpressionTypeClassicConditions | null;
  TypeThreshold?: ExpressionTypeThreshold | null;
  TypeSql?: ExpressionTypeSql | null;
}
export interface GoogleCloudMonitoringQueryModel {
  refId?: string | null;
  hide?: boolean;
  queryType?: string;
  aliasBy?: string;
  timeSeriesList?: GoogleCloudMonitoringTimeSeriesList;
  timeSeriesQuery?: GoogleCloudMonitoringTimeSeriesQuery;
  sloQuery?: GoogleCloudMonitoringSLOQuery;
  promQLQuery?: GoogleCloudMonitoringPromQLQuery;
  datasource?: DataSourceRef;
  intervalMs?: number;
}
export interface GoogleCloudMonitoringTimeSeriesList {
  projectName: string;
  crossSeriesReducer: string;
  alignmentPeriod?: string;
  perSeriesAligner?: string;
  groupBys?: string[];
  filters?: string[];
  view?: string;
  title?: string;
  text?: string;
  secondaryCrossSeriesReducer?: string;
  secondaryAlignmentPeriod?: string;
  secondaryPerSeriesAligner?: string;
  secondaryGroupBys?: string[];
  preprocessor?: GoogleCloudMonitoringPreprocessorType;
}
export interface GoogleCloudMonitoringTimeSeriesQuery {
  projectName: string;
  query: string;
  graphPeriod?: string;
}
export interface GoogleCloudMonitoringSLOQuery {
  projectName: string;
  perSeriesAligner?: string;
  alignmentPeriod?: string;
  selectorName: string;
  serviceId: string;
  serviceName: string;
  sloId: string;
  sloName: string;
  goal?: number;
  lookbackPeriod?: string;
}
export interface GoogleCloudMonitoringPromQLQuery {
  projectName: string;
  expr: string;
  step: string;
}
export interface GoogleCloudMonitoringMetricQuery {
  projectName: string;
  perSeriesAligner?: string;
  alignmentPeriod?: string;
  aliasBy?: string;
  editorMode: string;
  metricType: string;
  crossSeriesReducer: string;
  groupBys?: string[];
  filters?: string[];
  metricKind?: GoogleCloudMonitoringMetricKind;
  valueType?: string;
  view?: string;
  query: string;
  preprocessor?: GoogleCloudMonitoringPreprocessorType;
  graphPeriod?: string;
}
export interface GoogleCloudMonitoringLegacyCloudMonitoringAnnotationQuery {
  projectName: string;
  metricType: string;
  refId: string;
  filters: string[];
  metricKind: GoogleCloudMonitoringMetricKind;
  valueType: string;
  title: string;
  text: string;
}
export interface GoogleCloudMonitoringFilter {
  key: string;
  operator: string;
  value: string;
  condition?: string;
}
export interface PyroscopeQueryModel {
  labelSelector: string;
  spanSelector?: string[];
  profileTypeId: string;
  groupBy: string[];
  limit?: number;
  maxNodes?: number;
  refId?: string | null;
  hide?: boolean;
  queryType?: string;
  datasource?: DataSourceRef;
}
export interface ParcaQueryModel {
  labelSelector: string;
  profileTypeId: string;
  refId?: string | null;
  hide?: boolean;
  queryType?: string;
  datasource?: DataSourceRef;
}
export interface TestDataCSVWave {
  labels?: string;
  name?: string;
  timeStep?: number;
  valuesCSV?: string;
}
export interface TestDataNodesQuery {
  count?: number;
  seed?: number;
  type?: 'random' | 'random edges' | 'response_medium' | 'response_small' | 'feature_showcase';
}
export interface TestDataPulseWaveQuery {
  offCount?: number;
  offValue?: number;
  onCount?: number;
  onValue?: number;
  timeStep?: number;
}
export interface TestDataResultAssertions {
  maxFrames?: number;
  type?:
    | ''
    | 'timeseries-wide'
    | 'timeseries-long'
    | 'timeseries-many'
    | 'timeseries-multi'
    | 'directory-listing'
    | 'table'
    | 'numeric-wide'
    | 'numeric-multi'
    | 'numeric-long'
    | 'log-lines';
  typeVersion: number[];
}
export interface TestDataKey {
  tick: number;
  type: string;
  uid?: string;
}
export interface TestDataSimulationQuery {
  config?: {
    [k: string]: unknown;
  };
  key: TestDataKey;
  last?: boolean;
  stream?: boolean;
}
export interface TestDataStreamingQuery {
  bands?: number;
  noise: number;
  speed: number;
  spread: number;
  type: 'fetch' | 'logs' | 'signal' | 'traces';
  url?: string;
}
export interface TestDataTimeRange {
  from: string;
  to: string;
}
export interface TestDataUSAQuery {
  fields?: string[];
  mode?: string;
  period?: string;
  states?: string[];
}
export interface TestDataQueryModel {
  alias?: string;
  channel?: string;
  csvContent?: string;
  csvFileName?: string;
  csvWave?: TestDataCSVWave[];
  datasource?: DataSourceRef;
  dropPercent?: number;
  errorSource?: 'plugin' | 'downstream';
  errorType?: 'frontend_exception' | 'frontend_observable' | 'server_panic';
  flamegraphDiff?: boolean;
  hide?: boolean;
  intervalMs?: number;
  labels?: string;
  levelColumn?: boolean;
  lines?: number;
  max?: number;
  maxDataPoints?: number;
  min?: number;
  nodes?: TestDataNodesQuery;
  noise?: number;
  points?: {
    [k: string]: unknown;
  }[][];
  pulseWave?: TestDataPulseWaveQuery;
  queryType?: string;
  rawFrameContent?: string;
  refId?: string | null;
  resultAssertions?: TestDataResultAssertions;
  scenarioId?:
    | 'annotations'
    | 'arrow'
    | 'csv_content'
    | 'csv_file'
    | 'csv_metric_values'
    | 'datapoints_outside_range'
    | 'error_with_source'
    | 'exponential_heatmap_bucket_data'
    | 'flame_graph'
    | 'grafana_api'
    | 'linear_heatmap_bucket_data'
    | 'live'
    | 'logs'
    | 'manual_entry'
    | 'no_data_points'
    | 'node_graph'
    | 'predictable_csv_wave'
    | 'predictable_pulse'
    | 'random_walk'
    | 'random_walk_table'
    | 'random_walk_with_error'
    | 'raw_frame'
    | 'server_error_500'
    | 'simulation'
    | 'slow_query'
    | 'streaming_client'
    | 'table_static'
    | 'trace'
    | 'usa'
    | 'variables-query';
  seriesCount?: number;
  sim?: TestDataSimulationQuery;
  spanCount?: number;
  spread?: number;
  startValue?: number;
  stream?: TestDataStreamingQuery;
  stringInput?: string;
  timeRange?: TestDataTimeRange;
  usa?: TestDataUSAQuery;
  withNil?: boolean;
}
