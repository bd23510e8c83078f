/**
 * How a config validation message names a value it got: its kind for objects and arrays, a
 * quoted prefix for long strings, so a message stays one line.
 *
 * @example
 * describeConfigValue(['a']); // 'an array'
 * describeConfigValue('x'.repeat(50)); // '"xxxx…"' (40 characters and an ellipsis)
 */
export function describeConfigValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}
