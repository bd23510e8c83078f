import { computed, type ConfigDefaults } from 'grafts';

/**
 * The configuration of the Prometheus mixin. Every key has a default (see
 * {@link PROMETHEUS_DEFAULTS}); override any subset with `prometheusMixin.config({...})`.
 */
export interface PrometheusMixinConfig {
  /** Matchers (the inside of `{…}`) selecting the Prometheus servers' own metrics. */
  readonly prometheusSelector: string;
  /**
   * Matchers selecting the scrape targets whose health is recorded and alerted on
   * (`up`, `scrape_*`); empty = every target the data source sees.
   */
  readonly targetSelector: string;

  // Scraping
  /** Samples per second dropped for duplicate or out-of-order timestamps above which an alert fires. */
  readonly sampleIngestionErrorsThreshold: number;
  /** Scrapes (or scrape pools) over a limit in 5 minutes above which a limit alert fires. */
  readonly scrapeLimitHitsThreshold: number;
  /** Percentage of a job's targets down above which PrometheusTargetDown fires. */
  readonly targetDownPercentThreshold: number;
  /** How long targets must be down before PrometheusTargetDown fires. */
  readonly targetDownFor: string;

  // Rule evaluation
  /** Failed rule evaluations per rule group in 5 minutes above which PrometheusRuleFailures fires. */
  readonly ruleEvaluationFailuresThreshold: number;
  /** Missed rule group iterations in 5 minutes above which PrometheusMissingRuleEvaluations fires. */
  readonly missedIterationsThreshold: number;

  // Alerting and configuration
  /** How long a failed configuration reload must last before PrometheusBadConfig fires. */
  readonly configReloadFailedFor: string;
  /** Percentage of alerts failing to reach an Alertmanager above which PrometheusErrorSendingAlerts fires. */
  readonly notificationErrorsPercent: number;
  /** Notification queue fill (percent of its capacity) above which PrometheusNotificationQueueRunningFull fires. */
  readonly notificationQueueFullPercent: number;

  // Storage
  /** Failed TSDB compactions in 2 hours above which PrometheusTSDBCompactionsFailing fires. */
  readonly tsdbCompactionFailuresThreshold: number;
  /** Failed TSDB block reloads in 2 hours above which PrometheusTSDBReloadsFailing fires. */
  readonly tsdbReloadFailuresThreshold: number;
  /** WAL corruptions in an hour above which PrometheusTSDBWALCorrupted fires. */
  readonly walCorruptionsThreshold: number;

  // Remote write
  /** Percentage of samples failing to be sent above which PrometheusRemoteStorageFailures fires. */
  readonly remoteWriteFailuresPercent: number;
  /** Seconds remote write may lag behind ingestion before PrometheusRemoteWriteBehind fires. */
  readonly remoteWriteBehindSeconds: number;
  /** Pending samples as a percentage of the shards' capacity above which PrometheusRemoteWriteQueuesFull fires. */
  readonly remoteWriteShardCapacityPercent: number;

  // Presentation
  /**
   * Runbook URL of each alert (its `runbook_url` annotation); `%s` is replaced by the alert
   * name. Empty: alerts get no `runbook_url`.
   */
  readonly runbookUrlPattern: string;
  /** Tags of every dashboard. */
  readonly dashboardTags: readonly string[];
  /** Put before every dashboard title. */
  readonly dashboardNamePrefix: string;
  /** Title of the overview dashboard (default: computed from `dashboardNamePrefix`). */
  readonly overviewDashboardTitle: string;
  /** Title of the remote write dashboard (default: computed from `dashboardNamePrefix`). */
  readonly remoteWriteDashboardTitle: string;
}

/** The defaults of every key of {@link PrometheusMixinConfig}. */
export const PROMETHEUS_DEFAULTS: ConfigDefaults<PrometheusMixinConfig> = {
  prometheusSelector: 'job="prometheus"',
  targetSelector: '',

  sampleIngestionErrorsThreshold: 0,
  scrapeLimitHitsThreshold: 0,
  targetDownPercentThreshold: 10,
  targetDownFor: '15m',

  ruleEvaluationFailuresThreshold: 0,
  missedIterationsThreshold: 0,

  configReloadFailedFor: '10m',
  notificationErrorsPercent: 1,
  notificationQueueFullPercent: 80,

  tsdbCompactionFailuresThreshold: 0,
  tsdbReloadFailuresThreshold: 0,
  walCorruptionsThreshold: 0,

  remoteWriteFailuresPercent: 1,
  remoteWriteBehindSeconds: 120,
  remoteWriteShardCapacityPercent: 80,

  runbookUrlPattern: 'https://www.npmjs.com/package/@grafts/mixin-prometheus#runbook-%s',
  dashboardTags: ['prometheus-mixin'],
  dashboardNamePrefix: 'Prometheus / ',
  overviewDashboardTitle: computed((c: PrometheusMixinConfig) => `${c.dashboardNamePrefix}Overview`),
  remoteWriteDashboardTitle: computed((c: PrometheusMixinConfig) => `${c.dashboardNamePrefix}Remote write`),
};

/** The runbook URL of an alert (the pattern with `%s` replaced by its name), or undefined when the pattern is empty. */
export function runbookUrl(config: Readonly<PrometheusMixinConfig>, alert: string): string | undefined {
  return config.runbookUrlPattern === '' ? undefined : config.runbookUrlPattern.split('%s').join(alert);
}

/**
 * The `{…}` to put after a metric name: several matcher lists joined, empty ones skipped, and
 * nothing at all when every list is empty.
 *
 * @example
 * braces('job="prometheus"', 'instance=~"$instance"') // → '{job="prometheus", instance=~"$instance"}'
 * braces('')                                          // → ''
 */
export function braces(...matchers: readonly string[]): string {
  const list = matchers.map((m) => m.trim()).filter((m) => m !== '');
  return list.length === 0 ? '' : `{${list.join(', ')}}`;
}
