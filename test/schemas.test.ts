import { existsSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import type {
  AnnotationQuery,
  Dashboard,
  DashboardLink,
  Panel,
  QueryVariable,
  RowPanel,
  TimeseriesFieldConfig,
  TimeseriesOptions,
} from '../lib/generated/index.js';
import {
  createProjectAjv,
  formatErrors,
  loadProjectSchemas,
  upstreamDashboardSchemaPath,
  validateDashboard,
  validateUpstreamDashboard,
} from './support/validate-schema.js';

const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

// ---- samples, typed with the generated types so they also check the types compile ----

const row: RowPanel = {
  type: 'row',
  id: 1,
  title: 'Requests',
  collapsed: false,
  gridPos: { h: 1, w: 24, x: 0, y: 0 },
  panels: [],
};

const tsOptions: TimeseriesOptions = {
  legend: { displayMode: 'table', placement: 'bottom', showLegend: true, calcs: ['mean'] },
  tooltip: { mode: 'multi', sort: 'desc' },
};
const tsCustom: TimeseriesFieldConfig = { drawStyle: 'line', lineWidth: 1, fillOpacity: 10 };

const timeseries: Panel = {
  type: 'timeseries',
  id: 2,
  title: 'Request rate',
  datasource: { type: 'prometheus', uid: '${datasource}' },
  gridPos: { h: 8, w: 12, x: 0, y: 1 },
  targets: [
    {
      refId: 'A',
      datasource: { type: 'prometheus', uid: '${datasource}' },
      expr: 'sum by (job) (rate(http_requests_total{job=~"$job"}[$__rate_interval]))',
      legendFormat: '{{job}}',
      range: true,
    },
  ],
  options: { ...tsOptions },
  fieldConfig: {
    defaults: {
      unit: 'reqps',
      custom: { ...tsCustom },
      thresholds: {
        mode: 'absolute',
        steps: [
          { value: null, color: 'green' },
          { value: 80, color: 'red' },
        ],
      },
      mappings: [{ type: 'special', options: { match: 'null', result: { text: 'n/a' } } }],
    },
    overrides: [
      {
        matcher: { id: 'byName', options: 'errors' },
        properties: [{ id: 'color', value: { mode: 'fixed', fixedColor: 'red' } }],
      },
    ],
  },
};

const jobVariable: QueryVariable = {
  type: 'query',
  name: 'job',
  label: 'Job',
  datasource: { type: 'prometheus', uid: '${datasource}' },
  query: { query: 'label_values(up, job)', refId: 'PrometheusVariableQueryEditor-VariableQuery' },
  definition: 'label_values(up, job)',
  refresh: 2,
  sort: 1,
  multi: true,
  includeAll: true,
};

const deploys: AnnotationQuery = {
  name: 'Deploys',
  enable: true,
  iconColor: 'blue',
  datasource: { type: 'prometheus', uid: '${datasource}' },
  expr: 'changes(build_info[5m]) > 0',
  titleFormat: 'Deploy',
};

const link: DashboardLink = {
  title: 'Related',
  type: 'dashboards',
  icon: 'external link',
  tooltip: '',
  tags: ['red'],
  asDropdown: true,
  targetBlank: false,
  includeVars: true,
  keepTime: true,
};

const dashboard: Dashboard = {
  uid: 'grafts-sample',
  title: 'Sample',
  tags: ['grafts'],
  timezone: 'browser',
  editable: true,
  graphTooltip: 1,
  time: { from: 'now-6h', to: 'now' },
  refresh: '30s',
  schemaVersion: 42,
  panels: [row, timeseries],
  templating: {
    list: [{ type: 'datasource', name: 'datasource', query: 'prometheus' }, jobVariable],
  },
  annotations: { list: [deploys] },
  links: [link],
};

const clone = <T>(v: T): T => structuredClone(v);

// ---- the schemas themselves ----

describe('schemas/*.schema.json', () => {
  const schemas = loadProjectSchemas();

  it('GIVEN the schema files THEN there are the expected ones, each declaring draft-07 and its own $id', () => {
    expect([...schemas.keys()]).toEqual([
      'dashboard.schema.json',
      'grafana-panels.schema.json',
      'grafana-queries.schema.json',
      'panels.schema.json',
      'queries.schema.json',
    ]);
    for (const [file, schema] of schemas) {
      expect(schema.$schema, file).toBe(DRAFT_07);
      expect(schema.$id, file).toBe(file);
    }
  });

  it('GIVEN each schema WHEN checked against the draft-07 meta-schema THEN it is valid', () => {
    const ajv = new Ajv({ strict: true });
    ajv.addKeyword({ keyword: 'tsType', schemaType: 'string' });
    for (const [file, schema] of schemas) {
      const ok = ajv.validateSchema(schema);
      expect(ok, `${file}: ${formatErrors(ajv.errors).join('; ')}`).toBe(true);
    }
  });

  it('GIVEN all schemas WHEN compiled by ajv in strict mode THEN every schema and definition compiles and every $ref resolves', () => {
    const ajv = createProjectAjv();
    for (const [file, schema] of schemas) {
      expect(ajv.getSchema(file), file).toBeTypeOf('function');
      for (const def of Object.keys(schema.definitions as object)) {
        expect(ajv.getSchema(`${file}#/definitions/${def}`), `${file} ${def}`).toBeTypeOf('function');
      }
    }
  });

  it('GIVEN every object schema THEN it states additionalProperties, and only the escape hatches are open', () => {
    const open: string[] = [];
    const undecided: string[] = [];
    const walk = (node: unknown, where: string): void => {
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${where}/${i}`));
      if (typeof node !== 'object' || node === null) return;
      const s = node as Record<string, unknown>;
      if (s.type === 'object') {
        if (!('additionalProperties' in s)) undecided.push(where);
        else if (s.additionalProperties === true) open.push(where);
      }
      // if-schemas are predicates (e.g. "datasource.type is prometheus"), not shapes.
      for (const [k, v] of Object.entries(s)) if (k !== 'if') walk(v, `${where}/${k}`);
    };
    for (const [file, schema] of schemas) walk(schema, file);
    expect(undecided).toEqual([]);
    expect(open.sort()).toEqual(
      [
        'dashboard.schema.json/definitions/AnnotationQuery/properties/target',
        'dashboard.schema.json/definitions/DataTransformerConfig/properties/options',
        'dashboard.schema.json/definitions/FieldConfig/properties/custom',
        // an internal link's query is the target plugin's own query model
        'dashboard.schema.json/definitions/InternalDataLink/properties/query',
        'dashboard.schema.json/definitions/Panel/properties/options',
        'dashboard.schema.json/definitions/QueryVariable/properties/query/anyOf/1',
        'panels.schema.json/definitions/TableActionsCellOptions',
        'panels.schema.json/definitions/TableAutoCellOptions',
        'panels.schema.json/definitions/TableBarGaugeCellOptions',
        'panels.schema.json/definitions/TableColorTextCellOptions',
        'panels.schema.json/definitions/TableColoredBackgroundCellOptions',
        'panels.schema.json/definitions/TableDataLinksCellOptions',
        'panels.schema.json/definitions/TableImageCellOptions',
        'panels.schema.json/definitions/TableJsonViewCellOptions',
        'panels.schema.json/definitions/TableSparklineCellOptions',
        'queries.schema.json/definitions/DataQuery',
        'queries.schema.json/definitions/LokiQuery',
        'queries.schema.json/definitions/PrometheusQuery',
        'queries.schema.json/definitions/TempoQuery',
      ].sort(),
    );
  });
});

// ---- sample documents ----

describe('validateDashboard', () => {
  it('GIVEN a small dashboard with a row, a timeseries panel with a Prometheus target, a query variable, an annotation and a link THEN it validates', () => {
    const r = validateDashboard(dashboard);
    expect(r.errors).toEqual([]);
    expect(r.valid).toBe(true);
  });

  it("GIVEN the same dashboard THEN Grafana's own dashboard schema accepts it too", () => {
    // Grafana's published schema is stricter than Grafana itself in two places the sample uses:
    // matcher.options must be an object (Grafana writes a string for byName) and a variable's
    // object query may only hold objects. Leave those two out for the comparison.
    const sample = clone(dashboard);
    sample.panels![1] = {
      ...(sample.panels![1] as Panel),
      fieldConfig: { defaults: {}, overrides: [] },
    };
    sample.templating.list![1] = { ...jobVariable, query: 'label_values(up, job)' };
    const r = validateUpstreamDashboard(sample);
    if (r === null) {
      console.log(`upstream Grafana schema not found at ${upstreamDashboardSchemaPath}; only our schema was checked`);
      expect(existsSync(upstreamDashboardSchemaPath)).toBe(false);
      return;
    }
    expect(r.errors).toEqual([]);
  });

  it('GIVEN an unknown top-level key THEN validation fails at the root naming the key', () => {
    const r = validateDashboard({ ...clone(dashboard), refreshh: '1m' });
    expect(r.valid).toBe(false);
    expect(r.errors).toContain('/ must NOT have additional properties (refreshh)');
  });

  it('GIVEN a threshold with a string value THEN validation fails at that step', () => {
    const bad = clone(dashboard) as unknown as {
      panels: { fieldConfig: { defaults: { thresholds: { steps: { value: unknown }[] } } } }[];
    };
    bad.panels[1]!.fieldConfig.defaults.thresholds.steps[1]!.value = '80';
    const r = validateDashboard(bad);
    expect(r.valid).toBe(false);
    expect(r.errors).toContain('/panels/1/fieldConfig/defaults/thresholds/steps/1/value must be number,null');
  });

  it('GIVEN a missing required top-level field THEN validation names it', () => {
    const { templating: _t, ...rest } = clone(dashboard);
    expect(validateDashboard(rest).errors).toContain("/ must have required property 'templating'");
  });

  it('GIVEN a Prometheus target without expr THEN validation fails at the target', () => {
    const bad = clone(dashboard) as unknown as { panels: { targets: Record<string, unknown>[] }[] };
    delete bad.panels[1]!.targets[0]!.expr;
    expect(validateDashboard(bad).errors).toContain("/panels/1/targets/0 must have required property 'expr'");
  });

  it('GIVEN a target with extra keys THEN it is accepted (escape hatch)', () => {
    const ok = clone(dashboard) as unknown as { panels: { targets: Record<string, unknown>[] }[] };
    ok.panels[1]!.targets[0]!.someNewGrafanaField = { x: 1 };
    expect(validateDashboard(ok).errors).toEqual([]);
  });

  it('GIVEN a row with an unknown key THEN the error points at the row, not at the Panel alternative', () => {
    const bad = clone(dashboard) as unknown as { panels: Record<string, unknown>[] };
    bad.panels[0]!.options = {};
    expect(validateDashboard(bad).errors).toContain('/panels/0 must NOT have additional properties (options)');
  });

  it('GIVEN a variable with an out-of-range refresh THEN validation fails', () => {
    const bad = clone(dashboard) as unknown as { templating: { list: Record<string, unknown>[] } };
    bad.templating.list[1]!.refresh = 3;
    const r = validateDashboard(bad);
    expect(r.valid).toBe(false);
    expect(r.errors).toContain('/templating/list/1/refresh must be equal to one of the allowed values');
  });
});

describe('panels.schema.json', () => {
  const ajv = createProjectAjv();
  const check = (def: string, value: unknown) => {
    const v = ajv.getSchema(`panels.schema.json#/definitions/${def}`);
    if (!v) throw new Error(def);
    const valid = v(value);
    return { valid, errors: formatErrors(v.errors) };
  };

  it('GIVEN sparse timeseries options and custom field config THEN they validate', () => {
    expect(check('TimeseriesOptions', tsOptions).errors).toEqual([]);
    expect(check('TimeseriesFieldConfig', tsCustom).errors).toEqual([]);
    expect(check('StatOptions', {}).errors).toEqual([]);
  });

  it('GIVEN a wrong enum value or unknown key THEN panel options fail', () => {
    expect(check('TimeseriesFieldConfig', { drawStyle: 'area' }).errors).toContain('/drawStyle must be equal to one of the allowed values');
    expect(check('StatOptions', { colourMode: 'value' }).errors).toContain('/ must NOT have additional properties (colourMode)');
  });

  it('GIVEN table cell options THEN the type discriminates and extra keys are tolerated', () => {
    expect(check('TableCellOptions', { type: 'color-background', mode: 'gradient', futureKey: 1 }).errors).toEqual([]);
    expect(check('TableCellOptions', { type: 'nope' }).valid).toBe(false);
  });
});
