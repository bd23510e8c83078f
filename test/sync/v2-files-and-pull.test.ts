// Schema v2 on the file target (resource-form files for Git Sync / file provisioning) and in
// `dash pull` (each dashboard in the schema it is stored in).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GrafanaClient } from '../../lib/grafana/grafana-client.js';
import { dashboard, prometheus, timeseries, datasourceVariable } from '../../lib/index.js';
import { folder } from '../../lib/model/folder.js';
import { applyPlan } from '../../lib/sync/apply.js';
import { desiredStateOf } from '../../lib/sync/desired-state.js';
import { plan, readActualState } from '../../lib/sync/plan.js';
import type { DesiredState } from '../../lib/sync/resources.js';
import type { SyncTarget } from '../../lib/sync/sync-target.js';
import { runPull } from '../../lib/sync/run-pull.js';
import { FileTarget } from '../../lib/sync/targets/file-target.js';
import { resolveTarget } from '../../lib/sync/resolve-target.js';
import { GrafanaTarget } from '../../lib/sync/targets/grafana-target.js';
import { V2BETA1_SHAPE } from '../../lib/sync/targets/v2beta1-shape.js';
import { renderProject } from '../../lib/render/render-project.js';
import { startGrafanaEmulator, type GrafanaEmulator } from '../../lib/testing/index.js';

const ds = datasourceVariable('datasource', 'prometheus');
const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(path.join(tmpdir(), 'grafts-v2-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function project(schema: 'v1' | 'v2'): DesiredState {
  const team = folder('Team A', { uid: 'team-a' });
  return desiredStateOf(
    renderProject([
      {
        source: 'a.dash.ts',
        exported: [
          dashboard('Checkout')
            .uid('checkout')
            .schema(schema)
            .variable(ds)
            .folder(team)
            .panel(
              timeseries('Requests')
                .datasource(ds)
                .target(prometheus('sum(rate(x[5m]))'))
                .transformation('organize', { excludeByName: { Time: true } }),
            ),
          dashboard('Root')
            .uid('root')
            .schema(schema)
            .variable(ds)
            .panel(timeseries('Up').datasource(ds).target(prometheus('up'))),
        ],
      },
    ]),
    [],
  );
}

async function apply(target: SyncTarget, desired: DesiredState) {
  const p = plan(desired, await readActualState(target, desired));
  await applyPlan(p, target, { message: 'test' });
  await target.finish?.();
  return p;
}

describe('file target with schema v2', () => {
  it.each([['v2beta1'], ['v2']] as const)(
    'GIVEN v2 dashboards WHEN written with apiVersion %s THEN each file is the resource (name = uid, no folder annotation, the hash as an annotation) and a second plan is all unchanged',
    async (v2ApiVersion) => {
      const dir = tempDir();
      const desired = project('v2');
      await apply(new FileTarget({ name: 'files', dir, v2ApiVersion }), desired);
      const file = JSON.parse(readFileSync(path.join(dir, 'dashboards', 'Team A', 'checkout.json'), 'utf8'));
      expect(Object.keys(file)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
      expect(file).toMatchObject({ apiVersion: `dashboard.grafana.app/${v2ApiVersion}`, kind: 'Dashboard', metadata: { name: 'checkout' } });
      expect(Object.keys(file.metadata.annotations)).toEqual(['grafts.dev/folder-uid', 'grafts.dev/content-hash']);
      expect(file.spec).not.toHaveProperty('graftsContentHash');
      expect(file.spec).not.toHaveProperty('graftsFolderUid');
      const transformation = file.spec.elements['panel-1'].spec.data.spec.transformations[0];
      expect(transformation.kind).toBe(v2ApiVersion === 'v2' ? 'Transformation' : 'organize');
      const again = plan(desired, await readActualState(new FileTarget({ name: 'files', dir, v2ApiVersion }), desired));
      expect(again.summary).toMatchObject({ create: 0, update: 0, conflict: 0 });
    },
  );

  it('GIVEN v1 dashboards and v1Format resource WHEN written THEN files are dashboard.grafana.app/v1beta1 resources without uid/id in the spec, read back unchanged', async () => {
    const dir = tempDir();
    const desired = project('v1');
    await apply(new FileTarget({ name: 'files', dir, v1Format: 'resource' }), desired);
    const file = JSON.parse(readFileSync(path.join(dir, 'dashboards', 'root.json'), 'utf8'));
    expect(file).toMatchObject({ apiVersion: 'dashboard.grafana.app/v1beta1', kind: 'Dashboard', metadata: { name: 'root' } });
    expect(file.spec).not.toHaveProperty('uid');
    expect(file.spec.tags).toContain('grafts-managed');
    const again = plan(desired, await readActualState(new FileTarget({ name: 'files', dir, v1Format: 'resource' }), desired));
    expect(again.summary).toMatchObject({ create: 0, update: 0, conflict: 0 });
  });

  it('GIVEN a files target configured with v2ApiVersion v2 and v1Format resource WHEN resolved and applied THEN both settings reach the files', async () => {
    const cwd = tempDir();
    const config = { targets: { repo: { type: 'files' as const, dir: 'repo', v2ApiVersion: 'v2' as const, v1Format: 'resource' as const } } };
    const target = resolveTarget({ cwd, config, targetName: 'repo', env: {} });
    await apply(
      target,
      desiredStateOf(renderProject([{ source: 'm.dash.ts', exported: [dashboard('V2').uid('two').schema('v2'), dashboard('V1').uid('one')] }]), []),
    );
    const read = (uid: string) => JSON.parse(readFileSync(path.join(cwd, 'repo', 'dashboards', `${uid}.json`), 'utf8'));
    expect(read('two').apiVersion).toBe('dashboard.grafana.app/v2');
    expect(read('one').apiVersion).toBe('dashboard.grafana.app/v1beta1');
  });

  it('GIVEN a v2 file edited by hand WHEN planned THEN it is a conflict (the content no longer matches its hash annotation)', async () => {
    const dir = tempDir();
    const desired = project('v2');
    await apply(new FileTarget({ name: 'files', dir }), desired);
    const name = path.join(dir, 'dashboards', 'root.json');
    const file = JSON.parse(readFileSync(name, 'utf8'));
    file.spec.title = 'Root (edited)';
    (await import('node:fs')).writeFileSync(name, JSON.stringify(file));
    const again = plan(desired, await readActualState(new FileTarget({ name: 'files', dir }), desired));
    expect(again.steps.find((s) => s.uid === 'root')).toMatchObject({ action: 'conflict' });
  });

  it('GIVEN any transformations WHEN put in the v2beta1 shape and read back THEN the v2 spec is unchanged', () => {
    const transformation = fc.record({
      group: fc.stringMatching(/^[a-zA-Z]{1,12}$/),
      spec: fc.record(
        { options: fc.dictionary(fc.stringMatching(/^[a-z]{1,5}$/), fc.jsonValue()), disabled: fc.option(fc.boolean(), { nil: undefined }) },
        { requiredKeys: ['options'] },
      ),
    });
    fc.assert(
      fc.property(fc.array(transformation, { maxLength: 4 }), (ts) => {
        const spec = {
          title: 't',
          elements: {
            'panel-1': {
              kind: 'Panel',
              spec: {
                id: 1,
                data: {
                  kind: 'QueryGroup',
                  spec: {
                    queries: [],
                    transformations: ts.map((t) => ({ kind: 'Transformation', group: t.group, spec: JSON.parse(JSON.stringify(t.spec)) })),
                    queryOptions: {},
                  },
                },
              },
            },
          },
          layout: { kind: 'GridLayout', spec: { items: [] } },
        };
        const wire = V2BETA1_SHAPE.toWire(spec);
        expect(JSON.stringify(wire)).not.toContain('"Transformation"');
        expect(V2BETA1_SHAPE.fromWire(wire)).toEqual(JSON.parse(JSON.stringify(spec)));
      }),
    );
  });
});

describe('dash pull keeps each dashboard in its stored schema', () => {
  let grafana: GrafanaEmulator;
  let target: GrafanaTarget;
  beforeAll(async () => {
    grafana = await startGrafanaEmulator({ version: '13.0.0' });
  });
  afterAll(() => grafana.stop());
  afterEach(() => grafana.reset());
  const openTarget = () =>
    new GrafanaTarget({
      name: 'emulator',
      client: new GrafanaClient({ url: grafana.url, token: grafana.token, retry: { maxAttempts: 1 }, sleep: async () => {} }),
    });

  it('GIVEN a v1 dashboard, a v2 one and a v1 one saved as v2 from the UI WHEN pulled THEN the v2-stored ones are v2 resources (tabs kept) and the v1 one classic JSON', async () => {
    target = openTarget();
    await apply(target, project('v1'));
    await apply(
      openTarget(),
      desiredStateOf(
        renderProject([
          {
            source: 'b.dash.ts',
            exported: dashboard('Native v2')
              .uid('native')
              .schema('v2')
              .variable(ds)
              .panel(timeseries('Up').datasource(ds).target(prometheus('up'))),
          },
        ]),
        [],
      ),
    );
    grafana.simulateUiSaveAsV2('checkout');
    const out = tempDir();
    const result = await runPull({ cwd: out, out: 'pulled', target: openTarget() });
    const bySchema = Object.fromEntries(result.dashboards.map((d) => [d.uid, d.schema]));
    expect(bySchema).toEqual({ checkout: 'v2', native: 'v2', root: 'v1' });
    const read = (uid: string) => JSON.parse(readFileSync(path.join(result.outDir, result.dashboards.find((d) => d.uid === uid)!.file), 'utf8'));
    const checkout = read('checkout');
    expect(checkout).toMatchObject({ apiVersion: 'dashboard.grafana.app/v2', kind: 'Dashboard', metadata: { name: 'checkout' } });
    expect(checkout.spec.layout.kind).toBe('TabsLayout');
    expect(checkout.spec.tags).not.toContain('grafts-managed');
    expect(checkout.spec).not.toHaveProperty('graftsContentHash');
    expect(Array.isArray(checkout.spec.links)).toBe(true);
    expect(read('root')).toMatchObject({ uid: 'root', title: 'Root' });
    expect(read('root')).not.toHaveProperty('apiVersion');
  });

  it('GIVEN a dashboard Grafana cannot convert WHEN pulled THEN the pull fails naming it and writes nothing', async () => {
    await apply(openTarget(), project('v2'));
    const stored = grafana.state.dashboards.get('root')!;
    stored.storedVersion = 'v3alpha0';
    grafana.failConversion('root', 'no conversion from v3alpha0');
    const out = tempDir();
    await expect(runPull({ cwd: out, out: 'pulled', target: openTarget() })).rejects.toThrow(/dashboard "root" cannot be read: .*no conversion from v3alpha0/);
    expect(existsSync(path.join(out, 'pulled')) ? readdirSync(path.join(out, 'pulled')) : []).toEqual([]);
  });
});
