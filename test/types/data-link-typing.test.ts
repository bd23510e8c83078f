// Compile-time proof (checked by `tsc --noEmit -p .`, which includes test/): an internal link
// takes only queries of its data source's plugin. Each `@ts-expect-error` line fails the type
// check if it ever compiles; at run time the same mistakes throw.
import { describe, expect, it } from 'vitest';
import { datasource, datasourceVariable, internalLink, logsLink, loki, prometheus, tempo, traceLink, zipkin } from '../../lib/index.js';

const tempoDs = datasource('tempo', 'tempo-uid');
const lokiDs = datasource('loki', 'loki-uid');
const lokiVar = datasourceVariable('logs', 'loki');
const promDs = datasource('prometheus', 'prom-uid');

describe('internal links are typed per target kind', () => {
  it('GIVEN matching kinds WHEN linked THEN it compiles and builds', () => {
    expect(internalLink('t', tempoDs, tempo('${__value.raw}')).build().internal?.datasourceUid).toBe('tempo-uid');
    expect(internalLink('l', lokiVar, loki('{a="b"}')).build().internal?.datasourceUid).toBe('${logs}');
    expect(internalLink('p', promDs, prometheus('up')).build().internal?.query).toEqual({ expr: 'up' });
  });

  it('GIVEN a TraceQL query on a Loki link WHEN compiled THEN it is an error (and throws at run time)', () => {
    // @ts-expect-error a TempoQuery is not a query for the loki plugin
    expect(() => internalLink('x', lokiDs, tempo('{ status = error }'))).toThrow(/tempo query cannot run on the loki data source/);
    // @ts-expect-error same through a data source variable
    expect(() => internalLink('x', lokiVar, tempo('{ status = error }'))).toThrow(/tempo query cannot run on the loki data source/);
    // @ts-expect-error a LogQL query cannot go to Tempo
    expect(() => internalLink('x', tempoDs, loki('{a="b"}'))).toThrow(/loki query cannot run on the tempo data source/);
    // @ts-expect-error a Zipkin trace id query cannot go to Tempo
    expect(() => internalLink('x', tempoDs, zipkin('abc'))).toThrow(/zipkin query cannot run on the tempo data source/);
  });

  it('GIVEN the shorthands WHEN given the wrong kind of data source THEN they do not compile', () => {
    // @ts-expect-error a trace link needs a tempo or zipkin data source
    expect(() => traceLink('x', lokiDs)).toThrow(/expected a tempo or zipkin data source/);
    // @ts-expect-error a logs link needs a loki data source
    expect(() => logsLink('x', tempoDs, '{a="b"}')).toThrow(/loki query cannot run on the tempo data source/);
  });
});
