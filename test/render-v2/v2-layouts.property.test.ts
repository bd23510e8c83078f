import { existsSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderDashboardV2, row, tab, timeseries, prometheus, toV2beta1Spec, type DashboardV2Spec, type V2Layout } from '../../lib/index.js';
import { renderDashboard } from '../../lib/model/dashboard-render.js';
import { v2SpecOfClassic } from '../../lib/render/v2/v2-spec-of-classic.js';
import { promDs } from '../support/fixtures.js';
import { upstreamV2SchemaPath, validateUpstreamV2Spec } from '../support/upstream-v2-schema.js';
import { v1DashboardArb, v2DashboardArb } from '../support/v2-arbitraries.js';

/** Every element reference in a layout, in layout order. */
function references(layout: V2Layout): string[] {
  switch (layout.kind) {
    case 'GridLayout':
      return layout.spec.items.map((i) => i.spec.element.name);
    case 'AutoGridLayout':
      return layout.spec.items.map((i) => i.spec.element.name);
    case 'RowsLayout':
      return layout.spec.rows.flatMap((r) => references(r.spec.layout));
    case 'TabsLayout':
      return layout.spec.tabs.flatMap((t) => references(t.spec.layout));
  }
}

function expectSchemaValid(spec: DashboardV2Spec) {
  for (const version of ['v2', 'v2beta1'] as const) {
    const result = validateUpstreamV2Spec(version === 'v2' ? spec : toV2beta1Spec(spec), version);
    if (result === null) expect(existsSync(upstreamV2SchemaPath(version))).toBe(false);
    else expect(result.errors).toEqual([]);
  }
}

describe('v2 layouts (generated dashboards)', () => {
  it('PROPERTY: any layout of panels, rows, tabs, auto grids and rules renders without problems, validates against the v2 and v2beta1 schemas, and references every element exactly once', () => {
    fc.assert(
      fc.property(v2DashboardArb, (d) => {
        const { spec, problems } = renderDashboardV2(d);
        expect(problems).toEqual([]);
        expectSchemaValid(spec);
        const refs = references(spec.layout);
        expect(new Set(refs).size).toBe(refs.length);
        expect([...refs].sort()).toEqual(Object.keys(spec.elements).sort());
        // element names are panel-<id> with the element's own id
        for (const [name, element] of Object.entries(spec.elements)) expect(name).toBe(`panel-${element.spec.id}`);
      }),
      { numRuns: 150 },
    );
  });

  it('PROPERTY: rendering is deterministic (same input, same JSON)', () => {
    fc.assert(
      fc.property(v2DashboardArb, (d) => {
        expect(JSON.stringify(renderDashboardV2(d).spec)).toBe(JSON.stringify(renderDashboardV2(d).spec));
      }),
      { numRuns: 50 },
    );
  });

  it('PROPERTY: a dashboard v1 can express renders in v2 exactly as Grafana converts its v1 JSON (same element names, positions, rows)', () => {
    fc.assert(
      fc.property(v1DashboardArb, (d) => {
        const v1 = renderDashboard(d.parts());
        expect(v1.problems).toEqual([]);
        const converted = v2SpecOfClassic(v1.json as unknown as Record<string, unknown>, () => {
          throw new Error('unexpected problem converting');
        });
        const { spec, problems } = renderDashboardV2(d);
        expect(problems).toEqual([]);
        expect(spec).toEqual(converted);
      }),
      { numRuns: 150 },
    );
  });

  it('PROPERTY: adding a tab or row at the end renames no existing element', () => {
    fc.assert(
      fc.property(v2DashboardArb, (d) => {
        const parts = d.parts();
        const added = timeseries('Added').datasource(promDs).target(prometheus('up'));
        // one kind of grouping per level: a dashboard with tabs takes a tab, one with rows a row
        const grown = parts.tabs.length > 0 ? d.tabs(tab('New').panel(added)) : parts.rows.length > 0 ? d.row(row('New').panel(added)) : undefined;
        fc.pre(grown !== undefined);
        const before = renderDashboardV2(d).spec;
        const after = renderDashboardV2(grown!);
        expect(after.problems).toEqual([]);
        for (const [name, element] of Object.entries(before.elements)) expect(after.spec.elements[name]).toEqual(element);
        expect(Object.keys(after.spec.elements)).toHaveLength(Object.keys(before.elements).length + 1);
      }),
      { numRuns: 80 },
    );
  });
});
