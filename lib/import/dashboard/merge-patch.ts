import { isPlainObject, type JsonObject } from '../../model/deep-merge.js';
import { jsonEqual as sameJson } from './json-equal.js';

/**
 * The `$merge` patch that turns `actual` (what a builder renders) into `desired` (what the
 * imported JSON holds), under deepMerge's rules: objects merge key by key, anything else
 * replaces, `undefined` removes. Undefined when nothing differs. Key order is not a
 * difference (rendering puts keys in a canonical order anyway).
 *
 * @example
 * mergePatch({ a: 1, b: { c: 2, d: 3 } }, { a: 1, b: { c: 2 }, e: [1] })
 * // → { b: { d: undefined }, e: [1] }
 */
export function mergePatch(actual: Readonly<Record<string, unknown>>, desired: Readonly<Record<string, unknown>>): JsonObject | undefined {
  const patch: JsonObject = {};
  let changed = false;
  for (const [key, want] of Object.entries(desired)) {
    if (want === undefined) continue;
    const have = Object.hasOwn(actual, key) ? actual[key] : undefined;
    if (have !== undefined && sameJson(have, want)) continue;
    // Objects are patched key by key (merging `{}` into an object would change nothing).
    if (isPlainObject(have) && isPlainObject(want)) {
      const inner = mergePatch(have, want);
      if (inner !== undefined) {
        patch[key] = inner;
        changed = true;
      }
      continue;
    }
    patch[key] = structuredClone(want) as JsonObject[string];
    changed = true;
  }
  for (const key of Object.keys(actual)) {
    if (actual[key] !== undefined && (!Object.hasOwn(desired, key) || desired[key] === undefined)) {
      patch[key] = undefined;
      changed = true;
    }
  }
  return changed ? patch : undefined;
}
