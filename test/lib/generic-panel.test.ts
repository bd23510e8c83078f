// panel('<plugin id>'): the typed builder for panel kinds without one of their own, and what
// the importer now emits for them instead of a text panel reshaped by $merge.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dashboard, datasource, panel, prometheus, rawQuery } from '../../lib/index.js';
import { renderDashboard } from '../../lib/model/dashboard-render.js';
import { importDashboard } from '../../lib/import/dashboard/import-dashboard.js';
import { buildGenerated } from '../import/dashboard/build-generated.js';

describe('panel(type)', () => {
  it('builds a panel of that type with the common setters and the options/custom catch-alls, and needs no query', () => {
    const tempo = datasource('tempo', 'tempo-uid');
    const built = panel('nodeGraph', 'Service graph')
      .datasource(tempo)
      .target(rawQuery('tempo', { queryType: 'serviceMap' }))
      .description('calls between services')
      .unit('reqps')
      .custom({ lineWidth: 2 })
      .options({ nodes: { mainStatUnit: 'ms' } })
      .options({ edges: { secondaryStatUnit: 'percent' } })
      .build();
    expect(built).toEqual({
      type: 'nodeGraph',
      title: 'Service graph',
      description: 'calls between services',
      datasource: { type: 'tempo', uid: 'tempo-uid' },
      targets: [{ refId: 'A', queryType: 'serviceMap' }],
      fieldConfig: { defaults: { unit: 'reqps', custom: { lineWidth: 2 } }, overrides: [] },
      options: { nodes: { mainStatUnit: 'ms' }, edges: { secondaryStatUnit: 'percent' } },
    });
    const { problems } = renderDashboard(
      dashboard('Alerts')
        .panel(panel('alertlist', 'Firing').options({ maxItems: 20 }))
        .parts(),
    );
    expect(problems).toEqual([]);
  });

  it('refuses an empty type and "row" (a row is structure: row())', () => {
    expect(() => panel('')).toThrow(/expected a panel plugin id/);
    expect(() => panel('  ')).toThrow(/expected a panel plugin id/);
    expect(() => panel('row')).toThrow(/rows are row\(\)/);
  });

  it('keeps a data source kind: queries of another kind are a validation problem', () => {
    const { problems } = renderDashboard(
      dashboard('Mixed up')
        .panel(
          panel('traces', 'T')
            .datasource(datasource('tempo', 't'))
            .target(prometheus('up') as never),
        )
        .parts(),
    );
    expect(problems.map((p) => p.message)).toEqual(['prometheus query A on a panel whose data source is tempo']);
  });
});

describe('import of panel kinds without a builder', () => {
  // Core kinds have builders of their own (test/lib/core-panel-kinds.test.ts); plugins do not.
  const pluginId = fc.oneof(fc.constantFrom('welcome', 'gettingstarted'), fc.stringMatching(/^[a-z][a-z0-9-]{2,20}-panel$/));

  it('GIVEN any plugin type (with or without queries and options) WHEN imported THEN the code uses panel(type), builds and round-trips', async () => {
    const samples = fc.sample(
      fc.record({
        type: pluginId,
        options: fc.option(
          fc.dictionary(fc.constantFrom('maxItems', 'showTitle', 'view'), fc.oneof(fc.integer(), fc.boolean(), fc.string({ maxLength: 5 })), { minKeys: 1 }),
          { nil: undefined },
        ),
        targets: fc.option(fc.constant([{ refId: 'A', datasource: { type: 'tempo', uid: 't' }, query: '{}' }]), { nil: undefined }),
      }),
      { numRuns: 12, seed: 71 },
    );
    const imported = [];
    for (const [i, s] of samples.entries()) {
      const p: Record<string, unknown> = { id: 1, type: s.type, title: `P${i}`, gridPos: { x: 0, y: 0, w: 12, h: 8 } };
      if (s.options) p.options = s.options;
      if (s.targets) {
        p.targets = s.targets;
        p.datasource = { type: 'tempo', uid: 't' };
      }
      const result = await importDashboard({ uid: `g${i}`, title: `G${i}`, panels: [p] }, { source: `g${i}.json` });
      expect(result.code).toContain(`panel(${JSON.stringify(s.type)}`.replace(/"/g, "'"));
      expect(result.code).not.toMatch(/text\(/);
      expect(result.exact, result.differences.join('\n')).toBe(true);
      if (s.options) expect(result.code).toContain('.options(');
      imported.push(result);
    }
    const { typeErrors, built } = await buildGenerated(imported);
    expect(typeErrors).toEqual([]);
    for (const b of built) expect(b.problems).toEqual([]);
  }, 120_000);

  it('GIVEN a query panel kind without queries WHEN imported THEN it is panel(type) too, not a reshaped text panel', async () => {
    const result = await importDashboard(
      { uid: 'e', title: 'E', panels: [{ type: 'timeseries', title: 'Empty', gridPos: { x: 0, y: 0, w: 12, h: 8 } }] },
      { source: 'e.json' },
    );
    expect(result.code).toContain("panel('timeseries', 'Empty')");
    expect(result.exact).toBe(true);
  });
});
