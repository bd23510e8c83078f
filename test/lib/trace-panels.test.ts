// The traces and node graph panels, and the Zipkin query.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dashboard, datasource, nodeGraph, row, tempo, textboxVariable, traces, zipkin } from '../../lib/index.js';
import { renderDashboard } from '../../lib/model/dashboard-render.js';
import { validateDashboard } from '../support/validate-schema.js';

const tempoDs = datasource('tempo', 'tempo-uid');
const zipkinDs = datasource('zipkin', 'zipkin-uid');

describe('zipkin()', () => {
  it('GIVEN any non-blank trace id WHEN built THEN it is a traceID query carrying the id verbatim', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((s) => s.trim() !== ''),
        (id) => {
          expect(zipkin(id).build()).toEqual({ refId: 'A', query: id, queryType: 'traceID' });
          expect(zipkin(id).referencedText()).toEqual([id]);
        },
      ),
    );
  });

  it('GIVEN a blank or non-string id WHEN built THEN it throws naming the value', () => {
    expect(() => zipkin('')).toThrow(/zipkin\(\): expected a trace id/);
    expect(() => zipkin('  ')).toThrow(/got " {2}"/);
    expect(() => zipkin(undefined as never)).toThrow(/got undefined/);
  });
});

describe('traces()', () => {
  it('GIVEN a trace id query WHEN built THEN it is a traces panel on that data source', () => {
    expect(traces('Trace').datasource(zipkinDs).target(zipkin('${traceId}')).width(24).build()).toEqual({
      type: 'traces',
      title: 'Trace',
      datasource: { type: 'zipkin', uid: 'zipkin-uid' },
      targets: [{ refId: 'A', query: '${traceId}', queryType: 'traceID' }],
    });
  });
});

describe('nodeGraph()', () => {
  it("GIVEN Tempo's service map WHEN built THEN options carry the units and zoom mode", () => {
    expect(
      nodeGraph('Service map')
        .datasource(tempoDs)
        .target(tempo().serviceMapQuery('{service="api"}'))
        .nodeUnits('reqps', 'ms')
        .edgeUnits('reqps')
        .zoomMode('cooperative')
        .build(),
    ).toEqual({
      type: 'nodeGraph',
      title: 'Service map',
      datasource: { type: 'tempo', uid: 'tempo-uid' },
      targets: [{ refId: 'A', queryType: 'serviceMap', serviceMapQuery: '{service="api"}' }],
      options: { nodes: { mainStatUnit: 'reqps', secondaryStatUnit: 'ms' }, edges: { mainStatUnit: 'reqps' }, zoomMode: 'cooperative' },
    });
  });

  it('GIVEN both panels in a dashboard WHEN rendered THEN there are no problems and the JSON fits the schema', () => {
    const traceId = textboxVariable('traceId');
    const d = dashboard('Traces')
      .uid('traces')
      .variable(traceId)
      .row(
        row('t').panel(
          traces('Trace')
            .datasource(tempoDs)
            .target(tempo(`${traceId}`)),
          nodeGraph('Map').datasource(tempoDs).target(tempo()),
        ),
      );
    expect(renderDashboard(d.parts()).problems).toEqual([]);
    expect(validateDashboard(d.build()).errors).toEqual([]);
  });
});
