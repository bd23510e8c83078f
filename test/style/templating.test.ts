import { describe, expect, expectTypeOf, it } from 'vitest';
import { dashboard, prometheus, row, timeseries, type QueryVariable } from '../../lib/index.js';
import { withSelectors } from '../../lib/style/selector.js';
import { standardVariables } from '../../lib/style/templating.js';
import { validateDashboard } from '../support/validate-schema.js';

type Json = Record<string, unknown>;
const built = (v: { build(): unknown }) => v.build() as Json;

describe('standardVariables', () => {
  it('GIVEN no options WHEN built THEN datasource, job and instance follow the house style', () => {
    const vars = standardVariables();
    expect(vars.all.map((v) => v.name)).toEqual(['datasource', 'job', 'instance']);
    expect(built(vars.datasource)).toEqual({ type: 'datasource', name: 'datasource', label: 'Data source', query: 'prometheus' });
    expect(built(vars.job)).toEqual({
      type: 'query',
      name: 'job',
      label: 'Job',
      datasource: { type: 'prometheus', uid: '${datasource}' },
      query: 'label_values(up, job)',
      definition: 'label_values(up, job)',
      multi: true,
      includeAll: true,
      allValue: '.+',
      refresh: 2,
      sort: 1,
    });
  });

  it('GIVEN no levels WHEN built THEN instance is chained on the chosen job', () => {
    const vars = standardVariables();
    expect(built(vars.instance)).toMatchObject({
      label: 'Instance',
      query: 'label_values(up{job=~"$job"}, instance)',
      allValue: '.+',
      multi: true,
      includeAll: true,
      refresh: 2,
      sort: 1,
    });
  });

  it('GIVEN levels in any order WHEN built THEN cluster and namespace come first and every later variable references them', () => {
    const vars = standardVariables({ levels: ['namespace', 'cluster'], infoMetric: 'app_build_info' });
    expect(vars.all.map((v) => v.name)).toEqual(['datasource', 'cluster', 'namespace', 'job', 'instance']);
    expect(built(vars.cluster)).toMatchObject({ label: 'Cluster', query: 'label_values(app_build_info, cluster)', allValue: '.*' });
    expect(built(vars.namespace)).toMatchObject({
      label: 'Namespace',
      query: 'label_values(app_build_info{cluster=~"$cluster"}, namespace)',
      allValue: '.*',
    });
    expect(built(vars.job)).toMatchObject({
      query: 'label_values(app_build_info{cluster=~"$cluster", namespace=~"$namespace"}, job)',
      allValue: '.+',
    });
    expect(built(vars.instance)).toMatchObject({
      query: 'label_values(app_build_info{cluster=~"$cluster", namespace=~"$namespace", job=~"$job"}, instance)',
    });
  });

  it('GIVEN an info metric that is a selector WHEN chained THEN its own matchers are kept', () => {
    const vars = standardVariables({ infoMetric: 'target_info{env="prod"}' });
    expect(built(vars.job)).toMatchObject({ query: 'label_values(target_info{env="prod"}, job)' });
    expect(built(vars.instance)).toMatchObject({ query: 'label_values(target_info{env="prod", job=~"$job"}, instance)' });
  });

  it('GIVEN datasourceType loki WHEN built THEN the variables query stream labels of a Loki data source', () => {
    const vars = standardVariables({ datasourceType: 'loki', levels: ['cluster'] });
    expect(vars.datasource.kind).toBe('loki');
    expect(built(vars.datasource)).toMatchObject({ query: 'loki' });
    expect(built(vars.cluster)).toMatchObject({ query: 'label_values(cluster)', allValue: '.+', datasource: { type: 'loki', uid: '${datasource}' } });
    expect(built(vars.job)).toMatchObject({ query: 'label_values({cluster=~"$cluster"}, job)' });
    expect(built(vars.instance)).toMatchObject({ query: 'label_values({cluster=~"$cluster", job=~"$job"}, instance)' });
  });

  it('GIVEN an info metric for Loki or an unknown level WHEN built THEN it throws', () => {
    expect(() => standardVariables({ datasourceType: 'loki', infoMetric: 'up' })).toThrow(/Prometheus only/);
    expect(() => standardVariables({ levels: ['region' as 'cluster'] })).toThrow(/unknown level "region"/);
  });

  it('GIVEN the variables WHEN their matchers are applied THEN they are in dashboard order and usable by withSelectors', () => {
    const vars = standardVariables({ levels: ['cluster'] });
    expect(Object.keys(vars.matchers)).toEqual(['cluster', 'job', 'instance']);
    expect(withSelectors('up', vars.matchers)).toBe('up{cluster=~"$cluster", job=~"$job", instance=~"$instance"}');
  });

  it('GIVEN levels WHEN typed THEN only requested levels exist on the result', () => {
    const plain = standardVariables();
    const leveled = standardVariables({ levels: ['cluster', 'namespace'] });
    expectTypeOf(leveled.cluster).toEqualTypeOf<QueryVariable>();
    expectTypeOf(leveled.matchers.namespace).toEqualTypeOf<QueryVariable>();
    expectTypeOf(plain).not.toHaveProperty('cluster');
    expectTypeOf(plain.matchers).not.toHaveProperty('namespace');
    expectTypeOf(standardVariables({ datasourceType: 'loki' }).datasource.kind).toEqualTypeOf<'loki'>();
    // @ts-expect-error cluster was not requested
    expect(plain.cluster).toBeUndefined();
  });

  it('GIVEN a dashboard using every standard variable WHEN built THEN it validates and passes the schema', () => {
    const vars = standardVariables({ levels: ['cluster', 'namespace'] });
    const json = dashboard('Vars')
      .variable(...vars.all)
      .row(
        row('Up').panel(
          timeseries('Up')
            .description('Targets up')
            .datasource(vars.datasource)
            .target(prometheus(withSelectors('sum(up)', vars.matchers))),
        ),
      )
      .build();
    expect(validateDashboard(json).errors).toEqual([]);
    expect(json.templating?.list?.map((v) => v.name)).toEqual(['datasource', 'cluster', 'namespace', 'job', 'instance']);
  });

  it('GIVEN a dashboard missing the job variable WHEN built THEN validation reports the unknown variable', () => {
    const vars = standardVariables();
    const broken = dashboard('Broken').variable(vars.datasource, vars.instance);
    expect(() => broken.build()).toThrow(/unknown variable \$job/);
  });
});
