/** A JSON-like value as it appears in Grafana's dashboard model. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue | undefined };

/** A plain JSON object (what `$merge` accepts). */
export type JsonObject = { [key: string]: JsonValue | undefined };

/** True for plain objects (not arrays, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Merges `patch` into a deep copy of `base`: objects merge key by key, arrays and scalars
 * replace, and a key set to `undefined` is removed. Neither input is modified.
 *
 * @example
 * deepMerge({ a: { b: 1, c: 2 } }, { a: { c: 3 }, d: [1] }) // → { a: { b: 1, c: 3 }, d: [1] }
 */
export function deepMerge<T extends object>(base: T, patch: object): T {
  const result: Record<string, unknown> = structuredClone(base) as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) {
      delete result[key];
    } else if (isPlainObject(value) && isPlainObject(result[key])) {
      result[key] = deepMerge(result[key] as object, value);
    } else {
      result[key] = structuredClone(value);
    }
  }
  return result as T;
}

/**
 * `rendered` with `$merge` patches applied in order (the same object when there are none).
 * @internal
 *
 * @example
 * applyMerges({ a: 1 }, [{ b: 2 }, { a: undefined }]) // → { b: 2 }
 */
export function applyMerges<T extends object>(rendered: T, patches: readonly object[]): T {
  return patches.reduce<T>((acc, patch) => deepMerge(acc, patch), rendered);
}
