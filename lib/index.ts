// The public API of grafts: builders for dashboards, rows, panels, queries and variables,
// the project renderer, and the generated Grafana JSON types. An explicit list, so what is
// public is a decision.

// Dashboards and layout
export { dashboard, DashboardBuilder, isDashboardBuilder, type GraphTooltip, type DashboardSchema } from './model/dashboard.js';
export { SCHEMA_VERSION, renderDashboard, type RenderedDashboardResult } from './model/dashboard-render.js';
export { row, RowBuilder, isRow, type AnyPanel } from './model/row.js';
export { tab, TabBuilder, isTab } from './model/tab.js';
export { autoGrid, AutoGridBuilder, isAutoGrid, type AutoGridOptions, type AutoGridItemOptions, type AutoGridColumnWidth, type AutoGridRowHeight } from './model/auto-grid.js';
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
export { layoutGrid, boxesOverlap, GRID_COLUMNS, type GridPosition, type LayoutSection, type LayoutPanel, type ExplicitPosition, type PlacedSection } from './layout/grid-layout.js';
export { annotation, AnnotationBuilder } from './model/annotation.js';
export { dashboardLink, DashboardLinkBuilder } from './model/dashboard-link.js';
export { deriveUid, uidProblem, MAX_UID_LENGTH } from './model/uid.js';

// Panels
export {
  PanelBuilder, isPanel, DEFAULT_PANEL_SIZE,
  type QueryFor, type DeepPartial, type RenderedPanel,
} from './model/panels/panel-builder.js';
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

// Variables
export { VariableBuilder, isVariable, type VariableFormat, type VariableVisibility } from './model/variables/variable-builder.js';
export {
  queryVariable, QueryVariable, labelValues, labelNames, queryResult,
  type VariableRefreshOn, type VariableSortOrder,
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
  type StandardVariables, type StandardVariablesOptions, type StandardMatchers, type TemplateLevel, type StandardDatasourceType,
} from './style/templating.js';
export {
  withSelectors, selector, labelMatchers, quoteLabelValue,
  type Matchers, type MatcherValue, type LabelMatcher, type MatchOperator,
} from './style/selector.js';
export { withStreamSelectors } from './style/stream-selectors.js';
export {
  red, redQueries, redLogQueries, STATUS_CLASS_COLORS, LATENCY_COLORS, RED_LAYOUT,
  type HistogramKind, type RedVariables, type RedQueryOptions, type RedRowOptions, type RedQueryTexts,
  type LogDurationFormat, type RedLogsRowOptions, type RedLogQueryTexts, type RedService, type RedDashboardOptions, type RedDashboardLogsOptions,
} from './style/red.js';
export { slowAndFailedTraceQL, RED_CORRELATION_LAYOUT, type RedTracesOptions, type RedLogsOptions } from './style/red-correlation.js';

// dash lint: offline rules over dashboards and rule files
export { runLint, lintCollected, type LintOptions, type LintResult, type LintFixedFile } from './lint/run-lint.js';
export { LINT_RULES, findLintRule } from './lint/registry.js';
export type { LintRule, LintFinding, LintSeverity, LintLocation } from './lint/types.js';
export {
  collectInputs, type CollectedInputs, type CollectedDashboard, type CollectedRuleFile, type CollectInputsOptions,
} from './project/collect-inputs.js';
export type { LintConfig, LintExclusion, LintRuleSetting } from './project/define-config.js';
export { parsePromQL, type PromQLSyntaxError } from './promql/parse.js';

// dash check: dashboards against a live Prometheus
export { runCheck, checkInputs, type CheckOptions, type CheckQueryOptions, type CheckInputs } from './check/run-check.js';
export type {
  CheckResult, CheckedDashboard, CheckedPanel, CheckedTarget, CheckedVariable, CheckedRule, CheckCounts, CheckStatus,
} from './check/check-result.js';
export { createPrometheusClient, type PrometheusClient, type PrometheusClientOptions, type QueryData, type BuildInfo } from './check/prometheus-client.js';
export { PrometheusError, type PrometheusErrorKind } from './check/prometheus-error.js';
export { OPTIONAL_MARKER, type OptionalPanel } from './check/empty-ok.js';
export { interpolate, type VariableValue, type VariableScope } from './check/interpolate.js';

// Alerting as code: contact points, notification policies, mute timings, templates
export { secret, isSecret, redactedSecret, MissingSecretError, type SecretRef, type MaybeSecret } from './alerting/secret.js';

// Data sources as code (synced with `grafts/grafana`'s syncDatasources, or provisioning YAML)
export {
  DatasourceDefinition, isDatasourceDefinition, genericDatasource,
  type DatasourceCommonOptions, type DatasourceSpec,
} from './datasources/datasource-definition.js';
export { prometheusDatasource, type PrometheusDatasourceOptions, type ExemplarTraceIdDestination } from './datasources/prometheus-datasource.js';
export { lokiDatasource, type LokiDatasourceOptions, type LokiDerivedField } from './datasources/loki-datasource.js';
export { tempoDatasource, type TempoDatasourceOptions } from './datasources/tempo-datasource.js';
export { zipkinDatasource, type ZipkinDatasourceOptions } from './datasources/zipkin-datasource.js';
export type { TracesToLogsSettings, TracesToMetricsSettings } from './datasources/trace-correlation-settings.js';
export { matcher, type Matcher, type MatcherOperator, type MatchersInput } from './alerting/matchers.js';
export {
  contactPoint, ContactPoint, isContactPoint,
  type Integration, type IntegrationCommon, type EmailOptions, type SlackOptions, type PagerDutyOptions, type WebhookOptions,
  type OpsgenieOptions, type TeamsOptions, type GenericOptions,
} from './alerting/contact-point.js';
export { route, notificationPolicy, Route, isRoute } from './alerting/notification-policy.js';
export { muteTiming, MuteTiming, isMuteTiming, type TimeInterval, type TimeRange } from './alerting/mute-timing.js';
export { notificationTemplate, isNotificationTemplate, type NotificationTemplate } from './alerting/notification-template.js';
export type { RoutingTest } from './alerting/routing-test.js';
export { resolveAlerting, withMixinRoutes, defineAlerting, type AlertingConfig, type AlertingSpec, type MixinRouting, type ResolvedAlerting, type PlacedRoutingTest } from './alerting/alerting-config.js';
export {
  renderAlertmanagerConfig, alertmanagerYaml, alertmanagerTemplateFiles, DEFAULT_SECRETS_DIR,
  type AlertmanagerConfig, type AlertmanagerRenderOptions, type SecretMode,
} from './alerting/render-alertmanager.js';
export { receiversFor } from './alerting/route-alert.js';
export { amtoolCheckConfig, runRoutingTests, amtoolVersion, amtoolBinary, AmtoolMissingError, type AmtoolRun, type RoutingTestResult } from './alerting/amtool.js';

// Mixins: dashboards + alerts + recording rules as functions of typed config
export { defineMixin, Mixin, isMixin, type MixinSpec, type RenderedMixin, type MixinDashboard, type AnnotationsFor } from './mixin/define-mixin.js';
export { computed, resolveConfig, MixinConfigError, type Computed, type ConfigDefaults, type ConfigOverrides } from './mixin/mixin-config.js';
export { alertRule, AlertRuleBuilder, isAlertRule, type AlertSeverity, type AlertRuleJson } from './mixin/alert-rule.js';
export { recordingRule, RecordingRuleBuilder, isRecordingRule, type RecordingRuleJson } from './mixin/recording-rule.js';
export { ruleGroup, RuleGroupBuilder, type AnyRule, type RuleGroupJson, type RuleFileJson } from './mixin/rule-group.js';
export {
  promtoolTestFile, type PromtoolTest, type TestSeries, type AlertTest, type ExprTest, type ExpectedAlert,
} from './mixin/promtool-test.js';
export { mixinFiles, toYaml, MIXIN_FILES, type MixinFile } from './mixin/mixin-files.js';
export { promtoolCheckRules, promtoolTestRules, promtoolVersion, promtoolBinary, type PromtoolRun } from './mixin/promtool.js';

// GitOps sync: desired state, plan, apply, diff (targets and the client are in `grafts/grafana`)
export { loadDesiredState, desiredStateOf, mixinFolder, parentsFirst, type LoadDesiredStateOptions, type LoadedDesiredState } from './sync/desired-state.js';
export { normalizeDashboard, canonicalJson, sameJson, SERVER_DEFAULTS, SERVER_KEYS } from './sync/normalize.js';
export {
  plan, summarize, hasChanges, readActualState, UNMANAGED_CONFLICT, EDITED_CONFLICT,
  type Plan, type PlanStep, type FolderStep, type DashboardStep, type StepAction, type PlanSummary, type ActualState, type PlanOptions, type ResourceKind,
} from './sync/plan.js';
export { applyPlan, isConflictError, countOutcomes, type ApplyReport, type StepResult, type ApplyCounts, type ApplyOptions, type ApplyProgress } from './sync/apply.js';
export { formatPlanText, formatPlanMarkdown, planToJson, unifiedDiff, ruleGroupDiff, summaryLine, MARKDOWN_COMMENT_MARKER } from './sync/diff-format.js';
export { planRuleGroups, ruleGroupKey, ruleGroupYaml, UNMANAGED_RULE_CONFLICT, type RuleGroupStep, type RuleStepAction, type RulePlanOptions } from './sync/rule-plan.js';
export { prepareSync, type PreparedSync } from './sync/prepare-sync.js';
export { runDiff, type DiffResult, type SyncRunOptions } from './sync/run-diff.js';
export { runApply, applyExitCode, APPLY_EXIT, type ApplyRunOptions, type ApplyResult } from './sync/run-apply.js';
export { runPull, type PullOptions, type PullResult } from './sync/run-pull.js';
export { runInit, InitError, INIT_FILES, type InitOptions, type InitResult } from './project/run-init.js';
export {
  runWatch, formatWatchProblem,
  type WatchOptions, type WatchHandle, type WatchEvent, type WatchCycle, type WatchProblem, type WatchProblemKind, type WatchedDashboard, type AppliedDashboard,
} from './watch/watch-session.js';
export { importDashboard, type ImportedDashboard, type ImportDashboardOptions, type ImportConfigHook } from './import/dashboard/import-dashboard.js';
export { ImportError, isImportError, MAX_JSON_DEPTH } from './import/dashboard/import-error.js';
export { normalizeForRoundTrip } from './import/dashboard/round-trip-normalize.js';
export { normalizeV2ForRoundTrip, type NormalizedV2 } from './import/dashboard/normalize-v2-for-round-trip.js';
export { runImport, ImportRunError, type ImportOptions, type ImportResult, type ImportedFile } from './import/dashboard/run-import.js';
export { importRuleFile, type ImportedRuleFile, type ImportRuleFileOptions } from './import/rules/import-rule-file.js';
export { RuleImportError } from './import/rules/rule-import-error.js';
export { importMixin, type ImportMixinOptions, type ImportedMixin, type LiftedConfigKey } from './import/mixin/import-mixin.js';
export { MixinImportError } from './import/mixin/mixin-import-error.js';
export { resolveWatchTarget, WATCH_FILES_DIR, type WatchTarget, type ResolveWatchTargetOptions } from './watch/dev-target.js';
export { renderLayoutPreview, previewBoxes, type PreviewBox } from './watch/layout-preview.js';
export type { TargetConfig, GrafanaTargetConfig, FilesTargetConfig } from './project/define-config.js';
export { ruleNamespaceOf, DEFAULT_RULE_FILES_DIR, type RulesConfig, type RulerRulesConfig, type RuleFilesRulesConfig, type GrafanaAlertingRulesConfig } from './project/rules-config.js';

// Escape hatch, rendering and errors
export { deepMerge, type JsonObject, type JsonValue } from './model/deep-merge.js';
export { canonicalKeys } from './model/canonical-keys.js';
export { renderProject, type ProjectEntry, type RenderedDashboard, type RenderedDashboardV1, type RenderedDashboardV2, type RenderedProject, type SchemaSelection } from './render/render-project.js';
export { toJson } from './render/to-json.js';
export { ValidationError, isValidationError, formatProblem, type Problem } from './model/validation-error.js';

// Projects: config, building, errors
export { defineConfig, DEFAULT_DASHBOARDS_GLOB, DEFAULT_OUT_DIR, type DashConfig } from './project/define-config.js';
export { runBuild, type BuildOptions, type BuildResult, type BuiltDashboard } from './project/run-build.js';
export {
  ProjectError, ConfigError, LoadError, TypeCheckError, OutputError, formatSourceProblem, type SourceProblem,
} from './project/errors.js';

// Grafana's dashboard JSON model (generated from schemas/)
export type {
  Dashboard, Panel, RowPanel, GridPos, DataSourceRef, FieldConfigSource, FieldConfig, FieldOverride,
  MatcherConfig, DynamicConfigValue, ThresholdsConfig, Threshold, ValueMapping, ValueMappingResult,
  FieldColor, DataTransformerConfig, DataLink, InternalDataLink, DashboardLink, LibraryPanelRef, TimePickerConfig,
  VariableModel, AnnotationQuery,
} from './generated/index.js';
export type {
  TimeseriesOptions, TimeseriesFieldConfig, StatOptions, GaugeOptions, BarGaugeOptions, TableOptions,
  TableFieldConfig, TextOptions, LogsOptions, HeatmapOptions, HeatmapFieldConfig, PieChartOptions,
  PieChartFieldConfig, StateTimelineOptions, StateTimelineFieldConfig, HistogramOptions, HistogramFieldConfig,
  BarChartOptions, BarChartFieldConfig, VizLegendOptions, VizTooltipOptions, ReduceDataOptions,
} from './generated/index.js';

// --- Mixin tooling (dash build `mixins`, dash mixin build|lint|test) -------------------------
export { renderMixins, type MixinToRender, type RenderedMixinFiles } from './mixin/render-mixins.js';
export type { BuiltMixin } from './project/run-build.js';
export { loadMixinTargets, type MixinTargets, type MixinTarget, type MixinManifest } from './mixin-tools/load-mixin-targets.js';
export {
  runMixinBuild, PROJECT_MIXINS_OUT_DIR, type MixinBuildOptions, type MixinBuildResult, type MixinBuildEntry,
} from './mixin-tools/run-mixin-build.js';
export {
  runMixinLint, type MixinLintOptions, type MixinLintResult, type MixinLintEntry, type PromtoolCheck,
} from './mixin-tools/run-mixin-lint.js';
export { lintMixinAlerts, RUNBOOK_KEY, type MixinLintFinding, type MixinLintSeverity } from './mixin-tools/mixin-alert-lint.js';
export {
  runMixinTest, PromtoolMissingError, type MixinTestOptions, type MixinTestResult, type MixinTestEntry,
} from './mixin-tools/run-mixin-test.js';
