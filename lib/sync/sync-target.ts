import type { ForeignMarker, OwnerScope } from './ownership.js';
import type { DashboardResource, FolderResource } from './resources.js';

/** A folder as a target lists it. */
export interface RemoteFolder {
  readonly uid: string;
  readonly title: string;
  readonly parentUid?: string;
  /** Its marker proves this project wrote this uid through this target (see ownership.ts): only these may be pruned. */
  readonly managed: boolean;
  /** A grafts marker that is not ours (an older release's, another target's, a copy's), for the plan's notes. */
  readonly foreignMarker?: ForeignMarker;
  /** The target's version counter, for safe updates where the target has one. */
  readonly version?: number;
}

/** A dashboard as a target lists it (cheap: no JSON). */
export interface RemoteDashboardSummary {
  readonly uid: string;
  readonly title: string;
  readonly folderUid?: string;
  /** Its marker proves this project wrote this uid through this target (see ownership.ts): only these may be pruned. */
  readonly managed: boolean;
  /** A grafts marker that is not ours (an older release's, another target's, a copy's), for the plan's notes. */
  readonly foreignMarker?: ForeignMarker;
}

/** A dashboard as stored on a target, with the JSON it holds. */
export interface RemoteDashboard extends RemoteDashboardSummary {
  /**
   * The stored JSON in the schema it is stored in, as returned (server fields included; normalise
   * before comparing): classic JSON, or for `schema: 'v2'` the v2 spec with the managed marker's
   * hash (kept in a metadata annotation) put back under its key.
   */
  readonly json: Readonly<Record<string, unknown>>;
  readonly version?: number;
  /** The schema it is stored in; absent means classic (`v1`). */
  readonly schema?: 'v1' | 'v2';
  /** The server's name for the stored version (`v0alpha1`, `v1`, `v2beta1`, `v2` …), when it says. */
  readonly storedVersion?: string;
  /**
   * Set when the server could not give the dashboard in a schema grafts reads (a failed
   * `status.conversion`): its message. `json` is then empty, never a default spec to diff against.
   */
  readonly unreadable?: string;
}

/** What the reader of a dashboard expects, so a target can read it in that schema first. */
export interface ReadHint {
  readonly schema?: 'v1' | 'v2';
}

/** A dashboard whose stored JSON a plan needs, with the schema the code renders it in. */
export interface WantedDashboard {
  readonly uid: string;
  readonly schema?: 'v1' | 'v2';
}

/** What {@link SyncTarget.readDashboards} read. */
export interface DashboardReads {
  /** Each wanted dashboard that exists, exactly as {@link SyncTarget.getDashboard} gives it. */
  readonly found: ReadonlyMap<string, RemoteDashboard>;
  /** Wanted dashboards whose read failed (after the target's retries), with why. */
  readonly failed: readonly { readonly uid: string; readonly error: unknown }[];
}

/** Options of {@link SyncTarget.readDashboards}. */
export interface DashboardReadOptions {
  /** Requests in flight at once. */
  readonly concurrency: number;
  /** How many dashboards the target's listing showed (to weigh one read each against a paged list of all). */
  readonly listed: number;
}

/** What a write sends along. */
export interface WriteOptions {
  /** The save message Grafana stores in the version history. */
  readonly message: string;
  /** The version last read; a target that supports it refuses the write when it changed since. */
  readonly expectedVersion?: number;
  /**
   * The resource was not in the target's listing: the write creates it and must never replace
   * one that exists (a target refuses it as a conflict: the listing hid it).
   */
  readonly create?: boolean;
  /**
   * Write a classic (v1) dashboard even over one stored as schema v2 (losing its tabs and show/hide
   * rules): only for a step the user forced. Without it such a write is refused as a conflict.
   */
  readonly replaceV2?: boolean;
}

/**
 * A place dashboards and folders are applied to: a Grafana (classic `/api` or `/apis`) or a
 * file-provisioning folder. Implementations do I/O only; planning is done elsewhere, and the
 * dashboard JSON given to `saveDashboard` already carries the managed marker.
 * Errors are thrown as typed errors whose messages never contain credentials.
 */
export interface SyncTarget {
  /** The target's name from config (`default` for the environment or the file default). */
  readonly name: string;
  readonly kind: 'grafana' | 'files';
  /** Where it points, safe to print: a URL without credentials, or a folder path. */
  describe(): string;
  /**
   * Whose markers this target writes and recognises as ours (project and uid prefix).
   * @default DEFAULT_OWNER_SCOPE (no project name, no prefix)
   */
  readonly owner?: OwnerScope;
  /**
   * Its listings depend on nothing but the target itself (not on `checkDesired` having seen the
   * desired state), so a run may start them while the project still builds. Set by remote
   * targets, whose round trips are worth hiding behind the build.
   */
  readonly listsWithoutDesired?: boolean;
  /** Every folder, with its parent. */
  listFolders(): Promise<RemoteFolder[]>;
  /** Every dashboard (one or few requests: search, or a directory walk). */
  listDashboards(): Promise<RemoteDashboardSummary[]>;
  /** One dashboard with its JSON in the schema it is stored in, or undefined when it does not exist. */
  getDashboard(uid: string, hint?: ReadHint): Promise<RemoteDashboard | undefined>;
  /**
   * The stored JSON of many dashboards in fewer requests than one {@link getDashboard} each (e.g. a
   * paged LIST on Grafana's `/apis`), each as `getDashboard(uid, { schema })` would give it; or
   * `undefined` when this target has no cheaper way (the caller then reads them one by one).
   * Throws when the bulk read itself fails.
   */
  readDashboards?(wanted: readonly WantedDashboard[], options: DashboardReadOptions): Promise<DashboardReads | undefined>;
  /**
   * Throws when the target cannot hold what is desired (e.g. schema v2 dashboards on a Grafana
   * that serves no v2 API), before anything is read or written.
   */
  checkDesired?(desired: { readonly dashboards: readonly DashboardResource[]; readonly folders?: readonly FolderResource[] }): Promise<void>;
  createFolder(folder: FolderResource, options: WriteOptions): Promise<void>;
  updateFolder(folder: FolderResource, remote: RemoteFolder, options: WriteOptions): Promise<void>;
  deleteFolder(uid: string): Promise<void>;
  /** Creates or replaces a dashboard (moving it to `folderUid`); returns the new version if known. */
  saveDashboard(dashboard: DashboardResource, options: WriteOptions): Promise<{ version?: number }>;
  deleteDashboard(uid: string): Promise<void>;
  /**
   * Proves the target is what it claims before anything is read (a Grafana: health and build info
   * of the expected shape); throws otherwise. Called once before planning.
   */
  verify?(): Promise<void>;
  /** Called once after a successful apply (e.g. the file target writes its provisioning YAML). */
  finish?(): Promise<void>;
}
