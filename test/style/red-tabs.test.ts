import { describe, expect, it } from 'vitest';
import { datasourceVariable, red, renderDashboardV2, type V2Layout } from '../../lib/index.js';
import { renderProject } from '../../lib/api/index.js';
import { renderDashboard } from '../../lib/model/dashboard-render.js';

const logsDs = datasourceVariable('logs', 'loki');

describe("red.dashboard with layout: 'tabs'", () => {
  it('GIVEN services WHEN laid out as tabs THEN one tab per service holds its RED row and a logs row shown only with data; variables stay at the top', () => {
    const d = red.dashboard('Shop', ['checkout', 'search'], { layout: 'tabs', logs: logsDs }).variable(logsDs);
    const { spec, problems } = renderDashboardV2(d);
    expect(problems).toEqual([]);
    expect(spec.variables.map((v) => v.spec.name)).toEqual(['datasource', 'job', 'instance', 'logs']);
    const layout = spec.layout as Extract<V2Layout, { kind: 'TabsLayout' }>;
    expect(layout.kind).toBe('TabsLayout');
    expect(layout.spec.tabs.map((t) => t.spec.title)).toEqual(['checkout', 'search']);
    for (const t of layout.spec.tabs) {
      const rows = t.spec.layout.kind === 'RowsLayout' ? t.spec.layout.spec.rows : [];
      expect(rows.map((r) => [r.spec.title, r.spec.conditionalRendering?.spec.items])).toEqual([
        [t.spec.title, undefined],
        ['Logs', [{ kind: 'ConditionalRenderingData', spec: { value: true } }]],
      ]);
    }
    // the same dashboard is v2 without asking, and a v1 output of it is refused naming the feature
    expect(renderProject([{ source: 'shop.dash.ts', exported: d }]).dashboards[0]!.schema).toBe('v2');
    expect(renderDashboard(d.parts()).problems.map((p) => p.message.split(';')[0])).toContain('tabs needs dashboard schema v2');
  });

  it('GIVEN no layout option THEN the dashboard is exactly the rows layout of before (v1, same JSON as layout: rows)', () => {
    const rows = red.dashboard('Shop', ['checkout', 'search']).build();
    expect(red.dashboard('Shop', ['checkout', 'search'], { layout: 'rows', logs: logsDs }).build()).toEqual(rows);
    expect((rows.panels as unknown as { type?: string; title?: string }[]).filter((p) => p.type === 'row').map((p) => p.title)).toEqual(['checkout', 'search']);
  });
});
