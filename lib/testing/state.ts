import { randomBytes } from 'node:crypto';
import { NotificationState } from './notification-state.js';

/** Who made a request: the token's service account, a basic-auth user, or the simulated UI user. */
export interface EmulatorIdentity {
  readonly kind: 'service-account' | 'user';
  /** Numeric user id (service accounts have a user row in classic Grafana). */
  readonly id: number;
  readonly uid: string;
  /** Shown as `meta.updatedBy` / `createdBy` and in versions. */
  readonly login: string;
  readonly name: string;
  readonly email: string;
  readonly isGrafanaAdmin: boolean;
}

/** One row of a dashboard's version history (`dashboard_version`). */
export interface DashboardVersionRow {
  readonly id: number;
  readonly version: number;
  readonly parentVersion: number;
  readonly restoredFrom: number;
  readonly created: string;
  readonly createdBy: EmulatorIdentity;
  readonly message: string;
  readonly data: Record<string, unknown>;
}

export interface StoredDashboard {
  readonly id: number;
  readonly uid: string;
  title: string;
  /** `''` = root (General). */
  folderUid: string;
  /** Classic `version`; the k8s `metadata.generation` is the same counter. */
  version: number;
  /** The stored JSON, as given, with `id`, `uid`, `title`, `version` set. */
  data: Record<string, unknown>;
  readonly created: string;
  updated: string;
  readonly createdBy: EmulatorIdentity;
  updatedBy: EmulatorIdentity;
  pluginId?: string;
  provisioned?: boolean;
  readonly versions: DashboardVersionRow[];
  resourceVersion: string;
  /** The internal k8s `metadata.uid` (not the dashboard uid). */
  readonly k8sUid: string;
  /** The last save message (k8s `grafana.app/message`). */
  message: string;
  /**
   * The `dashboard.grafana.app` version it is stored in: `v0alpha1` after a classic `/api` save,
   * else the version of the `/apis` write (`v1beta1`, `v1`, `v2beta1`, `v2`).
   */
  storedVersion: string;
  /** The v2 spec, when stored as `v2beta1`/`v2` (then `data` is its lossy classic conversion). */
  v2Spec?: Record<string, unknown>;
  /** Client-set metadata annotations kept across writes (manager, grafts' own); server ones are derived. */
  annotations: Record<string, string>;
  /** Client-set metadata labels. */
  labels: Record<string, string>;
  /** Set by `GrafanaEmulator.failConversion`: reads in the other schema family fail with this error. */
  conversionFailure?: string;
}

export interface StoredFolder {
  readonly id: number;
  readonly uid: string;
  title: string;
  description: string;
  /** `''` = root level. */
  parentUid: string;
  /** Annotations a client set through `/apis` (not `grafana.app/*` server ones): kept and returned like Grafana does. */
  annotations: Record<string, string>;
  version: number;
  readonly created: string;
  updated: string;
  readonly createdBy: EmulatorIdentity;
  updatedBy: EmulatorIdentity;
  resourceVersion: string;
  readonly k8sUid: string;
}

/** `provenance` of a Grafana-managed alert rule: `''` (none, editable in the UI), `'api'`, `'file'`, `'converted_prometheus'`. */
export type AlertRuleProvenance = '' | 'api' | 'file' | 'converted_prometheus';

/**
 * One Grafana-managed alert rule (grafana-api.md §6.2, §11). `rule` holds the provisioning JSON
 * without the response-only `id`, `updated`, `provenance`, `orgID`, which live beside it.
 */
export interface StoredAlertRule {
  readonly id: number;
  readonly uid: string;
  /** The rule's fields as the provisioning API shows them (folderUID, ruleGroup, title, data, …). */
  rule: Record<string, unknown>;
  /** Rules with provenance other than `''` cannot be changed from the Grafana UI. */
  provenance: AlertRuleProvenance;
  /** Position within its group (`ruleGroupIndex`). */
  ruleGroupIndex: number;
  updated: string;
  /** Internal optimistic-lock version (not exposed by the provisioning API). */
  version: number;
}

/** Deepest folder chain Grafana allows: a root-level folder is depth 1 (`folder.MaxNestedFolderDepth`). */
/**
 * A data source as Grafana stores it. `secureJsonData` holds the (here unencrypted) secret
 * values: the API never returns them, only `secureJsonFields` (which keys are set).
 */
export interface StoredDatasource {
  id: number;
  uid: string;
  name: string;
  type: string;
  access: string;
  url: string;
  user: string;
  database: string;
  basicAuth: boolean;
  basicAuthUser: string;
  withCredentials: boolean;
  isDefault: boolean;
  jsonData: Record<string, unknown>;
  secureJsonData: Record<string, string>;
  version: number;
  readOnly: boolean;
}

export const MAX_FOLDER_DEPTH = 4;

/** The Grafana user the UI simulation saves as. */
export const UI_ADMIN: EmulatorIdentity = {
  kind: 'user',
  id: 1,
  uid: 'admin-uid',
  login: 'admin',
  name: 'admin',
  email: 'admin@localhost',
  isGrafanaAdmin: true,
};

/**
 * Everything one emulated Grafana org holds. Dashboards and folders share one id counter
 * (Grafana keeps both in the `dashboard` table); `resourceVersion` grows on every write.
 */
export class EmulatorState {
  readonly dashboards = new Map<string, StoredDashboard>();
  readonly folders = new Map<string, StoredFolder>();
  /** Grafana-managed alert rules by uid. */
  readonly alertRules = new Map<string, StoredAlertRule>();
  /** Evaluation interval (seconds) of each rule group, keyed by `ruleGroupKey(folderUid, group)`. */
  readonly ruleGroupIntervals = new Map<string, number>();
  /** Data sources by uid (see datasources.ts). */
  readonly datasources = new Map<string, StoredDatasource>();
  /** Contact points, the policy tree, mute timings and templates (see notifications.ts). */
  readonly notifications = new NotificationState();
  private alertRuleIdCounter = 0;
  private idCounter = 0;
  private versionRowCounter = 0;
  private lastResourceVersion = 0;

  constructor(
    readonly orgId: number,
    readonly namespace: string,
  ) {}

  nextId(): number {
    this.idCounter += 1;
    return this.idCounter;
  }

  nextAlertRuleId(): number {
    this.alertRuleIdCounter += 1;
    return this.alertRuleIdCounter;
  }

  nextVersionRowId(): number {
    this.versionRowCounter += 1;
    return this.versionRowCounter;
  }

  /** Monotonically increasing, timestamp-like (Grafana's look like `1741315830000`). */
  nextResourceVersion(): string {
    this.lastResourceVersion = Math.max(this.lastResourceVersion + 1, Date.now());
    return String(this.lastResourceVersion);
  }

  currentResourceVersion(): string {
    return String(this.lastResourceVersion || Date.now());
  }

  clear(): void {
    this.dashboards.clear();
    this.folders.clear();
    this.idCounter = 0;
    this.versionRowCounter = 0;
    this.alertRules.clear();
    this.ruleGroupIntervals.clear();
    this.datasources.clear();
    this.notifications.clear();
    this.alertRuleIdCounter = 0;
  }

  /** The rules of one group, ordered by `ruleGroupIndex`. */
  rulesOfGroup(folderUid: string, group: string): StoredAlertRule[] {
    return [...this.alertRules.values()]
      .filter((r) => r.rule.folderUID === folderUid && r.rule.ruleGroup === group)
      .sort((a, b) => a.ruleGroupIndex - b.ruleGroupIndex);
  }

  dashboardById(id: number): StoredDashboard | undefined {
    for (const d of this.dashboards.values()) if (d.id === id) return d;
    return undefined;
  }

  /** Ancestors of a folder, root first (the folder itself excluded). */
  ancestors(folderUid: string): StoredFolder[] {
    const chain: StoredFolder[] = [];
    let current = this.folders.get(folderUid);
    const seen = new Set<string>();
    while (current && current.parentUid && !seen.has(current.parentUid)) {
      seen.add(current.parentUid);
      const parent = this.folders.get(current.parentUid);
      if (!parent) break;
      chain.unshift(parent);
      current = parent;
    }
    return chain;
  }

  /** Depth of a folder: 1 at root level. */
  depth(folderUid: string): number {
    return this.ancestors(folderUid).length + 1;
  }

  /** Levels of subfolders below a folder (0 when it has none). */
  height(folderUid: string): number {
    let max = 0;
    for (const f of this.folders.values()) {
      if (f.parentUid === folderUid) max = Math.max(max, 1 + this.height(f.uid));
    }
    return max;
  }

  /** The folder and every folder below it. */
  subtree(folderUid: string): string[] {
    const out = [folderUid];
    for (const f of this.folders.values()) if (f.parentUid === folderUid) out.push(...this.subtree(f.uid));
    return out;
  }
}

/** Key of a rule group in `EmulatorState.ruleGroupIntervals`. */
export function ruleGroupKey(folderUid: string, group: string): string {
  return `${folderUid}\u0000${group}`;
}

/** `util.GenerateShortUID()` in Grafana 11+: 14 lower-case alphanumerics starting with a letter. */
export function generateUid(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(14);
  let out = alphabet[bytes[0]! % 26]!;
  for (let i = 1; i < 14; i++) out += alphabet[bytes[i]! % alphabet.length]!;
  return out;
}

/** A 44-char opaque k8s `metadata.uid`. */
export function generateK8sUid(): string {
  return randomBytes(33).toString('base64url').slice(0, 44);
}

/** Grafana timestamps: RFC 3339 without fractions. */
export function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Grafana's slugify: lower case, runs of other characters become `-`, trimmed. */
export function slugify(title: string): string {
  return title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export const UID_PATTERN = /^[a-zA-Z0-9\-_]*$/;

export function folderUrl(f: { uid: string; title: string }): string {
  return `/dashboards/f/${f.uid}/${slugify(f.title)}`;
}

export function dashboardUrl(d: { uid: string; title: string }): string {
  return `/d/${d.uid}/${slugify(d.title)}`;
}

export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function deepClone<T>(value: T): T {
  return structuredClone(value);
}
