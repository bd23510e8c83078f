import type { RowBuilder } from './row.js';
import type { SectionContent } from './section-content.js';
import type { TabBuilder } from './tab.js';

/** A feature only dashboard schema v2 can express, and where it is used. */
export interface V2OnlyFeature {
  /** Path inside the dashboard, e.g. `['row "Logs"']` (empty: the dashboard itself). */
  readonly path: readonly string[];
  /** What it is, e.g. `a show/hide rule`. */
  readonly feature: string;
}

/**
 * Every v2-only feature in a dashboard's content (see {@link v2OnlyFeatures}, which takes the
 * builder). The v1 renderer reads the content, not the builder, so it does not import it.
 * @internal
 *
 * @example
 * v2OnlyFeaturesOf({ panels: [], rows: [row('Logs').showIf(hasData())], tabs: [] })
 * // → [{ path: ['row "Logs"'], feature: 'a show/hide rule' }]
 */
export function v2OnlyFeaturesOf(parts: SectionContent): V2OnlyFeature[] {
  const found: V2OnlyFeature[] = [];
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
