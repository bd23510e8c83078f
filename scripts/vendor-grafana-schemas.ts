/**
 * `npx tsx scripts/vendor-grafana-schemas.ts [<grafana-jsonschema dir>]`: copies the panel and
 * query JSON Schemas Grafana publishes per plugin into two of our own schema files,
 * schemas/grafana-panels.schema.json and schemas/grafana-queries.schema.json, which
 * `npm run gen` turns into lib/generated/grafana-*.gen.ts.
 *
 * Why a copy: every upstream file names its types `Options`, `FieldConfig`, `dataquery`, …,
 * and repeats shared ones (`VizLegendOptions`); one namespace needs each kind's names prefixed
 * and the shared ones pointed at the definition we already have. The copy is committed, so the
 * build and the drift test never need the upstream folder. Pure apart from reading and writing.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot, SCHEMAS_DIR } from './gen-types-lib.js';
import { GRAFANA_PANEL_SCHEMAS, GRAFANA_QUERY_SCHEMAS, vendorSchemas, type UpstreamSchema } from './vendor-grafana-schemas-lib.js';

const upstreamDir = path.resolve(process.argv[2] ?? path.join(repoRoot, '..', 'shared', 'reference', 'grafana-jsonschema'));

async function readUpstream(names: readonly string[]): Promise<Map<string, UpstreamSchema>> {
  const out = new Map<string, UpstreamSchema>();
  for (const name of names) {
    const file = path.join(upstreamDir, `${name}.jsonschema.json`);
    out.set(name, JSON.parse(await readFile(file, 'utf8')) as UpstreamSchema);
  }
  return out;
}

async function readOurs(file: string): Promise<{ file: string; definitions: UpstreamSchema['definitions'] }> {
  const schema = JSON.parse(await readFile(path.join(repoRoot, SCHEMAS_DIR, file), 'utf8')) as UpstreamSchema;
  return { file, definitions: schema.definitions };
}
const shared = [await readOurs('panels.schema.json'), await readOurs('dashboard.schema.json')];
const panels = vendorSchemas({
  id: 'grafana-panels.schema.json',
  title: 'Grafana panel options (vendored)',
  description:
    "Options and custom field config of Grafana's core panel plugins that panels.schema.json does not cover, copied from the JSON Schemas Grafana publishes per plugin (scripts/vendor-grafana-schemas.ts). Each kind's names carry its prefix; top-level options are optional, as grafts emits sparse JSON.",
  kinds: GRAFANA_PANEL_SCHEMAS,
  upstream: await readUpstream(GRAFANA_PANEL_SCHEMAS.map((k) => k.file)),
  shared,
});
const queries = vendorSchemas({
  id: 'grafana-queries.schema.json',
  title: 'Grafana query models (vendored)',
  description:
    "Query models of Grafana's data source plugins and server-side expressions, copied from the JSON Schemas Grafana publishes per plugin (scripts/vendor-grafana-schemas.ts). Each kind's names carry its prefix; `<Prefix>QueryModel` is the query a panel target holds.",
  kinds: GRAFANA_QUERY_SCHEMAS,
  upstream: await readUpstream(GRAFANA_QUERY_SCHEMAS.map((k) => k.file)),
  shared,
});
for (const schema of [panels, queries]) {
  const file = path.join(repoRoot, SCHEMAS_DIR, schema.$id as string);
  await writeFile(file, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote ${path.relative(repoRoot, file)}`);
}
