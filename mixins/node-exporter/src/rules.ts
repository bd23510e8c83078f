// Recording rules: the per-instance and per-device measurements the USE and fleet dashboards
// read, so the dashboards do not evaluate the same rates again for every viewer.
import { recordingRule, ruleGroup, type RuleGroupBuilder } from 'grafts';
import type { NodeExporterConfig } from './config.js';
import * as e from './expressions.js';

type C = Readonly<NodeExporterConfig>;

/** The names of the recorded series; the rate suffix follows `rateInterval` (`rate5m`). */
export function records(c: C) {
  const rate = `rate${c.rateInterval}`;
  return {
    cpus: 'instance:node_cpus:count',
    cpuUtilisation: `instance:node_cpu_utilisation:${rate}`,
    loadPerCpu: 'instance:node_load1_per_cpu:ratio',
    memoryUtilisation: 'instance:node_memory_utilisation:ratio',
    majorPageFaults: `instance:node_vmstat_pgmajfault:${rate}`,
    diskIoTime: `instance_device:node_disk_io_time_seconds:${rate}`,
    diskIoWeighted: `instance_device:node_disk_io_time_weighted_seconds:${rate}`,
    networkReceiveBytes: `instance_device:node_network_receive_bytes:${rate}`,
    networkTransmitBytes: `instance_device:node_network_transmit_bytes:${rate}`,
  } as const;
}

export function rules(c: C): RuleGroupBuilder[] {
  const r = records(c);
  return [
    ruleGroup('node-exporter.rules').rule(
      recordingRule(r.cpus).expr(e.cpuCount(c)),
      recordingRule(r.cpuUtilisation).expr(e.cpuUtilisation(c)),
      recordingRule(r.loadPerCpu).expr(e.loadPerCpu(c)),
      recordingRule(r.memoryUtilisation).expr(e.memoryUtilisation(c)),
      recordingRule(r.majorPageFaults).expr(e.majorPageFaults(c)),
      recordingRule(r.diskIoTime).expr(e.diskIoTime(c)),
      recordingRule(r.diskIoWeighted).expr(e.diskIoWeighted(c)),
      recordingRule(r.networkReceiveBytes).expr(e.networkBytes(c, 'receive')),
      recordingRule(r.networkTransmitBytes).expr(e.networkBytes(c, 'transmit')),
    ),
  ];
}
