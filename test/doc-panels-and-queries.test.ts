// docs/panels-and-queries.md: its example dashboard builds with the dash bin, every panel's
// options and every query validate against the upstream schema of their plugin (where Grafana
// publishes one), and the page lists every panel builder the importer knows.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PANEL_FACTORIES } from '../lib/import/dashboard/builder-scope.js';
import { makeProject, runDash } from './cli/run-dash.js';
import { docPages, docProjectFiles } from './support/doc-pages.js';
import { createProjectAjv, formatErrors } from './support/validate-schema.js';

const PAGE = 'docs/panels-and-queries.md';
const EXAMPLE = 'dashboards/panel-kinds.dash.ts';

/** Panel plugin id → its options definition in schemas/grafana-panels.schema.json. */
const PANEL_OPTIONS: Record<string, string> = {
  annolist: 'AnnotationsListOptions',
  candlestick: 'CandlestickOptions',
  canvas: 'CanvasOptions',
  dashlist: 'DashboardListOptions',
  datagrid: 'DatagridOptions',
  geomap: 'GeomapOptions',
  news: 'NewsOptions',
  'status-history': 'StatusHistoryOptions',
  trend: 'TrendOptions',
};

/** Data source plugin id → its query model in schemas/grafana-queries.schema.json. */
const QUERY_MODELS: Record<string, string> = {
  elasticsearch: 'ElasticsearchQueryModel',
  cloudwatch: 'CloudWatchQueryModel',
  'grafana-azure-monitor-datasource': 'AzureMonitorQueryModel',
  stackdriver: 'GoogleCloudMonitoringQueryModel',
  'grafana-pyroscope-datasource': 'PyroscopeQueryModel',
  parca: 'ParcaQueryModel',
  'grafana-testdata-datasource': 'TestDataQueryModel',
  __expr__: 'ExpressionQueryModel',
};

type Json = Record<string, unknown>;
const typeOf = (ds: unknown) => (typeof ds === 'object' && ds !== null ? (ds as Json).type : undefined) as string | undefined;

function findJson(dir: string, uid: string): Json {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.json')) continue;
    const json = JSON.parse(readFileSync(path.join(entry.parentPath, entry.name), 'utf8')) as Json;
    if (json.uid === uid) return json;
  }
  throw new Error(`no built dashboard with uid ${uid} under ${dir}`);
}

describe(PAGE, () => {
  const page = docPages().find((p) => p.file === PAGE)!;

  it('GIVEN its example WHEN built THEN every panel and query validates against its plugin schema', () => {
    const files = docProjectFiles([page]);
    expect(Object.keys(files)).toEqual([EXAMPLE]);
    const dir = makeProject({ ...files, 'dash.config.ts': "import { defineConfig } from 'grafts';\nexport default defineConfig({});\n" });
    const run = runDash(['build'], dir);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const built = findJson(path.join(dir, 'out'), 'panel-kinds');
    const ajv = createProjectAjv();
    const checked = { options: 0, queries: 0 };
    const failures: string[] = [];
    for (const p of built.panels as Json[]) {
      const optionsDef = PANEL_OPTIONS[p.type as string];
      if (optionsDef) {
        const validate = ajv.getSchema(`grafana-panels.schema.json#/definitions/${optionsDef}`)!;
        if (!validate(p.options ?? {})) failures.push(`${String(p.title)} options: ${formatErrors(validate.errors).join('; ')}`);
        checked.options++;
      }
      for (const t of (p.targets as Json[] | undefined) ?? []) {
        const model = QUERY_MODELS[typeOf(t.datasource) ?? typeOf(p.datasource) ?? ''];
        if (!model) continue;
        const validate = ajv.getSchema(`grafana-queries.schema.json#/definitions/${model}`)!;
        if (!validate(t)) failures.push(`${String(p.title)} query ${String(t.refId)}: ${formatErrors(validate.errors).join('; ')}`);
        checked.queries++;
      }
    }
    expect(failures).toEqual([]);
    // Every schema-backed kind of the example was checked, not skipped.
    expect(checked.options).toBe(Object.keys(PANEL_OPTIONS).length);
    expect(checked.queries).toBeGreaterThanOrEqual(Object.keys(QUERY_MODELS).length);
  }, 120_000);

  it('GIVEN the panel kinds the importer maps THEN the page lists each builder', () => {
    for (const factory of new Set(Object.values(PANEL_FACTORIES))) expect(page.text, factory).toContain(`\`${factory}()\``);
  });
});
