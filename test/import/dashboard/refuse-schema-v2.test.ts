// Schema v2 dashboards (elements + layout) have no importer yet: every form of them is refused
// with an error naming the file, never imported as an empty classic dashboard.
import { mkdtempSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importDashboard } from '../../../lib/import/dashboard/import-dashboard.js';
import { isImportError } from '../../../lib/import/dashboard/import-error.js';
import { runImport } from '../../../lib/import/dashboard/run-import.js';

const v2Spec = fc.record({
  title: fc.string({ maxLength: 20 }),
  elements: fc.dictionary(
    fc.stringMatching(/^panel-[0-9]{1,3}$/),
    fc.record({ kind: fc.constant('Panel'), spec: fc.record({ id: fc.nat({ max: 99 }), title: fc.string({ maxLength: 10 }) }) }),
    { maxKeys: 4 },
  ),
  layout: fc.constantFrom({ kind: 'GridLayout', spec: { items: [] } }, { kind: 'AutoGridLayout', spec: { items: [] } }, { kind: 'TabsLayout', spec: { tabs: [] } }),
});

// The ways a v2 dashboard reaches `dash import`: the bare spec, the Kubernetes-style resource
// (any v2 version, or a spec that is v2-shaped whatever the version says), the API envelope.
const v2Input = fc.oneof(
  v2Spec,
  fc.tuple(v2Spec, fc.constantFrom('v2alpha1', 'v2beta1', 'v2', 'v2alpha2')).map(([spec, v]) => ({ apiVersion: `dashboard.grafana.app/${v}`, kind: 'Dashboard', metadata: { name: 'x' }, spec })),
  fc.tuple(v2Spec, fc.constantFrom('dashboard.grafana.app/v1beta1', 'v1')).map(([spec, apiVersion]) => ({ apiVersion, kind: 'Dashboard', metadata: { name: 'x' }, spec })),
  v2Spec.map((spec) => ({ dashboard: spec, meta: { folderUid: '' } })),
);

describe('schema v2 dashboards', () => {
  it('GIVEN any form of a v2 dashboard WHEN imported THEN an ImportError names the file and says v2 cannot be imported yet', async () => {
    await fc.assert(
      fc.asyncProperty(v2Input, async (input) => {
        const error = await importDashboard(input, { source: 'exports/v2.json' }).then(() => undefined, (e: unknown) => e);
        expect(isImportError(error), String(error)).toBe(true);
        expect((error as Error).message).toMatch(/^exports\/v2\.json › \$[.\w]*: schema v2 dashboards cannot be imported yet/);
      }),
      { numRuns: 60, seed: 9 },
    );
  });

  it('GIVEN a classic dashboard in the v1 resource form WHEN imported THEN it still imports', async () => {
    const resource = { apiVersion: 'dashboard.grafana.app/v1beta1', kind: 'Dashboard', metadata: { name: 'api' }, spec: { title: 'API', panels: [] } };
    const imported = await importDashboard(resource, { source: 'api.json' });
    expect(imported.uid).toBe('api');
    expect(imported.code).toContain("dashboard('API')");
  });

  it('GIVEN a v2 dashboard in a folder with a classic one WHEN dash import runs THEN it fails naming the v2 file and writes nothing', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'grafts-v2-import-'));
    mkdirSync(path.join(dir, 'pulled'));
    writeFileSync(path.join(dir, 'pulled', 'classic.json'), JSON.stringify({ uid: 'classic', title: 'Classic', panels: [] }));
    writeFileSync(path.join(dir, 'pulled', 'modern.json'), JSON.stringify({ apiVersion: 'dashboard.grafana.app/v2beta1', kind: 'Dashboard', metadata: { name: 'modern' }, spec: { title: 'Modern', elements: {}, layout: { kind: 'GridLayout', spec: { items: [] } } } }));
    const error = await runImport({ cwd: dir, inputs: ['pulled'], out: 'dashboards' }).then(() => undefined, (e: unknown) => e);
    expect((error as Error).name).toBe('ImportRunError');
    expect((error as Error).message).toContain('pulled/modern.json › $.apiVersion: schema v2 dashboards cannot be imported yet (dashboard.grafana.app/v2beta1)');
    expect(readdirSync(dir)).toEqual(['pulled']);
  });
});
