// `grafts`: the authoring API — builders for dashboards, rows, panels, queries and variables,
// the house style, the mixin format, `defineConfig` and the generated Grafana JSON types. It
// loads only the model (no TypeScript, ts-morph, prettier, axios or diff), so a plain Node script
// that builds dashboards starts fast. Tooling lives in the other entries:
//   grafts/api      the run* functions behind the dash commands, and their results
//   grafts/import   dashboards, rule files and jsonnet mixins to grafts code
//   grafts/grafana  the Grafana HTTP client and the sync targets
//   grafts/testing  Grafana and ruler emulators, promtool helpers
// An explicit list, so what is public is a decision (test/api/entry-points.test.ts pins it).

// Dashboards and layout
export { dashboard, DashboardBuilder, isDashboardBuilder, type GraphTooltip, type DashboardSchema } from './model/dashboard.js';
export { SCHEMA_VERSION, type RenderedDashboardResult } from './model/dashboard-render.js';
export { row, RowBuilder, isRow, type AnyPanel } from './model/row.js';
export { tab, TabBuilder, isTab } from './model/tab.js';
export {
  autoGrid,
  AutoGridBuilder,
  isAutoGrid,
  type AutoGridOptions,
  type AutoGridItemOptions,
  type AutoGridColumnWidth,
  type AutoGridRowHeight,
} from './model/auto-grid.js';
export {
  variableEquals,
  variableNotEquals,
  variableMatches,
  variableNotMatches,
  hasData,
  timeRangeLessThan,
  allOf,
  anyOf,
  type Condition,
  type ConditionGroup,
  type VariableOperator,
} from './model/show-hide-rule.js';
export { v2OnlyFeatures, type V2OnlyFeature } from './model/v2-only-features.js';
export { renderDashboardV2, type RenderedDashboardV2Result } from './render/v2/render-dashboard-v2.js';
export { toV2beta1Spec } from './render/v2/to-v2beta1-spec.js';
export { dashboardV2Resource, type DashboardV2ResourceOptions } from './render/v2/dashboard-v2-resource.js';
export type { DashboardV2Spec, DashboardV2Resource, DashboardV2ApiVersion, V2Layout, V2Element } from './render/v2/dashboard-v2-spec.js';
export { folder, Folder, isFolder } from './model/folder.js';
export {
  layoutGrid,
  boxesOverlap,
  GRID_COLUMNS,
  type GridPosition,
  type LayoutSection,
  type LayoutPanel,
  type ExplicitPosition,
  type PlacedSection,
} from './layout/grid-layout.js';
export { annotation, AnnotationBuilder } from './model/annotation.js';
export { dashboardLink, DashboardLinkBuilder } from './model/dashboard-link.js';
export { deriveUid, uidProblem, MAX_UID_LENGTH } from './model/uid.js';

// Panels
export { PanelBuilder, isPanel, DEFAULT_PANEL_SIZE, type QueryFor, type DeepPartial, type RenderedPanel } from './model/panels/panel-builder.js';
export { LegendTooltipPanel } from './model/panels/legend-tooltip-panel.js';
export { SingleValuePanel } from './model/panels/single-value-panel.js';
export { timeseries, TimeseriesPanel } from './model/panels/timeseries-panel.js';
export { stat, StatPanel } from './model/panels/stat-panel.js';
export { gauge, GaugePanel } from './model/panels/gauge-panel.js';
export { barGauge, BarGaugePanel } from './model/panels/bar-gauge-panel.js';
export { table, TablePanel } from './model/panels/table-panel.js';
export { text, TextPanel } from './model/panels/text-panel.js';
export { panel, GenericPanel, type GenericPanelType } from './model/panels/generic-panel.js';
export { logs, LogsPanel } from './model/panels/logs-panel.js';
export { heatmap, HeatmapPanel } from './model/panels/heatmap-panel.js';
export { pieChart, PieChartPanel } from './model/panels/pie-chart-panel.js';
export { stateTimeline, StateTimelinePanel } from './model/panels/state-timeline-panel.js';
export { histogram, HistogramPanel } from './model/panels/histogram-panel.js';
export { barChart, BarChartPanel } from './model/panels/bar-chart-panel.js';
export { libraryPanel, LibraryPanel, isLibraryPanel } from './model/panels/library-panel.js';
export { traces, TracesPanel } from './model/panels/traces-panel.js';
export { nodeGraph, NodeGraphPanel, type NodeGraphOptions } from './model/panels/node-graph-panel.js';
export { alertList, AlertListPanel, type AlertListOptions, type AlertState } from './model/panels/alert-list-panel.js';
export { annotationsList, AnnotationsListPanel } from './model/panels/annotations-list-panel.js';
export { candlestick, CandlestickPanel } from './model/panels/candlestick-panel.js';
export { canvas, CanvasPanel } from './model/panels/canvas-panel.js';
export { dashboardList, DashboardListPanel } from './model/panels/dashboard-list-panel.js';
export { datagrid, DatagridPanel } from './model/panels/datagrid-panel.js';
export { flameGraph, FlameGraphPanel, type FlameGraphOptions } from './model/panels/flame-graph-panel.js';
export { geomap, GeomapPanel } from './model/panels/geomap-panel.js';
export { news, NewsPanel } from './model/panels/news-panel.js';
export { statusHistory, StatusHistoryPanel } from './model/panels/status-history-panel.js';
export { trend, TrendPanel } from './model/panels/trend-panel.js';
export { xyChart, XYChartPanel } from './model/panels/xy-chart-panel.js';
export { urlLink, internalLink, isDataLink, DataLinkSpec } from './model/data-link.js';
export { traceLink, logsLink, type TraceDatasourceKind } from './model/trace-links.js';
export { assignRefIds, refIdAt } from './model/panels/ref-ids.js';

// Field config helpers
export { valueMapping, rangeMapping, regexMapping, specialMapping, type MappingResult } from './model/field-config/mappings.js';
export type { ThresholdStep } from './model/field-config/thresholds.js';
export type { OverrideMatcher, OverrideProperties } from './model/field-config/overrides.js';
export type { Unit } from './model/field-config/units.js';

// Data sources and queries
export { datasource, mixedDatasource, type DatasourceLike, type KnownDatasourceKind } from './model/datasource.js';
export { QueryBuilder, isQuery } from './model/queries/query-builder.js';
export { prometheus, PrometheusQuery } from './model/queries/prometheus-query.js';
export { loki, LokiQuery } from './model/queries/loki-query.js';
export { tempo, TempoQuery, type TempoQueryType } from './model/queries/tempo-query.js';
export { rawQuery, RawQuery } from './model/queries/raw-query.js';
export { zipkin, ZipkinQuery, type ZipkinQueryType } from './model/queries/zipkin-query.js';
export { ModelQuery, type QueryModelFields } from './model/queries/model-query.js';
export { elasticsearch, ElasticsearchQuery } from './model/queries/elasticsearch-query.js';
export { cloudWatchMetrics, cloudWatchLogs, CloudWatchQuery } from './model/queries/cloudwatch-query.js';
export { azureMetrics, azureLogs, azureResourceGraph, AzureMonitorQuery } from './model/queries/azure-monitor-query.js';
export {
  cloudMonitoringPromQL,
  cloudMonitoringMQL,
  cloudMonitoringMetrics,
  GoogleCloudMonitoringQuery,
} from './model/queries/google-cloud-monitoring-query.js';
export { pyroscope, PyroscopeQuery, parca, ParcaQuery, type ProfileQueryType } from './model/queries/profile-query.js';
export { testData, TestDataQuery, type TestDataScenario } from './model/queries/testdata-query.js';
export { expression, ExpressionQuery, EXPRESSION_KIND, type ExpressionInput } from './model/queries/expression-query.js';
export { influxQL, flux, InfluxQuery, type InfluxQueryModel } from './model/queries/influxdb-query.js';
export { graphite, GraphiteQuery, type GraphiteQueryModel } from './model/queries/graphite-query.js';
export { mysql, postgres, mssql, SqlQuery, type SqlQueryModel, type SqlPluginId } from './model/queries/sql-query.js';

// Variables
export { VariableBuilder, isVariable, type VariableFormat, type VariableVisibility } from './model/variables/variable-builder.js';
export {
  queryVariable,
  QueryVariable,
  labelValues,
  labelNames,
  queryResult,
  type VariableRefreshOn,
  type VariableSortOrder,
} from './model/variables/query-variable.js';
export { datasourceVariable, DatasourceVariable } from './model/variables/datasource-variable.js';
export { customVariable, CustomVariable, type CustomOption } from './model/variables/custom-variable.js';
export { intervalVariable, IntervalVariable } from './model/variables/interval-variable.js';
export { constantVariable, ConstantVariable } from './model/variables/constant-variable.js';
export { textboxVariable, TextboxVariable } from './model/variables/textbox-variable.js';
export { adhocVariable, AdhocVariable, type AdhocFilter } from './model/variables/adhoc-variable.js';
export { variableReferences, isBuiltinVariable } from './model/variable-references.js';

// House style: templating, selectors, RED rows
export {
  standardVariables,
  type StandardVariables,
  type StandardVariablesOptions,
  type StandardMatchers,
  type TemplateLevel,
  type StandardDatasourceType,
} from './style/templating.js';
export { pickerVariable, type PickerVariableOptions } from './style/picker-variable.js';
export {
  withSelectors,
  selector,
  labelMatchers,
  quoteLabelValue,
  type Matchers,
  type MatcherValue,
  type LabelMatcher,
  type MatchOperator,
} from './style/selector.js';
export { withStreamSelectors } from './style/stream-selectors.js';
export {
  red,
  redQueries,
  redLogQueries,
  STATUS_CLASS_COLORS,
  LATENCY_COLORS,
  RED_LAYOUT,
  type HistogramKind,
  type RedVariables,
  type RedQueryOptions,
  type RedRowOptions,
  type RedQueryTexts,
  type LogDurationFormat,
  type RedLogsRowOptions,
  type RedLogQueryTexts,
  type RedService,
  type RedDashboardOptions,
  type RedDashboardLogsOptions,
} from './style/red.js';
export { slowAndFailedTraceQL, RED_CORRELATION_LAYOUT, type RedTracesOptions, type RedLogsOptions } from './style/red-correlation.js';

// Alerting as code: contact points, notification policies, mute timings, templates
export { secret, isSecret, redactedSecret, MissingSecretError, type SecretRef, type MaybeSecret } from './alerting/secret.js';

// Data sources as code (synced with `grafts/grafana`'s syncDatasources, or provisioning YAML)
export {
  DatasourceDefinition,
  isDatasourceDefinition,
  genericDatasource,
  type DatasourceCommonOptions,
  type DatasourceSpec,
} from './datasources/datasource-definition.js';
export { prometheusDatasource, type PrometheusDatasourceOptions, type ExemplarTraceIdDestination } from './datasources/prometheus-datasource.js';
export { lokiDatasource, type LokiDatasourceOptions, type LokiDerivedField } from './datasources/loki-datasource.js';
export { tempoDatasource, type TempoDatasourceOptions } from './datasources/tempo-datasource.js';
export { zipkinDatasource, type ZipkinDatasourceOptions } from './datasources/zipkin-datasource.js';
export type { TracesToLogsSettings, TracesToMetricsSettings } from './datasources/trace-correlation-settings.js';
export { matcher, type Matcher, type MatcherOperator, type MatchersInput } from './alerting/matchers.js';
export {
  contactPoint,
  ContactPoint,
  isContactPoint,
  type Integration,
  type IntegrationCommon,
  type EmailOptions,
  type SlackOptions,
  type PagerDutyOptions,
  type WebhookOptions,
  type OpsgenieOptions,
  type TeamsOptions,
  type GenericOptions,
} from './alerting/contact-point.js';
export { route, notificationPolicy, Route, isRoute } from './alerting/notification-policy.js';
export { muteTiming, MuteTiming, isMuteTiming, type TimeInterval, type TimeRange } from './alerting/mute-timing.js';
export { notificationTemplate, isNotificationTemplate, type NotificationTemplate } from './alerting/notification-template.js';
export type { RoutingTest } from './alerting/routing-test.js';
export {
  resolveAlerting,
  withMixinRoutes,
  defineAlerting,
  type AlertingConfig,
  type AlertingSpec,
  type MixinRouting,
  type ResolvedAlerting,
  type PlacedRoutingTest,
} from './alerting/alerting-config.js';
export {
  renderAlertmanagerConfig,
  alertmanagerYaml,
  alertmanagerTemplateFiles,
  DEFAULT_SECRETS_DIR,
  type AlertmanagerConfig,
  type AlertmanagerRenderOptions,
  type SecretMode,
} from './alerting/render-alertmanager.js';
export { receiversFor } from './alerting/route-alert.js';

// Mixins: dashboards + alerts + recording rules as functions of typed config
export { defineMixin, Mixin, isMixin, type MixinSpec, type RenderedMixin, type MixinDashboard, type AnnotationsFor } from './mixin/define-mixin.js';
export { computed, resolveConfig, MixinConfigError, type Computed, type ConfigDefaults, type ConfigOverrides } from './mixin/mixin-config.js';
export { alertRule, AlertRuleBuilder, isAlertRule, type AlertSeverity, type AlertRuleJson } from './mixin/alert-rule.js';
export { recordingRule, RecordingRuleBuilder, isRecordingRule, type RecordingRuleJson } from './mixin/recording-rule.js';
export { ruleGroup, RuleGroupBuilder, type AnyRule, type RuleGroupJson, type RuleFileJson } from './mixin/rule-group.js';
export { promtoolTestFile, type PromtoolTest, type TestSeries, type AlertTest, type ExprTest, type ExpectedAlert } from './mixin/promtool-test.js';
export { mixinFiles, MIXIN_FILES, type MixinFile } from './mixin/mixin-files.js';
export { toYaml } from './render/to-yaml.js';

// Escape hatch, serialisation and validation errors
export { deepMerge, type JsonObject, type JsonValue } from './model/deep-merge.js';
export { canonicalKeys } from './model/canonical-keys.js';
export { toJson } from './render/to-json.js';
export { ValidationError, isValidationError, formatProblem, type Problem } from './model/validation-error.js';

// dash.config.ts
export { defineConfig, DEFAULT_DASHBOARDS_GLOB, DEFAULT_OUT_DIR, type DashConfig } from './project/define-config.js';
export type { TargetConfig, GrafanaTargetConfig, FilesTargetConfig, LintConfig, LintExclusion, LintRuleSetting } from './project/define-config.js';
export {
  ruleNamespaceOf,
  DEFAULT_RULE_FILES_DIR,
  type RulesConfig,
  type RulerRulesConfig,
  type RuleFilesRulesConfig,
  type GrafanaAlertingRulesConfig,
} from './project/rules-config.js';
// A panel description containing this marker may be empty under `dash check`.
export { OPTIONAL_MARKER } from './check/empty-ok.js';

// Grafana's dashboard JSON model (generated from schemas/)
export type {
  Dashboard,
  Panel,
  RowPanel,
  GridPos,
  DataSourceRef,
  FieldConfigSource,
  FieldConfig,
  FieldOverride,
  MatcherConfig,
  DynamicConfigValue,
  ThresholdsConfig,
  Threshold,
  ValueMapping,
  ValueMappingResult,
  FieldColor,
  DataTransformerConfig,
  DataLink,
  InternalDataLink,
  DashboardLink,
  LibraryPanelRef,
  TimePickerConfig,
  VariableModel,
  AnnotationQuery,
} from './generated/index.js';
export type {
  TimeseriesOptions,
  TimeseriesFieldConfig,
  StatOptions,
  GaugeOptions,
  BarGaugeOptions,
  TableOptions,
  TableFieldConfig,
  TextOptions,
  LogsOptions,
  HeatmapOptions,
  HeatmapFieldConfig,
  PieChartOptions,
  PieChartFieldConfig,
  StateTimelineOptions,
  StateTimelineFieldConfig,
  HistogramOptions,
  HistogramFieldConfig,
  BarChartOptions,
  BarChartFieldConfig,
  AnnotationsListOptions,
  CandlestickOptions,
  CandlestickFieldConfig,
  CanvasOptions,
  CanvasElementOptions,
  DashboardListOptions,
  DatagridOptions,
  GeomapOptions,
  GeomapMapLayerOptions,
  NewsOptions,
  StatusHistoryOptions,
  StatusHistoryFieldConfig,
  TrendOptions,
  TrendFieldConfig,
  XYChartOptions,
  XYChartFieldConfig,
  ElasticsearchQueryModel,
  ElasticsearchMetricAggregation,
  ElasticsearchBucketAggregation,
  CloudWatchQueryModel,
  AzureMonitorQueryModel,
  GoogleCloudMonitoringQueryModel,
  PyroscopeQueryModel,
  ParcaQueryModel,
  TestDataQueryModel,
  ExpressionQueryModel,
  VizLegendOptions,
  VizTooltipOptions,
  ReduceDataOptions,
} from './generated/index.js';
