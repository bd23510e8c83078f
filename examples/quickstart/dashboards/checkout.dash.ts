// A service dashboard for an HTTP service instrumented with the usual Prometheus client
// metrics: http_requests_total{code} and the http_request_duration_seconds histogram.
import { annotation, dashboard, dashboardLink, prometheus, row, stat, text, timeseries, valueMapping } from 'grafts';
import { ds, instance, job, selector } from './variables.js';

const requests = `http_requests_total{${selector}}`;
const buckets = `http_request_duration_seconds_bucket{${selector}}`;

const overview = row('Overview').panel(
  stat('Request rate')
    .datasource(ds)
    .target(prometheus(`sum(rate(${requests}[$__rate_interval]))`))
    .unit('reqps')
    .width(6)
    .height(4),
  stat('Error ratio')
    .datasource(ds)
    .target(prometheus(`sum(rate(http_requests_total{${selector}, code=~"5.."}[$__rate_interval])) / sum(rate(${requests}[$__rate_interval]))`))
    .unit('percentunit')
    .decimals(2)
    .color('thresholds')
    .thresholds([{ color: 'green' }, { value: 0.01, color: 'orange' }, { value: 0.05, color: 'red' }])
    .colorMode('background')
    .width(6)
    .height(4),
  stat('p99 latency')
    .datasource(ds)
    .target(prometheus(`histogram_quantile(0.99, sum by (le) (rate(${buckets}[$__rate_interval])))`))
    .unit('s')
    .thresholds([{ color: 'green' }, { value: 0.5, color: 'orange' }, { value: 1, color: 'red' }])
    .width(6)
    .height(4),
  stat('Instances up')
    .datasource(ds)
    .target(prometheus(`sum(up{${selector}})`))
    .unit('none')
    .mappings(valueMapping({ '0': { text: 'none', color: 'red' } }))
    .width(6)
    .height(4),
);

const traffic = row('Traffic').panel(
  timeseries('Requests by status')
    .description('Per-second request rate, stacked by HTTP status code.')
    .datasource(ds)
    .target(prometheus(`sum by (code) (rate(${requests}[$__rate_interval]))`).legend('{{code}}'))
    .unit('reqps')
    .stacking('normal')
    .fillOpacity(30)
    .legend({ displayMode: 'table', placement: 'right', showLegend: true, calcs: ['mean', 'max'] }),
  timeseries('Latency')
    .description('p99 and p50 from the histogram, and the mean (sum / count).')
    .datasource(ds)
    .target(
      prometheus(`histogram_quantile(0.99, sum by (le) (rate(${buckets}[$__rate_interval])))`).legend('p99'),
      prometheus(`histogram_quantile(0.50, sum by (le) (rate(${buckets}[$__rate_interval])))`).legend('p50'),
      prometheus(
        `sum(rate(http_request_duration_seconds_sum{${selector}}[$__rate_interval])) / sum(rate(http_request_duration_seconds_count{${selector}}[$__rate_interval]))`,
      ).legend('mean'),
    )
    .unit('s')
    .tooltip({ mode: 'multi', sort: 'desc' }),
);

const resources = row('Process resources')
  .collapsed()
  .panel(
    timeseries(`CPU by instance`)
      .datasource(ds)
      .target(prometheus(`sum by (instance) (rate(process_cpu_seconds_total{${selector}}[$__rate_interval]))`).legend('{{instance}}'))
      .unit('percentunit'),
    timeseries('Resident memory')
      .datasource(ds)
      .target(prometheus(`sum by (instance) (process_resident_memory_bytes{${selector}})`).legend('{{instance}}'))
      .unit('bytes'),
  );

export default dashboard('Checkout service')
  .uid('checkout-service')
  .description('RED overview of the checkout service: rate, errors, duration.')
  .tags('checkout', 'red')
  .time('now-3h')
  .refresh('1m')
  .graphTooltip('shared-crosshair')
  .variable(ds, job, instance)
  .annotation(
    annotation('Restarts')
      .datasource(ds)
      .expr(`changes(process_start_time_seconds{${selector}}[5m]) > 0`)
      .titleFormat('Restart of {{instance}}')
      .iconColor('orange'),
  )
  .link(dashboardLink('Checkout dashboards').toTags('checkout').asDropdown().keepTime().includeVars())
  .panel(text('About').content('Traffic, errors and latency of **checkout**. Pick the jobs and instances above.').width(24).height(3))
  .row(overview, traffic, resources);
