import type { DesiredGrafanaAlerting } from '../../../alerting/grafana-alerting-resources.js';
import { withManagedMarker } from '../../managed-marker.js';
import { classifyOwnership, ownerTag, ownerToken, ownershipFields, type OwnerScope } from '../../ownership.js';
import type { DashboardResource, FolderResource } from '../../resources.js';
import type { RemoteDashboard, RemoteDashboardSummary, RemoteFolder, SyncTarget, WriteOptions } from '../../sync-target.js';
import { dashboardOfFile, directoryName } from '../file-target.js';
import {
  FOLDER_UID_ANNOTATION,
  GRAFANA_FOLDER_ANNOTATION,
  GRAFANA_OPERATOR_API,
  classicJsonText,
  dashboardResourceForm,
  field,
  objectMetadata,
  ownerOf,
  type LabelSelector,
  type ObjectContext,
} from './kubernetes-objects.js';
import { DEFAULT_ALERTING_SECRET, grafanaOperatorAlertingObjects, type AlertingSecretSource } from './alerting-objects.js';
import { dns1123SubdomainProblem, kubernetesName } from './kubernetes-names.js';
import { KubernetesTargetError, ManifestStore, OWNER_ANNOTATION, objectKey, type KubernetesObject } from './manifest-store.js';

/** Largest ConfigMap the API server accepts: its data (keys and values) in bytes. */
export const CONFIGMAP_MAX_BYTES = 1024 * 1024;
/** The sidecar's default dashboard label (kube-prometheus-stack's `sidecar.dashboards.label`/`labelValue`). */
export const DEFAULT_SIDECAR_LABEL: Readonly<Record<string, string>> = { grafana_dashboard: '1' };
/** The sidecar's folder annotation in kube-prometheus-stack (`sidecar.dashboards.folderAnnotation`). */
export const DEFAULT_FOLDER_ANNOTATION = 'grafana_folder';
/** grafana-operator's instanceSelector when none is configured: the label of its documented examples. */
export const DEFAULT_INSTANCE_SELECTOR: LabelSelector = { matchLabels: { dashboards: 'grafana' } };

/** How a Kubernetes target delivers dashboards. */
export type KubernetesFlavor = 'grafana-operator' | 'sidecar';

/** Options of {@link KubernetesTarget}. */
export interface KubernetesTargetOptions {
  /** The target's name (from config). */
  name: string;
  /** `grafana-operator` custom resources, or ConfigMaps for Grafana's dashboard sidecar. */
  flavor: KubernetesFlavor;
  /** Absolute path of the folder of manifests. */
  dir: string;
  /** One file per object (default) or one multi-document stream. */
  layout?: 'files' | 'stream';
  /** The stream's file name. @default 'grafts.yaml' */
  streamFile?: string;
  /** `metadata.namespace` of every object; absent: left to the GitOps engine. */
  namespace?: string;
  /** Labels added to every object. */
  labels?: Record<string, string>;
  /** The project named in the owner annotations (see ownership.ts). @default '' */
  project?: string;
  /** grafana-operator: which Grafana instances take the resources. @default {@link DEFAULT_INSTANCE_SELECTOR} */
  instanceSelector?: LabelSelector;
  /** grafana-operator: a dashboard's folder by `folderRef` (the GrafanaFolder's name, default) or by `folderUID`. */
  folderReference?: 'ref' | 'uid';
  /** `dashboard.grafana.app` version of schema v2 dashboards (GrafanaManifest template, sidecar file). @default 'v2beta1' */
  v2ApiVersion?: 'v2' | 'v2beta1';
  /** sidecar: the label(s) the sidecar selects ConfigMaps by. @default { grafana_dashboard: '1' } */
  sidecarLabels?: Record<string, string>;
  /** sidecar: the annotation holding the folder path. @default 'grafana_folder' */
  folderAnnotation?: string;
  /** grafana-operator: the Secret the contact points read `secret('ENV')` settings from (key `ENV`). @default { name: 'grafts-alerting' } */
  alertingSecret?: AlertingSecretSource;
}

const DASHBOARD_KINDS = new Set(['GrafanaDashboard', 'GrafanaManifest', 'ConfigMap']);

interface ListedDashboard {
  uid: string;
  object: KubernetesObject;
  /** The dashboard as its file form (classic JSON, or a `dashboard.grafana.app` resource), or the parse problem. */
  file: Record<string, unknown> | string;
}

/**
 * Kubernetes manifests as a sync target: files any GitOps engine (Argo CD, Flux, `kubectl apply`)
 * delivers to a cluster, in one of two flavors.
 *
 * - `grafana-operator`: a `GrafanaFolder` per folder, a `GrafanaDashboard` per classic dashboard
 *   (`spec.json`), a `GrafanaManifest` per schema v2 dashboard (`spec.template`: the
 *   `dashboard.grafana.app` resource); each with the configured `instanceSelector` and its
 *   folder by `folderRef` or `folderUID`.
 * - `sidecar`: a `ConfigMap` per dashboard labelled for Grafana's dashboard sidecar
 *   (`grafana_dashboard: "1"`), its folder as the folder annotation (`grafana_folder: Payments/API`);
 *   folders are no objects. A ConfigMap over 1 MiB is refused before anything is written.
 *
 * Object names derive from uids ({@link kubernetesName}); every object carries
 * `app.kubernetes.io/managed-by: grafts` and its owner token (annotation `grafts.dev/owner`), so
 * only grafts' own files are ever rewritten or deleted and `--prune` deletes only this project's.
 *
 * @example
 * const target = new KubernetesTarget({ name: 'eu', flavor: 'grafana-operator', dir: '/repo/deploy/eu/grafana', namespace: 'monitoring' });
 */
export class KubernetesTarget implements SyncTarget {
  readonly name: string;
  readonly kind = 'files' as const;
  readonly flavor: KubernetesFlavor;
  readonly store: ManifestStore;
  readonly owner: OwnerScope;
  readonly context: ObjectContext;
  readonly instanceSelector: LabelSelector;
  readonly folderReference: 'ref' | 'uid';
  readonly #v2ApiVersion: 'v2' | 'v2beta1';
  readonly #sidecarLabels: Record<string, string>;
  readonly #folderAnnotation: string;
  readonly #alertingSecret: AlertingSecretSource;
  /** sidecar: the folders known (desired, or written in this run), by uid. */
  readonly #folders = new Map<string, FolderResource>();

  constructor(options: KubernetesTargetOptions) {
    this.name = options.name;
    this.flavor = options.flavor;
    this.store = new ManifestStore({
      dir: options.dir,
      ...(options.layout !== undefined && { layout: options.layout }),
      ...(options.streamFile !== undefined && { streamFile: options.streamFile }),
    });
    this.owner = { project: options.project ?? '', uidPrefix: '' };
    this.context = { ...(options.namespace !== undefined && { namespace: options.namespace }), labels: { ...options.labels } };
    this.instanceSelector = options.instanceSelector ?? DEFAULT_INSTANCE_SELECTOR;
    this.folderReference = options.folderReference ?? 'ref';
    this.#v2ApiVersion = options.v2ApiVersion ?? 'v2beta1';
    this.#sidecarLabels = { ...(options.sidecarLabels ?? DEFAULT_SIDECAR_LABEL) };
    this.#folderAnnotation = options.folderAnnotation ?? DEFAULT_FOLDER_ANNOTATION;
    this.#alertingSecret = options.alertingSecret ?? DEFAULT_ALERTING_SECRET;
  }

  /**
   * grafana-operator: the project's alerting as custom resources of this target (namespace,
   * labels, instanceSelector, owner), secrets as `valuesFrom` of the configured Secret.
   */
  alertingObjects(desired: DesiredGrafanaAlerting, source?: string): KubernetesObject[] {
    return grafanaOperatorAlertingObjects(desired, {
      context: this.context,
      owner: this.owner,
      instanceSelector: this.instanceSelector,
      secrets: this.#alertingSecret,
      ...(source !== undefined && { source }),
    });
  }

  describe(): string {
    return this.store.dir;
  }

  /**
   * Refuses, before anything is read or written: object names that are not DNS-1123 subdomains,
   * two uids that give one object name, and (sidecar) a ConfigMap over 1 MiB; each problem names
   * the dashboard or folder and where it was declared.
   */
  async checkDesired(desired: { readonly dashboards: readonly DashboardResource[]; readonly folders?: readonly FolderResource[] }): Promise<void> {
    const problems: string[] = [];
    for (const folder of desired.folders ?? []) this.#folders.set(folder.uid, folder);
    const claim = (kind: string, uid: string, source: string, taken: Map<string, { uid: string; source: string }>): void => {
      const name = kubernetesName(uid);
      const problem = dns1123SubdomainProblem(name);
      if (problem) problems.push(`${source}: ${kind} "${uid}" gives the object name "${name}", which ${problem}`);
      const other = taken.get(name);
      if (other && other.uid !== uid)
        problems.push(`${source}: ${kind} "${uid}" and "${other.uid}" (${other.source}) give the same object name "${name}": change one of the uids`);
      taken.set(name, { uid, source });
    };
    if (this.flavor === 'grafana-operator') {
      const folderNames = new Map<string, { uid: string; source: string }>();
      for (const folder of desired.folders ?? []) claim('folder', folder.uid, folder.source, folderNames);
    }
    const dashboardNames = new Map<string, { uid: string; source: string }>();
    for (const dashboard of desired.dashboards) {
      claim('dashboard', dashboard.uid, dashboard.source, dashboardNames);
      if (this.flavor === 'sidecar') {
        const marked = {
          ...dashboard,
          json: withManagedMarker(dashboard.json, { ownerTag: ownerTag(this.owner, dashboard.uid), folderUid: dashboard.folderUid }),
        };
        const bytes = configMapDataBytes(this.#sidecarData(marked));
        if (bytes > CONFIGMAP_MAX_BYTES) {
          problems.push(
            `${dashboard.source}: dashboard "${dashboard.uid}" (${JSON.stringify(dashboard.title)}) is ${formatBytes(bytes)} as a ConfigMap, over the 1 MiB Kubernetes accepts: split it into smaller dashboards`,
          );
        }
      }
    }
    if (problems.length > 0)
      throw new KubernetesTargetError(`target "${this.name}": ${problems.length === 1 ? problems[0] : `\n${problems.map((p) => `  ${p}`).join('\n')}`}`);
  }

  async listFolders(): Promise<RemoteFolder[]> {
    // Sidecar folders are no objects: they exist as the annotation of their dashboards.
    if (this.flavor === 'sidecar')
      return [...this.#folders.values()].map((f) => ({
        uid: f.uid,
        title: f.title,
        ...(f.parentUid !== undefined && { parentUid: f.parentUid }),
        managed: true,
      }));
    const out: RemoteFolder[] = [];
    const objects = await this.store.objects();
    const byName = folderUidsByName(objects);
    for (const object of objects.values()) {
      if (object.kind !== 'GrafanaFolder') continue;
      const spec = field(object, 'spec') ?? {};
      const uid = typeof spec['uid'] === 'string' ? spec['uid'] : object.metadata.name;
      const parentUid =
        typeof spec['parentFolderUID'] === 'string'
          ? spec['parentFolderUID']
          : typeof spec['parentFolderRef'] === 'string'
            ? (byName.get(spec['parentFolderRef']) ?? `ref:${spec['parentFolderRef']}`)
            : undefined;
      out.push({
        uid,
        title: typeof spec['title'] === 'string' ? spec['title'] : '',
        ...(parentUid !== undefined && { parentUid }),
        ...ownershipFields(classifyOwnership(tokens(object), false, this.owner, uid)),
      });
    }
    return out;
  }

  async listDashboards(): Promise<RemoteDashboardSummary[]> {
    const objects = await this.store.objects();
    return (await this.#dashboards()).map((d) => this.#summary(d, objects));
  }

  async getDashboard(uid: string): Promise<RemoteDashboard | undefined> {
    const listed = (await this.#dashboards()).find((d) => d.uid === uid);
    if (!listed) return undefined;
    const summary = this.#summary(listed, await this.store.objects());
    if (typeof listed.file === 'string') return { ...summary, json: {}, unreadable: listed.file };
    const { json, schema } = dashboardOfFile(listed.file, uid);
    return { ...summary, json, schema };
  }

  async createFolder(folder: FolderResource, _options: WriteOptions): Promise<void> {
    await this.#saveFolder(folder);
  }

  async updateFolder(folder: FolderResource, _remote: RemoteFolder, _options: WriteOptions): Promise<void> {
    await this.#saveFolder(folder);
  }

  async deleteFolder(uid: string): Promise<void> {
    this.#folders.delete(uid);
    if (this.flavor === 'grafana-operator') await this.store.remove('GrafanaFolder', kubernetesName(uid));
  }

  async saveDashboard(dashboard: DashboardResource, _options: WriteOptions): Promise<{ version?: number }> {
    const object = this.dashboardObject(dashboard);
    if (object.kind === 'ConfigMap') {
      const bytes = configMapDataBytes(object['data'] as Record<string, string>);
      if (bytes > CONFIGMAP_MAX_BYTES)
        throw new KubernetesTargetError(
          `${dashboard.source}: dashboard "${dashboard.uid}" is ${formatBytes(bytes)} as a ConfigMap, over the 1 MiB Kubernetes accepts`,
        );
    }
    // A dashboard that changed schema changes kind (GrafanaDashboard ↔ GrafanaManifest): drop the old object.
    for (const old of await this.#dashboards()) {
      if (old.uid === dashboard.uid && objectKey(old.object.kind, old.object.metadata.name) !== objectKey(object.kind, object.metadata.name))
        await this.store.remove(old.object.kind, old.object.metadata.name);
    }
    await this.store.put(object);
    return {};
  }

  async deleteDashboard(uid: string): Promise<void> {
    for (const old of await this.#dashboards()) if (old.uid === uid) await this.store.remove(old.object.kind, old.object.metadata.name);
  }

  /** The object a dashboard (with its managed marker) is written as. */
  dashboardObject(dashboard: DashboardResource): KubernetesObject {
    const name = kubernetesName(dashboard.uid);
    const annotations: Record<string, string> = { [OWNER_ANNOTATION]: ownerToken(this.owner, dashboard.uid) };
    if (this.flavor === 'sidecar') {
      if (dashboard.folderUid !== undefined) {
        annotations[this.#folderAnnotation] = this.#folderPath(dashboard.folderUid);
        annotations[FOLDER_UID_ANNOTATION] = dashboard.folderUid;
      }
      return {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: objectMetadata(name, this.context, this.#sidecarLabels, annotations),
        data: this.#sidecarData(dashboard),
      };
    }
    const folder =
      dashboard.folderUid === undefined
        ? {}
        : this.folderReference === 'ref'
          ? { folderRef: kubernetesName(dashboard.folderUid) }
          : { folderUID: dashboard.folderUid };
    if (dashboard.schema === 'v2') {
      const template = dashboardResourceForm(dashboard, this.#v2ApiVersion, dashboard.folderUid);
      return {
        apiVersion: GRAFANA_OPERATOR_API,
        kind: 'GrafanaManifest',
        metadata: objectMetadata(name, this.context, {}, annotations),
        spec: { instanceSelector: this.instanceSelector, template },
      };
    }
    return {
      apiVersion: GRAFANA_OPERATOR_API,
      kind: 'GrafanaDashboard',
      metadata: objectMetadata(name, this.context, {}, annotations),
      spec: { instanceSelector: this.instanceSelector, ...folder, json: classicJsonText(dashboard) },
    };
  }

  /** The object a folder is written as (grafana-operator only). */
  folderObject(folder: FolderResource): KubernetesObject {
    const parent =
      folder.parentUid === undefined
        ? {}
        : this.folderReference === 'ref'
          ? { parentFolderRef: kubernetesName(folder.parentUid) }
          : { parentFolderUID: folder.parentUid };
    return {
      apiVersion: GRAFANA_OPERATOR_API,
      kind: 'GrafanaFolder',
      metadata: objectMetadata(kubernetesName(folder.uid), this.context, {}, { [OWNER_ANNOTATION]: ownerToken(this.owner, folder.uid) }),
      spec: { instanceSelector: this.instanceSelector, title: folder.title, uid: folder.uid, ...parent },
    };
  }

  async #saveFolder(folder: FolderResource): Promise<void> {
    this.#folders.set(folder.uid, folder);
    if (this.flavor === 'grafana-operator') await this.store.put(this.folderObject(folder));
  }

  #sidecarData(dashboard: DashboardResource): Record<string, string> {
    const text = dashboard.schema === 'v2' ? `${JSON.stringify(dashboardResourceForm(dashboard, this.#v2ApiVersion), null, 2)}\n` : classicJsonText(dashboard);
    return { [`${dashboard.uid}.json`]: text };
  }

  /** The sidecar folder annotation: the titles from the top folder down, each as a directory name. */
  #folderPath(uid: string): string {
    const parts: string[] = [];
    const seen = new Set<string>();
    for (let at: string | undefined = uid; at !== undefined && !seen.has(at);) {
      seen.add(at);
      const folder = this.#folders.get(at);
      parts.unshift(directoryName(folder?.title ?? at));
      at = folder?.parentUid;
    }
    return parts.join('/');
  }

  async #dashboards(): Promise<ListedDashboard[]> {
    const out: ListedDashboard[] = [];
    for (const object of (await this.store.objects()).values()) {
      if (!DASHBOARD_KINDS.has(object.kind)) continue;
      const listed = dashboardOfObject(object);
      if (listed) out.push(listed);
    }
    return out;
  }

  #summary(listed: ListedDashboard, objects: ReadonlyMap<string, KubernetesObject>): RemoteDashboardSummary {
    const { object, uid } = listed;
    const json = typeof listed.file === 'string' ? {} : dashboardOfFile(listed.file, uid).json;
    const folderUid = this.#folderOf(object, objects);
    return {
      uid,
      title: typeof json['title'] === 'string' ? json['title'] : '',
      ...(folderUid !== undefined && { folderUid }),
      ...ownershipFields(classifyOwnership(tokens(object), false, this.owner, uid)),
    };
  }

  /**
   * Where a listed dashboard is. A sidecar ConfigMap whose folder annotation is not the path the
   * code's folders give is reported in no known folder, so the plan rewrites (moves) it.
   */
  #folderOf(object: KubernetesObject, objects: ReadonlyMap<string, KubernetesObject>): string | undefined {
    const annotations = object.metadata.annotations ?? {};
    if (object.kind === 'ConfigMap') {
      const uid = annotations[FOLDER_UID_ANNOTATION];
      const shown = annotations[this.#folderAnnotation];
      if (uid === undefined) return shown === undefined ? undefined : `path:${shown}`;
      return shown === this.#folderPath(uid) ? uid : `path:${shown ?? ''}`;
    }
    if (object.kind === 'GrafanaManifest')
      return stringAt(field(field(field(field(object, 'spec'), 'template'), 'metadata'), 'annotations'), GRAFANA_FOLDER_ANNOTATION);
    const spec = field(object, 'spec') ?? {};
    if (typeof spec['folderUID'] === 'string') return spec['folderUID'];
    if (typeof spec['folderRef'] === 'string') return folderUidsByName(objects).get(spec['folderRef']) ?? `ref:${spec['folderRef']}`;
    return undefined;
  }
}

/** The uid and file form of a dashboard object, or undefined when it holds no dashboard. */
function dashboardOfObject(object: KubernetesObject): ListedDashboard | undefined {
  if (object.kind === 'GrafanaDashboard') {
    const text = field(object, 'spec')?.['json'];
    if (typeof text !== 'string') return undefined;
    try {
      const json: unknown = JSON.parse(text);
      if (typeof json !== 'object' || json === null || Array.isArray(json) || typeof (json as Record<string, unknown>)['uid'] !== 'string') return undefined;
      return { uid: (json as Record<string, string>)['uid']!, object, file: json as Record<string, unknown> };
    } catch (error) {
      return { uid: object.metadata.name, object, file: `spec.json does not parse: ${(error as Error).message}` };
    }
  }
  if (object.kind === 'GrafanaManifest') {
    const template = field(field(object, 'spec'), 'template');
    const name = field(template, 'metadata')?.['name'];
    if (!template || template['kind'] !== 'Dashboard' || typeof name !== 'string') return undefined;
    return { uid: name, object, file: template };
  }
  const data = field(object, 'data') ?? {};
  const keys = Object.keys(data).filter((k) => k.endsWith('.json'));
  if (keys.length !== 1) return undefined;
  const uid = keys[0]!.slice(0, -'.json'.length);
  const text = data[keys[0]!];
  try {
    const json: unknown = JSON.parse(typeof text === 'string' ? text : '');
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
    return { uid, object, file: json as Record<string, unknown> };
  } catch (error) {
    return { uid, object, file: `data["${keys[0]}"] does not parse: ${(error as Error).message}` };
  }
}

function folderUidsByName(objects: ReadonlyMap<string, KubernetesObject>): Map<string, string> {
  const out = new Map<string, string>();
  for (const object of objects.values()) {
    if (object.kind !== 'GrafanaFolder') continue;
    const uid = field(object, 'spec')?.['uid'];
    out.set(object.metadata.name, typeof uid === 'string' ? uid : object.metadata.name);
  }
  return out;
}

function tokens(object: KubernetesObject): string[] {
  const token = ownerOf(object);
  return token === undefined ? [] : [token];
}

function stringAt(record: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = record?.[key];
  return typeof value === 'string' ? value : undefined;
}

/** What the API server counts against a ConfigMap's limit: the bytes of every data key and value. */
export function configMapDataBytes(data: Readonly<Record<string, string>>): number {
  let total = 0;
  for (const [key, value] of Object.entries(data)) total += Buffer.byteLength(key, 'utf8') + Buffer.byteLength(value, 'utf8');
  return total;
}

function formatBytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(2)} MiB (${bytes} bytes)`;
}
