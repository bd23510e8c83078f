import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importDashboard, type ImportedDashboard } from '../../../lib/import/dashboard/import-dashboard.js';
import { migrateLegacy } from '../../../lib/import/dashboard/migrate-legacy.js';
import { resolveInputs } from '../../../lib/import/dashboard/resolve-inputs.js';
import { normalizeForRoundTrip } from '../../../lib/import/dashboard/round-trip-normalize.js';
import { buildGenerated } from './build-generated.js';

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/mixins', import.meta.url));

/** Measured share of corpus dashboards whose generated code builds back exactly: never lower it. */
const MEASURED_EXACT = { exact: 242, of: 242 };

/**
 * Dashboards whose queries use variables they do not define (input bugs Grafana leaves as
 * written): they round-trip through `.allowUndefinedVariables()`, with a note naming them.
 */
const UNDEFINED_VARIABLE_NOTES: Readonly<Record<string, string>> = {
  'ceph/multi-cluster-overview.json': '$Cluster',
  'nodejs/nodejs-overview.json': '$hostname',
};

function corpusDashboards(): { name: string; json: unknown }[] {
  const out: { name: string; json: unknown }[] = [];
  for (const mixin of readdirSync(CORPUS).sort()) {
    const dir = path.join(CORPUS, mixin, 'dashboards');
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).sort()) {
      out.push({ name: `${mixin}/${file}`, json: JSON.parse(readFileSync(path.join(dir, file), 'utf8')) });
    }
  }
  return out;
}

describe('dash import over the corpus', () => {
  if (!existsSync(CORPUS)) {
    it('GIVEN no ../shared/corpus THEN there is nothing to measure', () => {
      console.log(`corpus-round-trip: ${CORPUS} is absent; the corpus round trip was not measured`);
      expect(existsSync(CORPUS)).toBe(false);
    });
    return;
  }

  it('GIVEN every corpus dashboard WHEN imported, type-checked and built THEN it comes back exactly, except the explained ones', async () => {
    const dashboards = corpusDashboards();
    const imported: ImportedDashboard[] = [];
    for (const d of dashboards) imported.push(await importDashboard(structuredClone(d.json), { source: d.name }));

    // One TypeScript program and one esbuild bundle for all generated modules.
    const { typeErrors, built } = await buildGenerated(imported);
    expect(typeErrors).toEqual([]);

    const inexact: Record<string, string[]> = {};
    dashboards.forEach((d, i) => {
      const result = built[i]!;
      // The round trip compares with the migrated form (legacy rows/graph/singlestat, export inputs).
      const want = normalizeForRoundTrip(resolveInputs(migrateLegacy(d.json as Record<string, unknown>, []), []));
      const same =
        result.problems.length === 0 &&
        result.json !== undefined &&
        JSON.stringify(sorted(normalizeForRoundTrip(result.json))) === JSON.stringify(sorted(want));
      // The importer's own verdict agrees with the real build.
      expect({ name: d.name, exact: imported[i]!.exact }).toEqual({ name: d.name, exact: same });
      if (!same) inexact[d.name] = [...result.problems.map((p) => `validation: ${p}`), ...imported[i]!.differences];
    });

    const exact = dashboards.length - Object.keys(inexact).length;
    console.log(`corpus-round-trip: ${exact}/${dashboards.length} dashboards round-trip exactly (${((100 * exact) / dashboards.length).toFixed(1)}%)`);
    expect(inexact).toEqual({});
    for (const [name, variable] of Object.entries(UNDEFINED_VARIABLE_NOTES)) {
      const i = dashboards.findIndex((d) => d.name === name);
      expect(imported[i]!.code, name).toContain('.allowUndefinedVariables(');
      expect(imported[i]!.notes.join('\n'), name).toContain(`${variable}`);
    }
    // Only those two need it.
    expect(imported.filter((d) => d.code.includes('.allowUndefinedVariables(')).length).toBe(Object.keys(UNDEFINED_VARIABLE_NOTES).length);
    expect(exact / dashboards.length).toBeGreaterThanOrEqual(MEASURED_EXACT.exact / MEASURED_EXACT.of);
  }, 900_000);
});

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
