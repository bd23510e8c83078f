import { diffArrays } from 'diff';
import { isDeepStrictEqual } from 'node:util';

/**
 * A Grafana policy tree (`Route`) as Grafana stores it, in the form grafts compares: no
 * `provenance`, no empty lists or nulls, no `continue: false`, keys sorted.
 */
export function canonicalPolicyTree(route: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(route).sort()) {
    const v = route[key];
    if (key === 'provenance' || v === undefined || v === null || (key === 'continue' && v === false)) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (key === 'routes' && Array.isArray(v)) out.routes = v.map((r) => canonicalPolicyTree(r as Record<string, unknown>));
    else out[key] = v;
  }
  return out;
}

/** Whether two policy trees are the same once canonical. */
export function samePolicyTree(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): boolean {
  return isDeepStrictEqual(canonicalPolicyTree(a), canonicalPolicyTree(b));
}

function quote(value: unknown): string {
  return JSON.stringify(typeof value === 'string' ? value : String(value));
}

/** One route as one line (its children are lines of their own, indented below it). */
function routeLine(route: Readonly<Record<string, unknown>>, depth: number): string {
  const parts: string[] = [depth === 0 ? 'root' : 'route'];
  const matchers = Array.isArray(route.object_matchers) ? route.object_matchers : [];
  if (matchers.length > 0) parts.push(`{${matchers.map((m) => (Array.isArray(m) ? `${String(m[0])}${String(m[1])}${quote(m[2])}` : '?')).join(', ')}}`);
  for (const legacy of ['matchers', 'match', 'match_re'] as const) if (route[legacy] !== undefined) parts.push(`${legacy} ${JSON.stringify(route[legacy])}`);
  if (typeof route.receiver === 'string') parts.push(`→ ${route.receiver}`);
  if (route.continue === true) parts.push('continue');
  if (Array.isArray(route.group_by)) parts.push(`group_by ${route.group_by.join(',')}`);
  for (const key of ['group_wait', 'group_interval', 'repeat_interval'] as const) if (route[key] !== undefined) parts.push(`${key} ${String(route[key])}`);
  if (Array.isArray(route.mute_time_intervals)) parts.push(`muted ${route.mute_time_intervals.join(',')}`);
  if (Array.isArray(route.active_time_intervals)) parts.push(`active ${route.active_time_intervals.join(',')}`);
  return `${'  '.repeat(depth)}${parts.join(' ')}`;
}

/**
 * The tree as one line per route, depth-first, children indented under their parent.
 *
 * @example
 * policyTreeLines({ receiver: 'default', routes: [{ receiver: 'page', object_matchers: [['severity', '=', 'critical']] }] })
 * // → ['root → default', '  route {severity="critical"} → page']
 */
export function policyTreeLines(route: Readonly<Record<string, unknown>>, depth = 0): string[] {
  const tree = canonicalPolicyTree(route);
  const children = Array.isArray(tree.routes) ? (tree.routes as Record<string, unknown>[]) : [];
  return [routeLine(tree, depth), ...children.flatMap((c) => policyTreeLines(c, depth + 1))];
}

/**
 * The routes that differ between two trees, one line each: `- ` for a route as it is, `+ ` for
 * the route as the code wants it (a changed route is both); unchanged routes are left out.
 *
 * @example
 * policyTreeChanges({ receiver: 'default' }, { receiver: 'default', routes: [{ receiver: 'page' }] })
 * // → ['+   route → page']
 */
export function policyTreeChanges(before: Readonly<Record<string, unknown>> | undefined, after: Readonly<Record<string, unknown>> | undefined): string[] {
  const was = before ? policyTreeLines(before) : [];
  const is = after ? policyTreeLines(after) : [];
  const out: string[] = [];
  for (const part of diffArrays(was, is)) {
    if (part.added) out.push(...part.value.map((l) => `+ ${l}`));
    else if (part.removed) out.push(...part.value.map((l) => `- ${l}`));
  }
  return out;
}
