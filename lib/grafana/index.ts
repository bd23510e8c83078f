// `grafts/grafana`: the Grafana HTTP client and the sync targets, for programs that talk to
// Grafana directly (the dash CLI uses the same pieces).
export {
  GrafanaClient,
  parseRetryAfter,
  type GrafanaClientOptions,
  type RetryOptions,
  type GrafanaRequest,
  type GrafanaResponse,
  type QueryParams,
} from './grafana-client.js';
export { GrafanaError, GrafanaApiError, isGrafanaStatus, type GrafanaErrorKind, type GrafanaErrorInit, type GrafanaApiErrorInit } from './grafana-error.js';
export { WrongShapeError } from './expect-shape.js';
export { readNumberedPages, readContinuedPages, MAX_PAGES } from './paged-listing.js';
export { SyncUnreadableError, type UnreadResource } from '../sync/sync-unreadable-error.js';
export { discoverGrafana, DASHBOARD_GROUP, FOLDER_GROUP, type ApiMode, type GrafanaServerInfo, type DiscoverGrafanaOptions } from './discover.js';
export { GrafanaTarget, type GrafanaTargetOptions } from '../sync/targets/grafana-target.js';
export {
  FileTarget,
  FileTargetError,
  providerYaml,
  directoryName,
  FOLDER_MARKER_FILE,
  PROVIDER_FILE,
  type FileTargetOptions,
} from '../sync/targets/file-target.js';
export { ConflictError, type ConflictErrorInit } from '../sync/targets/conflict-error.js';
export { resolveTarget, TargetConfigError, GRAFANA_ENV, type ResolveTargetOptions } from '../sync/resolve-target.js';
export type { SyncTarget, RemoteFolder, RemoteDashboard, RemoteDashboardSummary, WriteOptions } from '../sync/sync-target.js';
export type { FolderResource, DashboardResource, DesiredResource, DesiredState } from '../sync/resources.js';
export {
  MANAGED_TAG,
  CONTENT_HASH_KEY,
  FOLDER_UID_KEY,
  MANAGED_FOLDER_DESCRIPTION,
  withManagedMarker,
  withoutManagedMarker,
  editedOutsideGrafts,
  movedOutsideGrafts,
  contentHash,
} from '../sync/managed-marker.js';
export {
  OWNER_TAG_PREFIX,
  DEFAULT_OWNER_SCOPE,
  ownerToken,
  ownerTag,
  classifyOwnership,
  type OwnerScope,
  type ForeignMarker,
  type Ownership,
} from '../sync/ownership.js';
export { projectIdentity } from '../sync/project-identity.js';

// Rule targets: Prometheus-compatible rulers, Prometheus rule files, Grafana-managed alerting.
export type { RuleSyncTarget, RuleGroupResource, RemoteRuleGroup } from '../sync/rule-resources.js';
export {
  RulerTarget,
  RulerError,
  rulerTargetFromEnv,
  RULER_API_PATHS,
  type RulerFlavour,
  type RulerTargetOptions,
  type RulerErrorKind,
  type RulerEnvOptions,
} from '../sync/rule-targets/ruler-target.js';
export {
  RuleFileTarget,
  RuleFileTargetError,
  namespaceFileName,
  RULE_FILE_MARKER,
  type RuleFileTargetOptions,
  type RuleProblem,
  type RuleFileErrorKind,
} from '../sync/rule-targets/rule-file-target.js';
export { GrafanaAlertingTarget, type GrafanaAlertingTargetOptions } from '../sync/rule-targets/grafana-alerting-target.js';
export {
  toGrafanaRule,
  toGrafanaRuleGroup,
  fromGrafanaRule,
  fromGrafanaRuleGroup,
  grafanaRuleUid,
  UnsupportedRuleError,
  GRAFANA_RULE_MANAGED_ANNOTATION,
  type ProvisionedAlertRule,
  type GrafanaAlertRuleGroup,
  type GrafanaRuleConversionOptions,
} from '../sync/rule-targets/to-grafana-rule.js';
export { namespaceMatcher, type NamespaceFilter } from '../sync/rule-targets/namespace-filter.js';
export { resolveRuleTarget, type ResolvedRuleTarget, type ResolveRuleTargetOptions } from '../sync/resolve-rule-target.js';
export { normalizePromQL, sameRuleGroup, canonicalRuleGroup } from '../promql/normalize-promql.js';

// Data sources as code: plan and apply against Grafana's data source API, or provisioning YAML.
export {
  planDatasources,
  formatDatasourcePlan,
  DATASOURCE_OWNER_KEY,
  type DatasourceStep,
  type DatasourcePlanOptions,
  type RemoteDatasource,
} from '../datasources/datasource-plan.js';
export { readRemoteDatasources, applyDatasources, syncDatasources, DatasourceSyncError, type DatasourceApplyResult } from '../datasources/datasource-sync.js';
export { renderDatasourceProvisioning, writeDatasourceProvisioning, DATASOURCE_PROVISIONING_FILE } from '../datasources/datasource-provisioning.js';
export {
  MimirAlertmanagerTarget,
  planMimirAlertmanager,
  MimirAlertmanagerError,
  type MimirAlertmanagerOptions,
  type MimirAlertmanagerPlan,
} from '../alerting/mimir-alertmanager.js';
