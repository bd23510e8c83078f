/** Columns of Grafana's dashboard grid. */
export const GRID_COLUMNS = 24;

/** A position on the grid, as Grafana's `gridPos`. */
export interface GridPosition {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/**
 * Where a panel asks to be: `x` is its column (0–23), `y` its grid row counted from the top
 * of its section's content (0 is the line right below the row header, or the top of the
 * dashboard for panels above the first row).
 */
export interface ExplicitPosition {
  readonly x: number;
  readonly y: number;
}

/** One panel to lay out: its size, and optionally a fixed place within its section. */
export interface LayoutPanel {
  readonly width: number;
  readonly height: number;
  /** Fixed place; without it the panel flows. */
  readonly position?: ExplicitPosition;
}

/** A run of panels, optionally under a row header. */
export interface LayoutSection {
  /** Absent for the panels above the first row. */
  readonly row?: { readonly collapsed: boolean };
  /** Panel sizes (and explicit positions) in declaration order. */
  readonly panels: readonly LayoutPanel[];
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
 * A panel with an explicit `position` is placed exactly there (y relative to its section's
 * content top; x clamped so it stays inside the 24 columns, y to at least 0) and takes no
 * part in the flow: the flowing panels of its section, declared before or after it, never
 * overlap it (a flowing panel that would moves down below it), and the section ends below it.
 * Explicit panels overlapping each other are not moved (validation reports them).
 *
 * @example
 * layoutGrid([{ panels: [{ width: 12, height: 8 }, { width: 12, height: 8 }, { width: 24, height: 4 }] }])
 * // → [{ panels: [{ x: 0, y: 0, w: 12, h: 8 }, { x: 12, y: 0, w: 12, h: 8 }, { x: 0, y: 8, w: 24, h: 4 }] }]
 *
 * // A tall panel with two stacked beside it: the second of those needs a fixed place.
 * layoutGrid([{ panels: [{ width: 8, height: 8 }, { width: 16, height: 4 }, { width: 16, height: 4, position: { x: 8, y: 4 } }] }])
 * // → [{ panels: [{ x: 0, y: 0, w: 8, h: 8 }, { x: 8, y: 0, w: 16, h: 4 }, { x: 8, y: 4, w: 16, h: 4 }] }]
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

function flowPanels(panels: readonly LayoutPanel[], contentTop: number): { positions: GridPosition[]; bottom: number } {
  const sized = panels.map(({ width, height }) => ({ w: clampInt(width, 1, GRID_COLUMNS), h: clampInt(height, 1, Number.MAX_SAFE_INTEGER) }));
  // Explicit panels are placed first: flowing panels declared before them must avoid them too.
  const fixed = new Map<number, GridPosition>();
  panels.forEach(({ position }, i) => {
    if (position === undefined) return;
    const { w, h } = sized[i]!;
    fixed.set(i, { x: clampInt(position.x, 0, GRID_COLUMNS - w), y: contentTop + clampInt(position.y, 0, Number.MAX_SAFE_INTEGER), w, h });
  });
  const obstacles = [...fixed.values()];
  // skyline[c] is the lowest grid row in column c occupied by a flowing panel so far.
  const skyline: number[] = new Array<number>(GRID_COLUMNS).fill(contentTop);
  let x = 0;
  const positions = sized.map(({ w, h }, i) => {
    const explicit = fixed.get(i);
    if (explicit) return explicit;
    if (x + w > GRID_COLUMNS) x = 0;
    const placed = { x, y: Math.max(...skyline.slice(x, x + w)), w, h };
    // Below any explicit panel in the way (each jump passes only rows that collide).
    for (let blocker = obstacles.find((o) => boxesOverlap(o, placed)); blocker; blocker = obstacles.find((o) => boxesOverlap(o, placed))) {
      placed.y = blocker.y + blocker.h;
    }
    for (let c = x; c < x + w; c++) skyline[c] = placed.y + h;
    x += w;
    return placed;
  });
  return { positions, bottom: Math.max(...skyline, ...obstacles.map((o) => o.y + o.h)) };
}

/** Whether two grid boxes share a cell. */
export function boxesOverlap(a: GridPosition, b: GridPosition): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

function clampInt(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min;
  return Math.min(max, Math.max(min, Math.round(value)));
}
