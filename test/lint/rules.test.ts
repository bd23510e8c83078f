import { describe, expect, it } from 'vitest';
import { parseLogQL } from '../../lib/logql/parse-logql.js';
import { LINT_RULES } from '../../lib/lint/registry.js';
import { dashboard, findingsOf, goodVariables, lint, panel, q } from './fixtures.js';

describe('lint rules', () => {
  it('finds nothing in a house-style dashboard', () => {
    // GIVEN a dashboard following every rule
    // WHEN it is linted
    const result = lint([dashboard()]);
    // THEN there are no findings
    expect(result.findings).toEqual([]);
    expect(result.passed).toBe(true);
  });

  it('has short kebab-case ids, one-line descriptions and unique ids', () => {
    // GIVEN the registry / WHEN its rules are inspected / THEN they follow the conventions
    for (const rule of LINT_RULES) {
      expect(rule.id).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
      expect(rule.description).not.toContain('\n');
    }
    expect(new Set(LINT_RULES.map((r) => r.id)).size).toBe(LINT_RULES.length);
  });

  describe('datasource-variable', () => {
    it('fails without a data source variable and passes with one', () => {
      // GIVEN a dashboard whose data source variable was removed
      const bad = dashboard({ templating: { list: goodVariables().slice(1) } });
      // WHEN both are linted / THEN only the bad one is reported
      expect(findingsOf(lint([bad]), 'datasource-variable')).toHaveLength(1);
      expect(findingsOf(lint([dashboard()]), 'datasource-variable')).toHaveLength(0);
    });
  });

  describe('panel-datasource', () => {
    it('reports hard-coded uids and missing data sources, exempts mixed/Grafana/Dashboard', () => {
      // GIVEN panels with a fixed uid, none, and the built-in data sources
      const fixed = { ...panel('Fixed', q('rate(M[$__rate_interval])')), datasource: { type: 'prometheus', uid: 'P1809F7CD0C75ACF3' } };
      const none = { ...panel('None', q('rate(M[$__rate_interval])')), datasource: null };
      const mixed = {
        ...panel('Mixed', q('rate(M[$__rate_interval])')),
        datasource: { type: 'datasource', uid: '-- Mixed --' },
        targets: [{ refId: 'A', datasource: { type: 'prometheus', uid: '$datasource' }, expr: q('rate(M[$__rate_interval])') }],
      };
      const grafana = { ...panel('Annotations'), datasource: { type: 'datasource', uid: 'grafana' }, targets: [{ refId: 'A' }] };
      const dash = { ...panel('Reuse'), datasource: { type: 'datasource', uid: '-- Dashboard --' }, targets: [{ refId: 'A', panelId: 1 }] };

      // WHEN linted
      const found = findingsOf(lint([dashboard({}, [fixed, none, mixed, grafana, dash])]), 'panel-datasource');

      // THEN the fixed and the missing data source are reported, the fixed one as fixable
      expect(found.map((f) => f.location.panel)).toEqual(['Fixed', 'None']);
      expect(found[0]!.message).toContain('hard-coded data source "P1809F7CD0C75ACF3"');
      expect(found[0]!.hint).toBe('fixable: dash lint --fix');
    });
  });

  describe('job-instance-variables', () => {
    it('reports a missing job variable and each malformed setting of instance', () => {
      // GIVEN no job variable, and an instance variable that is single-valued, refreshed on load, not chained
      const [ds, , instance] = goodVariables();
      const badInstance = { ...instance, multi: false, refresh: 1, query: 'label_values(up, instance)' };
      const bad = dashboard({ templating: { list: [ds, badInstance] } });

      // WHEN linted
      const messages = findingsOf(lint([bad]), 'job-instance-variables').map((f) => f.message);

      // THEN each problem is one finding
      expect(messages).toHaveLength(4);
      expect(messages[0]).toMatch(/^no "job" variable/);
      expect(messages.slice(1).join('\n')).toMatch(/not multi-value[\s\S]*refreshes on dashboard load[\s\S]*does not filter on \$job/);
      expect(findingsOf(lint([dashboard()]), 'job-instance-variables')).toEqual([]);
    });
  });

  describe('promql-syntax', () => {
    it('reports the offset of the first error in the original query', () => {
      // GIVEN a query missing its last parenthesis, with a variable before the error
      const expr = 'sum(rate(x{job=~"$job"}[$__rate_interval])';

      // WHEN linted
      const [finding] = findingsOf(lint([dashboard({}, [panel('Broken', expr)])]), 'promql-syntax');

      // THEN it points just past the end, in original-text coordinates
      expect(finding?.location.offset).toBe(expr.length);
      expect(finding?.message).toBe(`invalid PromQL at offset ${expr.length}: unexpected end of query (1 unclosed "("): …}[$__rate_interval])⟨here⟩`);
      expect(findingsOf(lint([dashboard()]), 'promql-syntax')).toEqual([]);
    });

    it('accepts variables standing for operators when their value makes the query valid', () => {
      // GIVEN a custom variable whose values are "or"/"unless", used as an operator
      const op = { type: 'custom', name: 'op', query: 'Include : or, Exclude : unless', current: { value: 'or' } };
      const d = dashboard({ templating: { list: [...goodVariables(), op] } }, [panel('Ops', q('M $op M'))]);
      // WHEN linted / THEN it is not a syntax error
      expect(findingsOf(lint([d]), 'promql-syntax')).toEqual([]);
    });
  });

  describe('logql-syntax', () => {
    it('checks stream selectors, brackets and strings with the LogQL grammar', () => {
      // GIVEN LogQL queries / WHEN parsed / THEN only the broken ones report a located problem
      expect(parseLogQL('sum(count_over_time({job="app"} |= "error" | json [$__auto]))').error).toBeUndefined();
      expect(parseLogQL('rate({job="app"}[5m]').error).toMatchObject({ offset: 20, message: 'unexpected end of query (1 unclosed "(")' });
      expect(parseLogQL('{} |= "x"').error).toMatchObject({ offset: 1, message: 'unexpected "}"' });
      expect(parseLogQL('{job="app} |= "x"').error).toBeDefined();
      expect(parseLogQL('count_over_time(x[5m])').error).toMatchObject({ offset: 16 });
    });

    it('lints Loki targets through the rule', () => {
      // GIVEN a Loki panel with an unbalanced query
      const loki = { ...panel('Logs'), type: 'logs', datasource: { type: 'loki', uid: '${loki}' }, targets: [{ refId: 'A', expr: '{job="app" |= "x"' }] };
      const vars = [...goodVariables(), { type: 'datasource', name: 'loki', query: 'loki' }];
      // WHEN linted
      const found = findingsOf(lint([dashboard({ templating: { list: vars } }, [loki])]), 'logql-syntax');
      // THEN it is reported and not parsed as PromQL
      expect(found).toHaveLength(1);
      expect(found[0]!.message).toMatch(/^invalid LogQL at offset \d+/);
    });
  });

  describe('rate-interval', () => {
    it('reports fixed ranges and $__interval in rate, accepts $__rate_interval, $__range and deliberate windows', () => {
      // GIVEN rate ranges of every kind
      const panels = [
        panel('Fixed', q('rate(M[5m])')),
        panel('Interval', q('irate(M[$__interval])')),
        panel('Good', q('rate(M[$__rate_interval])')),
        panel('Range', q('increase(M[$__range])')),
        panel('Weekly total', q('increase(M[1w])')),
        panel('Errors [1h]', q('rate(M[1h])')),
      ];
      // WHEN linted
      const found = findingsOf(lint([dashboard({}, panels)]), 'rate-interval');
      // THEN only the first two are reported; $__interval in rate is fixable
      expect(found.map((f) => f.location.panel)).toEqual(['Fixed', 'Interval']);
      expect(found[0]!.location.offset).toBe(q('rate(M[').length);
      expect(found[1]!.hint).toBe('fixable: dash lint --fix');
    });
  });

  describe('job-instance-matchers', () => {
    it('reports selectors that ignore $job or $instance', () => {
      // GIVEN one selector without instance and one with both
      const panels = [panel('Partial', 'sum(up{job=~"$job"})'), panel('Full', q('sum(rate(M[$__rate_interval]))'))];
      // WHEN linted
      const found = findingsOf(lint([dashboard({}, panels)]), 'job-instance-matchers');
      // THEN only the partial one is reported, naming the metric
      expect(found.map((f) => f.message)).toEqual(['selector does not follow the variables: instance=~"$instance" missing on up']);
    });
  });

  describe('counter-rate', () => {
    it('reports counters graphed raw when the dashboard shows they are counters', () => {
      // GIVEN a raw counter rated elsewhere, raw buckets, a raw gauge-like *_count, and counted series
      const panels = [
        panel('Rated', q('sum(rate(M[$__rate_interval]))')),
        panel('Raw', q('sum(M)')),
        panel('Buckets', 'sum by (le) (x_bucket{job=~"$job", instance=~"$instance"})'),
        panel('Threads', 'jvm_threads_count{job=~"$job", instance=~"$instance"}'),
        panel('Series', q('count(M)')),
      ];
      // WHEN linted
      const found = findingsOf(lint([dashboard({}, panels)]), 'counter-rate');
      // THEN the raw counter and the raw buckets are reported
      expect(found.map((f) => f.location.panel)).toEqual(['Raw', 'Buckets']);
      expect(found[0]!.message).toMatch(/^counter http_requests_total used raw/);
    });
  });

  describe('panel-unit and panel-title', () => {
    it('reports a panel with queries but no unit or title', () => {
      // GIVEN a panel without unit and title, and a stat showing mapped states
      const bare = { ...panel('', q('sum(rate(M[$__rate_interval]))')), fieldConfig: { defaults: {}, overrides: [] } };
      const states = { ...bare, type: 'stat', title: 'Up', fieldConfig: { defaults: { mappings: [{ type: 'value' }] } } };
      // WHEN linted
      const result = lint([dashboard({}, [bare, states])]);
      // THEN the bare panel is reported by both rules, the state panel by neither
      expect(findingsOf(result, 'panel-unit').map((f) => f.location.panelId)).toEqual([1]);
      expect(findingsOf(result, 'panel-title').map((f) => f.location.panelId)).toEqual([1]);
    });
  });

  describe('unique-panel-ids and unique-uids', () => {
    it('reports duplicate panel ids (nested in rows too) and duplicate uids across inputs', () => {
      // GIVEN a dashboard with a row whose nested panel reuses id 1, and two dashboards with one uid
      const row = { type: 'row', id: 2, title: 'Row', collapsed: true, panels: [{ ...panel('Nested', q('rate(M[$__rate_interval])')), id: 1 }] };
      const d = dashboard();
      (d['panels'] as unknown[]).push(row);
      // WHEN linted
      const result = lint([d, dashboard({ title: 'Copy' })]);
      // THEN one duplicate id and one duplicate uid are reported
      expect(findingsOf(result, 'unique-panel-ids').map((f) => f.message)).toEqual(['duplicate panel id 1 (also panel "Requests")']);
      expect(findingsOf(result, 'unique-uids').map((f) => f.source)).toEqual(['d1.json']);
      expect(findingsOf(lint([dashboard()]), 'unique-uids')).toEqual([]);
    });
  });

  describe('rule files', () => {
    const good = {
      alert: 'HighErrorRate',
      expr: 'sum(rate(errors_total[5m])) > 1',
      for: '5m',
      labels: { severity: 'warning' },
      annotations: { summary: 'Errors', description: 'Too many errors' },
    };
    const file = (rules: unknown[]) => [{ source: 'alerts.yaml', doc: { groups: [{ name: 'g', rules }] } }];

    it('passes a well-formed alert', () => {
      // GIVEN a complete alert / WHEN linted / THEN nothing is reported
      expect(lint([], file([good, { record: 'job:errors:rate5m', expr: 'sum by (job) (rate(errors_total[5m]))' }])).findings).toEqual([]);
    });

    it('reports broken expressions, names, labels, annotations and a missing for', () => {
      // GIVEN one alert breaking every rule-file rule
      const bad = { alert: 'high_error_rate', expr: 'sum(rate(errors_total[5m]) > 1', annotations: { message: 'x' } };
      // WHEN linted
      const result = lint([], file([bad]));
      // THEN each rule reports it once
      expect(result.findings.map((f) => f.rule)).toEqual(['rule-expr', 'alert-name', 'alert-severity', 'alert-annotations', 'alert-for']);
      expect(result.findings[0]!.location).toEqual({ group: 'g', alert: 'high_error_rate', offset: bad.expr.length });
      expect(result.findings[3]!.message).toContain('"message", the older convention');
      expect(result.counts).toMatchObject({ error: 1, warning: 3, info: 1, ruleFiles: 1 });
    });
  });
});
