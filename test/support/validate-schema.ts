/**
 * JSON Schema validation of dashboard JSON for tests.
 *
 * validateDashboard checks against the project's own schemas (schemas/*.schema.json), with the
 * validator `grafts/testing` gives mixin authors (lib/testing/dashboard-schema.ts).
 * validateUpstreamDashboard checks against Grafana's published dashboard schema when a copy is
 * available next to the repository (../shared/reference/grafana-jsonschema), else returns null so
 * callers can skip with a message.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { createGraftsSchemaValidator, formatSchemaErrors, loadGraftsSchemas, validateDashboardSchema } from '../../lib/testing/dashboard-schema.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const schemasDir = path.join(repoRoot, 'schemas');
export const upstreamDashboardSchemaPath = path.resolve(repoRoot, '../shared/reference/grafana-jsonschema/dashboard.jsonschema.json');

export interface ValidationResult {
  valid: boolean;
  /** One line per error: "<instance path> <message>", e.g. "/panels/0/gridPos must have required property 'h'". */
  errors: string[];
}

/** Our schema files, parsed, keyed by file name (which is also each schema's $id). */
export const loadProjectSchemas = loadGraftsSchemas;

/** Ajv in strict mode with every project schema registered under its $id (the kit's validator). */
export function createProjectAjv(): Ajv {
  return createGraftsSchemaValidator() as unknown as Ajv;
}

export function formatErrors(errors: ErrorObject[] | null | undefined): string[] {
  return formatSchemaErrors(errors);
}

/** Validates a dashboard JSON object against schemas/dashboard.schema.json (grafts/testing's validator). */
export const validateDashboard: (json: unknown) => ValidationResult = validateDashboardSchema;

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
