// dash pull → dash import pulled → dash diff shows no changes: the pulled tree records each
// folder (uid and title, nested through parents), the importer puts every dashboard back in
// its folder with .folder(...), and the imported code builds to exactly what Grafana holds.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGrafanaEmulator, type GrafanaEmulator } from '../../lib/testing/index.js';
import { makeProject, runDashAsync } from './run-dash.js';

// Folders nested three deep, a uid folder() would not derive, two "Ops" folders under
// different parents, a dashboard at the root, and dashboards with generated-looking uids.
const SOURCE = `import { dashboard, folder, panel, prometheus, rawQuery, stat, timeseries } from 'grafts';

const team = folder('Team');
const payments = folder('Payments', { parent: team, uid: 'pay7x2k9q' });
const paymentsOps = folder('Ops', { parent: payments });
const platform = folder('Platform');
const platformOps = folder('Ops', { parent: platform });

const home = dashboard('Home').uid('home').panel(stat('Up').target(prometheus('up')));
const api = dashboard('API').uid('api').folder(team).panel(timeseries('Requests').target(prometheus('sum(rate(http_requests_total[5m]))')));
const checkout = dashboard('Checkout').uid('k3j2h4g5f6').folder(paymentsOps)
  .panel(panel('traces', 'Slow traces').target(rawQuery('tempo', { query: '{ duration > 1s }' })));
const checkoutOps = dashboard('Checkout').uid('z9y8x7w6v5').folder(platformOps).panel(stat('Errors').target(prometheus('sum(errors)')));

export default [home, api, checkout, checkoutOps];
`;

describe('dash pull → dash import → dash diff (Grafana emulator)', () => {
  let grafana: GrafanaEmulator;
  beforeAll(async () => {
    grafana = await startGrafanaEmulator();
  });
  afterAll(() => grafana.stop());

  it('GIVEN dashboards applied in nested folders WHEN pulled, imported into a new project and diffed THEN there are no changes', async () => {
    const env = { GRAFANA_URL: grafana.url, GRAFANA_TOKEN: grafana.token };
    const source = makeProject({ 'all.dash.ts': SOURCE });
    const applied = await runDashAsync(['apply', '--no-typecheck'], source, env);
    expect(applied.exitCode, applied.stderr).toBe(0);

    // WHEN another project pulls everything and imports it
    const copy = makeProject({});
    const pulled = await runDashAsync(['pull', '--out', 'pulled'], copy, env);
    expect(pulled.exitCode, pulled.stderr).toBe(0);
    expect(JSON.parse(readFileSync(path.join(copy, 'pulled', 'team', 'payments', '.folder.json'), 'utf8'))).toEqual({ uid: 'pay7x2k9q', title: 'Payments' });
    const imported = await runDashAsync(['import', 'pulled', '--out', 'dashboards'], copy, env);
    expect(imported.stderr).toBe('');
    expect(imported.exitCode).toBe(0);

    // THEN the files are named after the titles (the pulled files are named after generated uids)
    expect(imported.stdout).toContain('pulled/team/payments/ops/k3j2h4g5f6.json → dashboards/team/payments/ops/checkout.dash.ts');
    expect(imported.stdout).toContain('pulled/platform/ops/z9y8x7w6v5.json → dashboards/platform/ops/checkout.dash.ts');
    const code = readFileSync(path.join(copy, 'dashboards', 'team', 'payments', 'ops', 'checkout.dash.ts'), 'utf8');
    expect(code).toContain("folder('Payments', { parent: teamFolder, uid: 'pay7x2k9q' })");
    expect(code).toContain('.folder(teamPaymentsOpsFolder)');

    // AND the diff against the same Grafana is empty (exit 0 with --exit-code), type-checked
    const diff = await runDashAsync(['diff', '--exit-code'], copy, env);
    expect(diff.stderr).toBe('');
    expect(diff.stdout).toMatch(/0 to create, 0 to update/);
    expect(diff.exitCode).toBe(0);
  }, 180_000);
});
