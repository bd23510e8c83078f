// No import cycles in lib/ and cli/: modules load in one order, and every import points down
// the layering of DESIGN.md. The graph comes from the TypeScript sources (test/support/module-graph.ts);
// the cycle finder is checked against brute-force reachability on generated graphs.
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importCycles, moduleGraph, type ModuleEdge } from '../support/module-graph.js';

const REPO = path.resolve(import.meta.dirname, '../..');

// Type-only cycles (erased at build, so they cannot affect load order) that remain on purpose:
// types that describe one recursive structure. Each entry is a reviewed decision; remove it
// when the types move, and never add a cycle with a run-time import.
const ACCEPTED_TYPE_CYCLES = [
  // Generated from one JSON Schema: a panel's targets reference data sources and vice versa.
  ['lib/generated/dashboard.gen.ts', 'lib/generated/queries.gen.ts'],
  // A lint rule checks the lint inputs; the inputs carry the rules' finding locations.
  ['lib/lint/model.ts', 'lib/lint/types.ts'],
  // Sections nest: a row holds tabs and an auto grid, a tab holds rows.
  ['lib/model/auto-grid.ts', 'lib/model/row.ts', 'lib/model/section-content.ts', 'lib/model/tab.ts'],
];

describe('import cycles', () => {
  const graph = moduleGraph(['lib', 'cli'], REPO);

  it('GIVEN lib/ and cli/ WHEN run-time imports are followed THEN no module reaches itself', () => {
    expect(graph.length).toBeGreaterThan(500); // the walker read the tree, not an empty list
    expect(importCycles(graph.filter((e) => !e.typeOnly))).toEqual([]);
  });

  it('GIVEN lib/ and cli/ WHEN type imports are followed too THEN the only cycles are the accepted type-only ones', () => {
    expect(importCycles(graph)).toEqual(ACCEPTED_TYPE_CYCLES);
  });

  it('GIVEN the dashboard builder and its renderer WHEN their imports are read THEN the renderer does not import the builder', () => {
    const renderers = ['lib/model/dashboard-render.ts', 'lib/model/dashboard-render-context.ts', 'lib/model/v2-feature-scan.ts'];
    expect(graph.filter((e) => renderers.includes(e.from) && e.to === 'lib/model/dashboard.ts')).toEqual([]);
  });
});

describe('importCycles (the cycle finder)', () => {
  const node = fc.integer({ min: 0, max: 9 }).map((n) => `m${n}.ts`);
  const edges = fc.array(fc.record({ from: node, to: node, typeOnly: fc.boolean() }), { maxLength: 30 });

  it('GIVEN any graph WHEN cycles are found THEN two modules share a cycle exactly when each reaches the other', () => {
    fc.assert(
      fc.property(edges, (graph: ModuleEdge[]) => {
        const reach = reachability(graph);
        const cycles = importCycles(graph);
        const cycleOf = new Map(cycles.flatMap((c) => c.map((m) => [m, c] as const)));
        const nodes = [...new Set(graph.flatMap((e) => [e.from, e.to]))];
        for (const a of nodes) {
          // a module is in a reported cycle iff it reaches itself
          expect(cycleOf.has(a)).toBe(reach.get(a)!.has(a));
          for (const b of nodes) {
            const together = cycleOf.get(a) !== undefined && cycleOf.get(a) === cycleOf.get(b);
            expect(together).toBe(a !== b ? reach.get(a)!.has(b) && reach.get(b)!.has(a) : reach.get(a)!.has(a));
          }
        }
        for (const c of cycles) expect(c).toEqual([...c].sort());
      }),
    );
  });

  it('GIVEN a long chain closed into a ring WHEN cycles are found THEN one cycle holds every module (no recursion limit)', () => {
    const n = 20_000;
    const ring = Array.from({ length: n }, (_, i) => ({ from: `m${i}`, to: `m${(i + 1) % n}`, typeOnly: false }));
    const cycles = importCycles(ring);
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toHaveLength(n);
  });
});

function reachability(graph: readonly ModuleEdge[]): Map<string, Set<string>> {
  const next = new Map<string, string[]>();
  for (const { from, to } of graph) {
    next.set(from, [...(next.get(from) ?? []), to]);
    if (!next.has(to)) next.set(to, []);
  }
  const reach = new Map<string, Set<string>>();
  for (const start of next.keys()) {
    const seen = new Set<string>();
    const stack = [...next.get(start)!];
    while (stack.length > 0) {
      const m = stack.pop()!;
      if (seen.has(m)) continue;
      seen.add(m);
      stack.push(...next.get(m)!);
    }
    reach.set(start, seen);
  }
  return reach;
}
