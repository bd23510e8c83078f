// plan + apply against the in-process Grafana emulator through the real Grafana target and
// client: what Grafana adds never shows as a change, a no-op apply sends no writes, folders go
// parents first, prune deletes only what grafts manages, UI edits are conflicts, and applies
// under injected faults converge.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GrafanaClient } from '../../lib/grafana/grafana-client.js';
import { dashboard, prometheus, row, stat, timeseries, datasourceVariable, queryVariable, labelValues } from '../../lib/index.js';
import { folder } from '../../lib/model/folder.js';
import { applyPlan, type ApplyReport } from '../../lib/sync/apply.js';
import { desiredStateOf } from '../../lib/sync/desired-state.js';
import { MANAGED_TAG, withoutManagedMarker } from '../../lib/sync/managed-marker.js';
import { normalizeDashboard, sameJson } from '../../lib/sync/normalize.js';
import { plan, readActualState, type Plan, type PlanOptions } from '../../lib/sync/plan.js';
import type { DesiredState } from '../../lib/sync/resources.js';
import { GrafanaTarget } from '../../lib/sync/targets/grafana-target.js';
import { renderProject } from '../../lib/render/render-project.js';
import { startGrafanaEmulator, type GrafanaEmulator } from '../../lib/testing/index.js';

let grafana: GrafanaEmulator;

beforeAll(async () => {
  grafana = await startGrafanaEmulator({ version: '12.1.0' });
});
afterAll(() => grafana.stop());
afterEach(() => grafana.reset());

function target(retryAttempts = 4): GrafanaTarget {
  const client = new GrafanaClient({
    url: grafana.url,
    token: grafana.token,
    retry: { maxAttempts: retryAttempts, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 2 },
    sleep: async () => {},
  });
  return new GrafanaTarget({ name: 'emulator', client });
}

const ds = datasourceVariable('datasource', 'prometheus');
const job = queryVariable('job').datasource(ds).query(labelValues('up', 'job')).multi().includeAll({ allValue: '.+' });

/** A realistic project: variables, rows, panels, nested folders. */
function project(options: { folderOf?: (i: number) => ReturnType<typeof folder> | undefined; count?: number; description?: string } = {}): DesiredState {
  const count = options.count ?? 3;
  const dashboards = Array.from({ length: count }, (_, i) => {
    let d = dashboard(`Service ${i}`)
      .uid(`svc-${i}`)
      .tags('team-a')
      .variable(ds, job)
      .row(
        row('Traffic').panel(
          timeseries('Requests')
            .datasource(ds)
            .target(prometheus(`sum(rate(http_requests_total{job=~"${job}"}[$__rate_interval]))`))
            .unit('reqps'),
          stat('Up')
            .datasource(ds)
            .target(prometheus(`sum(up{job=~"${job}"})`)),
        ),
      );
    if (options.description !== undefined) d = d.description(options.description);
    const f = options.folderOf?.(i);
    return f ? d.folder(f) : d;
  });
  return desiredStateOf(renderProject(dashboards.map((exported, i) => ({ source: `svc-${i}.dash.ts`, exported }))), []);
}

async function sync(t: GrafanaTarget, desired: DesiredState, options: PlanOptions = {}): Promise<{ plan: Plan; report: ApplyReport }> {
  const p = plan(desired, await readActualState(t, desired), options);
  return { plan: p, report: await applyPlan(p, t, { message: 'grafts apply (test)' }) };
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const writesIn = (from: number) => grafana.requests.slice(from).filter((r) => WRITE_METHODS.has(r.method));

async function postDashboard(json: Record<string, unknown>, folderUid = ''): Promise<void> {
  const response = await fetch(`${grafana.url}/api/dashboards/db`, {
    method: 'POST',
    headers: { authorization: `Bearer ${grafana.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ dashboard: json, folderUid, overwrite: true }),
  });
  expect(response.status).toBe(200);
}

async function postFolder(uid: string, title: string): Promise<void> {
  const response = await fetch(`${grafana.url}/api/folders`, {
    method: 'POST',
    headers: { authorization: `Bearer ${grafana.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ uid, title }),
  });
  expect(response.status).toBe(200);
}

describe('apply against the Grafana emulator', () => {
  it('reads back what it saved as unchanged: what Grafana adds is never a change', async () => {
    // GIVEN realistic dashboards applied once
    const t = target();
    const desired = project({ folderOf: (i) => (i === 0 ? folder('Team') : undefined) });
    await sync(t, desired);
    // (Grafana stored them with its own fields)
    const stored = grafana.state.dashboards.get('svc-0')!;
    expect(stored.version).toBe(1);
    // WHEN planning again with a fresh target
    const again = plan(desired, await readActualState(target(), desired));
    // THEN every step is unchanged
    expect(again.steps.map((s) => s.action)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged']);
  });

  it('sends zero writes on a no-op apply: listings and reads only', async () => {
    // GIVEN an applied project
    const t = target();
    const team = folder('Team', { parent: folder('Org') });
    const desired = project({ folderOf: (i) => (i % 2 === 0 ? team : undefined), count: 6 });
    await sync(t, desired);
    const before = grafana.requests.length;
    // WHEN applying again
    const { report } = await sync(target(), desired);
    // THEN no request wrote anything, and one search listed the dashboards
    expect(writesIn(before)).toEqual([]);
    expect(report.writes).toBe(0);
    expect(report.counts.unchanged).toBe(8);
    const searches = grafana.requests.slice(before).filter((r) => r.method === 'GET' && r.path.startsWith('/api/search'));
    expect(searches.length).toBe(1);
  });

  it('creates nested folders parents first and moves dashboards between folders', async () => {
    // GIVEN a project with a dashboard in Org/Team and one in Org
    const org = folder('Org');
    const team = folder('Team', { parent: org });
    const t = target();
    const first = await sync(t, project({ count: 2, folderOf: (i) => (i === 0 ? team : org) }));
    // THEN the folders exist with their parent, and were created parents first
    expect(first.report.counts).toMatchObject({ created: 4, failed: 0 });
    expect(grafana.state.folders.get(team.uid)?.parentUid).toBe(org.uid);
    expect(grafana.state.dashboards.get('svc-0')?.folderUid).toBe(team.uid);
    // WHEN the code swaps the two dashboards' folders
    const second = await sync(target(), project({ count: 2, folderOf: (i) => (i === 0 ? org : team) }));
    // THEN both are moved (content unchanged) and Grafana agrees
    expect(second.plan.steps.filter((s) => s.kind === 'Dashboard').map((s) => s.action)).toEqual(['move', 'move']);
    expect(second.report.counts).toMatchObject({ moved: 2, failed: 0 });
    expect(grafana.state.dashboards.get('svc-0')?.folderUid).toBe(org.uid);
    expect(grafana.state.dashboards.get('svc-1')?.folderUid).toBe(team.uid);
  });

  it('updates changed dashboards with a save message', async () => {
    // GIVEN an applied project whose description then changes
    await sync(target(), project({ count: 1 }));
    // WHEN applying the change
    const { report } = await sync(target(), project({ count: 1, description: 'now documented' }));
    // THEN it is one update, stored as version 2 with the message
    expect(report.counts).toMatchObject({ updated: 1, unchanged: 0 });
    const stored = grafana.state.dashboards.get('svc-0')!;
    expect(stored.version).toBe(2);
    expect(stored.data['description']).toBe('now documented');
  });

  it('prunes only managed dashboards and folders, never hand-made ones', async () => {
    // GIVEN managed dashboards in a managed folder, plus a hand-made folder and dashboard
    await sync(target(), project({ count: 2, folderOf: () => folder('Old') }));
    await postFolder('by-hand', 'By hand');
    await postDashboard({ uid: 'hand-made', title: 'Hand made', panels: [] }, 'by-hand');
    await postDashboard({ uid: 'hand-root', title: 'Hand root', tags: ['ops'], panels: [] });
    // WHEN applying an empty project with prune
    const { report } = await sync(target(), { folders: [], dashboards: [] }, { prune: true });
    // THEN the managed ones are gone and the hand-made ones untouched
    expect(report.counts).toMatchObject({ deleted: 3, failed: 0 });
    expect([...grafana.state.dashboards.keys()].sort()).toEqual(['hand-made', 'hand-root']);
    expect([...grafana.state.folders.keys()]).toEqual(['by-hand']);
  });

  it('reports a dashboard edited in the UI as a conflict and leaves it; --force overwrites it', async () => {
    // GIVEN an applied dashboard that someone then edits in Grafana's UI
    await sync(target(), project({ count: 1 }));
    grafana.simulateUiEdit('svc-0', (d) => ({ ...d, title: 'Service 0 (edited)' }));
    const changed = project({ count: 1, description: 'new in code' });
    // WHEN applying a change without force
    const refused = await sync(target(), changed);
    // THEN it is a conflict and the UI edit is kept
    expect(refused.report.counts).toMatchObject({ conflicts: 1, updated: 0 });
    expect(grafana.state.dashboards.get('svc-0')?.data['title']).toBe('Service 0 (edited)');
    // WHEN applying with force
    const forced = await sync(target(), changed, { force: true });
    // THEN the code wins and the dashboard is managed again
    expect(forced.report.counts).toMatchObject({ updated: 1, conflicts: 0 });
    const data = grafana.state.dashboards.get('svc-0')!.data;
    expect(data['title']).toBe('Service 0');
    expect(data['tags']).toContain(MANAGED_TAG);
    expect((await sync(target(), changed)).report.counts.unchanged).toBe(1);
  });

  it('refuses to take over a hand-made dashboard with a uid the code uses', async () => {
    // GIVEN a hand-made dashboard svc-0
    await postDashboard({ uid: 'svc-0', title: 'Mine', panels: [] });
    // WHEN applying
    const { report } = await sync(target(), project({ count: 1 }));
    // THEN it is a conflict and untouched
    expect(report.results[0]).toMatchObject({ outcome: 'conflict', message: expect.stringContaining('not managed by grafts') });
    expect(grafana.state.dashboards.get('svc-0')?.data['title']).toBe('Mine');
  });
});

describe('apply under injected faults (errors, resets, 429)', () => {
  for (const seed of [1, 7, 42, 1234, 99991]) {
    it(`converges to the desired state by re-running apply (seed ${seed})`, async () => {
      // GIVEN a Grafana with managed leftovers and hand-made resources, and ~20% faulty requests
      const org = folder('Org');
      const folders = [org, folder('A', { parent: org }), folder('B', { parent: org }), folder('C')];
      await sync(target(), project({ count: 4, folderOf: () => folder('Leftovers') }));
      const leftovers = project({ count: 4, folderOf: () => folder('Leftovers') }).dashboards.map((d) => d.uid);
      for (const uid of leftovers) grafana.state.dashboards.delete(uid); // keep the folder, re-seed other uids
      await sync(target(), {
        folders: [{ kind: 'Folder', uid: 'leftovers', title: 'Leftovers', source: 's' }],
        dashboards: ['old-1', 'old-2'].map((uid) => ({
          kind: 'Dashboard' as const,
          uid,
          title: uid,
          folderUid: 'leftovers',
          schema: 'v1' as const,
          json: { uid, title: uid },
          source: 's',
        })),
      });
      await postDashboard({ uid: 'hand-made', title: 'Hand made', panels: [] });
      const desired = project({ count: 30, folderOf: (i) => folders[i % 5] });
      grafana.faults.set({ errorRate: 0.12, resetRate: 0.04, rateLimit: { everyN: 17, retryAfterSeconds: 1 }, seed });
      // WHEN applying with prune until a run reports no failure (bounded)
      let runs = 0;
      let last: ApplyReport | undefined;
      let sawFailure = false;
      while (runs < 20) {
        runs++;
        let result: { plan: Plan; report: ApplyReport };
        try {
          result = await sync(target(3), desired, { prune: true });
        } catch {
          continue; // the listing itself failed: nothing was written, try again
        }
        last = result.report;
        // THEN every run's report matches what Grafana holds
        for (const r of last.results) {
          if (r.kind !== 'Dashboard') continue;
          const stored = grafana.state.dashboards.get(r.uid);
          const want = desired.dashboards.find((d) => d.uid === r.uid);
          const holdsDesired =
            !!stored &&
            !!want &&
            sameJson(withoutManagedMarker(normalizeDashboard(stored.data)), normalizeDashboard(want.json)) &&
            (stored.folderUid || undefined) === want.folderUid;
          if (r.outcome === 'applied' && r.action !== 'delete') expect(holdsDesired, `${r.action} ${r.uid} reported applied`).toBe(true);
          if (r.outcome === 'applied' && r.action === 'delete') expect(stored, `${r.uid} reported deleted`).toBeUndefined();
          if (r.outcome === 'failed' || r.outcome === 'skipped') {
            sawFailure = true;
            if (r.action === 'delete') expect(stored, `${r.uid} delete reported not applied`).toBeDefined();
            else expect(holdsDesired, `${r.action} ${r.uid} reported not applied`).toBe(false);
          }
        }
        if (last.ok) break;
      }
      grafana.faults.clear();
      // THEN it converged within the bound: exactly the desired dashboards plus the hand-made one, nothing duplicated
      expect(last?.ok).toBe(true);
      expect(runs).toBeLessThanOrEqual(20);
      expect([...grafana.state.dashboards.keys()].sort()).toEqual([...desired.dashboards.map((d) => d.uid), 'hand-made'].sort());
      const titles = [...grafana.state.dashboards.values()].map((d) => d.title);
      expect(new Set(titles).size).toBe(titles.length);
      expect(grafana.state.folders.has('leftovers')).toBe(false);
      const final = plan(desired, await readActualState(target(), desired), { prune: true });
      expect(final.steps.every((s) => s.action === 'unchanged')).toBe(true);
      // (the faults did bite: at least one run left something not applied, or needed retries)
      expect(sawFailure || grafana.requests.some((r) => r.fault !== undefined)).toBe(true);
    });
  }
});
