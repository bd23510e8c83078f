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
/**
 * Defines the supported queryTypes. GrafanaTemplateVariableFn is deprecated
 */
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
/**
 * Types of pre-processor available. Defined by the metric.
 */
export type GoogleCloudMonitoringPreprocessorType = 'none' | 'rate' | 'delta';
/**
 * Defines the supported queryTypes.
 */
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
  /**
   * A unique identifier for the query within the list of targets.
   * In server side expressions, the refId is used as a variable name to identify results.
   * By default, the UI will assign A->Z; however setting meaningful names may be useful.
   */
  refId?: string | null;
  /**
   * If hide is set to true, Grafana will filter out the response(s) associated with this query before returning it to the panel.
   */
  hide?: boolean;
  /**
   * Specify the query flavor
   * TODO make this required and give it a default
   */
  queryType?: string;
  /**
   * Azure subscription containing the resource(s) to be queried.
   * Also used for template variable queries
   */
  subscription?: string;
  /**
   * Subscriptions to be queried via Azure Resource Graph.
   */
  subscriptions?: string[];
  azureMonitor?: AzureMonitorMetricQuery;
  azureLogAnalytics?: AzureMonitorLogsQuery;
  azureResourceGraph?: AzureMonitorResourceGraphQuery;
  azureTraces?: AzureMonitorTracesQuery;
  grafanaTemplateVariableFn?: AzureMonitorGrafanaTemplateVariableQuery;
  /**
   * Resource group used in template variable queries
   */
  resourceGroup?: string;
  /**
   * Namespace used in template variable queries
   */
  namespace?: string;
  /**
   * Resource used in template variable queries
   */
  resource?: string;
  /**
   * Region used in template variable queries
   */
  region?: string;
  /**
   * Custom namespace used in template variable queries
   */
  customNamespace?: string;
  datasource?: DataSourceRef;
  /**
   * Used only for exemplar queries from Prometheus
   */
  query?: string;
}
export interface AzureMonitorMetricQuery {
  /**
   * Array of resource URIs to be queried.
   */
  resources?: AzureMonitorMonitorResource[];
  /**
   * metricNamespace is used as the resource type (or resource namespace).
   * It's usually equal to the target metric namespace. e.g. microsoft.storage/storageaccounts
   * Kept the name of the variable as metricNamespace to avoid backward incompatibility issues.
   */
  metricNamespace?: string;
  /**
   * Used as the value for the metricNamespace property when it's different from the resource namespace.
   */
  customNamespace?: string;
  /**
   * The metric to query data for within the specified metricNamespace. e.g. UsedCapacity
   */
  metricName?: string;
  /**
   * The Azure region containing the resource(s).
   */
  region?: string;
  /**
   * The granularity of data points to be queried. Defaults to auto.
   */
  timeGrain?: string;
  /**
   * The aggregation to be used within the query. Defaults to the primaryAggregationType defined by the metric.
   */
  aggregation?: string;
  /**
   * Filters to reduce the set of data returned. Dimensions that can be filtered on are defined by the metric.
   */
  dimensionFilters?: AzureMonitorMetricDimension[];
  /**
   * Maximum number of records to return. Defaults to 10.
   */
  top?: string;
  /**
   * Time grains that are supported by the metric.
   */
  allowedTimeGrainsMs?: number[];
  /**
   * Aliases can be set to modify the legend labels. e.g. {{ resourceGroup }}. See docs for more detail.
   */
  alias?: string;
  /**
   * @deprecated
   */
  timeGrainUnit?: string;
  /**
   * @deprecated This property was migrated to dimensionFilters and should only be accessed in the migration
   */
  dimension?: string;
  /**
   * @deprecated This property was migrated to dimensionFilters and should only be accessed in the migration
   */
  dimensionFilter?: string;
  /**
   * @deprecated Use metricNamespace instead
   */
  metricDefinition?: string;
  /**
   * @deprecated Use resourceGroup, resourceName and metricNamespace instead
   */
  resourceUri?: string;
  /**
   * @deprecated Use resources instead
   */
  resourceGroup?: string;
  /**
   * @deprecated Use resources instead
   */
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
  /**
   * Name of Dimension to be filtered on.
   */
  dimension?: string;
  /**
   * String denoting the filter operation. Supports 'eq' - equals,'ne' - not equals, 'sw' - starts with. Note that some dimensions may not support all operators.
   */
  operator?: string;
  /**
   * Values to match with the filter.
   */
  filters?: string[];
  /**
   * @deprecated filter is deprecated in favour of filters to support multiselect.
   */
  filter?: string;
}
/**
 * Azure Monitor Logs sub-query properties
 */
export interface AzureMonitorLogsQuery {
  /**
   * KQL query to be executed.
   */
  query?: string;
  resultFormat?: AzureMonitorResultFormat;
  /**
   * Array of resource URIs to be queried.
   */
  resources?: string[];
  /**
   * If set to true the dashboard time range will be used as a filter for the query. Otherwise the query time ranges will be used. Defaults to false.
   */
  dashboardTime?: boolean;
  /**
   * If dashboardTime is set to true this value dictates which column the time filter will be applied to. Defaults to the first tables timeSpan column, the first datetime column found, or TimeGenerated
   */
  timeColumn?: string;
  /**
   * If set to true the query will be run as a basic logs query
   */
  basicLogsQuery?: boolean;
  /**
   * Workspace ID. This was removed in Grafana 8, but remains for backwards compat.
   */
  workspace?: string;
  /**
   * @deprecated Use resources instead
   */
  resource?: string;
  /**
   * @deprecated Use dashboardTime instead
   */
  intersectTime?: boolean;
}
export interface AzureMonitorResourceGraphQuery {
  /**
   * Azure Resource Graph KQL query to be executed.
   */
  query?: string;
  /**
   * Specifies the format results should be returned as. Defaults to table.
   */
  resultFormat?: string;
}
/**
 * Application Insights Traces sub-query properties
 */
export interface AzureMonitorTracesQuery {
  resultFormat?: AzureMonitorResultFormat;
  /**
   * Array of resource URIs to be queried.
   */
  resources?: string[];
  /**
   * Operation ID. Used only for Traces queries.
   */
  operationId?: string;
  /**
   * Types of events to filter by.
   */
  traceTypes?: string[];
  /**
   * Filters for property values.
   */
  filters?: AzureMonitorTracesFilter[];
  /**
   * KQL query to be executed.
   */
  query?: string;
}
export interface AzureMonitorTracesFilter {
  /**
   * Property name, auto-populated based on available traces.
   */
  property: string;
  /**
   * Comparison operator to use. Either equals or not equals.
   */
  operation: string;
  /**
   * Values to filter by.
   */
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
/**
 * @deprecated Use MetricNamespaceQuery instead
 */
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
  /**
   * AWS region to query for the metric
   */
  region: string;
  /**
   * A namespace is a container for CloudWatch metrics. Metrics in different namespaces are isolated from each other, so that metrics from different applications are not mistakenly aggregated into the same statistics. For example, Amazon EC2 uses the AWS/EC2 namespace.
   */
  namespace: string;
  /**
   * Name of the metric
   */
  metricName?: string;
  dimensions?: CloudWatchDimensions;
  /**
   * Only show metrics that exactly match all defined dimension names.
   */
  matchExact?: boolean;
  /**
   * The length of time associated with a specific Amazon CloudWatch statistic. Can be specified by a number of seconds, 'auto', or as a duration string e.g. '15m' being 15 minutes
   */
  period?: string;
  /**
   * The ID of the AWS account to query for the metric, specifying `all` will query all accounts that the monitoring account is permitted to query.
   */
  accountId?: string;
  /**
   * Metric data aggregations over specified periods of time. For detailed definitions of the statistics supported by CloudWatch, see https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Statistics-definitions.html.
   */
  statistic?: string;
  /**
   * @deprecated use statistic
   */
  statistics?: string[];
}
/**
 * A name/value pair that is part of the identity of a metric. For example, you can get statistics for a specific EC2 instance by specifying the InstanceId dimension when you search for metrics.
 */
export interface CloudWatchDimensions {
  [k: string]: string | string[];
}
/**
 * Shape of a CloudWatch Metrics query
 */
export interface CloudWatchMetricsQuery {
  queryMode: CloudWatchQueryMode;
  metricQueryType?: CloudWatchMetricQueryType;
  metricEditorMode?: CloudWatchMetricQueryType;
  /**
   * ID can be used to reference other queries in math expressions. The ID can include numbers, letters, and underscore, and must start with a lowercase letter.
   */
  id: string;
  /**
   * Deprecated: use label
   * @deprecated use label
   */
  alias?: string;
  /**
   * Change the time series legend names using dynamic labels. See https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/graph-dynamic-labels.html for more details.
   */
  label?: string;
  /**
   * Math expression query
   */
  expression?: string;
  /**
   * When the metric query type is set to `Insights`, this field is used to specify the query string.
   */
  sqlExpression?: string;
  /**
   * A unique identifier for the query within the list of targets.
   * In server side expressions, the refId is used as a variable name to identify results.
   * By default, the UI will assign A->Z; however setting meaningful names may be useful.
   */
  refId?: string | null;
  /**
   * If hide is set to true, Grafana will filter out the response(s) associated with this query before returning it to the panel.
   */
  hide?: boolean;
  /**
   * Specify the query flavor
   * TODO make this required and give it a default
   */
  queryType?: string;
  /**
   * AWS region to query for the metric
   */
  region: string;
  /**
   * A namespace is a container for CloudWatch metrics. Metrics in different namespaces are isolated from each other, so that metrics from different applications are not mistakenly aggregated into the same statistics. For example, Amazon EC2 uses the AWS/EC2 namespace.
   */
  namespace: string;
  /**
   * Name of the metric
   */
  metricName?: string;
  dimensions?: CloudWatchDimensions;
  /**
   * Only show metrics that exactly match all defined dimension names.
   */
  matchExact?: boolean;
  /**
   * The length of time associated with a specific Amazon CloudWatch statistic. Can be specified by a number of seconds, 'auto', or as a duration string e.g. '15m' being 15 minutes
   */
  period?: string;
  /**
   * The ID of the AWS account to query for the metric, specifying `all` will query all accounts that the monitoring account is permitted to query.
   */
  accountId?: string;
  /**
   * Metric data aggregations over specified periods of time. For detailed definitions of the statistics supported by CloudWatch, see https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Statistics-definitions.html.
   */
  statistic?: string;
  sql?: CloudWatchSQLExpression;
  datasource?: DataSourceRef;
  /**
   * @deprecated use statistic
   */
  statistics?: string[];
}
export interface CloudWatchSQLExpression {
  select?: CloudWatchQueryEditorFunctionExpression;
  /**
   * FROM part of the SQL expression
   */
  from?: CloudWatchQueryEditorPropertyExpression | CloudWatchQueryEditorFunctionExpression;
  where?: CloudWatchQueryEditorArrayExpression;
  groupBy?: CloudWatchQueryEditorArrayExpression;
  orderBy?: CloudWatchQueryEditorFunctionExpression;
  /**
   * The sort order of the SQL expression, `ASC` or `DESC`
   */
  orderByDirection?: string;
  /**
   * LIMIT part of the SQL expression
   */
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
/**
 * TS type is QueryEditorOperator<T extends QueryEditorOperatorValueType>, extended in veneer
 */
export interface CloudWatchQueryEditorOperator {
  name?: string;
  value?: CloudWatchQueryEditorOperatorType | CloudWatchQueryEditorOperatorType[];
}
/**
 * Shape of a CloudWatch Logs query
 */
export interface CloudWatchLogsQuery {
  queryMode: CloudWatchQueryMode;
  id: string;
  /**
   * AWS region to query for the logs
   */
  region: string;
  /**
   * The CloudWatch Logs Insights query to execute
   */
  expression?: string;
  /**
   * Fields to group the results by, this field is automatically populated whenever the query is updated
   */
  statsGroups?: string[];
  /**
   * Log groups to query
   */
  logGroups?: CloudWatchLogGroup[];
  /**
   * @deprecated use logGroups
   */
  logGroupNames?: string[];
  /**
   * A unique identifier for the query within the list of targets.
   * In server side expressions, the refId is used as a variable name to identify results.
   * By default, the UI will assign A->Z; however setting meaningful names may be useful.
   */
  refId?: string | null;
  /**
   * If hide is set to true, Grafana will filter out the response(s) associated with this query before returning it to the panel.
   */
  hide?: boolean;
  /**
   * Specify the query flavor
   * TODO make this required and give it a default
   */
  queryType?: string;
  queryLanguage?: CloudWatchLogsQueryLanguage;
  datasource?: DataSourceRef;
}
export interface CloudWatchLogGroup {
  /**
   * ARN of the log group
   */
  arn: string;
  /**
   * Name of the log group
   */
  name: string;
  /**
   * AccountId of the log group
   */
  accountId?: string;
  /**
   * Label of the log group
   */
  accountLabel?: string;
}
/**
 * Shape of a CloudWatch Annotation query
 * TS type is CloudWatchDefaultQuery = Omit<CloudWatchLogsQuery, 'queryMode'> & CloudWatchMetricsQuery, declared in veneer
 * #CloudWatchDefaultQuery: #CloudWatchLogsQuery & #CloudWatchMetricsQuery @cuetsy(kind="type")
 */
export interface CloudWatchAnnotationQuery {
  queryMode: CloudWatchQueryMode;
  /**
   * Enable matching on the prefix of the action name or alarm name, specify the prefixes with actionPrefix and/or alarmNamePrefix
   */
  prefixMatching?: boolean;
  /**
   * Use this parameter to filter the results of the operation to only those alarms
   * that use a certain alarm action. For example, you could specify the ARN of
   * an SNS topic to find all alarms that send notifications to that topic.
   * e.g. `arn:aws:sns:us-east-1:123456789012:my-app-` would match `arn:aws:sns:us-east-1:123456789012:my-app-action`
   * but not match `arn:aws:sns:us-east-1:123456789012:your-app-action`
   */
  actionPrefix?: string;
  /**
   * A unique identifier for the query within the list of targets.
   * In server side expressions, the refId is used as a variable name to identify results.
   * By default, the UI will assign A->Z; however setting meaningful names may be useful.
   */
  refId?: string | null;
  /**
   * If hide is set to true, Grafana will filter out the response(s) associated with this query before returning it to the panel.
   */
  hide?: boolean;
  /**
   * Specify the query flavor
   * TODO make this required and give it a default
   */
  queryType?: string;
  /**
   * AWS region to query for the metric
   */
  region: string;
  /**
   * A namespace is a container for CloudWatch metrics. Metrics in different namespaces are isolated from each other, so that metrics from different applications are not mistakenly aggregated into the same statistics. For example, Amazon EC2 uses the AWS/EC2 namespace.
   */
  namespace: string;
  /**
   * Name of the metric
   */
  metricName?: string;
  dimensions?: CloudWatchDimensions;
  /**
   * Only show metrics that exactly match all defined dimension names.
   */
  matchExact?: boolean;
  /**
   * The length of time associated with a specific Amazon CloudWatch statistic. Can be specified by a number of seconds, 'auto', or as a duration string e.g. '15m' being 15 minutes
   */
  period?: string;
  /**
   * The ID of the AWS account to query for the metric, specifying `all` will query all accounts that the monitoring account is permitted to query.
   */
  accountId?: string;
  /**
   * Metric data aggregations over specified periods of time. For detailed definitions of the statistics supported by CloudWatch, see https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Statistics-definitions.html.
   */
  statistic?: string;
  /**
   * An alarm name prefix. If you specify this parameter, you receive information
   * about all alarms that have names that start with this prefix.
   * e.g. `my-team-service-` would match `my-team-service-high-cpu` but not match `your-team-service-high-cpu`
   */
  alarmNamePrefix?: string;
  datasource?: DataSourceRef;
  /**
   * @deprecated use statistic
   */
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
/**
 * #MovingAverage's settings are overridden in types.ts
 */
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
  /**
   * Alias pattern
   */
  alias?: string;
  /**
   * Lucene query
   */
  query?: string;
  /**
   * Name of time field
   */
  timeField?: string;
  /**
   * List of bucket aggregations
   */
  bucketAggs?: ElasticsearchBucketAggregation[];
  /**
   * List of metric aggregations
   */
  metrics?: ElasticsearchMetricAggregation[];
  /**
   * A unique identifier for the query within the list of targets.
   * In server side expressions, the refId is used as a variable name to identify results.
   * By default, the UI will assign A->Z; however setting meaningful names may be useful.
   */
  refId?: string | null;
  /**
   * If hide is set to true, Grafana will filter out the response(s) associated with this query before returning it to the panel.
   */
  hide?: boolean;
  /**
   * Specify the query flavor
   * TODO make this required and give it a default
   */
  queryType?: string;
  datasource?: DataSourceRef;
}
export interface ExpressionTypeMath {
  datasource?: DataSourceRef;
  /**
   * General math expression
   */
  expression: string;
  /**
   * true if query is disabled (ie should not be returned to the dashboard)
   * NOTE: this does not always imply that the query should not be executed since
   * the results from a hidden query may be used as the input to other queries (SSE etc)
   */
  hide?: boolean;
  /**
   * Interval is the suggested duration between time points in a time series query.
   * NOTE: the values for intervalMs is not saved in the query model.  It is typically calculated
   * from the interval required to fill a pixels in the visualization
   */
  intervalMs?: number;
  /**
   * MaxDataPoints is the maximum number of data points that should be returned from a time series query.
   * NOTE: the values for maxDataPoints is not saved in the query model.  It is typically calculated
   * from the number of pixels visible in a visualization
   */
  maxDataPoints?: number;
  /**
   * QueryType is an optional identifier for the type of query.
   * It can be used to distinguish different types of queries.
   */
  queryType?: string;
  /**
   * RefID is the unique identifier of the query, set by the frontend call.
   */
  refId?: string | null;
  /**
   * Optionally define expected query result behavior
   */
  resultAssertions?: {
    /**
     * Maximum frame count
     */
    maxFrames?: number;
    /**
     * Type asserts that the frame matches a known type structure.
     * Possible enum values:
     *  - `""`
     *  - `"timeseries-wide"`
     *  - `"timeseries-long"`
     *  - `"timeseries-many"`
     *  - `"timeseries-multi"`
     *  - `"directory-listing"`
     *  - `"table"`
     *  - `"numeric-wide"`
     *  - `"numeric-multi"`
     *  - `"numeric-long"`
     *  - `"log-lines"`
     */
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
    /**
     * TypeVersion is the version of the Type property. Versions greater than 0.0 correspond to the dataplane
     * contract documentation https://grafana.github.io/dataplane/contract/.
     */
    typeVersion: number[];
  };
  /**
   * TimeRange represents the query range
   * NOTE: unlike generic /ds/query, we can now send explicit time values in each query
   * NOTE: the values for timeRange are not saved in a dashboard, they are constructed on the fly
   */
  timeRange?: {
    /**
     * From is the start time of the query.
     */
    from: string;
    /**
     * To is the end time of the query.
     */
    to: string;
  };
  type: 'math';
}
export interface ExpressionTypeReduce {
  datasource?: DataSourceRef;
  /**
   * Reference to single query result
   */
  expression: string;
  /**
   * true if query is disabled (ie should not be returned to the dashboard)
   * NOTE: this does not always imply that the query should not be executed since
   * the results from a hidden query may be used as the input to other queries (SSE etc)
   */
  hide?: boolean;
  /**
   * Interval is the suggested duration between time points in a time series query.
   * NOTE: the values for intervalMs is not saved in the query model.  It is typically calculated
   * from the interval required to fill a pixels in the visualization
   */
  intervalMs?: number;
  /**
   * MaxDataPoints is the maximum number of data points that should be returned from a time series query.
   * NOTE: the values for maxDataPoints is not saved in the query model.  It is typically calculated
   * from the number of pixels visible in a visualization
   */
  maxDataPoints?: number;
  /**
   * QueryType is an optional identifier for the type of query.
   * It can be used to distinguish different types of queries.
   */
  queryType?: string;
  /**
   * The reducer
   * Possible enum values:
   *  - `"sum"`
   *  - `"mean"`
   *  - `"min"`
   *  - `"max"`
   *  - `"count"`
   *  - `"last"`
   *  - `"median"`
   */
  reducer: 'sum' | 'mean' | 'min' | 'max' | 'count' | 'last' | 'median';
  /**
   * RefID is the unique identifier of the query, set by the frontend call.
   */
  refId?: string | null;
  /**
   * Optionally define expected query result behavior
   */
  resultAssertions?: {
    /**
     * Maximum frame count
     */
    maxFrames?: number;
    /**
     * Type asserts that the frame matches a known type structure.
     * Possible enum values:
     *  - `""`
     *  - `"timeseries-wide"`
     *  - `"timeseries-long"`
     *  - `"timeseries-many"`
     *  - `"timeseries-multi"`
     *  - `"directory-listing"`
     *  - `"table"`
     *  - `"numeric-wide"`
     *  - `"numeric-multi"`
     *  - `"numeric-long"`
     *  - `"log-lines"`
     */
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
    /**
     * TypeVersion is the version of the Type property. Versions greater than 0.0 correspond to the dataplane
     * contract documentation https://grafana.github.io/dataplane/contract/.
     */
    typeVersion: number[];
  };
  /**
   * Reducer Options
   */
  settings?: {
    /**
     * Non-number reduce behavior
     * Possible enum values:
     *  - `"dropNN"` Drop non-numbers
     *  - `"replaceNN"` Replace non-numbers
     */
    mode: 'dropNN' | 'replaceNN';
    /**
     * Only valid when mode is replace
     */
    replaceWithValue?: number;
  };
  /**
   * TimeRange represents the query range
   * NOTE: unlike generic /ds/query, we can now send explicit time values in each query
   * NOTE: the values for timeRange are not saved in a dashboard, they are constructed on the fly
   */
  timeRange?: {
    /**
     * From is the start time of the query.
     */
    from: string;
    /**
     * To is the end time of the query.
     */
    to: string;
  };
  type: 'reduce';
}
export interface ExpressionTypeResample {
  datasource?: DataSourceRef;
  /**
   * The downsample function
   * Possible enum values:
   *  - `"sum"`
   *  - `"mean"`
   *  - `"min"`
   *  - `"max"`
   *  - `"count"`
   *  - `"last"`
   *  - `"median"`
   */
  downsampler: 'sum' | 'mean' | 'min' | 'max' | 'count' | 'last' | 'median';
  /**
   * The math expression
   */
  expression: string;
  /**
   * true if query is disabled (ie should not be returned to the dashboard)
   * NOTE: this does not always imply that the query should not be executed since
   * the results from a hidden query may be used as the input to other queries (SSE etc)
   */
  hide?: boolean;
  /**
   * Interval is the suggested duration between time points in a time series query.
   * NOTE: the values for intervalMs is not saved in the query model.  It is typically calculated
   * from the interval required to fill a pixels in the visualization
   */
  intervalMs?: number;
  /**
   * MaxDataPoints is the maximum number of data points that should be returned from a time series query.
   * NOTE: the values for maxDataPoints is not saved in the query model.  It is typically calculated
   * from the number of pixels visible in a visualization
   */
  maxDataPoints?: number;
  /**
   * QueryType is an optional identifier for the type of query.
   * It can be used to distinguish different types of queries.
   */
  queryType?: string;
  /**
   * RefID is the unique identifier of the query, set by the frontend call.
   */
  refId?: string | null;
  /**
   * Optionally define expected query result behavior
   */
  resultAssertions?: {
    /**
     * Maximum frame count
     */
    maxFrames?: number;
    /**
     * Type asserts that the frame matches a known type structure.
     * Possible enum values:
     *  - `""`
     *  - `"timeseries-wide"`
     *  - `"timeseries-long"`
     *  - `"timeseries-many"`
     *  - `"timeseries-multi"`
     *  - `"directory-listing"`
     *  - `"table"`
     *  - `"numeric-wide"`
     *  - `"numeric-multi"`
     *  - `"numeric-long"`
     *  - `"log-lines"`
     */
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
    /**
     * TypeVersion is the version of the Type property. Versions greater than 0.0 correspond to the dataplane
     * contract documentation https://grafana.github.io/dataplane/contract/.
     */
    typeVersion: number[];
  };
  /**
   * TimeRange represents the query range
   * NOTE: unlike generic /ds/query, we can now send explicit time values in each query
   * NOTE: the values for timeRange are not saved in a dashboard, they are constructed on the fly
   */
  timeRange?: {
    /**
     * From is the start time of the query.
     */
    from: string;
    /**
     * To is the end time of the query.
     */
    to: string;
  };
  type: 'resample';
  /**
   * The upsample function
   * Possible enum values:
   *  - `"pad"` Use the last seen value
   *  - `"backfilling"` backfill
   *  - `"fillna"` Do not fill values (nill)
   */
  upsampler: 'pad' | 'backfilling' | 'fillna';
  /**
   * The time duration
   */
  window: string;
}
export interface ExpressionTypeClassicConditions {
  conditions: {
    evaluator: {
      params: number[];
      /**
       * e.g. "gt"
       */
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
  /**
   * true if query is disabled (ie should not be returned to the dashboard)
   * NOTE: this does not always imply that the query should not be executed since
   * the results from a hidden query may be used as the input to other queries (SSE etc)
   */
  hide?: boolean;
  /**
   * Interval is the suggested duration between time points in a time series query.
   * NOTE: the values for intervalMs is not saved in the query model.  It is typically calculated
   * from the interval required to fill a pixels in the visualization
   */
  intervalMs?: number;
  /**
   * MaxDataPoints is the maximum number of data points that should be returned from a time series query.
   * NOTE: the values for maxDataPoints is not saved in the query model.  It is typically calculated
   * from the number of pixels visible in a visualization
   */
  maxDataPoints?: number;
  /**
   * QueryType is an optional identifier for the type of query.
   * It can be used to distinguish different types of queries.
   */
  queryType?: string;
  /**
   * RefID is the unique identifier of the query, set by the frontend call.
   */
  refId?: string | null;
  /**
   * Optionally define expected query result behavior
   */
  resultAssertions?: {
    /**
     * Maximum frame count
     */
    maxFrames?: number;
    /**
     * Type asserts that the frame matches a known type structure.
     * Possible enum values:
     *  - `""`
     *  - `"timeseries-wide"`
     *  - `"timeseries-long"`
     *  - `"timeseries-many"`
     *  - `"timeseries-multi"`
     *  - `"directory-listing"`
     *  - `"table"`
     *  - `"numeric-wide"`
     *  - `"numeric-multi"`
     *  - `"numeric-long"`
     *  - `"log-lines"`
     */
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
    /**
     * TypeVersion is the version of the Type property. Versions greater than 0.0 correspond to the dataplane
     * contract documentation https://grafana.github.io/dataplane/contract/.
     */
    typeVersion: number[];
  };
  /**
   * TimeRange represents the query range
   * NOTE: unlike generic /ds/query, we can now send explicit time values in each query
   * NOTE: the values for timeRange are not saved in a dashboard, they are constructed on the fly
   */
  timeRange?: {
    /**
     * From is the start time of the query.
     */
    from: string;
    /**
     * To is the end time of the query.
     */
    to: string;
  };
  type: 'classic_conditions';
}
export interface ExpressionTypeThreshold {
  /**
   * Threshold Conditions
   */
  conditions: {
    evaluator: {
      params: number[];
      /**
       * e.g. "gt"
       */
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
      /**
       * e.g. "gt"
       */
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
  /**
   * Reference to single query result
   */
  expression: string;
  /**
   * true if query is disabled (ie should not be returned to the dashboard)
   * NOTE: this does not always imply that the query should not be executed since
   * the results from a hidden query may be used as the input to other queries (SSE etc)
   */
  hide?: boolean;
  /**
   * Interval is the suggested duration between time points in a time series query.
   * NOTE: the values for intervalMs is not saved in the query model.  It is typically calculated
   * from the interval required to fill a pixels in the visualization
   */
  intervalMs?: number;
  /**
   * MaxDataPoints is the maximum number of data points that should be returned from a time series query.
   * NOTE: the values for maxDataPoints is not saved in the query model.  It is typically calculated
   * from the number of pixels visible in a visualization
   */
  maxDataPoints?: number;
  /**
   * QueryType is an optional identifier for the type of query.
   * It can be used to distinguish different types of queries.
   */
  queryType?: string;
  /**
   * RefID is the unique identifier of the query, set by the frontend call.
   */
  refId?: string | null;
  /**
   * Optionally define expected query result behavior
   */
  resultAssertions?: {
    /**
     * Maximum frame count
     */
    maxFrames?: number;
    /**
     * Type asserts that the frame matches a known type structure.
     * Possible enum values:
     *  - `""`
     *  - `"timeseries-wide"`
     *  - `"timeseries-long"`
     *  - `"timeseries-many"`
     *  - `"timeseries-multi"`
     *  - `"directory-listing"`
     *  - `"table"`
     *  - `"numeric-wide"`
     *  - `"numeric-multi"`
     *  - `"numeric-long"`
     *  - `"log-lines"`
     */
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
    /**
     * TypeVersion is the version of the Type property. Versions greater than 0.0 correspond to the dataplane
     * contract documentation https://grafana.github.io/dataplane/contract/.
     */
    typeVersion: number[];
  };
  /**
   * TimeRange represents the query range
   * NOTE: unlike generic /ds/query, we can now send explicit time values in each query
   * NOTE: the values for timeRange are not saved in a dashboard, they are constructed on the fly
   */
  timeRange?: {
    /**
     * From is the start time of the query.
     */
    from: string;
    /**
     * To is the end time of the query.
     */
    to: string;
  };
  type: 'threshold';
}
export interface ExpressionTypeSql {
  datasource?: DataSourceRef;
  expression: string;
  format: string;
  /**
   * true if query is disabled (ie should not be returned to the dashboard)
   * NOTE: this does not always imply that the query should not be executed since
   * the results from a hidden query may be used as the input to other queries (SSE etc)
   */
  hide?: boolean;
  /**
   * Interval is the suggested duration between time points in a time series query.
   * NOTE: the values for intervalMs is not saved in the query model.  It is typically calculated
   * from the interval required to fill a pixels in the visualization
   */
  intervalMs?: number;
  /**
   * MaxDataPoints is the maximum number of data points that should be returned from a time series query.
   * NOTE: the values for maxDataPoints is not saved in the query model.  It is typically calculated
   * from the number of pixels visible in a visualization
   */
  maxDataPoints?: number;
  /**
   * QueryType is an optional identifier for the type of query.
   * It can be used to distinguish different types of queries.
   */
  queryType?: string;
  /**
   * RefID is the unique identifier of the query, set by the frontend call.
   */
  refId?: string | null;
  /**
   * Optionally define expected query result behavior
   */
  resultAssertions?: {
    /**
     * Maximum frame count
     */
    maxFrames?: number;
    /**
     * Type asserts that the frame matches a known type structure.
     * Possible enum values:
     *  - `""`
     *  - `"timeseries-wide"`
     *  - `"timeseries-long"`
     *  - `"timeseries-many"`
     *  - `"timeseries-multi"`
     *  - `"directory-listing"`
     *  - `"table"`
     *  - `"numeric-wide"`
     *  - `"numeric-multi"`
     *  - `"numeric-long"`
     *  - `"log-lines"`
     */
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
    /**
     * TypeVersion is the version of the Type property. Versions greater than 0.0 correspond to the dataplane
     * contract documentation https://grafana.github.io/dataplane/contract/.
     */
    typeVersion: number[];
  };
  /**
   * TimeRange represents the query range
   * NOTE: unlike generic /ds/query, we can now send explicit time values in each query
   * NOTE: the values for timeRange are not saved in a dashboard, they are constructed on the fly
   */
  timeRange?: {
    /**
     * From is the start time of the query.
     */
    from: string;
    /**
     * To is the end time of the query.
     */
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
  /**
   * A unique identifier for the query within the list of targets.
   * In server side expressions, the refId is used as a variable name to identify results.
   * By default, the UI will assign A->Z; however setting meaningful names may be useful.
   */
  refId?: string | null;
  /**
   * If hide is set to true, Grafana will filter out the response(s) associated with this query before returning it to the panel.
   */
  hide?: boolean;
  /**
   * Specify the query flavor
   * TODO make this required and give it a default
   */
  queryType?: string;
  /**
   * Aliases can be set to modify the legend labels. e.g. {{metric.label.xxx}}. See docs for more detail.
   */
  aliasBy?: string;
  timeSeriesList?: GoogleCloudMonitoringTimeSeriesList;
  timeSeriesQuery?: GoogleCloudMonitoringTimeSeriesQuery;
  sloQuery?: GoogleCloudMonitoringSLOQuery;
  promQLQuery?: GoogleCloudMonitoringPromQLQuery;
  datasource?: DataSourceRef;
  /**
   * Time interval in milliseconds.
   */
  intervalMs?: number;
}
/**
 * Time Series List sub-query properties.
 */
export interface GoogleCloudMonitoringTimeSeriesList {
  /**
   * GCP project to execute the query against.
   */
  projectName: string;
  /**
   * Reducer applied across a set of time-series values. Defaults to REDUCE_NONE.
   */
  crossSeriesReducer: string;
  /**
   * Alignment period to use when regularizing data. Defaults to cloud-monitoring-auto.
   */
  alignmentPeriod?: string;
  /**
   * Alignment function to be used. Defaults to ALIGN_MEAN.
   */
  perSeriesAligner?: string;
  /**
   * Array of labels to group data by.
   */
  groupBys?: string[];
  /**
   * Array of filters to query data by. Labels that can be filtered on are defined by the metric.
   */
  filters?: string[];
  /**
   * Data view, defaults to FULL.
   */
  view?: string;
  /**
   * Annotation title.
   */
  title?: string;
  /**
   * Annotation text.
   */
  text?: string;
  /**
   * Only present if a preprocessor is selected. Reducer applied across a set of time-series values. Defaults to REDUCE_NONE.
   */
  secondaryCrossSeriesReducer?: string;
  /**
   * Only present if a preprocessor is selected. Alignment period to use when regularizing data. Defaults to cloud-monitoring-auto.
   */
  secondaryAlignmentPeriod?: string;
  /**
   * Only present if a preprocessor is selected. Alignment function to be used. Defaults to ALIGN_MEAN.
   */
  secondaryPerSeriesAligner?: string;
  /**
   * Only present if a preprocessor is selected. Array of labels to group data by.
   */
  secondaryGroupBys?: string[];
  preprocessor?: GoogleCloudMonitoringPreprocessorType;
}
/**
 * Time Series sub-query properties.
 */
export interface GoogleCloudMonitoringTimeSeriesQuery {
  /**
   * GCP project to execute the query against.
   */
  projectName: string;
  /**
   * MQL query to be executed.
   */
  query: string;
  /**
   * To disable the graphPeriod, it should explictly be set to 'disabled'.
   */
  graphPeriod?: string;
}
/**
 * SLO sub-query properties.
 */
export interface GoogleCloudMonitoringSLOQuery {
  /**
   * GCP project to execute the query against.
   */
  projectName: string;
  /**
   * Alignment function to be used. Defaults to ALIGN_MEAN.
   */
  perSeriesAligner?: string;
  /**
   * Alignment period to use when regularizing data. Defaults to cloud-monitoring-auto.
   */
  alignmentPeriod?: string;
  /**
   * SLO selector.
   */
  selectorName: string;
  /**
   * ID for the service the SLO is in.
   */
  serviceId: string;
  /**
   * Name for the service the SLO is in.
   */
  serviceName: string;
  /**
   * ID for the SLO.
   */
  sloId: string;
  /**
   * Name of the SLO.
   */
  sloName: string;
  /**
   * SLO goal value.
   */
  goal?: number;
  /**
   * Specific lookback period for the SLO.
   */
  lookbackPeriod?: string;
}
/**
 * PromQL sub-query properties.
 */
export interface GoogleCloudMonitoringPromQLQuery {
  /**
   * GCP project to execute the query against.
   */
  projectName: string;
  /**
   * PromQL expression/query to be executed.
   */
  expr: string;
  /**
   * PromQL min step
   */
  step: string;
}
/**
 * @deprecated This type is for migration purposes only. Replaced by TimeSeriesList Metric sub-query properties.
 */
export interface GoogleCloudMonitoringMetricQuery {
  /**
   * GCP project to execute the query against.
   */
  projectName: string;
  /**
   * Alignment function to be used. Defaults to ALIGN_MEAN.
   */
  perSeriesAligner?: string;
  /**
   * Alignment period to use when regularizing data. Defaults to cloud-monitoring-auto.
   */
  alignmentPeriod?: string;
  /**
   * Aliases can be set to modify the legend labels. e.g. {{metric.label.xxx}}. See docs for more detail.
   */
  aliasBy?: string;
  editorMode: string;
  metricType: string;
  /**
   * Reducer applied across a set of time-series values. Defaults to REDUCE_NONE.
   */
  crossSeriesReducer: string;
  /**
   * Array of labels to group data by.
   */
  groupBys?: string[];
  /**
   * Array of filters to query data by. Labels that can be filtered on are defined by the metric.
   */
  filters?: string[];
  metricKind?: GoogleCloudMonitoringMetricKind;
  valueType?: string;
  view?: string;
  /**
   * MQL query to be executed.
   */
  query: string;
  preprocessor?: GoogleCloudMonitoringPreprocessorType;
  /**
   * To disable the graphPeriod, it should explictly be set to 'disabled'.
   */
  graphPeriod?: string;
}
/**
 * @deprecated Use TimeSeriesList instead. Legacy annotation query properties for migration purposes.
 */
export interface GoogleCloudMonitoringLegacyCloudMonitoringAnnotationQuery {
  /**
   * GCP project to execute the query against.
   */
  projectName: string;
  metricType: string;
  /**
   * Query refId.
   */
  refId: string;
  /**
   * Array of filters to query data by. Labels that can be filtered on are defined by the metric.
   */
  filters: string[];
  metricKind: GoogleCloudMonitoringMetricKind;
  valueType: string;
  /**
   * Annotation title.
   */
  title: string;
  /**
   * Annotation text.
   */
  text: string;
}
/**
 * Query filter representation.
 */
export interface GoogleCloudMonitoringFilter {
  /**
   * Filter key.
   */
  key: string;
  /**
   * Filter operator.
   */
  operator: string;
  /**
   * Filter value.
   */
  value: string;
  /**
   * Filter condition.
   */
  condition?: string;
}
export interface PyroscopeQueryModel {
  /**
   * Specifies the query label selectors.
   */
  labelSelector: string;
  /**
   * Specifies the query span selectors.
   */
  spanSelector?: string[];
  /**
   * Specifies the type of profile to query.
   */
  profileTypeId: string;
  /**
   * Allows to group the results.
   */
  groupBy: string[];
  /**
   * Sets the maximum number of time series.
   */
  limit?: number;
  /**
   * Sets the maximum number of nodes in the flamegraph.
   */
  maxNodes?: number;
  /**
   * A unique identifier for the query within the list of targets.
   * In server side expressions, the refId is used as a variable name to identify results.
   * By default, the UI will assign A->Z; however setting meaningful names may be useful.
   */
  refId?: string | null;
  /**
   * If hide is set to true, Grafana will filter out the response(s) associated with this query before returning it to the panel.
   */
  hide?: boolean;
  /**
   * Specify the query flavor
   * TODO make this required and give it a default
   */
  queryType?: string;
  datasource?: DataSourceRef;
}
export interface ParcaQueryModel {
  /**
   * Specifies the query label selectors.
   */
  labelSelector: string;
  /**
   * Specifies the type of profile to query.
   */
  profileTypeId: string;
  /**
   * A unique identifier for the query within the list of targets.
   * In server side expressions, the refId is used as a variable name to identify results.
   * By default, the UI will assign A->Z; however setting meaningful names may be useful.
   */
  refId?: string | null;
  /**
   * If hide is set to true, Grafana will filter out the response(s) associated with this query before returning it to the panel.
   */
  hide?: boolean;
  /**
   * Specify the query flavor
   * TODO make this required and give it a default
   */
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
  /**
   * Possible enum values:
   *  - `"random"`
   *  - `"random edges"`
   *  - `"response_medium"`
   *  - `"response_small"`
   *  - `"feature_showcase"`
   */
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
  /**
   * Maximum frame count
   */
  maxFrames?: number;
  /**
   * Type asserts that the frame matches a known type structure.
   * Possible enum values:
   *  - `""`
   *  - `"timeseries-wide"`
   *  - `"timeseries-long"`
   *  - `"timeseries-many"`
   *  - `"timeseries-multi"`
   *  - `"directory-listing"`
   *  - `"table"`
   *  - `"numeric-wide"`
   *  - `"numeric-multi"`
   *  - `"numeric-long"`
   *  - `"log-lines"`
   */
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
  /**
   * TypeVersion is the version of the Type property. Versions greater than 0.0 correspond to the dataplane
   * contract documentation https://grafana.github.io/dataplane/contract/.
   */
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
  /**
   * Possible enum values:
   *  - `"fetch"`
   *  - `"logs"`
   *  - `"signal"`
   *  - `"traces"`
   */
  type: 'fetch' | 'logs' | 'signal' | 'traces';
  url?: string;
}
export interface TestDataTimeRange {
  /**
   * From is the start time of the query.
   */
  from: string;
  /**
   * To is the end time of the query.
   */
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
  /**
   * Used for live query
   */
  channel?: string;
  csvContent?: string;
  csvFileName?: string;
  csvWave?: TestDataCSVWave[];
  datasource?: DataSourceRef;
  /**
   * Drop percentage (the chance we will lose a point 0-100)
   */
  dropPercent?: number;
  /**
   * Possible enum values:
   *  - `"plugin"`
   *  - `"downstream"`
   */
  errorSource?: 'plugin' | 'downstream';
  /**
   * Possible enum values:
   *  - `"frontend_exception"`
   *  - `"frontend_observable"`
   *  - `"server_panic"`
   */
  errorType?: 'frontend_exception' | 'frontend_observable' | 'server_panic';
  flamegraphDiff?: boolean;
  /**
   * true if query is disabled (ie should not be returned to the dashboard)
   * NOTE: this does not always imply that the query should not be executed since
   * the results from a hidden query may be used as the input to other queries (SSE etc)
   */
  hide?: boolean;
  /**
   * Interval is the suggested duration between time points in a time series query.
   * NOTE: the values for intervalMs is not saved in the query model.  It is typically calculated
   * from the interval required to fill a pixels in the visualization
   */
  intervalMs?: number;
  labels?: string;
  levelColumn?: boolean;
  lines?: number;
  max?: number;
  /**
   * MaxDataPoints is the maximum number of data points that should be returned from a time series query.
   * NOTE: the values for maxDataPoints is not saved in the query model.  It is typically calculated
   * from the number of pixels visible in a visualization
   */
  maxDataPoints?: number;
  min?: number;
  nodes?: TestDataNodesQuery;
  noise?: number;
  points?: {
    [k: string]: unknown;
  }[][];
  pulseWave?: TestDataPulseWaveQuery;
  /**
   * QueryType is an optional identifier for the type of query.
   * It can be used to distinguish different types of queries.
   */
  queryType?: string;
  rawFrameContent?: string;
  /**
   * RefID is the unique identifier of the query, set by the frontend call.
   */
  refId?: string | null;
  resultAssertions?: TestDataResultAssertions;
  /**
   * Possible enum values:
   *  - `"annotations"`
   *  - `"arrow"`
   *  - `"csv_content"`
   *  - `"csv_file"`
   *  - `"csv_metric_values"`
   *  - `"datapoints_outside_range"`
   *  - `"error_with_source"`
   *  - `"exponential_heatmap_bucket_data"`
   *  - `"flame_graph"`
   *  - `"grafana_api"`
   *  - `"linear_heatmap_bucket_data"`
   *  - `"live"`
   *  - `"logs"`
   *  - `"manual_entry"`
   *  - `"no_data_points"`
   *  - `"node_graph"`
   *  - `"predictable_csv_wave"`
   *  - `"predictable_pulse"`
   *  - `"random_walk"`
   *  - `"random_walk_table"`
   *  - `"random_walk_with_error"`
   *  - `"raw_frame"`
   *  - `"server_error_500"`
   *  - `"simulation"`
   *  - `"slow_query"`
   *  - `"streaming_client"`
   *  - `"table_static"`
   *  - `"trace"`
   *  - `"usa"`
   *  - `"variables-query"`
   */
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
  /**
   * common parameter used by many query types
   */
  stringInput?: string;
  timeRange?: TestDataTimeRange;
  usa?: TestDataUSAQuery;
  withNil?: boolean;
}
