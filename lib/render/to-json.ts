/**
 * The bytes grafts writes for a JSON document: 2-space indentation and a final newline. Key
 * order is whatever the value has; dashboards are already in canonical order when built.
 *
 * @example
 * toJson({ a: 1 }) // → '{\n  "a": 1\n}\n'
 */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
