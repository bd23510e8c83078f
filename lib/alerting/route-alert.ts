import { labelMatches } from '../promql/label-matches.js';
import type { Route } from './notification-policy.js';

/**
 * The receivers an alert with `labels` is routed to, in order, as Alertmanager walks the tree:
 * depth first, the first matching child wins unless it sets `continue`; a route none of whose
 * children match notifies its own receiver (inherited from its parent when unset). Regular
 * expressions are anchored, as in Alertmanager (JavaScript syntax here; RE2 there).
 *
 * @example
 * receiversFor(notificationPolicy('default').route(route({ severity: 'critical' }).receiver('page')), { severity: 'critical' })
 * // → ['page']
 */
export function receiversFor(root: Route, labels: Readonly<Record<string, string>>): string[] {
  const out: string[] = [];
  walk(root, labels, root.props.receiver ?? '', out);
  return out;
}

function walk(r: Route, labels: Readonly<Record<string, string>>, inherited: string, out: string[]): boolean {
  if (!r.props.matchers.every((m) => labelMatches(m, labels[m.label] ?? ''))) return false;
  const receiver = r.props.receiver ?? inherited;
  let matched = false;
  for (const child of r.props.routes) {
    if (walk(child, labels, receiver, out)) {
      matched = true;
      if (!child.props.continue) break;
    }
  }
  if (!matched) out.push(receiver);
  return true;
}
