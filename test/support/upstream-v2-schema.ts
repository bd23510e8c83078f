/**
 * Validation of built schema v2 dashboards against Grafana's upstream JSON Schemas
 * (../shared/reference/grafana-jsonschema/dashboardv2*.jsonschema.json, from the Foundation SDK;
 * their `Dashboard` definition is the **spec**). The files are not part of this repository:
 * without them the validators return null and callers say so.
 *
 * `relaxed` applies the two relaxations the classic schema also needs (see
 * upstream-schema-relaxations.ts): override property values and matcher options are whatever
 * the option takes (`"unit" → "ms"`), not only objects; the v2 definitions have the same names.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { formatErrors, repoRoot, type ValidationResult } from './validate-schema.js';

export type V2SchemaVersion = 'v2' | 'v2beta1';

/** Where the upstream schema of a v2 API version is kept. */
export function upstreamV2SchemaPath(version: V2SchemaVersion): string {
  return path.resolve(repoRoot, `../shared/reference/grafana-jsonschema/dashboard${version}.jsonschema.json`);
}

const validators = new Map<string, ValidateFunction | null>();

function validatorFor(version: V2SchemaVersion, relaxed: boolean): ValidateFunction | null {
  const key = `${version}/${relaxed}`;
  const known = validators.get(key);
  if (known !== undefined) return known;
  const file = upstreamV2SchemaPath(version);
  let validator: ValidateFunction | null = null;
  if (existsSync(file)) {
    const { definitions } = JSON.parse(readFileSync(file, 'utf8')) as { definitions: Record<string, { properties: Record<string, unknown> }> };
    if (relaxed) {
      definitions.DynamicConfigValue!.properties.value = {};
      definitions.MatcherConfig!.properties.options = {};
    }
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    validator = ajv.compile({ $ref: '#/definitions/Dashboard', definitions });
  }
  validators.set(key, validator);
  return validator;
}

/** Validates a v2 dashboard spec; null when the upstream schema file is absent. */
export function validateUpstreamV2Spec(spec: unknown, version: V2SchemaVersion = 'v2', options: { relaxed?: boolean } = {}): ValidationResult | null {
  const validator = validatorFor(version, options.relaxed ?? false);
  if (validator === null) return null;
  const valid = validator(spec);
  return { valid, errors: valid ? [] : formatErrors(validator.errors) };
}
