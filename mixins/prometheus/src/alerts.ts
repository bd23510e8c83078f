import { alertRule, ruleGroup, type AlertRuleBuilder, type AlertSeverity, type RuleGroupBuilder } from 'grafts';
import { braces, runbookUrl, type PrometheusMixinConfig } from './config.js';

type Config = Readonly<PrometheusMixinConfig>;

/** The alert rule groups' names. */
export const ALERT_GROUPS = Object.freeze({
  config: 'prometheus.config-alerting',
  tsdb: 'prometheus.tsdb',
  scrape: 'prometheus.scrape',
  rules: 'prometheus.rule-evaluation',
  remoteWrite: 'prometheus.remote-write',
});

interface AlertSpec {
  readonly expr: string;
  readonly for: string;
  readonly severity: AlertSeverity;
  /** Static, one sentence ending in a full stop. */
  readonly summary: string;
  /** Templated: where and how much. */
  readonly description: string;
}

function alert(c: Config, name: string, spec: AlertSpec): AlertRuleBuilder {
  const rule = alertRule(name).expr(spec.expr).for(spec.for).severity(spec.severity).summary(spec.summary).description(spec.description);
  const url = runbookUrl(c, name);
  return url === undefined ? rule : rule.runbookUrl(url);
}

/** Configuration reloads and sending alerts to Alertmanager. */
export function configAlerts(c: Config): RuleGroupBuilder {
  const s = c.prometheusSelector;
  return ruleGroup(ALERT_GROUPS.config).rule(
    alert(c, 'PrometheusBadConfig', {
      expr: `prometheus_config_last_reload_successful${braces(s)} == 0`,
      for: c.configReloadFailedFor,
      severity: 'critical',
      summary: 'Prometheus failed to reload its configuration.',
      description: 'Prometheus {{ $labels.instance }} (job {{ $labels.job }}) could not load its new configuration and keeps running the previous one.',
    }),
    alert(c, 'PrometheusNotificationQueueRunningFull', {
      expr: `100 * max_over_time(prometheus_notifications_queue_length${braces(s)}[5m]) / prometheus_notifications_queue_capacity${braces(s)} > ${c.notificationQueueFullPercent}`,
      for: '15m',
      severity: 'warning',
      summary: 'The alert notification queue of Prometheus is running full.',
      description:
        'The notification queue of Prometheus {{ $labels.instance }} is {{ printf "%.0f" $value }}% full: alerts may be dropped before they reach Alertmanager.',
    }),
    alert(c, 'PrometheusErrorSendingAlerts', {
      expr: [
        `100 * rate(prometheus_notifications_errors_total${braces(s)}[5m])`,
        `/ rate(prometheus_notifications_sent_total${braces(s)}[5m])`,
        `> ${c.notificationErrorsPercent}`,
      ].join(' '),
      for: '15m',
      severity: 'warning',
      summary: 'Prometheus fails to send alerts to an Alertmanager.',
      description: '{{ printf "%.1f" $value }}% of the alerts Prometheus {{ $labels.instance }} sent to {{ $labels.alertmanager }} failed.',
    }),
    alert(c, 'PrometheusNotConnectedToAlertmanagers', {
      expr: `prometheus_notifications_alertmanagers_discovered${braces(s)} == 0`,
      for: '10m',
      severity: 'warning',
      summary: 'Prometheus knows no Alertmanager to send alerts to.',
      description: 'Prometheus {{ $labels.instance }} has discovered no Alertmanager: its alerts reach nobody.',
    }),
  );
}

/** The local storage: block reloads, compactions, the WAL, ingestion. */
export function tsdbAlerts(c: Config): RuleGroupBuilder {
  const s = c.prometheusSelector;
  return ruleGroup(ALERT_GROUPS.tsdb).rule(
    alert(c, 'PrometheusTSDBReloadsFailing', {
      expr: `increase(prometheus_tsdb_reloads_failures_total${braces(s)}[2h]) > ${c.tsdbReloadFailuresThreshold}`,
      for: '1h',
      severity: 'warning',
      summary: 'Prometheus keeps failing to reload storage blocks.',
      description: 'Prometheus {{ $labels.instance }} failed to reload its storage blocks {{ printf "%.0f" $value }} times in the last 2 hours.',
    }),
    alert(c, 'PrometheusTSDBCompactionsFailing', {
      expr: `increase(prometheus_tsdb_compactions_failed_total${braces(s)}[2h]) > ${c.tsdbCompactionFailuresThreshold}`,
      for: '1h',
      severity: 'warning',
      summary: 'Prometheus keeps failing to compact storage blocks.',
      description:
        'Prometheus {{ $labels.instance }} failed {{ printf "%.0f" $value }} compactions in the last 2 hours; the head block grows and so does memory.',
    }),
    alert(c, 'PrometheusTSDBWALCorrupted', {
      expr: `increase(prometheus_tsdb_wal_corruptions_total${braces(s)}[1h]) > ${c.walCorruptionsThreshold}`,
      for: '5m',
      severity: 'warning',
      summary: 'Prometheus found a corrupted write-ahead log.',
      description:
        'Prometheus {{ $labels.instance }} repaired {{ printf "%.0f" $value }} write-ahead log corruptions in the last hour; recent samples may be lost.',
    }),
    alert(c, 'PrometheusNotIngestingSamples', {
      expr: [
        `sum without (type) (rate(prometheus_tsdb_head_samples_appended_total${braces(s)}[5m])) <= 0`,
        `and on (job, instance) sum by (job, instance) (prometheus_target_scrape_pool_targets${braces(s)}) > 0`,
      ].join(' '),
      for: '10m',
      severity: 'warning',
      summary: 'Prometheus stores no new samples although it has targets.',
      description: 'Prometheus {{ $labels.instance }} (job {{ $labels.job }}) has targets to scrape but appended no samples for 10 minutes.',
    }),
  );
}

/** Scraping: rejected samples, limits, targets down. */
export function scrapeAlerts(c: Config): RuleGroupBuilder {
  const s = c.prometheusSelector;
  const limit = (name: string, metric: string, what: string, summary: string) =>
    alert(c, name, {
      expr: `increase(${metric}${braces(s)}[5m]) > ${c.scrapeLimitHitsThreshold}`,
      for: '15m',
      severity: 'warning',
      summary,
      description: `Prometheus {{ $labels.instance }} ${what} {{ printf "%.0f" $value }} times in the last 5 minutes.`,
    });
  const rejected = (name: string, metric: string, why: string, summary: string) =>
    alert(c, name, {
      expr: `rate(${metric}${braces(s)}[5m]) > ${c.sampleIngestionErrorsThreshold}`,
      for: '10m',
      severity: 'warning',
      summary,
      description: `Prometheus {{ $labels.instance }} drops {{ printf "%.2f" $value }} scraped samples per second ${why}.`,
    });
  return ruleGroup(ALERT_GROUPS.scrape).rule(
    rejected(
      'PrometheusDuplicateTimestamps',
      'prometheus_target_scrapes_sample_duplicate_timestamp_total',
      'that repeat a timestamp with another value',
      'Prometheus drops samples with duplicate timestamps.',
    ),
    rejected(
      'PrometheusOutOfOrderTimestamps',
      'prometheus_target_scrapes_sample_out_of_order_total',
      'that arrive out of order',
      'Prometheus drops samples with out-of-order timestamps.',
    ),
    limit(
      'PrometheusTargetLimitHit',
      'prometheus_target_scrape_pool_exceeded_target_limit_total',
      'refused to scrape a pool with more targets than its target_limit',
      'A scrape pool has more targets than its limit allows.',
    ),
    limit(
      'PrometheusLabelLimitHit',
      'prometheus_target_scrape_pool_exceeded_label_limits_total',
      'dropped targets over a label limit',
      'Targets have more or longer labels than the scrape config allows.',
    ),
    limit(
      'PrometheusScrapeBodySizeLimitHit',
      'prometheus_target_scrapes_exceeded_body_size_limit_total',
      'failed scrapes whose response exceeded body_size_limit',
      'Scrape responses are larger than the body size limit.',
    ),
    limit(
      'PrometheusScrapeSampleLimitHit',
      'prometheus_target_scrapes_exceeded_sample_limit_total',
      'failed scrapes that returned more samples than sample_limit',
      'Scrapes return more samples than the sample limit.',
    ),
    alert(c, 'PrometheusTargetDown', {
      expr: `100 * (1 - avg by (job) (up${braces(c.targetSelector)})) > ${c.targetDownPercentThreshold}`,
      for: c.targetDownFor,
      severity: 'warning',
      summary: 'Scrape targets are down.',
      description: '{{ printf "%.0f" $value }}% of the targets of job {{ $labels.job }} cannot be scraped.',
    }),
  );
}

/** Rule evaluation: failures and missed iterations. */
export function ruleEvaluationAlerts(c: Config): RuleGroupBuilder {
  const s = c.prometheusSelector;
  return ruleGroup(ALERT_GROUPS.rules).rule(
    alert(c, 'PrometheusRuleFailures', {
      expr: `increase(prometheus_rule_evaluation_failures_total${braces(s)}[5m]) > ${c.ruleEvaluationFailuresThreshold}`,
      for: '15m',
      severity: 'critical',
      summary: 'Prometheus fails to evaluate rules.',
      description:
        'Prometheus {{ $labels.instance }} failed {{ printf "%.0f" $value }} rule evaluations of group {{ $labels.rule_group }} in the last 5 minutes.',
    }),
    alert(c, 'PrometheusMissingRuleEvaluations', {
      expr: `increase(prometheus_rule_group_iterations_missed_total${braces(s)}[5m]) > ${c.missedIterationsThreshold}`,
      for: '15m',
      severity: 'warning',
      summary: 'Prometheus skips rule group evaluations because they take too long.',
      description:
        'Prometheus {{ $labels.instance }} missed {{ printf "%.0f" $value }} evaluations of rule group {{ $labels.rule_group }} in the last 5 minutes.',
    }),
  );
}

/** Remote write: failures, lag, shards. */
export function remoteWriteAlerts(c: Config): RuleGroupBuilder {
  const s = c.prometheusSelector;
  return ruleGroup(ALERT_GROUPS.remoteWrite).rule(
    alert(c, 'PrometheusRemoteStorageFailures', {
      expr: [
        `100 * rate(prometheus_remote_storage_samples_failed_total${braces(s)}[5m])`,
        `/ rate(prometheus_remote_storage_samples_total${braces(s)}[5m])`,
        `> ${c.remoteWriteFailuresPercent}`,
      ].join(' '),
      for: '15m',
      severity: 'critical',
      summary: 'Prometheus fails to send samples to remote storage.',
      description: '{{ printf "%.1f" $value }}% of the samples Prometheus {{ $labels.instance }} sends to {{ $labels.remote_name }} ({{ $labels.url }}) fail.',
    }),
    alert(c, 'PrometheusRemoteWriteBehind', {
      expr: [
        `prometheus_remote_storage_highest_timestamp_in_seconds${braces(s)}`,
        `- on (job, instance) group_right prometheus_remote_storage_queue_highest_sent_timestamp_seconds${braces(s)}`,
        `> ${c.remoteWriteBehindSeconds}`,
      ].join(' '),
      for: '15m',
      severity: 'critical',
      summary: 'Remote write falls behind ingestion.',
      description:
        'Remote write from Prometheus {{ $labels.instance }} to {{ $labels.remote_name }} ({{ $labels.url }}) is {{ $value | humanizeDuration }} behind the newest ingested sample.',
    }),
    alert(c, 'PrometheusRemoteWriteDesiredShards', {
      expr: `prometheus_remote_storage_shards_desired${braces(s)} > prometheus_remote_storage_shards_max${braces(s)}`,
      for: '15m',
      severity: 'warning',
      summary: 'Remote write needs more shards than its configured maximum.',
      description:
        'Remote write from Prometheus {{ $labels.instance }} to {{ $labels.remote_name }} wants {{ printf "%.0f" $value }} shards, more than its max_shards.',
    }),
    alert(c, 'PrometheusRemoteWriteQueuesFull', {
      expr: [
        `100 * prometheus_remote_storage_samples_pending${braces(s)}`,
        `/ (prometheus_remote_storage_shards${braces(s)} * prometheus_remote_storage_shard_capacity${braces(s)})`,
        `> ${c.remoteWriteShardCapacityPercent}`,
      ].join(' '),
      for: '15m',
      severity: 'warning',
      summary: 'The remote write shards are almost full.',
      description: 'The remote write queues of Prometheus {{ $labels.instance }} to {{ $labels.remote_name }} are {{ printf "%.0f" $value }}% full.',
    }),
  );
}

/** Every alert group of the mixin. */
export function prometheusAlerts(c: Config): RuleGroupBuilder[] {
  return [configAlerts(c), tsdbAlerts(c), scrapeAlerts(c), ruleEvaluationAlerts(c), remoteWriteAlerts(c)];
}
