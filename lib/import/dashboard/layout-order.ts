import { boxesOverlap, GRID_COLUMNS, type GridPosition } from '../../layout/grid-layout.js';

/** A panel's size and the position it must end up at. */
export interface PlacedBox {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** How to declare a section's panels so that the layout puts each exactly at its place. */
export interface FlowPlan {
  /** Declaration order (indexes into the input). */
  readonly order: readonly number[];
  /** The panels that need an explicit position; every other one flows. */
  readonly explicit: ReadonlySet<number>;
}

// Candidates tried when the flow is stuck; sections are small, and the first few in reading
// order are the ones that unblock it.
const LOOKAHEAD = 8;

/**
 * A declaration order for a section's panels, and the fewest explicit positions found, with
 * which the 24-column flow layout (see layoutGrid) puts every panel exactly at its `x`/`y`.
 * The flow only ever places a panel at the cursor (or at x 0 after a wrap), as high as the
 * flowing panels above allow and below any explicit panel in the way; so at each step the
 * panel taken is the highest, then leftmost, of those that would land on their own position.
 * When none would, one panel gets an explicit position (which does not move the cursor): the
 * one that, tried greedily to the end, leaves the fewest explicit positions. Panels that
 * overlap each other in the input are not reproduced (the caller checks the result).
 *
 * @example
 * flowPlan([{ x: 12, y: 0, w: 12, h: 4 }, { x: 0, y: 0, w: 12, h: 4 }], 0) // → { order: [1, 0], explicit: Set {} }
 * // a tall panel with two stacked beside it: the lower one is explicit
 * flowPlan([{ x: 0, y: 0, w: 8, h: 8 }, { x: 8, y: 0, w: 16, h: 4 }, { x: 8, y: 4, w: 16, h: 4 }], 0)
 * // → { order: [0, 1, 2], explicit: Set { 2 } }
 */
export function flowPlan(boxes: readonly PlacedBox[], contentTop: number): FlowPlan {
  const state: PlanState = {
    skyline: new Array<number>(GRID_COLUMNS).fill(contentTop),
    cursor: 0,
    remaining: boxes.map((_, i) => i).sort((a, b) => boxes[a]!.y - boxes[b]!.y || boxes[a]!.x - boxes[b]!.x),
    obstacles: [],
    order: [],
    explicit: new Set(),
  };
  run(boxes, state, true);
  return { order: state.order, explicit: state.explicit };
}

interface PlanState {
  skyline: number[];
  cursor: number;
  remaining: number[];
  obstacles: GridPosition[];
  order: number[];
  explicit: Set<number>;
}

function run(boxes: readonly PlacedBox[], state: PlanState, lookahead: boolean): void {
  while (state.remaining.length > 0) {
    const k = state.remaining.findIndex((i) => lands(boxes[i]!, state));
    if (k >= 0) {
      const index = state.remaining.splice(k, 1)[0]!;
      const b = boxes[index]!;
      for (let c = b.x; c < b.x + b.w; c++) state.skyline[c] = b.y + b.h;
      state.cursor = b.x + b.w;
      state.order.push(index);
      continue;
    }
    let pick = 0;
    if (lookahead) {
      let fewest = Number.POSITIVE_INFINITY;
      for (let k = 0; k < Math.min(LOOKAHEAD, state.remaining.length); k++) {
        const trial = clone(state);
        makeExplicit(boxes, trial, k);
        run(boxes, trial, false);
        if (trial.explicit.size < fewest) {
          fewest = trial.explicit.size;
          pick = k;
        }
      }
    }
    makeExplicit(boxes, state, pick);
  }
}

function lands(b: PlacedBox, state: PlanState): boolean {
  const x = state.cursor + b.w > GRID_COLUMNS ? 0 : state.cursor;
  if (x !== b.x) return false;
  const placed = { x, y: 0, w: b.w, h: b.h };
  for (let c = x; c < x + b.w; c++) placed.y = Math.max(placed.y, state.skyline[c]!);
  for (let blocker = state.obstacles.find((o) => boxesOverlap(o, placed)); blocker; blocker = state.obstacles.find((o) => boxesOverlap(o, placed))) {
    placed.y = blocker.y + blocker.h;
  }
  return placed.y === b.y;
}

function makeExplicit(boxes: readonly PlacedBox[], state: PlanState, k: number): void {
  const index = state.remaining.splice(k, 1)[0]!;
  state.obstacles.push({ ...boxes[index]! });
  state.explicit.add(index);
  state.order.push(index);
}

function clone(state: PlanState): PlanState {
  return {
    skyline: [...state.skyline],
    cursor: state.cursor,
    remaining: [...state.remaining],
    obstacles: [...state.obstacles],
    order: [...state.order],
    explicit: new Set(state.explicit),
  };
}
