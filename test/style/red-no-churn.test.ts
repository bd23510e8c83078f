// Without the correlation options (traces, logs: { … }), RED rows, RED dashboards and the
// service-red mixin render exactly what they did before those options existed: the golden
// file was written by the code before the change, over a fixed sample of generated options.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dashboard,
  datasource,
  red,
  renderDashboardV2,
  standardVariables,
  type RedDashboardOptions,
  type RedRowOptions,
  type RedService,
} from '../../lib/index.js';
import { serviceRedMixin } from '../../mixins/service-red/index.js';

const name = fc.stringMatching(/^[a-z][a-z0-9_]{0,12}$/);
const label = fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/);
const matchers = fc.dictionary(label, fc.stringMatching(/^[\w .:/-]{0,6}$/), { maxKeys: 2 });
const thresholds = fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }));

const rowOptions: fc.Arbitrary<Omit<RedRowOptions, 'service' | 'variables' | 'datasource'>> = fc.record(
  {
    selector: matchers,
    requestsMetric: name,
    durationMetric: name,
    histogram: fc.constantFrom('classic' as const, 'native' as const),
    statusLabel: label,
    errorStatus: fc.constantFrom('5..', '4..|5..', 'Internal|Unavailable'),
    rateInterval: fc.constantFrom('$__rate_interval', '5m'),
    errorThresholds: thresholds,
    collapsed: fc.boolean(),
  },
  { requiredKeys: [] },
);

const rowCases = fc.sample(fc.tuple(name, rowOptions, fc.boolean()), { seed: 17, numRuns: 8 });
const dashboardCases = fc.sample(
  fc.tuple(
    fc.array(
      fc.oneof(
        name,
        fc.tuple(name, rowOptions).map(([service, o]) => ({ ...o, service })),
      ),
      { minLength: 1, maxLength: 3 },
    ),
    fc.record(
      {
        levels: fc.constantFrom(['cluster'] as const, [] as const),
        serviceLabel: label,
        layout: fc.constantFrom('rows' as const, 'tabs' as const),
        logs: fc.constant(datasource('loki', 'loki-uid')),
        histogram: fc.constantFrom('classic' as const, 'native' as const),
        description: fc.string({ maxLength: 10 }),
      },
      { requiredKeys: [] },
    ),
  ),
  { seed: 17, numRuns: 6 },
);

function renderAll(): unknown {
  const prom = datasource('prometheus', 'prom');
  return {
    rows: rowCases.map(([service, o, withVariables]) => {
      const vars = standardVariables();
      const r = withVariables ? red.row({ ...o, service, variables: vars }) : red.row({ ...o, service, datasource: prom });
      return dashboard('G')
        .uid('g')
        .variable(...vars.all)
        .row(r)
        .build();
    }),
    logsRows: rowCases.map(([service, o]) => {
      const r = red.logsRow({
        service,
        datasource: datasource('loki', 'loki'),
        streamSelector: o.selector ?? {},
        ...(o.collapsed !== undefined ? { collapsed: o.collapsed } : {}),
      });
      return dashboard('G').uid('g').row(r).build();
    }),
    dashboards: dashboardCases.map(([services, o]) => {
      const d = red.dashboard('Golden', services as RedService[], o as RedDashboardOptions).uid('golden');
      if (o.layout !== 'tabs') return d.build();
      const { spec, problems } = renderDashboardV2(d);
      expect(problems).toEqual([]);
      return spec;
    }),
    mixin: serviceRedMixin.render().dashboards.map((d) => d.json),
  };
}

describe('RED output without correlation options', () => {
  it('GIVEN a fixed sample of row, logs-row, dashboard and mixin options WHEN rendered THEN the bytes are those of the code before correlation', async () => {
    await expect(`${JSON.stringify(renderAll(), null, 2)}\n`).toMatchFileSnapshot('./__golden__/red-before-correlation.json');
  });
});
