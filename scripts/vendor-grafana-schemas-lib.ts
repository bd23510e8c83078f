/**
 * The pure part of scripts/vendor-grafana-schemas.ts: turns Grafana's per-plugin JSON Schemas
 * into one schema file with a single namespace of definitions.
 */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

/** One upstream `<file>.jsonschema.json`: definitions and, for query models, a root `$ref`. */
export interface UpstreamSchema {
  $ref?: string;
  definitions: JsonObject;
  [key: string]: Json | undefined;
}

/** Which upstream file becomes which names: `Options` → `<prefix>Options`, and so on. */
export interface VendoredKind {
  /** Upstream file name without `.jsonschema.json`. */
  readonly file: string;
  /** Prefix of every definition of this kind, e.g. `Geomap`. */
  readonly prefix: string;
}

/** Core panel plugins whose options panels.schema.json does not cover. */
export const GRAFANA_PANEL_SCHEMAS: readonly VendoredKind[] = [
  { file: 'annotationslist', prefix: 'AnnotationsList' },
  { file: 'candlestick', prefix: 'Candlestick' },
  { file: 'canvas', prefix: 'Canvas' },
  { file: 'dashboardlist', prefix: 'DashboardList' },
  { file: 'datagrid', prefix: 'Datagrid' },
  { file: 'geomap', prefix: 'Geomap' },
  { file: 'news', prefix: 'News' },
  { file: 'nodegraph', prefix: 'NodeGraph' },
  { file: 'statushistory', prefix: 'StatusHistory' },
  { file: 'trend', prefix: 'Trend' },
  { file: 'xychart', prefix: 'XYChart' },
];

/** Data source plugins and expressions whose query model Grafana publishes. */
export const GRAFANA_QUERY_SCHEMAS: readonly VendoredKind[] = [
  { file: 'azuremonitor', prefix: 'AzureMonitor' },
  { file: 'cloudwatch', prefix: 'CloudWatch' },
  { file: 'elasticsearch', prefix: 'Elasticsearch' },
  { file: 'expr', prefix: 'Expression' },
  { file: 'googlecloudmonitoring', prefix: 'GoogleCloudMonitoring' },
  { file: 'grafanapyroscope', prefix: 'Pyroscope' },
  { file: 'parca', prefix: 'Parca' },
  { file: 'testdata', prefix: 'TestData' },
];

// Upstream's top-level panel types, renamed for their kind; grafts emits them sparse.
const PANEL_ROOTS = ['Options', 'FieldConfig'];
const LOCAL_REF = /^#\/definitions\/(.+)$/;
// Upstream's free text (its prose, not facts about the JSON): never copied, so neither the
// schema files nor the JSDoc generated from them repeat Grafana's sentences.
const FREE_TEXT = new Set(['description', 'title', 'examples', '$comment', 'markdownDescription']);
// Keywords that state facts about the JSON (names, types, enums, defaults, bounds, references).
const FACT_KEYWORDS = new Set([
  '$ref',
  'type',
  'properties',
  'patternProperties',
  'additionalProperties',
  'propertyNames',
  'required',
  'minProperties',
  'maxProperties',
  'items',
  'additionalItems',
  'minItems',
  'maxItems',
  'uniqueItems',
  'contains',
  'enum',
  'const',
  'default',
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'anyOf',
  'oneOf',
  'allOf',
  'not',
  'deprecated',
  'readOnly',
  'writeOnly',
]);
// A default next to a $ref would make json-schema-to-typescript emit a second copy of the type.
const REF_SIBLINGS_DROPPED = new Set(['default']);

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The definition as a validator sees it: no annotations, keys sorted (for "same type" checks). */
function shape(node: Json): string {
  const walk = (n: Json): Json => {
    if (Array.isArray(n)) return n.map(walk);
    if (!isObject(n)) return n;
    const out: JsonObject = {};
    for (const k of Object.keys(n).sort()) {
      if (k === 'description' || k === 'default' || k === 'title' || k === 'examples') continue;
      out[k] = k === 'required' && Array.isArray(n[k]) ? [...(n[k] as string[])].sort() : walk(n[k]!);
    }
    return out;
  };
  return JSON.stringify(walk(node));
}

function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * One schema file holding every kind's definitions under prefixed names. A definition with
 * the same validating shape as one in `shared` (same name) points there; one repeated by
 * several kinds is kept once, under the first kind's name.
 *
 * @example
 * vendorSchemas({ id: 'grafana-panels.schema.json', title: 't', description: 'd',
 *   kinds: [{ file: 'news', prefix: 'News' }], upstream: new Map([['news', newsSchema]]) })
 * // → { "$id": "grafana-panels.schema.json", "definitions": { "NewsOptions": { … } }, … }
 */
export function vendorSchemas(input: {
  id: string;
  title: string;
  description: string;
  kinds: readonly VendoredKind[];
  upstream: ReadonlyMap<string, UpstreamSchema>;
  shared?: readonly { file: string; definitions: JsonObject }[];
}): JsonObject {
  const definitions: JsonObject = {};
  const byShape = new Map<string, string>();
  for (const kind of input.kinds) {
    const schema = input.upstream.get(kind.file);
    if (!schema || !isObject(schema.definitions)) throw new Error(`${kind.file}.jsonschema.json: no "definitions"`);
    const rootRef = schema.$ref !== undefined ? LOCAL_REF.exec(schema.$ref)?.[1] : undefined;
    if (schema.$ref !== undefined && rootRef === undefined) throw new Error(`${kind.file}.jsonschema.json: unsupported root $ref ${schema.$ref}`);
    // Pass 1: the name every upstream definition gets (its own, prefixed, or a shared one's).
    const names = new Map<string, string>();
    const own = (name: string) =>
      name === rootRef ? `${kind.prefix}QueryModel` : `${kind.prefix}${name.startsWith(kind.prefix) ? name.slice(kind.prefix.length) : pascal(name)}`;
    for (const [name, def] of Object.entries(schema.definitions)) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`${kind.file}.jsonschema.json: definition name ${JSON.stringify(name)} is not an identifier`);
      const shared = input.shared?.find((s) => s.definitions[name] !== undefined && shape(s.definitions[name]!) === shape(def));
      const target = shared ? `${shared.file}#/definitions/${name}` : `#/definitions/${own(name)}`;
      const clash = [...names].find(([, t]) => t === target);
      if (clash && !shared) throw new Error(`${kind.file}.jsonschema.json: definitions ${clash[0]} and ${name} would both be named ${own(name)}`);
      names.set(name, target);
    }
    // Pass 2: copy with references renamed; a definition identical to an earlier kind's is dropped.
    for (const [name, def] of Object.entries(schema.definitions)) {
      const target = names.get(name)!;
      if (!target.startsWith('#/')) continue;
      const renamed = rewrite(def, names, `${kind.file}.jsonschema.json#/definitions/${name}`);
      const ownName = target.slice('#/definitions/'.length);
      if (isObject(renamed) && PANEL_ROOTS.includes(name) && rootRef === undefined) delete renamed['required'];

      const key = shape(renamed);
      const earlier = byShape.get(key);
      if (earlier !== undefined && !PANEL_ROOTS.includes(name) && name !== rootRef) {
        names.set(name, `#/definitions/${earlier}`);
        continue;
      }
      if (ownName in definitions) throw new Error(`${kind.file}.jsonschema.json: ${ownName} is defined twice`);
      // A definition that only names another becomes a type alias only when wrapped.
      const aliasOnly = isObject(renamed) && Object.keys(renamed).length === 1 && typeof renamed['$ref'] === 'string';
      definitions[ownName] = aliasOnly ? { allOf: [renamed] } : renamed;
      byShape.set(key, ownName);
    }
    // References to dropped duplicates now point at the earlier copy.
    for (const [name] of Object.entries(schema.definitions)) {
      const target = names.get(name)!;
      if (!target.startsWith('#/')) continue;
      const ownName = own(name);
      if (definitions[ownName] !== undefined) definitions[ownName] = rewriteTargets(definitions[ownName]!, names, own);
    }
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: input.id,
    title: input.title,
    description: input.description,
    definitions,
  };
}

/** Copies `node` with local $refs renamed, bare $refs, and every object's openness stated. */
function rewrite(node: Json, names: ReadonlyMap<string, string>, where: string): Json {
  if (Array.isArray(node)) return node.map((n, i) => rewrite(n, names, `${where}/${i}`));
  if (!isObject(node)) return node;
  const ref = node['$ref'];
  if (typeof ref === 'string') {
    const local = LOCAL_REF.exec(ref)?.[1];
    const target = local !== undefined ? names.get(local) : undefined;
    if (target === undefined) throw new Error(`${where}: unsupported or dangling $ref ${ref}`);
    const rest = Object.keys(node).filter((k) => k !== '$ref' && !REF_SIBLINGS_DROPPED.has(k) && !FREE_TEXT.has(k));
    if (rest.length > 0) throw new Error(`${where}: $ref ${ref} has sibling keywords ${rest.join(', ')}`);
    return { $ref: target };
  }
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(node)) {
    if (FREE_TEXT.has(k)) continue;
    // An unknown keyword may be prose or a rule we would silently lose: refuse rather than guess.
    if (!FACT_KEYWORDS.has(k)) throw new Error(`${where}: unsupported keyword ${JSON.stringify(k)}`);
    // Names under these keys are data (property names, enum values), not schemas.
    out[k] =
      k === 'properties' || k === 'patternProperties'
        ? mapValues(v, (child, key) => rewrite(child, names, `${where}/${k}/${key}`))
        : k === 'enum' || k === 'required' || k === 'const' || k === 'default'
          ? v
          : rewrite(v, names, `${where}/${k}`);
  }
  // Upstream leaves some objects open by omission (JSON Schema's default); say so explicitly.
  if ((out['type'] === 'object' || out['properties'] !== undefined) && !('additionalProperties' in out)) out['additionalProperties'] = true;
  return out;
}

/** Points $refs at the definitions they resolve to after duplicates were dropped. */
function rewriteTargets(node: Json, names: ReadonlyMap<string, string>, own: (name: string) => string): Json {
  if (Array.isArray(node)) return node.map((n) => rewriteTargets(n, names, own));
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '$ref' && typeof v === 'string') {
      const upstreamName = [...names.keys()].find((n) => `#/definitions/${own(n)}` === v);
      out[k] = upstreamName !== undefined ? names.get(upstreamName)! : v;
    } else out[k] = k === 'enum' || k === 'required' || k === 'const' || k === 'default' ? v : rewriteTargets(v, names, own);
  }
  return out;
}

function mapValues(v: Json, f: (child: Json, key: string) => Json): Json {
  if (!isObject(v)) return v;
  return Object.fromEntries(Object.entries(v).map(([k, child]) => [k, f(child, k)]));
}
