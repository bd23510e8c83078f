/**
 * JSON Schema validation of dashboard JSON for tests.
 *
 * validateDashboard checks against the project's own schemas (schemas/*.schema.json).
 * validateUpstreamDashboard checks against Grafana's published dashboard schema when a copy is
 * available next to the repository (../shared/reference/grafana-jsonschema), else returns null so
 * callers can skip with a message.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const schemasDir = path.join(repoRoot, 'schemas');
export const upstreamDashboardSchemaPath = path.resolve(
  repoRoot,
  '../shared/reference/grafana-jsonschema/dashboard.jsonschema.json',
);

export interface ValidationResult {
  valid: boolean;
  /** One line per error: "<instance path> <message>", e.g. "/panels/0/gridPos must have required property 'h'". */
  errors: string[];
}

/** Our schema files, parsed, keyed by file name (which is also each schema's $id). */
export function loadProjectSchemas(): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const file of readdirSync(schemasDir)
    .filter((f) => f.endsWith('.schema.json'))
    .sort()) {
    out.set(
      file,
      JSON.parse(readFileSync(path.join(schemasDir, file), 'utf8')) as Record<string, unknown>,
    );
  }
  return out;
}

/** Ajv in strict mode with every project schema registered under its $id. */
export function createProjectAjv(): Ajv {
  const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true });
  // json-schema-to-typescript's annotation keyword; no validation meaning.
  ajv.addKeyword({ keyword: 'tsType', schemaType: 'string' });
  for (const schema of loadProjectSchemas().values()) ajv.addSchema(schema);
  return ajv;
}

export function formatErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => {
    const where = e.instancePath === '' ? '/' : e.instancePath;
    const extra =
      e.keyword === 'additionalProperties'
        ? ` (${String((e.params as { additionalProperty?: unknown }).additionalProperty)})`
        : '';
    return `${where} ${e.message ?? e.keyword}${extra}`;
  });
}

let projectValidator: ValidateFunction | undefined;

/** Validates a dashboard JSON object against schemas/dashboard.schema.json. */
export function validateDashboard(json: unknown): ValidationResult {
  projectValidator ??= createProjectAjv().getSchema('dashboard.schema.json');
  if (!projectValidator) throw new Error('dashboard.schema.json is not registered');
  const valid = projectValidator(json);
  return { valid, errors: valid ? [] : formatErrors(projectValidator.errors) };
}

let upstreamValidator: ValidateFunction | null | undefined;

/**
 * Validates against Grafana's own dashboard JSON schema. Returns null when that schema file is not
 * present (it is not part of this repository).
 */
export function validateUpstreamDashboard(json: unknown): ValidationResult | null {
  if (upstreamValidator === undefined) {
    if (!existsSync(upstreamDashboardSchemaPath)) {
      upstreamValidator = null;
    } else {
      const schema = JSON.parse(readFileSync(upstreamDashboardSchemaPath, 'utf8')) as object;
      const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
      upstreamValidator = ajv.compile(schema);
    }
  }
  if (upstreamValidator === null) return null;
  const valid = upstreamValidator(json);
  return { valid, errors: valid ? [] : formatErrors(upstreamValidator.errors) };
}
