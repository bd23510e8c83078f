// `grafts/api`: the functions behind the dash commands (`runBuild`, `runLint`, `runCheck`,
// `runDiff`, `runApply`, `runPull`, `runImport`, `runInit`, `runWatch`, `runMixin*`), each
// returning data instead of printing, with their options, results and errors, plus the pieces
// they are made of (plan, apply, diff formatting, lint rules). Loading it loads the tooling
// (TypeScript, esbuild, prettier, …); authoring code imports `grafts` instead.

// dash build and the errors of loading a project
export { runBuild, type BuildOptions, type BuildResult, type BuiltDashboard } from '../project/run-build.js';
export { ProjectError, ConfigError, LoadError, TypeCheckError, OutputError, formatSourceProblem, type SourceProblem } from '../project/errors.js';

// dash lint: offline rules over dashboards and rule files
export { runLint, lintCollected, type LintOptions, type LintResult, type LintFixedFile } from '../lint/run-lint.js';
export { LINT_RULES, findLintRule } from '../lint/registry.js';
export type { LintRule, LintFinding, LintSeverity, LintLocation } from '../lint/types.js';
export { collectInputs, type CollectedInputs, type CollectedDashboard, type CollectedRuleFile, type CollectInputsOptions } from '../project/collect-inputs.js';
export { parsePromQL, type PromQLSyntaxError } from '../promql/parse.js';

// dash check: dashboards against a live Prometheus
export { runCheck, checkInputs, type CheckOptions, type CheckQueryOptions, type CheckInputs } from '../check/run-check.js';
export type {
  CheckResult,
  CheckedDashboard,
  CheckedPanel,
  CheckedTarget,
  CheckedExemplars,
  CheckedVariable,
  CheckedRule,
  CheckCounts,
  CheckStatus,
} from '../check/check-result.js';
export { createPrometheusClient, type PrometheusClient, type PrometheusClientOptions, type QueryData, type BuildInfo } from '../check/prometheus-client.js';
export { PrometheusError, type PrometheusErrorKind } from '../check/prometheus-error.js';
export { GraftsError, HttpError, isGraftsError, type GraftsErrorOptions, type HttpErrorInit } from '../errors/index.js';
export type { OptionalPanel } from '../check/empty-ok.js';
export { interpolate, type VariableValue, type VariableScope } from '../check/interpolate.js';

// GitOps sync: desired state, plan, apply, diff (targets and the client are in `grafts/grafana`)
export { loadDesiredState, desiredStateOf, mixinFolder, parentsFirst, type LoadDesiredStateOptions, type LoadedDesiredState } from '../sync/desired-state.js';
export { normalizeDashboard, canonicalJson, sameJson, SERVER_DEFAULTS, SERVER_KEYS } from '../sync/normalize.js';
export {
  plan,
  summarize,
  hasChanges,
  readActualState,
  UNMANAGED_CONFLICT,
  EDITED_CONFLICT,
  type Plan,
  type PlanStep,
  type FolderStep,
  type DashboardStep,
  type StepAction,
  type PlanSummary,
  type ActualState,
  type PlanOptions,
  type ResourceKind,
} from '../sync/plan.js';
export {
  applyPlan,
  isConflictError,
  countOutcomes,
  type ApplyReport,
  type StepResult,
  type ApplyCounts,
  type ApplyOptions,
  type ApplyProgress,
} from '../sync/apply.js';
export { formatPlanText, formatPlanMarkdown, planToJson, unifiedDiff, ruleGroupDiff, summaryLine, MARKDOWN_COMMENT_MARKER } from '../sync/diff-format.js';
export {
  planRuleGroups,
  ruleGroupKey,
  ruleGroupYaml,
  UNMANAGED_RULE_CONFLICT,
  type RuleGroupStep,
  type RuleStepAction,
  type RulePlanOptions,
} from '../sync/rule-plan.js';
export { prepareSync, type PreparedSync } from '../sync/prepare-sync.js';
export { runDiff, type DiffResult, type SyncRunOptions } from '../sync/run-diff.js';
export { runApply, applyExitCode, APPLY_EXIT, type ApplyRunOptions, type ApplyResult } from '../sync/run-apply.js';
export { runPull, type PullOptions, type PullResult } from '../sync/run-pull.js';
export { runInit, InitError, INIT_FILES, type InitOptions, type InitResult } from '../project/run-init.js';
export {
  runWatch,
  formatWatchProblem,
  type WatchOptions,
  type WatchHandle,
  type WatchEvent,
  type WatchCycle,
  type WatchProblem,
  type WatchProblemKind,
  type WatchedDashboard,
  type AppliedDashboard,
} from '../watch/watch-session.js';
export { runImport, ImportRunError, type ImportOptions, type ImportResult, type ImportedFile } from '../import/dashboard/run-import.js';
export { resolveWatchTarget, WATCH_FILES_DIR, type WatchTarget, type ResolveWatchTargetOptions } from '../watch/dev-target.js';
export { renderLayoutPreview, previewBoxes, type PreviewBox } from '../watch/layout-preview.js';

// Rendering a loaded project
export {
  renderProject,
  type ProjectEntry,
  type RenderedDashboard,
  type RenderedDashboardV1,
  type RenderedDashboardV2,
  type RenderedProject,
  type SchemaSelection,
} from '../render/render-project.js';

// Mixin tooling (dash build `mixins`, dash mixin build|lint|test)
export { renderMixins, type MixinToRender, type RenderedMixinFiles } from '../mixin/render-mixins.js';
export type { BuiltMixin } from '../project/run-build.js';
export { loadMixinTargets, type MixinTargets, type MixinTarget, type MixinManifest } from '../mixin-tools/load-mixin-targets.js';
export { runMixinBuild, PROJECT_MIXINS_OUT_DIR, type MixinBuildOptions, type MixinBuildResult, type MixinBuildEntry } from '../mixin-tools/run-mixin-build.js';
export { runMixinLint, type MixinLintOptions, type MixinLintResult, type MixinLintEntry, type PromtoolCheck } from '../mixin-tools/run-mixin-lint.js';
export { lintMixinAlerts, RUNBOOK_KEY, type MixinLintFinding, type MixinLintSeverity } from '../mixin-tools/mixin-alert-lint.js';
export { runMixinTest, PromtoolMissingError, type MixinTestOptions, type MixinTestResult, type MixinTestEntry } from '../mixin-tools/run-mixin-test.js';
