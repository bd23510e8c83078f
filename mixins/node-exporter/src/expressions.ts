// The PromQL of each measurement, written once: the recording rules record these, the alerts
// compare them with thresholds (alerts do not read the recorded series, so the alerts work
// without the recording rules loaded, and dropping a recording rule never silences an alert).
import { braces, type NodeExporterConfig } from './config.js';

type C = Readonly<NodeExporterConfig>;

/** Series of node exporter only, plus extra matchers. */
export function node(c: C, ...extra: string[]): string {
  return braces(c.nodeExporterSelector, ...extra);
}

/** Number of CPUs per instance (one idle-time series per CPU). */
export function cpuCount(c: C): string {
  return `count without (cpu, mode) (node_cpu_seconds_total${node(c, 'mode="idle"')})`;
}

/** Share of CPU time (0–1, all cores) spent working: everything but idle, iowait and steal. */
export function cpuUtilisation(c: C): string {
  return `sum without (cpu, mode) (rate(node_cpu_seconds_total${node(c, 'mode!~"idle|iowait|steal"')}[${c.rateInterval}])) / ${cpuCount(c)}`;
}

/** 1-minute load average divided by the number of CPUs. */
export function loadPerCpu(c: C): string {
  return `node_load1${node(c)} / ${cpuCount(c)}`;
}

/** Share of memory (0–1) the kernel does not consider available. */
export function memoryUtilisation(c: C): string {
  return `1 - node_memory_MemAvailable_bytes${node(c)} / node_memory_MemTotal_bytes${node(c)}`;
}

/** Major page faults (reads from disk to satisfy a page fault) per second. */
export function majorPageFaults(c: C): string {
  return `rate(node_vmstat_pgmajfault${node(c)}[${c.rateInterval}])`;
}

/** Seconds per second a device was busy (0–1): its I/O utilisation. */
export function diskIoTime(c: C): string {
  return `rate(node_disk_io_time_seconds_total${node(c, c.diskDeviceSelector)}[${c.rateInterval}])`;
}

/** Weighted I/O seconds per second: the average number of requests in flight (saturation). */
export function diskIoWeighted(c: C): string {
  return `rate(node_disk_io_time_weighted_seconds_total${node(c, c.diskDeviceSelector)}[${c.rateInterval}])`;
}

/** Bytes per second through a network device, `receive` or `transmit`. */
export function networkBytes(c: C, direction: 'receive' | 'transmit'): string {
  return `rate(node_network_${direction}_bytes_total${node(c, c.netDeviceSelector)}[${c.rateInterval}])`;
}

/** Share (0–1) of a device's frames that failed, received or transmitted. */
export function networkErrorRatio(c: C, direction: 'receive' | 'transmit'): string {
  const sel = node(c, c.netDeviceSelector);
  const errors = `rate(node_network_${direction}_errs_total${sel}[${c.rateInterval}])`;
  return `${errors} / (rate(node_network_${direction}_packets_total${sel}[${c.rateInterval}]) + ${errors})`;
}
