import type { CanvasElementOptions, CanvasOptions } from '../../generated/index.js';
import type { DatasourceLike } from '../datasource.js';
import { initialPanelProps, PanelBuilder } from './panel-builder.js';

/**
 * Free-form elements (text, icons, metric values, shapes, connections) placed on a canvas
 * (Grafana's `canvas` panel). Elements are usually laid out in Grafana's editor and kept as
 * `elements(...)`; queries are optional (static canvases have none).
 *
 * @example
 * canvas('Topology').inlineEditing(false).elements({ type: 'text', name: 'Title', config: { text: { fixed: 'API' } } })
 * // → { "type": "canvas", …, "options": { "inlineEditing": false,
 * //     "root": { "type": "frame", "name": "Element root", "elements": [{ "type": "text", "name": "Title", … }] } } }
 */
export class CanvasPanel<K extends string = string> extends PanelBuilder<K, CanvasOptions, Record<string, never>> {
  override datasource<D extends string>(datasource: DatasourceLike<D>): CanvasPanel<D> {
    return super.datasource(datasource) as unknown as CanvasPanel<D>;
  }

  /** Lets viewers move and edit elements on the dashboard. */
  inlineEditing(enabled = true): this {
    return this.options({ inlineEditing: enabled });
  }

  /** Lets viewers pan and zoom the canvas. */
  panZoom(enabled = true): this {
    return this.options({ panZoom: enabled });
  }

  /** The canvas's elements, in drawing order (replaces any set before). */
  elements(...elements: CanvasElementOptions[]): this {
    const root = { type: 'frame', name: 'Element root', ...((this.props.options as CanvasOptions).root ?? {}), elements: structuredClone(elements) };
    return this.with({ options: { ...this.props.options, root } as never });
  }

  /** @internal */
  override get needsTargets(): boolean {
    return false;
  }
}

/** A canvas panel (see {@link CanvasPanel}). */
export function canvas(title?: string): CanvasPanel {
  return new CanvasPanel(initialPanelProps('canvas', title));
}
