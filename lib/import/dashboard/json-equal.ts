import { isPlainObject } from '../../model/deep-merge.js';

/**
 * Deep equality of JSON values, ignoring key order and keys whose value is `undefined` (as
 * JSON would). Cheaper than comparing canonical strings, which matters in the importer's
 * key-by-key diffing.
 *
 * @example
 * jsonEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 }) // → true
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return !Number.isFinite(a) && !Number.isFinite(b);
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i] ?? null, b[i] ?? null)) return false;
    return true;
  }
  if (isPlainObject(a)) {
    if (!isPlainObject(b) || Array.isArray(b)) return false;
    let count = 0;
    for (const key of Object.keys(a)) {
      if (a[key] === undefined) continue;
      count++;
      if (!Object.hasOwn(b, key) || !jsonEqual(a[key], b[key])) return false;
    }
    for (const key of Object.keys(b)) if (b[key] !== undefined) count--;
    return count === 0;
  }
  return false;
}
