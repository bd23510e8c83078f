import { describe, expect, it } from 'vitest';
import { formatGrafanaDuration, parseGrafanaDuration } from '../../lib/util/grafana-duration.js';
import { interpolate, type VariableValue } from '../../lib/check/interpolate.js';
import { builtinVariables } from '../../lib/check/time-context.js';
import { parseVariableQuery } from '../../lib/check/variable-query.js';

const multi = (values: string[], extra: Partial<VariableValue> = {}): VariableValue => ({ values, multi: true, includeAll: true, ...extra });

describe('interpolate (Grafana, Prometheus data source)', () => {
  it('formats a multi-value variable as an escaped regex alternation, and a single value as itself', () => {
    // GIVEN a multi-value variable with two values, one containing regex metacharacters
    const scope = new Map<string, VariableValue | string>([
      ['job', multi(['cart', 'check.out'])],
      ['one', multi(['a.b'])],
      ['env', { values: ['prod'] }],
    ]);
    // WHEN interpolated in each syntax, THEN
    expect(interpolate('x{job=~"$job"}', scope)).toBe('x{job=~"(cart|check\\\\.out)"}');
    expect(interpolate('x{job=~"${one}"}', scope)).toBe('x{job=~"a\\\\.b"}');
    expect(interpolate('x{env="$env", e2="[[env]]", e3="${env}"}', scope)).toBe('x{env="prod", e2="prod", e3="prod"}');
  });

  it('inserts the all value untouched when All is selected, else every value', () => {
    const scope = new Map<string, VariableValue | string>([
      ['job', multi(['a', 'b'], { all: true, allValue: '.+' })],
      ['ns', multi(['x', 'y'], { all: true })],
    ]);
    expect(interpolate('up{job=~"$job", ns=~"$ns"}', scope)).toBe('up{job=~".+", ns=~"(x|y)"}');
    expect(interpolate('${job:text}', scope)).toBe('All');
  });

  it('applies explicit formats: regex, pipe, csv, raw, json, glob, doublequote, queryparam', () => {
    const scope = new Map<string, VariableValue | string>([['i', multi(['a.1', 'b'])]]);
    expect(interpolate('${i:regex}|${i:pipe}|${i:csv}|${i:raw}', scope)).toBe('(a\\.1|b)|a.1|b|a.1,b|a.1,b');
    expect(interpolate('${i:json} ${i:glob} ${i:doublequote}', scope)).toBe('["a.1","b"] {a.1,b} "a.1","b"');
    expect(interpolate('${i:queryparam}', scope)).toBe('var-i=a.1&var-i=b');
  });

  it('substitutes built-ins and leaves unknown variables as they are', () => {
    const scope = new Map<string, VariableValue | string>(
      Object.entries(builtinVariables({ endMs: 1_000_000, rangeMs: 300_000, stepMs: 15_000, scrapeIntervalMs: 15_000 })),
    );
    expect(interpolate('rate(x[$__rate_interval]) $__interval $__range $__range_s $__auto $nope ${__to:date:seconds}', scope)).toBe(
      'rate(x[1m]) 15s 300s 300 15s $nope 1000',
    );
  });
});

describe('builtinVariables', () => {
  it('computes $__rate_interval as max($__interval + scrape interval, 4 × scrape interval), honouring a min interval', () => {
    const window = { endMs: 0, rangeMs: 3_600_000, stepMs: 15_000, scrapeIntervalMs: 15_000 };
    expect(builtinVariables(window)['__rate_interval']).toBe('1m');
    expect(builtinVariables({ ...window, scrapeIntervalMs: 60_000 })['__rate_interval']).toBe('4m');
    expect(builtinVariables(window, '2m')).toMatchObject({ __interval: '2m', __interval_ms: '120000', __rate_interval: '135s' });
  });
});

describe('durations and variable queries', () => {
  it('parses and formats durations', () => {
    expect(parseGrafanaDuration('1m30s')).toBe(90_000);
    expect(parseGrafanaDuration('30')).toBe(30_000);
    expect(parseGrafanaDuration('x')).toBeUndefined();
    expect(formatGrafanaDuration(120_000)).toBe('2m');
    expect(formatGrafanaDuration(1500)).toBe('1500ms');
  });

  it("parses Grafana's Prometheus variable queries", () => {
    expect(parseVariableQuery('label_values(job)')).toEqual({ kind: 'label_values', label: 'job' });
    expect(parseVariableQuery('label_values(up{a=~"b,c"}, instance)')).toEqual({ kind: 'label_values', label: 'instance', match: 'up{a=~"b,c"}' });
    expect(parseVariableQuery('label_names()')).toEqual({ kind: 'label_names' });
    expect(parseVariableQuery('label_names(up)')).toEqual({ kind: 'label_names', match: 'up' });
    expect(parseVariableQuery('metrics(^node_)')).toEqual({ kind: 'metrics', regex: '^node_' });
    expect(parseVariableQuery('query_result(topk(3, up))')).toEqual({ kind: 'query_result', expr: 'topk(3, up)' });
    expect(parseVariableQuery('sum(up) by (job)')).toEqual({ kind: 'query_result', expr: 'sum(up) by (job)' });
  });
});
