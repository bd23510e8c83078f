import type { JsonObject } from '../deep-merge.js';
import { ImmutableBuilder } from '../immutable-builder.js';
import { DEFAULT_PANEL_SIZE, type RenderedPanel } from './panel-builder.js';

const LIBRARY_PANEL_BRAND: unique symbol = Symbol.for('grafts.library-panel');

/** What this builder holds: the type parameter of its base class (no entry exports it). */
export interface LibraryPanelProps {
  readonly uid: string;
  readonly name: string;
  readonly title?: string;
  readonly width?: number;
  readonly height?: number;
  readonly position?: { readonly x: number; readonly y: number };
  readonly merges: readonly JsonObject[];
}

/**
 * A reference to a library panel kept in Grafana: the dashboard stores only the reference and
 * its place on the grid; Grafana fills in the panel when the dashboard loads.
 *
 * @example
 * libraryPanel('a1b2c3', 'Cluster CPU').size(24, 6)
 * // → { "title": "Cluster CPU", "libraryPanel": { "uid": "a1b2c3", "name": "Cluster CPU" } } (+ id, gridPos)
 */
export class LibraryPanel extends ImmutableBuilder<LibraryPanelProps> {
  /** @internal */
  get [LIBRARY_PANEL_BRAND](): true {
    return true;
  }

  /** The title shown on this dashboard (default: the library panel's name). */
  title(title: string): this {
    return this.with({ title });
  }

  // width/height/size/position mirror PanelBuilder's one-line setters on purpose: a library panel
  // reference is no PanelBuilder (it has no queries or field config), and the grid logic that reads
  // these props (through layoutSize/layoutPosition) is in the shared grid layout.
  /** Width in grid columns, 1–24 (default 12). */
  width(width: number): this {
    return this.with({ width });
  }

  /** Height in grid rows (default 8). */
  height(height: number): this {
    return this.with({ height });
  }

  /** Width and height in one call. */
  size(width: number, height: number): this {
    return this.with({ width, height });
  }

  /** Fixes the reference's place within its row (see `position` on any panel builder). */
  position(x: number, y: number): this {
    return this.with({ position: { x, y } });
  }

  /** @internal */
  layoutPosition(): { x: number; y: number } | undefined {
    return this.props.position ? { ...this.props.position } : undefined;
  }

  /** @internal */
  layoutSize(): { width: number; height: number } {
    return { width: this.props.width ?? DEFAULT_PANEL_SIZE.width, height: this.props.height ?? DEFAULT_PANEL_SIZE.height };
  }

  /** @internal */
  get titleText(): string {
    return this.props.title ?? this.props.name;
  }

  /** The reference as Grafana stores it, without `id` and `gridPos`. */
  build(): Omit<RenderedPanel, 'type'> {
    const p = this.props;
    return this.applyMerges({ title: p.title ?? p.name, libraryPanel: { uid: p.uid, name: p.name } });
  }
}

/** True for a library panel reference (works across copies of the library). */
export function isLibraryPanel(value: unknown): value is LibraryPanel {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[LIBRARY_PANEL_BRAND] === true;
}

/** A reference to the library panel `uid` named `name` (see {@link LibraryPanel}). */
export function libraryPanel(uid: string, name: string): LibraryPanel {
  return new LibraryPanel({ uid, name, merges: [] });
}
