import { describe, expect, it } from 'vitest';
import {
  adhocVariable,
  constantVariable,
  customVariable,
  dashboard,
  datasourceVariable,
  intervalVariable,
  labelNames,
  labelValues,
  queryResult,
  queryVariable,
  textboxVariable,
  toJson,
  type VariableBuilder,
} from '../../lib/index.js';
import { expectValidDashboard } from '../support/golden.js';

const ds = datasourceVariable('datasource', 'prometheus').label('Data source').regex('/^prod-/').defaultValue('prometheus');
const job = queryVariable('job')
  .label('Job')
  .description('Jobs reporting up')
  .datasource(ds)
  .query(labelValues('up', 'job'))
  .multi()
  .includeAll({ allValue: '.+' })
  .refresh('time-range-change')
  .sort('alphabetical-asc');

/** The variable as it appears in `templating.list` of a dashboard holding `ds`, `job` and it; the dashboard is schema-checked. */
function placed(variable: VariableBuilder, ...others: VariableBuilder[]): Record<string, unknown> {
  const json = dashboard('Variables')
    .uid('variables')
    .variable(...others, variable)
    .build();
  expectValidDashboard(json);
  const list = (json.templating as unknown as { list: Record<string, unknown>[] }).list;
  return list[list.length - 1]!;
}

describe('golden variables', () => {
  it('query variable with label_values, multi, all value, refresh and sort', async () => {
    // GIVEN the house-style job variable WHEN placed
    const json = placed(job, ds);
    // THEN query and definition hold the label_values query; refresh 2 = on time range change; sort 1 = alphabetical asc
    expect(json).toMatchObject({ query: 'label_values(up, job)', definition: 'label_values(up, job)', refresh: 2, sort: 1 });
    await expect(toJson(json)).toMatchFileSnapshot('./__golden__/variable-query.json');
  });

  it('chained query variable with a regex, hidden, skipping URL sync', async () => {
    // GIVEN an instance variable whose query references $job and extracts with a regex
    const instance = queryVariable('instance')
      .datasource(ds)
      .query(labelValues(`up{job=~"${job}"}`, 'instance'))
      .regex('/([^:]+):.*/')
      .visibility('value-only')
      .skipUrlSync();
    // WHEN placed after the variable it references
    const json = placed(instance, ds, job);
    // THEN refresh defaults to on dashboard load (1) and hide is 1 (value only)
    expect(json).toMatchObject({ refresh: 1, hide: 1, skipUrlSync: true, query: 'label_values(up{job=~"$job"}, instance)' });
    await expect(toJson(json)).toMatchFileSnapshot('./__golden__/variable-query-chained.json');
  });

  it('labelNames and queryResult helpers produce Grafana Prometheus variable queries', () => {
    // GIVEN the helpers WHEN called THEN they give the Prometheus data source's variable query syntax
    expect(labelNames()).toBe('label_names()');
    expect(labelNames('up')).toBe('label_names(up)');
    expect(labelValues('job')).toBe('label_values(job)');
    expect(queryResult('topk(5, up)')).toBe('query_result(topk(5, up))');
  });

  it('datasource variable', async () => {
    // GIVEN a Prometheus data source variable with a regex and a default WHEN placed
    const json = placed(ds);
    // THEN query is the plugin id and current the default
    expect(json).toMatchObject({ type: 'datasource', query: 'prometheus', current: { text: 'prometheus', value: 'prometheus' } });
    await expect(toJson(json)).toMatchFileSnapshot('./__golden__/variable-datasource.json');
  });

  it('custom variable with labelled values and a default', async () => {
    // GIVEN values, one of them labelled, and a default that is the labelled one's value
    const quantile = customVariable('quantile', ['0.5', '0.9', { text: 'p99', value: '0.99' }])
      .label('Quantile')
      .defaultValue('0.99')
      .multi(false);
    // WHEN placed
    const json = placed(quantile);
    // THEN the query uses Grafana's "text : value" syntax and current shows the label
    expect(json).toMatchObject({ query: '0.5,0.9,p99 : 0.99', current: { text: 'p99', value: '0.99' } });
    await expect(toJson(json)).toMatchFileSnapshot('./__golden__/variable-custom.json');
  });

  it('custom variable with include-all', async () => {
    // GIVEN a multi-value custom variable with "All" WHEN placed
    const json = placed(customVariable('env', ['prod', 'staging']).multi().includeAll({ allValue: '.*' }));
    // THEN multi, includeAll, allValue are set; no current when no default
    expect(json).toMatchObject({ multi: true, includeAll: true, allValue: '.*' });
    expect(json.current).toBeUndefined();
    await expect(toJson(json)).toMatchFileSnapshot('./__golden__/variable-custom-all.json');
  });

  it('interval variable with auto', async () => {
    // GIVEN intervals plus Grafana's auto option and a default WHEN placed
    const json = placed(intervalVariable('window', ['1m', '5m', '1h']).auto({ steps: 30, min: '10s' }).defaultValue('5m'));
    // THEN auto, auto_count, auto_min are set and refresh is 2 as Grafana stores it
    expect(json).toMatchObject({ query: '1m,5m,1h', auto: true, auto_count: 30, auto_min: '10s', refresh: 2 });
    await expect(toJson(json)).toMatchFileSnapshot('./__golden__/variable-interval.json');
  });

  it('constant variable', async () => {
    // GIVEN a constant WHEN placed THEN it is hidden (2) and its value is the query
    const json = placed(constantVariable('selector', 'job="node"'));
    expect(json).toMatchObject({ type: 'constant', hide: 2, query: 'job="node"' });
    await expect(toJson(json)).toMatchFileSnapshot('./__golden__/variable-constant.json');
  });

  it('textbox variable', async () => {
    // GIVEN a textbox with a default WHEN placed THEN the default is the query
    const json = placed(textboxVariable('path', '/api/.*').label('Path regex'));
    expect(json).toMatchObject({ type: 'textbox', query: '/api/.*' });
    await expect(toJson(json)).toMatchFileSnapshot('./__golden__/variable-textbox.json');
  });

  it('adhoc variable with base filters', async () => {
    // GIVEN an ad hoc variable on the Prometheus data source variable with two base filters
    const filters = adhocVariable('filters', ds).baseFilters(
      { key: 'cluster', operator: '=', value: 'eu-1' },
      { key: 'namespace', operator: '!~', value: 'kube-.*' },
    );
    // WHEN placed
    const json = placed(filters, ds);
    // THEN filters start empty and baseFilters keep their order
    expect(json.filters).toEqual([]);
    expect(json.baseFilters).toEqual([
      { key: 'cluster', operator: '=', value: 'eu-1' },
      { key: 'namespace', operator: '!~', value: 'kube-.*' },
    ]);
    await expect(toJson(json)).toMatchFileSnapshot('./__golden__/variable-adhoc.json');
  });
});

describe('variables as values', () => {
  it('interpolate as $name and format as ${name:format}', () => {
    // GIVEN the job variable WHEN used in a template literal or formatted
    // THEN it gives Grafana's reference syntaxes
    expect(`${job}`).toBe('$job');
    expect(job.format()).toBe('${job}');
    expect(job.format('pipe')).toBe('${job:pipe}');
    expect(ds.toRef()).toEqual({ type: 'prometheus', uid: '${datasource}' });
  });

  it('variable JSON is deterministic regardless of setter order', () => {
    // GIVEN the same query variable configured in two orders
    const a = queryVariable('v').datasource(ds).query('label_values(x)').multi().sort('numerical-desc').label('V');
    const b = queryVariable('v').label('V').sort('numerical-desc').multi().query('label_values(x)').datasource(ds);
    // WHEN built into dashboards THEN the bytes are identical
    const build = (v: VariableBuilder) => toJson(dashboard('D').uid('d').variable(ds, v).build());
    expect(build(b)).toBe(build(a));
  });
});
