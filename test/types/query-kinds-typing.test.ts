// Compile-time proof for the query kinds built on model-query.ts: a panel on a data source
// accepts only that plugin's queries (plus server-side expressions), and each kind's model
// fields are type-checked. `tsc --noEmit -p .` checks this file: an `@ts-expect-error` line
// that compiles is itself an error, so every refusal below is proven, not assumed.
import { describe, expect, it } from 'vitest';
import {
  azureLogs,
  cloudMonitoringPromQL,
  cloudWatchMetrics,
  datasource,
  datasourceVariable,
  elasticsearch,
  expression,
  flameGraph,
  flux,
  graphite,
  influxQL,
  logs,
  mssql,
  mysql,
  panel,
  parca,
  postgres,
  prometheus,
  pyroscope,
  table,
  testData,
  timeseries,
} from '../../lib/index.js';

const es = datasource('elasticsearch', 'es');
const cw = datasource('cloudwatch', 'cw');
const pg = datasourceVariable('db', 'grafana-postgresql-datasource');
const pyro = datasource('grafana-pyroscope-datasource', 'p');

// Never called: only type-checked.
function typeChecks(): void {
  timeseries('x').datasource(es).target(elasticsearch('status:500'));
  // @ts-expect-error a Prometheus query on an Elasticsearch panel
  timeseries('x').datasource(es).target(prometheus('up'));
  // @ts-expect-error an Elasticsearch query on a Prometheus panel
  timeseries('x').datasource(datasource('prometheus', 'p')).target(elasticsearch('*'));
  timeseries('x')
    .datasource(cw)
    .target(cloudWatchMetrics({ namespace: 'AWS/EC2', metricName: 'CPUUtilization' }));
  // @ts-expect-error a Log Analytics query on a CloudWatch panel
  logs('x').datasource(cw).target(azureLogs('AppTraces', []));
  table('x').datasource(pg).target(postgres('SELECT 1'));
  // @ts-expect-error a MySQL query on a PostgreSQL panel
  table('x').datasource(pg).target(mysql('SELECT 1'));
  // @ts-expect-error a legacy-id PostgreSQL query on a current-id PostgreSQL panel
  table('x').datasource(pg).target(postgres('SELECT 1', 'postgres'));
  table('x').datasource(datasource('postgres', 'old')).target(postgres('SELECT 1', 'postgres'));
  table('x').datasource(datasource('mssql', 'm')).target(mssql('SELECT 1'));
  flameGraph('x').datasource(pyro).target(pyroscope('cpu'));
  // @ts-expect-error a Parca query on a Pyroscope panel
  flameGraph('x').datasource(pyro).target(parca('cpu'));
  timeseries('x').datasource(datasource('influxdb', 'i')).target(influxQL('SELECT 1'), flux('from(bucket: "b")'));
  // @ts-expect-error a Graphite query on an InfluxDB panel
  timeseries('x').datasource(datasource('influxdb', 'i')).target(graphite('a.b'));
  timeseries('x').datasource(datasource('stackdriver', 'g')).target(cloudMonitoringPromQL('p', 'up'));
  // Expressions run next to any data source's queries.
  timeseries('x').datasource(es).target(elasticsearch('*').refId('A'), expression.math('$A * 2'));
  // @ts-expect-error an unknown reducer
  expression.reduce('A', 'average');
  // @ts-expect-error an unknown model field
  elasticsearch('*').fields({ luceneQuery: 'x' });
  // @ts-expect-error a wrong field type
  testData('random_walk', { seriesCount: 'three' });
  // @ts-expect-error an unknown TestData scenario
  testData('random_walk_of_shame');
  // The typed generic panel: a plugin's own options type is checked.
  panel<{ tiling: 'squarify' | 'binary' }>('acme-treemap-panel').options({ tiling: 'squarify' });
  // @ts-expect-error an option the given type does not have
  panel<{ tiling: 'squarify' | 'binary' }>('acme-treemap-panel').options({ tilling: 'squarify' });
}

describe('query kinds (compile time)', () => {
  it('GIVEN the accepted combinations THEN they also build at run time with the query kinds the panel names', () => {
    expect(typeof typeChecks).toBe('function');
    const built = timeseries('x').datasource(es).target(elasticsearch('*').refId('A'), expression.math('$A * 2')).build();
    expect(built.targets).toEqual([
      { refId: 'A', query: '*' },
      { refId: 'B', datasource: { type: '__expr__', uid: '__expr__' }, type: 'math', expression: '$A * 2' },
    ]);
  });
});
