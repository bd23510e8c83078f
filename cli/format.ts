/**
 * A count with its noun, singular for exactly one.
 *
 * @example
 * plural(1, 'dashboard')               // → '1 dashboard'
 * plural(3, 'dashboard')               // → '3 dashboards'
 * plural(2, 'recording rule')          // → '2 recording rules'
 * plural(0, 'query', 'queries')        // → '0 queries'
 */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
