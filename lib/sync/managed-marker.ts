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
 * Where a schema v2 dashboard keeps {@link CONTENT_HASH_KEY}: the v2 spec has no room for unknown
 * keys (Grafana decodes it into typed structs), so the hash is a metadata annotation, which a save
 * from the dynamic-dashboards UI keeps — the content then no longer matches it.
 */
export const CONTENT_HASH_ANNOTATION = 'grafts.dev/content-hash';

/** Where a schema v2 dashboard keeps {@link FOLDER_UID_KEY} (an annotation, like the hash). */
export const FOLDER_UID_ANNOTATION = 'grafts.dev/folder-uid';

/**
 * Grafana's manager annotations grafts sets on what it writes through `/apis` (grafana-v2.md
 * §4.2), so the UI shows the dashboard as managed by a tool: `kubectl` is the kind Grafana knows
 * for a generic manifest-applying client (unknown kinds count as unmanaged), `grafts` the identity,
 * and edits in the UI stay allowed (grafts detects them and refuses to overwrite them).
 */
export const MANAGER_ANNOTATIONS: Readonly<Record<string, string>> = Object.freeze({
  'grafana.app/managedBy': 'kubectl',
  'grafana.app/managerId': 'grafts',
  'grafana.app/managerAllowsEdits': 'true',
});

/**
 * A stored v2 spec in the form grafts compares: the hash from its {@link CONTENT_HASH_ANNOTATION}
 * put back under {@link CONTENT_HASH_KEY} (the inverse of {@link hashAsAnnotation}).
 *
 * @example
 * hashFromAnnotation({ title: 'A' }, { 'grafts.dev/content-hash': '0123' }) // → { title: 'A', graftsContentHash: '0123' }
 */
export function hashFromAnnotation(
  spec: Readonly<Record<string, unknown>>,
  annotations: Readonly<Record<string, string>> | undefined,
): Record<string, unknown> {
  const hash = annotations?.[CONTENT_HASH_ANNOTATION];
  const folder = annotations?.[FOLDER_UID_ANNOTATION];
  return { ...spec, ...(folder !== undefined && { [FOLDER_UID_KEY]: folder }), ...(hash !== undefined && { [CONTENT_HASH_KEY]: hash }) };
}

/**
 * A v2 spec grafts writes (marker included) split into the spec Grafana keeps and the
 * annotations carrying the content hash and the folder grafts put it in.
 *
 * @example
 * hashAsAnnotation({ title: 'A', graftsContentHash: '0123' }) // → { spec: { title: 'A' }, annotations: { 'grafts.dev/content-hash': '0123' } }
 */
export function hashAsAnnotation(json: Readonly<Record<string, unknown>>): { spec: Record<string, unknown>; annotations: Record<string, string> } {
  const { [CONTENT_HASH_KEY]: hash, [FOLDER_UID_KEY]: folder, ...spec } = json as Record<string, unknown>;
  return {
    spec,
    annotations: {
      ...(typeof folder === 'string' && { [FOLDER_UID_ANNOTATION]: folder }),
      ...(typeof hash === 'string' && { [CONTENT_HASH_ANNOTATION]: hash }),
    },
  };
}

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
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort();
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
export function editedOutsideGrafts(normalizedStoredJson: Readonly<Record<string, unknown>>): boolean {
  const stored = normalizedStoredJson[CONTENT_HASH_KEY];
  if (typeof stored !== 'string') return true;
  return stored !== contentHash(withoutManagedMarker(normalizedStoredJson));
}
