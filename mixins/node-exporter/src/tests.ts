// promtool unit tests: every alert fires with its exact labels and annotations, and stays quiet
// where it should (excluded file systems and devices, read-only file systems, values under the
// thresholds); the recording rules record exact values. Inputs are derived from the config, so
// the tests still hold after thresholds are overridden; they assume the default selectors'
// shape (a `job` label), which is what the test series carry.
import type { ExpectedAlert, PromtoolTest, TestSeries } from 'grafts';
import { runbookUrl, SUMMARIES, type NodeAlertName } from './alerts.js';
import type { NodeExporterConfig } from './config.js';
import { records } from './rules.js';

type C = Readonly<NodeExporterConfig>;

const JOB = 'node';
const A = 'host-a:9100';
const B = 'host-b:9100';

/** A series selector of node exporter `metric` on `instance` with extra labels. */
function s(metric: string, instance: string, labels: Record<string, string> = {}): string {
  const all = { job: JOB, instance, ...labels };
  return `${metric}{${Object.entries(all)
    .map(([k, v]) => `${k}="${v}"`)
    .join(', ')}}`;
}

function series(metric: string, instance: string, labels: Record<string, string>, values: string): TestSeries {
  return { series: s(metric, instance, labels), values };
}

/** The alert expected: its labels, the static summary, the description and the runbook. */
function expected(c: C, name: NodeAlertName, severity: string, labels: Record<string, string>, description: string): ExpectedAlert {
  const url = runbookUrl(c, name);
  return {
    labels: { job: JOB, instance: A, severity, ...labels },
    annotations: { summary: SUMMARIES[name], description, ...(url === undefined ? {} : { runbook_url: url }) },
  };
}

const fs = (mountpoint: string, device: string, fstype = 'ext4') => ({ device, fstype, mountpoint });

/** A number printed as Go's `printf "%.1f"` does. */
const f1 = (n: number) => n.toFixed(1);

function filesystemSpace(c: C): PromtoolTest {
  const warn = c.fsSpaceAvailableWarningPercent;
  const crit = c.fsSpaceAvailableCriticalPercent;
  // Sizes of 10000 bytes: the available bytes are percent × 100.
  const root = fs('/', '/dev/sda1');
  const data = fs('/data', '/dev/sdb1');
  const tmp = fs('/tmp', 'tmpfs', 'tmpfs');
  const snap = fs('/snapshot', '/dev/sdc1');
  const rootLeft = (warn + crit) / 2; // between the two thresholds: warning only
  const dataLeft = crit / 2; // under both
  const filesystems = [
    { labels: root, left: rootLeft, readonly: 0 },
    { labels: data, left: dataLeft, readonly: 0 },
    { labels: tmp, left: 0.5, readonly: 0 }, // excluded by fsTypesExcluded
    { labels: snap, left: 0.5, readonly: 1 }, // read-only: cannot fill up further
    { labels: fs('/home', '/dev/sdd1'), left: warn + 20, readonly: 0 }, // plenty left
  ];
  const desc = (m: { mountpoint: string; device: string }, left: number) => `${m.mountpoint} (${m.device}) on ${A} has ${f1(left)}% of its space left.`;
  return {
    name: 'NodeFilesystemSpaceLow: warning and critical by space left; tmpfs and read-only file systems ignored',
    interval: '1m',
    inputSeries: filesystems.flatMap((f) => [
      series('node_filesystem_size_bytes', A, f.labels, '10000x60'),
      series('node_filesystem_avail_bytes', A, f.labels, `${f.left * 100}x60`),
      series('node_filesystem_readonly', A, f.labels, `${f.readonly}x60`),
    ]),
    alertTests: [
      { evalTime: '20m', alertname: 'NodeFilesystemSpaceLow', expAlerts: [] }, // still pending (for: 30m)
      {
        evalTime: '40m',
        alertname: 'NodeFilesystemSpaceLow',
        expAlerts: [
          expected(c, 'NodeFilesystemSpaceLow', c.severityWarning, root, desc(root, rootLeft)),
          expected(c, 'NodeFilesystemSpaceLow', c.severityWarning, data, desc(data, dataLeft)),
          expected(c, 'NodeFilesystemSpaceLow', c.severityCritical, data, desc(data, dataLeft)),
        ],
      },
    ],
  };
}

function filesystemFilling(c: C, kind: 'space' | 'inodes'): PromtoolTest {
  const guard = c.fsFillPredictionGuardPercent;
  const [total, free, alertname, what, verb] =
    kind === 'space'
      ? (['node_filesystem_size_bytes', 'node_filesystem_avail_bytes', 'NodeFilesystemSpaceFillingUp', 'space', 'will be full'] as const)
      : (['node_filesystem_files', 'node_filesystem_files_free', 'NodeFilesystemInodesFillingUp', 'inodes', 'will run out'] as const);
  // Capacity 10000; over 3 hours (180 samples) the free amount falls by `step` a minute from
  // just under the guard: still well above 0 at the end, yet 0 within the horizon at that pace.
  const minutes = 180;
  const horizonMinutes = c.fsFillPredictionHorizonHours * 60;
  const start = (guard - 1) * 100;
  const step = Math.ceil((2 * start) / (minutes + horizonMinutes));
  const left = (start - step * minutes) / 100;
  const root = fs('/', '/dev/sda1');
  const roomy = fs('/var', '/dev/sdb1'); // same pace, but far above the guard
  const steady = fs('/data', '/dev/sdc1'); // under the guard, but not shrinking
  const input = (labels: Record<string, string>, values: string) => [
    series(total, A, labels, `10000x${minutes}`),
    series(free, A, labels, values),
    series('node_filesystem_readonly', A, labels, `0x${minutes}`),
  ];
  return {
    name: `${alertname}: fires when a file system under ${guard}% ${what} free shrinks towards 0; not far above the guard, not when steady`,
    interval: '1m',
    inputSeries: [
      ...input(root, `${start}-${step}x${minutes}`),
      ...input(roomy, `${Math.min(guard + 50, 100) * 100}-${step}x${minutes}`),
      ...input(steady, `${(guard / 2) * 100}x${minutes}`),
    ],
    alertTests: [
      { evalTime: '30m', alertname, expAlerts: [] }, // pending (for: 1h)
      {
        evalTime: `${minutes}m`,
        alertname,
        expAlerts: [
          expected(
            c,
            alertname,
            c.severityWarning,
            root,
            `/ (/dev/sda1) on ${A} has ${f1(left)}% of its ${what} left and, at the rate of the last ${c.fsFillPredictionWindow}, ${verb} within ${c.fsFillPredictionHorizonHours} hours.`,
          ),
        ],
      },
    ],
  };
}

function inodesLow(c: C): PromtoolTest {
  const warn = c.fsInodesFreeWarningPercent;
  const crit = c.fsInodesFreeCriticalPercent;
  const root = fs('/', '/dev/sda1');
  const data = fs('/data', '/dev/sdb1');
  const rootLeft = (warn + crit) / 2;
  const dataLeft = crit / 2;
  const input = (labels: Record<string, string>, left: number) => [
    series('node_filesystem_files', A, labels, '10000x60'),
    series('node_filesystem_files_free', A, labels, `${left * 100}x60`),
    series('node_filesystem_readonly', A, labels, '0x60'),
  ];
  const desc = (m: { mountpoint: string; device: string }, left: number) => `${m.mountpoint} (${m.device}) on ${A} has ${f1(left)}% of its inodes left.`;
  return {
    name: 'NodeFilesystemInodesLow: warning and critical by inodes left',
    interval: '1m',
    inputSeries: [...input(root, rootLeft), ...input(data, dataLeft), ...input(fs('/home', '/dev/sdc1'), warn + 20)],
    alertTests: [
      {
        evalTime: '40m',
        alertname: 'NodeFilesystemInodesLow',
        expAlerts: [
          expected(c, 'NodeFilesystemInodesLow', c.severityWarning, root, desc(root, rootLeft)),
          expected(c, 'NodeFilesystemInodesLow', c.severityWarning, data, desc(data, dataLeft)),
          expected(c, 'NodeFilesystemInodesLow', c.severityCritical, data, desc(data, dataLeft)),
        ],
      },
    ],
  };
}

/** Per-CPU idle and user counters for `cpus` CPUs, `busy` of every 60 s spent in user mode. */
function cpuSeries(instance: string, cpus: number, busy: number): TestSeries[] {
  return Array.from({ length: cpus }, (_, i) => [
    series('node_cpu_seconds_total', instance, { cpu: String(i), mode: 'user' }, `0+${busy}x60`),
    series('node_cpu_seconds_total', instance, { cpu: String(i), mode: 'idle' }, `0+${60 - busy}x60`),
  ]).flat();
}

function cpu(c: C): PromtoolTest {
  // Busy seconds per minute: half-way between the threshold and 100% for A, well under for B.
  const busyA = Math.round((60 * (c.cpuUtilisationPercent + 100)) / 200);
  return {
    name: 'NodeCPUHighUtilisation: fires on the busy host only',
    interval: '1m',
    inputSeries: [...cpuSeries(A, 2, busyA), ...cpuSeries(B, 2, 6)],
    alertTests: [
      {
        evalTime: '25m',
        alertname: 'NodeCPUHighUtilisation',
        expAlerts: [
          expected(
            c,
            'NodeCPUHighUtilisation',
            c.severityInfo,
            { instance: A },
            `${A} has been ${((busyA / 60) * 100).toFixed(0)}% busy (all CPUs) for 15 minutes.`,
          ),
        ],
      },
    ],
  };
}

function load(c: C): PromtoolTest {
  const perCpu = c.loadPerCoreThreshold + 0.5;
  return {
    name: 'NodeSystemSaturation: fires when load per CPU exceeds the threshold',
    interval: '1m',
    inputSeries: [
      ...cpuSeries(A, 2, 30),
      ...cpuSeries(B, 4, 30),
      series('node_load1', A, {}, `${perCpu * 2}x60`),
      series('node_load1', B, {}, `${perCpu * 2}x60`), // the same load on twice the CPUs
    ],
    alertTests: [
      {
        evalTime: '25m',
        alertname: 'NodeSystemSaturation',
        expAlerts: [
          expected(
            c,
            'NodeSystemSaturation',
            c.severityWarning,
            { instance: A },
            `${A} has a 1-minute load of ${perCpu.toFixed(2)} per CPU: work is waiting for CPU time.`,
          ),
        ],
      },
    ],
  };
}

function memory(c: C): PromtoolTest {
  const usedA = (c.memoryUtilisationPercent + 100) / 2;
  const faults = c.memoryMajorPageFaultsPerSecond * 2;
  return {
    name: 'NodeMemoryHighUtilisation and NodeMemoryMajorPageFaults: fire on the short host only',
    interval: '1m',
    inputSeries: [
      series('node_memory_MemTotal_bytes', A, {}, '10000x60'),
      series('node_memory_MemAvailable_bytes', A, {}, `${(100 - usedA) * 100}x60`),
      series('node_memory_MemTotal_bytes', B, {}, '10000x60'),
      series('node_memory_MemAvailable_bytes', B, {}, '5000x60'),
      series('node_vmstat_pgmajfault', A, {}, `0+${faults * 60}x60`),
      series('node_vmstat_pgmajfault', B, {}, '0+60x60'),
    ],
    alertTests: [
      { evalTime: '10m', alertname: 'NodeMemoryHighUtilisation', expAlerts: [] }, // pending (for: 15m)
      {
        evalTime: '25m',
        alertname: 'NodeMemoryHighUtilisation',
        expAlerts: [expected(c, 'NodeMemoryHighUtilisation', c.severityWarning, { instance: A }, `${A} has ${f1(usedA)}% of its memory in use.`)],
      },
      {
        evalTime: '25m',
        alertname: 'NodeMemoryMajorPageFaults',
        expAlerts: [
          expected(
            c,
            'NodeMemoryMajorPageFaults',
            c.severityWarning,
            { instance: A },
            `${A} has ${faults.toFixed(0)} major page faults per second: memory is short and pages come from disk.`,
          ),
        ],
      },
    ],
  };
}

function disk(c: C): PromtoolTest {
  const queue = c.diskIOQueueThreshold * 1.5;
  return {
    name: 'NodeDiskIOSaturation: fires on a saturated disk; devices outside diskDevices ignored',
    interval: '1m',
    inputSeries: [
      series('node_disk_io_time_weighted_seconds_total', A, { device: 'sda' }, `0+${queue * 60}x60`),
      series('node_disk_io_time_weighted_seconds_total', A, { device: 'sdb' }, '0+30x60'),
      series('node_disk_io_time_weighted_seconds_total', A, { device: 'loop0' }, `0+${queue * 60}x60`),
    ],
    alertTests: [
      {
        evalTime: '45m',
        alertname: 'NodeDiskIOSaturation',
        expAlerts: [
          expected(
            c,
            'NodeDiskIOSaturation',
            c.severityWarning,
            { instance: A, device: 'sda' },
            `Disk sda on ${A} has had ${f1(queue)} I/O requests in flight on average over the last ${c.rateInterval}.`,
          ),
        ],
      },
    ],
  };
}

function networkErrors(c: C, direction: 'receive' | 'transmit'): PromtoolTest {
  const alertname = direction === 'receive' ? 'NodeNetworkReceiveErrors' : 'NodeNetworkTransmitErrors';
  // 100 frames/s, of which errorsPerSecond fail: twice the threshold.
  const errorsPerSecond = (2 * c.networkErrorsPercent * 100) / (100 - 2 * c.networkErrorsPercent);
  const ratio = (100 * errorsPerSecond) / (100 + errorsPerSecond);
  const input = (device: string, errs: number) => [
    series(`node_network_${direction}_packets_total`, A, { device }, '0+6000x90'),
    series(`node_network_${direction}_errs_total`, A, { device }, `0+${errs * 60}x90`),
  ];
  return {
    name: `${alertname}: fires on a failing interface; excluded devices ignored`,
    interval: '1m',
    inputSeries: [...input('eth0', errorsPerSecond), ...input('eth1', 0), ...input('veth1234', errorsPerSecond)],
    alertTests: [
      {
        evalTime: '80m',
        alertname,
        expAlerts: [
          expected(
            c,
            alertname,
            c.severityWarning,
            { instance: A, device: 'eth0' },
            `eth0 on ${A} failed to ${direction} ${f1(ratio)}% of its frames over the last ${c.rateInterval}.`,
          ),
        ],
      },
    ],
  };
}

function clock(c: C): PromtoolTest {
  const offset = c.clockSkewSeconds * 2;
  return {
    name: 'NodeClockNotSynchronising and NodeClockSkew: fire on the unsynchronised, skewed host only',
    interval: '1m',
    inputSeries: [
      series('node_timex_sync_status', A, {}, '0x30'),
      series('node_timex_maxerror_seconds', A, {}, '16x30'),
      series('node_timex_offset_seconds', A, {}, `-${offset}x30`),
      series('node_timex_sync_status', B, {}, '1x30'),
      series('node_timex_maxerror_seconds', B, {}, '0.01x30'),
      series('node_timex_offset_seconds', B, {}, `${c.clockSkewSeconds / 10}x30`),
    ],
    alertTests: [
      { evalTime: '5m', alertname: 'NodeClockNotSynchronising', expAlerts: [] }, // pending (for: 10m)
      {
        evalTime: '15m',
        alertname: 'NodeClockNotSynchronising',
        expAlerts: [
          expected(
            c,
            'NodeClockNotSynchronising',
            c.severityWarning,
            { instance: A },
            `The clock of ${A} has not been synchronised (NTP or chrony) for 10 minutes.`,
          ),
        ],
      },
      {
        evalTime: '15m',
        alertname: 'NodeClockSkew',
        expAlerts: [expected(c, 'NodeClockSkew', c.severityWarning, { instance: A }, `The clock of ${A} is ${offset * 1000}ms away from its time source.`)],
      },
    ],
  };
}

function recordingRules(c: C): PromtoolTest {
  const r = records(c);
  const at = '10m';
  const sample = (record: string, labels: Record<string, string>, value: number) => ({
    labels: s(record, A, labels),
    value,
  });
  return {
    name: 'recording rules record per-instance and per-device values',
    interval: '1m',
    inputSeries: [
      ...cpuSeries(A, 2, 30), // half of every second busy on each of 2 CPUs
      series('node_cpu_seconds_total', A, { cpu: '0', mode: 'iowait' }, '0+60x60'), // not counted as busy
      series('node_load1', A, {}, '3x60'),
      series('node_memory_MemTotal_bytes', A, {}, '1000x60'),
      series('node_memory_MemAvailable_bytes', A, {}, '250x60'),
      series('node_vmstat_pgmajfault', A, {}, '0+120x60'),
      series('node_disk_io_time_seconds_total', A, { device: 'sda' }, '0+30x60'),
      series('node_disk_io_time_seconds_total', A, { device: 'loop0' }, '0+30x60'),
      series('node_disk_io_time_weighted_seconds_total', A, { device: 'sda' }, '0+120x60'),
      series('node_network_receive_bytes_total', A, { device: 'eth0' }, '0+6000x60'),
      series('node_network_receive_bytes_total', A, { device: 'lo' }, '0+6000x60'),
      series('node_network_transmit_bytes_total', A, { device: 'eth0' }, '0+3000x60'),
    ],
    exprTests: [
      { expr: r.cpus, evalTime: at, expSamples: [sample(r.cpus, {}, 2)] },
      { expr: r.cpuUtilisation, evalTime: at, expSamples: [sample(r.cpuUtilisation, {}, 0.5)] },
      { expr: r.loadPerCpu, evalTime: at, expSamples: [sample(r.loadPerCpu, {}, 1.5)] },
      { expr: r.memoryUtilisation, evalTime: at, expSamples: [sample(r.memoryUtilisation, {}, 0.75)] },
      { expr: r.majorPageFaults, evalTime: at, expSamples: [sample(r.majorPageFaults, {}, 2)] },
      { expr: r.diskIoTime, evalTime: at, expSamples: [sample(r.diskIoTime, { device: 'sda' }, 0.5)] },
      { expr: r.diskIoWeighted, evalTime: at, expSamples: [sample(r.diskIoWeighted, { device: 'sda' }, 2)] },
      { expr: r.networkReceiveBytes, evalTime: at, expSamples: [sample(r.networkReceiveBytes, { device: 'eth0' }, 100)] },
      { expr: r.networkTransmitBytes, evalTime: at, expSamples: [sample(r.networkTransmitBytes, { device: 'eth0' }, 50)] },
    ],
  };
}

export function tests(c: C): PromtoolTest[] {
  return [
    filesystemSpace(c),
    filesystemFilling(c, 'space'),
    inodesLow(c),
    filesystemFilling(c, 'inodes'),
    cpu(c),
    load(c),
    memory(c),
    disk(c),
    networkErrors(c, 'receive'),
    networkErrors(c, 'transmit'),
    clock(c),
    recordingRules(c),
  ];
}
