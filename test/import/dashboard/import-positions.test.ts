import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importDashboard } from '../../../lib/import/dashboard/import-dashboard.js';
import { flowPlan } from '../../../lib/import/dashboard/layout-order.js';
import { boxesOverlap, layoutGrid } from '../../../lib/layout/grid-layout.js';
import { buildGenerated } from './build-generated.js';

const box = (x: number, y: number, w: number, h: number) => ({ x, y, w, h });
const text = (id: number, title: string, gridPos: ReturnType<typeof box>) => ({
  type: 'text',
  id,
  title,
  gridPos,
  options: { content: title, mode: 'markdown' },
});

/** Lays a plan out and returns the positions in the input's order. */
function replay(boxes: ReturnType<typeof box>[], top: number) {
  const plan = flowPlan(boxes, top);
  const panels = plan.order.map((i) => ({
    width: boxes[i]!.w,
    height: boxes[i]!.h,
    ...(plan.explicit.has(i) ? { position: { x: boxes[i]!.x, y: boxes[i]!.y - top } } : {}),
  }));
  const placed = layoutGrid([{ row: { collapsed: false }, panels }])[0]!.panels;
  const byInput = new Array<unknown>(boxes.length);
  plan.order.forEach((i, k) => (byInput[i] = placed[k]));
  return { explicit: [...plan.explicit].sort(), placed: byInput };
}

describe('flowPlan', () => {
  it('GIVEN a layout the flow reproduces in some order THEN that order, no explicit position', () => {
    // a short and a tall panel side by side, then two half-width panels under them, given out of order
    const boxes = [box(12, 9, 12, 4), box(0, 1, 12, 4), box(0, 5, 12, 4), box(12, 1, 12, 8)];
    expect(replay(boxes, 1)).toEqual({ explicit: [], placed: boxes });
  });

  it('GIVEN panels stacked beside a taller one THEN only the ones the flow cannot place are explicit', () => {
    // a tall panel left, three stacked right, a full-width footer
    const boxes = [box(0, 1, 8, 12), box(8, 1, 16, 4), box(8, 5, 16, 4), box(8, 9, 16, 4), box(0, 13, 24, 2)];
    expect(replay(boxes, 1)).toEqual({ explicit: [2, 3], placed: boxes });
  });

  it('GIVEN any panels that do not overlap THEN laying out the plan puts every one exactly at its place', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            x: fc.integer({ min: 0, max: 23 }),
            y: fc.integer({ min: 1, max: 30 }),
            w: fc.integer({ min: 1, max: 24 }),
            h: fc.integer({ min: 1, max: 10 }),
          }),
          { maxLength: 16 },
        ),
        (candidates) => {
          // GIVEN random boxes inside the grid below a row header, the overlapping ones dropped
          const boxes: ReturnType<typeof box>[] = [];
          for (const c of candidates) {
            const b = box(c.x, c.y, Math.min(c.w, 24 - c.x), c.h);
            if (!boxes.some((o) => boxesOverlap(o, b))) boxes.push(b);
          }
          // WHEN planned and laid out THEN every box is reproduced
          expect(replay(boxes, 1).placed).toEqual(boxes);
        },
      ),
      { numRuns: 300, seed: 20261121 },
    );
  });
});

describe('importDashboard with layouts the flow cannot make', () => {
  it('GIVEN panels stacked beside a taller one WHEN imported THEN only those get .position(x, y), relative to the row, and the code builds back exactly', async () => {
    const input = {
      uid: 'stacked',
      title: 'Stacked',
      schemaVersion: 39,
      panels: [
        text(1, 'Intro', box(0, 0, 24, 2)),
        { type: 'row', id: 2, title: 'Overview', collapsed: false, panels: [], gridPos: box(0, 2, 24, 1) },
        text(3, 'Tall', box(0, 3, 8, 12)),
        text(4, 'First', box(8, 3, 16, 4)),
        text(5, 'Second', box(8, 7, 16, 4)),
        text(6, 'Third', box(8, 11, 16, 4)),
        text(7, 'Footer', box(0, 15, 24, 2)),
      ],
    };
    // WHEN imported
    const result = await importDashboard(structuredClone(input), { source: 'stacked.json' });
    // THEN the importer's verdict is exact, with no layout difference
    expect(result.differences).toEqual([]);
    expect(result.exact).toBe(true);
    // AND exactly the two lower stacked panels carry explicit positions, y counted from the row's content top
    expect(result.code.match(/\.position\(\d+, \d+\)/g)).toEqual(['.position(8, 4)', '.position(8, 8)']);
    // AND the generated module type-checks and builds back the input's positions
    const { typeErrors, built } = await buildGenerated([result]);
    expect(typeErrors).toEqual([]);
    const panels = built[0]!.json!.panels as unknown as { title: string; gridPos: unknown }[];
    expect(panels.map((p) => [p.title, p.gridPos])).toEqual(input.panels.map((p) => [p.title, p.gridPos]));
  }, 120_000);

  it('GIVEN a layout the flow reproduces WHEN imported THEN no .position appears', async () => {
    const input = {
      uid: 'flow',
      title: 'Flow',
      schemaVersion: 39,
      panels: [text(1, 'A', box(0, 0, 12, 4)), text(2, 'B', box(12, 0, 12, 8)), text(3, 'C', box(0, 4, 12, 4))],
    };
    const result = await importDashboard(structuredClone(input), { source: 'flow.json' });
    expect(result.exact).toBe(true);
    expect(result.code).not.toContain('.position(');
  });
});
