import type { NewsOptions } from '../../generated/index.js';
import type { DatasourceLike } from '../datasource.js';
import { initialPanelProps, PanelBuilder } from './panel-builder.js';

/**
 * An RSS or Atom feed (Grafana's `news` panel). It needs no queries.
 *
 * @example
 * news('Status').feed('https://status.example.com/history.rss').showImage(false)
 * // → { "type": "news", "title": "Status", "options": { "feedUrl": "https://status.example.com/history.rss", "showImage": false } }
 */
export class NewsPanel<K extends string = string> extends PanelBuilder<K, NewsOptions, Record<string, never>> {
  override datasource<D extends string>(datasource: DatasourceLike<D>): NewsPanel<D> {
    return super.datasource(datasource) as unknown as NewsPanel<D>;
  }

  /** The URL of the RSS or Atom feed. */
  feed(url: string): this {
    return this.options({ feedUrl: url });
  }

  /** Shows each item's image. */
  showImage(show = true): this {
    return this.options({ showImage: show });
  }

  /** @internal */
  override get needsTargets(): boolean {
    return false;
  }
}

/** A news feed panel (see {@link NewsPanel}). */
export function news(title?: string): NewsPanel {
  return new NewsPanel(initialPanelProps('news', title));
}
