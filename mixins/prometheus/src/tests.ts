import type { AlertTest, ExpectedAlert, PromtoolTest } from 'grafts';
import { runbookUrl, type PrometheusMixinConfig } from './config.js';
import { RECORDED } from './rules.js';

type Config = Readonly<PrometheusMixinConfig>;

const INSTANCE = 'prom-0:9090';
const ALERTMANAGER = 'http://alertmanager:9093/api/v2/alerts';
const REMOTE = { remote_name: 'archive', url: 'http://archive:9201/write' };
const RULE_GROUP = '/etc/prometheus/rules.yaml;example';

/** Minutes of a Prometheus duration such as `15m`, `1h30m` or `90s` (rounded up). */
export function durationMinutes(duration: string): number {
  const units: Record<string, number> = { d: 1440, h: 60, m: 1, s: 1 / 60 };
  let total = 0;
  for (const m of duration.matchAll(/(\d+(?:\.\d+)?)(ms|[dhms])/g)) total += m[2] === 'ms' ? 0 : Number(m[1]) * units[m[2]!]!;
  return Math.ceil(total);
}

/** A whole percentage safely above a percent threshold: the tests' input ratio. */
function percentAbove(threshold: number): number {
  return Math.floor(threshold) + 10;
}

/** A per-minute step whose increase over `windowMinutes` exceeds `threshold`. */
function stepAbove(threshold: number, windowMinutes: number): number {
  return Math.floor(threshold / windowMinutes) + 1;
}

/** Prometheus' `humanizeDuration` for whole seconds of at least a minute. */
function humanizeDuration(seconds: number): string {
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (d !== 0) return `${d}d ${h}h ${m}m ${s}s`;
  if (h !== 0) return `${h}h ${m}m ${s}s`;
  return `${m}m ${s}s`;
}

/**
 * The labels the input series of the Prometheus server carry: the equality matchers of
 * `prometheusSelector` (`job="prometheus"` → job=prometheus) plus an instance. Other matchers
 * (`=~`, `!=`) cannot be turned into a series; with them, the tests need series of your own.
 */
export function serverLabels(c: Config): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const m of c.prometheusSelector.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"/g)) {
    labels[m[1]!] = m[2]!.replace(/\\(.)/g, '$1');
  }
  return { ...labels, instance: INSTANCE };
}

function series(metric: string, labels: Readonly<Record<string, string>>): string {
  const inner = Object.entries(labels)
    .map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)
    .join(', ');
  return `${metric}{${inner}}`;
}

/**
 * The tests of one alert: it fires at `firesAt` with exactly `labels` and the annotations given;
 * optionally it is still pending (or quiet) at `quietAt`.
 */
function alertFires(
  c: Config,
  alertname: string,
  test: {
    readonly inputSeries: PromtoolTest['inputSeries'];
    readonly firesAt: string;
    readonly quietAt?: string;
    readonly labels: Readonly<Record<string, string>>;
    readonly summary: string;
    readonly description: string;
  },
): PromtoolTest {
  const url = runbookUrl(c, alertname);
  const expected: ExpectedAlert = {
    labels: test.labels,
    annotations: { summary: test.summary, description: test.description, ...(url !== undefined && { runbook_url: url }) },
  };
  const alertTests: AlertTest[] = [{ evalTime: test.firesAt, alertname, expAlerts: [expected] }];
  if (test.quietAt !== undefined) alertTests.unshift({ evalTime: test.quietAt, alertname, expAlerts: [] });
  return { name: `${alertname} fires`, interval: '1m', inputSeries: test.inputSeries, alertTests };
}

/**
 * One test per alert (firing with exact labels and annotations, quiet while pending), plus the
 * recording rules. Input values are derived from the config's thresholds and `for` durations,
 * so the tests keep passing when a consumer changes them.
 */
export function prometheusTests(c: Config): PromtoolTest[] {
  const server = serverLabels(c);
  const on = (metric: string, extra: Readonly<Record<string, string>> = {}) => series(metric, { ...server, ...extra });
  const fired = (severity: string, extra: Readonly<Record<string, string>> = {}) => ({ ...server, ...extra, severity });
  const inst = server['instance']!;

  const badConfigFor = durationMinutes(c.configReloadFailedFor);
  const downFor = durationMinutes(c.targetDownFor);
  // 10 node targets, enough of them down to exceed the threshold
  const nodesDown = Math.min(10, Math.floor(c.targetDownPercentThreshold / 10) + 1);
  const queuePct = percentAbove(c.notificationQueueFullPercent);
  const sendErrorPct = percentAbove(c.notificationErrorsPercent);
  const remoteFailPct = percentAbove(c.remoteWriteFailuresPercent);
  const shardPct = percentAbove(c.remoteWriteShardCapacityPercent);
  const reloadStep = stepAbove(c.tsdbReloadFailuresThreshold, 120);
  const compactionStep = stepAbove(c.tsdbCompactionFailuresThreshold, 120);
  const walJump = Math.floor(c.walCorruptionsThreshold) + 2;
  const limitStep = stepAbove(c.scrapeLimitHitsThreshold, 5);
  const ruleFailStep = stepAbove(c.ruleEvaluationFailuresThreshold, 5);
  const missedStep = stepAbove(c.missedIterationsThreshold, 5);
  const dupRate = Math.floor(c.sampleIngestionErrorsThreshold) + 1;
  const oooRate = Math.floor(c.sampleIngestionErrorsThreshold) + 1.5;
  const lagSeconds = Math.floor(c.remoteWriteBehindSeconds) + 280;

  return [
    alertFires(c, 'PrometheusBadConfig', {
      inputSeries: [{ series: on('prometheus_config_last_reload_successful'), values: `1 0x${badConfigFor + 10}` }],
      quietAt: `${Math.max(1, Math.floor(badConfigFor / 2))}m`,
      firesAt: `${badConfigFor + 5}m`,
      labels: fired('critical'),
      summary: 'Prometheus failed to reload its configuration.',
      description: `Prometheus ${inst} (job ${server['job'] ?? ''}) could not load its new configuration and keeps running the previous one.`,
    }),
    alertFires(c, 'PrometheusNotificationQueueRunningFull', {
      inputSeries: [
        { series: on('prometheus_notifications_queue_length'), values: `0 ${queuePct * 100}x30` },
        { series: on('prometheus_notifications_queue_capacity'), values: '10000x30' },
      ],
      quietAt: '10m',
      firesAt: '25m',
      labels: fired('warning'),
      summary: 'The alert notification queue of Prometheus is running full.',
      description: `The notification queue of Prometheus ${inst} is ${queuePct}% full: alerts may be dropped before they reach Alertmanager.`,
    }),
    alertFires(c, 'PrometheusErrorSendingAlerts', {
      inputSeries: [
        { series: on('prometheus_notifications_errors_total', { alertmanager: ALERTMANAGER }), values: `0+${sendErrorPct}x40` },
        { series: on('prometheus_notifications_sent_total', { alertmanager: ALERTMANAGER }), values: '0+100x40' },
      ],
      quietAt: '10m',
      firesAt: '25m',
      labels: fired('warning', { alertmanager: ALERTMANAGER }),
      summary: 'Prometheus fails to send alerts to an Alertmanager.',
      description: `${sendErrorPct.toFixed(1)}% of the alerts Prometheus ${inst} sent to ${ALERTMANAGER} failed.`,
    }),
    alertFires(c, 'PrometheusNotConnectedToAlertmanagers', {
      inputSeries: [{ series: on('prometheus_notifications_alertmanagers_discovered'), values: '0x30' }],
      quietAt: '5m',
      firesAt: '15m',
      labels: fired('warning'),
      summary: 'Prometheus knows no Alertmanager to send alerts to.',
      description: `Prometheus ${inst} has discovered no Alertmanager: its alerts reach nobody.`,
    }),
    alertFires(c, 'PrometheusTSDBReloadsFailing', {
      // failed reloads every minute, for three hours
      inputSeries: [{ series: on('prometheus_tsdb_reloads_failures_total'), values: `0+${reloadStep}x180` }],
      quietAt: '30m',
      firesAt: '150m',
      labels: fired('warning'),
      summary: 'Prometheus keeps failing to reload storage blocks.',
      description: `Prometheus ${inst} failed to reload its storage blocks ${120 * reloadStep} times in the last 2 hours.`,
    }),
    alertFires(c, 'PrometheusTSDBCompactionsFailing', {
      inputSeries: [{ series: on('prometheus_tsdb_compactions_failed_total'), values: `0+${compactionStep}x180` }],
      quietAt: '30m',
      firesAt: '150m',
      labels: fired('warning'),
      summary: 'Prometheus keeps failing to compact storage blocks.',
      description: `Prometheus ${inst} failed ${120 * compactionStep} compactions in the last 2 hours; the head block grows and so does memory.`,
    }),
    alertFires(c, 'PrometheusTSDBWALCorrupted', {
      // corruptions repaired at 10m, none after
      inputSeries: [{ series: on('prometheus_tsdb_wal_corruptions_total'), values: `0x9 ${walJump}x60` }],
      quietAt: '5m',
      firesAt: '40m',
      labels: fired('warning'),
      summary: 'Prometheus found a corrupted write-ahead log.',
      description: `Prometheus ${inst} repaired ${walJump} write-ahead log corruptions in the last hour; recent samples may be lost.`,
    }),
    {
      ...alertFires(c, 'PrometheusNotIngestingSamples', {
        // appended stays flat at 1000 while a scrape pool has targets
        inputSeries: [
          { series: on('prometheus_tsdb_head_samples_appended_total', { type: 'float' }), values: '1000x30' },
          { series: on('prometheus_target_scrape_pool_targets', { scrape_job: 'node' }), values: '3x30' },
        ],
        quietAt: '5m',
        firesAt: '20m',
        labels: fired('warning'),
        summary: 'Prometheus stores no new samples although it has targets.',
        description: `Prometheus ${inst} (job ${server['job'] ?? ''}) has targets to scrape but appended no samples for 10 minutes.`,
      }),
    },
    {
      name: 'PrometheusNotIngestingSamples stays quiet while samples are appended, or without targets',
      interval: '1m',
      inputSeries: [
        { series: on('prometheus_tsdb_head_samples_appended_total', { type: 'float' }), values: '0+600x30' },
        { series: on('prometheus_target_scrape_pool_targets', { scrape_job: 'node' }), values: '3x30' },
        { series: series('prometheus_tsdb_head_samples_appended_total', { ...server, instance: 'idle:9090', type: 'float' }), values: '5x30' },
        { series: series('prometheus_target_scrape_pool_targets', { ...server, instance: 'idle:9090', scrape_job: 'none' }), values: '0x30' },
      ],
      alertTests: [{ evalTime: '25m', alertname: 'PrometheusNotIngestingSamples', expAlerts: [] }],
    },
    alertFires(c, 'PrometheusDuplicateTimestamps', {
      inputSeries: [{ series: on('prometheus_target_scrapes_sample_duplicate_timestamp_total'), values: `0+${dupRate * 60}x30` }],
      quietAt: '5m',
      firesAt: '20m',
      labels: fired('warning'),
      summary: 'Prometheus drops samples with duplicate timestamps.',
      description: `Prometheus ${inst} drops ${dupRate.toFixed(2)} scraped samples per second that repeat a timestamp with another value.`,
    }),
    alertFires(c, 'PrometheusOutOfOrderTimestamps', {
      inputSeries: [{ series: on('prometheus_target_scrapes_sample_out_of_order_total'), values: `0+${oooRate * 60}x30` }],
      quietAt: '5m',
      firesAt: '20m',
      labels: fired('warning'),
      summary: 'Prometheus drops samples with out-of-order timestamps.',
      description: `Prometheus ${inst} drops ${oooRate.toFixed(2)} scraped samples per second that arrive out of order.`,
    }),
    alertFires(c, 'PrometheusTargetLimitHit', {
      inputSeries: [{ series: on('prometheus_target_scrape_pool_exceeded_target_limit_total'), values: `0+${limitStep}x40` }],
      quietAt: '10m',
      firesAt: '25m',
      labels: fired('warning'),
      summary: 'A scrape pool has more targets than its limit allows.',
      description: `Prometheus ${inst} refused to scrape a pool with more targets than its target_limit ${5 * limitStep} times in the last 5 minutes.`,
    }),
    alertFires(c, 'PrometheusLabelLimitHit', {
      inputSeries: [{ series: on('prometheus_target_scrape_pool_exceeded_label_limits_total'), values: `0+${limitStep}x40` }],
      quietAt: '10m',
      firesAt: '25m',
      labels: fired('warning'),
      summary: 'Targets have more or longer labels than the scrape config allows.',
      description: `Prometheus ${inst} dropped targets over a label limit ${5 * limitStep} times in the last 5 minutes.`,
    }),
    alertFires(c, 'PrometheusScrapeBodySizeLimitHit', {
      inputSeries: [{ series: on('prometheus_target_scrapes_exceeded_body_size_limit_total'), values: `0+${limitStep * 2}x40` }],
      quietAt: '10m',
      firesAt: '25m',
      labels: fired('warning'),
      summary: 'Scrape responses are larger than the body size limit.',
      description: `Prometheus ${inst} failed scrapes whose response exceeded body_size_limit ${10 * limitStep} times in the last 5 minutes.`,
    }),
    alertFires(c, 'PrometheusScrapeSampleLimitHit', {
      inputSeries: [{ series: on('prometheus_target_scrapes_exceeded_sample_limit_total'), values: `0+${limitStep}x40` }],
      quietAt: '10m',
      firesAt: '25m',
      labels: fired('warning'),
      summary: 'Scrapes return more samples than the sample limit.',
      description: `Prometheus ${inst} failed scrapes that returned more samples than sample_limit ${5 * limitStep} times in the last 5 minutes.`,
    }),
    alertFires(c, 'PrometheusTargetDown', {
      // node: enough of ten targets down; api: both up, so it must not fire for api
      inputSeries: [
        ...Array.from({ length: 10 }, (_, i) => ({ series: `up{job="node", instance="node-${i}:9100"}`, values: `${i < nodesDown ? 0 : 1}x${downFor + 10}` })),
        { series: 'up{job="api", instance="api-1:8080"}', values: `1x${downFor + 10}` },
        { series: 'up{job="api", instance="api-2:8080"}', values: `1x${downFor + 10}` },
      ],
      ...(downFor >= 2 && { quietAt: `${Math.floor(downFor / 2)}m` }),
      firesAt: `${downFor + 5}m`,
      labels: { job: 'node', severity: 'warning' },
      summary: 'Scrape targets are down.',
      description: `${nodesDown * 10}% of the targets of job node cannot be scraped.`,
    }),
    alertFires(c, 'PrometheusRuleFailures', {
      inputSeries: [{ series: on('prometheus_rule_evaluation_failures_total', { rule_group: RULE_GROUP }), values: `0+${ruleFailStep}x40` }],
      quietAt: '10m',
      firesAt: '25m',
      labels: fired('critical', { rule_group: RULE_GROUP }),
      summary: 'Prometheus fails to evaluate rules.',
      description: `Prometheus ${inst} failed ${5 * ruleFailStep} rule evaluations of group ${RULE_GROUP} in the last 5 minutes.`,
    }),
    alertFires(c, 'PrometheusMissingRuleEvaluations', {
      inputSeries: [{ series: on('prometheus_rule_group_iterations_missed_total', { rule_group: RULE_GROUP }), values: `0+${missedStep}x40` }],
      quietAt: '10m',
      firesAt: '25m',
      labels: fired('warning', { rule_group: RULE_GROUP }),
      summary: 'Prometheus skips rule group evaluations because they take too long.',
      description: `Prometheus ${inst} missed ${5 * missedStep} evaluations of rule group ${RULE_GROUP} in the last 5 minutes.`,
    }),
    alertFires(c, 'PrometheusRemoteStorageFailures', {
      inputSeries: [
        { series: on('prometheus_remote_storage_samples_failed_total', REMOTE), values: `0+${remoteFailPct}x40` },
        { series: on('prometheus_remote_storage_samples_total', REMOTE), values: '0+100x40' },
      ],
      quietAt: '10m',
      firesAt: '25m',
      labels: fired('critical', REMOTE),
      summary: 'Prometheus fails to send samples to remote storage.',
      description: `${remoteFailPct.toFixed(1)}% of the samples Prometheus ${inst} sends to ${REMOTE.remote_name} (${REMOTE.url}) fail.`,
    }),
    alertFires(c, 'PrometheusRemoteWriteBehind', {
      // ingestion is lagSeconds ahead of what was sent
      inputSeries: [
        { series: on('prometheus_remote_storage_highest_timestamp_in_seconds'), values: `${100000 + lagSeconds}+60x30` },
        { series: on('prometheus_remote_storage_queue_highest_sent_timestamp_seconds', REMOTE), values: '100000+60x30' },
      ],
      quietAt: '10m',
      firesAt: '20m',
      labels: fired('critical', REMOTE),
      summary: 'Remote write falls behind ingestion.',
      description: `Remote write from Prometheus ${inst} to ${REMOTE.remote_name} (${REMOTE.url}) is ${humanizeDuration(lagSeconds)} behind the newest ingested sample.`,
    }),
    alertFires(c, 'PrometheusRemoteWriteDesiredShards', {
      inputSeries: [
        { series: on('prometheus_remote_storage_shards_desired', REMOTE), values: '12x30' },
        { series: on('prometheus_remote_storage_shards_max', REMOTE), values: '8x30' },
      ],
      quietAt: '10m',
      firesAt: '20m',
      labels: fired('warning', REMOTE),
      summary: 'Remote write needs more shards than its configured maximum.',
      description: `Remote write from Prometheus ${inst} to ${REMOTE.remote_name} wants 12 shards, more than its max_shards.`,
    }),
    alertFires(c, 'PrometheusRemoteWriteQueuesFull', {
      inputSeries: [
        { series: on('prometheus_remote_storage_samples_pending', REMOTE), values: `${shardPct * 50}x30` },
        { series: on('prometheus_remote_storage_shards', REMOTE), values: '5x30' },
        { series: on('prometheus_remote_storage_shard_capacity', REMOTE), values: '1000x30' },
      ],
      quietAt: '10m',
      firesAt: '20m',
      labels: fired('warning', REMOTE),
      summary: 'The remote write shards are almost full.',
      description: `The remote write queues of Prometheus ${inst} to ${REMOTE.remote_name} are ${shardPct}% full.`,
    }),
    {
      name: 'scrape health recording rules',
      interval: '1m',
      inputSeries: [
        { series: 'up{job="node", instance="node-1:9100"}', values: '1x5' },
        { series: 'up{job="node", instance="node-2:9100"}', values: '0x5' },
        { series: 'up{job="api", instance="api-1:8080"}', values: '1x5' },
        { series: 'scrape_duration_seconds{job="node", instance="node-1:9100"}', values: '0.2x5' },
        { series: 'scrape_duration_seconds{job="node", instance="node-2:9100"}', values: '1.5x5' },
        { series: 'scrape_duration_seconds{job="api", instance="api-1:8080"}', values: '0.05x5' },
        { series: 'scrape_samples_scraped{job="node", instance="node-1:9100"}', values: '800x5' },
        { series: 'scrape_samples_scraped{job="node", instance="node-2:9100"}', values: '0x5' },
        { series: 'scrape_samples_scraped{job="api", instance="api-1:8080"}', values: '120x5' },
      ],
      exprTests: [
        {
          expr: RECORDED.targets,
          evalTime: '2m',
          expSamples: [
            { labels: `${RECORDED.targets}{job="api"}`, value: 1 },
            { labels: `${RECORDED.targets}{job="node"}`, value: 2 },
          ],
        },
        {
          expr: RECORDED.targetsUp,
          evalTime: '2m',
          expSamples: [
            { labels: `${RECORDED.targetsUp}{job="api"}`, value: 1 },
            { labels: `${RECORDED.targetsUp}{job="node"}`, value: 1 },
          ],
        },
        {
          expr: RECORDED.targetsUpRatio,
          evalTime: '2m',
          expSamples: [
            { labels: `${RECORDED.targetsUpRatio}{job="api"}`, value: 1 },
            { labels: `${RECORDED.targetsUpRatio}{job="node"}`, value: 0.5 },
          ],
        },
        {
          expr: RECORDED.slowestScrape,
          evalTime: '2m',
          expSamples: [
            { labels: `${RECORDED.slowestScrape}{job="api"}`, value: 0.05 },
            { labels: `${RECORDED.slowestScrape}{job="node"}`, value: 1.5 },
          ],
        },
        {
          expr: RECORDED.samplesScraped,
          evalTime: '2m',
          expSamples: [
            { labels: `${RECORDED.samplesScraped}{job="api"}`, value: 120 },
            { labels: `${RECORDED.samplesScraped}{job="node"}`, value: 800 },
          ],
        },
      ],
    },
  ];
}
