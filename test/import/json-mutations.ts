// Building blocks of the importers' fuzz tests: deep values and the paths of a JSON value.

/** A JSON path: object keys and array indexes from the root. */
export type JsonPath = (string | number)[];

/** A value nested `depth` levels deep, alternating objects and arrays. */
export function nest(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? { level: value } : [value];
  return value;
}

/** Every path inside `value`, the root (`[]`) first, depth first. */
export function paths(value: unknown, prefix: JsonPath = [], out: JsonPath[] = []): JsonPath[] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}
