import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importDashboard } from '../../../lib/import/dashboard/import-dashboard.js';
import { normalizeForRoundTrip } from '../../../lib/import/dashboard/round-trip-normalize.js';
import { dashboard, isDashboardBuilder, type DashboardBuilder } from '../../../lib/model/dashboard.js';
import { renderDashboard } from '../../../lib/model/dashboard-render.js';
import { datasource } from '../../../lib/model/datasource.js';
import { datasourceVariable } from '../../../lib/model/variables/datasource-variable.js';
import { bundleAndEvaluate } from '../../../lib/project/bundle-modules.js';
import { red } from '../../../lib/style/red.js';
import { standardVariables } from '../../../lib/style/templating.js';
import { buildGenerated } from './build-generated.js';

type Json = Record<string, unknown>;

const EXAMPLE = fileURLToPath(new URL('../../../examples/red-services', import.meta.url));

/** A dashboard of RED rows under many option combinations: classic and native, Prometheus and logs. */
function redRows(): Json {
  const vars = standardVariables({ levels: ['cluster'] });
  const logs = datasourceVariable('logs', 'loki').label('Logs');
  const fixed = datasource('prometheus', 'prom-main');
  return dashboard('RED rows')
    .uid('red-rows')
    .variable(...vars.all, logs)
    .row(
      // Classic histogram, every query option changed, custom thresholds.
      red.row({
        service: 'checkout',
        variables: vars,
        selector: { service: 'checkout', path: { op: '!~', value: '/health.*' } },
        requestsMetric: 'checkout_requests_total',
        durationMetric: 'checkout_request_seconds',
        statusLabel: 'status_code',
        errorStatus: '5..|429',
        rateInterval: '5m',
        errorThresholds: [0.001, 0.01],
      }),
      // Native histogram, defaults otherwise.
      red.row({ service: 'search', variables: vars, selector: { job: 'search' }, histogram: 'native' }),
      // A fixed data source and no variables; a label matched twice (list form); collapsed.
      red.row({
        service: 'billing',
        datasource: fixed,
        selector: [
          { label: 'job', op: '=~', value: 'billing.*' },
          { label: 'job', op: '!=', value: 'billing-canary' },
        ],
        histogram: 'native',
        collapsed: true,
      }),
      // gRPC status names.
      red.row({ service: 'grpc', variables: vars, selector: { job: 'grpc' }, statusLabel: 'grpc_code', errorStatus: 'Internal|Unavailable' }),
      // Logs: logfmt, a Go duration field, the job variable in the stream selector.
      red.logsRow({
        service: 'legacy',
        datasource: logs,
        streamSelector: { app: 'legacy', job: vars.job },
        parser: 'logfmt',
        statusField: 'code',
        durationField: 'took',
        durationFormat: 'duration',
        interval: '1m',
        errorThresholds: [0.02, 0.1],
      }),
      // Logs: milliseconds, defaults otherwise, collapsed.
      red.logsRow({ service: 'batch', datasource: logs, streamSelector: '{app="batch"}', durationFormat: 'milliseconds', collapsed: true }),
    )
    .build() as unknown as Json;
}

async function roundTrip(source: Json, name: string) {
  const result = await importDashboard(structuredClone(source), { source: name });
  const { typeErrors, built } = await buildGenerated([result]);
  return { result, typeErrors, built: built[0]! };
}

/** The import is exact, and its code type-checks and builds back to the source. */
function expectBuildsBack(run: Awaited<ReturnType<typeof roundTrip>>, source: Json): void {
  expect(run.result.exact).toBe(true);
  expect(run.typeErrors).toEqual([]);
  expect(run.built.problems).toEqual([]);
  expect(normalizeForRoundTrip(run.built.json!)).toEqual(normalizeForRoundTrip(source));
}

/** Code without whitespace, so assertions do not depend on where prettier breaks lines. */
function compact(code: string): string {
  return code.replace(/\s+/g, '');
}

function count(code: string, text: string): number {
  return code.split(text).length - 1;
}

describe('RED rows in dash import', () => {
  it('GIVEN examples/red-services built to JSON WHEN imported THEN the code is its red.dashboard() call again, type-checks and builds back to the same JSON', async () => {
    const [example] = await bundleAndEvaluate(EXAMPLE, ['shop.dash.ts']);
    const value = example!.namespace['default'];
    expect(isDashboardBuilder(value)).toBe(true);
    const rendered = renderDashboard((value as DashboardBuilder).parts());
    expect(rendered.problems).toEqual([]);
    const source = rendered.json as unknown as Json;

    const run = await roundTrip(source, 'shop-services.json');

    expect(run.result.code).toContain("import { red } from 'grafts';");
    expect(compact(run.result.code)).toContain(
      compact(
        "export default red .dashboard('Shop services', ['checkout', 'cart', { service: 'search', histogram: 'native' }], { " +
          "description: 'Rate, errors and duration of every shop service.', }) .uid('shop-services') .tags('shop', 'red') .time('now-6h');",
      ),
    );
    expect(run.result.notes).toContain('the dashboard is the house-style red.dashboard() for checkout, cart, search');
    expectBuildsBack(run, source);
  });

  it('GIVEN red.dashboard() with options (levels, info metric, service label, per-service and shared row options, an own selector) WHEN imported THEN it is that call again', async () => {
    const source = red
      .dashboard(
        'Payments',
        [
          'api',
          { service: 'ledger', histogram: 'native', errorThresholds: [0.001, 0.01] },
          { service: 'worker', selector: { queue: 'payments' }, collapsed: true },
        ],
        {
          levels: ['cluster', 'namespace'],
          infoMetric: 'app_build_info',
          serviceLabel: 'app',
          rateInterval: '1m',
        },
      )
      .uid('payments')
      .editable(true)
      .build() as unknown as Json;

    const run = await roundTrip(source, 'payments.json');

    const code = compact(run.result.code);
    expect(code).toContain(compact("red .dashboard( 'Payments', [ { service: 'api', rateInterval: '1m' },"));
    expect(code).toContain(compact("{ service: 'ledger', histogram: 'native', rateInterval: '1m', errorThresholds: [0.001, 0.01] },"));
    expect(code).toContain(compact("{ service: 'worker', selector: { queue: 'payments' }, rateInterval: '1m', collapsed: true },"));
    expect(code).toContain(compact("{ levels: ['cluster', 'namespace'], infoMetric: 'app_build_info', serviceLabel: 'app' },"));
    expect(code).toContain(compact(".uid('payments') .editable(true);"));
    expect(run.result.code).not.toContain('standardVariables');
    expectBuildsBack(run, source);
  });

  it('GIVEN RED rows under many options (classic, native, fixed data source, logs) WHEN imported THEN each is the helper call with those options, and it builds back exactly', async () => {
    const source = redRows();

    const run = await roundTrip(source, 'red-rows.json');
    const { result } = run;

    expect(count(result.code, 'red.row({')).toBe(4);
    expect(count(result.code, 'red.logsRow({')).toBe(2);
    expect(result.code).not.toContain('timeseries(');
    expect(result.code).toContain('errorThresholds: [0.001, 0.01]');
    expect(result.code).toContain("requestsMetric: 'checkout_requests_total'");
    expect(result.code).toContain("durationMetric: 'checkout_request_seconds'");
    expect(result.code).toContain("statusLabel: 'status_code'");
    expect(result.code).toContain("errorStatus: '5..|429'");
    expect(result.code).toContain("rateInterval: '5m'");
    expect(result.code).toContain("selector: { service: 'checkout', path: { op: '!~', value: '/health.*' } }");
    expect(result.code).toContain("histogram: 'native'");
    expect(result.code).toMatch(
      /service: 'billing',\s+datasource: prometheusDatasource,\s+selector: \[\s*\{ label: 'job', op: '=~', value: 'billing\.\*' \},\s*\{ label: 'job', op: '!=', value: 'billing-canary' \},?\s*\],\s+histogram: 'native',\s+collapsed: true,/,
    );
    expect(result.code).toContain("statusLabel: 'grpc_code'");
    expect(result.code).toContain('streamSelector: `{app="legacy", job=~"${job}"}`');
    expect(result.code).toContain("parser: 'logfmt'");
    expect(result.code).toContain("durationFormat: 'duration'");
    expect(result.code).toContain("durationFormat: 'milliseconds'");
    expect(result.code).toMatch(/const redVariables = \{ datasource: datasourceVar, matchers: \{ cluster, job, instance \} \};/);
    expectBuildsBack(run, source);
  });

  it('GIVEN a RED row that differs in one panel WHEN imported THEN that row is imported panel by panel, the others stay helper calls, and it still builds back exactly', async () => {
    const source = redRows();
    const panels = source.panels as Json[];
    // The native `search` row's error ratio, with a different warning colour.
    const searchRow = panels.findIndex((p) => p.type === 'row' && p.title === 'search');
    const errors = panels.slice(searchRow + 1).find((p) => p.title === 'Error ratio') as Json;
    const steps = ((errors.fieldConfig as Json).defaults as { thresholds: { steps: Json[] } }).thresholds.steps;
    steps[1] = { ...steps[1], color: 'yellow' };
    // The collapsed `batch` logs row's latency, with another legend.
    const batch = panels.find((p) => p.type === 'row' && p.title === 'batch') as { panels: Json[] };
    const latency = batch.panels.find((p) => p.title === 'Latency') as { targets: Json[] };
    latency.targets[2] = { ...latency.targets[2], legendFormat: 'average' };

    const run = await roundTrip(source, 'red-rows-changed.json');
    const { result } = run;

    expect(count(result.code, 'red.row({')).toBe(3);
    expect(count(result.code, 'red.logsRow({')).toBe(1);
    expect(result.code).toContain("row('search')");
    expect(result.code).toContain("row('batch')");
    expect(count(result.code, "timeseries('Latency')")).toBe(2);
    expect(result.code).toContain("{ value: 0.01, color: 'yellow' }");
    expect(result.code).toMatch(/\.legend\(\s*'average',?\s*\)/);
    expectBuildsBack(run, source);
  });

  it('GIVEN a RED dashboard as Grafana saves it (ids, plugin version, data source copies on targets, default options) WHEN imported THEN it is still the helper call', async () => {
    const source = red
      .dashboard('Shop', ['checkout', { service: 'search', histogram: 'native' }])
      .uid('shop')
      .build() as unknown as { panels: Json[] };
    source.panels.forEach((p, i) => {
      p.id = i + 1;
      if (p.type === 'row') return;
      p.pluginVersion = '11.3.0';
      p.targets = (p.targets as Json[]).map((t) => ({ ...t, datasource: p.datasource, range: true, instant: false }));
      p.options = { legend: { calcs: [], displayMode: 'list', placement: 'bottom', showLegend: true }, tooltip: { mode: 'single', sort: 'none' } };
      const defaults = (p.fieldConfig as { defaults: Json }).defaults;
      defaults.custom = { axisBorderShow: false, drawStyle: 'line', lineInterpolation: 'linear', ...(defaults.custom as Json) };
      defaults.mappings = [];
    });

    const run = await roundTrip(source as unknown as Json, 'shop-saved.json');
    const { result } = run;

    expect(compact(result.code)).toContain(
      compact("export default red.dashboard('Shop', ['checkout', { service: 'search', histogram: 'native' }]).uid('shop');"),
    );
    expectBuildsBack(run, source as unknown as Json);
  });

  it('GIVEN a RED row with a panel of another size or a target edited in the query editor WHEN imported THEN it is not recognised', async () => {
    const source = red.dashboard('Shop', ['checkout', 'cart']).uid('shop').build() as unknown as { panels: Json[] };
    const [checkoutRow, cartRow] = ['checkout', 'cart'].map((title) => source.panels.findIndex((p) => p.type === 'row' && p.title === title));
    // checkout: the latency panel 2 units shorter (errors still fits under rate).
    const latency = source.panels.slice(checkoutRow!, cartRow).find((p) => p.title === 'Latency') as { gridPos: { h: number } };
    latency.gridPos.h = 12;
    // cart: one target carries editor state the helper does not write.
    const rate = source.panels.slice(cartRow).find((p) => p.title === 'Request rate') as { targets: Json[] };
    rate.targets[0] = { ...rate.targets[0], editorMode: 'code' };

    const run = await roundTrip(source as unknown as Json, 'shop-edited.json');
    const { result } = run;

    expect(result.code).not.toContain('red.row({');
    expect(result.code).toContain("row('checkout')");
    expect(result.code).toContain("row('cart')");
    expect(result.code).toContain(".editorMode('code')");
    expectBuildsBack(run, source as unknown as Json);
  });
});
