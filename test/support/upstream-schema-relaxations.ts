/**
 * The upstream dashboard schema (Grafana Foundation SDK's dashboard.jsonschema.json) is stricter
 * than Grafana itself in a few places. Golden dashboards are validated against an in-memory
 * copy of it with exactly the relaxations listed in UPSTREAM_SCHEMA_RELAXATIONS: each says why
 * Grafana accepts what the schema refuses and, where the shared corpus has one, a real
 * dashboard exported from Grafana that does the same.
 */
import { existsSync, readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { formatErrors, upstreamDashboardSchemaPath, type ValidationResult } from './validate-schema.js';

type Schema = Record<string, any>;

export interface SchemaRelaxation {
  /** Short id, used in test names. */
  readonly id: string;
  /** One line: why Grafana accepts what the strict schema refuses. */
  readonly reason: string;
  /** A dashboard in ../shared/corpus showing real Grafana output doing the same, if one was found. */
  readonly corpusExample?: string;
  /** Edits the (cloned) upstream schema in place. */
  readonly apply: (schema: Schema) => void;
}

const defs = (schema: Schema): Schema => schema.definitions as Schema;

export const UPSTREAM_SCHEMA_RELAXATIONS: readonly SchemaRelaxation[] = [
  {
    id: 'dynamic-config-value-any',
    reason: 'override property values are whatever the option takes ("unit" → "ms", "decimals" → 2), not only objects',
    corpusExample: 'corpus/mixins/node-exporter/dashboards/nodes.json',
    apply: (s) => {
      defs(s).DynamicConfigValue.properties.value = {};
    },
  },
  {
    id: 'matcher-options-any',
    reason: 'byName/byRegexp/byType/byFrameRefID matchers take a string option, not an object',
    corpusExample: 'corpus/mixins/node-exporter/dashboards/nodes.json',
    apply: (s) => {
      defs(s).MatcherConfig.properties.options = {};
    },
  },
  {
    id: 'panel-links-are-data-links',
    reason: 'panel header links are DataLinks ({ title, url, targetBlank }), not DashboardLinks',
    corpusExample: 'corpus/mixins/wso2-enterprise-integrator/dashboards/API_Metrics.json',
    apply: (s) => {
      defs(s).Panel.properties.links.items = {
        anyOf: [
          { $ref: '#/definitions/DashboardLink' },
          {
            type: 'object',
            additionalProperties: false,
            required: ['title', 'url'],
            properties: { title: { type: 'string' }, url: { type: 'string' }, targetBlank: { type: 'boolean' } },
          },
        ],
      };
    },
  },
  {
    id: 'library-panel-without-type',
    reason: 'Grafana saves a library panel reference as { id, title, gridPos, libraryPanel } without type',
    apply: (s) => {
      const panel = defs(s).Panel;
      panel.required = (panel.required as string[]).filter((r) => r !== 'type');
      panel.anyOf = [{ required: ['type'] }, { required: ['libraryPanel'] }];
    },
  },
  {
    id: 'adhoc-variable-filters',
    reason: 'ad hoc variables store their filters and baseFilters, which VariableModel does not list',
    apply: (s) => {
      const filter = {
        type: 'object',
        required: ['key', 'operator', 'value'],
        properties: { key: { type: 'string' }, operator: { type: 'string' }, value: { type: 'string' } },
      };
      Object.assign(defs(s).VariableModel.properties, {
        filters: { type: 'array', items: filter },
        baseFilters: { type: 'array', items: filter },
      });
    },
  },
];

/** The upstream schema with every relaxation applied, or null when the upstream file is absent. */
export function relaxedUpstreamSchema(relaxations: readonly SchemaRelaxation[] = UPSTREAM_SCHEMA_RELAXATIONS): Schema | null {
  if (!existsSync(upstreamDashboardSchemaPath)) return null;
  const schema = JSON.parse(readFileSync(upstreamDashboardSchemaPath, 'utf8')) as Schema;
  for (const relaxation of relaxations) relaxation.apply(schema);
  return schema;
}

export function compileUpstream(schema: Schema): ValidateFunction {
  return new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(schema);
}

let relaxed: ValidateFunction | null | undefined;

/**
 * Validates against the relaxed upstream schema; null when the upstream schema file is absent
 * (it lives outside this repository).
 */
export function validateRelaxedUpstreamDashboard(json: unknown): ValidationResult | null {
  if (relaxed === undefined) {
    const schema = relaxedUpstreamSchema();
    relaxed = schema ? compileUpstream(schema) : null;
  }
  if (relaxed === null) return null;
  const valid = relaxed(json);
  return { valid, errors: valid ? [] : formatErrors(relaxed.errors) };
}
