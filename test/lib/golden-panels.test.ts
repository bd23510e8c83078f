import { describe, expect, it } from 'vitest';
import {
  barChart,
  datasource,
  mixedDatasource,
  rawQuery,
  barGauge,
  gauge,
  heatmap,
  histogram,
  libraryPanel,
  logs,
  loki,
  pieChart,
  prometheus,
  rangeMapping,
  regexMapping,
  specialMapping,
  stat,
  stateTimeline,
  table,
  tempo,
  text,
  timeseries,
  toJson,
  valueMapping,
  type AnyPanel,
} from '../../lib/index.js';
import { buildWith, dashboardWith, instance, job, lokiDs, panelsOf, promDs, tempoDs } from '../support/fixtures.js';
import { expectValidDashboard } from '../support/golden.js';
import { validateDashboard } from '../support/validate-schema.js';

/** Places `panel` on a dashboard, checks the dashboard against the schemas, returns the placed panel. */
function placed(panel: AnyPanel): Record<string, any> {
  const json = buildWith(panel);
  expectValidDashboard(json);
  return panelsOf(json)[0]!;
}

const requests = prometheus(`sum by (code) (rate(http_requests_total{job=~"${job}", instance=~"${instance}"}[$__rate_interval]))`).legend('{{code}}');
const errors = prometheus(`sum(rate(http_requests_total{job=~"${job}", code=~"5.."}[$__rate_interval]))`).legend('errors').refId('ERR');

describe('golden panels', () => {
  it('timeseries with every common setter and its own setters', async () => {
    // GIVEN a timeseries panel using the common setters (unit, thresholds, all four mapping
    // kinds, overrides of every matcher, legend, tooltip, colour, transformations, links,
    // description, repeat) and the kind's own (stacking, draw style, line/fill/axis options)
    const panel = timeseries(`Requests on ${instance}`)
      .description('Requests per second by status code')
      .datasource(promDs)
      .target(requests, errors)
      .unit('reqps')
      .min(0)
      .decimals(1)
      .noValue('no traffic')
      .color('palette-classic')
      .thresholds([{ color: 'green' }, { value: 100, color: 'orange' }, { value: 500, color: 'red' }])
      .mappings(
        valueMapping({ '0': { text: 'idle', color: 'blue' } }),
        rangeMapping({ from: 1000 }, { text: 'overload', color: 'red' }),
        regexMapping('^5\\d\\d$', { text: 'server error $1' }),
        specialMapping('null+nan', { text: 'n/a', color: 'gray' }),
      )
      .overrideByName('errors', { color: { mode: 'fixed', fixedColor: 'red' }, custom: { lineWidth: 2 } })
      .overrideByRegex('^2..$', { color: { mode: 'fixed', fixedColor: 'green' } })
      .overrideByQuery(requests, { custom: { fillOpacity: 30 } })
      .overrideByQuery('ERR', { custom: { axisPlacement: 'right' }, unit: 'percentunit' })
      .overrideByType('time', { displayName: 'Time' })
      .legend({ displayMode: 'table', placement: 'right', calcs: ['mean', 'max'], showLegend: true })
      .tooltip({ mode: 'multi', sort: 'desc' })
      .stacking('normal')
      .drawStyle('line')
      .lineInterpolation('smooth')
      .lineWidth(1)
      .fillOpacity(10)
      .gradientMode('opacity')
      .points('never')
      .spanNulls(true)
      .axis({ label: 'req/s', placement: 'left', softMin: 0 })
      .thresholdsStyle('dashed')
      .transformation('renameByRegex', { regex: '(.*)', renamePattern: 'code $1' })
      .link('Runbook', 'https://runbooks.example/http', { targetBlank: true })
      .repeat(instance, { direction: 'h', maxPerRow: 4 })
      .interval('1m')
      .maxDataPoints(500)
      .timeFrom('6h')
      .timeShift('1d')
      .hideTimeOverride()
      .queryCachingTTL(60000)
      .size(24, 9);

    // WHEN it is placed on a dashboard
    const json = placed(panel);

    // THEN the JSON is the reviewed golden, and query overrides point at the assigned refIds
    expect(json.fieldConfig.overrides[2].matcher).toEqual({ id: 'byFrameRefID', options: 'A' });
    expect(json.fieldConfig.overrides[3].matcher).toEqual({ id: 'byFrameRefID', options: 'ERR' });
    await expect(toJson(json)).toMatchFileSnapshot('./__golden__/panel-timeseries.json');
  });

  it('timeseries drawn as bars on a log scale, percent-stacked, with a fixed colour', async () => {
    // GIVEN a bar-style timeseries
    const panel = timeseries('Bytes')
      .datasource(promDs)
      .target(prometheus(`sum(rate(node_network_receive_bytes_total{instance=~"${instance}"}[$__rate_interval]))`))
      .drawStyle('bars')
      .stacking('percent', 'B')
      .logScale(2)
      .points('always', 4)
      .color({ mode: 'fixed', fixedColor: 'purple' })
      .unit('Bps');

    // WHEN placed
    const json = placed(panel);

    // THEN custom options carry Grafana's shapes
    expect(json.fieldConfig.defaults.custom.scaleDistribution).toEqual({ type: 'log', log: 2 });
    await expect(toJson(json)).toMatchFileSnapshot('./__golden__/panel-timeseries-bars.json');
  });

  it('stat', async () => {
    // GIVEN a stat panel with its own setters and a reduce
    const panel = stat('Error ratio')
      .datasource(promDs)
      .target(
        prometheus(
          `sum(rate(http_requests_total{job=~"${job}", code=~"5.."}[$__rate_interval])) / sum(rate(http_requests_total{job=~"${job}"}[$__rate_interval]))`,
        ).instant(),
      )
      .unit('percentunit')
      .decimals(2)
      .thresholds([{ color: 'green' }, { value: 0.01, color: 'orange' }, { value: 0.05, color: 'red' }])
      .mappings(specialMapping('nan', { text: 'no requests' }))
      .colorMode('background')
      .graphMode('none')
      .textMode('value')
      .justifyMode('center')
      .orientation('horizontal')
      .reduce('lastNotNull', { fields: '', values: false })
      .size(6, 4);
    // WHEN placed
    const json = placed(panel);
    // THEN options hold the stat settings and reduceOptions
    expect(json.options.reduceOptions).toEqual({ fields: '', values: false, calcs: ['lastNotNull'] });
    await expect(toJson(json)).toMatchFileSnapshot('./__golden__/panel-stat.json');
  });

  it('gauge', async () => {
    // GIVEN a gauge with min/max and thresholds in percentage mode
    const panel = gauge('Disk used')
      .datasource(promDs)
      .target(prometheus(`1 - node_filesystem_avail_bytes{instance=~"${instance}"} / node_filesystem_size_bytes{instance=~"${instance}"}`).instant())
      .unit('percentunit')
      .min(0)
      .max(1)
      .thresholds([{ color: 'green' }, { value: 80, color: 'red' }], 'percentage')
      .showThresholdMarkers()
      .showThresholdLabels(false)
      .reduce('last');
    // WHEN placed
    const json = placed(panel);
    // THEN thresholds keep the percentage mode
    expect(json.fieldConfig.defaults.thresholds.mode).toBe('percentage');
    await expect(toJson(json)).toMatchFileSnapshot('./__golden__/panel-gauge.json');
  });

  it('barGauge', async () => {
    // GIVEN a bar gauge over a topk instant query
    const panel = barGauge('Memory by pod')
      .datasource(promDs)
      .target(prometheus('topk(10, sum by (pod) (container_memory_working_set_bytes))').instant().legend('{{pod}}'))
      .unit('bytes')
      .displayMode('gradient')
      .valueMode('color')
      .showUnfilled()
      .orientation('horizontal')
      .color('continuous-GrYlRd');
    // WHEN placed
    const json = placed(panel);
    // THEN the plugin id is Grafana's "bargauge"
    expect(json.type).toBe('bargauge');
    await expect(toJson(json)).toMatchFileSnapshot('./__golden__/panel-bargauge.json');
  });

  it('table', async () => {
    // GIVEN a table over an instant table query with transformations and cell options
    const panel = table('Targets')
      .datasource(promDs)
      .target(prometheus(`up{job=~"${job}"}`).instant().format('table'))
      .transformation('organize', { excludeByName: { Time: true, __name__: true }, renameByName: { Value: 'Up' } })
      .transformation('filterByValue', { filters: [] }, { disabled: true })
      .sortBy('instance', true)
      .showHeader()
      .filterable()
      .cellType('color-background', { mode: 'basic' })
      .align('center')
      .mappings(valueMapping({ '0': { text: 'down', color: 'red' }, '1': { text: 'up', color: 'green' } }))
      .overrideByName('Up', { custom: { width: 80 } })
      .size(24, 10);
    // WHEN placed
    const json = placed(panel);
    // THEN cell options and sort are Grafana's shapes
    expect(json.fieldConfig.defaults.custom.cellOptions).toEqual({ type: 'color-background', mode: 'basic' });
    expect(json.options.sortBy).toEqual([{ displayName: 'instance', desc: true }]);
    await expect(toJson(json)).toMatchFileSnapshot('./__golden__/panel-table.json');
  });

  it('text', async () => {
    // GIVEN a markdown text panel without queries, transparent
    const panel = text('About').content('Owned by **team-payments**.\n\nRunbook: https://runbooks.example/checkout').transparent().size(24, 3);
    // WHEN placed
    const json = placed(panel);
    // THEN it has options.mode/content and no targets
    expect(json.targets).toBeUndefined();
    await expect(toJson(json)).toMatchFileSnapshot('./__golden__/panel-text.json');
  });

  it('logs', async () => {
    // GIVEN a logs panel on a Loki data source variable
    const panel = logs('Errors')
      .datasource(lokiDs)
      .target(loki(`{job=~"${job}"} |= "error" | logfmt`).maxLines(500).queryType('range'))
      .showTime()
      .showLabels(false)
      .wrapLines()
      .prettifyJson()
      .sortOrder('Descending')
      .dedup('signature')
      .size(24, 10);
    // WHEN placed
    const json = placed(panel);
    // THEN the panel's data source is the Loki variable
    expect(json.datasource).toEqual({ type: 'loki', uid: '${loki_datasource}' });
    await expect(toJson(json)).toMatchFileSnapshot('./__golden__/panel-logs.json');
  });

  it('heatmap', async () => {
    // GIVEN a heatmap over classic histogram buckets
    const panel = heatmap('Latency')
      .datasource(promDs)
      .target(prometheus(`sum by (le) (increase(http_request_duration_seconds_bucket{job=~"${job}"}[$__rate_interval]))`).format('heatmap').legend('{{le}}'))
      .colorScheme('Oranges')
      .cellGap(1)
      .yAxisUnit('s');
    // WHEN placed
    const json = placed(panel);
    // THEN calculate defaults to false (bucketed input)
    expect(json.options.calculate).toBe(false);
    await expect(toJson(json)).toMatchFileSnapshot('./__golden__/panel-heatmap.json');
  });

  it('pieChart', async () => {
    // GIVEN a donut chart with legend and tooltip
    const panel = pieChart('Requests by status')
      .datasource(promDs)
      .target(prometheus(`sum by (code) (increase(http_requests_total{job=~"${job}"}[$__range]))`).legend('{{code}}').instant())
      .pieType('donut')
      .labels('name', 'percent')
      .reduce('sum')
      .legend({ displayMode: 'table', placement: 'right' })
      // pie chart legends also list values; legend() is typed with the shared VizLegendOptions, so via options()
      .options({ legend: { values: ['percent'] } })
      .tooltip({ mode: 'single', sort: 'none' });
    // WHEN placed
    const json = placed(panel);
    // THEN the plugin id is Grafana's "piechart"
    expect(json.type).toBe('piechart');
    await expect(toJson(json)).toMatchFileSnapshot('./__golden__/panel-piechart.json');
  });

  it('stateTimeline', async () => {
    // GIVEN a state timeline of up with value mappings
    const panel = stateTimeline('Up')
      .datasource(promDs)
      .target(prometheus(`up{job=~"${job}"}`).legend('{{instance}}'))
      .mappings(valueMapping({ '0': { text: 'down', color: 'red' }, '1': { text: 'up', color: 'green' } }))
      .showValue('never')
      .mergeValues()
      .rowHeight(0.8)
      .fillOpacity(70)
      .legend({ showLegend: false });
    // WHEN placed
    const json = placed(panel);
    // THEN the plugin id is Grafana's "state-timeline"
    expect(json.type).toBe('state-timeline');
    await expect(toJson(json)).toMatchFileSnapshot('./__golden__/panel-state-timeline.json');
  });

  it('histogram', async () => {
    // GIVEN a histogram with explicit buckets
    const panel = histogram('Response sizes')
      .datasource(promDs)
      .target(prometheus(`http_response_size_bytes{job=~"${job}"}`))
      .bucketSize(1024)
      .bucketCount(30)
      .bucketOffset(0)
      .combine()
      .fillOpacity(80)
      .unit('bytes');
    // WHEN placed
    const json = placed(panel);
    // THEN bucket settings are panel options
    expect(json.options).toMatchObject({ bucketSize: 1024, bucketCount: 30, bucketOffset: 0, combine: true });
    await expect(toJson(json)).toMatchFileSnapshot('./__golden__/panel-histogram.json');
  });

  it('barChart', async () => {
    // GIVEN a bar chart over a table query
    const panel = barChart('Requests by route')
      .datasource(promDs)
      .target(prometheus(`sum by (route) (increase(http_requests_total{job=~"${job}"}[$__range]))`).instant().format('table'))
      .xField('route')
      .orientation('horizontal')
      .showValue('always')
      .stacking('normal')
      .xTickLabelRotation(-45)
      .legend({ showLegend: false })
      .tooltip({ mode: 'single' });
    // WHEN placed
    const json = placed(panel);
    // THEN barchart stacking is a panel option (not custom.stacking as in timeseries)
    expect(json.options.stacking).toBe('normal');
    await expect(toJson(json)).toMatchFileSnapshot('./__golden__/panel-barchart.json');
  });

  it('libraryPanel', async () => {
    // GIVEN a reference to a library panel with its own title and size
    const panel = libraryPanel('a1b2c3', 'Cluster CPU').title('CPU').size(24, 6);

    // WHEN placed on a dashboard
    const json = buildWith(panel);
    const placedPanel = panelsOf(json)[0]!;

    // THEN it is Grafana's saved form of a library panel reference: id, title, gridPos, libraryPanel
    // (no type: Grafana fills the model in from the library when the dashboard loads)
    expect(Object.keys(placedPanel)).toEqual(['id', 'title', 'libraryPanel', 'gridPos']);
    await expect(toJson(placedPanel)).toMatchFileSnapshot('./__golden__/panel-library.json');

    // AND our schema accepts it as a LibraryPanelReference, and rejects a reference with stray panel fields
    expect(validateDashboard(json)).toEqual({ valid: true, errors: [] });
    const withTargets = structuredClone(json) as unknown as { panels: Record<string, unknown>[] };
    withTargets.panels[0]!.targets = [{ refId: 'A' }];
    expect(validateDashboard(withTargets).errors).toContain('/panels/0 must NOT have additional properties (targets)');
  });

  it('Tempo queries on a Tempo data source', async () => {
    // GIVEN a table of TraceQL results and a hidden service graph query
    const panel = table('Slow traces')
      .datasource(tempoDs)
      .target(
        tempo(`{ resource.service.name =~ "${job}" && duration > 1s }`).limit(20).spansPerSpanSet(3).tableType('traces'),
        tempo().serviceMapQuery(`{job=~"${job}"}`).refId('SM').hide(),
      );
    // WHEN placed
    const json = placed(panel);
    // THEN Tempo targets carry query, queryType and their options
    expect(json.targets[1]).toEqual({ refId: 'SM', queryType: 'serviceMap', serviceMapQuery: '{job=~"$job"}', hide: true });
    await expect(toJson(json)).toMatchFileSnapshot('./__golden__/panel-tempo-table.json');
  });

  it('raw and per-query data sources on a mixed panel', async () => {
    // GIVEN a mixed-data-source panel with a raw Elasticsearch query and a Prometheus query, each on its own data source
    const es = datasource('elasticsearch', 'logs-es');
    const panel = timeseries('Errors: logs vs metrics')
      .datasource(mixedDatasource)
      .target(
        rawQuery('elasticsearch', { query: 'status:500', metrics: [{ type: 'count', id: '1' }], timeField: '@timestamp' }).datasource(es),
        prometheus(`sum(rate(http_requests_total{code=~"5.."}[$__rate_interval]))`).datasource(promDs).legend('metrics'),
      );
    // WHEN placed
    const json = placed(panel);
    // THEN the panel uses Grafana's "-- Mixed --" data source and each target names its own
    expect(json.datasource).toEqual({ type: 'datasource', uid: '-- Mixed --' });
    expect(json.targets.map((t: { datasource: unknown }) => t.datasource)).toEqual([
      { type: 'elasticsearch', uid: 'logs-es' },
      { type: 'prometheus', uid: '${datasource}' },
    ]);
    await expect(toJson(json)).toMatchFileSnapshot('./__golden__/panel-mixed-raw.json');
  });
});

describe('golden panel determinism', () => {
  const build = () =>
    timeseries('Latency')
      .datasource(promDs)
      .target(prometheus('histogram_quantile(0.99, sum by (le) (rate(x_bucket[$__rate_interval])))').legend('p99'))
      .unit('s')
      .legend({ displayMode: 'list', placement: 'bottom' })
      .tooltip({ mode: 'multi' })
      .stacking('none')
      .drawStyle('line')
      .fillOpacity(0)
      .description('p99');

  it('building the same dashboard twice gives identical bytes', () => {
    // GIVEN one dashboard builder WHEN built twice THEN the bytes are equal
    const d = dashboardWith(build());
    expect(toJson(d.build())).toBe(toJson(d.build()));
    // AND two separately constructed identical builders give equal bytes too
    expect(toJson(dashboardWith(build()).build())).toBe(toJson(dashboardWith(build()).build()));
  });

  it('setting the same options in a different order gives identical bytes (canonical key order)', () => {
    // GIVEN the same settings applied in the opposite order
    const reversed = timeseries('Latency')
      .description('p99')
      .fillOpacity(0)
      .drawStyle('line')
      .stacking('none')
      .tooltip({ mode: 'multi' })
      .legend({ placement: 'bottom', displayMode: 'list' })
      .unit('s')
      .target(prometheus('histogram_quantile(0.99, sum by (le) (rate(x_bucket[$__rate_interval])))').legend('p99'))
      .datasource(promDs);
    // WHEN both are built in a dashboard
    const a = toJson(dashboardWith(build()).build());
    const b = toJson(dashboardWith(reversed).build());
    // THEN the bytes are identical
    expect(b).toBe(a);
  });

  it('order-independence holds for every kind-specific option setter', () => {
    // GIVEN stat panels whose options are set in opposite orders
    const q = prometheus('up').instant();
    const one = stat('S').datasource(promDs).target(q).colorMode('background').graphMode('none').textMode('value').reduce('mean').unit('short');
    const two = stat('S').unit('short').reduce('mean').textMode('value').graphMode('none').colorMode('background').datasource(promDs).target(q);
    // WHEN built THEN identical bytes
    expect(toJson(dashboardWith(two).build())).toBe(toJson(dashboardWith(one).build()));
  });
});
