// Whatever Grafana accepts imports to code that builds: generated layouts with boxes outside
// the grid, negative, fractional, zero or missing coordinates, overlapping panels, duplicate
// panel ids, queries sharing a refId, rows (collapsed or not), panel kinds without a builder,
// and variable lists with names defined twice. Each import must build (no validation problem, no type error), keep
// every panel, and say in its notes what is not byte-identical.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyGrafanaLoadFixes, gridPosAsShown } from '../../../lib/import/dashboard/grafana-load-fixes.js';
import { importDashboard, type ImportedDashboard } from '../../../lib/import/dashboard/import-dashboard.js';
import { migrateLegacy } from '../../../lib/import/dashboard/migrate-legacy.js';
import { resolveInputs } from '../../../lib/import/dashboard/resolve-inputs.js';
import { normalizeForRoundTrip } from '../../../lib/import/dashboard/round-trip-normalize.js';
import { buildGenerated } from './build-generated.js';

type Json = Record<string, unknown>;

const coordinate = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -4, max: 30 }) },
  { weight: 2, arbitrary: fc.double({ min: -3, max: 30, noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(0, '3', null, true, 1e9, -1e9) },
);
// A gridPos with each coordinate possibly missing, or no gridPos at all.
const gridPos = fc.option(fc.record({ x: coordinate, y: coordinate, w: coordinate, h: coordinate }, { requiredKeys: [] }), { nil: undefined, freq: 6 });
const variableName = fc.constantFrom('job', 'instance', 'env', 'cluster');
const panelType = fc.constantFrom('timeseries', 'stat', 'table', 'text', 'traces', 'nodeGraph', 'alertlist', 'geomap', 'acme-custom-panel', 'bargauge');
const target = fc.record({
  refId: fc.constantFrom('A', 'B', 'C'),
  expr: fc.constantFrom('up', 'rate(x[5m])', 'up{job="$job"}', 'sum by (instance) (y{env=~"$env"})'),
});
const panel = fc
  .record(
    {
      id: fc.integer({ min: 1, max: 4 }),
      type: panelType,
      title: fc.constantFrom('CPU', 'Memory on $instance', '', 'Errors'),
      gridPos,
      targets: fc.array(target, { maxLength: 3 }), // refIds may repeat, which Grafana accepts
    },
    { requiredKeys: ['type', 'title'] },
  )
  .map((p) => {
    const out: Json = { ...p };
    if (out.gridPos === undefined) delete out.gridPos;
    return out;
  });
const row = fc
  .record({ title: fc.constantFrom('Overview', 'Details'), collapsed: fc.boolean(), gridPos, panels: fc.array(panel, { maxLength: 3 }) })
  .map((r) => {
    const out: Json = { type: 'row', ...r };
    if (out.gridPos === undefined) delete out.gridPos;
    if (r.collapsed !== true) delete out.panels;
    return out;
  });
const variable = fc.oneof(
  fc.record({ type: fc.constant('custom'), name: variableName, query: fc.constantFrom('a,b', 'x,y,z', '') }),
  fc.record({ type: fc.constant('constant'), name: variableName, query: fc.constantFrom('prod', '') }),
  fc.record({ type: fc.constant('textbox'), name: variableName, query: fc.constantFrom('', 'default') }),
  fc.record({ type: fc.constant('interval'), name: variableName, query: fc.constant('1m,5m') }),
);
const dashboardJson = fc
  .record({
    title: fc.constantFrom('Adversarial', 'Layout $env'),
    uid: fc.constantFrom('adv-1', 'adv_2'),
    variables: fc.array(variable, { maxLength: 5 }),
    top: fc.array(panel, { maxLength: 5 }),
    rows: fc.array(row, { maxLength: 3 }),
  })
  .map(({ title, uid, variables, top, rows }) => ({
    title,
    uid,
    schemaVersion: 39,
    templating: { list: variables },
    panels: [...top, ...rows.flatMap((r) => [r])],
  }));

function countPanels(panels: unknown): number {
  if (!Array.isArray(panels)) return 0;
  return panels.reduce((n: number, p: Json) => n + (p.type === 'row' ? 1 + countPanels(p.panels) : 1), 0);
}

// Rows not collapsed carry no panels of their own; the panels after them are theirs.
function expectedPanels(json: Json): number {
  return countPanels(json.panels);
}

describe('gridPosAsShown', () => {
  it('always gives whole-unit boxes inside the 24 columns, and a reason whenever it changed the input', () => {
    fc.assert(
      fc.property(gridPos, (g) => {
        const { gridPos: shown, reasons } = gridPosAsShown(g);
        for (const k of ['x', 'y', 'w', 'h'] as const) expect(Number.isInteger(shown[k]), `${k} of ${JSON.stringify(shown)}`).toBe(true);
        expect(shown.x).toBeGreaterThanOrEqual(0);
        expect(shown.y).toBeGreaterThanOrEqual(0);
        expect(shown.w).toBeGreaterThanOrEqual(1);
        expect(shown.h).toBeGreaterThanOrEqual(1);
        expect(shown.x + shown.w).toBeLessThanOrEqual(24);
        const unchanged = g !== undefined && (['x', 'y', 'w', 'h'] as const).every((k) => g[k] === shown[k]);
        expect(reasons.length === 0, `${JSON.stringify(g)} → ${JSON.stringify(shown)}: ${reasons.join('; ')}`).toBe(unchanged);
      }),
      { numRuns: 500, seed: 61 },
    );
  });

  it('mirrors Grafana on the cases seen in published mixins', () => {
    expect(gridPosAsShown({ x: 12, y: 0, w: 18, h: 8 }).gridPos).toEqual({ x: 6, y: 0, w: 18, h: 8 });
    expect(gridPosAsShown({ x: 0, y: -1, w: 12, h: 8 }).gridPos).toEqual({ x: 0, y: 0, w: 12, h: 8 });
    expect(gridPosAsShown(undefined).gridPos).toEqual({ x: 0, y: 0, w: 6, h: 3 });
    expect(gridPosAsShown({ x: -2, y: 4, w: 6, h: 2 }).gridPos).toEqual({ x: 0, y: 4, w: 24, h: 2 });
    expect(gridPosAsShown({ x: 1.4, y: 2.6, w: 0, h: 0 }).gridPos).toEqual({ x: 1, y: 3, w: 1, h: 1 });
  });

  it('keeps the first of variables defined twice, with a note', () => {
    const notes: string[] = [];
    const fixed = applyGrafanaLoadFixes(
      { title: 'x', templating: { list: [{ name: 'job', query: 'a' }, { name: 'env' }, { name: 'job', query: 'b' }] } },
      notes,
    );
    expect((fixed.templating as Json).list).toEqual([{ name: 'job', query: 'a' }, { name: 'env' }]);
    expect(notes).toEqual(['variable "job" is defined more than once; Grafana uses the first, so the one at templating.list[2] is dropped']);
  });
});

describe('dash import on adversarial layouts and variable sets', () => {
  it('GIVEN generated dashboards WHEN imported THEN the result builds, keeps every panel, and notes every correction', async () => {
    await fc.assert(
      fc.asyncProperty(dashboardJson, async (json) => {
        const result = await importDashboard(json, { source: 'adversarial.json' });
        expect(result.buildProblems, result.code).toEqual([]);
        const notes: string[] = [];
        const corrected = applyGrafanaLoadFixes(json, notes);
        // Every correction made to match Grafana is in the notes (the input is then not byte-identical).
        for (const note of notes) expect(result.notes).toContain(note);
        expect(countPanels(corrected.panels)).toBe(expectedPanels(json));
      }),
      { numRuns: 250, seed: 62 },
    );
  }, 300_000);

  it('GIVEN generated dashboards WHEN the generated code is type-checked and built THEN it compiles, validates, and an exact verdict is true', async () => {
    const samples = fc.sample(dashboardJson, { numRuns: 40, seed: 63 });
    const imported: { json: Json; result: ImportedDashboard }[] = [];
    for (const json of samples) imported.push({ json, result: await importDashboard(json, { source: 'adversarial.json' }) });
    const { typeErrors, built } = await buildGenerated(imported.map((i, n) => ({ fileName: `adv-${n}.dash.ts`, code: i.result.code })));
    expect(typeErrors).toEqual([]);
    let exact = 0;
    imported.forEach(({ json, result }, n) => {
      const b = built[n]!;
      expect(b.problems, result.code).toEqual([]);
      const builtPanels = countPanels(b.json!.panels);
      expect(builtPanels, result.code).toBe(expectedPanels(json));
      if (!result.exact) return;
      exact++;
      const want = normalizeForRoundTrip(applyGrafanaLoadFixes(resolveInputs(migrateLegacy(json, []), []), []));
      expect(canonical(normalizeForRoundTrip(b.json!)), result.code).toEqual(canonical(want));
    });
    console.log(`import-adversarial: ${exact}/${imported.length} generated dashboards round-trip exactly`);
    expect(exact).toBeGreaterThan(imported.length / 2);
  }, 600_000);
});

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}
