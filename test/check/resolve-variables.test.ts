import { describe, expect, it } from 'vitest';
import { createPrometheusClient } from '../../lib/check/prometheus-client.js';
import { resolveVariables } from '../../lib/check/resolve-variables.js';
import { builtinVariables } from '../../lib/check/time-context.js';
import { s, startFakePrometheus } from './fake-prometheus.js';

const window = { endMs: 1_700_000_000_000, rangeMs: 300_000, stepMs: 15_000, scrapeIntervalMs: 15_000 };

const SERIES = [
  s('up', { job: 'cart', instance: 'c1:80' }),
  s('up', { job: 'cart', instance: 'c2:80' }),
  s('up', { job: 'check.out', instance: 'k1:80' }),
  s('up', { job: 'node', instance: 'n1:9100' }),
  s('node_load1', { job: 'node', instance: 'n1:9100' }),
];

async function resolve(list: unknown[]) {
  const fake = await startFakePrometheus({ series: SERIES });
  const client = createPrometheusClient({ url: fake.url });
  return { fake, ...(await resolveVariables(list, { client, window, builtins: builtinVariables(window) })) };
}

const ds = { type: 'prometheus', uid: '${datasource}' };

describe('resolveVariables', () => {
  it('chains query variables: later queries get earlier selections, multi values as an escaped regex', async () => {
    // GIVEN job (multi, saved selection cart + check.out) and instance chained on it
    const { fake, variables } = await resolve([
      { type: 'datasource', name: 'datasource', query: 'prometheus' },
      { type: 'query', name: 'job', datasource: ds, query: 'label_values(up, job)', multi: true, includeAll: true, current: { value: ['cart', 'check.out'] } },
      {
        type: 'query',
        name: 'instance',
        datasource: ds,
        query: { query: 'label_values(up{job=~"$job"}, instance)', refId: 'x' },
        multi: true,
        includeAll: true,
        allValue: '.+',
      },
    ]);

    // THEN job keeps its saved values and instance is queried with them
    expect(variables[1]).toMatchObject({ name: 'job', selected: { values: ['cart', 'check.out'] } });
    const call = fake.requests.find((r) => r.path === '/api/v1/label/instance/values')!;
    expect(call.params.getAll('match[]')).toEqual(['up{job=~"(cart|check\\\\.out)"}']);
    expect(call.params.get('start')).toBe(String((window.endMs - window.rangeMs) / 1000));
    // AND instance has no saved value, so All is selected (its all value `.+`)
    expect(variables[2]).toMatchObject({
      query: 'label_values(up{job=~"(cart|check\\\\.out)"}, instance)',
      options: [{ value: 'c1:80' }, { value: 'c2:80' }, { value: 'k1:80' }],
    });
    expect(variables[2]!.selected).toMatchObject({ all: true, allValue: '.+' });
  });

  it('selects the first option without includeAll, and All without an allValue means every value', async () => {
    const { variables, scope } = await resolve([
      { type: 'query', name: 'job', query: 'label_values(job)', sort: 2 },
      { type: 'query', name: 'inst', query: 'label_values(up, instance)', includeAll: true, multi: true },
    ]);
    expect(variables[0]!.options.map((o) => o.value)).toEqual(['node', 'check.out', 'cart']);
    expect(variables[0]!.selected.values).toEqual(['node']);
    expect(scope.get('inst')).toMatchObject({ all: true, values: ['c1:80', 'c2:80', 'k1:80', 'n1:9100'] });
  });

  it('runs label_names, metrics and query_result, and extracts with the regex', async () => {
    const { variables } = await resolve([
      { type: 'query', name: 'labels', query: 'label_names(node_load1)' },
      { type: 'query', name: 'metrics', query: 'metrics(^node_)' },
      { type: 'query', name: 'host', query: 'query_result(up{job="cart"})', regex: '/instance="([^:]+):/' },
      { type: 'query', name: 'named', query: 'label_values(up, instance)', regex: '/(?<text>[a-z]+)\\d:(?<value>\\d+)/' },
    ]);
    expect(variables[0]!.options.map((o) => o.value)).toEqual(['__name__', 'instance', 'job']);
    expect(variables[1]!.options.map((o) => o.value)).toEqual(['node_load1']);
    expect(variables[2]!.options.map((o) => o.value)).toEqual(['c1', 'c2']);
    // named groups: text and value, deduplicated by value
    expect(variables[3]!.options).toEqual([
      { text: 'c', value: '80' },
      { text: 'n', value: '9100' },
    ]);
  });

  it('takes custom, constant, textbox and interval variables from their definitions', async () => {
    const { scope } = await resolve([
      { type: 'custom', name: 'q', query: '0.5,0.9,p99 : 0.99', current: { text: 'p99', value: '0.99' } },
      { type: 'custom', name: 'env', query: 'prod,staging', includeAll: true, multi: true, allValue: '.*' },
      { type: 'constant', name: 'sel', query: 'job="node"' },
      { type: 'textbox', name: 'path', query: '/api/.*' },
      { type: 'interval', name: 'w', query: '1m,5m', auto: true, auto_count: 30, auto_min: '20s' },
      { type: 'interval', name: 'w2', query: '1m,5m', current: { value: '5m' } },
    ]);
    expect(scope.get('q')).toMatchObject({ values: ['0.99'], texts: ['p99'] });
    expect(scope.get('env')).toMatchObject({ all: true, allValue: '.*' });
    expect(scope.get('sel')).toMatchObject({ values: ['job="node"'] });
    expect(scope.get('path')).toMatchObject({ values: ['/api/.*'] });
    expect(scope.get('w')).toMatchObject({ values: ['20s'] });
    expect(scope.get('w2')).toMatchObject({ values: ['5m'] });
  });

  it('records a failing query as the variable error, keeps going, and skips non-Prometheus variables', async () => {
    const { variables } = await resolve([
      { type: 'datasource', name: 'logs', query: 'loki' },
      { type: 'query', name: 'bad', query: 'query_result(sum(up)' },
      { type: 'query', name: 'stream', datasource: { uid: '$logs' }, query: 'label_values(app)' },
      { type: 'query', name: 'ok', query: 'label_values(job)' },
    ]);
    expect(variables[1]!.error).toMatch(/^400 bad_data: parse error/);
    expect(variables[2]!.skipped).toMatch(/loki/);
    expect(variables[3]!.options).toHaveLength(3);
  });
});
