// The correlated RED row: exemplars linked to traces, the service's logs (trace ids linked to
// the trace), slow and failed traces from TraceQL, on red.row, red.dashboard and the mixin.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dashboard,
  datasource,
  red,
  slowAndFailedTraceQL,
  standardVariables,
  traceLink,
  logsLink,
  type RedLogsOptions,
  type RedTracesOptions,
} from '../../lib/index.js';
import { parseLogQL } from '../../lib/logql/parse-logql.js';
import { renderDashboard } from '../../lib/model/dashboard-render.js';
import { parseTraceQL } from '../../lib/logql/parse-traceql.js';
import { serviceRedMixin } from '../../mixins/service-red/index.js';
import { validateDashboard } from '../support/validate-schema.js';

type Json = Record<string, any>;
const tempoDs = datasource('tempo', 'tempo');
const zipkinDs = datasource('zipkin', 'zipkin');
const lokiDs = datasource('loki', 'loki');
const promDs = datasource('prometheus', 'prom');

function panelsOf(json: Json): Json[] {
  return (json.panels as Json[]).flatMap((p) => [p, ...((p.panels as Json[] | undefined) ?? [])]).filter((p) => p.type !== 'row');
}
function byTitle(json: Json, title: string): Json {
  const found = panelsOf(json).find((p) => p.title === title);
  if (!found)
    throw new Error(
      `no panel "${title}" in ${panelsOf(json)
        .map((p) => p.title)
        .join(', ')}`,
    );
  return found;
}
function build(options: Parameters<typeof red.row>[0]): Json {
  const vars = standardVariables();
  const d = dashboard('C')
    .uid('c')
    .variable(...vars.all)
    .row(red.row(options));
  expect(renderDashboard(d.parts()).problems).toEqual([]);
  const json = d.build() as Json;
  expect(validateDashboard(json).errors).toEqual([]);
  return json;
}

const traces: RedTracesOptions = { datasource: tempoDs, kind: 'tempo' };
const logsOf = (service: string): RedLogsOptions => ({ datasource: lokiDs, streamSelector: { app: service } });

describe('red.row with traces and logs (Tempo)', () => {
  const json = build({ service: 'checkout', datasource: promDs, traces, logs: logsOf('checkout') });

  it('GIVEN traces WHEN built THEN the p99 query fetches exemplars and their trace_id field opens the trace on Tempo', () => {
    const latency = byTitle(json, 'Latency');
    expect(latency.targets.map((t: Json) => [t.legendFormat, t.exemplar])).toEqual([
      ['p99', true],
      ['p50', undefined],
      ['mean', undefined],
    ]);
    expect(latency.fieldConfig.overrides).toContainEqual({
      matcher: { id: 'byName', options: 'trace_id' },
      properties: [{ id: 'links', value: [traceLink('Open trace', tempoDs).build()] }],
    });
  });

  it('GIVEN logs WHEN built THEN the error line links to the logs of the service over the same time range', () => {
    expect(byTitle(json, 'Error ratio').fieldConfig.overrides).toContainEqual({
      matcher: { id: 'byName', options: 'errors' },
      properties: [{ id: 'links', value: [logsLink('Logs of checkout', lokiDs, '{app="checkout"}').build()] }],
    });
    expect(byTitle(json, 'Error ratio').links).toBeUndefined();
  });

  it("GIVEN Tempo WHEN built THEN a table lists slow and failed traces from a TraceQL search, valid for Grafana's grammar", () => {
    const table = byTitle(json, 'Slow and failed traces');
    expect(table.datasource).toEqual({ type: 'tempo', uid: 'tempo' });
    expect(table.targets).toEqual([
      {
        refId: 'A',
        query: '{ resource.service.name = "checkout" && (status = error || duration > 500ms) }',
        queryType: 'traceql',
        limit: 20,
        tableType: 'traces',
      },
    ]);
    expect(parseTraceQL(table.targets[0].query).error).toBeUndefined();
  });

  it("GIVEN logs and traces WHEN built THEN the logs panel shows the service's lines and its trace_id field opens the trace", () => {
    const logsPanel = byTitle(json, 'Logs');
    expect(logsPanel.targets).toEqual([{ refId: 'A', expr: '{app="checkout"}' }]);
    expect(parseLogQL(logsPanel.targets[0].expr).error).toBeUndefined();
    expect(logsPanel.fieldConfig.overrides).toEqual([
      { matcher: { id: 'byName', options: 'trace_id' }, properties: [{ id: 'links', value: [traceLink('Open trace', tempoDs).build()] }] },
    ]);
  });

  it('GIVEN the correlated row WHEN laid out THEN traces and logs sit side by side under the RED panels', () => {
    const pos = (t: string) => byTitle(json, t).gridPos;
    expect(pos('Slow and failed traces')).toMatchObject({ x: 0, w: 12, h: 10 });
    expect(pos('Logs')).toMatchObject({ x: 12, w: 12, h: 10 });
    expect(pos('Logs').y).toBe(pos('Latency').y + pos('Latency').h);
  });
});

describe('red.row with Zipkin', () => {
  it('GIVEN Zipkin WHEN built THEN links open Zipkin trace-id queries, no search table (Zipkin has none), logs full width', () => {
    const json = build({
      service: 'cart',
      datasource: promDs,
      traces: { datasource: zipkinDs, kind: 'zipkin', traceIdLabel: 'traceID' },
      logs: { ...logsOf('cart'), traceIdField: 'traceId' },
    });
    expect(panelsOf(json).map((p) => p.title)).toEqual(['Request rate', 'Latency', 'Error ratio', 'Logs']);
    const zipkinLink = [{ title: 'Open trace', url: '', internal: { datasourceUid: 'zipkin', query: { query: '${__value.raw}', queryType: 'traceID' } } }];
    expect(byTitle(json, 'Latency').fieldConfig.overrides).toContainEqual({
      matcher: { id: 'byName', options: 'traceID' },
      properties: [{ id: 'links', value: zipkinLink }],
    });
    expect(byTitle(json, 'Logs').fieldConfig.overrides[0]).toEqual({
      matcher: { id: 'byName', options: 'traceId' },
      properties: [{ id: 'links', value: zipkinLink }],
    });
    expect(byTitle(json, 'Logs').gridPos).toMatchObject({ x: 0, w: 24 });
  });

  it('GIVEN traces only WHEN built THEN exemplars are linked and nothing else is added', () => {
    const json = build({ service: 'cart', datasource: promDs, traces: { datasource: zipkinDs } });
    expect(panelsOf(json).map((p) => p.title)).toEqual(['Request rate', 'Latency', 'Error ratio']);
    expect(JSON.stringify(byTitle(json, 'Error ratio'))).not.toContain('Logs of');
  });
});

describe('red.row from logs only (no metrics)', () => {
  it('GIVEN logs and no Prometheus data source WHEN built THEN rate, errors and latency are LogQL on Loki, plus the logs panel', () => {
    const json = build({ service: 'legacy', logs: { ...logsOf('legacy'), parser: 'logfmt', durationFormat: 'duration' }, traces });
    const exprs = ['Request rate', 'Error ratio', 'Latency'].flatMap((t) => byTitle(json, t).targets.map((q: Json) => q.expr as string));
    expect(exprs.length).toBe(5);
    for (const expr of exprs) {
      expect(parseLogQL(expr).error).toBeUndefined();
      expect(expr).toContain('{app="legacy"} | logfmt');
    }
    expect(byTitle(json, 'Error ratio').datasource).toEqual({ type: 'loki', uid: 'loki' });
    expect(byTitle(json, 'Latency').targets.some((q: Json) => 'exemplar' in q)).toBe(false);
    expect(
      panelsOf(json)
        .map((p) => p.title)
        .sort(),
    ).toEqual(['Error ratio', 'Latency', 'Logs', 'Request rate', 'Slow and failed traces']);
  });

  it('GIVEN neither metrics nor logs WHEN built THEN the old error stands', () => {
    expect(() => red.row({ service: 'x', traces })).toThrow(/red.row\("x"\): pass a datasource or variables/);
  });
});

describe('validation of the correlation options', () => {
  it('GIVEN a kind that disagrees with the data source WHEN built THEN it throws naming both', () => {
    expect(() => red.row({ service: 'x', datasource: promDs, traces: { datasource: tempoDs, kind: 'zipkin' } as never })).toThrow(
      /traces.kind is zipkin but traces.datasource is a tempo data source/,
    );
    expect(() => red.row({ service: 'x', datasource: promDs, traces: { datasource: lokiDs } as never })).toThrow(
      /must be a tempo or zipkin data source, got loki/,
    );
  });

  it('GIVEN a slowerThan that is not a TraceQL duration WHEN built THEN it throws', () => {
    for (const bad of ['500', 'fast', '1.5 s', '5m) || true', '']) {
      expect(() => red.row({ service: 'x', datasource: promDs, traces: { ...traces, slowerThan: bad } })).toThrow(/expected a TraceQL duration/);
    }
  });

  it("GIVEN any service name and duration WHEN turned into TraceQL THEN Grafana's grammar accepts it and the name survives as a literal", () => {
    fc.assert(
      fc.property(fc.string(), fc.tuple(fc.nat(10_000), fc.constantFrom('ns', 'us', 'ms', 's', 'm', 'h')), (name, [n, unit]) => {
        const q = slowAndFailedTraceQL(name, `${n}${unit}`);
        expect(parseTraceQL(q).error).toBeUndefined();
        const literal = /^\{ resource\.service\.name = ("(?:[^"\\]|\\.)*") && /.exec(q)?.[1];
        expect(literal).toBeDefined();
        expect(JSON.parse(literal!.replace(/\\'/g, "'"))).toBe(name);
      }),
    );
  });
});

describe('red.dashboard and the service-red mixin with correlation', () => {
  it('GIVEN dashboard-wide traces and logs WHEN built THEN every row is correlated, each on its own streams, a service may override', () => {
    const d = red.dashboard('Shop', ['checkout', { service: 'search', logs: logsOf('search-app') }], { traces, logs: { datasource: lokiDs } }).uid('shop');
    expect(renderDashboard(d.parts()).problems).toEqual([]);
    const json = d.build() as Json;
    expect(validateDashboard(json).errors).toEqual([]);
    const logsPanels = panelsOf(json).filter((p) => p.type === 'logs');
    expect(logsPanels.map((p) => p.targets[0].expr)).toEqual(['{job="checkout"}', '{app="search-app"}']);
    expect(
      panelsOf(json)
        .filter((p) => p.title === 'Slow and failed traces')
        .map((p) => p.targets[0].query),
    ).toEqual([slowAndFailedTraceQL('checkout'), slowAndFailedTraceQL('search')]);
  });

  it('GIVEN the mixin with traces and logs WHEN rendered THEN its RED rows are correlated and the dashboard still validates', () => {
    const rendered = serviceRedMixin.config({ traces, logs: { datasource: lokiDs } }).render();
    const json = rendered.dashboards[0]!.json as Json;
    expect(validateDashboard(json).errors).toEqual([]);
    expect(
      panelsOf(json)
        .filter((p) => p.type === 'logs')
        .map((p) => p.targets[0].expr),
    ).toEqual(['{job="http"}']);
    expect(panelsOf(json).filter((p) => p.title === 'Slow and failed traces')).toHaveLength(1);
  });
});
