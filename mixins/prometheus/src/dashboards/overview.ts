import { barGauge, labelValues, pickerVariable, prometheus, row, stat, timeseries, valueMapping, type DashboardBuilder } from 'grafts';
import { braces, type PrometheusMixinConfig } from '../config.js';
import { RECORDED } from '../rules.js';
import { prometheusDashboard } from './prometheus-dashboard.js';
import { prometheusVariables } from './variables.js';

/** The overview dashboard's uid. */
export const OVERVIEW_UID = 'prometheus-overview';

/**
 * One page for the health of Prometheus servers: the targets they scrape, rule evaluation,
 * local storage, and sending alerts.
 */
export function overviewDashboard(c: Readonly<PrometheusMixinConfig>): DashboardBuilder {
  const v = prometheusVariables(c);
  const ds = v.datasource;
  const on = v.servers;
  // Scrape targets carry their own job label (node, api, …), not the Prometheus server's, so
  // they have a picker of their own. Its values come from `up`, like every target's health.
  const scrapeJob = pickerVariable('scrape_job', { label: 'Scrape job', datasource: ds, query: labelValues(`up${braces(c.targetSelector)}`, 'job') });
  const targets = braces(`job=~"${scrapeJob}"`);
  const rate = (metric: string, ...extra: string[]) => `rate(${metric}${on(...extra)}[$__rate_interval])`;

  const summary = [
    stat('Prometheus servers up')
      .description('Prometheus servers picked above whose own scrape succeeds.')
      .target(prometheus(`sum(up${on()})`).instant())
      .unit('none')
      .thresholds([{ color: 'red' }, { value: 1, color: 'green' }]),
    stat('Targets up')
      .description('Scrape targets of the picked scrape jobs that answered their last scrape.')
      .target(prometheus(`sum(${RECORDED.targetsUp}${targets})`).instant())
      .unit('none')
      .color({ mode: 'fixed', fixedColor: 'green' }),
    stat('Targets down')
      .description('Scrape targets of the picked scrape jobs whose last scrape failed.')
      .target(prometheus(`sum(${RECORDED.targets}${targets}) - sum(${RECORDED.targetsUp}${targets})`).instant())
      .unit('none')
      .thresholds([{ color: 'green' }, { value: 1, color: 'red' }]),
    stat('Active series')
      .description('Series in the in-memory head block, summed over the picked servers.')
      .target(prometheus(`sum(prometheus_tsdb_head_series${on()})`).instant())
      .unit('short'),
    stat('Configuration')
      .description('Whether the last configuration reload of every picked server succeeded.')
      .target(prometheus(`min(prometheus_config_last_reload_successful${on()})`).instant())
      .mappings(valueMapping({ '0': { text: 'reload failed', color: 'red' }, '1': { text: 'loaded', color: 'green' } }))
      .colorMode('background'),
    stat('Alertmanagers')
      .description('Alertmanagers the picked servers send alerts to (the fewest of any server).')
      .target(prometheus(`min(prometheus_notifications_alertmanagers_discovered${on()})`).instant())
      .unit('none')
      .thresholds([{ color: 'orange' }, { value: 1, color: 'green' }]),
  ].map((p) => p.datasource(ds).size(4, 4));

  const scraping = row('Scrape targets').panel(
    timeseries('Targets up and down by job')
      .datasource(ds)
      .description("Targets per scrape job that answered (up) or failed (down) their last scrape; recorded by the mixin's scrape health rules.")
      .target(
        prometheus(`${RECORDED.targetsUp}${targets}`).legend('{{job}} up'),
        prometheus(`${RECORDED.targets}${targets} - ${RECORDED.targetsUp}${targets}`).legend('{{job}} down'),
      )
      .unit('none')
      .min(0),
    barGauge('Target availability by job')
      .datasource(ds)
      .description("Share of each scrape job's targets that are up.")
      .target(prometheus(`${RECORDED.targetsUpRatio}${targets}`).legend('{{job}}').instant())
      .unit('percentunit')
      .min(0)
      .max(1)
      .thresholds([{ color: 'red' }, { value: 0.5, color: 'orange' }, { value: 1, color: 'green' }])
      .orientation('horizontal'),
    timeseries('Slowest scrape by job')
      .datasource(ds)
      .description('How long the slowest target of each scrape job took to answer.')
      .target(prometheus(`${RECORDED.slowestScrape}${targets}`).legend('{{job}}'))
      .unit('s')
      .size(8, 8),
    timeseries('Samples per scrape by job')
      .datasource(ds)
      .description('Samples the targets of each scrape job return per scrape, summed over the job.')
      .target(prometheus(`${RECORDED.samplesScraped}${targets}`).legend('{{job}}'))
      .unit('short')
      .size(8, 8),
    timeseries('Actual scrape intervals (p99)')
      .datasource(ds)
      .description('The 99th percentile of the time between two scrapes, per configured interval: far above the configured value, Prometheus cannot keep up.')
      .target(prometheus(`max by (interval) (prometheus_target_interval_length_seconds${on('quantile="0.99"')})`).legend('configured {{interval}}'))
      .unit('s')
      .size(8, 8),
    timeseries('Rejected samples')
      .datasource(ds)
      .description('Scraped samples Prometheus refused to store, by reason.')
      .target(
        prometheus(`sum(${rate('prometheus_target_scrapes_sample_duplicate_timestamp_total')})`).legend('duplicate timestamp'),
        prometheus(`sum(${rate('prometheus_target_scrapes_sample_out_of_order_total')})`).legend('out of order'),
        prometheus(`sum(${rate('prometheus_target_scrapes_sample_out_of_bounds_total')})`).legend('out of bounds'),
      )
      .unit('cps')
      .min(0),
    timeseries('Scrape limits hit')
      .datasource(ds)
      .description('Scrapes and scrape pools refused because they went over a configured limit.')
      .target(
        prometheus(`sum(${rate('prometheus_target_scrapes_exceeded_sample_limit_total')})`).legend('sample_limit'),
        prometheus(`sum(${rate('prometheus_target_scrapes_exceeded_body_size_limit_total')})`).legend('body_size_limit'),
        prometheus(`sum(${rate('prometheus_target_scrape_pool_exceeded_target_limit_total')})`).legend('target_limit'),
        prometheus(`sum(${rate('prometheus_target_scrape_pool_exceeded_label_limits_total')})`).legend('label limits'),
      )
      .unit('cps')
      .min(0),
  );

  const rules = row('Rule evaluation').panel(
    timeseries('Evaluation time / interval')
      .datasource(ds)
      .description("How much of its interval each rule group's last evaluation took: at 100% the next evaluation is skipped.")
      .target(
        prometheus(`max by (rule_group) (prometheus_rule_group_last_duration_seconds${on()} / prometheus_rule_group_interval_seconds${on()})`).legend(
          '{{rule_group}}',
        ),
      )
      .unit('percentunit')
      .min(0)
      .thresholds([{ color: 'green' }, { value: 1, color: 'red' }])
      .thresholdsStyle('line')
      .size(8, 8),
    timeseries('Failed evaluations')
      .datasource(ds)
      .description('Rule evaluations that failed, per rule group.')
      .target(prometheus(`sum by (rule_group) (${rate('prometheus_rule_evaluation_failures_total')})`).legend('{{rule_group}}'))
      .unit('cps')
      .min(0)
      .size(8, 8),
    timeseries('Missed iterations')
      .datasource(ds)
      .description('Rule group evaluations skipped because the previous one was still running.')
      .target(prometheus(`sum by (rule_group) (${rate('prometheus_rule_group_iterations_missed_total')})`).legend('{{rule_group}}'))
      .unit('cps')
      .min(0)
      .size(8, 8),
  );

  const storage = row('Storage').panel(
    timeseries('Head series')
      .datasource(ds)
      .description('Series in the in-memory head block.')
      .target(prometheus(`sum by (instance) (prometheus_tsdb_head_series${on()})`).legend('{{instance}}'))
      .unit('short')
      .size(8, 8),
    timeseries('Head chunks')
      .datasource(ds)
      .description('Chunks in the in-memory head block.')
      .target(prometheus(`sum by (instance) (prometheus_tsdb_head_chunks${on()})`).legend('{{instance}}'))
      .unit('short')
      .size(8, 8),
    timeseries('Samples appended')
      .datasource(ds)
      .description('Samples written to the head block per second, from scrapes and recording rules.')
      .target(prometheus(`sum by (instance) (${rate('prometheus_tsdb_head_samples_appended_total')})`).legend('{{instance}}'))
      .unit('cps')
      .size(8, 8),
    timeseries('Compactions')
      .datasource(ds)
      .description('Block compactions run and failed per second.')
      .target(
        prometheus(`sum by (instance) (${rate('prometheus_tsdb_compactions_total')})`).legend('{{instance}} run'),
        prometheus(`sum by (instance) (${rate('prometheus_tsdb_compactions_failed_total')})`).legend('{{instance}} failed'),
      )
      .unit('cps')
      .min(0)
      .size(8, 8),
    timeseries('Storage failures')
      .datasource(ds)
      .description('Block reloads that failed, write-ahead log corruptions repaired and WAL writes that failed, per second.')
      .target(
        prometheus(`sum by (instance) (${rate('prometheus_tsdb_reloads_failures_total')})`).legend('{{instance}} block reloads'),
        prometheus(`sum by (instance) (${rate('prometheus_tsdb_wal_corruptions_total')})`).legend('{{instance}} WAL corruptions'),
        prometheus(`sum by (instance) (${rate('prometheus_tsdb_wal_writes_failed_total')})`).legend('{{instance}} WAL writes'),
      )
      .unit('cps')
      .min(0)
      .size(8, 8),
    timeseries('Write-ahead log')
      .datasource(ds)
      .description('WAL pages flushed and completed per second.')
      .target(
        prometheus(`sum by (instance) (${rate('prometheus_tsdb_wal_page_flushes_total')})`).legend('{{instance}} flushed'),
        prometheus(`sum by (instance) (${rate('prometheus_tsdb_wal_completed_pages_total')})`).legend('{{instance}} completed'),
      )
      .unit('cps')
      .min(0)
      .size(8, 8),
    timeseries('Block storage size')
      .datasource(ds)
      .description('Bytes of persisted blocks on disk (the head block and the WAL are not included); zero until the first block is written.')
      .target(prometheus(`sum by (instance) (prometheus_tsdb_storage_blocks_bytes${on()})`).legend('{{instance}}'))
      .unit('bytes')
      .min(0)
      .width(24),
  );

  const alerting = row('Alerting and configuration').panel(
    timeseries('Notification queue')
      .datasource(ds)
      .description('How full the queue of alerts waiting to be sent to Alertmanager is.')
      .target(
        prometheus(`max by (instance) (prometheus_notifications_queue_length${on()} / prometheus_notifications_queue_capacity${on()})`).legend('{{instance}}'),
      )
      .unit('percentunit')
      .min(0)
      .max(1)
      .size(6, 8),
    timeseries('Notification errors')
      .datasource(ds)
      // Optional: the series exist only for a Prometheus configured with Alertmanagers, and
      // the ratio is 0/0 (no data) while no alert is sent; CI's Prometheus has none.
      .description(
        'Share of alerts that failed to reach each Alertmanager. [dash-check: optional] Empty without Alertmanagers configured or while no alert is sent.',
      )
      .target(
        prometheus(
          `sum by (instance, alertmanager) (${rate('prometheus_notifications_errors_total')}) / sum by (instance, alertmanager) (${rate('prometheus_notifications_sent_total')})`,
        ).legend('{{instance}} → {{alertmanager}}'),
      )
      .unit('percentunit')
      .min(0)
      .size(6, 8),
    timeseries('Alertmanagers discovered')
      .datasource(ds)
      .description('Alertmanagers each server sends alerts to.')
      .target(prometheus(`sum by (instance) (prometheus_notifications_alertmanagers_discovered${on()})`).legend('{{instance}}'))
      .unit('none')
      .min(0)
      .size(6, 8),
    timeseries('Configuration reload')
      .datasource(ds)
      .description('1 when the last configuration reload succeeded, 0 when it failed and the previous configuration is still in use.')
      .target(prometheus(`max by (instance) (prometheus_config_last_reload_successful${on()})`).legend('{{instance}}'))
      .unit('none')
      .min(0)
      .max(1)
      .size(6, 8),
  );

  return prometheusDashboard(c, v, {
    title: c.overviewDashboardTitle,
    uid: OVERVIEW_UID,
    description: 'Health of Prometheus servers: scrape targets, rule evaluation, local storage and alerting.',
  })
    .variable(scrapeJob)
    .panel(...summary)
    .row(scraping, rules, storage, alerting);
}
