/** Columns of Grafana's dashboard grid. */
export const GRID_COLUMNS = 24;

/** A position on the grid, as Grafana's `gridPos`. */
export interface GridPosition {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** A run of panels, optionally under a row header. */
export interface LayoutSection {
  /** Absent for the panels above the first row. */
  readonly row?: { readonly collapsed: boolean };
  /** Panel sizes in declaration order. */
  readonly panels: readonly { readonly width: number; readonly height: number }[];
}

/** Where a section's row header and panels go. */
export interface PlacedSection {
  readonly row?: GridPosition;
  /** Positions in declaration order (same indexes as the input). */
  readonly panels: readonly GridPosition[];
}

/**
 * Lays sections out on the 24-column grid. Panels flow left to right in declaration order and
 * wrap to a new line when the next one does not fit; each panel then sits as high as the
 * panels above it allow, which is where Grafana's own gravity would move it, so a dashboard
 * keeps its layout after a round trip through Grafana. A row header takes a full-width line
 * of height 1. A collapsed row's panels are laid out as if the row were open (Grafana places
 * them so when it expands) but take no space: the next row follows the header directly.
 * Widths are clamped to 1–24 and heights to at least 1, so nothing ever overlaps.
 *
 * @example
 * layoutGrid([{ panels: [{ width: 12, height: 8 }, { width: 12, height: 8 }, { width: 24, height: 4 }] }])
 * // → [{ panels: [{ x: 0, y: 0, w: 12, h: 8 }, { x: 12, y: 0, w: 12, h: 8 }, { x: 0, y: 8, w: 24, h: 4 }] }]
 */
export function layoutGrid(sections: readonly LayoutSection[]): PlacedSection[] {
  let top = 0;
  return sections.map((section) => {
    const row = section.row ? { x: 0, y: top, w: GRID_COLUMNS, h: 1 } : undefined;
    const contentTop = row ? top + 1 : top;
    const { positions, bottom } = flowPanels(section.panels, contentTop);
    top = section.row?.collapsed ? contentTop : bottom;
    return row ? { row, panels: positions } : { panels: positions };
  });
}

function flowPanels(
  panels: readonly { readonly width: number; readonly height: number }[],
  contentTop: number,
): { positions: GridPosition[]; bottom: number } {
  // skyline[c] is the lowest occupied grid row in column c so far.
  const skyline: number[] = new Array<number>(GRID_COLUMNS).fill(contentTop);
  let x = 0;
  const positions = panels.map(({ width, height }) => {
    const w = clampInt(width, 1, GRID_COLUMNS);
    const h = clampInt(height, 1, Number.MAX_SAFE_INTEGER);
    if (x + w > GRID_COLUMNS) x = 0;
    const y = Math.max(...skyline.slice(x, x + w));
    for (let c = x; c < x + w; c++) skyline[c] = y + h;
    const placed = { x, y, w, h };
    x += w;
    return placed;
  });
  return { positions, bottom: Math.max(...skyline) };
}

function clampInt(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min;
  return Math.min(max, Math.max(min, Math.round(value)));
}
