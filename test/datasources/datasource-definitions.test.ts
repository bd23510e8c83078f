// Data sources as code: the typed builders, references by value between them, and the
// provisioning YAML; secrets only as environment references.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  datasource,
  datasourceVariable,
  genericDatasource,
  lokiDatasource,
  prometheusDatasource,
  secret,
  tempoDatasource,
  timeseries,
  traceLink,
  prometheus,
  zipkinDatasource,
} from '../../lib/index.js';
import { renderDatasourceProvisioning } from '../../lib/grafana/index.js';

const tempo = tempoDatasource({ uid: 'tempo', name: 'Tempo', url: 'http://tempo:3200' });
const loki = lokiDatasource({
  uid: 'loki',
  name: 'Loki',
  url: 'http://loki:3100',
  derivedFields: [{ name: 'trace_id', matcherRegex: '"trace_id":"(\\w+)"', datasource: tempo }],
});
const prom = prometheusDatasource({
  uid: 'prom',
  name: 'Prometheus',
  url: 'http://prometheus:9090',
  exemplarTraceIdDestinations: [{ name: 'trace_id', datasource: tempo }],
});

describe('typed data sources', () => {
  it('GIVEN Prometheus with exemplar destinations WHEN built THEN jsonData names the Tempo data source by uid', () => {
    expect(prom.spec()).toEqual({
      uid: 'prom',
      name: 'Prometheus',
      type: 'prometheus',
      access: 'proxy',
      url: 'http://prometheus:9090',
      jsonData: { exemplarTraceIdDestinations: [{ name: 'trace_id', datasourceUid: 'tempo' }] },
    });
  });

  it('GIVEN Loki derived fields WHEN built THEN the trace id becomes an internal link to Tempo', () => {
    expect(loki.spec().jsonData).toEqual({
      derivedFields: [{ name: 'trace_id', matcherRegex: '"trace_id":"(\\w+)"', url: '${__value.raw}', datasourceUid: 'tempo' }],
    });
    expect(() => lokiDatasource({ uid: 'l', name: 'L', derivedFields: [{ name: 'x', matcherRegex: '(', url: 'u' }] })).toThrow(
      /derivedFields "x": matcherRegex is not a valid regex/,
    );
  });

  it('GIVEN Tempo and Zipkin correlation settings WHEN built THEN they reference Loki and Prometheus by uid', () => {
    const t = tempoDatasource({
      uid: 'tempo',
      name: 'Tempo',
      tracesToLogsV2: {
        datasource: loki,
        tags: [{ key: 'service.name', value: 'service' }],
        filterByTraceID: true,
        spanStartTimeShift: '-5m',
        spanEndTimeShift: '5m',
      },
      tracesToMetrics: { datasource: prom, queries: [{ name: 'Rate', query: 'sum(rate(http_requests_total{$__tags}[5m]))' }] },
      serviceMap: { datasource: prom },
      nodeGraph: true,
    });
    expect(t.spec().jsonData).toEqual({
      tracesToLogsV2: {
        datasourceUid: 'loki',
        tags: [{ key: 'service.name', value: 'service' }],
        spanStartTimeShift: '-5m',
        spanEndTimeShift: '5m',
        filterByTraceID: true,
      },
      tracesToMetrics: { datasourceUid: 'prom', queries: [{ name: 'Rate', query: 'sum(rate(http_requests_total{$__tags}[5m]))' }] },
      nodeGraph: { enabled: true },
      serviceMap: { datasourceUid: 'prom' },
    });
    const z = zipkinDatasource({
      uid: 'zipkin',
      name: 'Zipkin',
      tracesToLogsV2: { datasource: loki, query: '{service="${__span.tags["service.name"]}"}' },
      nodeGraph: true,
    });
    expect(z.spec().jsonData).toEqual({
      tracesToLogsV2: { datasourceUid: 'loki', customQuery: true, query: '{service="${__span.tags["service.name"]}"}' },
      nodeGraph: { enabled: true },
    });
  });

  it('GIVEN a data source variable as a reference WHEN built THEN it is refused (settings need a fixed uid)', () => {
    expect(() =>
      prometheusDatasource({ uid: 'p', name: 'P', exemplarTraceIdDestinations: [{ name: 't', datasource: datasourceVariable('traces', 'tempo') }] }),
    ).toThrow(/needs a data source with a fixed uid/);
  });

  it('GIVEN a definition WHEN used by panels and links THEN it is a data source like any other', () => {
    expect(timeseries('x').datasource(prom).target(prometheus('up')).build().datasource).toEqual({ type: 'prometheus', uid: 'prom' });
    expect(traceLink('Trace', tempo).build().internal).toEqual({
      datasourceUid: 'tempo',
      datasourceName: 'Tempo',
      query: { query: '${__value.raw}', queryType: 'traceql' },
    });
  });

  it('GIVEN bad uids, names or literal secrets WHEN defined THEN each is refused naming the data source', () => {
    fc.assert(
      fc.property(
        fc.string().filter((u) => !/^[a-zA-Z0-9_-]{1,40}$/.test(u)),
        (uid) => {
          expect(() => prometheusDatasource({ uid, name: 'P' })).toThrow(/uid must be 1–40 letters/);
        },
      ),
    );
    expect(() => prometheusDatasource({ uid: 'p', name: ' ' })).toThrow(/prometheusDatasource\("p"\): name must be a non-empty string/);
    expect(() => prometheusDatasource({ uid: 'p', name: 'P', basicAuth: { user: 'u', password: 'hunter2' as never } })).toThrow(
      /basicAuth.password must be secret/,
    );
    expect(() => genericDatasource('x', { uid: 'p', name: 'P', secureJsonData: { apiKey: 'k' as never } })).toThrow(/secureJsonData.apiKey must be secret/);
    expect(() => datasource('prometheus', 'x') && prometheusDatasource({ uid: 'p', name: 'P', httpHeaders: { 'X-Scope-OrgID': 'tenant' as never } })).toThrow(
      /httpHeaders.X-Scope-OrgID must be secret/,
    );
  });

  it('GIVEN basic auth and headers WHEN built THEN jsonData names the headers and secrets are references only', () => {
    const d = prometheusDatasource({
      uid: 'mimir',
      name: 'Mimir',
      basicAuth: { user: 'grafana', password: secret('MIMIR_PW') },
      httpHeaders: { 'X-Scope-OrgID': secret('MIMIR_TENANT') },
    });
    expect(d.spec()).toEqual({
      uid: 'mimir',
      name: 'Mimir',
      type: 'prometheus',
      access: 'proxy',
      basicAuth: true,
      basicAuthUser: 'grafana',
      jsonData: { httpHeaderName1: 'X-Scope-OrgID' },
    });
    expect(d.toDisplay().secureJsonData).toEqual({ httpHeaderValue1: '<secret:MIMIR_TENANT>', basicAuthPassword: '<secret:MIMIR_PW>' });
  });
});

describe('provisioning YAML', () => {
  it("GIVEN data sources with secrets WHEN rendered THEN the YAML is Grafana's provisioning format, secrets as ${ENV}, values never read", () => {
    const sentinel = 'SENTINEL-provisioning-9f2c';
    process.env.GRAFTS_TEST_LOKI_PW = sentinel;
    try {
      const withSecret = lokiDatasource({ uid: 'loki', name: 'Loki', basicAuth: { user: 'u', password: secret('GRAFTS_TEST_LOKI_PW') } });
      const text = renderDatasourceProvisioning([prom, withSecret, tempo]);
      expect(text).not.toContain(sentinel);
      const doc = parse(text) as { apiVersion: number; datasources: Record<string, unknown>[] };
      expect(doc.apiVersion).toBe(1);
      expect(doc.datasources.map((d) => d.uid)).toEqual(['prom', 'loki', 'tempo']);
      expect(doc.datasources[1]).toMatchObject({
        basicAuth: true,
        basicAuthUser: 'u',
        editable: false,
        secureJsonData: { basicAuthPassword: '${GRAFTS_TEST_LOKI_PW}' },
      });
      expect(doc.datasources[0]).toEqual({ ...prom.spec(), editable: false });
    } finally {
      delete process.env.GRAFTS_TEST_LOKI_PW;
    }
  });

  it('GIVEN two definitions with one uid or one name WHEN rendered THEN it is refused', () => {
    expect(() => renderDatasourceProvisioning([prom, prometheusDatasource({ uid: 'prom', name: 'Other' })])).toThrow(/share the uid prom/);
    expect(() => renderDatasourceProvisioning([prom, prometheusDatasource({ uid: 'other', name: 'Prometheus' })])).toThrow(/share the name Prometheus/);
  });
});
