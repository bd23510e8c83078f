// Alerting rules, one group per resource. Scrape health (node exporter down) is left to the
// prometheus mixin, which alerts on every target that is down; alerting on it here too would
// page twice for one cause.
import { alertRule, ruleGroup, type AlertRuleBuilder, type RuleGroupBuilder } from 'grafts';
import type { NodeExporterConfig } from './config.js';
import * as e from './expressions.js';

type C = Readonly<NodeExporterConfig>;

/** Every alert's static summary (the tests expect these exact texts). */
export const SUMMARIES = {
  NodeFilesystemSpaceLow: 'A file system is running out of space.',
  NodeFilesystemSpaceFillingUp: 'A file system is predicted to run out of space soon.',
  NodeFilesystemInodesLow: 'A file system is running out of inodes.',
  NodeFilesystemInodesFillingUp: 'A file system is predicted to run out of inodes soon.',
  NodeMemoryHighUtilisation: 'A host is running out of memory.',
  NodeMemoryMajorPageFaults: 'A host reads many pages from disk to satisfy page faults.',
  NodeCPUHighUtilisation: 'A host is using most of its CPU time.',
  NodeSystemSaturation: 'A host has more runnable work than its CPUs can take.',
  NodeDiskIOSaturation: 'A disk has more I/O requests than it can serve.',
  NodeNetworkReceiveErrors: 'A network interface fails to receive frames.',
  NodeNetworkTransmitErrors: 'A network interface fails to transmit frames.',
  NodeClockNotSynchronising: 'A host clock is not synchronised.',
  NodeClockSkew: 'A host clock is off.',
} as const;

export type NodeAlertName = keyof typeof SUMMARIES;

/** The runbook URL of an alert, or undefined when `runbookUrlPattern` is empty. */
export function runbookUrl(c: C, name: NodeAlertName): string | undefined {
  return c.runbookUrlPattern === '' ? undefined : c.runbookUrlPattern.split('%s').join(name);
}

function alert(c: C, name: NodeAlertName, severity: string): AlertRuleBuilder {
  const rule = alertRule(name).labels({ severity }).summary(SUMMARIES[name]);
  const url = runbookUrl(c, name);
  return url === undefined ? rule : rule.runbookUrl(url);
}

function filesystem(c: C): RuleGroupBuilder {
  const sel = e.node(c, c.fsSelector, c.fsMountpointSelector);
  const writable = `node_filesystem_readonly${sel} == 0`;
  const spaceAvailable = `100 * node_filesystem_avail_bytes${sel} / node_filesystem_size_bytes${sel}`;
  const inodesFree = `100 * node_filesystem_files_free${sel} / node_filesystem_files${sel}`;
  const horizon = c.fsFillPredictionHorizonHours * 3600;
  const where = 'on {{ $labels.instance }}';

  const spaceLow = (severity: string, percent: number) =>
    alert(c, 'NodeFilesystemSpaceLow', severity)
      .expr(`${spaceAvailable} < ${percent} and ${writable}`)
      .for('30m')
      .description(`{{ $labels.mountpoint }} ({{ $labels.device }}) ${where} has {{ printf "%.1f" $value }}% of its space left.`);
  const inodesLow = (severity: string, percent: number) =>
    alert(c, 'NodeFilesystemInodesLow', severity)
      .expr(`${inodesFree} < ${percent} and ${writable}`)
      .for('30m')
      .description(`{{ $labels.mountpoint }} ({{ $labels.device }}) ${where} has {{ printf "%.1f" $value }}% of its inodes left.`);

  return ruleGroup('node-exporter.filesystem').rule(
    spaceLow(c.severityWarning, c.fsSpaceAvailableWarningPercent),
    spaceLow(c.severityCritical, c.fsSpaceAvailableCriticalPercent),
    alert(c, 'NodeFilesystemSpaceFillingUp', c.severityWarning)
      .expr(
        `${spaceAvailable} < ${c.fsFillPredictionGuardPercent}` +
          ` and predict_linear(node_filesystem_avail_bytes${sel}[${c.fsFillPredictionWindow}], ${horizon}) < 0` +
          ` and ${writable}`,
      )
      .for('1h')
      .description(
        `{{ $labels.mountpoint }} ({{ $labels.device }}) ${where} has {{ printf "%.1f" $value }}% of its space left` +
          ` and, at the rate of the last ${c.fsFillPredictionWindow}, will be full within ${c.fsFillPredictionHorizonHours} hours.`,
      ),
    inodesLow(c.severityWarning, c.fsInodesFreeWarningPercent),
    inodesLow(c.severityCritical, c.fsInodesFreeCriticalPercent),
    alert(c, 'NodeFilesystemInodesFillingUp', c.severityWarning)
      .expr(
        `${inodesFree} < ${c.fsFillPredictionGuardPercent}` +
          ` and predict_linear(node_filesystem_files_free${sel}[${c.fsFillPredictionWindow}], ${horizon}) < 0` +
          ` and ${writable}`,
      )
      .for('1h')
      .description(
        `{{ $labels.mountpoint }} ({{ $labels.device }}) ${where} has {{ printf "%.1f" $value }}% of its inodes left` +
          ` and, at the rate of the last ${c.fsFillPredictionWindow}, will run out within ${c.fsFillPredictionHorizonHours} hours.`,
      ),
  );
}

function resources(c: C): RuleGroupBuilder {
  return ruleGroup('node-exporter.resources').rule(
    alert(c, 'NodeCPUHighUtilisation', c.severityInfo)
      .expr(`100 * (${e.cpuUtilisation(c)}) > ${c.cpuUtilisationPercent}`)
      .for('15m')
      .description('{{ $labels.instance }} has been {{ printf "%.0f" $value }}% busy (all CPUs) for 15 minutes.'),
    alert(c, 'NodeSystemSaturation', c.severityWarning)
      .expr(`${e.loadPerCpu(c)} > ${c.loadPerCoreThreshold}`)
      .for('15m')
      .description('{{ $labels.instance }} has a 1-minute load of {{ printf "%.2f" $value }} per CPU: work is waiting for CPU time.'),
    alert(c, 'NodeMemoryHighUtilisation', c.severityWarning)
      .expr(`100 * (${e.memoryUtilisation(c)}) > ${c.memoryUtilisationPercent}`)
      .for('15m')
      .description('{{ $labels.instance }} has {{ printf "%.1f" $value }}% of its memory in use.'),
    alert(c, 'NodeMemoryMajorPageFaults', c.severityWarning)
      .expr(`${e.majorPageFaults(c)} > ${c.memoryMajorPageFaultsPerSecond}`)
      .for('15m')
      .description('{{ $labels.instance }} has {{ printf "%.0f" $value }} major page faults per second: memory is short and pages come from disk.'),
    alert(c, 'NodeDiskIOSaturation', c.severityWarning)
      .expr(`${e.diskIoWeighted(c)} > ${c.diskIOQueueThreshold}`)
      .for('30m')
      .description(
        `Disk {{ $labels.device }} on {{ $labels.instance }} has had {{ printf "%.1f" $value }} I/O requests in flight on average over the last ${c.rateInterval}.`,
      ),
  );
}

function network(c: C): RuleGroupBuilder {
  const errors = (name: 'NodeNetworkReceiveErrors' | 'NodeNetworkTransmitErrors', direction: 'receive' | 'transmit') =>
    alert(c, name, c.severityWarning)
      .expr(`100 * (${e.networkErrorRatio(c, direction)}) > ${c.networkErrorsPercent}`)
      .for('1h')
      .description(
        `{{ $labels.device }} on {{ $labels.instance }} failed to ${direction} {{ printf "%.1f" $value }}% of its frames over the last ${c.rateInterval}.`,
      );
  return ruleGroup('node-exporter.network').rule(errors('NodeNetworkReceiveErrors', 'receive'), errors('NodeNetworkTransmitErrors', 'transmit'));
}

function clock(c: C): RuleGroupBuilder {
  return ruleGroup('node-exporter.clock').rule(
    // The kernel reports an unsynchronised clock with sync status 0; its maximum error then
    // grows to the 16 s cap. Both together rule out a single missed sync.
    alert(c, 'NodeClockNotSynchronising', c.severityWarning)
      .expr(`node_timex_sync_status${e.node(c)} == 0 and node_timex_maxerror_seconds${e.node(c)} >= 16`)
      .for('10m')
      .description('The clock of {{ $labels.instance }} has not been synchronised (NTP or chrony) for 10 minutes.'),
    alert(c, 'NodeClockSkew', c.severityWarning)
      .expr(`abs(node_timex_offset_seconds${e.node(c)}) > ${c.clockSkewSeconds}`)
      .for('10m')
      .description('The clock of {{ $labels.instance }} is {{ humanizeDuration $value }} away from its time source.'),
  );
}

export function alerts(c: C): RuleGroupBuilder[] {
  return [filesystem(c), resources(c), network(c), clock(c)];
}
