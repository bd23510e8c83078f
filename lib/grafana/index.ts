// `grafts/grafana`: the Grafana HTTP client and the sync targets, for programs that talk to
// Grafana directly (the dash CLI uses the same pieces).
export {
  GrafanaClient, parseRetryAfter,
  type GrafanaClientOptions, type RetryOptions, type GrafanaRequest, type GrafanaResponse, type QueryParams,
} from './grafana-client.js';
export { GrafanaError, GrafanaApiError, isGrafanaStatus, type GrafanaErrorKind, type GrafanaErrorInit, type GrafanaApiErrorInit } from './grafana-error.js';
export { discoverGrafana, DASHBOARD_GROUP, FOLDER_GROUP, type ApiMode, type GrafanaServerInfo, type DiscoverGrafanaOptions } from './discover.js';
export { GrafanaTarget, type GrafanaTargetOptions } from '../sync/targets/grafana-target.js';
export { FileTarget, FileTargetError, providerYaml, directoryName, FOLDER_MARKER_FILE, PROVIDER_FILE, type FileTargetOptions } from '../sync/targets/file-target.js';
export { ConflictError, type ConflictErrorInit } from '../sync/targets/conflict-error.js';
export { resolveTarget, TargetConfigError, GRAFANA_ENV, type ResolveTargetOptions } from '../sync/resolve-target.js';
export type { SyncTarget, RemoteFolder, RemoteDashboard, RemoteDashboardSummary, WriteOptions } from '../sync/sync-target.js';
export type { FolderResource, DashboardResource, DesiredResource, DesiredState } from '../sync/resources.js';
export { MANAGED_TAG, CONTENT_HASH_KEY, MANAGED_FOLDER_DESCRIPTION, withManagedMarker, withoutManagedMarker, editedOutsideGrafts, contentHash } from '../sync/managed-marker.js';
