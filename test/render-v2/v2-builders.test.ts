import { describe, expect, it } from 'vitest';
import {
  allOf,
  anyOf,
  autoGrid,
  dashboard,
  hasData,
  isValidationError,
  libraryPanel,
  prometheus,
  renderDashboardV2,
  row,
  stat,
  tab,
  text,
  timeRangeLessThan,
  timeseries,
  variableEquals,
  variableMatches,
} from '../../lib/index.js';
import { renderProject } from '../../lib/api/index.js';
import { renderDashboard } from '../../lib/model/dashboard-render.js';
import { promDs } from '../support/fixtures.js';
import { env, region } from '../support/v2-arbitraries.js';

const up = () => stat('Up').datasource(promDs).target(prometheus('up'));
const base = () => dashboard('Dyn').uid('dyn').variable(promDs, env, region);
const messages = (problems: readonly { message: string }[]) => problems.map((p) => p.message);

describe('v2-only features asked of a v1 output', () => {
  const cases = [
    ['tabs', base().tabs(tab('A').panel(up()))],
    ['an auto grid', base().autoGrid(autoGrid().panel(up()))],
    ['a show/hide rule', base().row(row('R').showIf(hasData()).panel(up()))],
    ['rows inside a row', base().row(row('Outer').row(row('Inner').panel(up())))],
    ['tabs inside a row', base().row(row('Outer').tabs(tab('T').panel(up())))],
    ['an auto grid', base().row(row('Grid').autoGrid(autoGrid().panel(up())))],
  ] as const;

  it.each(cases)('GIVEN %s WHEN rendered as v1 THEN a problem names the feature and the dashboard', (feature, d) => {
    const { problems } = renderDashboard(d.parts());
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path[0]).toBe('dashboard "Dyn"');
    expect(problems[0]!.message).toBe(
      `${feature} needs dashboard schema v2; render this dashboard as v2 (.schema('v2'), schema: 'v2' in dash.config.ts, or --schema v2)`,
    );
    // THEN the same dashboard renders as v2 without problems
    expect(renderDashboardV2(d).problems).toEqual([]);
  });

  it('GIVEN a dashboard with tabs and no schema THEN the project renders it as v2; forced to v1 it fails naming the feature', () => {
    const entries = [{ source: 'dyn.dash.ts', exported: base().tabs(tab('A').panel(up())) }];
    expect(renderProject(entries).dashboards[0]!.schema).toBe('v2');
    expect(renderProject(entries, { defaultSchema: 'v1' }).dashboards[0]!.schema).toBe('v2');
    let error: unknown;
    try {
      renderProject(entries, { schema: 'v1' });
    } catch (e) {
      error = e;
    }
    expect(isValidationError(error) && error.problems.map((p) => [p.path.join(' › '), p.message.split(';')[0]])).toEqual([
      ['dyn.dash.ts › dashboard "Dyn"', 'tabs needs dashboard schema v2'],
    ]);
  });
});

describe('show/hide rules', () => {
  it('renders conditions in order, joined by and unless one anyOf group is given', () => {
    const d = base().row(
      row('Prod').showIf(variableEquals(env, 'prod'), timeRangeLessThan('7d')).panel(up()),
      row('Either')
        .hideIf(anyOf(variableMatches(region, '^eu'), hasData(false)))
        .panel(up()),
    );
    const { spec, problems } = renderDashboardV2(d);
    expect(problems).toEqual([]);
    const rows = spec.layout.kind === 'RowsLayout' ? spec.layout.spec.rows : [];
    expect(rows.map((r) => r.spec.conditionalRendering)).toEqual([
      {
        kind: 'ConditionalRenderingGroup',
        spec: {
          visibility: 'show',
          condition: 'and',
          items: [
            { kind: 'ConditionalRenderingVariable', spec: { variable: 'env', operator: 'equals', value: 'prod' } },
            { kind: 'ConditionalRenderingTimeRangeSize', spec: { value: '7d' } },
          ],
        },
      },
      {
        kind: 'ConditionalRenderingGroup',
        spec: {
          visibility: 'hide',
          condition: 'or',
          items: [
            { kind: 'ConditionalRenderingVariable', spec: { variable: 'region', operator: 'matches', value: '^eu' } },
            { kind: 'ConditionalRenderingData', spec: { value: false } },
          ],
        },
      },
    ]);
  });

  it('flattens allOf among conditions; rejects an anyOf among others, an unknown variable and a bad duration', () => {
    const flat = renderDashboardV2(
      base().tabs(
        tab('T')
          .showIf(allOf(hasData(), variableEquals(env, 'prod')), timeRangeLessThan('1h'))
          .panel(up()),
      ),
    );
    expect(flat.problems).toEqual([]);
    const t = flat.spec.layout.kind === 'TabsLayout' ? flat.spec.layout.spec.tabs[0]! : undefined;
    expect(t?.spec.conditionalRendering?.spec.items.map((i) => i.kind)).toEqual([
      'ConditionalRenderingData',
      'ConditionalRenderingVariable',
      'ConditionalRenderingTimeRangeSize',
    ]);
    const bad = renderDashboardV2(
      base().tabs(
        tab('Nested')
          .showIf(hasData(), anyOf(hasData(false)))
          .panel(up()),
        tab('Unknown').showIf(variableEquals('enb', 'prod')).panel(up()),
        tab('Duration').hideIf(timeRangeLessThan('a week')).panel(up()),
        tab('Empty').showIf().panel(up()),
      ),
    );
    expect(bad.problems.map((p) => [p.path.at(-1), p.message])).toEqual([
      [
        'tab "Nested"',
        'an anyOf(…) group cannot sit among other conditions (schema v2 rules are one level deep); use anyOf(…) alone or list conditions that must all hold',
      ],
      ['tab "Unknown"', 'show/hide rule tests unknown variable "enb"'],
      ['tab "Duration"', 'show/hide rule: time range size "a week" is not a duration such as 1h or 7d'],
      ['tab "Empty"', 'the show/hide rule has no conditions'],
    ]);
  });

  it('auto-grid items take a rule and a repeat; a panel repeat with maxPerRow there is a problem', () => {
    const grid = autoGrid({ maxColumns: 2, columnWidth: 320, rowHeight: 'tall', fillScreen: true })
      .panel(up())
      .item(up(), { showIf: hasData(), repeat: region })
      .item(up(), { hideIf: anyOf(variableEquals(env, 'dev'), variableEquals(env, 'staging')) });
    const { spec, problems } = renderDashboardV2(base().autoGrid(grid));
    expect(problems).toEqual([]);
    expect(spec.layout).toEqual({
      kind: 'AutoGridLayout',
      spec: {
        maxColumnCount: 2,
        columnWidthMode: 'custom',
        columnWidth: 320,
        rowHeightMode: 'tall',
        fillScreen: true,
        items: [
          { kind: 'AutoGridLayoutItem', spec: { element: { kind: 'ElementReference', name: 'panel-1' } } },
          {
            kind: 'AutoGridLayoutItem',
            spec: {
              element: { kind: 'ElementReference', name: 'panel-2' },
              repeat: { mode: 'variable', value: 'region' },
              conditionalRendering: {
                kind: 'ConditionalRenderingGroup',
                spec: { visibility: 'show', condition: 'and', items: [{ kind: 'ConditionalRenderingData', spec: { value: true } }] },
              },
            },
          },
          {
            kind: 'AutoGridLayoutItem',
            spec: {
              element: { kind: 'ElementReference', name: 'panel-3' },
              conditionalRendering: {
                kind: 'ConditionalRenderingGroup',
                spec: {
                  visibility: 'hide',
                  condition: 'or',
                  items: [
                    { kind: 'ConditionalRenderingVariable', spec: { variable: 'env', operator: 'equals', value: 'dev' } },
                    { kind: 'ConditionalRenderingVariable', spec: { variable: 'env', operator: 'equals', value: 'staging' } },
                  ],
                },
              },
            },
          },
        ],
      },
    });
    const repeated = renderDashboardV2(
      base().autoGrid(
        autoGrid()
          .panel(up().repeat(region, { maxPerRow: 4 }))
          .item(up().repeat(env), { repeat: region }),
      ),
    );
    expect(messages(repeated.problems)).toEqual([
      'in an auto grid the grid places repeated panels: maxPerRow and a vertical direction do not apply (repeat without them)',
      'repeats twice: set the repeat on the panel or on the auto-grid item, not both',
    ]);
    expect(messages(renderDashboardV2(base().autoGrid(autoGrid({ maxColumns: 0, rowHeight: -5 }).panel(up()))).problems)).toEqual([
      'maxColumns 0 is not a whole number from 1 to 10',
      'rowHeight -5 is not a positive number of pixels',
    ]);
  });
});

describe('sections', () => {
  it('one kind of grouping per level: tabs next to panels, or an auto grid next to grid panels, are problems', () => {
    expect(messages(renderDashboardV2(base().panel(up()).tabs(tab('T').panel(up()))).problems)).toEqual([
      'holds tabs and also panels, rows or an auto grid; put those inside a tab (one kind of grouping per level)',
    ]);
    expect(messages(renderDashboardV2(base().tabs(tab('T').panel(up()).autoGrid(autoGrid().panel(up())))).problems)).toEqual([
      'holds an auto grid and also panels on the fixed grid; add the panels to the auto grid (autoGrid().panel(…))',
    ]);
  });

  it('tabs and rows repeat over variables; a repeat over an unknown variable is a problem', () => {
    const d = base().tabs(tab('Env $env').repeat(env).row(row('Region $region').repeat(region).collapsed().panel(up())));
    const { spec, problems } = renderDashboardV2(d);
    expect(problems).toEqual([]);
    const tabSpec = spec.layout.kind === 'TabsLayout' ? spec.layout.spec.tabs[0]!.spec : undefined;
    expect(tabSpec?.repeat).toEqual({ mode: 'variable', value: 'env' });
    const rowSpec = tabSpec?.layout.kind === 'RowsLayout' ? tabSpec.layout.spec.rows[0]!.spec : undefined;
    expect(rowSpec).toMatchObject({ title: 'Region $region', collapse: true, repeat: { mode: 'variable', value: 'region' } });
    const unknown = renderDashboardV2(dashboard('X').variable(promDs).tabs(tab('T').repeat(env).panel(up())));
    expect(unknown.problems.map((p) => [p.path.at(-1), p.message])).toEqual([['tab "T"', 'repeats over unknown variable "env"']]);
  });

  it('panels or an auto grid before the first row go into a leading row without header; ids count rows and tabs like v1 row panels', () => {
    const d = base()
      .autoGrid(autoGrid().panel(up()))
      .row(row('A').panel(up()), row('B').tabs(tab('T1').panel(up()), tab('T2').panel(libraryPanel('lib', 'Shared'))));
    const { spec, problems } = renderDashboardV2(d);
    expect(problems).toEqual([]);
    // ids: panel 1, row A 2, panel 3, row B 4, tab T1 5, panel 6, tab T2 7, library panel 8
    expect(Object.keys(spec.elements)).toEqual(['panel-1', 'panel-3', 'panel-6', 'panel-8']);
    expect(spec.elements['panel-8']).toEqual({ kind: 'LibraryPanel', spec: { id: 8, title: 'Shared', libraryPanel: { uid: 'lib', name: 'Shared' } } });
    const rows = spec.layout.kind === 'RowsLayout' ? spec.layout.spec.rows : [];
    expect(rows.map((r) => [r.spec.title, r.spec.hideHeader ?? false, r.spec.layout.kind])).toEqual([
      ['', true, 'AutoGridLayout'],
      ['A', false, 'GridLayout'],
      ['B', false, 'TabsLayout'],
    ]);
  });

  it('builders are immutable: a tab reused in two dashboards renders the same in each', () => {
    const shared = tab('Shared').panel(up());
    const withRule = shared.showIf(hasData());
    expect(shared).not.toBe(withRule);
    const a = renderDashboardV2(base().tabs(shared)).spec.layout;
    renderDashboardV2(base().tabs(withRule, shared));
    expect(renderDashboardV2(base().tabs(shared)).spec.layout).toEqual(a);
    expect(a.kind === 'TabsLayout' && a.spec.tabs[0]!.spec.conditionalRendering).toBeUndefined();
  });

  it('a $merge on a row or tab reaches the v2 output; a row key v2 has no place for is a problem', () => {
    const d = base()
      .tabs(tab('T').panel(text('x').content('x')).$merge({ title: 'Merged' }))
      .row();
    expect(renderDashboardV2(d).spec.layout).toMatchObject({ kind: 'TabsLayout', spec: { tabs: [{ spec: { title: 'Merged' } }] } });
    const bad = renderDashboardV2(base().row(row('R').panel(up()).$merge({ height: 3 })));
    expect(messages(bad.problems)).toEqual(['row key "height" has no place in dashboard schema v2']);
  });

  it('a query with its own data source keeps it as the v2 datasource name', () => {
    const d = base().panel(timeseries('Mixed').target(prometheus('up').datasource(promDs)));
    const element = renderDashboardV2(d).spec.elements['panel-1']!;
    expect(element.kind === 'Panel' && element.spec.data.spec.queries[0]!.spec.query).toEqual({
      kind: 'DataQuery',
      group: 'prometheus',
      version: 'v0',
      datasource: { name: '${datasource}' },
      spec: { expr: 'up' },
    });
  });
});
