import type { DashboardListOptions } from '../../generated/index.js';
import type { DatasourceLike } from '../datasource.js';
import { initialPanelProps, PanelBuilder } from './panel-builder.js';

/**
 * Links to other dashboards (Grafana's `dashlist` panel): a search by text, tags or folder,
 * starred and recently viewed ones. It needs no queries.
 *
 * @example
 * dashboardList('Related').search({ tags: ['kubernetes'] }).maxItems(20).keepTime()
 * // → { "type": "dashlist", "title": "Related",
 * //     "options": { "showSearch": true, "tags": ["kubernetes"], "maxItems": 20, "keepTime": true } }
 */
export class DashboardListPanel<K extends string = string> extends PanelBuilder<K, DashboardListOptions, Record<string, never>> {
  override datasource<D extends string>(datasource: DatasourceLike<D>): DashboardListPanel<D> {
    return super.datasource(datasource) as unknown as DashboardListPanel<D>;
  }

  /** Lists the dashboards a search finds: by title text, tags and folder. */
  search(search: { query?: string; tags?: string[]; folderUID?: string } = {}): this {
    return this.options({ showSearch: true, ...search });
  }

  /** Lists the viewer's starred dashboards. */
  starred(show = true): this {
    return this.options({ showStarred: show });
  }

  /** Lists the viewer's recently viewed dashboards. */
  recentlyViewed(show = true): this {
    return this.options({ showRecentlyViewed: show });
  }

  /** Shows a heading above each section. */
  headings(show = true): this {
    return this.options({ showHeadings: show });
  }

  /** The most dashboards per section. */
  maxItems(maxItems: number): this {
    return this.options({ maxItems });
  }

  /** Carries the current time range over to the linked dashboards. */
  keepTime(keep = true): this {
    return this.options({ keepTime: keep });
  }

  /** Carries the current variable values over to the linked dashboards. */
  includeVars(include = true): this {
    return this.options({ includeVars: include });
  }

  /** @internal */
  override get needsTargets(): boolean {
    return false;
  }
}

/** A dashboard list panel (see {@link DashboardListPanel}). */
export function dashboardList(title?: string): DashboardListPanel {
  return new DashboardListPanel(initialPanelProps('dashlist', title));
}
