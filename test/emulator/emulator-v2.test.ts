/**
 * Emulator-only schema v2 behaviour: the classic ↔ v2 conversions (properties over generated
 * dashboards), the dynamic-dashboards UI save, failed conversions and the request log's record
 * of which body family each dashboard write sent.
 */
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { classicToV2, v2ToClassic } from '../../lib/testing/dashboard-conversion.js';
import { startGrafanaEmulator, type GrafanaEmulator } from '../../lib/testing/index.js';
import { httpClient, type Call } from './contract-target.js';

const GROUP = 'dashboard.grafana.app';

/** Classic dashboards: grid panels, then rows (expanded or collapsed) with their children, ids 1..n in order. */
const classicDashboard = fc
  .record({
    top: fc.array(
      fc.record({
        type: fc.constantFrom('timeseries', 'stat', 'table'),
        w: fc.integer({ min: 1, max: 24 }),
        h: fc.integer({ min: 1, max: 12 }),
        queries: fc.integer({ min: 0, max: 3 }),
      }),
      { maxLength: 4 },
    ),
    rows: fc.array(
      fc.record({
        title: fc.string({ minLength: 1, maxLength: 8 }),
        collapsed: fc.boolean(),
        panels: fc.array(
          fc.record({
            type: fc.constantFrom('timeseries', 'stat'),
            w: fc.integer({ min: 1, max: 24 }),
            h: fc.integer({ min: 1, max: 12 }),
            queries: fc.integer({ min: 1, max: 2 }),
          }),
          { maxLength: 3 },
        ),
      }),
      { maxLength: 3 },
    ),
  })
  .map(({ top, rows }) => {
    let id = 0;
    let y = 0;
    const panel = (p: { type: string; w: number; h: number; queries: number }) => {
      id += 1;
      const out = {
        id,
        type: p.type,
        title: `p${id}`,
        gridPos: { x: 0, y, w: p.w, h: p.h },
        targets: Array.from({ length: p.queries }, (_, i) => ({
          refId: String.fromCharCode(65 + i),
          expr: `up{n="${id}-${i}"}`,
          datasource: { type: 'prometheus', uid: 'prom' },
        })),
      };
      y += p.h;
      return out;
    };
    const panels: Record<string, unknown>[] = top.map(panel);
    for (const row of rows) {
      id += 1;
      const rowPanel: Record<string, unknown> = {
        id,
        type: 'row',
        title: row.title,
        collapsed: row.collapsed,
        gridPos: { x: 0, y, w: 24, h: 1 },
      };
      y += 1;
      const children = row.panels.map(panel);
      if (row.collapsed) {
        rowPanel.panels = children;
        y -= children.reduce((sum, c) => sum + c.gridPos.h, 0);
        panels.push(rowPanel);
      } else {
        rowPanel.panels = [];
        panels.push(rowPanel, ...children);
      }
    }
    return { title: 'generated', tags: ['a'], panels, schemaVersion: 41 };
  });

type Panel = {
  id: number;
  type: string;
  gridPos: { x: number; y: number; w: number; h: number };
  targets?: { expr: string }[];
  panels?: Panel[];
};
/** Every non-row panel (children of collapsed rows included) with its query expressions, by id. */
function contentOf(dashboard: Record<string, unknown>): Map<number, { type: string; exprs: string[] }> {
  const out = new Map<number, { type: string; exprs: string[] }>();
  const visit = (p: Panel) => {
    if (p.type === 'row') (p.panels ?? []).forEach(visit);
    else
      out.set(p.id, {
        type: p.type,
        exprs: (p.targets ?? []).map((t) => t.expr),
      });
  };
  (dashboard.panels as Panel[]).forEach(visit);
  return out;
}

describe('classic ↔ v2 conversion (grafana-v2.md §3.2–3.3)', () => {
  test('GIVEN any classic dashboard of grid panels and rows WHEN converted to v2 and back THEN every panel keeps its id, type and queries, and each row its title and collapse state', () => {
    fc.assert(
      fc.property(classicDashboard, (dashboard) => {
        const v2 = classicToV2(dashboard, 'v2');
        expect(Object.keys(v2.elements as object).sort()).toEqual([...contentOf(dashboard).keys()].map((id) => `panel-${id}`).sort());
        const back = v2ToClassic(v2);
        expect(contentOf(back)).toEqual(contentOf(dashboard));
        const rows = (p: Record<string, unknown>) => (p.panels as Panel[]).filter((x) => x.type === 'row').map((x) => [(x as any).title, (x as any).collapsed]);
        expect(rows(back)).toEqual(rows(dashboard));
      }),
      { numRuns: 200 },
    );
  });

  test('GIVEN any classic dashboard WHEN converted to v2 THEN the layout is a grid without rows and rows otherwise, with row-relative positions', () => {
    fc.assert(
      fc.property(classicDashboard, (dashboard) => {
        const layout = classicToV2(dashboard, 'v2').layout as {
          kind: string;
          spec: any;
        };
        const hasRows = (dashboard.panels as Panel[]).some((p) => p.type === 'row');
        expect(layout.kind).toBe(hasRows ? 'RowsLayout' : 'GridLayout');
        if (hasRows) for (const row of layout.spec.rows) for (const item of row.spec.layout.spec.items) expect(item.spec.y).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  test('GIVEN transformations WHEN converted for v2 and v2beta1 THEN v2 uses kind Transformation with the id as group and v2beta1 the id as kind', () => {
    const dashboard = {
      title: 't',
      panels: [
        {
          id: 1,
          type: 'table',
          gridPos: { x: 0, y: 0, w: 6, h: 3 },
          transformations: [{ id: 'merge', options: { a: 1 } }],
        },
      ],
    };
    const t = (version: string) => (classicToV2(dashboard, version).elements as any)['panel-1'].spec.data.spec.transformations[0];
    expect(t('v2')).toEqual({
      kind: 'Transformation',
      group: 'merge',
      spec: { options: { a: 1 } },
    });
    expect(t('v2beta1')).toEqual({
      kind: 'merge',
      spec: { id: 'merge', options: { a: 1 } },
    });
    expect((v2ToClassic(classicToV2(dashboard, 'v2')).panels as any)[0].transformations).toEqual([{ id: 'merge', options: { a: 1 } }]);
  });

  test('GIVEN an auto grid in a tab WHEN converted to classic THEN the tab is an expanded row and the items get fixed sizes (24 / maxColumnCount wide)', () => {
    const element = (id: number) => ({
      kind: 'Panel',
      spec: {
        id,
        title: `p${id}`,
        data: { kind: 'QueryGroup', spec: { queries: [] } },
        vizConfig: { kind: 'VizConfig', group: 'stat', spec: {} },
      },
    });
    const spec = {
      title: 'x',
      elements: { a: element(1), b: element(2), c: element(3) },
      layout: {
        kind: 'TabsLayout',
        spec: {
          tabs: [
            {
              kind: 'TabsLayoutTab',
              spec: {
                title: 'T',
                layout: {
                  kind: 'AutoGridLayout',
                  spec: {
                    maxColumnCount: 2,
                    rowHeightMode: 'short',
                    items: ['a', 'b', 'c'].map((name) => ({
                      kind: 'AutoGridLayoutItem',
                      spec: { element: { kind: 'ElementReference', name } },
                    })),
                  },
                },
              },
            },
          ],
        },
      },
    };
    const panels = v2ToClassic(spec).panels as Panel[];
    expect(panels.map((p) => [p.type, p.gridPos])).toEqual([
      ['row', { x: 0, y: 0, w: 24, h: 1 }],
      ['stat', { x: 0, y: 1, w: 12, h: 5 }],
      ['stat', { x: 12, y: 1, w: 12, h: 5 }],
      ['stat', { x: 0, y: 6, w: 12, h: 5 }],
    ]);
    expect(panels[0]!.id).toBe(4);
  });
});

describe('emulator v2 hooks', () => {
  let grafana: GrafanaEmulator;
  let call: Call;
  const ns = 'default';
  const path = (version: string, uid?: string) => `/apis/${GROUP}/${version}/namespaces/${ns}/dashboards${uid ? `/${uid}` : ''}`;

  beforeAll(async () => {
    grafana = await startGrafanaEmulator({ version: '13.0.0' });
    call = httpClient(grafana.url, grafana.token);
  });
  afterAll(() => grafana.stop());
  afterEach(() => grafana.reset());

  const classic = {
    title: 'Svc',
    panels: [
      {
        id: 1,
        type: 'row',
        title: 'Traffic',
        collapsed: false,
        gridPos: { x: 0, y: 0, w: 24, h: 1 },
      },
      {
        id: 2,
        type: 'stat',
        title: 'RPS',
        gridPos: { x: 0, y: 1, w: 6, h: 4 },
      },
    ],
    schemaVersion: 41,
  };

  test('GIVEN a classic dashboard WHEN saved from the v2 UI THEN it is stored as v2 with its rows as tabs, a new version by admin, annotations kept', async () => {
    await call('POST', path('v1'), {
      metadata: {
        name: 'svc',
        annotations: {
          'grafana.app/managedBy': 'kubectl',
          'grafana.app/managerId': 'grafts',
        },
      },
      spec: classic,
    });
    const spec = grafana.simulateUiSaveAsV2('svc');
    expect(spec.layout).toMatchObject({
      kind: 'TabsLayout',
      spec: { tabs: [{ kind: 'TabsLayoutTab', spec: { title: 'Traffic' } }] },
    });
    const stored = grafana.state.dashboards.get('svc')!;
    expect(stored.storedVersion).toBe('v2');
    expect(stored.version).toBe(2);
    expect(stored.updatedBy.login).toBe('admin');
    const read = await call('GET', path('v2', 'svc'));
    expect(read.body.metadata.annotations).toMatchObject({
      'grafana.app/managedBy': 'kubectl',
      'grafana.app/managerId': 'grafts',
    });
    expect(read.body.status).toEqual({});
  });

  test('GIVEN a grid-only dashboard WHEN saved from the v2 UI THEN one Overview tab holds the grid; mutate edits the v2 spec', async () => {
    await call('POST', path('v1'), {
      metadata: { name: 'grid' },
      spec: {
        title: 'Grid',
        panels: [{ id: 1, type: 'stat', gridPos: { x: 0, y: 0, w: 6, h: 4 } }],
      },
    });
    const spec = grafana.simulateUiSaveAsV2('grid', (s) => ({
      ...s,
      title: 'Grid (edited)',
    }));
    expect((spec.layout as any).spec.tabs.map((t: any) => [t.spec.title, t.spec.layout.kind])).toEqual([['Overview', 'GridLayout']]);
    expect(grafana.state.dashboards.get('grid')!.title).toBe('Grid (edited)');
  });

  test('GIVEN Grafana 12.0 WHEN a v2 UI save is simulated THEN it throws (no schema v2 UI)', async () => {
    const old = await startGrafanaEmulator({ version: '12.0.0' });
    try {
      await httpClient(old.url, old.token)('POST', path('v1beta1'), {
        metadata: { name: 'a' },
        spec: { title: 'A' },
      });
      expect(() => old.simulateUiSaveAsV2('a')).toThrow(/has no schema v2 UI/);
      expect((await httpClient(old.url, old.token)('GET', path('v2beta1', 'a'))).status).toBe(404);
    } finally {
      await old.stop();
    }
  });

  test('GIVEN a failing conversion WHEN read in the other family THEN 200, a default spec and status.conversion failed with the error; in its own family THEN as stored', async () => {
    await call('POST', path('v1'), {
      metadata: { name: 'broken' },
      spec: classic,
    });
    grafana.failConversion('broken', 'migration failed: panel 2');
    const other = await call('GET', path('v2', 'broken'));
    expect(other.status).toBe(200);
    expect(other.body.status.conversion).toEqual({
      failed: true,
      storedVersion: 'v1',
      error: 'migration failed: panel 2',
    });
    expect(other.body.spec.elements).toEqual({});
    const own = await call('GET', path('v1beta1', 'broken'));
    expect(own.body.status.conversion).toEqual({
      failed: false,
      storedVersion: 'v1',
    });
    expect(own.body.spec.panels).toHaveLength(2);
  });

  test('GIVEN dashboard writes WHEN served THEN the request log records the body family, the API and the stored version met', async () => {
    await call('POST', path('v2'), {
      metadata: { name: 'd' },
      spec: {
        title: 'D',
        elements: {},
        layout: { kind: 'GridLayout', spec: { items: [] } },
      },
    });
    await call('POST', '/api/dashboards/db', {
      dashboard: { uid: 'd', title: 'D classic' },
      overwrite: true,
    });
    await call('PUT', path('v1', 'd'), {
      metadata: { name: 'd' },
      spec: { title: 'D v1' },
    });
    await call('GET', path('v1', 'd'));
    expect(grafana.requests.filter((r) => r.dashboardWrite).map((r) => r.dashboardWrite)).toEqual([
      { uid: 'd', body: 'v2', via: 'v2' },
      { uid: 'd', body: 'classic', via: 'api', storedVersionBefore: 'v2' },
      { uid: 'd', body: 'classic', via: 'v1', storedVersionBefore: 'v0alpha1' },
    ]);
  });
});
