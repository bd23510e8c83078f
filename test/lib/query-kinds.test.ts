// The query builders of the big-tent data sources and Grafana's expressions: what each renders,
// that it validates against the query model schema Grafana publishes (vendored in
// schemas/grafana-queries.schema.json) where there is one, immutability, and the refusals.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  azureLogs,
  azureMetrics,
  azureResourceGraph,
  cloudMonitoringMetrics,
  cloudMonitoringMQL,
  cloudMonitoringPromQL,
  cloudWatchLogs,
  cloudWatchMetrics,
  dashboard,
  datasource,
  elasticsearch,
  expression,
  flux,
  graphite,
  influxQL,
  mssql,
  mysql,
  parca,
  postgres,
  prometheus,
  pyroscope,
  testData,
  timeseries,
  type QueryBuilder,
} from '../../lib/index.js';
import { renderDashboard } from '../../lib/model/dashboard-render.js';
import { createProjectAjv, formatErrors } from '../support/validate-schema.js';

/** A query, the target JSON it builds (refId A), and the upstream definition it must satisfy. */
const CASES: { name: string; query: QueryBuilder<string>; json: Record<string, unknown>; schema?: string }[] = [
  {
    name: 'elasticsearch',
    query: elasticsearch('status:500')
      .metric({ id: '1', type: 'count' })
      .bucket({ id: '2', type: 'date_histogram', field: '@timestamp' })
      .alias('{{term host}}')
      .timeField('@timestamp'),
    json: {
      query: 'status:500',
      metrics: [{ id: '1', type: 'count' }],
      bucketAggs: [{ id: '2', type: 'date_histogram', field: '@timestamp' }],
      alias: '{{term host}}',
      timeField: '@timestamp',
    },
    // No schema check: upstream's metric and bucket aggregations are oneOfs whose variants all
    // accept every type (it is a default, not a const), so no aggregation matches exactly one.
  },
  {
    name: 'elasticsearch alias and time field',
    query: elasticsearch('status:500').alias('{{term host}}').timeField('@timestamp'),
    json: { query: 'status:500', alias: '{{term host}}', timeField: '@timestamp' },
    schema: 'ElasticsearchQueryModel',
  },
  {
    name: 'cloudwatch metrics',
    query: cloudWatchMetrics({ namespace: 'AWS/EC2', metricName: 'CPUUtilization', dimensions: { InstanceId: '$instance' } }).label('cpu'),
    json: {
      queryMode: 'Metrics',
      metricQueryType: 0,
      metricEditorMode: 0,
      id: '',
      region: 'default',
      namespace: 'AWS/EC2',
      metricName: 'CPUUtilization',
      dimensions: { InstanceId: '$instance' },
      statistic: 'Average',
      label: 'cpu',
    },
    schema: 'CloudWatchMetricsQuery',
  },
  {
    name: 'cloudwatch logs',
    query: cloudWatchLogs('fields @message', ['arn:aws:logs:eu-west-1:123:log-group:api:*'], 'eu-west-1'),
    json: {
      queryMode: 'Logs',
      id: '',
      region: 'eu-west-1',
      expression: 'fields @message',
      logGroups: [{ arn: 'arn:aws:logs:eu-west-1:123:log-group:api:*', name: 'api' }],
    },
    schema: 'CloudWatchLogsQuery',
  },
  {
    name: 'azure metrics',
    query: azureMetrics({ metricNamespace: 'microsoft.compute/virtualmachines', metricName: 'Percentage CPU', aggregation: 'Average' }),
    json: {
      queryType: 'Azure Monitor',
      azureMonitor: { metricNamespace: 'microsoft.compute/virtualmachines', metricName: 'Percentage CPU', aggregation: 'Average' },
    },
    schema: 'AzureMonitorQueryModel',
  },
  {
    name: 'azure logs',
    query: azureLogs('AppRequests | count', ['/subscriptions/s/workspaces/w']).subscription('s'),
    json: {
      queryType: 'Azure Log Analytics',
      azureLogAnalytics: { query: 'AppRequests | count', resources: ['/subscriptions/s/workspaces/w'], resultFormat: 'time_series' },
      subscription: 's',
    },
    schema: 'AzureMonitorQueryModel',
  },
  {
    name: 'azure resource graph',
    query: azureResourceGraph('Resources | count', ['s']),
    json: { queryType: 'Azure Resource Graph', subscriptions: ['s'], azureResourceGraph: { query: 'Resources | count', resultFormat: 'table' } },
    schema: 'AzureMonitorQueryModel',
  },
  {
    name: 'cloud monitoring promql',
    query: cloudMonitoringPromQL('proj', 'up').aliasBy('x'),
    json: { queryType: 'promQL', promQLQuery: { projectName: 'proj', expr: 'up', step: '10s' }, aliasBy: 'x' },
    schema: 'GoogleCloudMonitoringQueryModel',
  },
  {
    name: 'cloud monitoring mql',
    query: cloudMonitoringMQL('proj', 'fetch gce_instance'),
    json: { queryType: 'timeSeriesQuery', timeSeriesQuery: { projectName: 'proj', query: 'fetch gce_instance' } },
    schema: 'GoogleCloudMonitoringQueryModel',
  },
  {
    name: 'cloud monitoring metrics',
    query: cloudMonitoringMetrics({
      projectName: 'proj',
      crossSeriesReducer: 'REDUCE_MEAN',
      filters: ['metric.type', '=', 'compute.googleapis.com/instance/cpu/utilization'],
    }),
    json: {
      queryType: 'timeSeriesList',
      timeSeriesList: {
        projectName: 'proj',
        crossSeriesReducer: 'REDUCE_MEAN',
        filters: ['metric.type', '=', 'compute.googleapis.com/instance/cpu/utilization'],
      },
    },
    schema: 'GoogleCloudMonitoringQueryModel',
  },
  {
    name: 'pyroscope',
    query: pyroscope('process_cpu:cpu:nanoseconds:cpu:nanoseconds', '{service_name="api"}').groupBy('pod').maxNodes(100).queryType('both'),
    json: {
      profileTypeId: 'process_cpu:cpu:nanoseconds:cpu:nanoseconds',
      labelSelector: '{service_name="api"}',
      groupBy: ['pod'],
      queryType: 'both',
      maxNodes: 100,
    },
    schema: 'PyroscopeQueryModel',
  },
  {
    name: 'parca',
    query: parca('cpu:samples', '{job="a"}'),
    json: { profileTypeId: 'cpu:samples', labelSelector: '{job="a"}', queryType: 'profile' },
    schema: 'ParcaQueryModel',
  },
  {
    name: 'testdata',
    query: testData('random_walk', { seriesCount: 3 }).alias('w'),
    json: { scenarioId: 'random_walk', seriesCount: 3, alias: 'w' },
    schema: 'TestDataQueryModel',
  },
  {
    name: 'expression math',
    query: expression.math('$A / $B'),
    json: { datasource: { type: '__expr__', uid: '__expr__' }, type: 'math', expression: '$A / $B' },
    schema: 'ExpressionQueryModel',
  },
  {
    name: 'expression reduce',
    query: expression.reduce(prometheus('up').refId('up'), 'last', { mode: 'replaceNN', replaceWithValue: 0 }),
    json: {
      datasource: { type: '__expr__', uid: '__expr__' },
      type: 'reduce',
      expression: 'up',
      reducer: 'last',
      settings: { mode: 'replaceNN', replaceWithValue: 0 },
    },
    schema: 'ExpressionQueryModel',
  },
  {
    name: 'expression resample',
    query: expression.resample('A', '1m', 'mean', 'fillna'),
    json: { datasource: { type: '__expr__', uid: '__expr__' }, type: 'resample', expression: 'A', window: '1m', downsampler: 'mean', upsampler: 'fillna' },
    schema: 'ExpressionQueryModel',
  },
  {
    name: 'expression threshold',
    query: expression.threshold('B', 'within_range', 1, 5),
    json: {
      datasource: { type: '__expr__', uid: '__expr__' },
      type: 'threshold',
      expression: 'B',
      conditions: [{ evaluator: { type: 'within_range', params: [1, 5] } }],
    },
    schema: 'ExpressionQueryModel',
  },
  {
    name: 'expression classic conditions',
    query: expression.classicConditions(
      { input: 'A', reducer: 'avg', comparison: 'gt', value: 5 },
      { input: 'B', reducer: 'max', comparison: 'lt', value: 1, operator: 'or' },
    ),
    json: {
      datasource: { type: '__expr__', uid: '__expr__' },
      type: 'classic_conditions',
      conditions: [
        { evaluator: { type: 'gt', params: [5] }, operator: { type: 'and' }, query: { params: ['A'] }, reducer: { type: 'avg' } },
        { evaluator: { type: 'lt', params: [1] }, operator: { type: 'or' }, query: { params: ['B'] }, reducer: { type: 'max' } },
      ],
    },
    schema: 'ExpressionQueryModel',
  },
  {
    name: 'influxql',
    query: influxQL('SELECT 1').alias('$tag_host').resultFormat('table'),
    json: { query: 'SELECT 1', rawQuery: true, resultFormat: 'table', alias: '$tag_host' },
  },
  { name: 'flux', query: flux('from(bucket: "b")'), json: { query: 'from(bucket: "b")' } },
  { name: 'graphite', query: graphite('a.b.c').textEditor(), json: { target: 'a.b.c', textEditor: true } },
  { name: 'mysql', query: mysql('SELECT 1').format('table'), json: { rawSql: 'SELECT 1', format: 'table', rawQuery: true, editorMode: 'code' } },
  { name: 'postgres', query: postgres('SELECT 1'), json: { rawSql: 'SELECT 1', format: 'time_series', rawQuery: true, editorMode: 'code' } },
  { name: 'mssql', query: mssql('SELECT 1'), json: { rawSql: 'SELECT 1', format: 'time_series', rawQuery: true, editorMode: 'code' } },
];

describe('query kinds', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s renders its plugin model', (_name, c) => {
    expect(c.query.build('A')).toEqual({ refId: 'A', ...c.json });
  });

  it.each(CASES.filter((c) => c.schema).map((c) => [c.name, c] as const))('%s validates against the upstream query model', (_name, c) => {
    const validate = createProjectAjv().getSchema(`grafana-queries.schema.json#/definitions/${c.schema}`)!;
    expect(validate(c.query.build('A')), formatErrors(validate.errors).join('; ')).toBe(true);
  });

  it('GIVEN a field the upstream model does not have THEN its schema refuses it (the check above can fail)', () => {
    const validate = createProjectAjv().getSchema('grafana-queries.schema.json#/definitions/ElasticsearchQueryModel')!;
    expect(validate({ refId: 'A', luceneQuery: 'x' })).toBe(false);
  });

  it('names each plugin id, and a SQL query keeps the one it was made for', () => {
    expect(CASES.map((c) => [c.name, c.query.kind])).toEqual([
      ['elasticsearch', 'elasticsearch'],
      ['elasticsearch alias and time field', 'elasticsearch'],
      ['cloudwatch metrics', 'cloudwatch'],
      ['cloudwatch logs', 'cloudwatch'],
      ['azure metrics', 'grafana-azure-monitor-datasource'],
      ['azure logs', 'grafana-azure-monitor-datasource'],
      ['azure resource graph', 'grafana-azure-monitor-datasource'],
      ['cloud monitoring promql', 'stackdriver'],
      ['cloud monitoring mql', 'stackdriver'],
      ['cloud monitoring metrics', 'stackdriver'],
      ['pyroscope', 'grafana-pyroscope-datasource'],
      ['parca', 'parca'],
      ['testdata', 'grafana-testdata-datasource'],
      ['expression math', '__expr__'],
      ['expression reduce', '__expr__'],
      ['expression resample', '__expr__'],
      ['expression threshold', '__expr__'],
      ['expression classic conditions', '__expr__'],
      ['influxql', 'influxdb'],
      ['flux', 'influxdb'],
      ['graphite', 'graphite'],
      ['mysql', 'mysql'],
      ['postgres', 'grafana-postgresql-datasource'],
      ['mssql', 'mssql'],
    ]);
    expect(postgres('SELECT 1', 'postgres').refId('X').kind).toBe('postgres');
    expect(() => postgres('SELECT 1', 'pg' as never)).toThrow(/'grafana-postgresql-datasource' or 'postgres'/);
  });

  it('GIVEN any setter on any query THEN the original is unchanged and the copy keeps its kind', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CASES), fc.stringMatching(/^[A-Z][a-z0-9]{0,4}$/), fc.boolean(), (c, refId, hide) => {
        const before = JSON.stringify(c.query.build('A'));
        const changed = c.query.refId(refId).hide(hide);
        expect(JSON.stringify(c.query.build('A'))).toBe(before);
        expect(changed.kind).toBe(c.query.kind);
        expect(changed.build()).toMatchObject({ refId, hide, ...c.json });
      }),
      { numRuns: 80, seed: 23 },
    );
  });

  it('GIVEN an empty query text THEN each factory refuses it naming itself', () => {
    const empty = fc.constantFrom('', '  ', '\n');
    fc.assert(
      fc.property(empty, (text) => {
        expect(() => influxQL(text)).toThrow(/^influxQL\(\): expected a query/);
        expect(() => flux(text)).toThrow(/^flux\(\): expected a query/);
        expect(() => graphite(text)).toThrow(/^graphite\(\): expected a Graphite target/);
        expect(() => mysql(text)).toThrow(/^mysql\(\): expected a SQL query/);
        expect(() => postgres(text)).toThrow(/^postgres\(\): expected a SQL query/);
        expect(() => mssql(text)).toThrow(/^mssql\(\): expected a SQL query/);
        expect(() => pyroscope(text)).toThrow(/^pyroscope\(\): expected a profile type id/);
        expect(() => parca(text)).toThrow(/^parca\(\): expected a profile type id/);
        expect(() => azureLogs(text, [])).toThrow(/^azureLogs\(\): expected a KQL query/);
        expect(() => expression.math(text)).toThrow(/^expression\.math\(\): expected a formula/);
      }),
    );
  });
});

describe('expressions reference queries by refId', () => {
  it('GIVEN a query with an explicit refId THEN an expression reads that refId; without one it refuses, naming the fix', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,8}$/), (refId) => {
        expect(expression.reduce(prometheus('up').refId(refId), 'mean').build('Z')).toMatchObject({ expression: refId });
        expect(expression.threshold(prometheus('up').refId(refId), 'gt', 1).build('Z')).toMatchObject({ expression: refId });
      }),
      { numRuns: 40, seed: 5 },
    );
    expect(() => expression.reduce(prometheus('up'), 'mean')).toThrow(/has no refId of its own; give it one with \.refId\('…'\)/);
    expect(() => expression.resample('', '1m', 'mean', 'pad')).toThrow(/expected the refId of a query/);
  });

  it('GIVEN a threshold with the wrong number of values for its comparison THEN it refuses', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('gt', 'lt', 'eq', 'ne', 'gte', 'lte', 'within_range', 'outside_range') as fc.Arbitrary<'gt'>,
        fc.array(fc.double(), { maxLength: 3 }),
        (cmp, params) => {
          const wants = cmp.includes('range') ? 2 : 1;
          const ok = params.length === wants && params.every(Number.isFinite);
          if (ok) expect(expression.threshold('A', cmp, ...params).build('B')).toMatchObject({ conditions: [{ evaluator: { type: cmp, params } }] });
          else expect(() => expression.threshold('A', cmp, ...params)).toThrow(/expression\.threshold\(\)/);
        },
      ),
      { numRuns: 200, seed: 11 },
    );
  });

  it('GIVEN a panel with a data source and an expression THEN the dashboard renders without problems and the expression keeps its own data source', () => {
    const ds = datasource('prometheus', 'prom');
    const { json, problems } = renderDashboard(
      dashboard('E')
        .panel(
          timeseries('Ratio')
            .datasource(ds)
            .target(prometheus('errors').refId('err').hide(), prometheus('total').refId('all').hide(), expression.math('$err / $all')),
        )
        .parts(),
    );
    expect(problems).toEqual([]);
    const targets = (json.panels as unknown as { targets: Record<string, unknown>[] }[])[0]!.targets;
    expect(targets.map((t) => [t.refId, t.datasource])).toEqual([
      ['err', undefined],
      ['all', undefined],
      ['A', { type: '__expr__', uid: '__expr__' }],
    ]);
  });
});

describe('data source / query pairing at build time', () => {
  it('GIVEN a panel on one plugin and a query of another (forced past the types) THEN the build names the mismatch; same plugin or an expression THEN none', () => {
    const kinds = CASES.filter((c) => c.query.kind !== '__expr__');
    fc.assert(
      fc.property(fc.constantFrom(...kinds), fc.constantFrom(...kinds), (onPanel, query) => {
        const ds = datasource(onPanel.query.kind, 'uid');
        const { problems } = renderDashboard(
          dashboard('P')
            .panel(
              timeseries('T')
                .datasource(ds)
                .target(query.query as never, expression.math('$A')),
            )
            .parts(),
        );
        const mismatch = `${query.query.kind} query A on a panel whose data source is ${onPanel.query.kind}`;
        expect(problems.map((p) => p.message)).toEqual(query.query.kind === onPanel.query.kind ? [] : [mismatch]);
      }),
      { numRuns: 60, seed: 3 },
    );
  });
});
