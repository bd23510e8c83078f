/**
 * fast-check generators of dashboards for the schema v2 tests: random layouts of panels, rows
 * (collapsed, repeated, with rules), tabs (nested, repeated, with rules) and auto grids (items
 * with rules and repeats), on a dashboard that defines the variables the rules and repeats use.
 */
import fc from 'fast-check';
import {
  allOf,
  anyOf,
  autoGrid,
  customVariable,
  dashboard,
  hasData,
  libraryPanel,
  prometheus,
  row,
  tab,
  text,
  timeRangeLessThan,
  timeseries,
  variableEquals,
  variableMatches,
  variableNotEquals,
  variableNotMatches,
  type AnyPanel,
  type AutoGridBuilder,
  type Condition,
  type ConditionGroup,
  type DashboardBuilder,
  type RowBuilder,
  type TabBuilder,
} from '../../lib/index.js';
import { promDs } from './fixtures.js';

export const env = customVariable('env', ['prod', 'staging', 'dev']);
export const region = customVariable('region', ['eu', 'us']).multi();

let counter = 0;
const panelArb: fc.Arbitrary<AnyPanel> = fc.oneof(
  fc.record({ w: fc.integer({ min: 1, max: 24 }), h: fc.integer({ min: 1, max: 10 }), title: fc.string({ maxLength: 12 }) }).map(({ w, h, title }) =>
    timeseries(title.replace(/\$/g, ''))
      .datasource(promDs)
      .target(prometheus(`up{n="${counter++}"}`))
      .size(w, h),
  ),
  fc
    .record({ w: fc.integer({ min: 1, max: 24 }), content: fc.string({ maxLength: 8 }) })
    .map(({ w, content }) => text('Note').content(content.replace(/\$/g, '')).width(w)),
  fc.constantFrom(libraryPanel('lib-1', 'Shared CPU'), libraryPanel('lib-2', 'Shared memory').size(24, 4)),
);

const conditionArb: fc.Arbitrary<Condition> = fc.oneof(
  fc.constantFrom('prod', 'dev').map((v) => variableEquals(env, v)),
  fc.constant(variableNotEquals(env, 'dev')),
  fc.constant(variableMatches(region, '^e')),
  fc.constant(variableNotMatches(region, 'us')),
  fc.boolean().map((b) => hasData(b)),
  fc.constantFrom('5m', '1h', '7d', '1y').map((d) => timeRangeLessThan(d)),
);
const ruleArb: fc.Arbitrary<{ show: boolean; given: Condition[] | [ConditionGroup] } | undefined> = fc.option(
  fc.record({
    show: fc.boolean(),
    given: fc.oneof(
      fc.array(conditionArb, { minLength: 1, maxLength: 3 }),
      fc.array(conditionArb, { minLength: 1, maxLength: 3 }).map((cs) => [anyOf(...cs)] as [ConditionGroup]),
      fc.array(conditionArb, { minLength: 1, maxLength: 3 }).map((cs) => [allOf(...cs)] as [ConditionGroup]),
    ),
  }),
  { nil: undefined },
);

function withRule<T extends RowBuilder | TabBuilder>(section: T, rule: { show: boolean; given: Condition[] | [ConditionGroup] } | undefined): T {
  if (!rule) return section;
  const given = rule.given;
  return (rule.show ? section.showIf(...given) : section.hideIf(...given)) as T;
}

const autoGridArb: fc.Arbitrary<AutoGridBuilder> = fc
  .record({
    maxColumns: fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
    columnWidth: fc.option(fc.oneof(fc.constantFrom('narrow', 'standard', 'wide' as const), fc.integer({ min: 100, max: 900 })), { nil: undefined }),
    rowHeight: fc.option(fc.oneof(fc.constantFrom('short', 'standard', 'tall' as const), fc.integer({ min: 100, max: 900 })), { nil: undefined }),
    fillScreen: fc.option(fc.boolean(), { nil: undefined }),
    items: fc.array(fc.record({ panel: panelArb, rule: ruleArb, repeat: fc.boolean() }), { minLength: 0, maxLength: 5 }),
  })
  .map(({ items, ...options }) =>
    items.reduce(
      (grid, { panel, rule, repeat }) => {
        if (!rule && !repeat) return grid.panel(panel);
        const group = rule && (rule.given.length === 1 && 'join' in rule.given[0]! ? (rule.given[0] as ConditionGroup) : allOf(...(rule.given as Condition[])));
        return grid.item(panel, { ...(group && (rule!.show ? { showIf: group } : { hideIf: group })), ...(repeat && { repeat: region }) });
      },
      autoGrid(Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined))),
    ),
  );

/** Content of a section: panels, an auto grid, rows or tabs (nesting bounded by `depth`). */
interface Content {
  panels: AnyPanel[];
  autoGrid?: AutoGridBuilder;
  rows: RowBuilder[];
  tabs: TabBuilder[];
}

const contentArb = (depth: number): fc.Arbitrary<Content> => {
  const leaf: fc.Arbitrary<Content> = fc.oneof(
    fc.array(panelArb, { maxLength: 4 }).map((panels) => ({ panels, rows: [], tabs: [] })),
    autoGridArb.map((grid) => ({ panels: [], autoGrid: grid, rows: [], tabs: [] })),
  );
  if (depth === 0) return leaf;
  return fc.oneof(
    { weight: 2, arbitrary: leaf },
    fc
      .tuple(fc.option(leaf, { nil: undefined }), fc.array(rowArb(depth - 1), { minLength: 1, maxLength: 3 }))
      .map(([lead, rows]) => ({ panels: lead?.panels ?? [], ...(lead?.autoGrid && { autoGrid: lead.autoGrid }), rows, tabs: [] })),
    fc.array(tabArb(depth - 1), { minLength: 1, maxLength: 3 }).map((tabs) => ({ panels: [], rows: [], tabs })),
  );
};

function fill<T extends RowBuilder | TabBuilder>(section: T, content: Content): T {
  let s = section
    .panel(...content.panels)
    .row(...content.rows)
    .tabs(...content.tabs) as T;
  if (content.autoGrid) s = s.autoGrid(content.autoGrid) as T;
  return s;
}

const rowArb = (depth: number): fc.Arbitrary<RowBuilder> =>
  fc
    .record({ title: fc.string({ maxLength: 10 }), collapsed: fc.boolean(), repeat: fc.boolean(), rule: ruleArb, content: contentArb(depth) })
    .map(({ title, collapsed, repeat, rule, content }) => {
      let r = fill(row(title.replace(/\$/g, '')), content).collapsed(collapsed);
      if (repeat) r = r.repeat(region);
      return withRule(r, rule);
    });

const tabArb = (depth: number): fc.Arbitrary<TabBuilder> =>
  fc
    .record({ title: fc.string({ maxLength: 10 }), repeat: fc.boolean(), rule: ruleArb, content: contentArb(depth) })
    .map(({ title, repeat, rule, content }) => {
      let t = fill(tab(title.replace(/\$/g, '')), content);
      if (repeat) t = t.repeat(env);
      return withRule(t, rule);
    });

/** Any dashboard the v2 builders can express (up to three levels of rows/tabs). */
export const v2DashboardArb: fc.Arbitrary<DashboardBuilder> = contentArb(3).map((content) => {
  let d = dashboard('Generated')
    .uid('generated')
    .variable(promDs, env, region)
    .panel(...content.panels)
    .row(...content.rows)
    .tabs(...content.tabs);
  if (content.autoGrid) d = d.autoGrid(content.autoGrid);
  return d;
});

/** Dashboards v1 can express: panels and rows of panels (collapsed, repeated), nothing v2-only. */
export const v1DashboardArb: fc.Arbitrary<DashboardBuilder> = fc
  .record({
    top: fc.array(panelArb, { maxLength: 4 }),
    rows: fc.array(
      fc.record({ title: fc.string({ maxLength: 10 }), collapsed: fc.boolean(), repeat: fc.boolean(), panels: fc.array(panelArb, { maxLength: 4 }) }),
      { maxLength: 4 },
    ),
  })
  .map(({ top, rows }) =>
    dashboard('Classic')
      .uid('classic')
      .variable(promDs, env, region)
      .panel(...top)
      .row(
        ...rows.map((r) =>
          (r.repeat ? row(r.title.replace(/\$/g, '')).repeat(region) : row(r.title.replace(/\$/g, ''))).collapsed(r.collapsed).panel(...r.panels),
        ),
      ),
  );
