// LogQL and TraceQL lint with Grafana's own grammars (@grafana/lezer-logql, @grafana/lezer-traceql):
// queries generated from a small grammar pass, each kind of mutation fails with its offset, Loki
// rule files are linted as LogQL, and withStreamSelectors adds matchers to every stream selector.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLogQL } from '../../lib/logql/parse-logql.js';
import { parseTraceQL } from '../../lib/logql/parse-traceql.js';
import { redLogQueries } from '../../lib/style/red.js';
import { withStreamSelectors } from '../../lib/style/stream-selectors.js';
import { dashboard, findingsOf, goodVariables, lint } from './fixtures.js';

// --- a small LogQL grammar ---------------------------------------------------------------

const label = fc.constantFrom('job', 'app', 'namespace', 'level', 'pod');
const value = fc.constantFrom('api', 'a-b', '$job', '${namespace}', 'x.y', 'prod');
const matcher = fc.tuple(label, fc.constantFrom('=', '=~', '!=', '!~'), value).map(([l, op, v]) => `${l}${op}"${v}"`);
/** A selector always has one `label="value"` matcher, as Loki requires. */
const selector = fc.tuple(label, value, fc.array(matcher, { maxLength: 2 })).map(([l, v, rest]) => `{${[`${l}="${v}"`, ...rest].join(', ')}}`);
const lineFilter = fc
  .tuple(fc.constantFrom('|=', '!=', '|~', '!~'), fc.constantFrom('error', 'GET /api', '$search', '${filter:regex}'))
  .map(([op, text]) => `${op} "${text}"`);
const stage = fc.oneof(
  lineFilter,
  fc.constantFrom(
    '| json',
    '| logfmt',
    '| level="error"',
    '| status >= 500',
    '| duration > 10s',
    '| line_format "{{.msg}}"',
    '| label_format lvl=level',
    '| drop pod',
  ),
);
const pipeline = fc.array(stage, { maxLength: 3 }).map((stages) => stages.map((s) => ` ${s}`).join(''));
const range = fc.constantFrom('[5m]', '[$__auto]', '[$__interval]', '[${__range}]', '[1h30m]');
const rangeOp = fc.constantFrom('rate', 'count_over_time', 'bytes_over_time', 'bytes_rate', 'absent_over_time');

/** The parts of one metric query, so that the valid form and each mutant come from the same parts. */
interface MetricParts {
  op: string;
  selector: string;
  pipeline: string;
  range: string;
  aggregation: string;
  comparison: string;
}

const metricParts: fc.Arbitrary<MetricParts> = fc.record({
  op: rangeOp,
  selector,
  pipeline,
  range,
  aggregation: fc.constantFrom('sum', 'sum by (level)', 'max without (pod)', 'topk(5,', 'topk($k,', 'avg by ($group)'),
  comparison: fc.constantFrom('', ' > 0', ' > $threshold', ' / 60', ' * 100 >= ${limit}'),
});

function aggregate(parts: MetricParts, inner: string): string {
  return parts.aggregation.endsWith(',') ? `${parts.aggregation} ${inner})` : `${parts.aggregation} (${inner})`;
}

function metricQuery(parts: MetricParts): string {
  return `${aggregate(parts, `${parts.op}(${parts.selector}${parts.pipeline} ${parts.range})`)}${parts.comparison}`;
}

/** Mutations each of which makes a valid query invalid, and a description for failures. */
const MUTATIONS: Record<string, (p: MetricParts) => string> = {
  'drop the closing bracket of the aggregation': (p) => metricQuery(p).replace(/\)(?=[^)]*$)/, ''),
  'drop the closing brace of the selector': (p) => metricQuery({ ...p, selector: p.selector.slice(0, -1) }),
  'drop the range of the range aggregation': (p) => `${aggregate(p, `${p.op}(${p.selector}${p.pipeline})`)}${p.comparison}`,
  'aggregate a log query (no range aggregation)': (p) => aggregate(p, `${p.selector}${p.pipeline}`),
  'dangling pipe': (p) => `${p.selector}${p.pipeline} |`,
  'dangling line filter': (p) => `${p.selector}${p.pipeline} |= `,
  'empty stream selector': (p) => metricQuery({ ...p, selector: '{}' }),
  'unclosed string in the selector': (p) => metricQuery({ ...p, selector: p.selector.replace(/"(?=[^"]*$)/, '') }),
  'only empty-compatible matchers': (p) => metricQuery({ ...p, selector: '{job=~".*", app!="x"}' }),
  'dangling comparison': (p) => `${metricQuery({ ...p, comparison: '' })} >`,
};

function lokiPanel(expr: string) {
  return {
    type: 'timeseries',
    title: 'Logs',
    datasource: { type: 'loki', uid: '${loki}' },
    fieldConfig: { defaults: { unit: 'short' } },
    targets: [{ refId: 'A', expr }],
  };
}

function lintLoki(expr: string) {
  const vars = [...goodVariables(), { type: 'datasource', name: 'loki', query: 'loki' }];
  return findingsOf(lint([dashboard({ templating: { list: vars } }, [lokiPanel(expr)])]), 'logql-syntax');
}

describe('LogQL with Grafana’s grammar', () => {
  it('GIVEN the queries the bracket check let through THEN each is reported with its offset', () => {
    expect(lintLoki('rate({job="a"})')[0]!.message).toBe('invalid LogQL at offset 14: unexpected ")": rate({job="a"}⟨here⟩)');
    expect(lintLoki('{job="a"} |= ')[0]!.message).toBe('invalid LogQL at offset 13: unexpected end of query: {job="a"} |= ⟨here⟩');
    expect(lintLoki('sum by (x) ({job="a"} | json)')[0]!.message).toMatch(/^invalid LogQL at offset 28: unexpected "\)"/);
    expect(lintLoki('rate({job="a"})')[0]!.location.offset).toBe(14);
  });

  it('PROPERTY: log and metric queries generated from the grammar pass, Grafana variables included', () => {
    fc.assert(
      fc.property(selector, pipeline, (s, p) => {
        expect(parseLogQL(`${s}${p}`).error).toBeUndefined();
      }),
    );
    fc.assert(
      fc.property(metricParts, (parts) => {
        const query = metricQuery(parts);
        expect(parseLogQL(query).error, query).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  for (const [name, mutate] of Object.entries(MUTATIONS)) {
    it(`PROPERTY: mutation "${name}" fails, at an offset inside the query`, () => {
      fc.assert(
        fc.property(metricParts, (parts) => {
          const query = mutate(parts);
          const { error } = parseLogQL(query);
          expect(error, query).toBeDefined();
          expect(error!.offset).toBeGreaterThanOrEqual(0);
          expect(error!.offset).toBeLessThanOrEqual(query.length);
        }),
        { numRuns: 60 },
      );
    });
  }

  it('GIVEN a lint run THEN a generated valid Loki target has no finding and its mutant has one', () => {
    fc.assert(
      fc.property(metricParts, fc.constantFrom(...Object.values(MUTATIONS)), (parts, mutate) => {
        expect(lintLoki(metricQuery(parts))).toEqual([]);
        expect(lintLoki(mutate(parts))).toHaveLength(1);
      }),
      { numRuns: 40 },
    );
  });

  it('parses every query of the RED logs row', () => {
    for (const durationFormat of ['seconds', 'duration'] as const) {
      const queries = redLogQueries({ streamSelector: { app: 'legacy', job: '$job' }, durationFormat });
      for (const [name, query] of Object.entries(queries)) expect(parseLogQL(query).error, `${name}: ${query}`).toBeUndefined();
    }
  });
});

describe('Loki rule files', () => {
  const lokiRules = (expr: string) => ({
    source: 'loki-rules.yaml',
    doc: {
      groups: [
        {
          name: 'logs',
          rules: [
            { alert: 'HighErrorLogRate', expr: 'sum by (app) (rate({app="api"} |= "error" [5m])) > 10', for: '5m' },
            { record: 'app:log_lines:rate5m', expr },
          ],
        },
      ],
    },
  });

  it('GIVEN a valid Loki alerting rule THEN rule-expr reports nothing (it is not PromQL)', () => {
    expect(findingsOf(lint([], [lokiRules('sum by (app) (count_over_time({app="api"} | json [5m]))')]), 'rule-expr')).toEqual([]);
  });

  it('GIVEN a broken rule in a Loki file THEN it is reported as invalid LogQL with its offset', () => {
    const [finding, ...rest] = findingsOf(lint([], [lokiRules('sum(rate({app="api"}))')]), 'rule-expr');
    expect(rest).toEqual([]);
    expect(finding!.message).toBe('invalid LogQL at offset 20: unexpected ")": sum(rate({app="api"}⟨here⟩))');
    expect(finding!.location).toMatchObject({ group: 'logs', alert: 'app:log_lines:rate5m', offset: 20 });
  });

  it('GIVEN a Prometheus rule file THEN it is still parsed as PromQL', () => {
    const prom = {
      source: 'prom.yaml',
      doc: {
        groups: [
          {
            name: 'g',
            rules: [
              { alert: 'Up', expr: 'up{job="a"} == 0' },
              { record: 'x:y', expr: 'sum(rate(x[5m])' },
            ],
          },
        ],
      },
    };
    const [finding] = findingsOf(lint([], [prom]), 'rule-expr');
    expect(finding!.message).toMatch(/^invalid PromQL at offset 15: unexpected end of query/);
  });
});

describe('TraceQL', () => {
  const attribute = fc.constantFrom('span.http.status_code', 'resource.service.name', '.db.system', 'duration', 'status', 'name');
  const condition = fc
    .tuple(attribute, fc.constantFrom('=', '!=', '>', '>=', '=~'), fc.constantFrom('"checkout"', '500', '100ms', 'error', '"$service"', '$code'))
    .map(([a, op, v]) => `${a} ${op} ${v}`);
  const filter = fc
    .array(condition, { minLength: 1, maxLength: 3 })
    .chain((conds) => fc.constantFrom('&&', '||').map((join) => `{ ${conds.join(` ${join} `)} }`));
  const tail = fc.constantFrom('', ' | rate()', ' | count() > 2', ' | select(span.http.url)', ' | quantile_over_time(duration, 0.99)');

  it('PROPERTY: generated span filters with a pipeline pass; a dropped brace or value fails', () => {
    fc.assert(
      fc.property(filter, tail, (f, t) => {
        expect(parseTraceQL(`${f}${t}`).error, `${f}${t}`).toBeUndefined();
        expect(parseTraceQL(`${f.slice(0, -1)}${t}`).error).toBeDefined();
        expect(parseTraceQL(f.replace(/ \S+ }$/, ' }')).error).toBeDefined();
      }),
    );
  });

  it('GIVEN a Tempo TraceQL target THEN logql-syntax reports it as TraceQL; other Tempo query types are not parsed', () => {
    const tempo = (query: string, queryType = 'traceql') => ({
      type: 'table',
      title: 'Traces',
      datasource: { type: 'tempo', uid: 'tempo' },
      targets: [{ refId: 'A', query, queryType }],
    });
    const found = findingsOf(
      lint([dashboard({}, [tempo('{ span.http.status_code = }'), tempo('0123456789abcdef', 'traceId'), tempo('{ status = error }')])]),
      'logql-syntax',
    );
    expect(found.map((f) => f.message)).toEqual(['invalid TraceQL at offset 26: unexpected "}": ….http.status_code = ⟨here⟩}']);
  });
});

describe('withStreamSelectors', () => {
  it('adds matchers to every stream selector, keeping labels already matched and the rest of the text', () => {
    const query = 'sum by (level) (count_over_time({app="api"} |= "error" | json [$__auto])) / sum(count_over_time({app="api", job="x"}[$__auto]))';
    expect(withStreamSelectors(query, { job: { op: '=~', value: '$job' }, env: 'prod' })).toBe(
      'sum by (level) (count_over_time({app="api", job=~"$job", env="prod"} |= "error" | json [$__auto])) / sum(count_over_time({app="api", job="x", env="prod"}[$__auto]))',
    );
  });

  it('throws on invalid LogQL, naming the offset', () => {
    expect(() => withStreamSelectors('rate({job="a"})', { env: 'prod' })).toThrow(/not valid LogQL at offset 14/);
  });

  it('PROPERTY: the result parses, and every selector matches the added label', () => {
    fc.assert(
      fc.property(metricParts, (parts) => {
        const query = metricQuery(parts);
        const out = withStreamSelectors(query, { cluster: '$cluster' });
        expect(parseLogQL(out).error, out).toBeUndefined();
        let selectors = 0;
        parseLogQL(query).tree.iterate({ enter: (ref) => void (ref.name === 'Selector' && selectors++) });
        expect(selectors).toBeGreaterThan(0);
        expect(out.split('cluster="$cluster"').length - 1).toBe(selectors);
        expect(out.replace(/, cluster="\$cluster"/g, '')).toBe(query);
      }),
    );
  });
});
