import { isPlainObject } from './deep-merge.js';

/**
 * Keys Grafana users read first, in the order they come; the lists of one object kind never
 * conflict with another's, so one ranking serves dashboards, panels, targets, variables and
 * field config. Other keys follow alphabetically. @internal
 */
export const CANONICAL_KEY_ORDER: readonly string[] = [
  'type',
  'id',
  'uid',
  'refId',
  'title',
  'name',
  'label',
  'description',
  'libraryPanel',
  'gridPos',
  'collapsed',
  'tags',
  'timezone',
  'editable',
  'graphTooltip',
  'time',
  'timepicker',
  'fiscalYearStartMonth',
  'weekStart',
  'liveNow',
  'refresh',
  'schemaVersion',
  'version',
  'hide',
  'skipUrlSync',
  'transparent',
  'repeat',
  'repeatDirection',
  'maxPerRow',
  'datasource',
  'enable',
  'iconColor',
  'expr',
  'query',
  'definition',
  'queryType',
  'legendFormat',
  'targets',
  'fieldConfig',
  'defaults',
  'overrides',
  'matcher',
  'properties',
  'options',
  'transformations',
  'links',
  'annotations',
  'templating',
  'panels',
];
const RANK = new Map(CANONICAL_KEY_ORDER.map((key, index) => [key, index]));

function compareKeys(a: string, b: string): number {
  const ra = RANK.get(a);
  const rb = RANK.get(b);
  if (ra !== undefined && rb !== undefined) return ra - rb;
  if (ra !== undefined) return -1;
  if (rb !== undefined) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

// Whether `keys` (distinct) are already in canonical order: one rank lookup per key, no sort.
function inCanonicalOrder(keys: readonly string[]): boolean {
  let previous = keys[0];
  let previousRank = previous === undefined ? undefined : RANK.get(previous);
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    const rank = RANK.get(key);
    if (rank !== undefined ? previousRank === undefined || rank < previousRank : previousRank === undefined && !(previous! < key)) return false;
    previous = key;
    previousRank = rank;
  }
  return true;
}

// The canonical orders of the key lists met so far, in a trie with one level per key: rendered
// dashboards have few object shapes (panels, rows, targets), so each is sorted once and then
// looked up. Bounded, because user options can have any keys and a watch process lives long.
interface ShapeNode {
  order?: readonly string[];
  readonly next: Map<string, ShapeNode>;
}
const MAX_CACHED_SHAPES = 4096;
let shapes: ShapeNode = { next: new Map() };
let cachedShapes = 0;

function canonicalOrder(keys: string[]): readonly string[] {
  if (inCanonicalOrder(keys)) return keys;
  let node = shapes;
  for (const key of keys) {
    let next = node.next.get(key);
    if (next === undefined) {
      next = { next: new Map() };
      node.next.set(key, next);
    }
    node = next;
  }
  if (node.order === undefined) {
    if (cachedShapes >= MAX_CACHED_SHAPES) {
      shapes = { next: new Map() };
      cachedShapes = 0;
      return [...keys].sort(compareKeys);
    }
    node.order = [...keys].sort(compareKeys);
    cachedShapes++;
  }
  return node.order;
}

/**
 * A deep copy of `value` with object keys in the project's fixed order: well-known Grafana keys
 * first in reading order, then the rest alphabetically. Array order is kept. Keys whose value is
 * `undefined` are dropped, as JSON would.
 *
 * @example
 * canonicalKeys({ panels: [], title: 'A', uid: 'a', zeta: 1, alpha: 2 })
 * // → { uid: 'a', title: 'A', panels: [], alpha: 2, zeta: 1 }
 */
export function canonicalKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => canonicalKeys(item)) as T;
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  const order = canonicalOrder(Object.keys(value));
  for (let i = 0; i < order.length; i++) {
    const key = order[i]!;
    const item = value[key];
    if (item !== undefined) out[key] = canonicalKeys(item);
  }
  return out as T;
}

/**
 * {@link canonicalKeys} for a tree the caller has just built and owns: the same JSON, but
 * objects already in canonical order (most of a rendered dashboard) are kept and only the others
 * are replaced by reordered copies, in place. Never pass a tree that shares objects with a
 * builder or a caller. @internal
 *
 * @example
 * canonicalKeysInPlace({ title: 'A', uid: 'a', panels: [{ gridPos: { h: 8, w: 12, x: 0, y: 0 }, type: 'stat' }] })
 * // → { uid: 'a', title: 'A', panels: [{ type: 'stat', gridPos: { h: 8, w: 12, x: 0, y: 0 } }] }
 */
export function canonicalKeysInPlace<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const ordered = canonicalKeysInPlace(item);
      if (ordered !== item) value[i] = ordered;
    }
    return value;
  }
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object);
  // Kept: a plain object in order with nothing to drop. canonicalKeys copies any other object
  // (a Date, a class instance) into a plain one, and assigns an own `__proto__` key (setting the
  // prototype): the copy below does the same.
  let keep = Object.getPrototypeOf(object) === Object.prototype && inCanonicalOrder(keys);
  for (let i = 0; keep && i < keys.length; i++) {
    const key = keys[i]!;
    if (object[key] === undefined || key === '__proto__') keep = false;
  }
  if (keep) {
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const item = object[key];
      const ordered = canonicalKeysInPlace(item);
      if (ordered !== item) object[key] = ordered;
    }
    return value;
  }
  const out: Record<string, unknown> = {};
  const order = canonicalOrder(keys);
  for (let i = 0; i < order.length; i++) {
    const key = order[i]!;
    const item = object[key];
    if (item !== undefined) out[key] = canonicalKeysInPlace(item);
  }
  return out as T;
}
