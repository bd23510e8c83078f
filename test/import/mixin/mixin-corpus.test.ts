import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { importMixin } from '../../../lib/import/mixin/import-mixin.js';
import { readRenderedMixin } from '../../../lib/import/mixin/read-rendered-mixin.js';
import { buildBackDifferences, buildImportedMixins } from './build-imported-mixins.js';

const CORPUS = path.resolve(import.meta.dirname, '../../../../shared/corpus/mixins');

/** Measured mixins that build back exactly (rule files and every dashboard): never lower it. */
const MEASURED_EXACT = { exact: 81, of: 81 };

describe('dash import --mixin over the corpus', () => {
  it('imports every corpus mixin into a package that type-checks, and measures how many build back exactly', async () => {
    if (!existsSync(CORPUS)) {
      // GIVEN no corpus on this machine / THEN there is nothing to import
      console.log(`corpus not found at ${CORPUS}: no mixin import measured`);
      expect(existsSync(CORPUS)).toBe(false);
      return;
    }
    // GIVEN the 81 rendered mixins of the corpus
    const names = readdirSync(CORPUS).sort();
    expect(names.length).toBeGreaterThan(80);
    const root = mkdtempSync(path.join(os.tmpdir(), 'grafts-import-mixins-'));
    try {
      // WHEN each is imported into its own package
      const start = performance.now();
      const failed: string[] = [];
      const lifted = new Map<string, string>();
      const dashboardFiles = new Map<string, string[]>();
      for (const name of names) {
        try {
          const result = await importMixin(path.join(CORPUS, name), { outDir: path.join(root, name) });
          lifted.set(name, result.config.map((k) => `${k.key}=${k.value}`).join(' '));
          dashboardFiles.set(
            name,
            (await readRenderedMixin(path.join(CORPUS, name))).dashboards.map((d) => d.file),
          );
        } catch (error) {
          failed.push(`${name}: ${(error as Error).message}`);
        }
      }
      const importMs = performance.now() - start;
      const imported = names.filter((n) => lifted.has(n));
      // AND all packages are type-checked in one program and built the way `dash mixin build` does
      const { problems, built } = await buildImportedMixins(root, imported, dashboardFiles);

      // THEN every import succeeds and type-checks
      expect(failed).toEqual([]);
      expect(problems).toEqual([]);

      // AND the share that builds back to the same files is reported, with the cause of each exception
      const causes = new Map<string, string[]>();
      let exact = 0;
      let rulesExact = 0;
      for (const name of imported) {
        const input = await readRenderedMixin(path.join(CORPUS, name));
        const differences = buildBackDifferences(input, built.get(name)!);
        if (differences.length === 0) exact++;
        else causes.set(name, differences);
        if (!differences.some((d) => d.includes('rule groups differ'))) rulesExact++;
      }
      const withSelector = [...lifted.values()].filter((v) => /\bselector=/.test(v)).length;
      const withDatasource = [...lifted.values()].filter((v) => /\bdatasource(Regex)?=/.test(v)).length;
      console.log(
        [
          `mixin import over ${names.length} corpus mixins (import ${Math.round(importMs)} ms):`,
          `  build back exactly (rule files and every dashboard): ${exact}/${imported.length}`,
          `  rule files build back exactly:                       ${rulesExact}/${imported.length}`,
          `  config lifts a label matcher out of the queries:      ${withSelector}/${imported.length}`,
          `  config lifts the data source (default or regex):      ${withDatasource}/${imported.length}`,
          ...[...causes].map(([name, why]) => `  ✗ ${name}: ${why.slice(0, 3).join(' | ')}${why.length > 3 ? ` (+${why.length - 3} more)` : ''}`),
        ].join('\n'),
      );
      // Rule files come back exactly for every mixin: rule import is complete. Dashboards follow
      // the dashboard importer's own round trip (its exceptions are listed above).
      const ruleCauses = [...causes].filter(([, why]) => why.some((w) => w.includes('rule groups differ')));
      expect(ruleCauses).toEqual([]);
      // A node-ish mixin, mixins with only rules, one with only dashboards, an empty one: all exact.
      for (const name of ['node-exporter', 'kube-cockroachdb', 'prometheus-operator', 'caddy', 'apache-camel']) {
        expect(causes.get(name), name).toBeUndefined();
      }
      expect(lifted.get('node-exporter')).toContain('selector=job="node"');
      expect(exact / imported.length).toBeGreaterThanOrEqual(MEASURED_EXACT.exact / MEASURED_EXACT.of);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 600_000);
});
