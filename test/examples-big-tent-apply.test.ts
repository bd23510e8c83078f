// examples/big-tent applied to the Grafana emulator with the built `dash apply` only: the four
// data sources declared in its dash.config.ts and the dashboard; every link points at a data
// source that exists, and a second apply sends 0 writes.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDatasourceProvisioning } from '../lib/grafana/index.js';
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
    const dir = makeProject({
      'big-tent.dash.ts': file('big-tent.dash.ts'),
      'datasources.ts': file('datasources.ts'),
      'dash.config.ts': file('dash.config.ts'),
    });
    const grafanaEnv = { GRAFANA_URL: grafana.url, GRAFANA_TOKEN: grafana.token, BIG_TENT_LOKI_PASSWORD: SENTINEL };
    const first = await runDashAsync(['apply', '--prune', '--no-typecheck'], dir, grafanaEnv);
    expect(first.exitCode, first.stdout + first.stderr).toBe(0);
    expect(first.stdout + first.stderr).not.toContain(SENTINEL);
    expect(first.stdout + first.stderr).not.toContain(grafana.token);
    expect(first.stdout).toContain('Data sources: 4 created, 0 updated, 0 deleted, 0 unchanged');
    // Data sources are written before the dashboard that refers to them.
    const writes = grafana.requests.filter((r) => r.method !== 'GET');
    const firstDashboardWrite = writes.findIndex((r) => r.path.includes('dashboard'));
    const lastDatasourceWrite = writes.findLastIndex((r) => r.path.startsWith('/api/datasources'));
    expect(lastDatasourceWrite).toBeGreaterThanOrEqual(3);
    expect(lastDatasourceWrite).toBeLessThan(firstDashboardWrite);
    expect([...grafana.state.datasources.keys()].sort()).toEqual(datasources.map((d) => d.uid).sort());

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
    const second = await runDashAsync(['apply', '--prune', '--no-typecheck'], dir, grafanaEnv);
    expect(second.exitCode, second.stdout + second.stderr).toBe(0);
    expect(second.stdout).toContain('Data sources: 0 created, 0 updated, 0 deleted, 4 unchanged');
    expect(grafana.requests.slice(before).filter((r) => r.method !== 'GET')).toEqual([]);

    // The same data sources as provisioning YAML: no secret value in it.
    expect(renderDatasourceProvisioning(datasources)).not.toContain(SENTINEL);
  });
});
