import type { DashboardV2ApiVersion, DashboardV2Resource, DashboardV2Spec } from './dashboard-v2-spec.js';
import { toV2beta1Spec } from './to-v2beta1-spec.js';

/** Options of {@link dashboardV2Resource}. */
export interface DashboardV2ResourceOptions {
  /** `v2` (Grafana 13) or `v2beta1` (Grafana 12.x; the spec is converted with {@link toV2beta1Spec}). */
  readonly apiVersion: DashboardV2ApiVersion;
  /** `metadata.annotations`, e.g. `{ 'grafana.app/folder': 'team-a' }`; omitted when empty. */
  readonly annotations?: Readonly<Record<string, string>>;
  /** `metadata.labels`; omitted when empty. */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * A v2 spec wrapped as the Kubernetes-style resource Grafana's `/apis`, Git Sync and file
 * provisioning read: the uid is `metadata.name`.
 *
 * @example
 * dashboardV2Resource('api', spec, { apiVersion: 'v2', annotations: { 'grafana.app/folder': 'team-a' } })
 * // → { apiVersion: 'dashboard.grafana.app/v2', kind: 'Dashboard',
 * //     metadata: { name: 'api', annotations: { 'grafana.app/folder': 'team-a' } }, spec }
 */
export function dashboardV2Resource(uid: string, spec: DashboardV2Spec, options: DashboardV2ResourceOptions): DashboardV2Resource {
  const metadata: { name: string; annotations?: Record<string, string>; labels?: Record<string, string> } = { name: uid };
  if (options.annotations && Object.keys(options.annotations).length > 0) metadata.annotations = { ...options.annotations };
  if (options.labels && Object.keys(options.labels).length > 0) metadata.labels = { ...options.labels };
  const body = options.apiVersion === 'v2beta1' ? toV2beta1Spec(spec) : (structuredClone(spec) as unknown as Record<string, unknown>);
  return { apiVersion: `dashboard.grafana.app/${options.apiVersion}`, kind: 'Dashboard', metadata, spec: body };
}
