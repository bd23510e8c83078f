import type { AutoGridBuilder } from './auto-grid.js';
import type { JsonObject } from './deep-merge.js';
import type { AnyPanel, RowBuilder } from './row.js';
import type { ShowHideRule } from './show-hide-rule.js';
import type { TabBuilder } from './tab.js';

/**
 * What a dashboard, a row or a tab holds. One kind of grouping per level, as Grafana's schema
 * v2 lays them out: panels on the fixed grid, or an auto grid, or rows, or tabs. Panels (or an
 * auto grid) before rows sit in a leading row without header, as Grafana's own conversion does.
 */
export interface SectionContent {
  readonly panels: readonly AnyPanel[];
  readonly rows: readonly RowBuilder[];
  readonly tabs: readonly TabBuilder[];
  readonly autoGrid?: AutoGridBuilder;
}

/** What a row and a tab hold besides their content: a title, a repeat, a show/hide rule and `$merge` patches. */
export interface SectionProps extends SectionContent {
  readonly title: string;
  readonly repeat?: string;
  readonly rule?: ShowHideRule;
  readonly merges: readonly JsonObject[];
}

/**
 * The props patch appending `more` to one list of a section's content (what `panel`, `row` and
 * `tabs` of a dashboard, row or tab do). @internal
 *
 * @example
 * appendTo('panels', [a], [b]) // → { panels: [a, b] }
 */
export function appendTo<K extends 'panels' | 'rows' | 'tabs'>(key: K, current: SectionContent[K], more: SectionContent[K]): Pick<SectionContent, K> {
  // Frozen here, so the builder keeps this fresh list instead of a frozen copy of it.
  return { [key]: Object.freeze([...current, ...more]) } as unknown as Pick<SectionContent, K>;
}

/** How a section's content is laid out, or why it cannot be. @internal */
export type ContentShape =
  | { readonly kind: 'grid'; readonly panels: readonly AnyPanel[] }
  | { readonly kind: 'auto-grid'; readonly grid: AutoGridBuilder }
  | { readonly kind: 'rows'; readonly leading?: ContentShape; readonly rows: readonly RowBuilder[] }
  | { readonly kind: 'tabs'; readonly tabs: readonly TabBuilder[] }
  | { readonly kind: 'invalid'; readonly problem: string };

/**
 * The layout of a section's content (pure): tabs alone, rows (after optional leading panels or
 * auto grid), an auto grid alone, or panels. @internal
 *
 * @example
 * contentShape({ panels: [p], rows: [r], tabs: [] }) // → { kind: 'rows', leading: { kind: 'grid', panels: [p] }, rows: [r] }
 */
export function contentShape(content: SectionContent): ContentShape {
  const { panels, rows, tabs, autoGrid } = content;
  if (tabs.length > 0) {
    if (panels.length > 0 || rows.length > 0 || autoGrid) {
      return { kind: 'invalid', problem: 'holds tabs and also panels, rows or an auto grid; put those inside a tab (one kind of grouping per level)' };
    }
    return { kind: 'tabs', tabs };
  }
  if (autoGrid && panels.length > 0) {
    return { kind: 'invalid', problem: 'holds an auto grid and also panels on the fixed grid; add the panels to the auto grid (autoGrid().panel(…))' };
  }
  const loose: ContentShape | undefined = autoGrid
    ? { kind: 'auto-grid', grid: autoGrid }
    : panels.length > 0 || rows.length === 0
      ? { kind: 'grid', panels }
      : undefined;
  if (rows.length > 0) return { kind: 'rows', ...(loose && { leading: loose }), rows };
  return loose ?? { kind: 'grid', panels };
}

/** True when the content needs schema v2 (tabs or an auto grid at this level). @internal */
export function contentNeedsV2(content: SectionContent): boolean {
  return content.tabs.length > 0 || content.autoGrid !== undefined;
}
