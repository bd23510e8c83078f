// Reading the desired dashboards on Grafana's /apis with a paged LIST instead of one GET each:
// request counts on the emulator's request log, the safety properties kept (stored-version
// detection, failed conversions, ownership), and a property: over generated Grafana states (v1-
// and v2-stored, managed, foreign, another project's, UI-edited, saved as v2 from the UI, failed
// conversions) the LIST-based read, the GET-based read and the automatic choice plan the same.
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GrafanaClient } from '../../lib/grafana/grafana-client.js';
import { dashboard, datasourceVariable, prometheus, row, stat, timeseries } from '../../lib/index.js';
import { folder } from '../../lib/model/folder.js';
import { applyPlan } from '../../lib/sync/apply.js';
import { desiredStateOf } from '../../lib/sync/desired-state.js';
import { plan, readActualState, STORED_AS_V2_CONFLICT, type Plan } from '../../lib/sync/plan.js';
import type { DesiredState } from '../../lib/sync/resources.js';
import { GrafanaTarget, type GrafanaTargetOptions } from '../../lib/sync/targets/grafana-target.js';
import { renderProject } from '../../lib/render/render-project.js';
import { startGrafanaEmulator, type GrafanaEmulator } from '../../lib/testing/index.js';

const ds = datasourceVariable('datasource', 'prometheus');

interface Wanted {
  readonly index: number;
  readonly schema: 'v1' | 'v2';
  /** A variant of the content: applying one and planning another gives an update. */
  readonly variant?: number;
  /** A description this long (to make big dashboards). */
  readonly descriptionLength?: number;
}

function desiredOf(wanted: readonly Wanted[]): DesiredState {
  const team = folder('Team A', { uid: 'team-a' });
  const dashboards = wanted.map((w) =>
    dashboard(`Service ${w.index}${w.variant ? ` v${w.variant}` : ''}`)
      .uid(`svc-${w.index}`)
      .tags('team-a')
      .variable(ds)
      .folder(team)
      .schema(w.schema)
      .description('d'.repeat(w.descriptionLength ?? 1))
      .row(
        row('Traffic').panel(
          timeseries('Requests')
            .datasource(ds)
            .target(prometheus(`sum(rate(http_requests_total{n="${w.index}"}[5m]))`)),
          stat('Up').datasource(ds).target(prometheus('up')),
        ),
      ),
  );
  return desiredStateOf(renderProject(dashboards.map((exported, i) => ({ source: `svc-${i}.dash.ts`, exported }))), []);
}

function targetOf(grafana: GrafanaEmulator, options: Partial<GrafanaTargetOptions> = {}): GrafanaTarget {
  const client = new GrafanaClient({ url: grafana.url, token: grafana.token, retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 } });
  return new GrafanaTarget({ name: 'emulator', client, ...options });
}

async function apply(grafana: GrafanaEmulator, desired: DesiredState, options: Partial<GrafanaTargetOptions> = {}): Promise<void> {
  const target = targetOf(grafana, options);
  const report = await applyPlan(plan(desired, await readActualState(target, desired), { force: true }), target, { message: 'seed' });
  expect(report.ok).toBe(true);
}

async function planWith(
  grafana: GrafanaEmulator,
  desired: DesiredState,
  dashboardReads: 'auto' | 'list' | 'get',
  uidPrefix = '',
): Promise<{ plan: Plan; paths: string[] }> {
  const from = grafana.requests.length;
  const p = plan(desired, await readActualState(targetOf(grafana, { dashboardReads, ...prefixes(uidPrefix) }), desired));
  return { plan: p, paths: grafana.requests.slice(from).map((r) => `${r.method} ${r.path.replace(/\?.*$/, '')}`) };
}

/** A dev target's prefixes: its uids, and its top-level folder titles (two root folders cannot share a title). */
const prefixes = (uidPrefix: string): Partial<GrafanaTargetOptions> => (uidPrefix ? { uidPrefix, folderPrefix: '[dev] ' } : {});

/** GETs of one dashboard by name (`…/dashboards/<name>`), classic or /apis. */
const singleReads = (paths: readonly string[]) =>
  paths.filter((p) => /^GET \/apis\/dashboard\.grafana\.app\/[^/]+\/namespaces\/[^/]+\/dashboards\/[^/]+$|^GET \/api\/dashboards\/uid\//.test(p));

describe('reading dashboards with a paged LIST on /apis (Grafana 13)', () => {
  let grafana: GrafanaEmulator;
  beforeAll(async () => {
    grafana = await startGrafanaEmulator({ version: '13.0.0' });
  });
  afterAll(() => grafana.stop());
  beforeEach(() => grafana.reset());

  it('GIVEN 60 applied v2 dashboards WHEN planning again THEN one LIST reads them all: no GET per dashboard, the same requests as for 6', async () => {
    const counts: number[] = [];
    for (const n of [6, 60]) {
      grafana.reset();
      const wanted = Array.from({ length: n }, (_, index) => ({ index, schema: 'v2' as const }));
      await apply(grafana, desiredOf(wanted));
      const { plan: p, paths } = await planWith(grafana, desiredOf(wanted), 'list');
      expect(p.summary).toMatchObject({ unchanged: n + 1, create: 0, update: 0, conflict: 0 });
      expect(singleReads(paths)).toEqual([]);
      expect(paths.filter((x) => x === 'GET /apis/dashboard.grafana.app/v2/namespaces/default/dashboards')).toHaveLength(1);
      counts.push(paths.length);
    }
    expect(counts[1]).toBe(counts[0]);
    // And the automatic choice takes the LIST for 60 (one page) rather than 60 GETs.
    const auto = await planWith(grafana, desiredOf(Array.from({ length: 60 }, (_, index) => ({ index, schema: 'v2' as const }))), 'auto');
    expect(singleReads(auto.paths)).toEqual([]);
    expect(auto.paths.length).toBe(counts[1]);
  });

  it('GIVEN dashboards so big that Grafana cuts LIST pages at 2 MiB THEN the read follows the continue tokens and sees them all', async () => {
    const wanted = Array.from({ length: 5 }, (_, index) => ({ index, schema: 'v2' as const, descriptionLength: 800_000 }));
    await apply(grafana, desiredOf(wanted));
    const { plan: p, paths } = await planWith(grafana, desiredOf(wanted), 'list');
    expect(p.summary).toMatchObject({ unchanged: 6, create: 0, update: 0, conflict: 0 });
    expect(paths.filter((x) => x === 'GET /apis/dashboard.grafana.app/v2/namespaces/default/dashboards')).toHaveLength(2);
    expect(singleReads(paths)).toEqual([]);
  });

  it('GIVEN one desired dashboard among many THEN the automatic choice reads it with one GET, not a LIST of all', async () => {
    await apply(grafana, desiredOf(Array.from({ length: 5 }, (_, index) => ({ index, schema: 'v2' as const }))));
    const { paths } = await planWith(grafana, desiredOf([{ index: 0, schema: 'v2' }]), 'auto');
    expect(singleReads(paths)).toEqual(['GET /apis/dashboard.grafana.app/v2/namespaces/default/dashboards/svc-0']);
    expect(paths).not.toContain('GET /apis/dashboard.grafana.app/v2/namespaces/default/dashboards');
  });

  it('GIVEN a v1 dashboard saved as v2 from the UI and one whose conversion fails WHEN read with a LIST THEN they are conflicts as with GETs, the stored form fetched by name', async () => {
    const wanted = Array.from({ length: 4 }, (_, index) => ({ index, schema: 'v1' as const }));
    await apply(grafana, desiredOf(wanted));
    grafana.simulateUiSaveAsV2('svc-0');
    grafana.simulateUiSaveAsV2('svc-1');
    grafana.failConversion('svc-1', 'conversion_data_loss_error: 2 panels lost');
    const { plan: p, paths } = await planWith(grafana, desiredOf(wanted), 'list');
    expect(p.steps.find((s) => s.uid === 'svc-0')).toMatchObject({ action: 'conflict', reason: `dashboard ${STORED_AS_V2_CONFLICT}` });
    expect(p.steps.find((s) => s.uid === 'svc-1')).toMatchObject({ action: 'conflict', reason: `dashboard ${STORED_AS_V2_CONFLICT}` });
    expect(p.steps.filter((s) => s.kind === 'Dashboard' && s.action === 'unchanged').map((s) => s.uid)).toEqual(['svc-2', 'svc-3']);
    // The v1 LIST says both are stored as v2: they are listed through v2 (forced 'list') for their stored form.
    expect(paths).toContain('GET /apis/dashboard.grafana.app/v1/namespaces/default/dashboards');
    expect(paths).toContain('GET /apis/dashboard.grafana.app/v2/namespaces/default/dashboards');
    // Automatic: two dashboards elsewhere weigh more than one LIST page, so the v2 LIST again; one would be a GET.
    grafana.reset();
    await apply(grafana, desiredOf(wanted));
    grafana.simulateUiSaveAsV2('svc-2');
    grafana.failConversion('svc-2', 'conversion_data_loss_error: 1 panel lost');
    const auto = await planWith(grafana, desiredOf(wanted), 'auto');
    expect(auto.plan.steps.find((s) => s.uid === 'svc-2')).toMatchObject({ action: 'conflict', reason: `dashboard ${STORED_AS_V2_CONFLICT}` });
    expect(singleReads(auto.paths)).toEqual(['GET /apis/dashboard.grafana.app/v2/namespaces/default/dashboards/svc-2']);
  });

  it('GIVEN a LIST that repeats a dashboard THEN nothing is planned: a wrong-shaped answer, naming the listing', async () => {
    await apply(
      grafana,
      desiredOf([
        { index: 0, schema: 'v2' },
        { index: 1, schema: 'v2' },
      ]),
    );
    const target = targetOf(grafana, { dashboardReads: 'list' });
    const client = target.client;
    const request = client.request.bind(client);
    client.request = (async (req: Parameters<GrafanaClient['request']>[0]) => {
      const res = await request(req);
      if (req.method === 'GET' && /\/dashboards$/.test(req.path)) {
        const data = res.data as { items: unknown[] };
        return { ...res, data: { ...data, items: [...data.items, data.items[0]] } };
      }
      return res;
    }) as GrafanaClient['request'];
    const desired = desiredOf([
      { index: 0, schema: 'v2' },
      { index: 1, schema: 'v2' },
    ]);
    await expect(readActualState(target, desired)).rejects.toThrow(
      /dashboards \(bulk read\): .*GET \/apis\/dashboard\.grafana\.app\/v2\/namespaces\/default\/dashboards.*dashboard "svc-0" listed twice/s,
    );
  });
});

/** What a generated dashboard is in Grafana before planning. */
type Existing = 'none' | 'ours-v1' | 'ours-v2' | 'foreign-v1' | 'foreign-v2' | 'other-project-v1' | 'other-project-v2';
type Change = 'none' | 'ui-edit' | 'ui-save-as-v2' | 'fail-conversion';
interface Generated {
  readonly existing: Existing;
  readonly change: Change;
  /** Desired in code, in this schema and content variant; absent: only in Grafana. */
  readonly desired: { readonly schema: 'v1' | 'v2'; readonly variant: number } | undefined;
}

const generatedDashboard: fc.Arbitrary<Generated> = fc.record({
  existing: fc.constantFrom<Existing>('none', 'ours-v1', 'ours-v2', 'foreign-v1', 'foreign-v2', 'other-project-v1', 'other-project-v2'),
  change: fc.constantFrom<Change>('none', 'ui-edit', 'ui-save-as-v2', 'fail-conversion'),
  desired: fc.option(fc.record({ schema: fc.constantFrom<'v1' | 'v2'>('v1', 'v2'), variant: fc.integer({ min: 0, max: 1 }) }), { nil: undefined }),
});

/** Arranges the generated state in the emulator through grafts' own writes and the emulator's UI helpers. */
async function arrange(grafana: GrafanaEmulator, state: readonly Generated[], uidPrefix: string): Promise<void> {
  const existing = (owner: 'ours' | 'foreign' | 'other-project') =>
    state.flatMap((g, index) => (g.existing.startsWith(`${owner}-`) ? [{ index, schema: g.existing.endsWith('v2') ? ('v2' as const) : ('v1' as const) }] : []));
  const ours = [...existing('ours'), ...existing('foreign')];
  if (ours.length > 0) await apply(grafana, desiredOf(ours), prefixes(uidPrefix));
  const others = existing('other-project');
  if (others.length > 0) await apply(grafana, desiredOf(others), { project: 'someone-else', ...prefixes(uidPrefix) });
  for (const [index, g] of state.entries()) {
    const uid = `${uidPrefix}svc-${index}`;
    if (g.existing === 'none') continue;
    // Foreign: a copy whose grafts tags were removed (as if made by hand or by another tool).
    if (g.existing.startsWith('foreign-')) grafana.simulateUiEdit(uid, (json) => ({ ...json, tags: [] }));
    if (g.change === 'ui-edit') grafana.simulateUiEdit(uid, (json) => ({ ...json, title: `${String(json['title'])} (edited)` }));
    if (g.change === 'ui-save-as-v2') grafana.simulateUiSaveAsV2(uid);
    if (g.change === 'fail-conversion') grafana.failConversion(uid, `conversion of ${uid} failed`);
  }
}

describe('LIST-based and GET-based reads plan the same (generated states)', () => {
  let grafana: GrafanaEmulator;
  beforeAll(async () => {
    grafana = await startGrafanaEmulator({ version: '13.0.0' });
  });
  afterAll(() => grafana.stop());

  it('for every generated mix of stored versions, owners, UI edits and failed conversions, with and without a uid prefix', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(generatedDashboard, { minLength: 1, maxLength: 7 }),
        fc.constantFrom('', 'dev-'),
        fc.boolean(),
        async (state, uidPrefix, unprefixedNeighbour) => {
          grafana.reset();
          // A dashboard outside the prefix with a desired uid: the prefixed target must never read it.
          if (uidPrefix && unprefixedNeighbour) await apply(grafana, desiredOf([{ index: 0, schema: 'v1', variant: 1 }]));
          await arrange(grafana, state, uidPrefix);
          const desired = desiredOf(state.flatMap((g, index) => (g.desired ? [{ index, ...g.desired }] : [])));
          const byGet = await planWith(grafana, desired, 'get', uidPrefix);
          const byList = await planWith(grafana, desired, 'list', uidPrefix);
          const byAuto = await planWith(grafana, desired, 'auto', uidPrefix);
          expect(byList.plan).toEqual(byGet.plan);
          expect(byAuto.plan).toEqual(byGet.plan);
          // The LIST read sends no GET for a dashboard stored in the family it listed.
          expect(singleReads(byList.paths)).toEqual([]);
        },
      ),
      { numRuns: 30 },
    );
  });
});
