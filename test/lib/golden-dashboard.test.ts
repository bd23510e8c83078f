import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dashboard, prometheus, SCHEMA_VERSION, text, timeseries, toJson } from '../../lib/index.js';
import { promDs } from '../support/fixtures.js';
import { fullDashboard } from '../support/full-dashboard.js';
import { expectValidDashboard } from '../support/golden.js';
import {
  compileUpstream,
  relaxedUpstreamSchema,
  UPSTREAM_SCHEMA_RELAXATIONS,
  validateRelaxedUpstreamDashboard,
} from '../support/upstream-schema-relaxations.js';
import { repoRoot, upstreamDashboardSchemaPath } from '../support/validate-schema.js';
import path from 'node:path';

describe('golden dashboard', () => {
  it('a full dashboard: variables of every kind, annotations, links, top-level panels, open/repeated/collapsed rows', async () => {
    // GIVEN a dashboard using everything a dashboard holds
    // WHEN it is built
    const json = fullDashboard().build();

    // THEN it validates against our schema (library panel reference included) and the relaxed upstream schema
    expectValidDashboard(json);
    const upstream = validateRelaxedUpstreamDashboard(json);
    if (upstream) expect(upstream.errors).toEqual([]);
    else expect(existsSync(upstreamDashboardSchemaPath)).toBe(false);

    // AND the layout is Grafana's: top-level panels first, then rows in order, ids 1..n
    const panels = json.panels as unknown as Record<string, any>[];
    expect(panels.map((p) => [p.id, p.type ?? 'library', p.title, p.gridPos.y])).toEqual([
      [1, 'stat', 'Availability', 0],
      [2, 'text', 'About', 0],
      [3, 'row', 'Traffic', 4],
      [4, 'timeseries', 'Requests', 5],
      [5, 'timeseries', 'Latency', 5],
      [6, 'timeseries', 'Errors of $job', 13],
      [7, 'row', 'Instance $instance', 19],
      [8, 'timeseries', 'CPU $instance', 20],
      [9, 'library', 'Memory', 20],
      [10, 'row', 'Logs and traces', 26],
      [14, 'row', 'Capacity', 27],
      [15, 'timeseries', 'Saturation', 28],
    ]);
    // AND the repeated panel and the repeated row carry Grafana's repeat fields
    expect(panels[5]).toMatchObject({ repeat: 'job', repeatDirection: 'h', maxPerRow: 3 });
    expect(panels[6]).toMatchObject({ type: 'row', repeat: 'instance', collapsed: false, panels: [] });
    // AND the collapsed row carries its panels (ids 11–13), laid out below its header
    const collapsed = panels[9]!;
    expect(collapsed.collapsed).toBe(true);
    expect(collapsed.panels.map((p: { id: number; gridPos: unknown }) => [p.id, p.gridPos])).toEqual([
      [11, { x: 0, y: 27, w: 24, h: 8 }],
      [12, { x: 0, y: 35, w: 12, h: 8 }],
      [13, { x: 12, y: 35, w: 12, h: 8 }],
    ]);
    expect(json.schemaVersion).toBe(SCHEMA_VERSION);
    await expect(toJson(json)).toMatchFileSnapshot('./__golden__/dashboard-full.json');
  });

  it('a minimal dashboard is sparse: uid, title, schemaVersion, annotations, templating, panels', async () => {
    // GIVEN a dashboard with one text panel
    const json = dashboard('Hello').panel(text('Hi').content('hello')).build();
    // WHEN built THEN only required and set fields appear, in canonical order
    expectValidDashboard(json);
    expect(Object.keys(json)).toEqual(['uid', 'title', 'schemaVersion', 'annotations', 'templating', 'panels']);
    await expect(toJson(json)).toMatchFileSnapshot('./__golden__/dashboard-minimal.json');
  });

  it('building twice gives identical bytes', () => {
    // GIVEN the full dashboard builder WHEN built twice, and rebuilt from scratch
    const builder = fullDashboard();
    // THEN every build is byte-identical
    expect(toJson(builder.build())).toBe(toJson(builder.build()));
    expect(toJson(fullDashboard().build())).toBe(toJson(builder.build()));
  });

  it('dashboard setters in a different order give identical bytes', () => {
    // GIVEN two dashboards with the same settings applied in opposite orders
    const panel = text('t').content('x');
    const a = dashboard('Order').uid('order').tags('a').timezone('utc').refresh('1m').time('now-1h').editable(true).graphTooltip('shared-tooltip').panel(panel);
    const b = dashboard('Order').panel(panel).graphTooltip('shared-tooltip').editable(true).time('now-1h').refresh('1m').timezone('utc').tags('a').uid('order');
    // WHEN built THEN the bytes are identical
    expect(toJson(b.build())).toBe(toJson(a.build()));
  });
});

describe('upstream schema relaxations', () => {
  it('are documented: each has an id, a one-line reason, and a corpus example that exists when given', () => {
    // GIVEN the relaxation list WHEN inspected THEN each entry is documented
    expect(UPSTREAM_SCHEMA_RELAXATIONS.length).toBeGreaterThan(0);
    for (const r of UPSTREAM_SCHEMA_RELAXATIONS) {
      expect(r.reason).not.toMatch(/\n/);
      expect(r.reason.length).toBeGreaterThan(20);
      if (r.corpusExample !== undefined) {
        const corpusFile = path.resolve(repoRoot, '../shared', r.corpusExample);
        // The corpus lives next to the repository, like the upstream schema; only check it when present.
        if (existsSync(path.resolve(repoRoot, '../shared/corpus'))) expect(existsSync(corpusFile)).toBe(true);
        else expect(existsSync(corpusFile)).toBe(false);
      }
    }
    expect(new Set(UPSTREAM_SCHEMA_RELAXATIONS.map((r) => r.id)).size).toBe(UPSTREAM_SCHEMA_RELAXATIONS.length);
  });

  it('are each still needed: the golden dashboard fails the upstream schema without any one of them', () => {
    // GIVEN the full golden dashboard
    const json = fullDashboard().build();
    const all = relaxedUpstreamSchema();
    if (all === null) {
      console.log(`upstream dashboard schema not found at ${upstreamDashboardSchemaPath}; relaxations not checked`);
      expect(existsSync(upstreamDashboardSchemaPath)).toBe(false);
      return;
    }
    // WHEN validated with all relaxations but one, for each one
    // THEN it fails every time (so no relaxation hides nothing) and passes with all of them
    expect(compileUpstream(all)(json)).toBe(true);
    for (const left of UPSTREAM_SCHEMA_RELAXATIONS) {
      const schema = relaxedUpstreamSchema(UPSTREAM_SCHEMA_RELAXATIONS.filter((r) => r !== left))!;
      expect({ without: left.id, valid: compileUpstream(schema)(withEveryRelaxedFeature(json)) }).toEqual({ without: left.id, valid: false });
    }
  });
});

/**
 * The full dashboard plus a panel with a link and overrides (which exercise the remaining
 * relaxations: matcher options, override values, panel links).
 */
function withEveryRelaxedFeature(json: unknown): unknown {
  const extra = dashboard('x')
    .variable(promDs)
    .panel(
      timeseries('links and overrides')
        .datasource(promDs)
        .target(prometheus('up'))
        .link('Runbook', 'https://runbooks.example')
        .overrideByName('up', { unit: 'short' }),
    )
    .build();
  const out = structuredClone(json) as { panels: unknown[] };
  out.panels.push({ ...(extra.panels as unknown[])[0]!, id: 999 });
  return out;
}
