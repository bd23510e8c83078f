// The builders of Grafana's core panel kinds added from the schemas Grafana publishes
// (schemas/grafana-panels.schema.json) and the hand-written ones (alert list, flame graph):
// each renders its plugin id and what its setters say, stays immutable, validates against the
// vendored upstream schema, and is what the importer emits for that kind.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  alertList,
  annotationsList,
  candlestick,
  canvas,
  dashboardList,
  datagrid,
  datasource,
  flameGraph,
  geomap,
  news,
  prometheus,
  rawQuery,
  statusHistory,
  trend,
  xyChart,
  type PanelBuilder,
} from '../../lib/index.js';
import { importDashboard } from '../../lib/import/dashboard/import-dashboard.js';
import { BUILDER_FACTORIES, PANEL_FACTORIES } from '../../lib/import/dashboard/builder-scope.js';
import { buildGenerated } from '../import/dashboard/build-generated.js';
import { createProjectAjv, formatErrors } from '../support/validate-schema.js';

type AnyPanel = PanelBuilder<string, object, object>;
const prom = datasource('prometheus', 'prom');

/** Each kind: a panel with its setters used, the options JSON they give, and its upstream options schema. */
const KINDS: { type: string; built: AnyPanel; options: Record<string, unknown>; custom?: Record<string, unknown>; schema?: string }[] = [
  {
    type: 'alertlist',
    built: alertList('A')
      .states('firing', 'pending')
      .labelFilter('{job="api"}')
      .alertName('High')
      .maxItems(20)
      .sortBy('importance')
      .onlyThisDashboard()
      .groupBy('job')
      .viewMode('list'),
    options: {
      stateFilter: { firing: true, pending: true },
      alertInstanceLabelFilter: '{job="api"}',
      alertName: 'High',
      maxItems: 20,
      sortOrder: 3,
      dashboardAlerts: true,
      groupMode: 'custom',
      groupBy: ['job'],
      viewMode: 'list',
    },
  },
  {
    type: 'annolist',
    built: annotationsList('A').tags('deploy', 'prod').onlyThisDashboard().onlyInTimeRange(false).limit(5),
    options: { tags: ['deploy', 'prod'], onlyFromThisDashboard: true, onlyInTimeRange: false, limit: 5 },
    schema: 'AnnotationsListOptions',
  },
  {
    type: 'candlestick',
    built: candlestick('A')
      .datasource(prom)
      .target(prometheus('up'))
      .mode('candles')
      .candleStyle('ohlcbars')
      .colorStrategy('close-close')
      .fields({ open: 'o', close: 'c' }),
    options: { mode: 'candles', candleStyle: 'ohlcbars', colorStrategy: 'close-close', fields: { open: 'o', close: 'c' } },
    schema: 'CandlestickOptions',
  },
  {
    type: 'canvas',
    built: canvas('A').inlineEditing(false).panZoom().elements({ type: 'text', name: 'T' }),
    options: { inlineEditing: false, panZoom: true, root: { type: 'frame', name: 'Element root', elements: [{ type: 'text', name: 'T' }] } },
  },
  {
    type: 'dashlist',
    built: dashboardList('A')
      .search({ query: 'api', tags: ['k8s'] })
      .starred(false)
      .recentlyViewed()
      .headings()
      .maxItems(7)
      .keepTime()
      .includeVars(),
    options: {
      showSearch: true,
      query: 'api',
      tags: ['k8s'],
      showStarred: false,
      showRecentlyViewed: true,
      showHeadings: true,
      maxItems: 7,
      keepTime: true,
      includeVars: true,
    },
    schema: 'DashboardListOptions',
  },
  { type: 'datagrid', built: datagrid('A').selectedSeries(1), options: { selectedSeries: 1 }, schema: 'DatagridOptions' },
  {
    type: 'flamegraph',
    built: flameGraph('A')
      .datasource(datasource('parca', 'p'))
      .target(rawQuery('parca', { profileTypeId: 'x' })),
    options: {},
  },
  {
    type: 'geomap',
    built: geomap('A')
      .view({ lat: 50, lon: 10, zoom: 4 })
      .basemap({ type: 'osm-standard', name: 'Base' })
      .layer({ type: 'markers', name: 'M' })
      .controls({ showZoom: true })
      .tooltip('details'),
    options: {
      view: { id: 'coords', lat: 50, lon: 10, zoom: 4 },
      basemap: { type: 'osm-standard', name: 'Base' },
      layers: [{ type: 'markers', name: 'M' }],
      controls: { showZoom: true },
      tooltip: { mode: 'details' },
    },
    schema: 'GeomapOptions',
  },
  {
    type: 'news',
    built: news('A').feed('https://example.com/feed.rss').showImage(false),
    options: { feedUrl: 'https://example.com/feed.rss', showImage: false },
    schema: 'NewsOptions',
  },
  {
    type: 'status-history',
    built: statusHistory('A').datasource(prom).target(prometheus('up')).showValue('never').rowHeight(0.8).colWidth(0.9).fillOpacity(70).lineWidth(1),
    options: { showValue: 'never', rowHeight: 0.8, colWidth: 0.9 },
    custom: { fillOpacity: 70, lineWidth: 1 },
    schema: 'StatusHistoryOptions',
  },
  {
    type: 'trend',
    built: trend('A').datasource(prom).target(prometheus('up')).xField('rps').lineWidth(2).fillOpacity(10),
    options: { xField: 'rps' },
    custom: { lineWidth: 2, fillOpacity: 10 },
    schema: 'TrendOptions',
  },
  {
    type: 'xychart',
    built: xyChart('A').datasource(prom).target(prometheus('up')).series({ x: 'a', y: 'b', name: 'ab' }).series({ x: 'a', y: 'c' }).show('points').pointSize(4),
    options: {
      mapping: 'manual',
      series: [
        { name: { fixed: 'ab' }, x: { matcher: { id: 'byName', options: 'a' } }, y: { matcher: { id: 'byName', options: 'b' } } },
        { x: { matcher: { id: 'byName', options: 'a' } }, y: { matcher: { id: 'byName', options: 'c' } } },
      ],
    },
    custom: { show: 'points', pointSize: { fixed: 4 } },
    // No schema check: upstream types a matcher's `options` as an object, while Grafana saves a
    // byName matcher's field name as a string (as in every override matcher).
  },
];

describe('core panel kinds', () => {
  it.each(KINDS.map((k) => [k.type, k] as const))('%s renders its plugin id, title and what its setters set', (_type, kind) => {
    const json = kind.built.build();
    expect(json.type).toBe(kind.type);
    expect(json.title).toBe('A');
    expect(json.options ?? {}).toEqual(kind.options);
    expect((json.fieldConfig as { defaults?: { custom?: unknown } } | undefined)?.defaults?.custom).toEqual(kind.custom);
  });

  it.each(KINDS.filter((k) => k.schema !== undefined).map((k) => [k.type, k] as const))(
    '%s options validate against the vendored upstream schema',
    (_type, kind) => {
      const validate = createProjectAjv().getSchema(`grafana-panels.schema.json#/definitions/${kind.schema}`)!;
      expect(validate(kind.built.build().options ?? {}), formatErrors(validate.errors).join('; ')).toBe(true);
    },
  );

  it('GIVEN a wrong value for a vendored option THEN the upstream schema refuses it (the check above can fail)', () => {
    const validate = createProjectAjv().getSchema('grafana-panels.schema.json#/definitions/GeomapOptions')!;
    expect(validate({ tooltip: { mode: 'sometimes' } })).toBe(false);
    expect(validate({ view: { id: 'coords', unknownKey: 1 } })).toBe(false);
  });

  it('GIVEN any setter applied to a built panel THEN the original builder and its JSON are unchanged', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), fc.string({ maxLength: 8 }), fc.integer({ min: 0, max: 50 }), (kind, title, n) => {
        const before = JSON.stringify(kind.built.build());
        const changed = kind.built
          .title(title)
          .maxDataPoints(n)
          .options({} as never);
        expect(changed).not.toBe(kind.built);
        expect(JSON.stringify(kind.built.build())).toBe(before);
        expect(changed.build().type).toBe(kind.type);
      }),
      { numRuns: 60, seed: 19 },
    );
  });

  it('GIVEN a kind that needs no data (lists, news, canvas, geomap, datagrid) THEN it has no query requirement; data kinds keep theirs', () => {
    const noData = ['alertlist', 'annolist', 'canvas', 'dashlist', 'datagrid', 'geomap', 'news'];
    for (const kind of KINDS) expect([kind.type, kind.built.needsTargets]).toEqual([kind.type, !noData.includes(kind.type)]);
  });

  it('GIVEN every kind THEN the importer maps its plugin id to its factory', () => {
    for (const kind of KINDS) {
      const factory = PANEL_FACTORIES[kind.type];
      expect(factory, kind.type).toBeTypeOf('string');
      expect((BUILDER_FACTORIES[factory!]!() as AnyPanel).build().type).toBe(kind.type);
    }
  });
});

describe('import of core panel kinds', () => {
  const json = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.integer(),
      fc.boolean(),
      fc.string({ maxLength: 6 }),
      fc.array(tie('value'), { maxLength: 2 }),
      fc.dictionary(fc.constantFrom('id', 'mode', 'x'), tie('value'), { maxKeys: 2 }),
    ),
  })).value;
  // Option keys the setters read, with well-typed and ill-typed values mixed.
  const optionKeys = fc.constantFrom(
    'stateFilter',
    'maxItems',
    'sortOrder',
    'alertName',
    'alertInstanceLabelFilter',
    'dashboardAlerts',
    'viewMode',
    'groupBy',
    'showSearch',
    'query',
    'tags',
    'showStarred',
    'keepTime',
    'feedUrl',
    'showImage',
    'showValue',
    'rowHeight',
    'colWidth',
    'selectedSeries',
    'xField',
    'onlyFromThisDashboard',
    'limit',
    'view',
    'legend',
    'tooltip',
  );
  const wellTyped = fc.constantFrom<[string, unknown][]>(
    [
      ['stateFilter', { firing: true, error: true }],
      ['sortOrder', 5],
      ['viewMode', 'stat'],
    ],
    [
      ['showSearch', true],
      ['query', 'db'],
      ['tags', ['a']],
      ['maxItems', 3],
    ],
    [
      ['showValue', 'auto'],
      ['rowHeight', 0.5],
      ['legend', { displayMode: 'list', placement: 'bottom', showLegend: true, calcs: [] }],
    ],
    [
      ['feedUrl', 'https://e.example/rss'],
      ['showImage', true],
      ['tags', ['x', 'y']],
      ['limit', 9],
    ],
  );

  it('GIVEN any core kind with any options, with or without queries WHEN imported THEN the code uses its own builder, type-checks and round-trips exactly', async () => {
    const samples = fc.sample(
      fc.record({
        kind: fc.constantFrom(...KINDS),
        options: fc.oneof(
          fc.dictionary(optionKeys, json, { maxKeys: 4 }),
          wellTyped.map((entries) => Object.fromEntries(entries)),
        ),
        targets: fc.boolean(),
      }),
      { numRuns: 24, seed: 1907 },
    );
    const imported = [];
    for (const [i, s] of samples.entries()) {
      const p: Record<string, unknown> = { id: 1, type: s.kind.type, title: `P${i}`, gridPos: { x: 0, y: 0, w: 12, h: 8 }, options: s.options };
      if (s.targets) {
        p.datasource = { type: 'prometheus', uid: 'prom' };
        p.targets = [{ refId: 'A', datasource: { type: 'prometheus', uid: 'prom' }, expr: 'up' }];
      }
      const result = await importDashboard({ uid: `k${i}`, title: `K${i}`, panels: [p] }, { source: `k${i}.json` });
      const factory = PANEL_FACTORIES[s.kind.type]!;
      // A data kind without queries is the generic panel (its builder requires queries).
      const own = s.targets || !s.kind.built.needsTargets;
      expect(result.code, s.kind.type).toContain(own ? `${factory}('P${i}')` : `panel('${s.kind.type}', 'P${i}')`);
      expect(result.exact, result.differences.join('\n')).toBe(true);
      imported.push(result);
    }
    const { typeErrors, built } = await buildGenerated(imported);
    expect(typeErrors).toEqual([]);
    for (const b of built) expect(b.problems).toEqual([]);
  }, 300_000);

  it('GIVEN well-typed alert list and dashboard list options WHEN imported THEN they become setters, not $merge', async () => {
    const result = await importDashboard(
      {
        uid: 'l',
        title: 'L',
        panels: [
          {
            id: 1,
            type: 'alertlist',
            title: 'Alerts',
            gridPos: { x: 0, y: 0, w: 12, h: 8 },
            options: { stateFilter: { firing: true }, maxItems: 20, sortOrder: 1, dashboardAlerts: false },
          },
          {
            id: 2,
            type: 'dashlist',
            title: 'Links',
            gridPos: { x: 12, y: 0, w: 12, h: 8 },
            options: { showSearch: true, query: 'db', tags: [], maxItems: 10, showStarred: false },
          },
        ],
      },
      { source: 'l.json' },
    );
    expect(result.code).toContain(`alertList('Alerts').states('firing').maxItems(20).sortBy('nameAsc').onlyThisDashboard(false)`);
    expect(result.code).toContain(`dashboardList('Links').search({ query: 'db', tags: [] }).starred(false).maxItems(10)`);
    expect(result.code).not.toContain('$merge');
    expect(result.exact).toBe(true);
  });
});
