// `dash import` of schema v2: generated v2 dashboards (every layout kind, nested rows in tabs,
// tabs in rows, auto grids, show/hide rules of every kind, repeats) render → import → build
// back equal, byte for byte, through the real TypeScript compiler; v2 parts the builders cannot
// express are ImportErrors naming the file and the JSON path.
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  annotation,
  anyOf,
  hasData,
  timeRangeLessThan,
  variableEquals,
  dashboard,
  dashboardLink,
  datasource,
  intervalVariable,
  libraryPanel,
  loki,
  prometheus,
  queryVariable,
  rawQuery,
  row,
  stat,
  tab,
  textboxVariable,
  timeseries,
  type AnyPanel,
  type DashboardBuilder,
} from '../../../lib/index.js';
import { importDashboard } from '../../../lib/import/dashboard/import-dashboard.js';
import { isImportError } from '../../../lib/import/dashboard/import-error.js';
import { runImport } from '../../../lib/import/dashboard/run-import.js';
import { normalizeV2ForRoundTrip } from '../../../lib/import/dashboard/normalize-v2-for-round-trip.js';
import { dashboardV2Resource } from '../../../lib/render/v2/dashboard-v2-resource.js';
import { renderDashboardV2 } from '../../../lib/render/v2/render-dashboard-v2.js';
import { promDs } from '../../support/fixtures.js';
import { env, region, v2DashboardArb } from '../../support/v2-arbitraries.js';
import { buildGenerated } from './build-generated.js';

type Json = Record<string, unknown>;

const prom = datasource('prometheus', 'prom-main');
const lokiDs = datasource('loki', 'logs');
const interval = intervalVariable('step', ['1m', '5m', '1h']);
const job = queryVariable('job').datasource(promDs).query('label_values(up, job)').multi().includeAll();
const search = textboxVariable('search');

// Panels on the fixed grid, with what the layout arbitraries leave out: explicit positions,
// repeats with direction and maxPerRow, queries on a fixed, a variable, the default and the
// mixed data source, hidden queries, other query kinds.
const gridPanelArb: fc.Arbitrary<AnyPanel> = fc
  .record({
    kind: fc.constantFrom('prom-var', 'prom-fixed', 'loki-default', 'mixed', 'raw', 'library'),
    w: fc.integer({ min: 1, max: 24 }),
    h: fc.integer({ min: 1, max: 9 }),
    at: fc.option(fc.record({ x: fc.integer({ min: 0, max: 12 }), y: fc.integer({ min: 0, max: 30 }) }), { nil: undefined }),
    repeat: fc.option(
      fc.record({ direction: fc.constantFrom('h' as const, 'v' as const), maxPerRow: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }) }),
      { nil: undefined },
    ),
    title: fc.string({ maxLength: 8 }).map((t) => t.replace(/\$/g, '')),
    hidden: fc.boolean(),
  })
  .map(({ kind, w, h, at, repeat, title, hidden }) => {
    let p: AnyPanel;
    switch (kind) {
      case 'prom-var':
        p = timeseries(title)
          .datasource(promDs)
          .target(prometheus('rate(http_requests_total{job=~"$job"}[$__rate_interval])').legend('{{code}}'), prometheus('up').hide(hidden));
        break;
      case 'prom-fixed':
        p = stat(title).datasource(prom).target(prometheus('sum(up)').instant());
        break;
      case 'loki-default':
        p = timeseries(title).target(loki('sum(rate({job="api"}[5m]))'));
        break;
      case 'mixed':
        p = timeseries(title).target(prometheus('up').datasource(prom), loki('{job="api"}').datasource(lokiDs));
        break;
      case 'raw':
        p = timeseries(title).target(rawQuery('testdata', { scenarioId: 'random_walk' }));
        break;
      default:
        p = libraryPanel('lib-9', 'Shared');
    }
    p = p.size(Math.min(w, 24 - (at?.x ?? 0)), h) as AnyPanel;
    if (at) p = p.position(at.x, at.y) as AnyPanel;
    if (repeat && 'repeat' in p && kind !== 'library')
      p = (p as ReturnType<typeof timeseries>).repeat(region, {
        direction: repeat.direction,
        ...(repeat.maxPerRow !== undefined && { maxPerRow: repeat.maxPerRow }),
      });
    return p;
  });

// Dashboard-level settings v2 keeps in its header and time settings.
const headerArb = fc.record({
  description: fc.option(
    fc.string({ maxLength: 12 }).map((t) => t.replace(/\$/g, '')),
    { nil: undefined },
  ),
  tags: fc.array(fc.constantFrom('a', 'b', 'team-x'), { maxLength: 2 }),
  time: fc.option(fc.constantFrom(['now-1h', 'now'], ['now-7d', 'now-1d']), { nil: undefined }),
  refresh: fc.option(fc.constantFrom('30s', '5m'), { nil: undefined }),
  tooltip: fc.option(fc.constantFrom('shared-crosshair' as const, 'shared-tooltip' as const), { nil: undefined }),
  timezone: fc.option(fc.constantFrom('utc', 'browser'), { nil: undefined }),
  annotate: fc.boolean(),
  link: fc.boolean(),
  weekStart: fc.option(fc.constantFrom('monday', 'sunday'), { nil: undefined }),
});

type Header = typeof headerArb extends fc.Arbitrary<infer T> ? T : never;
const withHeader = (d: DashboardBuilder, h: Header): DashboardBuilder => {
  let out = d.variable(interval, job, search).tags(...h.tags);
  if (h.description !== undefined) out = out.description(h.description);
  if (h.time) out = out.time(h.time[0]!, h.time[1]);
  if (h.refresh) out = out.refresh(h.refresh);
  if (h.tooltip) out = out.graphTooltip(h.tooltip);
  if (h.timezone) out = out.timezone(h.timezone);
  if (h.weekStart) out = out.weekStart(h.weekStart);
  if (h.annotate) out = out.annotation(annotation('Deploys').datasource(promDs).expr('changes(build_info[5m]) > 0'));
  if (h.link) out = out.link(dashboardLink('Runbook').url('https://runbooks.example/api'));
  return out;
};

/** Generated v2 dashboards: every layout kind from the shared arbitraries, or grid panels in tabs and rows (explicit positions that overlap are left out). */
const generatedArb: fc.Arbitrary<DashboardBuilder> = fc
  .oneof(
    fc.tuple(v2DashboardArb, headerArb).map(([d, h]) => withHeader(d, h)),
    fc
      .record({
        top: fc.array(gridPanelArb, { maxLength: 4 }),
        inTab: fc.array(gridPanelArb, { minLength: 1, maxLength: 4 }),
        inRow: fc.array(gridPanelArb, { maxLength: 3 }),
        header: headerArb,
      })
      .map(({ top, inTab, inRow, header }) =>
        withHeader(
          dashboard('Grid')
            .uid('grid')
            .variable(promDs, env, region)
            .tabs(
              tab('Top').panel(...top),
              tab('Nested').row(
                row('Inner').panel(...inTab),
                row('Second')
                  .collapsed()
                  .repeat(region)
                  .panel(...inRow),
              ),
            ),
          header,
        ),
      ),
  )
  .filter((d) => renderDashboardV2(d).problems.length === 0);

/** The ways a v2 dashboard reaches `dash import`. */
type Form = 'v2' | 'v2beta1' | 'bare';
function asInput(d: DashboardBuilder, form: Form): unknown {
  const { uid, spec, problems } = renderDashboardV2(d);
  expect(problems).toEqual([]);
  if (form === 'bare') return structuredClone(spec);
  return dashboardV2Resource(uid, spec, { apiVersion: form });
}

describe('dash import of schema v2: generated dashboards', () => {
  it('PROPERTY: any generated v2 dashboard, as a v2 or v2beta1 resource or a bare spec, imports to code whose builders give the same v2 spec back', async () => {
    await fc.assert(
      fc.asyncProperty(generatedArb, fc.constantFrom<Form>('v2', 'v2beta1', 'bare'), async (d, form) => {
        const imported = await importDashboard(asInput(d, form), { source: 'generated.json' });
        expect(imported.buildProblems, imported.code).toEqual([]);
        expect(imported.exact, imported.code).toBe(true);
        expect(imported.code).toContain(".schema('v2')");
      }),
      { numRuns: 120, seed: 214 },
    );
  }, 300_000);

  it('GIVEN generated v2 dashboards WHEN the imported modules are type-checked, bundled and built THEN each renders the same v2 spec after normalisation (most byte for byte) and the same uid', async () => {
    const samples = fc.sample(fc.tuple(generatedArb, fc.constantFrom<Form>('v2', 'v2beta1')), { numRuns: 40, seed: 215 });
    const imported: Awaited<ReturnType<typeof importDashboard>>[] = [];
    for (const [d] of samples) imported.push(await importDashboard(asInput(d, 'v2'), { source: 'generated.json' }));
    const { typeErrors, built } = await buildGenerated(imported.map((m, i) => ({ fileName: `g${i}.dash.ts`, code: m.code })));
    expect(typeErrors).toEqual([]);
    let byteExact = 0;
    samples.forEach(([d], i) => {
      const b = built[i]!;
      expect(b.dashboard, imported[i]!.code).toBeDefined();
      expect(b.dashboard!.schemaChoice).toBe('v2');
      const again = renderDashboardV2(b.dashboard!);
      const want = renderDashboardV2(d);
      expect(again.problems).toEqual([]);
      expect(again.uid).toBe(want.uid);
      const normal = normalizeV2ForRoundTrip(want.spec as unknown as Json).spec;
      expect(sorted(normalizeV2ForRoundTrip(again.spec as unknown as Json).spec), imported[i]!.code).toEqual(sorted(normal));
      // Most come back byte for byte; the others differ only by what the normalisation removes (a gap Grafana's grid closes).
      if (JSON.stringify(sorted(again.spec)) === JSON.stringify(sorted(want.spec))) byteExact++;
    });
    console.log(`import-v2-round-trip: ${byteExact}/${samples.length} generated dashboards came back byte for byte, all equal after normalisation`);
    expect(byteExact).toBeGreaterThan(samples.length / 2);
  }, 600_000);

  it('GIVEN a v2 dashboard WHEN imported THEN the code uses the v2 builders a person would write (tabs, rows, auto grid, rules, repeats)', async () => {
    const d = dashboard('Checkout')
      .uid('checkout')
      .variable(promDs, env, region)
      .tabs(
        tab('Overview').showIf(anyOf(variableEquals(env, 'prod'), hasData())),
        tab('Per region')
          .repeat(region)
          .row(
            row('Latency')
              .hideIf(timeRangeLessThan('1d'))
              .panel(timeseries('p99').datasource(promDs).target(prometheus('up'))),
          ),
      );
    const imported = await importDashboard(asInput(d, 'v2'), { source: 'checkout.json' });
    expect(imported.exact).toBe(true);
    expect(imported.code).toContain(".showIf(anyOf(variableEquals(env, 'prod'), hasData()))");
    expect(imported.code).toContain('.repeat(region)');
    expect(imported.code).toContain(".hideIf(timeRangeLessThan('1d'))");
    expect(imported.code).toMatch(/tab\('Per region'\)\s*\.repeat\(region\)\s*\.row\(/);
  });
});

/** A v2 spec the builders rendered, changed at one place into something they cannot express. */
const inexpressible: readonly { name: string; change: (spec: Json) => void; path: string }[] = [
  { name: 'preferences', change: (s) => (s.preferences = { layout: { kind: 'AutoGridLayout', spec: { items: [] } } }), path: '$.spec.preferences' },
  { name: 'an unknown top-level key', change: (s) => (s.revision = 3), path: '$.spec.revision' },
  { name: 'fillScreen on a row', change: (s) => (rows(s)[1]!.spec.fillScreen = true), path: '$.spec.layout.spec.rows[1].spec.fillScreen' },
  { name: 'a headerless row after the first', change: (s) => (rows(s)[1]!.spec.hideHeader = true), path: '$.spec.layout.spec.rows[1].spec.hideHeader' },
  {
    name: 'a rule without conditions',
    change: (s) => (rows(s)[1]!.spec.conditionalRendering = { kind: 'ConditionalRenderingGroup', spec: { visibility: 'show', condition: 'and', items: [] } }),
    path: '$.spec.layout.spec.rows[1].spec.conditionalRendering.spec.items',
  },
  {
    name: 'an unknown condition kind',
    change: (s) =>
      (rows(s)[1]!.spec.conditionalRendering = {
        kind: 'ConditionalRenderingGroup',
        spec: { visibility: 'show', condition: 'and', items: [{ kind: 'ConditionalRenderingUser', spec: {} }] },
      }),
    path: '$.spec.layout.spec.rows[1].spec.conditionalRendering.spec.items[0].kind',
  },
  {
    name: 'a repeat over an unknown variable',
    change: (s) => (rows(s)[1]!.spec.repeat = { mode: 'variable', value: 'nope' }),
    path: '$.spec.layout.spec.rows[1].spec.repeat.value',
  },
  { name: 'an unknown element kind', change: (s) => ((s.elements as Json)['panel-2'] = { kind: 'Widget', spec: {} }), path: '$.spec.elements["panel-2"].kind' },
  { name: 'an element placed nowhere', change: (s) => ((s.elements as Json)['orphan'] = (s.elements as Json)['panel-2']), path: '$.spec.elements["orphan"]' },
  {
    name: 'an unknown panel key',
    change: (s) => (((s.elements as Json)['panel-2'] as { spec: Json }).spec.pluginState = 'beta'),
    path: '$.spec.elements["panel-2"].spec.pluginState',
  },
  {
    name: 'an unknown layout kind',
    change: (s) => (rows(s)[1]!.spec.layout = { kind: 'CanvasLayout', spec: {} }),
    path: '$.spec.layout.spec.rows[1].spec.layout.kind',
  },
  {
    name: 'a reference to a missing element',
    change: (s) =>
      (((rows(s)[0]!.spec.layout as Json).spec as { items: { spec: Json }[] }).items[0]!.spec.element = { kind: 'ElementReference', name: 'gone' }),
    path: '$.spec.layout.spec.rows[0].spec.layout.spec.items[0].spec.element.name',
  },
  {
    name: 'an unknown variable kind',
    change: (s) => (s.variables as Json[]).push({ kind: 'SnapshotVariable', spec: { name: 'x' } }),
    path: '$.spec.variables[3].kind',
  },
  {
    name: 'an interval variable refreshed on load',
    change: (s) => (((s.variables as Json[])[2] as { spec: Json }).spec.refresh = 'onDashboardLoad'),
    path: '$.spec.variables[2].spec.refresh',
  },
];

function rows(spec: Json): { spec: Json }[] {
  return ((spec.layout as Json).spec as { rows: { spec: Json }[] }).rows;
}

describe('dash import of schema v2: what the builders cannot express', () => {
  const base = dashboard('Base')
    .uid('base')
    .variable(promDs, env, intervalVariable('step', ['1m', '5m']))
    .row(
      row('First').panel(timeseries('A').datasource(promDs).target(prometheus('up'))),
      row('Second').panel(stat('B').datasource(promDs).target(prometheus('up'))),
    );

  for (const { name, change, path: jsonPath } of inexpressible) {
    it(`GIVEN ${name} WHEN imported THEN an ImportError names the file and ${jsonPath}`, async () => {
      const resource = asInput(base, 'v2') as { spec: Json };
      change(resource.spec);
      const error = await importDashboard(resource, { source: 'exports/base.json' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isImportError(error), String(error)).toBe(true);
      expect((error as Error).message.startsWith(`exports/base.json › ${jsonPath}: `), (error as Error).message).toBe(true);
    });
  }

  it('PROPERTY: a v2 spec with one key set to an unknown name anywhere is imported exactly or refused with an ImportError naming the file, never another error', async () => {
    await fc.assert(
      fc.asyncProperty(generatedArb, fc.nat(), async (d, pick) => {
        const resource = asInput(d, 'v2') as { spec: Json };
        const objects: Json[] = [];
        const walk = (v: unknown) => {
          if (Array.isArray(v)) v.forEach(walk);
          else if (typeof v === 'object' && v !== null) {
            objects.push(v as Json);
            Object.values(v).forEach(walk);
          }
        };
        walk(resource.spec);
        objects[pick % objects.length]!.grafanaNext = 1;
        const outcome = await importDashboard(resource, { source: 'fuzzed.json' }).then(
          (r) => r,
          (e: unknown) => e,
        );
        if (isImportError(outcome)) expect(outcome.message).toMatch(/^fuzzed\.json › \$\.spec[.[]/);
        else expect(outcome).toMatchObject({ exact: true });
      }),
      { numRuns: 80, seed: 216 },
    );
  }, 300_000);

  it('GIVEN generated v2 dashboards with one leaf value changed anywhere WHEN imported THEN each is refused with an ImportError, or reported unbuildable, or builds (through tsc) back to the changed spec after normalisation', async () => {
    const samples = fc.sample(
      fc.tuple(generatedArb, fc.nat(), fc.oneof(fc.string({ maxLength: 5 }), fc.integer({ min: -3, max: 40 }), fc.boolean(), fc.constant(null))),
      { numRuns: 150, seed: 217 },
    );
    const kept: { code: string; want: Json }[] = [];
    let refused = 0;
    for (const [d, pick, value] of samples) {
      const resource = asInput(d, 'v2') as { spec: Json };
      const leaves: [Record<string | number, unknown>, string | number][] = [];
      const walk = (v: unknown) => {
        if (typeof v !== 'object' || v === null) return;
        for (const [k, child] of Object.entries(v)) {
          if (typeof child === 'object' && child !== null) walk(child);
          else leaves.push([v as Record<string, unknown>, Array.isArray(v) ? Number(k) : k]);
        }
      };
      walk(resource.spec);
      const [holder, key] = leaves[pick % leaves.length]!;
      holder[key] = value;
      const outcome = await importDashboard(structuredClone(resource), { source: 'changed.json' }).then(
        (r) => r,
        (e: unknown) => e,
      );
      if (isImportError(outcome)) {
        expect(outcome.message).toMatch(/^changed\.json › \$\.spec[.[]/);
        refused++;
        continue;
      }
      const imported = outcome as Awaited<ReturnType<typeof importDashboard>>;
      // An unbuildable value (a width of 35, an unknown variable) is reported; dash import writes nothing then.
      if (imported.buildProblems.length > 0) continue;
      expect(imported.exact).toBe(true);
      kept.push({ code: imported.code, want: normalizeV2ForRoundTrip(resource.spec).spec });
    }
    const { typeErrors, built } = await buildGenerated(kept.map((k, i) => ({ fileName: `c${i}.dash.ts`, code: k.code })));
    expect(typeErrors).toEqual([]);
    kept.forEach((k, i) => {
      const again = normalizeV2ForRoundTrip(renderDashboardV2(built[i]!.dashboard!).spec as unknown as Json).spec;
      expect(sorted(again), k.code).toEqual(sorted(k.want));
    });
    console.log(`import-v2-round-trip: of ${samples.length} changed dashboards, ${refused} refused with an ImportError, ${kept.length} built back equal`);
    expect(refused).toBeGreaterThan(0);
    expect(kept.length).toBeGreaterThan(0);
  }, 600_000);

  it('GIVEN a v1 resource whose spec is v2-shaped WHEN imported THEN it is refused at $.apiVersion', async () => {
    const spec = renderDashboardV2(base).spec;
    const error = await importDashboard(
      { apiVersion: 'dashboard.grafana.app/v1beta1', kind: 'Dashboard', metadata: { name: 'x' }, spec },
      { source: 'x.json' },
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as Error).message).toMatch(/^x\.json › \$\.apiVersion: "dashboard\.grafana\.app\/v1beta1" is not a schema v2 version/);
  });

  it('GIVEN an unknown v2 version WHEN imported THEN it is refused at $.apiVersion', async () => {
    const error = await importDashboard({ ...(asInput(base, 'v2') as Json), apiVersion: 'dashboard.grafana.app/v2gamma1' }, { source: 'x.json' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as Error).message).toMatch(/^x\.json › \$\.apiVersion: unknown schema v2 version/);
  });

  it('GIVEN a classic dashboard in the v1 resource form WHEN imported THEN it still imports as classic', async () => {
    const resource = { apiVersion: 'dashboard.grafana.app/v1beta1', kind: 'Dashboard', metadata: { name: 'api' }, spec: { title: 'API', panels: [] } };
    const imported = await importDashboard(resource, { source: 'api.json' });
    expect(imported.uid).toBe('api');
    expect(imported.code).not.toContain('.schema(');
  });

  it('GIVEN a folder with an importable and an inexpressible v2 dashboard WHEN dash import runs THEN it fails naming the file and path and writes nothing', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'grafts-v2-import-'));
    mkdirSync(path.join(dir, 'pulled'));
    writeFileSync(path.join(dir, 'pulled', 'good.json'), JSON.stringify(asInput(base, 'v2beta1')));
    const bad = asInput(base, 'v2') as { spec: Json; metadata: Json };
    bad.metadata.name = 'bad';
    rows(bad.spec)[1]!.spec.fillScreen = true;
    writeFileSync(path.join(dir, 'pulled', 'bad.json'), JSON.stringify(bad));
    const error = await runImport({ cwd: dir, inputs: ['pulled'], out: 'dashboards' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as Error).name).toBe('ImportRunError');
    expect((error as Error).message).toContain('pulled/bad.json › $.spec.layout.spec.rows[1].spec.fillScreen: fillScreen on a row has no builder equivalent');
    expect(readdirSync(dir)).toEqual(['pulled']);
  });
});

describe('dash import of schema v2: v2alpha1', () => {
  it('GIVEN a v2alpha1 dashboard (plugin id as vizConfig kind, data source on the query holder) WHEN imported THEN it builds the same dashboard in v2', async () => {
    const d = dashboard('Alpha')
      .uid('alpha')
      .variable(promDs, job)
      .row(row('R').panel(stat('Up').datasource(promDs).target(prometheus('up'))));
    const v2 = renderDashboardV2(d).spec as unknown as Json;
    const alpha = toV2alpha1(v2);
    const imported = await importDashboard(
      { apiVersion: 'dashboard.grafana.app/v2alpha1', kind: 'Dashboard', metadata: { name: 'alpha' }, spec: alpha },
      { source: 'alpha.json' },
    );
    expect(imported.exact, imported.code).toBe(true);
    const { built } = await buildGenerated([{ fileName: 'alpha.dash.ts', code: imported.code }]);
    expect(sorted(renderDashboardV2(built[0]!.dashboard!).spec)).toEqual(sorted(v2));
  }, 120_000);
});

// The v2alpha1 shape of a v2 spec (per the reference's version table), written independently of the importer.
function toV2alpha1(spec: Json): Json {
  const out = structuredClone(spec);
  const lower = (holder: Json) => {
    const q = holder.query as Json;
    holder.datasource = { type: q.group, ...(q.datasource !== undefined && { uid: (q.datasource as Json).name }) };
    holder.query = { kind: q.group, spec: q.spec };
  };
  for (const element of Object.values(out.elements as Record<string, { kind: string; spec: Json }>)) {
    if (element.kind !== 'Panel') continue;
    const viz = element.spec.vizConfig as Json;
    element.spec.vizConfig = { kind: viz.group, spec: { pluginVersion: viz.version, ...(viz.spec as Json) } };
    for (const q of ((element.spec.data as Json).spec as { queries: { spec: Json }[] }).queries) lower(q.spec);
  }
  for (const v of out.variables as { kind: string; spec: Json }[]) if (v.kind === 'QueryVariable') lower(v.spec);
  for (const a of out.annotations as { spec: Json }[]) lower(a.spec);
  return out;
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((k) => (value as Json)[k] !== undefined)
        .map((k) => [k, sorted((value as Json)[k])]),
    );
  }
  return value;
}
