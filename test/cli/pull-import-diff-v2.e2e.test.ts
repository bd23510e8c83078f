// dash pull → dash import → dash diff for schema v2 on a Grafana 13 emulator: dashboards stored
// as v2 (tabs, rows in tabs, an auto grid, show/hide rules, repeats) are pulled in resource
// form, imported as code with the v2 builders and `.schema('v2')`, and the imported project
// diffs clean against the same Grafana.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGrafanaEmulator, type GrafanaEmulator } from '../../lib/testing/index.js';
import { makeProject, runDashAsync } from './run-dash.js';

const SOURCE = `import { autoGrid, customVariable, dashboard, datasourceVariable, hasData, loki, logs, prometheus, row, stat, tab, timeRangeLessThan, timeseries, variableEquals } from 'grafts';

const ds = datasourceVariable('datasource', 'prometheus');
const env = customVariable('env', ['prod', 'staging']);

const checkout = dashboard('Checkout v2').uid('checkout-v2').variable(ds, env).tabs(
  tab('Overview').autoGrid(
    autoGrid({ maxColumns: 2, rowHeight: 'short' })
      .panel(stat('Requests').datasource(ds).target(prometheus('sum(rate(http_requests_total[5m]))')))
      .item(logs('Errors').target(loki('{job="checkout"} |= "error"')), { showIf: hasData() }),
  ),
  tab('Details').showIf(variableEquals(env, 'prod')).row(
    row('Latency').panel(timeseries('p99').datasource(ds).target(prometheus('histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))'))),
    row('Per environment').repeat(env).collapsed().hideIf(timeRangeLessThan('5m')).panel(stat('Up').datasource(ds).target(prometheus('up'))),
  ),
);

export default [checkout];
`;

describe('dash pull → dash import → dash diff of schema v2 (Grafana 13 emulator)', () => {
  let grafana: GrafanaEmulator;
  beforeAll(async () => {
    grafana = await startGrafanaEmulator({ version: '13.0.0' });
  });
  afterAll(() => grafana.stop());

  it('GIVEN a v2 dashboard applied to Grafana 13 WHEN pulled, imported into a new project and diffed THEN the code uses the v2 builders and there are no changes', async () => {
    const env = { GRAFANA_URL: grafana.url, GRAFANA_TOKEN: grafana.token };
    const source = makeProject({ 'all.dash.ts': SOURCE });
    const applied = await runDashAsync(['apply', '--no-typecheck'], source, env);
    expect(applied.exitCode, applied.stderr).toBe(0);

    const copy = makeProject({});
    const pulled = await runDashAsync(['pull', '--out', 'pulled'], copy, env);
    expect(pulled.exitCode, pulled.stderr).toBe(0);
    const stored = JSON.parse(readFileSync(path.join(copy, 'pulled', 'checkout-v2.json'), 'utf8')) as { apiVersion: string };
    expect(stored.apiVersion).toMatch(/^dashboard\.grafana\.app\/v2/);

    const imported = await runDashAsync(['import', 'pulled', '--out', 'dashboards'], copy, env);
    expect(imported.stderr).toBe('');
    expect(imported.exitCode).toBe(0);
    const code = readFileSync(path.join(copy, 'dashboards', 'checkout-v2.dash.ts'), 'utf8');
    expect(code).toContain(".schema('v2')");
    expect(code).toContain("tab('Details')");
    expect(code).toContain('.showIf(variableEquals(env, ');
    expect(code).toContain('.item(');
    expect(code).toContain('.repeat(env)');

    const diff = await runDashAsync(['diff', '--exit-code'], copy, env);
    expect(diff.stderr).toBe('');
    expect(diff.stdout).toMatch(/0 to create, 0 to update/);
    expect(diff.exitCode).toBe(0);
  }, 180_000);
});
