/**
 * Generates TypeScript types from the project's JSON Schemas (schemas/*.schema.json)
 * with json-schema-to-typescript. Pure: returns file contents, writes nothing.
 * scripts/gen-types.ts writes them; test/generated-drift.test.ts compares them.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile, type JSONSchema } from 'json-schema-to-typescript';
import { format } from 'prettier';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SCHEMAS_DIR = 'schemas';
export const GENERATED_DIR = 'lib/generated';

/** Fixed prettier options: no config file lookup, so output does not depend on the machine. */
const PRETTIER_OPTIONS = {
  parser: 'typescript',
  printWidth: 100,
  tabWidth: 2,
  useTabs: false,
  semi: true,
  singleQuote: true,
  trailingComma: 'all',
  bracketSpacing: true,
  arrowParens: 'always',
  endOfLine: 'lf',
} as const;

/** Placeholder name for the schema root; its declaration is removed from the output. */
const ROOT_NAME = 'GraftsSchemaRoot';
const CROSS_REF = /^([A-Za-z0-9_-]+)\.schema\.json#\/definitions\/([A-Za-z_][A-Za-z0-9_]*)$/;
const LOCAL_REF = /^#\/definitions\/([A-Za-z_][A-Za-z0-9_]*)$/;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

interface SchemaFile {
  /** Base name, e.g. "dashboard" for schemas/dashboard.schema.json. */
  name: string;
  file: string;
  schema: JsonObject;
  definitions: JsonObject;
}

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

function banner(source: string): string {
  return `// Code generated from ${source} by scripts/gen-types.ts. DO NOT EDIT.\n`;
}

async function loadSchemas(root: string): Promise<SchemaFile[]> {
  const dir = path.join(root, SCHEMAS_DIR);
  const files = (await readdir(dir)).filter((f) => f.endsWith('.schema.json')).sort();
  const out: SchemaFile[] = [];
  for (const file of files) {
    const schema = JSON.parse(await readFile(path.join(dir, file), 'utf8')) as Json;
    if (!isObject(schema)) throw new Error(`${file}: schema root is not an object`);
    const definitions = schema['definitions'];
    if (!isObject(definitions)) throw new Error(`${file}: no "definitions"`);
    out.push({ name: file.slice(0, -'.schema.json'.length), file, schema, definitions });
  }
  return out;
}

/**
 * Replaces cross-file $refs with `tsType: <Name>` so json-schema-to-typescript does not inline a
 * second copy of the referenced type; the name is imported from the other generated file instead.
 */
function externaliseRefs(node: Json, self: SchemaFile, all: Map<string, SchemaFile>, imports: Map<string, Set<string>>): Json {
  if (Array.isArray(node)) return node.map((n) => externaliseRefs(n, self, all, imports));
  if (!isObject(node)) return node;
  const ref = node['$ref'];
  if (typeof ref === 'string') {
    const local = LOCAL_REF.exec(ref);
    if (local) {
      if (!(local[1]! in self.definitions)) throw new Error(`${self.file}: dangling $ref ${ref}`);
    } else {
      const m = CROSS_REF.exec(ref);
      if (!m) throw new Error(`${self.file}: unsupported $ref ${ref}`);
      const [, fileName, typeName] = m as unknown as [string, string, string];
      const target = all.get(fileName);
      if (!target || !(typeName in target.definitions)) {
        throw new Error(`${self.file}: dangling $ref ${ref}`);
      }
      if (target === self) throw new Error(`${self.file}: use a local $ref instead of ${ref}`);
      const { $ref: _drop, ...rest } = node;
      let names = imports.get(fileName);
      if (!names) imports.set(fileName, (names = new Set()));
      names.add(typeName);
      return { ...externaliseChildren(rest, self, all, imports), tsType: typeName };
    }
  }
  return externaliseChildren(node, self, all, imports);
}

function externaliseChildren(node: JsonObject, self: SchemaFile, all: Map<string, SchemaFile>, imports: Map<string, Set<string>>): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(node)) out[k] = externaliseRefs(v, self, all, imports);
  return out;
}

/** json-schema-to-typescript adds a "referenced by" note to every definition; drop it. */
function stripReferenceNotes(ts: string): string {
  const note = String.raw` \* This interface was referenced by \`${ROOT_NAME}\`'s JSON-Schema\n \* via the \`definition\` "[A-Za-z0-9_]+"\.\n`;
  let out = ts.replace(new RegExp(String.raw`/\*\*\n${note} \*/\n`, 'g'), '');
  out = out.replace(new RegExp(String.raw` \*\s*\n${note}`, 'g'), '');
  if (out.includes('This interface was referenced by')) {
    throw new Error('gen-types: could not strip a json-schema-to-typescript reference note');
  }
  return out;
}

function exportedNames(ts: string): string[] {
  const names = [...ts.matchAll(/^export (?:interface|type) ([A-Za-z_][A-Za-z0-9_]*)/gm)].map((m) => m[1]!);
  return names.sort();
}

async function compileFile(root: string, file: SchemaFile, all: Map<string, SchemaFile>): Promise<{ code: string; names: string[] }> {
  const imports = new Map<string, Set<string>>();
  const definitions = externaliseChildren(file.definitions, file, all, imports);
  // A root $ref next to definitions trips json-schema-to-typescript; generate from the
  // definitions only, under a placeholder root that is removed afterwards.
  const schema = { title: ROOT_NAME, type: 'object', definitions } as unknown as JSONSchema;
  const raw = await compile(schema, ROOT_NAME, {
    bannerComment: '',
    format: false,
    unreachableDefinitions: true,
    additionalProperties: false,
    declareExternallyReferenced: true,
    strictIndexSignatures: false,
    cwd: path.join(root, SCHEMAS_DIR),
  });
  const rootDecl = `export interface ${ROOT_NAME} {\n\n}\n`;
  if (!raw.includes(rootDecl)) throw new Error(`${file.file}: root placeholder not found in output`);
  const body = stripReferenceNotes(raw.replace(rootDecl, ''));
  const names = exportedNames(body);
  const missing = Object.keys(file.definitions).filter((d) => !names.includes(d));
  if (missing.length) {
    throw new Error(`${file.file}: definitions not emitted under their own name: ${missing.join(', ')}`);
  }
  // Extra names (e.g. "VariableOption1") mean a definition was emitted twice, usually because a
  // $ref has sibling keywords; keep $refs bare.
  const extra = names.filter((n) => !(n in file.definitions));
  if (extra.length) throw new Error(`${file.file}: unexpected generated types: ${extra.join(', ')}`);
  const importLines = [...imports.keys()]
    .sort()
    .map((f) => `import type { ${[...imports.get(f)!].sort().join(', ')} } from './${f}.gen.js';`)
    .join('\n');
  const code = [banner(`${SCHEMAS_DIR}/${file.file}`), importLines, body].filter(Boolean).join('\n');
  return { code: await format(code, PRETTIER_OPTIONS), names };
}

/**
 * Generates every lib/generated file from schemas/*.schema.json.
 * Keys are repository-relative POSIX paths (e.g. "lib/generated/dashboard.gen.ts").
 */
export async function generateTypes(root: string = repoRoot): Promise<Map<string, string>> {
  const files = await loadSchemas(root);
  const byName = new Map(files.map((f) => [f.name, f]));
  const result = new Map<string, string>();
  const owner = new Map<string, string>();
  const indexLines: string[] = [];
  for (const file of files) {
    const { code, names } = await compileFile(root, file, byName);
    for (const n of names) {
      const prev = owner.get(n);
      if (prev) throw new Error(`type ${n} is declared by both ${prev} and ${file.file}`);
      owner.set(n, file.file);
    }
    result.set(`${GENERATED_DIR}/${file.name}.gen.ts`, code);
    indexLines.push(`export type { ${names.join(', ')} } from './${file.name}.gen.js';`);
  }
  const index = [banner(`${SCHEMAS_DIR}/*.schema.json`), ...indexLines].join('\n');
  result.set(`${GENERATED_DIR}/index.ts`, await format(index, PRETTIER_OPTIONS));
  return result;
}
