// `dash import` of schema v2 over the corpus: every corpus dashboard converted to v2 with the
// project's classic → v2 conversion imports to code that type-checks, builds with the v2
// builders, and renders the same v2 spec after the documented normalisation
// (normalizeV2ForRoundTrip; see docs/import.md).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applyGrafanaLoadFixes } from '../../../lib/import/dashboard/grafana-load-fixes.js';
import { importDashboard, type ImportedDashboard } from '../../../lib/import/dashboard/import-dashboard.js';
import { isImportError } from '../../../lib/import/dashboard/import-error.js';
import { migrateLegacy } from '../../../lib/import/dashboard/migrate-legacy.js';
import { normalizeV2ForRoundTrip } from '../../../lib/import/dashboard/normalize-v2-for-round-trip.js';
import { resolveInputs } from '../../../lib/import/dashboard/resolve-inputs.js';
import { canonicalDatasourceRefs } from '../../../lib/import/dashboard/round-trip-normalize.js';
import { dashboardV2Resource } from '../../../lib/render/v2/dashboard-v2-resource.js';
import { renderDashboardV2 } from '../../../lib/render/v2/render-dashboard-v2.js';
import { v2SpecOfClassic } from '../../../lib/render/v2/v2-spec-of-classic.js';
import { buildGenerated } from './build-generated.js';

type Json = Record<string, unknown>;

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/mixins', import.meta.url));

/**
 * The corpus dashboards whose v2 form the builders cannot express, with the reason (the
 * ImportError's path and message). Both repeat a row over `$node`, which they never define:
 * Grafana shows the row once, and the v2 renderer refuses a repeat over an unknown variable.
 */
const REFUSED: Readonly<Record<string, string>> = {
  'wso2-enterprise-integrator/Cluster_Metrics.json':
    '$.spec.layout.spec.rows[0].spec.repeat.value: repeats over "node", which is not a variable of the dashboard',
  'wso2-enterprise-integrator/Node_Metrics.json': '$.spec.layout.spec.rows[0].spec.repeat.value: repeats over "node", which is not a variable of the dashboard',
};

/**
 * A corpus dashboard as Grafana would serve it in v2: legacy rows/graph/singlestat and export
 * inputs migrated and load corrections applied (as the classic round trip does), data source
 * references written `{ type, uid }` (Grafana's schema 33 migration, which its v1 → v2
 * conversion runs first), a missing panel id filled (Grafana assigns one on load), a query that
 * names no data source type taking the default data source's (Prometheus, for these mixins),
 * then converted with `v2SpecOfClassic`; half as v2 resources, half as v2beta1.
 */
function v2Resource(json: Json, index: number): Json {
  const classic = canonicalDatasourceRefs(applyGrafanaLoadFixes(resolveInputs(migrateLegacy(json, []), []), []));
  const ids = new Set<unknown>();
  const collect = (ps: unknown): void => {
    if (!Array.isArray(ps)) return;
    for (const p of ps as Json[]) {
      ids.add(p.id);
      collect(p.panels);
    }
  };
  collect(classic.panels);
  let next = 1;
  const withIds = (ps: unknown): unknown =>
    Array.isArray(ps)
      ? (ps as Json[]).map((p) => {
          while (ids.has(next)) next++;
          const id = typeof p.id === 'number' ? p.id : next++;
          return { ...p, id, ...(Array.isArray(p.panels) && { panels: withIds(p.panels) }) };
        })
      : ps;
  const prepared = { ...classic, panels: withIds(classic.panels ?? []) } as Json;
  const spec = v2SpecOfClassic(
    prepared,
    () => undefined,
    () => new Array<string>(64).fill('prometheus'),
  );
  return dashboardV2Resource(typeof classic.uid === 'string' ? classic.uid : `corpus-${index}`, spec, {
    apiVersion: index % 2 === 0 ? 'v2' : 'v2beta1',
  }) as unknown as Json;
}

function corpusDashboards(): { name: string; json: Json }[] {
  const out: { name: string; json: Json }[] = [];
  for (const mixin of readdirSync(CORPUS).sort()) {
    const dir = path.join(CORPUS, mixin, 'dashboards');
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).sort()) out.push({ name: `${mixin}/${file}`, json: JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Json });
  }
  return out;
}

describe('dash import of schema v2 over the corpus', () => {
  if (!existsSync(CORPUS)) {
    it('GIVEN no ../shared/corpus THEN there is nothing to measure', () => {
      console.log(`import-v2-corpus: ${CORPUS} is absent; the v2 corpus round trip was not measured`);
      expect(existsSync(CORPUS)).toBe(false);
    });
    return;
  }

  it('GIVEN the v2 conversion of every corpus dashboard WHEN imported, type-checked and built THEN it renders the same v2 spec after normalisation, except the listed refusals', async () => {
    const dashboards = corpusDashboards();
    const resources = dashboards.map((d, i) => v2Resource(d.json, i));
    const imported: { name: string; resource: Json; result: ImportedDashboard }[] = [];
    const refused: Record<string, string> = {};
    for (const [i, d] of dashboards.entries()) {
      try {
        imported.push({ name: d.name, resource: resources[i]!, result: await importDashboard(structuredClone(resources[i]), { source: d.name }) });
      } catch (error) {
        expect(isImportError(error), String(error)).toBe(true);
        refused[d.name] = (error as Error).message.slice(d.name.length + 3);
      }
    }
    expect(refused).toEqual(REFUSED);

    const { typeErrors, built } = await buildGenerated(imported.map((m) => m.result));
    expect(typeErrors).toEqual([]);
    const inexact: Record<string, string> = {};
    imported.forEach(({ name, resource, result }, i) => {
      expect(result.buildProblems, name).toEqual([]);
      const dashboard = built[i]!.dashboard;
      expect(dashboard, name).toBeDefined();
      const again = renderDashboardV2(dashboard!);
      expect(again.problems, name).toEqual([]);
      expect(again.uid, name).toBe((resource.metadata as Json).name);
      const apiVersion = String(resource.apiVersion);
      const spec = apiVersion.endsWith('v2beta1')
        ? dashboardV2Resource(again.uid, again.spec, { apiVersion: 'v2beta1' }).spec
        : (again.spec as unknown as Json);
      const want = JSON.stringify(sorted(normalizeV2ForRoundTrip(fromVersion(resource as { apiVersion: unknown; spec: unknown })).spec));
      const got = JSON.stringify(sorted(normalizeV2ForRoundTrip(fromVersion({ apiVersion, spec })).spec));
      if (want !== got) inexact[name] = 'differs after normalisation';
      expect(result.exact, name).toBe(want === got);
    });
    const exact = imported.length - Object.keys(inexact).length;
    console.log(
      `import-v2-corpus: ${exact}/${dashboards.length} corpus dashboards round-trip through schema v2 (${Object.keys(REFUSED).length} refused with a reason)`,
    );
    expect(inexact).toEqual({});
    expect(exact).toBe(dashboards.length - Object.keys(REFUSED).length);
  }, 900_000);
});

// The resource's spec in the v2 shape (v2beta1 transformations → v2), as the importer reads it.
function fromVersion(resource: { apiVersion: unknown; spec: unknown }): Json {
  const spec = resource.spec as Json;
  if (!String(resource.apiVersion).endsWith('v2beta1')) return spec;
  const out = structuredClone(spec);
  for (const element of Object.values(out.elements as Record<string, { kind: string; spec: Json }>)) {
    if (element.kind !== 'Panel') continue;
    const data = (element.spec.data as Json).spec as { transformations: Json[] };
    data.transformations = data.transformations.map((t) => {
      const { id, ...rest } = t.spec as Json;
      return { kind: 'Transformation', group: id, spec: rest };
    });
  }
  return out;
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((k) => (value as Json)[k] !== undefined)
        .map((k) => [k, sorted((value as Json)[k])]),
    );
  }
  return value;
}
