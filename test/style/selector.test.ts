import { describe, expect, it } from 'vitest';
import { constantVariable, queryVariable } from '../../lib/index.js';
import { labelMatchers, quoteLabelValue, selector, withSelectors } from '../../lib/style/selector.js';

const job = queryVariable('job');
const instance = queryVariable('instance');
const JI = 'job=~"$job", instance=~"$instance"';

describe('withSelectors', () => {
  // Each row: [what it shows, input, expected output with { job, instance } applied].
  const cases: [string, string, string][] = [
    ['bare metric', 'up', `up{${JI}}`],
    ['metric with empty braces', 'up{}', `up{${JI}}`],
    ['metric with empty braces and a space', 'x{ }', `x{${JI} }`],
    [
      'both sides of a ratio, after existing matchers',
      'sum(rate(http_requests_total{code=~"5.."}[$__rate_interval])) / sum(rate(http_requests_total[$__rate_interval]))',
      `sum(rate(http_requests_total{code=~"5..", ${JI}}[$__rate_interval])) / sum(rate(http_requests_total{${JI}}[$__rate_interval]))`,
    ],
    ['__name__ selector with a trailing comma', '{__name__="up", a="b",}', `{__name__="up", a="b", ${JI}}`],
    ['quoted UTF-8 metric name', '{"utf8.name"}', `{"utf8.name", ${JI}}`],
    [
      'existing matcher on the same label is left alone',
      'label_replace(up{job="x"}, "a", "$1", "b", "(.*)")',
      'label_replace(up{job="x", instance=~"$instance"}, "a", "$1", "b", "(.*)")',
    ],
    ['negative matcher counts as matching the label', 'up{instance!~"db.*"}', 'up{instance!~"db.*", job=~"$job"}'],
    ['by clause, function names and a variable offset', 'sum by (x) (rate(foo[5m] offset $off))', `sum by (x) (rate(foo{${JI}}[5m] offset $off))`],
    ['grouping after the aggregation, bool comparison, numbers', 'sum(foo) by (job) > bool 0.5', `sum(foo{${JI}}) by (job) > bool 0.5`],
    ['variable as a parameter is not a selector', 'topk($k, foo)', `topk($k, foo{${JI}})`],
    ['variable as a grouping label', 'sum by ($label) (foo)', `sum by ($label) (foo{${JI}})`],
    [
      'set operators and vector matching keywords',
      'a and on(job) group_left(x) b or ignoring(y) c unless d',
      `a{${JI}} and on(job) group_left(x) b{${JI}} or ignoring(y) c{${JI}} unless d{${JI}}`,
    ],
    [
      'braced variable as the range',
      'histogram_quantile(0.99, sum by (le) (rate(x_bucket{}[${__rate_interval}])))',
      `histogram_quantile(0.99, sum by (le) (rate(x_bucket{${JI}}[\${__rate_interval}])))`,
    ],
    ['subquery with a variable step', 'rate(x[5m:$step])', `rate(x{${JI}}[5m:$step])`],
    ['@ modifier with a formatted variable', 'foo @ ${__to:date:seconds}', `foo{${JI}} @ \${__to:date:seconds}`],
    [
      'text in string literals is never touched',
      'label_replace(up, "dst", "up{x}", "src", "rate(y[5m])")',
      `label_replace(up{${JI}}, "dst", "up{x}", "src", "rate(y[5m])")`,
    ],
    ['comments are kept as written', 'max_over_time(foo[1h]) # $job here', `max_over_time(foo{${JI}}[1h]) # $job here`],
    ['scalar-only expressions have no selector', 'vector(1) + time()', 'vector(1) + time()'],
    [
      'several selectors in one function call',
      'histogram_fraction(0, 0.5, sum(rate(lat[$__rate_interval]))) * histogram_count(sum(rate(lat[$__rate_interval])))',
      `histogram_fraction(0, 0.5, sum(rate(lat{${JI}}[$__rate_interval]))) * histogram_count(sum(rate(lat{${JI}}[$__rate_interval])))`,
    ],
  ];

  it.each(cases)('GIVEN %s WHEN the variables are applied THEN every selector has them', (_name, input, expected) => {
    expect(withSelectors(input, { job, instance })).toBe(expected);
  });

  it('GIVEN a bare variable as metric name WHEN applied THEN it is left alone (it may be a number)', () => {
    expect(withSelectors('$metric + up', { job })).toBe('$metric + up{job=~"$job"}');
  });

  it('GIVEN a variable metric name with braces WHEN applied THEN the matchers go inside them', () => {
    expect(withSelectors('rate(${metric}{a="b"}[5m])', { job })).toBe('rate(${metric}{a="b", job=~"$job"}[5m])');
  });

  it('GIVEN strings, operators and undefined entries WHEN applied THEN each renders as asked and undefined is skipped', () => {
    const out = withSelectors('up', { env: 'prod', cluster: undefined, path: { op: '!~', value: '/health.*' }, job: { op: '=', value: job } });
    expect(out).toBe('up{env="prod", path!~"/health.*", job="$job"}');
  });

  it('GIVEN a list of matchers naming one label twice WHEN applied THEN both are added', () => {
    const out = withSelectors('up', [
      { label: 'job', op: '=~', value: '$job' },
      { label: 'job', op: '=', value: 'api' },
    ]);
    expect(out).toBe('up{job=~"$job", job="api"}');
  });

  it('GIVEN no matchers WHEN applied THEN the expression is returned unchanged, even if invalid', () => {
    expect(withSelectors('sum(', {})).toBe('sum(');
  });

  it('GIVEN invalid PromQL WHEN applied THEN it throws naming the offset', () => {
    expect(() => withSelectors('sum(rate(x[5m])', { job })).toThrow(/not valid PromQL at offset 15/);
    expect(() => withSelectors('foo{a="b" c="d"}', { job })).toThrow(/not valid PromQL/);
  });

  it('GIVEN an invalid label name WHEN applied THEN it throws', () => {
    expect(() => withSelectors('up', { 'my-label': 'x' })).toThrow(/"my-label" is not a valid PromQL label name/);
  });

  it('GIVEN a constant variable WHEN used as a matcher THEN it is a regex match on $name', () => {
    expect(withSelectors('up', { region: constantVariable('region', 'eu') })).toBe('up{region=~"$region"}');
  });
});

describe('selector', () => {
  it('GIVEN variables and strings WHEN built THEN a brace selector in order results', () => {
    expect(selector({ job, instance })).toBe('{job=~"$job", instance=~"$instance"}');
    expect(selector({ app: 'checkout', job })).toBe('{app="checkout", job=~"$job"}');
  });

  it('GIVEN values with quotes, backslashes and newlines WHEN built THEN they are escaped as PromQL strings', () => {
    expect(selector({ msg: 'say "hi"', re: { op: '=~', value: '\\d+\\.json' }, nl: 'a\nb' })).toBe('{msg="say \\"hi\\"", re=~"\\\\d+\\\\.json", nl="a\\nb"}');
    expect(quoteLabelValue('C:\\tmp')).toBe('"C:\\\\tmp"');
  });

  it('GIVEN an escaped selector WHEN applied by withSelectors THEN it parses back as valid PromQL', () => {
    const sel = selector({ msg: 'say "hi" \\ bye' });
    expect(withSelectors(`up${sel}`, { job })).toBe(`up{msg="say \\"hi\\" \\\\ bye", job=~"$job"}`);
  });

  it('GIVEN no matchers WHEN built THEN the selector is empty braces', () => {
    expect(selector({})).toBe('{}');
  });

  it('GIVEN matchers WHEN normalised THEN the list spells out label, operator and value', () => {
    expect(labelMatchers({ job, env: 'prod' })).toEqual([
      { label: 'job', op: '=~', value: '$job' },
      { label: 'env', op: '=', value: 'prod' },
    ]);
  });
});
