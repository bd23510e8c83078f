import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dashboard, prometheus, row, timeseries } from '../../lib/index.js';
import type { Problem } from '../../lib/model/validation-error.js';
import type { LoadedProject } from '../../lib/project/load-project.js';
import { renderProjectWithMixins } from '../../lib/project/render-with-mixins.js';
import { renderEachDashboard, renderProject, type ProjectEntry, type RenderedDashboard } from '../../lib/render/render-project.js';

/** A project entry per spec: a valid dashboard, one with a duplicate uid, one with a query naming an undefined variable, or not a dashboard. */
type EntrySpec = { kind: 'ok' | 'duplicate-uid' | 'bad-query' | 'not-a-dashboard'; panels: number };
const entrySpec = fc.record({
  kind: fc.constantFrom<EntrySpec['kind']>('ok', 'ok', 'ok', 'duplicate-uid', 'bad-query', 'not-a-dashboard'),
  panels: fc.integer({ min: 1, max: 4 }),
});

function entriesOf(specs: readonly EntrySpec[]): ProjectEntry[] {
  return specs.map((spec, i) => {
    const source = `dashboards/d${i}.dash.ts`;
    if (spec.kind === 'not-a-dashboard') return { source, exported: { title: 'not a builder' } };
    const expr = spec.kind === 'bad-query' ? 'up{job="$undefined_variable"}' : `up{job="d${i}"}`;
    const panels = Array.from({ length: spec.panels }, (_, p) => timeseries(`P${p}`).target(prometheus(expr)));
    const uid = spec.kind === 'duplicate-uid' && i > 0 ? 'd0' : `d${i}`;
    return {
      source,
      exported: dashboard(`D${i}`)
        .uid(uid)
        .row(row('R').panel(...panels)),
    };
  });
}

function project(entries: ProjectEntry[]): LoadedProject {
  return { dir: '/p', configFile: undefined, config: {}, outDir: '/p/out', files: entries.map((e) => e.source), entries };
}

const problemsOf = (run: () => unknown): Problem[] | undefined => {
  try {
    run();
    return undefined;
  } catch (error) {
    return (error as { problems?: Problem[] }).problems;
  }
};

describe('rendering a project one dashboard at a time (dash build keeps none of them)', () => {
  it('yields what renderProject returns, in order, with the same problems', () => {
    fc.assert(
      fc.property(fc.array(entrySpec, { minLength: 1, maxLength: 6 }), (specs) => {
        // GIVEN a project of valid and invalid entries
        const entries = entriesOf(specs);
        // WHEN it is rendered one dashboard at a time, and all at once
        const problems: Problem[] = [];
        const each = [...renderEachDashboard(entries, {}, problems)];
        const whole = problemsOf(() => renderProject(entries));
        // THEN the problems are the same, and without problems so are the dashboards
        expect(problems.length > 0 ? problems : undefined).toEqual(whole);
        if (problems.length === 0) expect(each).toEqual(renderProject(entries).dashboards);
      }),
      { numRuns: 40 },
    );
  });

  it('renders the next dashboard only when asked for it', () => {
    // GIVEN two dashboards, the second one invalid
    const entries = entriesOf([
      { kind: 'ok', panels: 1 },
      { kind: 'bad-query', panels: 1 },
    ]);
    const problems: Problem[] = [];
    const each = renderEachDashboard(entries, {}, problems);
    // WHEN only the first is taken / THEN the second has not been rendered (no problem yet)
    expect(each.next().value).toMatchObject({ uid: 'd0' });
    expect(problems).toEqual([]);
    // AND taking the second reports its problem
    expect(each.next().value).toMatchObject({ uid: 'd1' });
    expect(problems.length).toBeGreaterThan(0);
  });

  it('hands dashboards over while they are valid and keeps none, with the same result and problems', () => {
    fc.assert(
      fc.property(fc.array(entrySpec, { minLength: 1, maxLength: 6 }), (specs) => {
        // GIVEN a loaded project
        const loaded = project(entriesOf(specs));
        // WHEN rendered with onDashboard, and without
        const handed: RenderedDashboard[] = [];
        const streamed = problemsOf(() => {
          const result = renderProjectWithMixins(loaded, {}, { onDashboard: (d) => handed.push(d) });
          // THEN nothing is kept in the result
          expect(result.dashboards.dashboards).toEqual([]);
        });
        const kept = problemsOf(() => renderProjectWithMixins(loaded, {}));
        // AND the problems are the same; a valid project hands over every dashboard, in order
        expect(streamed).toEqual(kept);
        if (kept === undefined) expect(handed).toEqual(renderProjectWithMixins(loaded, {}).dashboards.dashboards);
      }),
      { numRuns: 40 },
    );
  });
});
