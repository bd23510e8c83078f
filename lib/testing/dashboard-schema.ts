// grafts' own JSON Schemas (schemas/*.schema.json, shipped in the package) as a validator for
// dashboard JSON. The validator is ajv, loaded on first use from wherever the caller's project
// resolves it: grafts itself does not depend on it, so importing `grafts/testing` never needs it.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { graftsLocation } from '../project/grafts-location.js';
import { GraftsAssertionError } from './grafts-assertion-error.js';

/** One error of a JSON Schema validator, as ajv reports it (only the fields read here). */
export interface SchemaErrorObject {
  instancePath: string;
  keyword: string;
  message?: string;
  params: object;
}

/** A compiled schema: call it with a value; `errors` explains a `false`. */
export interface CompiledSchema {
  (data: unknown): boolean;
  errors?: SchemaErrorObject[] | null;
}

/** The part of ajv's `Ajv` instance grafts uses. @internal */
export interface SchemaValidatorInstance {
  addSchema(schema: object): unknown;
  addKeyword(definition: { keyword: string; schemaType: string }): unknown;
  getSchema(keyRef: string): CompiledSchema | undefined;
  compile(schema: object): CompiledSchema;
  validateSchema(schema: object): boolean | Promise<unknown>;
  errors?: SchemaErrorObject[] | null;
}

/** What {@link validateDashboardSchema} found. */
export interface SchemaValidation {
  valid: boolean;
  /** One line per error: `<instance path> <message>`, e.g. `/panels/0/gridPos must have required property 'h'`. */
  errors: string[];
}

/** The folder holding grafts' JSON Schemas. @internal */
export function schemasDir(): string {
  return path.join(graftsLocation().packageRoot, 'schemas');
}

/** grafts' schema files, parsed, keyed by file name (also each schema's `$id`). @internal */
export function loadGraftsSchemas(): Map<string, Record<string, unknown>> {
  const dir = schemasDir();
  const out = new Map<string, Record<string, unknown>>();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.schema.json'))
    .sort()) {
    out.set(file, JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>);
  }
  return out;
}

type AjvConstructor = new (options: Record<string, unknown>) => SchemaValidatorInstance;

/** ajv's constructor, from the caller's project; a clear error when it is not installed. @internal */
export function loadAjv(): AjvConstructor {
  try {
    return (createRequire(import.meta.url)('ajv') as { Ajv: AjvConstructor }).Ajv;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
    throw new Error(
      'validating dashboards against the schema needs the ajv package, which grafts does not install: add it to your dev dependencies (npm i -D ajv)',
      { cause: error },
    );
  }
}

/** ajv in strict mode with every grafts schema registered under its `$id`. @internal */
export function createGraftsSchemaValidator(): SchemaValidatorInstance {
  const Ajv = loadAjv();
  const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true });
  // json-schema-to-typescript's annotation keyword; no validation meaning.
  ajv.addKeyword({ keyword: 'tsType', schemaType: 'string' });
  for (const schema of loadGraftsSchemas().values()) ajv.addSchema(schema);
  return ajv;
}

/** ajv errors as `<instance path> <message>` lines (`additionalProperties` names the property). */
export function formatSchemaErrors(errors: readonly SchemaErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => {
    const where = e.instancePath === '' ? '/' : e.instancePath;
    const extra = e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty?: unknown }).additionalProperty)})` : '';
    return `${where} ${e.message ?? e.keyword}${extra}`;
  });
}

let dashboardValidator: CompiledSchema | undefined;

/**
 * Validates classic dashboard JSON (schema v1, what `dash build` writes and a mixin's
 * `dashboards_out/` holds) against grafts' dashboard schema, `schemas/dashboard.schema.json`.
 * Needs `ajv` installed in your project.
 *
 * @example
 * import { validateDashboardSchema } from 'grafts/testing';
 * validateDashboardSchema(dashboard('API').build()) // → { valid: true, errors: [] }
 * validateDashboardSchema({ ...dashboard('API').build(), panels: 'none' }).errors // → ['/panels must be array']
 */
export function validateDashboardSchema(json: unknown): SchemaValidation {
  dashboardValidator ??= createGraftsSchemaValidator().getSchema('dashboard.schema.json');
  if (dashboardValidator === undefined) throw new Error(`dashboard.schema.json is missing from ${schemasDir()}`);
  const valid = dashboardValidator(json);
  return { valid, errors: valid ? [] : formatSchemaErrors(dashboardValidator.errors) };
}

/**
 * Throws a {@link GraftsAssertionError} listing every schema error when `json` is not a valid
 * classic dashboard (see {@link validateDashboardSchema}); `name` says which one in the message.
 *
 * @example
 * import { assertValidDashboard } from 'grafts/testing';
 * assertValidDashboard(myDashboard.build(), 'api.dash.ts');
 */
export function assertValidDashboard(json: unknown, name = 'dashboard'): void {
  const result = validateDashboardSchema(json);
  if (!result.valid) throw new GraftsAssertionError(`${name} does not match the dashboard schema`, result.errors);
}
