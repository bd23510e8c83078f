// The node exporter mixin's config: selectors, thresholds, severities and dashboard settings.
// Selectors that are lists (file system types, mount points, devices) are kept as lists, and
// the PromQL matchers are computed from them, so overriding a list changes every query.
import { computed, type ConfigDefaults } from 'grafts';

export interface NodeExporterConfig {
  /** Matchers selecting node exporter's series (without braces), e.g. `job="node"`. */
  readonly nodeExporterSelector: string;

  /** File system types never alerted on nor shown (pseudo and container file systems). */
  readonly fsTypesExcluded: readonly string[];
  /** Computed from `fsTypesExcluded`: `fstype!="", fstype!~"…"`. */
  readonly fsSelector: string;
  /** Regexes of mount points never alerted on nor shown. */
  readonly fsMountpointsExcluded: readonly string[];
  /** Computed from `fsMountpointsExcluded`: `mountpoint!~"…"` (empty when the list is). */
  readonly fsMountpointSelector: string;
  /** Regexes of block devices whose I/O is recorded, shown and alerted on. */
  readonly diskDevices: readonly string[];
  /** Computed from `diskDevices`: `device=~"(/dev/)?(…)"`. */
  readonly diskDeviceSelector: string;
  /** Regexes of network devices left out (loopback, container and bridge interfaces). */
  readonly netDevicesExcluded: readonly string[];
  /** Computed from `netDevicesExcluded`: `device!~"…"` (empty when the list is). */
  readonly netDeviceSelector: string;

  /** Warn when a file system has less than this % of its space available. */
  readonly fsSpaceAvailableWarningPercent: number;
  /** Critical when a file system has less than this % of its space available. */
  readonly fsSpaceAvailableCriticalPercent: number;
  /** How far back the fill prediction looks (a PromQL range). */
  readonly fsFillPredictionWindow: string;
  /** The fill prediction fires when the file system would be full within this many hours. */
  readonly fsFillPredictionHorizonHours: number;
  /** The fill prediction only applies below this % available (no alert for a nearly empty disk growing fast). */
  readonly fsFillPredictionGuardPercent: number;
  /** Warn when a file system has less than this % of its inodes free. */
  readonly fsInodesFreeWarningPercent: number;
  /** Critical when a file system has less than this % of its inodes free. */
  readonly fsInodesFreeCriticalPercent: number;
  /** Memory utilisation (% of MemTotal not available) that is too high. */
  readonly memoryUtilisationPercent: number;
  /** Major page faults per second that mean the host is short of memory. */
  readonly memoryMajorPageFaultsPerSecond: number;
  /** CPU utilisation (% busy, all cores) that is worth knowing about. */
  readonly cpuUtilisationPercent: number;
  /** 1-minute load average per core that means the CPUs are saturated. */
  readonly loadPerCoreThreshold: number;
  /** Share of a device's frames (%) that failed, received or transmitted. */
  readonly networkErrorsPercent: number;
  /** Average number of I/O requests in flight on a device (weighted I/O time per second). */
  readonly diskIOQueueThreshold: number;
  /** Clock offset from the reference (seconds, either way) that is too large. */
  readonly clockSkewSeconds: number;

  /** The `severity` label of critical alerts. */
  readonly severityCritical: string;
  /** The `severity` label of warnings. */
  readonly severityWarning: string;
  /** The `severity` label of informational alerts. */
  readonly severityInfo: string;
  /** `runbook_url` of every alert: `%s` is replaced by the alert name; `''` adds no runbook_url. */
  readonly runbookUrlPattern: string;
  /** The range of `rate()` in recording rules and alerts (and the suffix of the recorded names). */
  readonly rateInterval: string;

  /** Tags of every dashboard (also used for the links between them). */
  readonly dashboardTags: readonly string[];
  /** Put in front of every dashboard title. */
  readonly dashboardNamePrefix: string;
  /** Dashboard auto-refresh. */
  readonly dashboardRefresh: string;
}

/** Regex metacharacters of a literal (file system type names such as `fuse.lxcfs`) escaped. */
function literal(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

/** A PromQL string literal's contents: backslashes and quotes escaped. */
function quoted(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

export const defaults: ConfigDefaults<NodeExporterConfig> = {
  nodeExporterSelector: 'job="node"',

  fsTypesExcluded: ['tmpfs', 'ramfs', 'devtmpfs', 'squashfs', 'iso9660', 'overlay', 'nsfs', 'autofs', 'fuse.lxcfs', 'fuse.snapfuse'],
  fsSelector: computed((c: NodeExporterConfig) =>
    c.fsTypesExcluded.length === 0 ? 'fstype!=""' : `fstype!="", fstype!~"${quoted(c.fsTypesExcluded.map(literal).join('|'))}"`,
  ),
  fsMountpointsExcluded: ['/run(/.*)?', '/var/lib/(docker|containers|kubelet)/.+', '/snap/.+'],
  fsMountpointSelector: computed((c: NodeExporterConfig) =>
    c.fsMountpointsExcluded.length === 0 ? '' : `mountpoint!~"${quoted(c.fsMountpointsExcluded.join('|'))}"`,
  ),
  diskDevices: ['sd.+', 'vd.+', 'xvd.+', 'nvme.+', 'mmcblk.+', 'dm-.+', 'md.+', 'rbd.+', 'dasd.+'],
  diskDeviceSelector: computed((c: NodeExporterConfig) => `device=~"(/dev/)?(${quoted(c.diskDevices.join('|'))})"`),
  netDevicesExcluded: ['lo', 'veth.+', 'docker.+', 'br-.+', 'cali.+', 'cni.+', 'flannel.+', 'virbr.+', 'vxlan.+'],
  netDeviceSelector: computed((c: NodeExporterConfig) => (c.netDevicesExcluded.length === 0 ? '' : `device!~"${quoted(c.netDevicesExcluded.join('|'))}"`)),

  fsSpaceAvailableWarningPercent: 10,
  fsSpaceAvailableCriticalPercent: 5,
  fsFillPredictionWindow: '6h',
  fsFillPredictionHorizonHours: 24,
  fsFillPredictionGuardPercent: 40,
  fsInodesFreeWarningPercent: 10,
  fsInodesFreeCriticalPercent: 5,
  memoryUtilisationPercent: 90,
  memoryMajorPageFaultsPerSecond: 500,
  cpuUtilisationPercent: 90,
  loadPerCoreThreshold: 2,
  networkErrorsPercent: 1,
  diskIOQueueThreshold: 10,
  clockSkewSeconds: 0.05,

  severityCritical: 'critical',
  severityWarning: 'warning',
  severityInfo: 'info',
  runbookUrlPattern: 'https://www.npmjs.com/package/@grafts/mixin-node-exporter#runbook-%s',
  rateInterval: '5m',

  dashboardTags: ['node-exporter'],
  dashboardNamePrefix: 'Node Exporter / ',
  dashboardRefresh: '30s',
};

/**
 * Matchers joined into a selector's braces, empty ones left out.
 *
 * @example
 * braces('job="node"', '', 'mode="idle"') // → '{job="node", mode="idle"}'
 */
export function braces(...matchers: readonly string[]): string {
  return `{${matchers.filter((m) => m.trim() !== '').join(', ')}}`;
}
