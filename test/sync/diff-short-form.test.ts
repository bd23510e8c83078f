// dash diff output sizes: a dashboard to create is summarised (title, folder, counts) unless
// `full`, and every hunk of an update names the panel it changes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dashboardCounts } from '../../lib/sync/dashboard-counts.js';
import { formatPlanMarkdown, formatPlanText, planToJson, unifiedDiff } from '../../lib/sync/diff-format.js';
import { canonicalJson } from '../../lib/sync/normalize.js';
import { canonicalLines, nameHunkPanels, panelTitlesByLine } from '../../lib/sync/panel-lines.js';
import { plan, type DashboardStep } from '../../lib/sync/plan.js';
import type { DashboardResource } from '../../lib/sync/resources.js';

function panelJson(title: string, queries: number, extra: Record<string, unknown> = {}) {
  return {
    title,
    type: 'timeseries',
    gridPos: { h: 8, w: 12, x: 0, y: 0 },
    targets: Array.from({ length: queries }, (_, i) => ({ refId: String.fromCharCode(65 + i), expr: `sum(rate(m_${i}[5m]))` })),
    ...extra,
  };
}

function dashboardResource(json: Record<string, unknown>, folderUid?: string): DashboardResource {
  return {
    kind: 'Dashboard',
    uid: String(json['uid']),
    title: String(json['title']),
    ...(folderUid !== undefined && { folderUid }),
    schema: 'v1',
    json,
    source: 'x.dash.ts',
  };
}

const EMPTY_ACTUAL = { folders: [], dashboards: [], details: new Map() };

describe('canonicalLines', () => {
  it('PROPERTY: lays out any JSON exactly as canonicalJson does (so line numbers agree)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(`${canonicalLines(value).join('\n')}\n`).toBe(canonicalJson(value));
        expect(panelTitlesByLine(value)).toHaveLength(canonicalLines(value).length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('a dashboard to create', () => {
  const big = {
    uid: 'big',
    title: 'Big',
    panels: [
      panelJson('A', 2),
      { type: 'row', title: 'More', collapsed: true, gridPos: { h: 1, w: 24, x: 0, y: 8 }, panels: [panelJson('B', 3), panelJson('C', 0)] },
      ...Array.from({ length: 40 }, (_, i) => panelJson(`P${i}`, 1)),
    ],
  };
  const p = plan({ folders: [], dashboards: [dashboardResource(big, 'infra')] }, EMPTY_ACTUAL, {});

  it('GIVEN a new dashboard THEN text and markdown show title, folder and counts, not its JSON', () => {
    const text = formatPlanText(p, 'files');
    expect(text).toContain('+ dashboard big "Big": create (in "infra"; 43 panels, 45 queries)');
    expect(text).not.toContain('"targets"');
    expect(text.split('\n').length).toBeLessThan(5);
    const md = formatPlanMarkdown(p, 'files');
    expect(md).toContain('43 panels, 45 queries');
    expect(md).not.toContain('```diff');
  });

  it('GIVEN full THEN the whole JSON is printed as before', () => {
    const text = formatPlanText(p, 'files', undefined, { full: true });
    expect(text).toContain('+++ desired/big.json');
    expect(text).toContain('+      "title": "P39",');
    expect(formatPlanMarkdown(p, 'files', undefined, { full: true })).toContain('```diff');
  });

  it('GIVEN json THEN the step carries the counts and the whole diff', () => {
    const step = planToJson(p, 'files').steps[0]!;
    expect(step.counts).toEqual({ panels: 43, queries: 45 });
    expect(step.diff).toContain('+      "title": "P39",');
  });

  it('PROPERTY: counts are the non-row panels (collapsed rows included) and their targets', () => {
    const leaf = fc.record({ title: fc.string(), n: fc.nat(4) });
    const item = fc.oneof(
      leaf.map((l) => ({ kind: 'panel' as const, ...l })),
      fc.array(leaf, { maxLength: 4 }).map((inner) => ({ kind: 'row' as const, inner })),
    );
    fc.assert(
      fc.property(fc.array(item, { maxLength: 12 }), (items) => {
        const panels = items.map((it) =>
          it.kind === 'panel' ? panelJson(it.title, it.n) : { type: 'row', title: 'r', panels: it.inner.map((l) => panelJson(l.title, l.n)) },
        );
        const leaves = items.flatMap((it) => (it.kind === 'panel' ? [it] : it.inner));
        expect(dashboardCounts({ panels })).toEqual({ panels: leaves.length, queries: leaves.reduce((sum, l) => sum + l.n, 0) });
      }),
    );
  });

  it('counts schema v2 elements and their queries', () => {
    const v2 = {
      elements: {
        'panel-1': { kind: 'Panel', spec: { title: 'X', data: { kind: 'QueryGroup', spec: { queries: [{}, {}] } } } },
        'panel-2': { kind: 'Panel', spec: { title: 'Y' } },
      },
    };
    expect(dashboardCounts(v2)).toEqual({ panels: 2, queries: 2 });
  });
});

describe('hunk headers of an update', () => {
  function updateStep(before: Record<string, unknown>, after: Record<string, unknown>): DashboardStep {
    return { kind: 'Dashboard', action: 'update', uid: 'd', title: 'D', before, after };
  }

  it('GIVEN one changed query in panel "Latency" THEN its hunk header names the panel', () => {
    const before = { uid: 'd', title: 'D', panels: [panelJson('Rate', 1), panelJson('Errors', 1), panelJson('Latency', 2), panelJson('Saturation', 1)] };
    const after = structuredClone(before);
    (after.panels[2]!.targets[1] as { expr: string }).expr = 'histogram_quantile(0.99, x)';
    const patch = unifiedDiff(updateStep(before, after));
    expect(patch).toMatch(/^@@ -\d+,\d+ \+\d+,\d+ @@ panel "Latency"$/m);
    expect(patch.match(/^@@/gm)).toHaveLength(1);
  });

  it('names the panel inside a collapsed row, and leaves a top-level change bare', () => {
    const before = {
      uid: 'd',
      title: 'D',
      description: 'a',
      panels: [{ type: 'row', title: 'Row', panels: Array.from({ length: 6 }, (_, i) => panelJson(`In${i}`, 1)) }],
    };
    const after = structuredClone(before);
    after.description = 'b';
    (after.panels[0]!.panels[4] as { description?: string }).description = 'new';
    const headers = unifiedDiff(updateStep(before, after)).match(/^@@.*$/gm);
    expect(headers).toHaveLength(2);
    expect(headers![0]).toMatch(/@@$/);
    expect(headers![1]).toMatch(/@@ panel "In4"$/);
  });

  it('PROPERTY: a change to one field of panel k gives hunks that all name panel k', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.string({ minLength: 1, maxLength: 12 }).filter((t) => t.trim() !== ''),
          { minLength: 1, maxLength: 12 },
        ),
        fc.nat(),
        fc.constantFrom('description', 'title-suffix', 'query', 'remove-query', 'add-field'),
        (titles, pick, change) => {
          const before = { uid: 'd', title: 'D', panels: titles.map((t) => panelJson(t, 2, { description: 'x' })) };
          const k = pick % titles.length;
          const after = structuredClone(before);
          const panel = after.panels[k]! as Record<string, unknown> & { targets: { expr: string }[] };
          if (change === 'description') panel['description'] = 'changed';
          else if (change === 'title-suffix') panel['title'] = `${titles[k]}!`;
          else if (change === 'query') panel.targets[1]!.expr = 'up';
          else if (change === 'remove-query') panel.targets.pop();
          else panel['transparent'] = true;
          const headers = unifiedDiff(updateStep(before, after)).match(/^@@.*$/gm) ?? [];
          expect(headers.length).toBeGreaterThan(0);
          // a renamed panel's hunk may start at its old title (removed line) or its new one
          const names = [JSON.stringify(titles[k]), JSON.stringify(panel['title'])];
          for (const header of headers) expect(names.some((n) => header.endsWith(` panel ${n}`))).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('leaves a patch without hunks in panels untouched', () => {
    const patch = '--- a\n+++ b\n@@ -1,1 +1,1 @@\n-x\n+y';
    expect(nameHunkPanels(patch, { a: 1 }, { a: 2 })).toBe(patch);
  });
});
