// A folder and a dashboard with one uid can never both exist in Grafana ("Dashboard cannot be
// changed to a folder"): everything that renders the desired state rejects the clash, naming
// both declarations, and the built-in service-red mixin no longer has one.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import serviceRed from '../../mixins/service-red/index.js';
import { GrafanaClient } from '../../lib/grafana/grafana-client.js';
import { renderMixins } from '../../lib/mixin/render-mixins.js';
import { ValidationError } from '../../lib/model/validation-error.js';
import { folderDashboardUidClashes } from '../../lib/project/uid-clashes.js';
import { applyPlan } from '../../lib/sync/apply.js';
import { desiredStateOf } from '../../lib/sync/desired-state.js';
import { plan, readActualState } from '../../lib/sync/plan.js';
import { GrafanaTarget } from '../../lib/sync/targets/grafana-target.js';
import { startGrafanaEmulator, type GrafanaEmulator } from '../../lib/testing/index.js';

const uid = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'ops', 'team');
const declared = (kind: string) =>
  fc.array(uid, { maxLength: 6 }).map((uids) => uids.map((u, i) => ({ uid: u, title: `${kind} ${u}`, source: `${kind}-${i}.dash.ts` })));

describe('folderDashboardUidClashes', () => {
  it('reports exactly the dashboards whose uid is a folder uid, naming both sources', () => {
    fc.assert(
      fc.property(declared('folder'), declared('dashboard'), (folders, dashboards) => {
        const problems = folderDashboardUidClashes(folders, dashboards);
        const folderUids = new Set(folders.map((f) => f.uid));
        const clashing = dashboards.filter((d) => folderUids.has(d.uid));
        expect(problems.map((p) => p.path[0])).toEqual(clashing.map((d) => d.source));
        clashing.forEach((d, i) => {
          const f = folders.find((x) => x.uid === d.uid)!;
          expect(problems[i]!.message).toContain(`uid "${d.uid}"`);
          expect(problems[i]!.message).toContain(f.source);
          expect(problems[i]!.message).toContain('Dashboard cannot be changed to a folder');
        });
      }),
    );
  });

  it('makes desiredStateOf (diff, apply, watch) throw when a mixin dashboard takes its own folder uid', () => {
    // GIVEN a mixin named "m" (folder uid "m") whose dashboard has uid "m"
    const act = () =>
      desiredStateOf({ dashboards: [] }, [
        { name: 'm', source: 'dash.config.ts › mixins[0]', dashboards: [{ uid: 'm', title: 'M', json: { uid: 'm', title: 'M' } }] },
      ]);
    // THEN it is a validation problem naming the mixin
    expect(act).toThrow(ValidationError);
    expect(act).toThrow(/dashboard "M" has uid "m", the uid of folder "m" \(dash\.config\.ts › mixins\[0\]\)/);
  });
});

describe('the built-in service-red mixin', () => {
  let grafana: GrafanaEmulator;
  beforeAll(async () => {
    grafana = await startGrafanaEmulator({ version: '12.1.0' });
  });
  afterAll(() => grafana.stop());

  it('has no folder/dashboard uid clash and applies to Grafana cleanly', async () => {
    // GIVEN the mixin with its defaults, rendered as dash apply renders it
    const [rendered] = renderMixins([{ mixin: serviceRed, where: ['dash.config.ts', 'mixins[0]'] }]);
    const desired = desiredStateOf({ dashboards: [] }, [
      {
        name: rendered!.name,
        source: 'dash.config.ts › mixins[0]',
        dashboards: rendered!.rendered.dashboards.map((d) => ({ uid: d.uid, title: d.title, json: d.json as never })),
      },
    ]);
    const client = new GrafanaClient({ url: grafana.url, token: grafana.token, retry: { maxAttempts: 1 } });
    const target = new GrafanaTarget({ name: 'emulator', client });
    // WHEN applied to the emulator (which refuses a dashboard under a folder's uid like Grafana)
    const report = await applyPlan(plan(desired, await readActualState(target, desired)), target, { message: 'test' });
    // THEN the folder and the dashboard are created, nothing fails
    expect(report.ok).toBe(true);
    expect(report.counts).toMatchObject({ created: 2, failed: 0, conflicts: 0 });
    expect(desired.dashboards.map((d) => d.uid)).not.toContain('service-red');
  });
});
