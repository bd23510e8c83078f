// examples/big-tent applied to the Grafana emulator: the dashboard with the built `dash apply`,
// the four data sources with syncDatasources; every link points at a data source that exists,
// and a second apply of both sends 0 writes.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GrafanaClient, renderDatasourceProvisioning, syncDatasources } from '../lib/grafana/index.js';
import { startGrafanaEmulator, type GrafanaEmulator } from '../lib/testing/index.js';
import { datasources } from '../examples/big-tent/datasources.js';
import { makeProject, runDashAsync } from './cli/run-dash.js';

const file = (name: string) => readFileSync(fileURLToPath(new URL(`../examples/big-tent/${name}`, import.meta.url)), 'utf8');
type Json = Record<string, any>;
const SENTINEL = 'SENTINEL-big-tent-loki-3e9a';

describe('examples/big-tent on the emulator', () => {
  let grafana: GrafanaEmulator;
  beforeAll(async () => {
    grafana = await startGrafanaEmulator({ version: '12.1.0' });
  });
  afterAll(() => grafana.stop());

  it('GIVEN the example WHEN its data sources and dashboard are applied THEN links resolve, secrets arrive, and a second apply sends 0 writes', async () => {
    const client = new GrafanaClient({ url: grafana.url, token: grafana.token });
    const owner = { project: 'big-tent', uidPrefix: '' };
    const env = { BIG_TENT_LOKI_PASSWORD: SENTINEL };
    const ds = await syncDatasources(client, datasources, { owner, env, prune: true });
    expect(ds.created).toEqual(['big-tent-prometheus', 'big-tent-loki', 'big-tent-tempo', 'big-tent-zipkin']);

    const dir = makeProject({ 'big-tent.dash.ts': file('big-tent.dash.ts'), 'datasources.ts': file('datasources.ts') });
    const grafanaEnv = { GRAFANA_URL: grafana.url, GRAFANA_TOKEN: grafana.token };
    const first = await runDashAsync(['apply', '--no-typecheck'], dir, grafanaEnv);
    expect(first.exitCode, first.stdout + first.stderr).toBe(0);
    expect(first.stdout + first.stderr).not.toContain(SENTINEL);

    // Every data source uid named by the stored data sources' settings exists.
    const stored = [...grafana.state.datasources.values()];
    const uids = new Set(stored.map((d) => d.uid));
    const referenced = JSON.stringify(stored.map((d) => d.jsonData)).match(/"datasourceUid":"[^"]+"/g) ?? [];
    // exemplars → Tempo, derived field → Tempo, Tempo → Loki, Prometheus (metrics, service map), Zipkin → Loki
    expect(referenced).toHaveLength(6);
    for (const ref of referenced) expect(uids.has(ref.split(':')[1]!.replaceAll('"', ''))).toBe(true);
    expect(grafana.state.datasources.get('big-tent-loki')!.secureJsonData).toEqual({ basicAuthPassword: SENTINEL });

    // The dashboard: three correlated rows; Tempo rows list traces, the Zipkin row links to Zipkin.
    const dashboard = grafana.state.dashboards.get('big-tent')!;
    const panels = ((dashboard.data as Json).panels as Json[]).filter((p) => p.type !== 'row');
    expect(panels.filter((p) => p.type === 'logs')).toHaveLength(3);
    expect(panels.filter((p) => p.title === 'Slow and failed traces')).toHaveLength(2);
    const links = JSON.stringify(panels.map((p) => p.fieldConfig));
    expect(links).toContain('"datasourceUid":"${traces}"');
    expect(links).toContain('"datasourceUid":"${zipkin}"');

    const before = grafana.requests.length;
    const second = await runDashAsync(['apply', '--no-typecheck'], dir, grafanaEnv);
    expect(second.exitCode, second.stdout + second.stderr).toBe(0);
    const again = await syncDatasources(client, datasources, { owner, env, prune: true });
    expect(again.unchanged).toHaveLength(4);
    expect(grafana.requests.slice(before).filter((r) => r.method !== 'GET')).toEqual([]);

    // The same data sources as provisioning YAML: no secret value in it.
    expect(renderDatasourceProvisioning(datasources)).not.toContain(SENTINEL);
  });
});
