import { describe, expect, it } from 'vitest';
import { importDashboard } from '../../../lib/import/dashboard/import-dashboard.js';
import { ImportError } from '../../../lib/import/dashboard/import-error.js';
import { normalizeForRoundTrip } from '../../../lib/import/dashboard/round-trip-normalize.js';
import { dashboard } from '../../../lib/model/dashboard.js';
import { timeseries } from '../../../lib/model/panels/timeseries-panel.js';
import { prometheus } from '../../../lib/model/queries/prometheus-query.js';
import { standardVariables } from '../../../lib/style/templating.js';
import { buildGenerated } from './build-generated.js';

const API = {
  uid: 'api',
  title: 'API',
  tags: ['team-a'],
  time: { from: 'now-3h', to: 'now' },
  schemaVersion: 39,
  templating: {
    list: [
      { type: 'datasource', name: 'datasource', query: 'prometheus' },
      {
        type: 'query',
        name: 'job',
        datasource: { type: 'prometheus', uid: '${datasource}' },
        query: 'label_values(up, job)',
        definition: 'label_values(up, job)',
        multi: true,
        includeAll: true,
        allValue: '.+',
        refresh: 2,
      },
    ],
  },
  panels: [
    { type: 'row', id: 1, title: 'Traffic', collapsed: false, panels: [], gridPos: { x: 0, y: 0, w: 24, h: 1 } },
    {
      type: 'timeseries',
      id: 2,
      title: 'Requests',
      gridPos: { x: 0, y: 1, w: 12, h: 8 },
      datasource: { type: 'prometheus', uid: '${datasource}' },
      targets: [{ refId: 'A', expr: 'sum(rate(http_requests_total{job=~"$job"}[$__rate_interval]))', legendFormat: 'rps' }],
      fieldConfig: { defaults: { unit: 'reqps', custom: { fillOpacity: 20 } }, overrides: [] },
      options: { legend: { displayMode: 'table', placement: 'right', showLegend: true, calcs: [] } },
      pluginVersion: '11.0.0',
    },
    {
      type: 'stat',
      id: 3,
      title: 'Up',
      gridPos: { x: 12, y: 1, w: 6, h: 8 },
      datasource: { type: 'prometheus', uid: '${datasource}' },
      targets: [{ refId: 'A', expr: 'up{job=~"$job"}' }],
      options: { colorMode: 'background', reduceOptions: { calcs: ['mean'] }, someNewOption: { nested: true } },
    },
  ],
};

describe('importDashboard', () => {
  it('GIVEN a modern dashboard WHEN imported THEN the code reads like hand-written builders and builds back to the input', async () => {
    const result = await importDashboard(structuredClone(API), { source: 'api.json' });

    expect(result.fileName).toBe('api.dash.ts');
    expect(result.uid).toBe('api');
    expect(result.differences).toEqual([]);
    expect(result.exact).toBe(true);
    expect(result.code).toContain("const job = queryVariable('job')");
    expect(result.code).toContain('.datasource(datasourceVar)');
    expect(result.code).toContain('prometheus(`sum(rate(http_requests_total{job=~"${job}"}[$__rate_interval]))`)');
    expect(result.code).toContain("row('Traffic')");
    expect(result.code).toContain('.width(6)');
    expect(result.code).not.toContain('gridPos');
    // Only what no setter covers goes through the escape hatch.
    expect(result.code).toContain('.$merge({ options: { someNewOption: { nested: true } } })');

    const { typeErrors, built } = await buildGenerated([result]);
    expect(typeErrors).toEqual([]);
    expect(built[0]!.problems).toEqual([]);
    expect(normalizeForRoundTrip(built[0]!.json!)).toEqual(normalizeForRoundTrip(API));
  });

  it('GIVEN a legacy rows[] dashboard with graph and singlestat panels WHEN imported THEN they are migrated with notes', async () => {
    const legacy = {
      title: 'Old',
      rows: [
        {
          title: 'Main',
          showTitle: true,
          height: '240px',
          panels: [
            {
              type: 'graph',
              title: 'CPU',
              span: 6,
              fill: 1,
              linewidth: 2,
              stack: true,
              targets: [{ expr: 'up', refId: 'A' }],
              yaxes: [{ format: 'percentunit', min: 0 }, {}],
            },
            { type: 'singlestat', title: 'Errors', span: 6, valueName: 'current', format: 'short', postfix: ' err', targets: [{ expr: 'errors', refId: 'A' }] },
          ],
        },
      ],
    };
    const result = await importDashboard(legacy, { source: 'old.json' });

    expect(result.notes.join('\n')).toMatch(/legacy rows\[\] layout → panels with 1 row panel/);
    expect(result.notes.join('\n')).toMatch(/panel "CPU": graph → timeseries/);
    expect(result.notes.join('\n')).toMatch(/panel "Errors": singlestat → stat; singlestat postfix text dropped/);
    expect(result.code).toContain("timeseries('CPU')");
    expect(result.code).toContain(".unit('percentunit')");
    expect(result.code).toContain(".stacking('normal')");
    expect(result.code).toContain("stat('Errors')");
    expect(result.code).toContain(".reduce('lastNotNull'");
    expect(result.exact).toBe(true);
    const { typeErrors, built } = await buildGenerated([result]);
    expect(typeErrors).toEqual([]);
    expect(built[0]!.problems).toEqual([]);
  });

  it('GIVEN input that is not a dashboard WHEN imported THEN an ImportError names the source and the JSON path', async () => {
    await expect(importDashboard([1, 2], { source: 'list.json' })).rejects.toThrow(
      new ImportError('list.json', '$', 'expected a dashboard object, got an array'),
    );
    await expect(importDashboard({ groups: [] }, { source: 'rules.json' })).rejects.toThrow(/rules\.json › \$: not a dashboard/);
    let deep: Record<string, unknown> = {};
    const root = { title: 'Deep', panels: [deep] };
    for (let i = 0; i < 100; i++) deep = (deep.x = {}) as Record<string, unknown>;
    await expect(importDashboard(root, { source: 'deep.json' })).rejects.toThrow(/deep\.json › \$\.panels\[0\](\.x)+: nesting deeper than 64 levels/);
  });

  it('GIVEN a key named __proto__ WHEN imported THEN it is reported as dropped, and nothing is polluted', async () => {
    const json = JSON.parse(
      '{"title":"P","uid":"p","panels":[{"type":"text","title":"t","gridPos":{"x":0,"y":0,"w":12,"h":8},"__proto__":{"polluted":1}}]}',
    ) as unknown;
    const result = await importDashboard(json, { source: 'p.json' });
    expect(result.exact).toBe(false);
    expect(result.differences).toEqual([
      '$.panels[0].__proto__: a key named "__proto__" cannot be carried over (object literals and merges read it as the prototype); dropped',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('GIVEN a config hook WHEN imported THEN every query text goes through it and the module exports a function of the config', async () => {
    const result = await importDashboard(structuredClone(API), {
      source: 'api.json',
      importPath: '../lib.js',
      config: {
        rewriteExpr: (expr) => (expr.includes('http_requests_total') ? `c.requests` : undefined),
        paramType: '{ requests: string }',
        preamble: '// config-driven',
      },
    });
    expect(result.code).toContain("from '../lib.js'");
    expect(result.code.split('// config-driven').length - 1).toBe(1);
    expect(result.code).toMatch(/export default function importedDashboard\(c: \{ requests: string \}\): DashboardBuilder \{/);
    expect(result.code).toContain('prometheus(c.requests)');
  });

  it('GIVEN a dashboard built with the house-style variables WHEN imported THEN they come back as standardVariables()', async () => {
    const vars = standardVariables({ levels: ['cluster'], infoMetric: 'app_build_info' });
    const source = dashboard('Service')
      .uid('svc')
      .variable(...vars.all)
      .panel(
        timeseries('Requests')
          .datasource(vars.datasource)
          .target(prometheus(`sum(rate(http_requests_total{job=~"${vars.job}"}[5m]))`)),
      )
      .build();
    const result = await importDashboard(source, { source: 'svc.json' });
    expect(result.code).toMatch(
      /const \{\s*datasource: datasourceVar,\s*cluster,\s*job,\s*instance,?\s*\} = standardVariables\(\{ infoMetric: 'app_build_info', levels: \['cluster'\] \}\);/,
    );
    expect(result.code).toContain('.variable(datasourceVar, cluster, job, instance)');
    expect(result.exact).toBe(true);
    const { typeErrors, built } = await buildGenerated([result]);
    expect(typeErrors).toEqual([]);
    expect(normalizeForRoundTrip(built[0]!.json!)).toEqual(normalizeForRoundTrip(source as unknown as Record<string, unknown>));
  });
});
