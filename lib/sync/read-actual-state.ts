import { forEachLimit } from '../util/limit-concurrency.js';
import type { DesiredState } from './resources.js';
import type { RemoteRuleGroup, RuleSyncTarget } from './rule-resources.js';
import type { DashboardReads, RemoteDashboard, RemoteDashboardSummary, RemoteFolder, SyncTarget, WantedDashboard } from './sync-target.js';
import { SyncUnreadableError, type UnreadResource } from './sync-unreadable-error.js';

/** What a target holds, as far as planning needs it. */
export interface ActualState {
  readonly folders: readonly RemoteFolder[];
  readonly dashboards: readonly RemoteDashboardSummary[];
  /** Stored JSON of the dashboards that are both desired and remote (and only those). */
  readonly details: ReadonlyMap<string, RemoteDashboard>;
  /** Rule groups on the rule target (absent: no rule target). */
  readonly ruleGroups?: readonly RemoteRuleGroup[];
}

/**
 * Requests in flight at once while reading a target, unless told otherwise. On the classic API a
 * no-op apply reads every desired dashboard: at 50 ms per round trip, 32 in flight read 1,000 in
 * about 1.6 s (16 would wait 3.1 s, no better than 18x sequential GETs).
 */
export const DEFAULT_READ_CONCURRENCY = 32;

/** The listings of a target (and its rule target), started by {@link startListing}. */
export interface TargetListing {
  readonly target: SyncTarget;
  readonly ruleTarget: RuleSyncTarget | undefined;
  /** Settles once every listing has; never rejects (failures are recorded in it). */
  readonly settled: Promise<ListingOutcome>;
}

type ListingOutcome =
  | { readonly verifyFailed: true; readonly error: unknown }
  | {
      readonly verifyFailed: false;
      readonly folders: RemoteFolder[] | undefined;
      readonly dashboards: RemoteDashboardSummary[] | undefined;
      readonly ruleGroups: RemoteRuleGroup[] | undefined;
      readonly unread: readonly UnreadResource[];
    };

/**
 * Starts what reading a target begins with: the target's `verify()`, then its folder and
 * dashboard listings and the rule target's groups, all at once. `dash diff` and `dash apply` call
 * it as soon as the config is loaded for a target whose listings need nothing of the project
 * (`listsWithoutDesired`: a Grafana), so they run while the dashboards build; only reads are sent,
 * so a build that fails has written nothing.
 *
 * @example
 * const listing = startListing(target, { ruleTarget });
 * // … build the project …
 * const actual = await readActualState(target, desired, { listing, ruleTarget });
 */
export function startListing(target: SyncTarget, options: { readonly ruleTarget?: RuleSyncTarget | undefined } = {}): TargetListing {
  const ruleTarget = options.ruleTarget;
  const settled = (async (): Promise<ListingOutcome> => {
    try {
      // Nothing is read before the target proved it is what it claims.
      await target.verify?.();
    } catch (error) {
      return { verifyFailed: true, error };
    }
    const unread: UnreadResource[] = [];
    const [folders, dashboards, ruleGroups] = await Promise.all([
      settle('folders', target.listFolders(), unread),
      settle('dashboards', target.listDashboards(), unread),
      ruleTarget ? settle('rule groups', ruleTarget.listGroups(), unread) : Promise.resolve(undefined),
    ]);
    return { verifyFailed: false, folders, dashboards, ruleGroups, unread };
  })();
  return { target, ruleTarget, settled };
}

/** Options of {@link readActualState}. */
export interface ReadActualOptions {
  /** Requests in flight at once while reading dashboards. @default {@link DEFAULT_READ_CONCURRENCY} (32) */
  readonly concurrency?: number;
  /** The rule target, listed (one call) alongside the dashboards. */
  readonly ruleTarget?: RuleSyncTarget;
  /** Listings started earlier by {@link startListing} (of this target and rule target). */
  readonly listing?: TargetListing;
}

/**
 * Reads what `plan` needs from a target: every folder and every dashboard summary (one listing
 * each; the rule target's groups too when there is one), plus the stored JSON of only the
 * dashboards that are also desired. Those are read in bulk when the target offers it
 * (`readDashboards`: a paged LIST on Grafana's `/apis`), else one read each, at most
 * `concurrency` at a time. Dashboards that exist only remotely are never read one by one.
 *
 * @throws {SyncUnreadableError} a listing or a read failed (after the target's retries): it lists every
 *   resource that could not be read (all reads are attempted first).
 */
export async function readActualState(target: SyncTarget, desired: DesiredState, options: ReadActualOptions = {}): Promise<ActualState> {
  await target.checkDesired?.(desired);
  const early = options.listing;
  if (early && (early.target !== target || (early.ruleTarget !== undefined && early.ruleTarget !== options.ruleTarget))) {
    throw new Error('readActualState: the listing given was started for another target or rule target');
  }
  const listing = early ?? startListing(target, { ruleTarget: options.ruleTarget });
  const listed = await listing.settled;
  if (listed.verifyFailed) throw listed.error;
  const unread = [...listed.unread];
  // A listing started early without the rule target: its groups are listed now, alongside the reads below.
  const lateUnread: UnreadResource[] = [];
  const lateRuleGroups =
    listing.ruleTarget === undefined && options.ruleTarget ? settle('rule groups', options.ruleTarget.listGroups(), lateUnread) : undefined;
  const { folders, dashboards } = listed;
  if (unread.length > 0 || !folders || !dashboards) {
    await lateRuleGroups;
    throw new SyncUnreadableError(target.describe(), [...unread, ...lateUnread]);
  }

  const remoteUids = new Set(dashboards.map((d) => d.uid));
  const wanted: WantedDashboard[] = desired.dashboards
    .filter((d) => remoteUids.has(d.uid))
    .map((d) => ({ uid: d.uid, ...(d.schema !== undefined && { schema: d.schema }) }));
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_READ_CONCURRENCY);
  const details = new Map<string, RemoteDashboard>();
  let bulk: DashboardReads | undefined;
  try {
    bulk = wanted.length === 0 ? undefined : await target.readDashboards?.(wanted, { concurrency, listed: dashboards.length });
  } catch (error) {
    unread.push({ resource: 'dashboards (bulk read)', error });
  }
  if (bulk) {
    for (const [uid, found] of bulk.found) details.set(uid, found);
    for (const { uid, error } of bulk.failed) unread.push({ resource: `dashboard "${uid}"`, error });
  } else if (unread.length === 0) {
    // Every read is attempted, so that the error names all that failed, not just the first.
    await forEachLimit(wanted, concurrency, async ({ uid, schema }) => {
      const found = await settle(`dashboard "${uid}"`, target.getDashboard(uid, schema !== undefined ? { schema } : {}), unread);
      if (found) details.set(uid, found);
    });
  }
  const ruleGroups = lateRuleGroups ? await lateRuleGroups : listed.ruleGroups;
  unread.push(...lateUnread);
  if (unread.length > 0) throw new SyncUnreadableError(target.describe(), unread);
  // Keep the order deterministic regardless of completion order.
  const ordered = new Map<string, RemoteDashboard>();
  for (const { uid } of wanted) {
    const found = details.get(uid);
    if (found) ordered.set(uid, found);
  }
  return { folders, dashboards, details: ordered, ...(ruleGroups && { ruleGroups }) };
}

/** The value of `promise`, or undefined with the failure recorded in `unread`. */
async function settle<T>(resource: string, promise: Promise<T>, unread: UnreadResource[]): Promise<T | undefined> {
  try {
    return await promise;
  } catch (error) {
    unread.push({ resource, error });
    return undefined;
  }
}
