import { createHash } from 'node:crypto';
import { MANAGED_TAG, OWNER_TAG_PREFIX } from './managed-marker.js';

/**
 * Who writes: the project (from `dash.config.ts` `project`, else the project's package.json
 * `name`) and the uid prefix of the target (`uidPrefix`, or the per-user prefix of `dash watch`).
 * A resource is ours only when its marker was made for this scope and its own uid.
 */
export interface OwnerScope {
  readonly project: string;
  readonly uidPrefix: string;
}

/** The scope of a target that says nothing: no project name, no uid prefix. */
export const DEFAULT_OWNER_SCOPE: OwnerScope = { project: '', uidPrefix: '' };

// The owner tag (OWNER_TAG_PREFIX + token) binds a dashboard's marker to its uid, project and
// target. Tags survive saves from Grafana's UI and search returns them, so ownership is known
// from one listing.
export { OWNER_TAG_PREFIX };

/** A grafts marker found on a resource that it does not prove to be ours, and why. */
export type ForeignMarker =
  /** Marked by a grafts release before owner tags: not bound to a uid, project or target. */
  | { readonly kind: 'legacy' }
  /** Written by this project through another target: the uid prefix that target adds. */
  | { readonly kind: 'other-target'; readonly uidPrefix: string }
  /** Bound to another uid or project: a copy made in Grafana (Save as, export/import), or another project's. */
  | { readonly kind: 'other-owner' };

/** What a resource's markers say about who owns it. */
export interface Ownership {
  /** Proven ours: the marker was made for this scope and this uid. */
  readonly managed: boolean;
  /** Set when the resource carries a grafts marker that is not ours. */
  readonly foreignMarker?: ForeignMarker;
}

/**
 * The owner token of a resource: 12 hex digits of a SHA-256 over the project, the target's uid
 * prefix and the code's uid. A copy under another uid, another project's resource, and one
 * written under another prefix all carry other tokens, and no token can be derived from another.
 *
 * @example
 * ownerToken({ project: 'shop', uidPrefix: '' }, 'checkout') // → '5c1f…' (12 hex digits)
 */
export function ownerToken(scope: OwnerScope, uid: string): string {
  return createHash('sha256').update(`grafts-owner\u0000${scope.project}\u0000${scope.uidPrefix}\u0000${uid}`).digest('hex').slice(0, 12);
}

/**
 * The tag carrying {@link ownerToken}.
 *
 * @example
 * ownerTag({ project: 'shop', uidPrefix: '' }, 'checkout') // → 'grafts-owner-5c1f…'
 */
export function ownerTag(scope: OwnerScope, uid: string): string {
  return `${OWNER_TAG_PREFIX}${ownerToken(scope, uid)}`;
}

/** The owner tokens among a dashboard's tags. */
export function ownerTokensOfTags(tags: unknown): string[] {
  if (!Array.isArray(tags)) return [];
  return tags.filter((t): t is string => typeof t === 'string' && t.startsWith(OWNER_TAG_PREFIX)).map((t) => t.slice(OWNER_TAG_PREFIX.length));
}

/**
 * Decides ownership from the owner tokens a resource carries and whether it has the marker of
 * an older release (`legacy`: the `grafts-managed` tag, or a folder marker without a token).
 * `uid` is the code's uid (the target's prefix removed). A token made for another split of the
 * remote uid into prefix + uid names the other target's prefix.
 *
 * @example
 * const scope = { project: 'shop', uidPrefix: '' };
 * classifyOwnership([ownerToken(scope, 'a')], true, scope, 'a')        // → { managed: true }
 * classifyOwnership([ownerToken(scope, 'a')], true, scope, 'copy-of-a') // → { managed: false, foreignMarker: { kind: 'other-owner' } }
 */
export function classifyOwnership(tokens: readonly string[], legacy: boolean, scope: OwnerScope, uid: string): Ownership {
  if (tokens.length === 0) return legacy ? { managed: false, foreignMarker: { kind: 'legacy' } } : { managed: false };
  if (tokens.includes(ownerToken(scope, uid))) return { managed: true };
  const remoteUid = scope.uidPrefix + uid;
  for (let split = 0; split < remoteUid.length; split++) {
    const uidPrefix = remoteUid.slice(0, split);
    if (uidPrefix === scope.uidPrefix) continue;
    if (tokens.includes(ownerToken({ project: scope.project, uidPrefix }, remoteUid.slice(split)))) {
      return { managed: false, foreignMarker: { kind: 'other-target', uidPrefix } };
    }
  }
  return { managed: false, foreignMarker: { kind: 'other-owner' } };
}

/** The `managed` / `foreignMarker` fields of a listed resource (see sync-target.ts). */
export function ownershipFields(o: Ownership): { managed: boolean; foreignMarker?: ForeignMarker } {
  return { managed: o.managed, ...(o.foreignMarker !== undefined && { foreignMarker: o.foreignMarker }) };
}

/** Ownership of a dashboard from its tags (search hit or stored JSON). */
export function dashboardOwnership(tags: unknown, scope: OwnerScope, uid: string): Ownership {
  const legacy = Array.isArray(tags) && tags.includes(MANAGED_TAG);
  return classifyOwnership(ownerTokensOfTags(tags), legacy, scope, uid);
}

/**
 * The folder marker grafts writes where a folder has a free-text field (the description, which
 * `/apis` folders return; the classic folder API accepts it but does not return it): readable,
 * with the owner token in it.
 *
 * @example
 * folderDescription('5c1f…') // → 'Managed by grafts (owner 5c1f…): changes made here are replaced on the next apply.'
 */
export function folderDescription(token: string): string {
  return `Managed by grafts (owner ${token}): changes made here are replaced on the next apply.`;
}

/** The owner token in a folder description written by {@link folderDescription}. */
export function ownerTokenOfDescription(description: string | undefined): string | undefined {
  return description?.match(/^Managed by grafts \(owner ([0-9a-f]{12})\)/)?.[1];
}

/** How a plan names the owner of a foreign marker, e.g. `another target (uid prefix "alice-")`. */
export function describeForeignMarker(marker: ForeignMarker, targetOfPrefix?: (uidPrefix: string) => string | undefined): string {
  switch (marker.kind) {
    case 'legacy':
      return 'marked by an older grafts release (the marker names no uid, project or target)';
    case 'other-target': {
      const named = targetOfPrefix?.(marker.uidPrefix);
      return `managed by ${named ?? 'another target'} (uid prefix ${JSON.stringify(marker.uidPrefix)})`;
    }
    case 'other-owner':
      return 'marked for another uid or project (a copy made in Grafana with "Save as" or export/import, or another project\'s)';
  }
}
