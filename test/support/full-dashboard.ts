/**
 * A dashboard using everything a dashboard holds (variables of every kind, annotations, links,
 * top-level panels, open/repeated/collapsed rows, a library panel), shared by the v1 golden
 * test and the v2 rendering tests.
 */
import {
  adhocVariable,
  annotation,
  constantVariable,
  customVariable,
  dashboard,
  dashboardLink,
  intervalVariable,
  libraryPanel,
  logs,
  loki,
  prometheus,
  row,
  stat,
  table,
  tempo,
  text,
  textboxVariable,
  timeseries,
} from '../../lib/index.js';
import { instance, job, lokiDs, promDs, tempoDs } from './fixtures.js';

const window = intervalVariable('window', ['1m', '5m', '1h']).auto({ steps: 30, min: '10s' });
const quantile = customVariable('quantile', ['0.5', '0.9', { text: 'p99', value: '0.99' }]).defaultValue('0.99');
const selector = constantVariable('selector', 'cluster="eu-1"');
const search = textboxVariable('search', 'error');
const filters = adhocVariable('filters', promDs).baseFilters({ key: 'cluster', operator: '=', value: 'eu-1' });

export function fullDashboard() {
  const requests = timeseries('Requests')
    .datasource(promDs)
    .target(prometheus(`sum by (code) (rate(http_requests_total{job=~"${job}", ${selector}}[${window}]))`).legend('{{code}}'))
    .unit('reqps');
  const latency = timeseries('Latency')
    .datasource(promDs)
    .target(
      prometheus(`histogram_quantile(${quantile}, sum by (le) (rate(http_request_duration_seconds_bucket{job=~"${job}"}[$__rate_interval])))`).legend(
        'p{{quantile}}',
      ),
    )
    .unit('s');
  return dashboard('Checkout / API (prod)')
    .uid('checkout-api')
    .description('RED view of the checkout API')
    .tags('checkout', 'red')
    .timezone('utc')
    .editable(false)
    .graphTooltip('shared-crosshair')
    .time('now-3h')
    .refresh('30s')
    .timepicker({ refresh_intervals: ['30s', '1m', '5m'] })
    .weekStart('monday')
    .variable(promDs, lokiDs, tempoDs, job, instance, window, quantile, selector, search, filters)
    .annotation(
      annotation('Deploys')
        .datasource(promDs)
        .expr(`changes(kube_deployment_status_observed_generation{namespace="checkout", ${selector}}[2m]) > 0`)
        .step('60s')
        .titleFormat('Deploy {{deployment}}')
        .textFormat('generation changed')
        .tagKeys('deployment')
        .iconColor('purple'),
      annotation('Errors').datasource(lokiDs).expr(`{job=~"${job}"} |= "${search}"`).disabled().hideToggle(),
    )
    .link(
      dashboardLink('Runbook').url('https://runbooks.example/checkout').targetBlank().tooltip('How to operate checkout').icon('doc'),
      dashboardLink('Related').toTags('checkout').asDropdown().keepTime().includeVars(),
    )
    .panel(
      stat('Availability')
        .datasource(promDs)
        .target(prometheus(`avg(up{job=~"${job}"})`).instant())
        .unit('percentunit')
        .size(6, 4),
      text('About').content('Owned by **team-checkout**').size(18, 4),
    )
    .row(
      row('Traffic').panel(
        requests,
        latency,
        timeseries(`Errors of ${job}`)
          .datasource(promDs)
          .target(prometheus(`sum(rate(http_requests_total{job=~"${job}", code=~"5.."}[$__rate_interval]))`))
          .repeat(job, { direction: 'h', maxPerRow: 3 })
          .size(8, 6),
      ),
      row(`Instance ${instance}`)
        .repeat(instance)
        .panel(
          timeseries(`CPU ${instance}`)
            .datasource(promDs)
            .target(prometheus(`rate(process_cpu_seconds_total{instance=~"${instance}"}[$__rate_interval])`))
            .size(8, 6),
          libraryPanel('shared-mem', 'Memory').size(16, 6),
        ),
      row('Logs and traces')
        .collapsed()
        .panel(
          logs('Errors')
            .datasource(lokiDs)
            .target(loki(`{job=~"${job}"} |= "${search}"`).maxLines(200))
            .size(24, 8),
          timeseries('Log rate')
            .datasource(lokiDs)
            .target(loki(`sum by (level) (count_over_time({job=~"${job}"} | logfmt [$__auto]))`).legend('{{level}}').step('1m')),
          table('Slow traces').datasource(tempoDs).target(tempo(`{ resource.service.name = "checkout" && duration > 2s }`).limit(20)),
        ),
      row('Capacity').panel(
        timeseries('Saturation').datasource(promDs).target(prometheus('sum(rate(container_cpu_usage_seconds_total[$__rate_interval]))')).width(24),
      ),
    );
}
