import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dashboard, dashboardV2Resource, renderDashboardV2, text, timeseries, prometheus, toV2beta1Spec } from '../../lib/index.js';
import { renderProject } from '../../lib/api/index.js';
import { desiredStateOf } from '../../lib/sync/desired-state.js';
import { promDs } from '../support/fixtures.js';
import { fullDashboard } from '../support/full-dashboard.js';
import { upstreamV2SchemaPath, validateUpstreamV2Spec } from '../support/upstream-v2-schema.js';

function expectValidV2(spec: unknown, version: 'v2' | 'v2beta1' = 'v2', relaxed = false) {
  const result = validateUpstreamV2Spec(spec, version, { relaxed });
  if (result === null) expect(existsSync(upstreamV2SchemaPath(version))).toBe(false);
  else expect(result.errors).toEqual([]);
}

describe('renderDashboardV2', () => {
  it('GIVEN a dashboard with everything v1 holds WHEN rendered as v2 THEN the spec validates and keeps every part', () => {
    const { uid, spec, problems } = renderDashboardV2(fullDashboard());
    expect(problems).toEqual([]);
    expect(uid).toBe('checkout-api');
    expect(spec).not.toHaveProperty('uid');
    expectValidV2(spec, 'v2', true);
    // every panel of the v1 rendering is an element named after its id; variables, annotations and links carried over
    const v1 = fullDashboard().build();
    const v1Panels = (v1.panels as unknown as Record<string, unknown>[]).flatMap((p) =>
      p.type === 'row' ? ((p.panels as Record<string, unknown>[]) ?? []) : [p],
    );
    expect(Object.keys(spec.elements).sort()).toEqual(v1Panels.map((p) => `panel-${String(p.id)}`).sort());
    expect(spec.variables.map((v) => v.spec.name)).toEqual(v1.templating.list!.map((v) => v.name));
    expect(spec.annotations).toHaveLength(v1.annotations.list!.length);
    expect(spec.links).toHaveLength(v1.links!.length);
    expect(spec.cursorSync).toBe('Crosshair');
    expect(spec.timeSettings).toMatchObject({
      from: 'now-3h',
      to: 'now',
      autoRefresh: '30s',
      autoRefreshIntervals: ['30s', '1m', '5m'],
      timezone: 'utc',
      weekStart: 'monday',
    });
    expect(spec.layout.kind).toBe('RowsLayout');
  });

  it('GIVEN a dashboard without rows THEN the layout is a GridLayout with the v1 positions', () => {
    const d = dashboard('Plain').panel(text('A').content('a').size(12, 4), text('B').content('b').size(12, 4));
    const { spec, problems } = renderDashboardV2(d);
    expect(problems).toEqual([]);
    expectValidV2(spec);
    expect(spec.layout).toEqual({
      kind: 'GridLayout',
      spec: {
        items: [
          { kind: 'GridLayoutItem', spec: { x: 0, y: 0, width: 12, height: 4, element: { kind: 'ElementReference', name: 'panel-1' } } },
          { kind: 'GridLayoutItem', spec: { x: 12, y: 0, width: 12, height: 4, element: { kind: 'ElementReference', name: 'panel-2' } } },
        ],
      },
    });
  });

  it('GIVEN a query on the default data source THEN its group is the query kind', () => {
    const d = dashboard('Default').panel(timeseries('Up').target(prometheus('up')));
    const { spec, problems } = renderDashboardV2(d);
    expect(problems).toEqual([]);
    const element = spec.elements['panel-1']!;
    expect(element.kind === 'Panel' && element.spec.data.spec.queries[0]!.spec.query).toEqual({
      kind: 'DataQuery',
      group: 'prometheus',
      version: 'v0',
      spec: { expr: 'up' },
    });
  });

  it('GIVEN a $merge that adds a key v2 has no place for THEN it is a problem naming the key, not a silent drop', () => {
    const d = dashboard('Merged').panel(text('A').content('a').$merge({ gridPosExtra: 1 }));
    const { problems } = renderDashboardV2(d);
    expect(problems.map((p) => p.message)).toContain('panel key "gridPosExtra" has no place in dashboard schema v2');
  });
});

describe('toV2beta1Spec and dashboardV2Resource', () => {
  it('GIVEN transformations THEN v2beta1 uses the { kind: <id>, spec: { id } } shape and both validate', () => {
    const d = dashboard('T').panel(
      timeseries('X')
        .datasource(promDs)
        .target(prometheus('up'))
        .transformation('organize', { renameByName: { a: 'b' } }),
    );
    const { spec } = renderDashboardV2(d.variable(promDs));
    const element = spec.elements['panel-1']!;
    expect(element.kind === 'Panel' && element.spec.data.spec.transformations).toEqual([
      { kind: 'Transformation', group: 'organize', spec: { options: { renameByName: { a: 'b' } } } },
    ]);
    const beta = toV2beta1Spec({ ...spec, preferences: {} });
    expect(beta).not.toHaveProperty('preferences');
    expect((beta.elements as Record<string, { spec: { data: { spec: { transformations: unknown } } } }>)['panel-1']!.spec.data.spec.transformations).toEqual([
      { kind: 'organize', spec: { id: 'organize', options: { renameByName: { a: 'b' } } } },
    ]);
    expectValidV2(spec, 'v2');
    expectValidV2(beta, 'v2beta1');
  });

  it('wraps a spec as a resource named by the uid', () => {
    const { spec } = renderDashboardV2(dashboard('R').panel(text('A').content('a')));
    expect(dashboardV2Resource('r', spec, { apiVersion: 'v2', annotations: { 'grafana.app/folder': 'team' } })).toEqual({
      apiVersion: 'dashboard.grafana.app/v2',
      kind: 'Dashboard',
      metadata: { name: 'r', annotations: { 'grafana.app/folder': 'team' } },
      spec,
    });
    expect(dashboardV2Resource('r', spec, { apiVersion: 'v2beta1', labels: {} })).toEqual({
      apiVersion: 'dashboard.grafana.app/v2beta1',
      kind: 'Dashboard',
      metadata: { name: 'r' },
      spec: toV2beta1Spec(spec),
    });
  });
});

describe('schema through renderProject and desiredStateOf', () => {
  it('GIVEN .schema("v2") on one dashboard THEN it renders as a v2 spec and the desired state carries schema v2', () => {
    const rendered = renderProject([
      { source: 'a.dash.ts', exported: [dashboard('A').schema('v2').panel(text('A').content('a')), dashboard('B').panel(text('B').content('b'))] },
    ]);
    expect(rendered.dashboards.map((d) => [d.uid, d.schema])).toEqual([
      ['a', 'v2'],
      ['b', 'v1'],
    ]);
    const [a] = rendered.dashboards;
    expect(a!.json).toHaveProperty('layout');
    expect(a!.json).not.toHaveProperty('uid');
    const desired = desiredStateOf(rendered, []);
    expect(desired.dashboards.map((d) => [d.uid, d.schema, 'elements' in d.json])).toEqual([
      ['a', 'v2', true],
      ['b', 'v1', false],
    ]);
  });

  it('GIVEN a forced schema THEN it wins over .schema(); a default applies only where none is set', () => {
    const entries = [
      { source: 'a.dash.ts', exported: [dashboard('A').schema('v2').panel(text('A').content('a')), dashboard('B').panel(text('B').content('b'))] },
    ];
    expect(renderProject(entries, { schema: 'v1' }).dashboards.map((d) => d.schema)).toEqual(['v1', 'v1']);
    expect(renderProject(entries, { defaultSchema: 'v2' }).dashboards.map((d) => d.schema)).toEqual(['v2', 'v2']);
    expect(renderProject(entries, { schema: 'v2' }).dashboards.map((d) => d.schema)).toEqual(['v2', 'v2']);
  });
});
