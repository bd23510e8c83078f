import type { AnnotationsListOptions } from '../../generated/index.js';
import type { DatasourceLike } from '../datasource.js';
import { initialPanelProps, PanelBuilder } from './panel-builder.js';

/**
 * Annotations as a list (Grafana's `annolist` panel): deploys, incidents, notes. It needs no
 * queries; it reads Grafana's annotation store.
 *
 * @example
 * annotationsList('Deploys').tags('deploy').onlyThisDashboard().limit(20)
 * // → { "type": "annolist", "title": "Deploys", "options": { "tags": ["deploy"], "onlyFromThisDashboard": true, "limit": 20 } }
 */
export class AnnotationsListPanel<K extends string = string> extends PanelBuilder<K, AnnotationsListOptions, Record<string, never>> {
  override datasource<D extends string>(datasource: DatasourceLike<D>): AnnotationsListPanel<D> {
    return super.datasource(datasource) as unknown as AnnotationsListPanel<D>;
  }

  /** Only annotations carrying all these tags. */
  tags(...tags: string[]): this {
    return this.options({ tags });
  }

  /** Only annotations of this dashboard. */
  onlyThisDashboard(only = true): this {
    return this.options({ onlyFromThisDashboard: only });
  }

  /** Only annotations within the dashboard's time range. */
  onlyInTimeRange(only = true): this {
    return this.options({ onlyInTimeRange: only });
  }

  /** The most annotations listed. */
  limit(limit: number): this {
    return this.options({ limit });
  }

  /** @internal */
  override get needsTargets(): boolean {
    return false;
  }
}

/** An annotations list panel (see {@link AnnotationsListPanel}). */
export function annotationsList(title?: string): AnnotationsListPanel {
  return new AnnotationsListPanel(initialPanelProps('annolist', title));
}
