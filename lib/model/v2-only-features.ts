import type { DashboardBuilder } from './dashboard.js';
import type { RowBuilder } from './row.js';
import type { TabBuilder } from './tab.js';

/** A feature only dashboard schema v2 can express, and where it is used. */
export interface V2OnlyFeature {
  /** Path inside the dashboard, e.g. `['row "Logs"']` (empty: the dashboard itself). */
  readonly path: readonly string[];
  /** What it is, e.g. `a show/hide rule`. */
  readonly feature: string;
}

/**
 * Every v2-only feature a dashboard uses (pure): tabs, auto grids, show/hide rules, and rows
 * holding rows, tabs or an auto grid. A dashboard with none renders the same in v1 and v2.
 *
 * @example
 * v2OnlyFeatures(dashboard('A').row(row('Logs').showIf(hasData())))
 * // → [{ path: ['row "Logs"'], feature: 'a show/hide rule' }]
 */
export function v2OnlyFeatures(dashboard: DashboardBuilder): V2OnlyFeature[] {
  const found: V2OnlyFeature[] = [];
  const parts = dashboard.parts();
  if (parts.tabs.length > 0) found.push({ path: [], feature: 'tabs' });
  if (parts.autoGrid) found.push({ path: [], feature: 'an auto grid' });
  const visitRow = (row: RowBuilder, at: readonly string[]) => {
    const p = row.parts();
    const path = [...at, `row "${p.title}"`];
    if (p.rule) found.push({ path, feature: 'a show/hide rule' });
    if (p.rows.length > 0) found.push({ path, feature: 'rows inside a row' });
    if (p.tabs.length > 0) found.push({ path, feature: 'tabs inside a row' });
    if (p.autoGrid) found.push({ path, feature: 'an auto grid' });
    for (const r of p.rows) visitRow(r, path);
    for (const t of p.tabs) visitTab(t, path);
  };
  const visitTab = (tab: TabBuilder, at: readonly string[]) => {
    const p = tab.parts();
    const path = [...at, `tab "${p.title}"`];
    for (const r of p.rows) visitRow(r, path);
    for (const t of p.tabs) visitTab(t, path);
  };
  for (const r of parts.rows) visitRow(r, []);
  for (const t of parts.tabs) visitTab(t, []);
  return found;
}
