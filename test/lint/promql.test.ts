import { describe, expect, it } from 'vitest';
import { parsePromQL, vectorSelectors } from '../../lib/promql/parse.js';
import { maskVariables, referencesVariable, variableName } from '../../lib/promql/variables.js';

describe('maskVariables', () => {
  it('replaces every Grafana variable syntax by a same-length placeholder outside strings', () => {
    // GIVEN an expression with $var, ${var}, ${var:fmt}, [[var]] and interval globals
    const expr = 'sum by ($label) (rate(x{job=~"$job"}[$__rate_interval])) / ${k:raw} + [[n]] offset $__range';

    // WHEN it is masked
    const masked = maskVariables(expr);

    // THEN lengths match, strings keep their variables, and each variable is located
    expect(masked.text).toHaveLength(expr.length);
    expect(masked.text).toContain('job=~"$job"');
    expect(masked.spans.map((s) => s.name)).toEqual(['label', '__rate_interval', 'k', 'n', '__range']);
    expect(parsePromQL(expr).error).toBeUndefined();
  });

  it('names variables and finds references in any syntax', () => {
    // GIVEN variable references
    // WHEN they are inspected / THEN names come out without decoration
    expect(variableName('${datasource}')).toBe('datasource');
    expect(variableName('[[job:regex]]')).toBe('job');
    expect(variableName('prom-uid')).toBeUndefined();
    expect(referencesVariable('"${job:pipe}"', 'job')).toBe(true);
    expect(referencesVariable('"$jobs"', 'job')).toBe(false);
  });
});

describe('parsePromQL', () => {
  it('points at the end for a missing closing parenthesis', () => {
    // GIVEN a query missing its last ")"
    const expr = 'sum(rate(x[5m])';

    // WHEN it is parsed
    const { error } = parsePromQL(expr);

    // THEN the error is at offset 15 (just past the end) and says what is open
    expect(error?.offset).toBe(15);
    expect(error?.offset).toBe(expr.length);
    expect(error?.message).toBe('unexpected end of query (1 unclosed "(")');
    expect(error?.snippet).toBe('sum(rate(x[5m])⟨here⟩');
  });

  it('reports offsets in the original text even after long variables', () => {
    // GIVEN a stray token after variables of various lengths
    const expr = 'rate(x{job=~"$job"}[$__rate_interval]) ] + ${instance:regex}';

    // WHEN it is parsed
    const { error } = parsePromQL(expr);

    // THEN the offset is that of "]" in the original expression
    expect(error?.offset).toBe(expr.indexOf(' ]') + 1);
    expect(error?.message).toBe('unexpected "]"');
  });

  it('lists vector selectors with their matchers, skipping lone variables', () => {
    // GIVEN a query with two selectors and a variable used as a number
    const parsed = parsePromQL('topk($k, up{job=~"$job"}) or {__name__="x_total", instance!="a"}');

    // WHEN its selectors are listed
    const selectors = vectorSelectors(parsed);

    // THEN both real selectors are found with their metric names and matchers
    expect(selectors.map((s) => s.metric)).toEqual(['up', 'x_total']);
    expect(selectors[0]!.matchers).toEqual([{ label: 'job', op: '=~', value: '$job' }]);
  });
});
