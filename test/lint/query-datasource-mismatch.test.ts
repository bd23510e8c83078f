// `query-datasource-mismatch`: a target whose fields are another query kind's than the data
// source it resolves to is reported, naming the panel, the refId and both kinds; a target whose
// data source plugin cannot be resolved, or whose fields say nothing unmistakable, never is.
import { existsSync } from 'node:fs';
import path from 'node:path';
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
  elasticsearch,
  expression,
  flux,
  graphite,
  influxQL,
  loki,
  mssql,
  mysql,
  parca,
  postgres,
  prometheus,
  pyroscope,
  rawQuery,
  tempo,
  testData,
  zipkin,
  type QueryBuilder,
} from '../../lib/index.js';
import { runLint } from '../../lib/lint/run-lint.js';
import { findingsOf, lint } from './fixtures.js';

type Json = Record<string, unknown>;

const RULE = 'query-datasource-mismatch';
const PROMQL = ['prometheus', 'grafana-amazonprometheus-datasource', 'grafana-azureprometheus-datasource', 'grafana-prometheus-datasource'];
const SQL = ['mysql', 'grafana-postgresql-datasource', 'postgres', 'mssql'];
const PROFILES = ['grafana-pyroscope-datasource', 'phlare', 'parca'];
const TESTDATA = ['grafana-testdata-datasource', 'testdata'];

/**
 * Every query kind the builders make, with the plugins that run it and the kind's name in the
 * finding. `owners: undefined`: its fields alone do not say which plugin it is for (a bare
 * `query` string), so it is never reported.
 */
const KINDS: { label: string; query: QueryBuilder<string>; owners: readonly string[] | undefined; name?: string }[] = [
  { label: 'prometheus', query: prometheus('sum(rate(x_total[$__rate_interval]))'), owners: [...PROMQL, 'loki'], name: 'Prometheus or Loki' },
  { label: 'loki', query: loki('{job="api"} |= "error"'), owners: [...PROMQL, 'loki'], name: 'Prometheus or Loki' },
  { label: 'tempo traceql', query: tempo('{ status = error }'), owners: ['tempo'], name: 'Tempo' },
  { label: 'tempo service map', query: tempo(), owners: ['tempo'], name: 'Tempo' },
  { label: 'tempo trace id', query: tempo('$traceId').queryType('traceId'), owners: undefined },
  { label: 'zipkin', query: zipkin('${traceId}'), owners: ['zipkin'], name: 'Zipkin' },
  {
    label: 'elasticsearch aggregations',
    query: elasticsearch('status:500').metric({ id: '1', type: 'count' }),
    owners: ['elasticsearch'],
    name: 'Elasticsearch',
  },
  { label: 'elasticsearch lucene only', query: elasticsearch('status:500'), owners: undefined },
  {
    label: 'cloudwatch metrics',
    query: cloudWatchMetrics({ namespace: 'AWS/EC2', metricName: 'CPUUtilization', region: 'eu-west-1' }),
    owners: ['cloudwatch'],
    name: 'CloudWatch',
  },
  {
    label: 'cloudwatch logs',
    query: cloudWatchLogs('fields @message', ['arn:aws:logs:eu-west-1:1:log-group:api']),
    owners: ['cloudwatch'],
    name: 'CloudWatch',
  },
  { label: 'azure metrics', query: azureMetrics({ metricName: 'Percentage CPU' }), owners: ['grafana-azure-monitor-datasource'], name: 'Azure Monitor' },
  { label: 'azure logs', query: azureLogs('AppRequests', ['/subscriptions/s']), owners: ['grafana-azure-monitor-datasource'], name: 'Azure Monitor' },
  { label: 'azure resource graph', query: azureResourceGraph('Resources', ['s']), owners: ['grafana-azure-monitor-datasource'], name: 'Azure Monitor' },
  { label: 'cloud monitoring promql', query: cloudMonitoringPromQL('p', 'up'), owners: ['stackdriver'], name: 'Google Cloud Monitoring' },
  { label: 'cloud monitoring mql', query: cloudMonitoringMQL('p', 'fetch gce_instance'), owners: ['stackdriver'], name: 'Google Cloud Monitoring' },
  {
    label: 'cloud monitoring list',
    query: cloudMonitoringMetrics({ projectName: 'p', crossSeriesReducer: 'REDUCE_MEAN' }),
    owners: ['stackdriver'],
    name: 'Google Cloud Monitoring',
  },
  { label: 'influxql', query: influxQL('SELECT mean("v") FROM "cpu" WHERE $timeFilter'), owners: ['influxdb'], name: 'InfluxDB' },
  { label: 'flux', query: flux('from(bucket: "m")'), owners: undefined },
  { label: 'graphite', query: graphite('servers.*.cpu'), owners: ['graphite'], name: 'Graphite' },
  { label: 'mysql', query: mysql('SELECT 1'), owners: SQL, name: 'SQL' },
  { label: 'postgres', query: postgres('SELECT 1'), owners: SQL, name: 'SQL' },
  { label: 'mssql', query: mssql('SELECT 1'), owners: SQL, name: 'SQL' },
  { label: 'pyroscope', query: pyroscope('process_cpu:cpu:nanoseconds:cpu:nanoseconds'), owners: PROFILES, name: 'profile (Pyroscope or Parca)' },
  { label: 'parca', query: parca('parca_agent_cpu:samples:count:cpu:nanoseconds:delta'), owners: PROFILES, name: 'profile (Pyroscope or Parca)' },
  { label: 'testdata', query: testData('random_walk'), owners: TESTDATA, name: 'TestData' },
  { label: 'raw', query: rawQuery('grafana-clickhouse-datasource', { sql: 'SELECT 1' }), owners: undefined },
  // An expression without its `__expr__` reference: Grafana would send it to the panel's data source.
  ...(
    [
      ['math', expression.math('$A * 2')],
      ['reduce', expression.reduce('A', 'last')],
      ['resample', expression.resample('A', '1m', 'mean', 'pad')],
      ['threshold', expression.threshold('A', 'gt', 1)],
      ['classic conditions', expression.classicConditions({ input: 'A', reducer: 'avg', comparison: 'gt', value: 5 })],
    ] as const
  ).map(([label, query]) => ({ label: `expression ${label} (reference stripped)`, query, owners: ['__expr__'], name: 'Grafana expression' })),
];

/** Plugins whose query fields grafts knows (a mismatch on them can be told). */
const KNOWN = [...new Set(KINDS.flatMap((k) => (k.owners ?? []).filter((o) => o !== '__expr__')))];
/** Plugins grafts has no query model for: their fields are theirs to choose, nothing is reported. */
const UNKNOWN = ['grafana-clickhouse-datasource', 'grafana-opensearch-datasource', 'jaeger', 'marcusolsson-json-datasource', 'grafana-bigquery-datasource'];

/** The target a builder renders, as a dashboard JSON file holds it (expressions lose their own reference). */
function targetOf(kind: (typeof KINDS)[number], refId: string): Json {
  const { datasource: _ownReference, ...fields } = kind.query.build(refId) as Json;
  return fields;
}

function mismatches(kind: (typeof KINDS)[number], plugin: string): boolean {
  return kind.owners !== undefined && KNOWN.includes(plugin) && !kind.owners.includes(plugin);
}

/** The ways a dashboard tells a target's data source; each resolves to `plugin`. */
type Attach = 'target ref' | 'panel ref' | 'panel variable' | 'import input' | 'mixed panel, target ref' | 'target variable';
const ATTACH: readonly Attach[] = ['target ref', 'panel ref', 'panel variable', 'import input', 'mixed panel, target ref', 'target variable'];

function dashboardWith(panels: { title: string; plugin: string; attach: Attach; targets: Json[] }[]): Json {
  const variables: Json[] = [];
  const inputs: Json[] = [];
  const rendered = panels.map((p, i) => {
    const variable = `ds${i}`;
    let panelRef: unknown;
    let targetRef: unknown;
    switch (p.attach) {
      case 'target ref':
        // The target's own reference wins over the panel's (of another plugin).
        panelRef = { type: 'something-else', uid: 'other' };
        targetRef = { type: p.plugin, uid: `uid-${i}` };
        break;
      case 'panel ref':
        panelRef = { type: p.plugin, uid: `uid-${i}` };
        break;
      case 'panel variable':
        variables.push({ type: 'datasource', name: variable, query: p.plugin });
        panelRef = { uid: `\${${variable}}` };
        break;
      case 'target variable':
        variables.push({ type: 'datasource', name: variable, query: p.plugin });
        panelRef = { type: 'something-else', uid: 'other' };
        targetRef = `$${variable}`;
        break;
      case 'import input':
        inputs.push({ name: `DS_${i}`, type: 'datasource', pluginId: p.plugin });
        panelRef = `\${DS_${i}}`;
        break;
      case 'mixed panel, target ref':
        panelRef = { type: 'datasource', uid: '-- Mixed --' };
        targetRef = { type: p.plugin, uid: `uid-${i}` };
        break;
    }
    return {
      id: i + 1,
      type: 'table',
      title: p.title,
      datasource: panelRef,
      targets: p.targets.map((t) => (targetRef === undefined ? t : { ...t, datasource: targetRef })),
    };
  });
  return { uid: 'd', title: 'D', ...(inputs.length > 0 && { __inputs: inputs }), templating: { list: variables }, panels: rendered };
}

const kindArb = fc.constantFrom(...KINDS);
const pluginArb = fc.oneof(fc.constantFrom(...KNOWN, ...UNKNOWN), fc.stringMatching(/^[a-z][a-z-]{0,20}$/));

describe('query-datasource-mismatch', () => {
  it('GIVEN every query kind on every data source type, however the data source is told, THEN exactly the mismatching pairs are reported, naming panel, refId and both kinds', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ plugin: pluginArb, attach: fc.constantFrom(...ATTACH), kinds: fc.array(kindArb, { minLength: 1, maxLength: 4 }) }), {
          minLength: 1,
          maxLength: 5,
        }),
        (specs) => {
          const panels = specs.map((s, i) => ({
            title: `Panel ${i}`,
            plugin: s.plugin,
            attach: s.attach,
            targets: s.kinds.map((k, j) => targetOf(k, `Q${j}`)),
          }));
          const findings = findingsOf(lint([dashboardWith(panels)]), RULE);
          const expected = specs.flatMap((s, i) =>
            s.kinds.flatMap((k, j) => (mismatches(k, s.plugin) ? [{ panel: `Panel ${i}`, target: `Q${j}`, kind: k }] : [])),
          );
          expect(findings.map((f) => [f.location.panel, f.location.target])).toEqual(expected.map((e) => [e.panel, e.target]));
          findings.forEach((f, n) => {
            const { kind } = expected[n]!;
            const plugin = specs[Number(f.location.panel!.slice('Panel '.length))]!.plugin;
            expect(f.severity).toBe('error');
            expect(f.message).toContain(`${kind.name} query fields on a ${plugin} data source`);
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('GIVEN a target that kept another kind’s fields next to its own THEN it is not reported', () => {
    const identifiable = KINDS.filter((k) => k.owners !== undefined && !k.owners.includes('__expr__'));
    fc.assert(
      fc.property(fc.constantFrom(...identifiable), kindArb, fc.constantFrom(...ATTACH), (own, leftover, attach) => {
        const plugin = own.owners!.find((o) => KNOWN.includes(o))!;
        // Its own fields win where the two kinds share a name (`query`, `queryType`), as in Grafana's editor.
        const target = { ...targetOf(leftover, 'A'), ...targetOf(own, 'A') };
        expect(findingsOf(lint([dashboardWith([{ title: 'P', plugin, attach, targets: [target] }])]), RULE)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('GIVEN a data source whose plugin the dashboard does not say THEN nothing is reported (never a guess)', () => {
    const unresolved: { label: string; panelRef: unknown; targetRef?: unknown; variables?: Json[] }[] = [
      { label: 'no reference anywhere (the instance default)', panelRef: undefined },
      { label: 'null reference', panelRef: null },
      { label: 'mixed panel, target without a reference', panelRef: { type: 'datasource', uid: '-- Mixed --' } },
      { label: 'a uid without a type', panelRef: { uid: 'P1809F7CD0C75ACF3' } },
      { label: 'a legacy data source name', panelRef: 'Prometheus' },
      { label: 'an undefined variable without a type', panelRef: '$nope' },
      { label: 'a data source variable without a query', panelRef: '${ds}', variables: [{ type: 'datasource', name: 'ds' }] },
      { label: 'an import input without __inputs', panelRef: '${DS_PROMETHEUS}' },
      { label: 'the Grafana data source', panelRef: { type: 'grafana', uid: 'grafana' } },
      { label: 'the Dashboard data source', panelRef: { type: 'datasource', uid: '-- Dashboard --' } },
      { label: 'an expression reference', panelRef: { type: 'prometheus', uid: 'p' }, targetRef: { type: '__expr__', uid: '__expr__' } },
      { label: 'an expression by name', panelRef: { type: 'prometheus', uid: 'p' }, targetRef: '__expr__' },
    ];
    fc.assert(
      fc.property(fc.constantFrom(...unresolved), fc.array(kindArb, { minLength: 1, maxLength: 4 }), (how, kinds) => {
        const panel = {
          id: 1,
          type: 'table',
          title: how.label,
          ...(how.panelRef !== undefined && { datasource: how.panelRef }),
          targets: kinds.map((k, j) => ({ ...targetOf(k, `Q${j}`), ...(how.targetRef !== undefined && { datasource: how.targetRef }) })),
        };
        const dashboard = { uid: 'd', title: 'D', templating: { list: how.variables ?? [] }, panels: [panel] };
        expect(findingsOf(lint([dashboard]), RULE)).toEqual([]);
      }),
    );
  });

  it('GIVEN expressions with their own __expr__ reference THEN they are fine on a panel of any data source', () => {
    fc.assert(
      // The panel tells the data source; each expression keeps its own reference.
      fc.property(pluginArb, fc.constantFrom<Attach>('panel ref', 'panel variable', 'import input'), (plugin, attach) => {
        const expressions = [expression.math('$A * 2'), expression.reduce('A', 'mean'), expression.threshold('A', 'lt', 0)].map((q, j) => q.build(`E${j}`));
        const dashboard = dashboardWith([{ title: 'P', plugin, attach, targets: expressions }]);
        expect(findingsOf(lint([dashboard]), RULE)).toEqual([]);
      }),
    );
  });

  it('GIVEN a schema v2 dashboard THEN a query is checked against its data source group', () => {
    const query = (group: string, spec: Json) => ({
      kind: 'PanelQuery',
      spec: { refId: 'A', query: { kind: 'DataQuery', group, version: 'v0', datasource: { name: 'x' }, spec } },
    });
    const v2 = (group: string, spec: Json) => ({
      apiVersion: 'dashboard.grafana.app/v2beta1',
      kind: 'Dashboard',
      metadata: { name: 'v2' },
      spec: {
        title: 'V2',
        elements: {
          'panel-1': {
            kind: 'Panel',
            spec: {
              id: 1,
              title: 'SQL',
              data: { kind: 'QueryGroup', spec: { queries: [query(group, spec)] } },
              vizConfig: { kind: 'VizConfig', group: 'table', spec: {} },
            },
          },
        },
        layout: {
          kind: 'GridLayout',
          spec: { items: [{ kind: 'GridLayoutItem', spec: { x: 0, y: 0, width: 12, height: 8, element: { kind: 'ElementReference', name: 'panel-1' } } }] },
        },
      },
    });
    const bad = findingsOf(lint([v2('prometheus', { rawSql: 'SELECT 1' })]), RULE);
    expect(bad.map((f) => [f.location.panel, f.location.target])).toEqual([['SQL', 'A']]);
    expect(findingsOf(lint([v2('mysql', { rawSql: 'SELECT 1' })]), RULE)).toEqual([]);
  });

  it('GIVEN the mixin corpus THEN it has no mismatch to report', async () => {
    const corpus = path.resolve(import.meta.dirname, '../../../shared/corpus');
    if (!existsSync(corpus)) {
      console.log(`corpus not found at ${corpus}: skipping`);
      expect(existsSync(corpus)).toBe(false);
      return;
    }
    const result = await runLint({ cwd: corpus, paths: ['mixins'] });
    expect(result.counts.dashboards).toBeGreaterThan(200);
    expect(result.findings.filter((f) => f.rule === RULE)).toEqual([]);
  });
});
