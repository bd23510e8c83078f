// Typed data links: URL links, internal links (a query on another data source opened in
// Explore), and the trace / logs shorthands, on panels and on fields.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dashboard,
  datasource,
  datasourceVariable,
  internalLink,
  logs,
  logsLink,
  loki,
  prometheus,
  row,
  table,
  tempo,
  timeseries,
  traceLink,
  urlLink,
  zipkin,
  type DatasourceLike,
} from '../../lib/index.js';
import { validateDashboard } from '../support/validate-schema.js';

const tempoDs = datasource('tempo', 'tempo-uid');
const lokiDs = datasource('loki', 'loki-uid');
const zipkinDs = datasource('zipkin', 'zipkin-uid');

describe('internalLink', () => {
  it('GIVEN a Tempo data source and a TraceQL query WHEN built THEN the link opens that query on that data source, url empty', () => {
    expect(internalLink('Open trace', tempoDs, tempo('${__value.raw}')).build()).toEqual({
      title: 'Open trace',
      url: '',
      internal: { datasourceUid: 'tempo-uid', query: { query: '${__value.raw}', queryType: 'traceql' } },
    });
  });

  it('GIVEN a data source with a name WHEN built THEN the name is kept for the link label', () => {
    const named: DatasourceLike<'loki'> = { kind: 'loki', displayName: 'Logs', toRef: () => ({ type: 'loki', uid: 'logs' }) };
    expect(logsLink('Logs', named, '{job="api"}').build().internal).toEqual({ datasourceUid: 'logs', datasourceName: 'Logs', query: { expr: '{job="api"}' } });
  });

  it('GIVEN any title, uid and query text WHEN built THEN the link carries exactly the query as the plugin stores it, without refId', () => {
    const text = fc.string({ minLength: 1 });
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((t) => t.trim() !== ''),
        fc.string({ minLength: 1 }),
        text,
        fc.constantFrom('tempo', 'loki', 'zipkin', 'prometheus'),
        (title, uid, q, kind) => {
          const query =
            kind === 'tempo' ? tempo(q) : kind === 'loki' ? loki(q) : kind === 'prometheus' ? prometheus(q).exemplar() : zipkin(q.trim() === '' ? 'x' : q);
          const ds = datasource(kind, uid) as DatasourceLike<typeof query.kind>;
          const link = internalLink(title, ds, query as never).build();
          const { refId, ...expected } = query.build();
          expect(refId).toBe('A');
          expect(link).toEqual({ title, url: '', internal: { datasourceUid: uid, query: expected } });
          expect(Object.keys(link)).toEqual(['title', 'url', 'internal']);
        },
      ),
    );
  });

  it('GIVEN a query of another kind than the data source (from JavaScript) WHEN linked THEN it throws naming both', () => {
    expect(() => internalLink('x', lokiDs as DatasourceLike<string>, tempo('{}') as never)).toThrow(
      /a tempo query cannot run on the loki data source loki-uid/,
    );
    expect(() => traceLink('x', lokiDs as never)).toThrow(/expected a tempo or zipkin data source, got loki/);
    expect(() => internalLink(' ', lokiDs, loki('{a="b"}'))).toThrow(/non-empty link title/);
  });

  it('GIVEN a data source variable WHEN linked THEN the uid is the variable (Grafana resolves it when the link is followed)', () => {
    const v = datasourceVariable('traces', 'tempo');
    expect(traceLink('Trace', v).build().internal?.datasourceUid).toBe('${traces}');
  });

  it('GIVEN a built link WHEN its output is mutated THEN the next build is unchanged', () => {
    const link = traceLink('Trace', tempoDs);
    const first = link.build();
    (first.internal!.query as Record<string, unknown>).query = 'changed';
    first.title = 'changed';
    expect(link.build()).toEqual({
      title: 'Trace',
      url: '',
      internal: { datasourceUid: 'tempo-uid', query: { query: '${__value.raw}', queryType: 'traceql' } },
    });
  });
});

describe('traceLink', () => {
  it("GIVEN Tempo or Zipkin WHEN built THEN the query is that plugin's trace-id query for the clicked value", () => {
    expect(traceLink('T', tempoDs).build().internal?.query).toEqual({ query: '${__value.raw}', queryType: 'traceql' });
    expect(traceLink('T', zipkinDs).build().internal?.query).toEqual({ query: '${__value.raw}', queryType: 'traceID' });
    expect(traceLink('T', zipkinDs, '${__field.labels.trace_id}').build().internal?.query).toEqual({
      query: '${__field.labels.trace_id}',
      queryType: 'traceID',
    });
  });
});

describe('urlLink', () => {
  it('GIVEN a title and URL WHEN built THEN it is the plain data link, new tab only when asked', () => {
    expect(urlLink('Runbook', 'https://r.example/${__field.labels.job}').build()).toEqual({ title: 'Runbook', url: 'https://r.example/${__field.labels.job}' });
    expect(urlLink('Runbook', 'https://r.example').targetBlank().build()).toEqual({ title: 'Runbook', url: 'https://r.example', targetBlank: true });
    expect(() => urlLink('Runbook', '')).toThrow(/urlLink\("Runbook"\): expected a URL/);
  });
});

describe('links on panels and fields', () => {
  it('GIVEN the old link(title, url) form WHEN built THEN the output is what it always was', () => {
    expect(timeseries('x').link('A', 'https://a', { targetBlank: true }).link('B', 'https://b').build().links).toEqual([
      { title: 'A', url: 'https://a', targetBlank: true },
      { title: 'B', url: 'https://b' },
    ]);
  });

  it('GIVEN a link spec WHEN added to the panel menu, every field, or one field THEN each lands where Grafana reads it', () => {
    const trace = traceLink('Open trace', tempoDs);
    const logsOfJob = logsLink('Logs', lokiDs, '{job="api"}');
    const built = table('Slow traces')
      .link(logsOfJob)
      .fieldLink(urlLink('Search', 'https://s.example'))
      .fieldLink(logsOfJob)
      .fieldLinkFor('traceID', trace)
      .build();
    expect(built.links).toEqual([logsOfJob.build()]);
    expect(built.fieldConfig).toEqual({
      defaults: { links: [{ title: 'Search', url: 'https://s.example' }, logsOfJob.build()] },
      overrides: [{ matcher: { id: 'byName', options: 'traceID' }, properties: [{ id: 'links', value: [trace.build()] }] }],
    });
  });

  it('GIVEN internal links in a dashboard WHEN validated THEN they fit the dashboard schema', () => {
    const p = logs('Logs')
      .datasource(lokiDs)
      .target(loki('{job="api"}'))
      .fieldLinkFor('traceID', traceLink('Trace', tempoDs))
      .link(traceLink('Trace', zipkinDs));
    const json = dashboard('Links').uid('links').row(row('r').panel(p)).build();
    expect(validateDashboard(json).errors).toEqual([]);
  });
});
