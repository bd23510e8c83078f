// Schema v2 dashboards applied through the real Grafana target to the emulator as Grafana 13
// (and 12.1 for v2beta1): creates are stored as v2, a second apply sends no write, a UI save that
// turns a v1 dashboard into v2 is a conflict until --force, a failed conversion is a conflict
// with its message, and no request ever sends a classic body to a dashboard stored as v2.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GrafanaClient } from '../../lib/grafana/grafana-client.js';
import { dashboard, prometheus, row, stat, timeseries, datasourceVariable } from '../../lib/index.js';
import { folder } from '../../lib/model/folder.js';
import { applyPlan, type ApplyReport } from '../../lib/sync/apply.js';
import { desiredStateOf } from '../../lib/sync/desired-state.js';
import { CONTENT_HASH_ANNOTATION } from '../../lib/sync/managed-marker.js';
import { plan, readActualState, STORED_AS_V2_CONFLICT, type Plan } from '../../lib/sync/plan.js';
import type { DesiredState } from '../../lib/sync/resources.js';
import { GrafanaTarget } from '../../lib/sync/targets/grafana-target.js';
import { renderProject } from '../../lib/render/render-project.js';
import { startGrafanaEmulator, type GrafanaEmulator } from '../../lib/testing/index.js';

const ds = datasourceVariable('datasource', 'prometheus');

/** Dashboards with a variable, rows and panels; `schema` for all, or per index. */
function project(schemaOf: (i: number) => 'v1' | 'v2', count = 3, title = 'Service'): DesiredState {
  const team = folder('Team A', { uid: 'team-a' });
  const dashboards = Array.from({ length: count }, (_, i) =>
    dashboard(`${title} ${i}`)
      .uid(`svc-${i}`)
      .tags('team-a')
      .variable(ds)
      .folder(team)
      .schema(schemaOf(i))
      .row(
        row('Traffic').panel(
          timeseries('Requests')
            .datasource(ds)
            .target(prometheus(`sum(rate(http_requests_total{n="${i}"}[$__rate_interval]))`))
            .unit('reqps'),
          stat('Up')
            .datasource(ds)
            .target(prometheus(`sum(up{n="${i}"})`)),
        ),
      ),
  );
  return desiredStateOf(renderProject(dashboards.map((exported, i) => ({ source: `svc-${i}.dash.ts`, exported }))), []);
}

function targetOf(grafana: GrafanaEmulator): GrafanaTarget {
  const client = new GrafanaClient({
    url: grafana.url,
    token: grafana.token,
    retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 2 },
    sleep: async () => {},
  });
  return new GrafanaTarget({ name: 'emulator', client });
}

async function planAndApply(grafana: GrafanaEmulator, desired: DesiredState, force = false): Promise<{ plan: Plan; report: ApplyReport; writes: number }> {
  const target = targetOf(grafana);
  const p = plan(desired, await readActualState(target, desired), { force });
  const before = grafana.requests.length;
  const report = await applyPlan(p, target, { message: 'grafts test' });
  const writes = grafana.requests.slice(before).filter((r) => r.method !== 'GET').length;
  return { plan: p, report, writes };
}

/** The invariant: no dashboard write ever sent a classic body to a dashboard stored as v2 (unless a test forced it). */
function classicOverV2(grafana: GrafanaEmulator) {
  return grafana.requests.filter((r) => r.dashboardWrite?.body === 'classic' && /^v2/.test(r.dashboardWrite.storedVersionBefore ?? ''));
}

describe('apply schema v2 to Grafana 13', () => {
  let grafana: GrafanaEmulator;
  beforeAll(async () => {
    grafana = await startGrafanaEmulator({ version: '13.0.0' });
  });
  afterAll(() => grafana.stop());
  afterEach(() => {
    expect(classicOverV2(grafana)).toEqual([]);
    grafana.reset();
  });

  it('GIVEN v2 dashboards WHEN applied THEN they are created through /apis v2, stored as v2, managed by grafts; a second apply sends 0 writes', async () => {
    const desired = project(() => 'v2');
    const first = await planAndApply(grafana, desired);
    expect(first.plan.summary).toMatchObject({ create: 4 });
    expect(first.report.results.every((r) => r.outcome === 'applied')).toBe(true);
    for (let i = 0; i < 3; i++) {
      const stored = grafana.state.dashboards.get(`svc-${i}`)!;
      expect(stored.storedVersion).toBe('v2');
      expect(stored.folderUid).toBe('team-a');
      expect(stored.annotations).toMatchObject({
        'grafana.app/managedBy': 'kubectl',
        'grafana.app/managerId': 'grafts',
        [CONTENT_HASH_ANNOTATION]: expect.any(String),
      });
      expect(stored.v2Spec!['tags']).toContain('grafts-managed');
      expect(stored.v2Spec).not.toHaveProperty('graftsContentHash');
    }
    const writes = grafana.requests.filter((r) => r.dashboardWrite);
    expect(writes.map((r) => r.dashboardWrite!.via)).toEqual(['v2', 'v2', 'v2']);
    expect(writes.map((r) => r.path)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^\/apis\/dashboard\.grafana\.app\/v2\/namespaces\/default\/dashboards$/)]),
    );

    const second = await planAndApply(grafana, desired);
    expect(second.plan.summary).toMatchObject({ create: 0, update: 0, move: 0, conflict: 0, unchanged: 4 });
    expect(second.writes).toBe(0);
  });

  it('GIVEN a v2 dashboard applied WHEN someone edits it in the v2 UI THEN the next apply is a conflict and writes nothing; --force overwrites it', async () => {
    const desired = project(() => 'v2', 1);
    await planAndApply(grafana, desired);
    grafana.simulateUiEdit('svc-0', (spec) => ({ ...spec, title: 'Service 0 (edited in the UI)' }));
    const conflicted = await planAndApply(grafana, desired);
    expect(conflicted.plan.steps.find((s) => s.uid === 'svc-0')).toMatchObject({
      action: 'conflict',
      reason: expect.stringContaining('changed outside grafts'),
    });
    expect(conflicted.writes).toBe(0);
    const forced = await planAndApply(grafana, desired, true);
    expect(forced.writes).toBe(1);
    expect(grafana.state.dashboards.get('svc-0')!.title).toBe('Service 0');
  });

  it('GIVEN a v1 dashboard applied WHEN the Grafana 13 UI saves it as v2 with tabs THEN apply reports a conflict naming the lost tabs and rules, writes nothing; --force writes it back as v1', async () => {
    const desired = project(() => 'v1', 2);
    await planAndApply(grafana, desired);
    expect(grafana.state.dashboards.get('svc-0')!.storedVersion).toBe('v1');
    grafana.simulateUiSaveAsV2('svc-0');
    expect((grafana.state.dashboards.get('svc-0')!.v2Spec!['layout'] as { kind: string }).kind).toBe('TabsLayout');

    const conflicted = await planAndApply(grafana, desired);
    const step = conflicted.plan.steps.find((s) => s.uid === 'svc-0')!;
    expect(step).toMatchObject({ action: 'conflict', reason: `dashboard ${STORED_AS_V2_CONFLICT}` });
    expect(step.reason).toContain('would lose its tabs and show/hide rules');
    expect(conflicted.writes).toBe(0);
    expect(grafana.state.dashboards.get('svc-0')!.storedVersion).toBe('v2');

    const forced = await planAndApply(grafana, desired, true);
    expect(forced.plan.steps.find((s) => s.uid === 'svc-0')).toMatchObject({
      action: 'update',
      forced: true,
      reason: expect.stringContaining('tabs and show/hide rules are lost'),
    });
    expect(forced.writes).toBe(1);
    expect(grafana.state.dashboards.get('svc-0')!.storedVersion).toBe('v1');
    // The forced downgrade is the one classic body sent over v2; take it out of the invariant's view.
    grafana.requests.length = 0;
  });

  it('GIVEN a managed v1 dashboard WHEN the code renders it as v2 THEN apply updates it through v2 (no conflict) and the next apply is a no-op', async () => {
    await planAndApply(
      grafana,
      project(() => 'v1', 1),
    );
    const desired = project(() => 'v2', 1);
    const upgraded = await planAndApply(grafana, desired);
    expect(upgraded.plan.steps.find((s) => s.uid === 'svc-0')).toMatchObject({ action: 'update' });
    expect(grafana.state.dashboards.get('svc-0')!.storedVersion).toBe('v2');
    expect((await planAndApply(grafana, desired)).writes).toBe(0);
  });

  it('GIVEN a dashboard whose conversion to the other schema fails WHEN read THEN it is read in its stored schema, never as the default spec', async () => {
    await planAndApply(
      grafana,
      project(() => 'v2', 1),
    );
    grafana.failConversion('svc-0', 'conversion_data_loss_error: 2 panels lost');
    // A v1 dashboard in code reads through v1 first: the v2-stored one fails there, and is read natively.
    const v1 = await planAndApply(
      grafana,
      project(() => 'v1', 1),
    );
    expect(v1.plan.steps.find((s) => s.uid === 'svc-0')).toMatchObject({ action: 'conflict', reason: `dashboard ${STORED_AS_V2_CONFLICT}` });
    // Stored as v1 with a broken conversion and v2 in code: the native read is fine, so it is an update.
    grafana.reset();
    await planAndApply(
      grafana,
      project(() => 'v1', 1),
    );
    grafana.failConversion('svc-0', 'migration failed');
    const target = targetOf(grafana);
    const read = await target.getDashboard('svc-0', { schema: 'v2' });
    expect(read).toMatchObject({ schema: 'v1', managed: true });
    expect(read!.unreadable).toBeUndefined();
    expect((read!.json['panels'] as unknown[]).length).toBeGreaterThan(0);
  });

  it('GIVEN a dashboard unreadable in every schema WHEN planned THEN the conflict carries the conversion error', async () => {
    await planAndApply(
      grafana,
      project(() => 'v2', 1),
    );
    const stored = grafana.state.dashboards.get('svc-0')!;
    // Stored in a version grafts has no store for (what a newer Grafana could do): every read converts, and fails.
    stored.storedVersion = 'v3alpha0';
    grafana.failConversion('svc-0', 'no conversion from v3alpha0');
    const p = plan(
      project(() => 'v2', 1),
      await readActualState(
        targetOf(grafana),
        project(() => 'v2', 1),
      ),
    );
    const step = p.steps.find((s) => s.uid === 'svc-0')!;
    expect(step.action).toBe('conflict');
    expect(step.reason).toContain('no conversion from v3alpha0');
    expect(step).not.toHaveProperty('before');
  });

  it('GIVEN a dashboard managed by Terraform WHEN grafts takes it over with --force THEN Grafana refuses (403) and the report says why', async () => {
    const res = await fetch(`${grafana.url}/apis/dashboard.grafana.app/v2/namespaces/default/dashboards`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${grafana.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        metadata: { name: 'svc-0', annotations: { 'grafana.app/managedBy': 'terraform', 'grafana.app/managerId': 'tf' } },
        spec: { title: 'Theirs' },
      }),
    });
    expect(res.status).toBe(201);
    const forced = await planAndApply(
      grafana,
      project(() => 'v2', 1),
      true,
    );
    const result = forced.report.results.find((r) => r.uid === 'svc-0')!;
    expect(result.outcome).toBe('failed');
    expect(result.message).toContain('Cannot change resource manager kind');
    expect(grafana.state.dashboards.get('svc-0')!.title).toBe('Theirs');
  });
});

describe('apply schema v2 to other releases', () => {
  it('GIVEN Grafana 12.1 WHEN v2 dashboards with transformations are applied THEN they go through v2beta1 and a second apply sends 0 writes', async () => {
    const grafana = await startGrafanaEmulator({ version: '12.1.0' });
    try {
      const desired = desiredStateOf(
        renderProject([
          {
            source: 't.dash.ts',
            exported: dashboard('Transformed')
              .uid('tr')
              .schema('v2')
              .variable(ds)
              .panel(
                timeseries('T')
                  .datasource(ds)
                  .target(prometheus('up'))
                  .transformation('organize', { excludeByName: { Time: true } }),
              ),
          },
        ]),
        [],
      );
      const first = await planAndApply(grafana, desired);
      expect(first.report.results.every((r) => r.outcome === 'applied')).toBe(true);
      const stored = grafana.state.dashboards.get('tr')!;
      expect(stored.storedVersion).toBe('v2beta1');
      const t = (stored.v2Spec!['elements'] as any)['panel-1'].spec.data.spec.transformations[0];
      expect(t).toMatchObject({ kind: 'organize', spec: { id: 'organize' } });
      expect((await planAndApply(grafana, desired)).writes).toBe(0);
    } finally {
      await grafana.stop();
    }
  });

  it('GIVEN Grafana 12.1 with apiMode classic WHEN a dashboard stored as v2 is planned for a v1 dashboard THEN the 406 of /api makes it a conflict, nothing is written', async () => {
    const grafana = await startGrafanaEmulator({ version: '12.1.0' });
    try {
      await planAndApply(
        grafana,
        project(() => 'v1', 1),
      );
      grafana.simulateUiSaveAsV2('svc-0');
      const client = new GrafanaClient({ url: grafana.url, token: grafana.token, retry: { maxAttempts: 1 }, sleep: async () => {} });
      const classic = new GrafanaTarget({ name: 'emulator', client, apiMode: 'classic' });
      const desired = project(() => 'v1', 1);
      const p = plan(desired, await readActualState(classic, desired));
      expect(p.steps.find((s) => s.uid === 'svc-0')).toMatchObject({
        action: 'conflict',
        reason: expect.stringContaining('stored as schema v2, which the classic /api cannot read'),
      });
      const before = grafana.requests.length;
      await applyPlan(p, classic, { message: 'test' });
      expect(grafana.requests.slice(before).filter((r) => r.method !== 'GET')).toEqual([]);
    } finally {
      await grafana.stop();
    }
  });

  it.each(['11.6.0', '12.0.0'])(
    'GIVEN Grafana %s (no v2 API) WHEN a v2 dashboard is planned THEN an error names the server version and nothing is written',
    async (version) => {
      const grafana = await startGrafanaEmulator({ version });
      try {
        const desired = project(() => 'v2', 1);
        const target = targetOf(grafana);
        await expect(readActualState(target, desired)).rejects.toThrow(
          new RegExp(`Grafana ${version.replace(/\./g, '\\.')} serves no schema v2 dashboard API`),
        );
        expect(grafana.requests.filter((r) => r.method !== 'GET')).toEqual([]);
      } finally {
        await grafana.stop();
      }
    },
  );
});
