import { DASHBOARD_GROUP } from '../../../grafana/discover.js';
import { hashAsAnnotation } from '../../managed-marker.js';
import type { DashboardResource } from '../../resources.js';
import { V2BETA1_SHAPE } from '../v2beta1-shape.js';
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE, OWNER_ANNOTATION, type KubernetesObject } from './manifest-store.js';

/** `apiVersion` of grafana-operator's custom resources. */
export const GRAFANA_OPERATOR_API = 'grafana.integreatly.org/v1beta1';
/** `apiVersion` of prometheus-operator's PrometheusRule. */
export const PROMETHEUS_OPERATOR_API = 'monitoring.coreos.com/v1';
/** Annotation of a sidecar ConfigMap holding the uid of the dashboard's folder (the folder annotation holds its path of titles). */
export const FOLDER_UID_ANNOTATION = 'grafts.dev/folder-uid';
/** Annotation of a rule object holding the rule namespace its group belongs to. */
export const RULE_NAMESPACE_ANNOTATION = 'grafts.dev/rule-namespace';
/** Annotation Grafana's `/apis` read the folder of a dashboard resource from. */
export const GRAFANA_FOLDER_ANNOTATION = 'grafana.app/folder';

/** A Kubernetes label selector (grafana-operator's `instanceSelector`). */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }[];
}

/** What every object of a target shares: namespace, extra labels, owner scope. */
export interface ObjectContext {
  /** `metadata.namespace`; absent: the namespace the GitOps engine applies to. */
  readonly namespace?: string;
  /** Labels added to every object (besides the managed-by label). */
  readonly labels: Readonly<Record<string, string>>;
}

/**
 * The metadata of an object grafts writes: name, namespace, labels (sorted, the managed-by
 * label included) and annotations (sorted, the owner token included).
 *
 * @example
 * objectMetadata('checkout', { namespace: 'monitoring', labels: { team: 'shop' } }, { grafana_dashboard: '1' }, { [OWNER_ANNOTATION]: '5c1f…' })
 * // → { name: 'checkout', namespace: 'monitoring', labels: { 'app.kubernetes.io/managed-by': 'grafts', grafana_dashboard: '1', team: 'shop' }, annotations: { 'grafts.dev/owner': '5c1f…' } }
 */
export function objectMetadata(
  name: string,
  context: ObjectContext,
  labels: Readonly<Record<string, string>>,
  annotations: Readonly<Record<string, string>>,
): KubernetesObject['metadata'] {
  return {
    name,
    ...(context.namespace !== undefined && { namespace: context.namespace }),
    labels: sorted({ ...context.labels, ...labels, [MANAGED_BY_LABEL]: MANAGED_BY_VALUE }),
    annotations: sorted(annotations),
  };
}

/**
 * A dashboard as the resource Grafana's `/apis` and file provisioning read (`dashboard.grafana.app`):
 * the body of a GrafanaManifest's `template`, or a sidecar file of a v2 dashboard. A v2 spec's
 * content hash travels as an annotation (see managed-marker.ts); `folderUid` as `grafana.app/folder`.
 */
export function dashboardResourceForm(dashboard: DashboardResource, version: 'v2' | 'v2beta1', folderUid?: string): Record<string, unknown> {
  const { spec, annotations } = hashAsAnnotation(dashboard.json as Record<string, unknown>);
  const all = { ...annotations, ...(folderUid !== undefined && { [GRAFANA_FOLDER_ANNOTATION]: folderUid }) };
  return {
    apiVersion: `${DASHBOARD_GROUP}/${version}`,
    kind: 'Dashboard',
    metadata: { name: dashboard.uid, ...(Object.keys(all).length > 0 && { annotations: sorted(all) }) },
    spec: version === 'v2beta1' ? V2BETA1_SHAPE.toWire(spec) : spec,
  };
}

/** Classic dashboard JSON as written into a manifest: without `id` and `version`, 2-space indented. */
export function classicJsonText(dashboard: DashboardResource): string {
  const { id: _id, version: _version, ...json } = dashboard.json as Record<string, unknown>;
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** The owner token an object carries, if any. */
export function ownerOf(object: KubernetesObject): string | undefined {
  return object.metadata.annotations?.[OWNER_ANNOTATION];
}

/** A plain object's field as an object, or undefined. */
export function field(value: unknown, key: string): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const inner = (value as Record<string, unknown>)[key];
  return typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? (inner as Record<string, unknown>) : undefined;
}

function sorted(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
