import { createHash } from 'node:crypto';
import { isPlainObject } from '../model/deep-merge.js';

/** Prefix of the owner tag (see ownership.ts, which makes and reads it). */
export const OWNER_TAG_PREFIX = 'grafts-owner-';

/**
 * The tag every dashboard grafts writes carries. Tags survive saves from Grafana's UI and
 * search can filter on them, so `--prune` finds exactly what grafts manages in one request.
 */
export const MANAGED_TAG = 'grafts-managed';

/**
 * A top-level key holding the hash of the content grafts applied. Grafana's UI drops unknown
 * keys when a user saves, and an edit through the API changes the content, so a missing or
 * stale hash means someone changed the dashboard outside grafts since the last apply.
 */
export const CONTENT_HASH_KEY = 'graftsContentHash';

/**
 * A top-level key holding the uid of the folder grafts put the dashboard in (`''`: the root).
 * A dashboard moved in Grafana keeps its JSON (the move sends it back unchanged), so a stored
 * folder that differs from this one means someone moved it since the last apply.
 */
export const FOLDER_UID_KEY = 'graftsFolderUid';

/**
 * The folder description of grafts releases before owner tokens (see ownership.ts): read to
 * recognise their folders, never written any more.
 */
export const MANAGED_FOLDER_DESCRIPTION = 'Managed by grafts: changes made here are replaced on the next apply.';

/** What {@link withManagedMarker} binds a dashboard to. */
export interface MarkerBinding {
  /** The owner tag (`ownerTag(scope, uid)` of ownership.ts). */
  readonly ownerTag?: string;
  /** The folder the dashboard is written to (undefined: the root). */
  readonly folderUid?: string | undefined;
}

/** A stable hash of a JSON value: keys sorted at every level. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(stableStringify(value)).digest('hex').slice(0, 16);
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The dashboard JSON grafts writes: the rendered JSON plus the managed tag, the owner tag (bound
 * to uid, project and target), the folder it is written to and the hash of the rendered JSON
 * (which excludes all of them, so the hash is of what the code says).
 *
 * @example
 * withManagedMarker({ uid: 'a', title: 'A', tags: ['x'] }, { ownerTag: 'grafts-owner-5c1f…', folderUid: 'ops' })
 * // → { uid: 'a', title: 'A', tags: ['x', 'grafts-managed', 'grafts-owner-5c1f…'], graftsFolderUid: 'ops', graftsContentHash: '…' }
 */
export function withManagedMarker(json: Readonly<Record<string, unknown>>, binding: MarkerBinding = {}): Record<string, unknown> {
  const tags = Array.isArray(json.tags) ? (json.tags as string[]) : [];
  const marked = tags.includes(MANAGED_TAG) ? [...tags] : [...tags, MANAGED_TAG];
  if (binding.ownerTag !== undefined && !marked.includes(binding.ownerTag)) marked.push(binding.ownerTag);
  return {
    ...json,
    tags: marked,
    ...('folderUid' in binding && { [FOLDER_UID_KEY]: binding.folderUid ?? '' }),
    [CONTENT_HASH_KEY]: contentHash(json),
  };
}

/**
 * Whether a managed dashboard was moved to another folder outside grafts: the folder grafts
 * recorded differs from where it is. `undefined` when grafts recorded none (older releases).
 */
export function movedOutsideGrafts(storedJson: Readonly<Record<string, unknown>>, folderUid: string | undefined): boolean | undefined {
  const recorded = storedJson[FOLDER_UID_KEY];
  if (typeof recorded !== 'string') return undefined;
  return recorded !== (folderUid ?? '');
}

/** True when stored dashboard JSON carries the managed tag. */
export function hasManagedTag(json: Readonly<Record<string, unknown>>): boolean {
  return Array.isArray(json.tags) && (json.tags as unknown[]).includes(MANAGED_TAG);
}

/**
 * The stored JSON without the marker (tags, folder and hash removed), i.e. what grafts rendered if
 * nobody changed it.
 */
export function withoutManagedMarker(json: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { [CONTENT_HASH_KEY]: _hash, [FOLDER_UID_KEY]: _folder, ...rest } = json as Record<string, unknown>;
  if (Array.isArray(rest.tags)) {
    const tags = (rest.tags as unknown[]).filter((t) => t !== MANAGED_TAG && !(typeof t === 'string' && t.startsWith(OWNER_TAG_PREFIX)));
    if (tags.length > 0) rest.tags = tags;
    else delete rest.tags;
  }
  return rest;
}

/**
 * Whether a stored, managed dashboard was changed outside grafts since grafts wrote it: its
 * content (normalised, marker removed) no longer matches the hash grafts stored with it, or
 * the hash is gone (a save from Grafana's UI drops it).
 */
export function editedOutsideGrafts(normalisedStoredJson: Readonly<Record<string, unknown>>): boolean {
  const stored = normalisedStoredJson[CONTENT_HASH_KEY];
  if (typeof stored !== 'string') return true;
  return stored !== contentHash(withoutManagedMarker(normalisedStoredJson));
}
