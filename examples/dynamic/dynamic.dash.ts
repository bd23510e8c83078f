// A schema v2 ("dynamic") dashboard for an HTTP service: one tab per view, an auto grid that
// sizes the panels to the screen, and show/hide rules. Tabs, auto grids and rules exist only
// in schema v2, so this dashboard builds as a `dashboard.grafana.app/v2` resource without
// asking for it.
import {
  autoGrid,
  customVariable,
  dashboard,
  datasourceVariable,
  hasData,
  labelValues,
  logs,
  loki,
  prometheus,
  queryVariable,
  row,
  stat,
  tab,
  timeRangeLessThan,
  timeseries,
  variableEquals,
} from 'grafts';

const ds = datasourceVariable('datasource', 'prometheus').label('Data source');
const logsDs = datasourceVariable('logs', 'loki').label('Logs');
const job = queryVariable('job')
  .label('Job')
  .datasource(ds)
  .query(labelValues('up', 'job'))
  .multi()
  .includeAll({ allValue: '.+' })
  .refresh('time-range-change');
const instance = queryVariable('instance')
  .label('Instance')
  .datasource(ds)
  .query(labelValues(`up{job=~"${job}"}`, 'instance'))
  .multi()
  .includeAll({ allValue: '.+' })
  .refresh('time-range-change');
const env = customVariable('env', ['prod', 'staging']).label('Environment');

const selector = `job=~"${job}", instance=~"${instance}"`;
const rate = (filter = '') => `sum(rate(http_requests_total{${selector}${filter}}[$__rate_interval]))`;

const overview = tab('Overview').autoGrid(
  autoGrid({ maxColumns: 3, rowHeight: 'short' })
    .panel(
      stat('Request rate').datasource(ds).target(prometheus(rate())).unit('reqps'),
      stat('Error ratio')
        .datasource(ds)
        .target(prometheus(`${rate(', code=~"5.."')} / ${rate()}`))
        .unit('percentunit'),
      stat('p99 latency')
        .datasource(ds)
        .target(prometheus(`histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{${selector}}[$__rate_interval])))`))
        .unit('s'),
    )
    // The error logs show only when there are any.
    .item(
      logs('Error logs')
        .datasource(logsDs)
        .target(loki(`{job=~"${job}"} |= "error"`)),
      { showIf: hasData() },
    ),
);

const traffic = tab('Traffic').row(
  row('Requests').panel(
    timeseries('Requests by status')
      .datasource(ds)
      .target(prometheus(`sum by (code) (rate(http_requests_total{${selector}}[$__rate_interval]))`).legend('{{code}}'))
      .unit('reqps')
      .width(24),
  ),
  // Per-minute detail is only readable on short time ranges.
  row('Per-minute detail')
    .showIf(timeRangeLessThan('1d'))
    .panel(
      timeseries('Requests per minute')
        .datasource(ds)
        .target(prometheus(`sum(increase(http_requests_total{${selector}}[1m]))`))
        .unit('short')
        .width(24),
    ),
);

// Only production has a canary.
const canary = tab('Canary')
  .showIf(variableEquals(env, 'prod'))
  .panel(
    timeseries('Canary error ratio')
      .datasource(ds)
      .target(prometheus(`${rate(', track="canary", code=~"5.."')} / ${rate(', track="canary"')}`))
      .unit('percentunit')
      .width(24),
  );

export default dashboard('Checkout (dynamic)')
  .uid('checkout-dynamic')
  .tags('checkout')
  .variable(ds, logsDs, job, instance, env)
  .tabs(overview, traffic, canary);
