import type { RuleGroupJson } from '../mixin/rule-group.js';
import type { DatasourceStep } from '../datasources/datasource-plan.js';
import type { AlertmanagerStep } from './alertmanager-plan.js';
import type { KubernetesAlertingPlan } from './targets/kubernetes/kubernetes-alerting-plan.js';
import { grafanaAlertingChanges, type GrafanaAlertingPlan } from '../alerting/grafana-alerting-plan.js';
import { editedOutsideGrafts, movedOutsideGrafts, withoutManagedMarker } from './managed-marker.js';
import { describeForeignMarker, type ForeignMarker } from './ownership.js';
import { normalizeDashboard, sameJson } from './normalize.js';
import type { DashboardResource, DesiredState, FolderResource } from './resources.js';
import { planRuleGroups, type RuleGroupStep } from './rule-plan.js';
import type { RemoteDashboard, RemoteDashboardSummary, RemoteFolder } from './sync-target.js';
import type { ActualState } from './read-actual-state.js';

/** What a step does to one resource. */
export type StepAction = 'create' | 'update' | 'move' | 'delete' | 'unchanged' | 'conflict';

/** One folder's step. `update`: the title changes (maybe the parent too); `move`: only the parent. */
export interface FolderStep {
  readonly kind: 'Folder';
  readonly action: StepAction;
  readonly uid: string;
  readonly title: string;
  readonly desired?: FolderResource;
  readonly remote?: RemoteFolder;
  /** Human descriptions of what changes, e.g. `title "A" → "B"`. */
  readonly changes?: readonly string[];
  /** Why a conflict, or what `--force` overrides. */
  readonly reason?: string;
  /** The step overrides a conflict because of `force`. */
  readonly forced?: boolean;
}

/**
 * One dashboard's step. `update`: the content changes (maybe the folder too); `move`: only the
 * folder changes.
 */
export interface DashboardStep {
  readonly kind: 'Dashboard';
  readonly action: StepAction;
  readonly uid: string;
  readonly title: string;
  readonly desired?: DashboardResource;
  readonly remote?: RemoteDashboardSummary;
  /** The folder before (undefined = root), when the step changes it. */
  readonly fromFolderUid?: string | undefined;
  /** The folder after (undefined = root). */
  readonly folderUid?: string | undefined;
  /** Whether the folder changes. */
  readonly moved?: boolean;
  /** The remote content, normalised and without the managed marker (when it exists). */
  readonly before?: Readonly<Record<string, unknown>>;
  /** The desired content, normalised (when desired). */
  readonly after?: Readonly<Record<string, unknown>>;
  /** The version read, sent with the write so a concurrent edit is refused. */
  readonly expectedVersion?: number;
  readonly reason?: string;
  readonly forced?: boolean;
  /** A forced step that writes a v1 dashboard over one stored as schema v2 (its tabs and rules are lost). */
  readonly replacesV2?: boolean;
}

export type PlanStep = FolderStep | DashboardStep | RuleGroupStep;

/** The kinds of resource a plan has steps for. */
export type ResourceKind = PlanStep['kind'];

/** Counts of a plan's steps. */
export interface PlanSummary {
  create: number;
  update: number;
  move: number;
  delete: number;
  unchanged: number;
  conflict: number;
}

/**
 * What apply would do: steps in execution order (folder creates/updates/moves parents first,
 * then dashboards, then rule groups, then dashboard and rule group deletes, then folder deletes
 * children first).
 */
export interface Plan {
  readonly steps: readonly PlanStep[];
  readonly summary: PlanSummary;
  /** Managed resources that are not desired and that `--prune` would delete (empty with prune). */
  readonly orphans: readonly { readonly kind: ResourceKind; readonly uid: string; readonly title: string }[];
  readonly prune: boolean;
  readonly force: boolean;
  /** Things the plan leaves out on purpose and says why (e.g. rule groups with no rules destination). */
  readonly notes: readonly string[];
  /** The project's data sources on a Grafana target (applied before the dashboards); absent when the project declares none. */
  readonly datasources?: readonly DatasourceStep[];
  /** The project's data sources as provisioning YAML on a file target; absent when the project declares none. */
  readonly datasourceFile?: DatasourceFileStep;
  /** grafana-operator alerting resources (contact points, policy tree, mute timings, templates) of a Kubernetes target. */
  readonly kubernetesAlerting?: KubernetesAlertingPlan;
  /** The project's Alertmanager configuration (Mimir/Cortex or a file); absent when none is planned. */
  readonly alertmanager?: AlertmanagerStep;
  /**
   * Contact points, the policy tree, mute timings and templates on a Grafana target (applied
   * before the dashboards); absent when the project has no `alerting` and none of it is on Grafana.
   */
  readonly grafanaAlerting?: GrafanaAlertingPlan;
}

/** The data source provisioning file of a file target: written when its text differs. */
export interface DatasourceFileStep {
  /** Relative to the target's folder: `provisioning/datasources/grafts.yaml`. */
  readonly path: string;
  readonly action: 'create' | 'update' | 'unchanged';
  /** How many data sources it provisions. */
  readonly count: number;
  /** The YAML to write (secrets as `${NAME}` references, never values). */
  readonly text: string;
}

/** Options of {@link plan}. */
export interface PlanOptions {
  /** Delete managed resources that are not desired. @default false */
  readonly prune?: boolean;
  /** Overwrite dashboards edited outside grafts and take over unmanaged ones. @default false */
  readonly force?: boolean;
  /** Namespaces of the rule target grafts owns besides the declared ones (see `planRuleGroups`). */
  readonly ownsNamespace?: (namespace: string) => boolean;
  /** What a desired rule group looks like once stored (the rule target's `comparable`). */
  readonly comparableRuleGroup?: (namespace: string, group: RuleGroupJson) => RuleGroupJson;
  /** Rule namespaces are folder uids (Grafana-managed alerting): a folder holding rule groups is not empty. */
  readonly ruleNamespacesAreFolders?: boolean;
  /** Carried into {@link Plan.notes}. */
  readonly notes?: readonly string[];
  /** Names the configured target that writes with a uid prefix, for notes on what prune skipped (e.g. `target "dev"`). */
  readonly targetOfPrefix?: (uidPrefix: string) => string | undefined;
}

/** The message of a conflict on a dashboard that grafts does not manage. */
export const UNMANAGED_CONFLICT = 'exists and is not managed by grafts; use --force to take it over';
/** The message of a conflict on a managed dashboard moved to another folder outside grafts. */
export const MOVED_CONFLICT = 'was moved to another folder outside grafts since the last apply (e.g. in the Grafana UI); use --force to move it back';
/** The message of a conflict on a managed dashboard changed outside grafts. */
export const EDITED_CONFLICT = 'was changed outside grafts since the last apply (e.g. saved in the Grafana UI); use --force to overwrite it';
/** The message of a conflict on a v1 dashboard in code whose copy in Grafana is stored as schema v2. */
export const STORED_AS_V2_CONFLICT =
  "is stored as schema v2 in Grafana (saved from the dynamic-dashboards UI?) and the code renders it as v1: the copy in Grafana would lose its tabs and show/hide rules; render it with .schema('v2') or use --force to replace it";

/**
 * Plans how to make `actual` look like `desired`. Pure: no I/O, same inputs → same plan.
 *
 * - A desired resource that is missing is created; one whose normalised content differs is
 *   updated; one in another folder is moved; otherwise it is unchanged.
 * - A remote dashboard with a desired uid that grafts does not manage, or a managed one changed
 *   outside grafts ({@link editedOutsideGrafts}) whose content is not the desired one, is a
 *   conflict unless `force`. A remote folder grafts does not manage is reused as it is; if its
 *   title or parent differ it is a conflict unless `force`.
 * - With `prune`, managed dashboards that are not desired are deleted, and managed folders that
 *   are not desired once nothing unmanaged (or kept) is left in them, children first.
 *
 * @example
 * plan({ folders: [], dashboards: [api] }, { folders: [], dashboards: [], details: new Map() }, {})
 * // → { steps: [{ kind: 'Dashboard', action: 'create', uid: 'api', … }], summary: { create: 1, … }, … }
 */
export function plan(desired: DesiredState, actual: ActualState, options: PlanOptions = {}): Plan {
  const prune = options.prune ?? false;
  const force = options.force ?? false;
  const remoteFolders = new Map(actual.folders.map((f) => [f.uid, f]));
  const remoteDashboards = new Map(actual.dashboards.map((d) => [d.uid, d]));
  const desiredFolderUids = new Set(desired.folders.map((f) => f.uid));
  const desiredDashboardUids = new Set(desired.dashboards.map((d) => d.uid));

  const folderSteps = desired.folders.map((f) => planFolder(f, remoteFolders.get(f.uid), force));
  const dashboardSteps = desired.dashboards.map((d) => planDashboard(d, remoteDashboards.get(d.uid), actual.details.get(d.uid), force));

  // Where every remote dashboard ends up: a conflicting or kept one stays where it is.
  const finalFolderOf = new Map<string, string | undefined>();
  for (const d of actual.dashboards) finalFolderOf.set(d.uid, d.folderUid);
  for (const step of dashboardSteps) {
    if (step.action !== 'conflict') finalFolderOf.set(step.uid, step.desired?.folderUid);
  }

  const rules = planRuleGroups(desired.ruleGroups ?? [], actual.ruleGroups ?? [], {
    prune,
    force,
    ...(options.ownsNamespace && { ownsNamespace: options.ownsNamespace }),
    ...(options.comparableRuleGroup && { comparable: options.comparableRuleGroup }),
  });
  const ruleWrites = rules.steps.filter((s) => s.action !== 'delete');
  const ruleDeletes = rules.steps.filter((s) => s.action === 'delete');

  const dashboardDeletes: DashboardStep[] = [];
  const orphans: { kind: ResourceKind; uid: string; title: string }[] = [];
  const skipped = new SkippedMarkers(options.targetOfPrefix);
  for (const d of [...actual.dashboards].sort((a, b) => compare(a.uid, b.uid))) {
    if (desiredDashboardUids.has(d.uid)) continue;
    if (!d.managed) {
      if (d.foreignMarker) skipped.add('dashboard', d.uid, d.foreignMarker);
      continue;
    }
    if (!prune) {
      orphans.push({ kind: 'Dashboard', uid: d.uid, title: d.title });
      continue;
    }
    dashboardDeletes.push({ kind: 'Dashboard', action: 'delete', uid: d.uid, title: d.title, remote: d, fromFolderUid: d.folderUid });
    finalFolderOf.delete(d.uid);
  }

  // Folders: delete children first, and only a managed folder that ends up empty.
  const remaining = new Set(actual.folders.map((f) => f.uid));
  for (const f of desired.folders) remaining.add(f.uid);
  const occupied = new Map<string, number>();
  for (const folderUid of finalFolderOf.values()) if (folderUid !== undefined) occupied.set(folderUid, (occupied.get(folderUid) ?? 0) + 1);
  if (options.ruleNamespacesAreFolders) {
    // Deleting a folder would delete the Grafana-managed rules left in it.
    const deleted = new Set(ruleDeletes.map((s) => s.uid));
    for (const r of actual.ruleGroups ?? [])
      if (!deleted.has(`${r.namespace}/${r.group.name}`)) occupied.set(r.namespace, (occupied.get(r.namespace) ?? 0) + 1);
    for (const r of desired.ruleGroups ?? []) occupied.set(r.namespace, (occupied.get(r.namespace) ?? 0) + 1);
  }
  const finalParentOf = new Map<string, string | undefined>(actual.folders.map((f) => [f.uid, f.parentUid]));
  for (const step of folderSteps) if (step.action !== 'conflict') finalParentOf.set(step.uid, step.desired?.parentUid);
  const folderDeletes: FolderStep[] = [];
  for (const f of [...actual.folders].sort((a, b) => compare(a.uid, b.uid))) {
    if (!f.managed && f.foreignMarker && !desiredFolderUids.has(f.uid)) skipped.add('folder', f.uid, f.foreignMarker);
  }
  const candidates = actual.folders
    .filter((f) => f.managed && !desiredFolderUids.has(f.uid))
    .map((f) => ({ f, depth: remoteDepth(f, remoteFolders) }))
    .sort((a, b) => b.depth - a.depth || compare(a.f.uid, b.f.uid));
  for (const { f } of candidates) {
    if (!prune) {
      orphans.push({ kind: 'Folder', uid: f.uid, title: f.title });
      continue;
    }
    const hasDashboards = (occupied.get(f.uid) ?? 0) > 0;
    const hasFolders = [...remaining].some((uid) => uid !== f.uid && finalParentOf.get(uid) === f.uid);
    if (hasDashboards || hasFolders) continue;
    folderDeletes.push({ kind: 'Folder', action: 'delete', uid: f.uid, title: f.title, remote: f });
    remaining.delete(f.uid);
  }

  const steps: PlanStep[] = [...folderSteps, ...dashboardSteps, ...ruleWrites, ...dashboardDeletes, ...ruleDeletes, ...folderDeletes];
  orphans.push(...rules.orphans);
  return { steps, summary: summarize(steps), orphans, prune, force, notes: [...(options.notes ?? []), ...(prune ? skipped.notes() : [])] };
}

/** Resources `--prune` leaves because their grafts marker is not ours, grouped by why, for the plan's notes. */
class SkippedMarkers {
  readonly #groups = new Map<string, { kind: 'dashboard' | 'folder'; uids: string[] }>();
  constructor(private readonly targetOfPrefix?: (uidPrefix: string) => string | undefined) {}

  add(kind: 'dashboard' | 'folder', uid: string, marker: ForeignMarker): void {
    const why = describeForeignMarker(marker, this.targetOfPrefix);
    const key = `${kind}\u0000${why}`;
    const group = this.#groups.get(key) ?? { kind, uids: [] };
    group.uids.push(uid);
    this.#groups.set(key, group);
  }

  /** E.g. `--prune skipped 3 dashboards managed by target "dev" (uid prefix "alice-"): alice-a, alice-b, alice-c`. */
  notes(): string[] {
    return [...this.#groups.entries()].map(([key, { kind, uids }]) => {
      const why = key.slice(key.indexOf('\u0000') + 1);
      const shown = uids.slice(0, 5).join(', ') + (uids.length > 5 ? `, … (${uids.length - 5} more)` : '');
      return `--prune skipped ${uids.length} ${kind}${uids.length === 1 ? '' : 's'} ${why}: ${shown}`;
    });
  }
}

function planFolder(desired: FolderResource, remote: RemoteFolder | undefined, force: boolean): FolderStep {
  const base = { kind: 'Folder' as const, uid: desired.uid, title: desired.title, desired };
  if (!remote) return { ...base, action: 'create' };
  const changes: string[] = [];
  const titleChanges = remote.title !== desired.title;
  const parentChanges = (remote.parentUid ?? undefined) !== desired.parentUid;
  if (titleChanges) changes.push(`title "${remote.title}" → "${desired.title}"`);
  if (parentChanges) changes.push(`parent ${folderName(remote.parentUid)} → ${folderName(desired.parentUid)}`);
  if (changes.length === 0) return { ...base, action: 'unchanged', remote };
  const action: StepAction = titleChanges ? 'update' : 'move';
  // A folder marked by an older release with the code's uid: ours to rename (its marker is rewritten).
  if (!remote.managed && remote.foreignMarker?.kind !== 'legacy') {
    const why = remote.foreignMarker ? describeForeignMarker(remote.foreignMarker) : 'is not managed by grafts, or its marker is not returned by this API';
    const reason = `folder exists and ${remote.foreignMarker ? `is ${why}` : why} (${changes.join(', ')}); use --force to take it over`;
    if (!force) return { ...base, action: 'conflict', remote, changes, reason };
    return { ...base, action, remote, changes, reason, forced: true };
  }
  return { ...base, action, remote, changes };
}

function planDashboard(
  desired: DashboardResource,
  summary: RemoteDashboardSummary | undefined,
  detail: RemoteDashboard | undefined,
  force: boolean,
): DashboardStep {
  const after = normalizeDashboard(desired.json);
  const base = { kind: 'Dashboard' as const, uid: desired.uid, title: desired.title, desired, after, folderUid: desired.folderUid };
  if (!summary || !detail) return { ...base, action: 'create' };
  if (detail.unreadable !== undefined) {
    const common = {
      ...base,
      remote: summary,
      fromFolderUid: detail.folderUid ?? summary.folderUid,
      ...(detail.version !== undefined && { expectedVersion: detail.version }),
    };
    const reason = `dashboard cannot be read: ${detail.unreadable}`;
    if (!force) return { ...common, action: 'conflict', reason: `${reason}; use --force to replace it` };
    return {
      ...common,
      action: 'update',
      forced: true,
      reason: `${reason}; replacing it (--force)`,
      ...(desired.schema !== 'v2' && detail.schema === 'v2' && { replacesV2: true }),
    };
  }
  const stored = normalizeDashboard(detail.json);
  const before = withoutManagedMarker(stored);
  const fromFolderUid = detail.folderUid ?? summary.folderUid;
  const moved = (fromFolderUid || undefined) !== desired.folderUid;
  const same = sameJson(before, after);
  const common = { ...base, remote: summary, before, fromFolderUid, moved, ...(detail.version !== undefined && { expectedVersion: detail.version }) };
  if (desired.schema !== 'v2' && detail.schema === 'v2') {
    // Never a silent downgrade: the v1 body would replace tabs, auto grids and show/hide rules.
    if (!force) return { ...common, action: 'conflict', reason: `dashboard ${STORED_AS_V2_CONFLICT}` };
    return {
      ...common,
      action: 'update',
      forced: true,
      replacesV2: true,
      reason: 'replacing a dashboard stored as schema v2 with the v1 one from code (--force): its tabs and show/hide rules are lost',
    };
  }
  const legacy = !detail.managed && detail.foreignMarker?.kind === 'legacy';
  if ((!summary.managed || !detail.managed) && !legacy) {
    const marker = detail.foreignMarker ?? summary.foreignMarker;
    const reason = marker
      ? `dashboard exists and is ${describeForeignMarker(marker)}, not this project's; use --force to take it over`
      : `dashboard ${UNMANAGED_CONFLICT}`;
    if (!force) return { ...common, action: 'conflict', reason };
    return { ...common, action: 'update', forced: true, reason: 'taking over a dashboard grafts did not manage (--force)' };
  }
  const edited = editedOutsideGrafts(stored);
  // Moved by hand, and not to where the code now wants it (then only the recorded folder is stale).
  const movedByHand = moved && movedOutsideGrafts(stored, fromFolderUid || undefined) === true;
  const folderStale = !moved && movedOutsideGrafts(stored, fromFolderUid || undefined) === true;
  if (same && !edited && !movedByHand) {
    if (folderStale) return { ...common, action: 'update', reason: 'content is as desired but the managed marker is stale; rewriting it' };
    if (legacy) return { ...common, action: 'update', reason: 'marked by an older grafts release; rewriting its marker bound to this uid, project and target' };
    return { ...common, action: moved ? 'move' : 'unchanged' };
  }
  if (same && !edited) {
    if (!force) return { ...common, action: 'conflict', reason: `dashboard ${MOVED_CONFLICT}` };
    return { ...common, action: 'move', forced: true, reason: 'moving back a dashboard moved outside grafts (--force)' };
  }
  if (same) return { ...common, action: 'update', reason: 'content is as desired but the managed marker is stale; rewriting it' };
  if (edited || movedByHand) {
    if (!force) return { ...common, action: 'conflict', reason: `dashboard ${edited ? EDITED_CONFLICT : MOVED_CONFLICT}` };
    return { ...common, action: 'update', forced: true, reason: 'overwriting changes made outside grafts (--force)' };
  }
  return { ...common, action: 'update' };
}

function folderName(uid: string | undefined): string {
  return uid === undefined ? 'root' : `"${uid}"`;
}

function remoteDepth(f: RemoteFolder, byUid: ReadonlyMap<string, RemoteFolder>): number {
  let depth = 0;
  const seen = new Set<string>([f.uid]);
  let parent = f.parentUid !== undefined ? byUid.get(f.parentUid) : undefined;
  while (parent && !seen.has(parent.uid)) {
    seen.add(parent.uid);
    depth++;
    parent = parent.parentUid !== undefined ? byUid.get(parent.parentUid) : undefined;
  }
  return depth;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Counts steps by action. */
export function summarize(steps: readonly PlanStep[]): PlanSummary {
  const summary: PlanSummary = { create: 0, update: 0, move: 0, delete: 0, unchanged: 0, conflict: 0 };
  for (const step of steps) summary[step.action]++;
  return summary;
}

/** Whether a plan changes anything (conflicts count as changes: desired and actual differ). */
export function hasChanges(p: Plan): boolean {
  return (
    p.steps.some((s) => s.action !== 'unchanged') ||
    (p.datasources ?? []).some((s) => s.action !== 'unchanged') ||
    (p.datasourceFile !== undefined && p.datasourceFile.action !== 'unchanged') ||
    (p.kubernetesAlerting !== undefined && p.kubernetesAlerting.steps.some((s) => s.action !== 'unchanged')) ||
    (p.grafanaAlerting !== undefined && grafanaAlertingChanges(p.grafanaAlerting)) ||
    (p.alertmanager !== undefined && p.alertmanager.action !== 'unchanged')
  );
}

// Reading a target is its own step (read-actual-state.ts); re-exported here, where callers have always found it.
export { readActualState, startListing, type ActualState, type ReadActualOptions, type TargetListing } from './read-actual-state.js';
