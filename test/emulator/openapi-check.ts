// Checks recorded HTTP exchanges against the response schemas of a Swagger 2.0 spec (Grafana's
// OpenAPI files), for the emulator's contract tests.
import { Ajv, type ValidateFunction } from 'ajv';
import type { Call, HttpResult } from './contract-target.js';

/** One request made and what came back. */
export interface Exchange {
  readonly method: string;
  /** The spec's path template (without the `/api` base path). */
  readonly template: string;
  readonly result: HttpResult;
}

/** A way an exchange disagrees with the spec. */
export interface Finding {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly problem: string;
}

/** The parts of a Swagger 2.0 spec the check reads. */
export type Spec = {
  paths: Record<string, Record<string, { responses: Record<string, { $ref?: string; schema?: unknown }> }>>;
  responses?: Record<string, { schema?: unknown }>;
  definitions: Record<string, unknown>;
};

// Swagger's `#/definitions/X` refs point into the spec; ajv resolves them against this id.
const SPEC_ID = 'https://grafana.example/openapi.json';

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#/definitions/') ? `${SPEC_ID}${v}` : rewriteRefs(v)]),
    );
  }
  return value;
}

/** Validates each exchange against the response schema the spec gives for its status. */
export function checkAgainstSpec(spec: Spec, exchanges: readonly Exchange[]): Finding[] {
  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true, unicodeRegExp: false }); // Grafana's uid pattern escapes `_`, invalid in unicode mode
  ajv.addSchema({ $id: SPEC_ID, definitions: spec.definitions });
  const compiled = new Map<unknown, ValidateFunction>();
  const findings: Finding[] = [];
  for (const { method, template, result } of exchanges) {
    const base = { method: method.toLowerCase(), path: template, status: result.status };
    const operation = spec.paths[template]?.[method.toLowerCase()];
    if (!operation) {
      findings.push({ ...base, problem: 'operation not in spec' });
      continue;
    }
    let response = operation.responses[String(result.status)] ?? operation.responses.default;
    if (!response) {
      findings.push({ ...base, problem: `status ${result.status} not documented` });
      continue;
    }
    if (response.$ref) response = spec.responses?.[response.$ref.replace('#/responses/', '')] ?? {};
    if (!response.schema) continue;
    let validate = compiled.get(response.schema);
    if (!validate) {
      validate = ajv.compile(rewriteRefs(response.schema) as object);
      compiled.set(response.schema, validate);
    }
    if (!validate(result.body)) {
      findings.push({ ...base, problem: (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ') });
    }
  }
  return findings;
}

/**
 * Wraps `call` so that every request under `/api` is kept in `exchanges` with the OpenAPI path
 * template it answers to, for `checkAgainstSpec`.
 *
 * @example
 * const record = recorder(httpClient(grafana.url, grafana.token), exchanges);
 * await record('GET', '/v1/provisioning/templates/{name}', '/v1/provisioning/templates/chat');
 */
export function recorder(call: Call, exchanges: Exchange[]) {
  return async (method: string, template: string, p: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpResult> => {
    const result = await call(method, `/api${p}`, body, headers);
    exchanges.push({ method, template, result });
    return result;
  };
}
