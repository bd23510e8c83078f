/**
 * Validation of generated Kubernetes objects against the CustomResourceDefinitions of
 * grafana-operator and prometheus-operator (their `openAPIV3Schema`), read from the shared
 * reference beside the repository (`../shared/reference/k8s-crds/`). The CEL rules
 * (`x-kubernetes-validations`) are not evaluated by a JSON Schema validator: tests check the
 * ones grafts relies on (folderRef xor folderUID) themselves.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { repoRoot } from './validate-schema.js';

export const crdDir = path.resolve(repoRoot, '../shared/reference/k8s-crds');

const validators = new Map<string, ValidateFunction>();

function load(): void {
  if (validators.size > 0) return;
  // x-kubernetes-* keywords and formats such as int64/duration are Kubernetes' own: not checked here.
  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
  for (const file of readdirSync(crdDir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const crd = parse(readFileSync(path.join(crdDir, file), 'utf8')) as {
      spec: { group: string; names: { kind: string }; versions: { name: string; schema: { openAPIV3Schema: object } }[] };
    };
    for (const version of crd.spec.versions) {
      validators.set(`${crd.spec.group}/${version.name} ${crd.spec.names.kind}`, ajv.compile(withoutGoFlags(version.schema.openAPIV3Schema) as object));
    }
  }
  // ConfigMap is core, not a CRD: the fields the API server validates for it (data keys as in
  // IsConfigMapKey; string values).
  validators.set(
    'v1 ConfigMap',
    ajv.compile({
      type: 'object',
      required: ['apiVersion', 'kind', 'metadata'],
      properties: {
        metadata: {
          type: 'object',
          required: ['name'],
          properties: {
            labels: { type: 'object', additionalProperties: { type: 'string' } },
            annotations: { type: 'object', additionalProperties: { type: 'string' } },
          },
        },
        data: { type: 'object', propertyNames: { pattern: '^[-._a-zA-Z0-9]{1,253}$' }, additionalProperties: { type: 'string' } },
      },
    }),
  );
}

/** The kinds (`<apiVersion> <kind>`) a CRD is known for. */
export function knownCrdKinds(): string[] {
  load();
  return [...validators.keys()];
}

/**
 * The schema errors of one object ("<path> <message>"), or `undefined` when no CRD of the
 * reference defines its apiVersion and kind.
 */
export function crdErrors(object: { apiVersion: string; kind: string }): string[] | undefined {
  load();
  const validate = validators.get(`${object.apiVersion} ${object.kind}`);
  if (!validate) return undefined;
  return validate(object) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}

/**
 * The schema with Go's inline case-insensitive flag (`^(?i)(abort|warn)?$`, which JavaScript
 * patterns lack) rewritten as letter classes (`^([aA][bB]…|…)?$`), same meaning.
 */
function withoutGoFlags(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutGoFlags);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => {
      if (key === 'pattern' && typeof value === 'string' && value.includes('(?i)')) {
        return [key, value.replace('(?i)', '').replace(/[A-Za-z]/g, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`)];
      }
      return [key, withoutGoFlags(value)];
    }),
  );
}
