import { isPlainObject } from '../model/deep-merge.js';

/** How big a dashboard is, for the short form of a create in `dash diff`. */
export interface DashboardCounts {
  /** Panels, rows excluded, collapsed rows' panels included (schema v2: elements). */
  panels: number;
  /** Queries of all panels (classic `targets`, v2 `data.spec.queries`). */
  queries: number;
}

/**
 * Counts the panels and queries of a dashboard's JSON, classic or schema v2.
 *
 * @example
 * dashboardCounts({ panels: [{ type: 'row', panels: [{ type: 'stat', targets: [{ refId: 'A' }] }] }] })
 * // → { panels: 1, queries: 1 }
 */
export function dashboardCounts(dashboard: Readonly<Record<string, unknown>>): DashboardCounts {
  const counts: DashboardCounts = { panels: 0, queries: 0 };
  const countPanel = (panel: unknown): void => {
    if (!isPlainObject(panel)) return;
    if (panel['type'] === 'row') {
      if (Array.isArray(panel['panels'])) panel['panels'].forEach(countPanel);
      return;
    }
    counts.panels++;
    if (Array.isArray(panel['targets'])) counts.queries += panel['targets'].length;
  };
  if (Array.isArray(dashboard['panels'])) dashboard['panels'].forEach(countPanel);
  const elements = dashboard['elements'];
  if (isPlainObject(elements)) {
    for (const element of Object.values(elements)) {
      counts.panels++;
      const data = isPlainObject(element) && isPlainObject(element['spec']) ? element['spec']['data'] : undefined;
      const queries = isPlainObject(data) && isPlainObject(data['spec']) ? data['spec']['queries'] : undefined;
      if (Array.isArray(queries)) counts.queries += queries.length;
    }
  }
  return counts;
}
