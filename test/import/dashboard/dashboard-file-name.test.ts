// Imported dashboards are named after their source file (or their title when the file is only
// a generated uid, as `dash pull` writes it), in kebab case, never after a hash; names that
// collide get -2, -3, … in source order, whatever order the inputs came in.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dashboardFileName, kebabCase, uniqueFileName } from '../../../lib/import/dashboard/dashboard-file-name.js';
import { runImport } from '../../../lib/import/dashboard/run-import.js';

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

describe('dashboardFileName', () => {
  it('is always a kebab-case .dash.ts name, whatever the source and title', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 20 }), fc.string({ maxLength: 40 }), (source, uid, title) => {
        const name = dashboardFileName(source, uid, title);
        expect(name.endsWith('.dash.ts')).toBe(true);
        expect(name.slice(0, -'.dash.ts'.length)).toMatch(KEBAB);
      }),
      { numRuns: 500, seed: 81 },
    );
  });

  it('follows the source file name, not the uid', () => {
    expect(dashboardFileName('dashboards_out/node-rsrc-use.json', '09ec8aa1e1f1cb7d3e3b4f0c6e5a7b9d', 'Node / USE Method / Node')).toBe(
      'node-rsrc-use.dash.ts',
    );
    expect(dashboardFileName('exports/Node Exporter Full.json', 'rYdddlPWk', 'Node Exporter Full')).toBe('node-exporter-full.dash.ts');
    expect(dashboardFileName('k8sResourcesCluster.json', 'efa86fd1d0c121a26444b636a3f509a8', 'K8s / Cluster')).toBe('k8s-resources-cluster.dash.ts');
    expect(dashboardFileName('exported/api', 'api', 'API')).toBe('api.dash.ts');
  });

  it('uses the title when the file is only the generated uid (dash pull) or names nothing', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{4}[0-9][A-Za-z0-9]{4,10}$/), (uid) => {
        expect(dashboardFileName(`pulled/team/${uid}.json`, uid, 'Checkout API')).toBe('checkout-api.dash.ts');
      }),
      { numRuns: 100, seed: 82 },
    );
    expect(dashboardFileName('', 'x', 'Über Dashboard')).toBe('uber-dashboard.dash.ts');
    expect(dashboardFileName('', '', '!!!')).toBe('dashboard.dash.ts');
  });

  it('kebabCase splits camel case and drops accents', () => {
    expect(kebabCase('nodeExporterFull')).toBe('node-exporter-full');
    expect(kebabCase('HTTPServer Überblick')).toBe('http-server-uberblick');
    expect(kebabCase('  --  ')).toBe('');
  });

  it('uniqueFileName numbers repeats, ignoring case', () => {
    const taken = new Set<string>();
    expect(['a.dash.ts', 'A.dash.ts', 'a.dash.ts', 'a-2.dash.ts'].map((n) => uniqueFileName(n, taken))).toEqual([
      'a.dash.ts',
      'A-2.dash.ts',
      'a-3.dash.ts',
      'a-2-2.dash.ts',
    ]);
  });
});

describe('dash import file names', () => {
  it('GIVEN dashboards pulled under generated uids, some with the same title WHEN imported THEN each file is named after its title, unique, the same for any input order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.stringMatching(/^[a-z]{3}[0-9][a-z0-9]{5}$/), { minLength: 2, maxLength: 6 }),
        fc.array(fc.constantFrom('Checkout', 'checkout', 'Node Exporter', 'API'), { minLength: 6, maxLength: 6 }),
        async (uids, titles) => {
          const dir = mkdtempSync(path.join(os.tmpdir(), 'grafts-import-names-'));
          mkdirSync(path.join(dir, 'pulled'));
          for (const [i, uid] of uids.entries()) writeFileSync(path.join(dir, 'pulled', `${uid}.json`), JSON.stringify({ uid, title: titles[i], panels: [] }));
          const inputs = uids.map((uid) => `pulled/${uid}.json`);
          const forward = await runImport({ cwd: dir, inputs, out: 'dashboards', dryRun: true });
          const backward = await runImport({ cwd: dir, inputs: [...inputs].reverse(), out: 'dashboards', dryRun: true });
          const mapping = (r: typeof forward) => Object.fromEntries(r.files.map((f) => [f.source, f.file]));
          expect(mapping(backward)).toEqual(mapping(forward));
          const files = forward.files.map((f) => f.file);
          expect(new Set(files.map((f) => f.toLowerCase())).size).toBe(files.length);
          for (const [i, uid] of uids.entries()) {
            const file = mapping(forward)[`pulled/${uid}.json`]!;
            expect(file).toMatch(new RegExp(`^dashboards/${kebabCase(titles[i]!)}(-[0-9]+)?\\.dash\\.ts$`));
            expect(file).not.toContain(uid);
          }
        },
      ),
      { numRuns: 25, seed: 83 },
    );
  }, 120_000);
});
