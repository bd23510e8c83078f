// examples/dynamic applied with the built `dash apply` to the Grafana 13 emulator: stored as v2
// with its tabs, auto grid and show/hide rules intact, and a second apply sends no write.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGrafanaEmulator, type GrafanaEmulator } from '../lib/testing/index.js';
import { makeProject, runDashAsync } from './cli/run-dash.js';

const SOURCE = readFileSync(fileURLToPath(new URL('../examples/dynamic/dynamic.dash.ts', import.meta.url)), 'utf8');

type Json = Record<string, unknown>;
const spec = (o: unknown): Json => (o as { spec: Json }).spec;

describe('examples/dynamic on Grafana 13', () => {
  let grafana: GrafanaEmulator;
  beforeAll(async () => {
    grafana = await startGrafanaEmulator({ version: '13.0.0' });
  });
  afterAll(() => grafana.stop());

  it('GIVEN the example WHEN applied THEN it is stored as v2 with tabs and rules; a second apply sends 0 writes', async () => {
    const dir = makeProject({ 'dynamic.dash.ts': SOURCE });
    const env = { GRAFANA_URL: grafana.url, GRAFANA_TOKEN: grafana.token };
    const first = await runDashAsync(['apply', '--no-typecheck'], dir, env);
    expect(first.exitCode, first.stdout + first.stderr).toBe(0);

    const stored = grafana.state.dashboards.get('checkout-dynamic')!;
    expect(stored.storedVersion).toBe('v2');
    const layout = stored.v2Spec!['layout'] as Json;
    expect(layout['kind']).toBe('TabsLayout');
    const tabs = (spec(layout)['tabs'] as Json[]).map(spec);
    expect(tabs.map((t) => t['title'])).toEqual(['Overview', 'Traffic', 'Canary']);
    // Overview: an auto grid of 3 columns whose logs item shows only with data.
    const overview = tabs[0]!['layout'] as Json;
    expect(overview['kind']).toBe('AutoGridLayout');
    expect(spec(overview)['maxColumnCount']).toBe(3);
    const items = (spec(overview)['items'] as Json[]).map(spec);
    expect(items).toHaveLength(4);
    expect(items[3]!['conditionalRendering']).toEqual({
      kind: 'ConditionalRenderingGroup',
      spec: { visibility: 'show', condition: 'and', items: [{ kind: 'ConditionalRenderingData', spec: { value: true } }] },
    });
    // Traffic: rows, the detail row ruled by the time range size.
    const traffic = tabs[1]!['layout'] as Json;
    expect(traffic['kind']).toBe('RowsLayout');
    const rows = (spec(traffic)['rows'] as Json[]).map(spec);
    expect(rows.map((r) => r['title'])).toEqual(['Requests', 'Per-minute detail']);
    expect(rows[1]!['conditionalRendering']).toMatchObject({ spec: { items: [{ kind: 'ConditionalRenderingTimeRangeSize', spec: { value: '1d' } }] } });
    // Canary: shown only in production.
    expect(tabs[2]!['conditionalRendering']).toMatchObject({
      spec: { visibility: 'show', items: [{ kind: 'ConditionalRenderingVariable', spec: { variable: 'env', operator: 'equals', value: 'prod' } }] },
    });
    // No classic body was ever sent.
    expect(grafana.requests.filter((r) => r.dashboardWrite).map((r) => r.dashboardWrite!.body)).not.toContain('classic');

    const before = grafana.requests.length;
    const second = await runDashAsync(['apply', '--no-typecheck'], dir, env);
    expect(second.exitCode, second.stdout + second.stderr).toBe(0);
    expect(grafana.requests.slice(before).filter((r) => r.method !== 'GET')).toEqual([]);
  });
});
