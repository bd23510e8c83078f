import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dashboard, GRID_COLUMNS, layoutGrid, row, text, type GridPosition, type LayoutSection } from '../../lib/index.js';

/*
 * The flow rule of lib/layout/grid-layout.ts, restated as properties:
 *  - panels are placed in declaration order on "lines": a line starts at x = 0, and each next
 *    panel goes right after the previous one (x = previous x + previous w) unless it does not
 *    fit in the 24 columns, in which case it starts a new line at x = 0;
 *  - each panel then sits as high as the panels already placed in its columns allow (its y is
 *    the section's content top, or the bottom of a panel above it in one of its columns);
 *  - so a panel that starts a new line is below the first panel of the previous line (that
 *    panel covers column 0), while a panel on the same line may rise above earlier lines.
 *  - a row header is a full-width line of height 1; a collapsed row's panels are laid out as if
 *    the row were open but take no space, so the next section starts right below the header.
 */

interface SectionSpec {
  readonly row?: { readonly collapsed: boolean };
  readonly panels: readonly { readonly width: number; readonly height: number }[];
}

const panelSpec = fc.record({ width: fc.integer({ min: 1, max: 24 }), height: fc.integer({ min: 1, max: 12 }) });
const panelsSpec = fc.array(panelSpec, { minLength: 0, maxLength: 12 });
const sectionsSpec: fc.Arbitrary<SectionSpec[]> = fc
  .tuple(
    fc.option(panelsSpec, { nil: undefined }),
    fc.array(fc.record({ row: fc.record({ collapsed: fc.boolean() }), panels: panelsSpec }), { minLength: 0, maxLength: 5 }),
  )
  .map(([top, rows]) => (top === undefined ? rows : [{ panels: top }, ...rows]));

const RUNS = { numRuns: 300, seed: 20240611 } as const;

function overlaps(a: GridPosition, b: GridPosition): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

function contentTop(section: { row?: GridPosition }, previousBottom: number): number {
  return section.row ? section.row.y + 1 : previousBottom;
}

/** Checks every layout property of one section's placed panels; `top` is where its content starts. */
function checkSection(spec: SectionSpec, positions: readonly GridPosition[], top: number): void {
  expect(positions).toHaveLength(spec.panels.length);
  let lineFirst: GridPosition | undefined;
  positions.forEach((p, i) => {
    // inside the grid, with the requested size
    expect(p.x).toBeGreaterThanOrEqual(0);
    expect(p.x + p.w).toBeLessThanOrEqual(GRID_COLUMNS);
    expect([p.w, p.h]).toEqual([spec.panels[i]!.width, spec.panels[i]!.height]);
    expect(p.y).toBeGreaterThanOrEqual(top);

    // declaration order: same line → right after the previous panel; new line → x 0, because
    // the panel did not fit, and below the first panel of the previous line
    const prev = positions[i - 1];
    if (prev === undefined) {
      expect(p.x).toBe(0);
    } else if (p.x !== 0) {
      expect(p.x).toBe(prev.x + prev.w);
    } else {
      expect(prev.x + prev.w + p.w).toBeGreaterThan(GRID_COLUMNS);
      expect(p.y).toBeGreaterThanOrEqual(lineFirst!.y + lineFirst!.h);
    }
    if (p.x === 0) lineFirst = p;

    // compact: at the content top, or touching the bottom of an earlier panel in one of its columns
    const earlierInColumns = positions.slice(0, i).filter((q) => q.x < p.x + p.w && p.x < q.x + q.w);
    const supports = [top, ...earlierInColumns.map((q) => q.y + q.h)];
    expect(supports).toContain(p.y);
    expect(p.y).toBe(Math.max(...supports));
  });
  // no two panels of the section overlap
  for (let i = 0; i < positions.length; i++) {
    for (let j = i + 1; j < positions.length; j++) expect(overlaps(positions[i]!, positions[j]!)).toBe(false);
  }
}

function bottomOf(positions: readonly GridPosition[], top: number): number {
  return Math.max(top, ...positions.map((p) => p.y + p.h));
}

describe('layoutGrid properties', () => {
  it('random sections: inside 24 columns, no overlaps, declaration order, compact, rows stacked', () => {
    fc.assert(
      fc.property(sectionsSpec, (sections) => {
        // GIVEN random sections WHEN laid out
        const placed = layoutGrid(sections);
        expect(placed).toHaveLength(sections.length);

        // THEN every section satisfies the flow rule, and sections stack without overlapping
        let bottom = 0;
        const visible: GridPosition[] = [];
        const headers: GridPosition[] = [];
        placed.forEach((section, s) => {
          const spec = sections[s]!;
          if (spec.row) {
            expect(section.row).toEqual({ x: 0, y: bottom, w: GRID_COLUMNS, h: 1 });
            headers.push(section.row!);
          } else {
            expect(section.row).toBeUndefined();
          }
          const top = contentTop(section, bottom);
          checkSection(spec, section.panels, top);
          // a row header never overlaps its own panels, even when collapsed
          if (section.row) for (const p of section.panels) expect(overlaps(section.row, p)).toBe(false);
          if (spec.row?.collapsed) {
            bottom = top; // the next section starts right under the collapsed header
          } else {
            visible.push(...section.panels);
            bottom = bottomOf(section.panels, top);
          }
        });
        // no visible panels of different sections overlap; no header overlaps a visible panel
        for (let i = 0; i < visible.length; i++) {
          for (let j = i + 1; j < visible.length; j++) expect(overlaps(visible[i]!, visible[j]!)).toBe(false);
        }
        for (const h of headers) for (const p of visible) expect(overlaps(h, p)).toBe(false);
      }),
      RUNS,
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(sectionsSpec, (sections) => {
        // GIVEN random sections WHEN laid out twice THEN the results are equal
        expect(layoutGrid(sections)).toEqual(layoutGrid(sections));
      }),
      { ...RUNS, numRuns: 100 },
    );
  });
});

describe('dashboard().build() layout properties', () => {
  type Placed = { id: number; type: string; title: string; gridPos: GridPosition; panels?: Placed[]; collapsed?: boolean };

  function buildDashboard(sections: readonly SectionSpec[]) {
    let d = dashboard('Layout').uid('layout');
    sections.forEach((section, s) => {
      const panels = section.panels.map((p, i) => text(`s${s}p${i}`).size(p.width, p.height));
      if (section.row)
        d = d.row(
          row(`row ${s}`)
            .collapsed(section.row.collapsed)
            .panel(...panels),
        );
      else d = d.panel(...panels);
    });
    return d.build();
  }

  it('ids are 1..n in output order, panels sorted by (y, x) per section, positions as layoutGrid computes', () => {
    fc.assert(
      fc.property(sectionsSpec, (sections) => {
        // GIVEN random sections as a dashboard (a dashboard with no rows always has its top section)
        const normalised = sections.length === 0 ? [{ panels: [] }] : sections;
        // WHEN built
        const out = buildDashboard(normalised).panels as unknown as Placed[];

        // THEN ids run 1..n in document order (a collapsed row's panels right after its header)
        const flat = out.flatMap((p) => [p, ...(p.panels ?? [])]);
        expect(flat.map((p) => p.id)).toEqual(flat.map((_, i) => i + 1));

        // AND each section's panels come out sorted by (y, x), at the positions layoutGrid gives
        const placed = layoutGrid(normalised);
        let cursor = 0;
        normalised.forEach((spec, s) => {
          let own: Placed[];
          if (spec.row) {
            const header = out[cursor++]!;
            expect(header).toMatchObject({ type: 'row', title: `row ${s}`, collapsed: spec.row.collapsed, gridPos: placed[s]!.row });
            if (spec.row.collapsed) {
              own = header.panels!;
            } else {
              expect(header.panels).toEqual([]);
              own = out.slice(cursor, cursor + spec.panels.length);
              cursor += spec.panels.length;
            }
          } else {
            own = out.slice(cursor, cursor + spec.panels.length);
            cursor += spec.panels.length;
          }
          expect(own).toHaveLength(spec.panels.length);
          const sorted = [...own].sort((a, b) => a.gridPos.y - b.gridPos.y || a.gridPos.x - b.gridPos.x);
          expect(own).toEqual(sorted);
          for (const p of own) {
            const index = Number(/^s\d+p(\d+)$/.exec(p.title)![1]);
            expect(p.title.startsWith(`s${s}p`)).toBe(true);
            expect(p.gridPos).toEqual(placed[s]!.panels[index]);
          }
        });
        expect(cursor).toBe(out.length);
      }),
      RUNS,
    );
  });
});

describe('layoutGrid properties with explicit positions', () => {
  /*
   * A panel with an explicit position sits exactly there (y from the section's content top) and
   * is not part of the flow; flowing panels keep the flow rule among themselves, never overlap an
   * explicit panel (declared before or after them), and rest on the content top, a flowing panel
   * above them, or an explicit panel above them. The next section starts below all of them.
   */
  type Spec = { width: number; height: number; position?: { x: number; y: number } };
  const explicitSpec = fc
    .record({
      x: fc.integer({ min: 0, max: 23 }),
      y: fc.integer({ min: 0, max: 20 }),
      width: fc.integer({ min: 1, max: 24 }),
      height: fc.integer({ min: 1, max: 12 }),
    })
    .map(({ x, y, width, height }): Spec => ({ width: Math.min(width, GRID_COLUMNS - x), height, position: { x, y } }));
  // Explicit panels that would overlap an earlier explicit one flow instead.
  const mixedPanels = fc.array(fc.oneof(panelSpec as fc.Arbitrary<Spec>, explicitSpec), { minLength: 0, maxLength: 14 }).map((panels) => {
    const fixed: GridPosition[] = [];
    return panels.map((p): Spec => {
      if (!p.position) return p;
      const box = { x: p.position.x, y: p.position.y, w: p.width, h: p.height };
      if (fixed.some((f) => overlaps(f, box))) return { width: p.width, height: p.height };
      fixed.push(box);
      return p;
    });
  });
  const mixedSections = fc
    .tuple(
      fc.option(mixedPanels, { nil: undefined }),
      fc.array(fc.record({ row: fc.record({ collapsed: fc.boolean() }), panels: mixedPanels }), { minLength: 0, maxLength: 4 }),
    )
    .map(([top, rows]): { row?: { collapsed: boolean }; panels: Spec[] }[] => (top === undefined ? rows : [{ panels: top }, ...rows]));

  it('explicit panels sit where asked; flowing panels never overlap them and keep the flow rule', () => {
    fc.assert(
      fc.property(mixedSections, (sections) => {
        // GIVEN random sections mixing flowing panels and non-overlapping explicit ones WHEN laid out
        const placed = layoutGrid(sections);
        let bottom = 0;
        const visible: GridPosition[] = [];
        placed.forEach((section, s) => {
          const spec = sections[s]!;
          if (spec.row) expect(section.row).toEqual({ x: 0, y: bottom, w: GRID_COLUMNS, h: 1 });
          const top = contentTop(section, bottom);
          const explicit = section.panels.filter((_, i) => spec.panels[i]!.position);
          let previous: GridPosition | undefined;
          const flowed: GridPosition[] = [];
          section.panels.forEach((p, i) => {
            const want = spec.panels[i]!;
            expect([p.w, p.h]).toEqual([want.width, want.height]);
            // THEN an explicit panel is exactly at its position, relative to the content top
            if (want.position) {
              expect(p).toEqual({ x: want.position.x, y: top + want.position.y, w: want.width, h: want.height });
              return;
            }
            // AND a flowing panel is inside the grid, follows the previous flowing one or wraps to x 0
            expect(p.x + p.w).toBeLessThanOrEqual(GRID_COLUMNS);
            if (previous === undefined) expect(p.x).toBe(0);
            else if (p.x !== 0) expect(p.x).toBe(previous.x + previous.w);
            else expect(previous.x + previous.w + p.w).toBeGreaterThan(GRID_COLUMNS);
            // AND never overlaps an explicit panel, whatever the declaration order
            for (const e of explicit) expect(overlaps(p, e), JSON.stringify({ p, e })).toBe(false);
            // AND rests on the content top, a flowing panel above, or an explicit panel above
            const inColumns = (q: GridPosition) => q.x < p.x + p.w && p.x < q.x + q.w;
            const flowFloor = Math.max(top, ...flowed.filter(inColumns).map((q) => q.y + q.h));
            expect(p.y).toBeGreaterThanOrEqual(flowFloor);
            expect([flowFloor, ...explicit.filter(inColumns).map((q) => q.y + q.h)]).toContain(p.y);
            flowed.push(p);
            previous = p;
          });
          // AND no two panels of the section overlap
          for (let i = 0; i < section.panels.length; i++) {
            for (let j = i + 1; j < section.panels.length; j++) expect(overlaps(section.panels[i]!, section.panels[j]!)).toBe(false);
          }
          if (spec.row?.collapsed) {
            bottom = top;
          } else {
            visible.push(...section.panels);
            bottom = bottomOf(section.panels, top);
          }
        });
        // AND sections stack: no visible panels of different sections overlap
        for (let i = 0; i < visible.length; i++) {
          for (let j = i + 1; j < visible.length; j++) expect(overlaps(visible[i]!, visible[j]!)).toBe(false);
        }
      }),
      RUNS,
    );
  });

  it('dashboard().build() accepts non-overlapping explicit positions and renders what layoutGrid computes', () => {
    fc.assert(
      fc.property(mixedSections, (sections) => {
        // GIVEN the random sections as a dashboard, explicit positions set with .position()
        const normalised = sections.length === 0 ? [{ panels: [] }] : sections;
        let d = dashboard('Explicit').uid('explicit');
        normalised.forEach((section, s) => {
          const panels = section.panels.map((p, i) => {
            const t = text(`s${s}p${i}`).size(p.width, p.height);
            return p.position ? t.position(p.position.x, p.position.y) : t;
          });
          d = section.row
            ? d.row(
                row(`row ${s}`)
                  .collapsed(section.row.collapsed)
                  .panel(...panels),
              )
            : d.panel(...panels);
        });
        // WHEN built (no validation problem is thrown)
        const out = d.build().panels as unknown as { title: string; gridPos: GridPosition; panels?: { title: string; gridPos: GridPosition }[] }[];
        // THEN every panel is where layoutGrid puts it
        const placed = layoutGrid(normalised);
        for (const p of out.flatMap((q) => [q, ...(q.panels ?? [])])) {
          const match = /^s(\d+)p(\d+)$/.exec(p.title);
          if (match) expect(p.gridPos).toEqual(placed[Number(match[1])]!.panels[Number(match[2])]);
        }
      }),
      { ...RUNS, numRuns: 150 },
    );
  });
});

describe('layoutGrid examples', () => {
  const one = (panels: LayoutSection['panels']) => layoutGrid([{ panels }])[0]!.panels;

  it('two 12-wide panels sit side by side', () => {
    // GIVEN two half-width panels WHEN laid out THEN they share the first line
    expect(
      one([
        { width: 12, height: 8 },
        { width: 12, height: 8 },
      ]),
    ).toEqual([
      { x: 0, y: 0, w: 12, h: 8 },
      { x: 12, y: 0, w: 12, h: 8 },
    ]);
  });

  it('a panel that does not fit wraps to a new line', () => {
    // GIVEN three 10-wide panels WHEN laid out THEN the third wraps to x 0 below the first
    expect(
      one([
        { width: 10, height: 5 },
        { width: 10, height: 5 },
        { width: 10, height: 5 },
      ]),
    ).toEqual([
      { x: 0, y: 0, w: 10, h: 5 },
      { x: 10, y: 0, w: 10, h: 5 },
      { x: 0, y: 5, w: 10, h: 5 },
    ]);
  });

  it('mixed heights compact: a wrapped panel rises to the bottom of what is above it', () => {
    // GIVEN a short and a tall panel on one line, then two more half-width panels
    const placed = one([
      { width: 12, height: 4 },
      { width: 12, height: 8 },
      { width: 12, height: 4 },
      { width: 12, height: 4 },
    ]);
    // WHEN laid out THEN the third sits right under the short one (y 4, not 8), the fourth under the tall one
    expect(placed).toEqual([
      { x: 0, y: 0, w: 12, h: 4 },
      { x: 12, y: 0, w: 12, h: 8 },
      { x: 0, y: 4, w: 12, h: 4 },
      { x: 12, y: 8, w: 12, h: 4 },
    ]);
  });

  it('a narrow panel at the end of a wrapped line can rise above the line start (gravity)', () => {
    // GIVEN a 20-wide tall panel with a 4-wide short one beside it, a 4-wide panel, then 21 + 3 wide panels
    const placed = one([
      { width: 20, height: 10 },
      { width: 4, height: 1 },
      { width: 4, height: 1 },
      { width: 21, height: 1 },
      { width: 3, height: 1 },
    ]);
    // WHEN laid out THEN the last panel sits under the short one at y 1, above its line's first panel
    expect(placed).toEqual([
      { x: 0, y: 0, w: 20, h: 10 },
      { x: 20, y: 0, w: 4, h: 1 },
      { x: 0, y: 10, w: 4, h: 1 },
      { x: 0, y: 11, w: 21, h: 1 },
      { x: 21, y: 1, w: 3, h: 1 },
    ]);
  });

  it('a collapsed row takes one line: the next row follows at y + 1', () => {
    // GIVEN a collapsed row with panels followed by an open row
    const [collapsed, open] = layoutGrid([
      {
        row: { collapsed: true },
        panels: [
          { width: 24, height: 8 },
          { width: 12, height: 4 },
        ],
      },
      { row: { collapsed: false }, panels: [{ width: 24, height: 3 }] },
    ]);
    // WHEN laid out THEN the collapsed row's panels are placed as if open, and the next header is right below it
    expect(collapsed!.row).toEqual({ x: 0, y: 0, w: 24, h: 1 });
    expect(collapsed!.panels).toEqual([
      { x: 0, y: 1, w: 24, h: 8 },
      { x: 0, y: 9, w: 12, h: 4 },
    ]);
    expect(open!.row).toEqual({ x: 0, y: 1, w: 24, h: 1 });
    expect(open!.panels).toEqual([{ x: 0, y: 2, w: 24, h: 3 }]);
  });

  it('top-level panels come before the first row, which starts below them', () => {
    // GIVEN top-level panels and a row WHEN laid out THEN the row header is under the tallest top panel
    const [top, first] = layoutGrid([
      {
        panels: [
          { width: 6, height: 4 },
          { width: 18, height: 2 },
        ],
      },
      { row: { collapsed: false }, panels: [] },
    ]);
    expect(top!.row).toBeUndefined();
    expect(first!.row).toEqual({ x: 0, y: 4, w: 24, h: 1 });
  });

  it('clamps widths to 1–24 and heights to at least 1 (validation reports them separately)', () => {
    // GIVEN out-of-range sizes WHEN laid out THEN they are clamped so nothing overlaps
    expect(
      one([
        { width: 0, height: 0 },
        { width: 30, height: 2 },
        { width: 1.5, height: Number.NaN },
      ]),
    ).toEqual([
      { x: 0, y: 0, w: 1, h: 1 },
      { x: 0, y: 1, w: 24, h: 2 },
      { x: 0, y: 3, w: 2, h: 1 },
    ]);
  });
});
