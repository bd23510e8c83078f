import { GRID_COLUMNS } from '../../layout/grid-layout.js';

/** A panel's size and the position it must end up at. */
export interface PlacedBox {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/**
 * An order in which to declare a section's panels so that the 24-column flow layout (see
 * layoutGrid) puts every one exactly at its `x`/`y`, or undefined when no order found
 * greedily does. The layout only ever places a panel at the cursor (or at x 0 after a wrap),
 * as high as the panels above allow; so at each step the panel taken is the highest, then
 * leftmost, of those that would land on their own position.
 *
 * @example
 * flowOrder([{ x: 12, y: 0, w: 12, h: 4 }, { x: 0, y: 0, w: 12, h: 4 }], 0) // → [1, 0]
 */
export function flowOrder(boxes: readonly PlacedBox[], contentTop: number): number[] | undefined {
  const skyline = new Array<number>(GRID_COLUMNS).fill(contentTop);
  const remaining = boxes.map((_, i) => i).sort((a, b) => boxes[a]!.y - boxes[b]!.y || boxes[a]!.x - boxes[b]!.x);
  const order: number[] = [];
  let cursor = 0;
  while (remaining.length > 0) {
    let chosen = -1;
    let chosenX = 0;
    for (let k = 0; k < remaining.length; k++) {
      const b = boxes[remaining[k]!]!;
      const x = cursor + b.w > GRID_COLUMNS ? 0 : cursor;
      if (x !== b.x) continue;
      let y = 0;
      for (let c = x; c < x + b.w; c++) y = Math.max(y, skyline[c]!);
      if (y !== b.y) continue;
      chosen = k;
      chosenX = x;
      break;
    }
    if (chosen < 0) return undefined;
    const index = remaining.splice(chosen, 1)[0]!;
    const b = boxes[index]!;
    for (let c = chosenX; c < chosenX + b.w; c++) skyline[c] = b.y + b.h;
    cursor = chosenX + b.w;
    order.push(index);
  }
  return order;
}
