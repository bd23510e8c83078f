import { prometheus, row, timeseries, type DashboardBuilder } from 'grafts';
import type { PrometheusMixinConfig } from '../config.js';
import { prometheusDashboard } from './prometheus-dashboard.js';
import { prometheusVariables } from './variables.js';

/** The remote write dashboard's uid. */
export const REMOTE_WRITE_UID = 'prometheus-remote-write';

// Every queue metric (`prometheus_remote_storage_*{remote_name, url}`) exists only while a
// `remote_write` endpoint is configured, so a Prometheus without remote write (CI's, for one)
// rightly shows nothing in those panels: they carry the optional marker for `dash check`,
// with the reason in their description.
const NEEDS_REMOTE_WRITE = '[dash-check: optional] Empty unless remote_write is configured.';

/** Remote write queues: throughput, failures, lag and sharding per endpoint. */
export function remoteWriteDashboard(c: Readonly<PrometheusMixinConfig>): DashboardBuilder {
  const v = prometheusVariables(c);
  const ds = v.datasource;
  const on = v.servers;
  const rate = (metric: string) => `rate(${metric}${on()}[$__rate_interval])`;
  const endpoint = 'instance, remote_name, url';
  const optional = (text: string) => `${text} ${NEEDS_REMOTE_WRITE}`;
  // Every panel is a third of a row wide, on the picked data source.
  const panel = (title: string, description: string) => timeseries(title).datasource(ds).description(description).size(8, 8);

  const throughput = row('Throughput').panel(
    panel('Samples in', 'Samples appended locally that remote write reads from the WAL; present with or without remote write.')
      .target(prometheus(`sum by (instance) (${rate('prometheus_remote_storage_samples_in_total')})`).legend('{{instance}}'))
      .unit('cps')
      .min(0),
    panel('Samples sent', optional('Samples sent per second to each remote endpoint.'))
      .target(prometheus(`sum by (${endpoint}) (${rate('prometheus_remote_storage_samples_total')})`).legend('{{instance}} → {{remote_name}}'))
      .unit('cps')
      .min(0),
    panel(
      'Samples failed, retried and dropped',
      optional('Samples that failed with an unrecoverable error, were sent again after a recoverable one, or were dropped by relabelling.'),
    )
      .target(
        prometheus(`sum by (${endpoint}) (${rate('prometheus_remote_storage_samples_failed_total')})`).legend('{{remote_name}} failed'),
        prometheus(`sum by (${endpoint}) (${rate('prometheus_remote_storage_samples_retried_total')})`).legend('{{remote_name}} retried'),
        prometheus(`sum by (${endpoint}) (${rate('prometheus_remote_storage_samples_dropped_total')})`).legend('{{remote_name}} dropped'),
      )
      .unit('cps')
      .min(0),
  );

  const lag = row('Lag').panel(
    panel('Highest timestamp lag', optional('How far the newest sample sent to each endpoint is behind the newest sample ingested.'))
      .target(
        prometheus(
          `prometheus_remote_storage_highest_timestamp_in_seconds${on()} - on (job, instance) group_right prometheus_remote_storage_queue_highest_sent_timestamp_seconds${on()}`,
        ).legend('{{instance}} → {{remote_name}}'),
      )
      .unit('s'),
    panel('Pending samples', optional('Samples queued in the shards, waiting to be sent.'))
      .target(prometheus(`sum by (${endpoint}) (prometheus_remote_storage_samples_pending${on()})`).legend('{{instance}} → {{remote_name}}'))
      .unit('short')
      .min(0),
    panel('WAL segments behind', optional('Write-ahead log segments between the one Prometheus writes and the one each remote write queue reads.'))
      .target(
        prometheus(`prometheus_tsdb_wal_segment_current${on()} - on (job, instance) group_right prometheus_wal_watcher_current_segment${on()}`).legend(
          '{{instance}} → {{consumer}}',
        ),
      )
      .unit('none')
      .min(0),
  );

  const shards = row('Shards').panel(
    panel('Shards: current, desired, max', optional('Shards sending in parallel, the number remote write would like, and the configured bounds.'))
      .target(
        prometheus(`max by (${endpoint}) (prometheus_remote_storage_shards${on()})`).legend('{{remote_name}} current'),
        prometheus(`max by (${endpoint}) (prometheus_remote_storage_shards_desired${on()})`).legend('{{remote_name}} desired'),
        prometheus(`max by (${endpoint}) (prometheus_remote_storage_shards_max${on()})`).legend('{{remote_name}} max'),
        prometheus(`max by (${endpoint}) (prometheus_remote_storage_shards_min${on()})`).legend('{{remote_name}} min'),
      )
      .unit('none')
      .min(0),
    panel('Shard queue fill', optional('Pending samples as a share of what the current shards can hold.'))
      .target(
        prometheus(
          `max by (${endpoint}) (prometheus_remote_storage_samples_pending${on()} / (prometheus_remote_storage_shards${on()} * prometheus_remote_storage_shard_capacity${on()}))`,
        ).legend('{{instance}} → {{remote_name}}'),
      )
      .unit('percentunit')
      .min(0),
    panel('Send duration (p99)', optional('99th percentile of the time one batch takes to send.'))
      .target(
        prometheus(`histogram_quantile(0.99, sum by (le, ${endpoint}) (${rate('prometheus_remote_storage_sent_batch_duration_seconds_bucket')}))`).legend(
          '{{instance}} → {{remote_name}}',
        ),
      )
      .unit('s'),
  );

  return prometheusDashboard(c, v, {
    title: c.remoteWriteDashboardTitle,
    uid: REMOTE_WRITE_UID,
    description: 'Remote write from Prometheus servers: samples sent and failed, lag, and shards per endpoint.',
  }).row(throughput, lag, shards);
}
