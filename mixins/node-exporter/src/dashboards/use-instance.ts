// The USE method per instance: for each resource its utilisation (how busy) next to its
// saturation (how much work waits), and for disks and network the errors. Heavy rates come
// from the recording rules (src/rules.ts); the rest is cheap enough to compute here.
import { barGauge, prometheus, row, timeseries, type DashboardBuilder } from 'grafts';
import type { NodeExporterConfig } from '../config.js';
import { records } from '../rules.js';
import { instanceRatioPanel, nodeDashboard } from './node-dashboard.js';
import { nodeVariables } from './variables.js';

export function useInstanceDashboard(c: Readonly<NodeExporterConfig>): DashboardBuilder {
  const v = nodeVariables(c);
  const r = records(c);
  const ds = v.datasource;
  const fs = (...extra: string[]) => v.sel(c.fsSelector, c.fsMountpointSelector, ...extra);
  const usedRatio = (used: string, total: string) => `1 - ${used}${fs()} / ${total}${fs()}`;
  const fsThresholds = (warningPercent: number, criticalPercent: number) => [
    { color: 'green' },
    { color: 'orange', value: 1 - warningPercent / 100 },
    { color: 'red', value: 1 - criticalPercent / 100 },
  ];

  const cpu = row('CPU').panel(
    instanceRatioPanel(
      v,
      'CPU utilisation',
      'Share of CPU time spent working (not idle, waiting for I/O or stolen by the hypervisor), all cores together.',
      r.cpuUtilisation,
    )
      .thresholds([{ color: 'green' }, { color: 'red', value: c.cpuUtilisationPercent / 100 }])
      .thresholdsStyle('dashed'),
    timeseries('CPU saturation (load per CPU)')
      .description(`1-minute load average divided by the number of CPUs. Above 1 work waits for a CPU; the alert threshold is ${c.loadPerCoreThreshold}.`)
      .datasource(ds)
      .target(prometheus(`${r.loadPerCpu}${v.sel()}`).legend('{{instance}}'))
      .unit('short')
      .min(0)
      .thresholds([{ color: 'green' }, { color: 'red', value: c.loadPerCoreThreshold }])
      .thresholdsStyle('dashed'),
  );

  const memory = row('Memory').panel(
    instanceRatioPanel(v, 'Memory utilisation', 'Share of memory the kernel does not count as available (MemAvailable).', r.memoryUtilisation)
      .thresholds([{ color: 'green' }, { color: 'red', value: c.memoryUtilisationPercent / 100 }])
      .thresholdsStyle('dashed'),
    timeseries('Memory saturation (major page faults, swap)')
      .description(
        'Pages read from disk to satisfy page faults, and pages swapped in and out, per second. All stay near 0 while memory suffices; a host without swap shows 0 swapping.',
      )
      .datasource(ds)
      .target(
        prometheus(`${r.majorPageFaults}${v.sel()}`).legend('{{instance}} major faults'),
        prometheus(`rate(node_vmstat_pswpin${v.sel()}[$__rate_interval])`).legend('{{instance}} swapped in'),
        prometheus(`rate(node_vmstat_pswpout${v.sel()}[$__rate_interval])`).legend('{{instance}} swapped out'),
      )
      .unit('short')
      .axis({ label: 'pages/s' })
      .min(0),
  );

  const disk = row('Disk I/O').panel(
    timeseries('Disk I/O utilisation')
      .description('Share of time each disk was busy with at least one request.')
      .datasource(ds)
      .target(prometheus(`${r.diskIoTime}${v.sel()}`).legend('{{instance}} {{device}}'))
      .unit('percentunit')
      .min(0),
    timeseries('Disk I/O saturation (requests in flight)')
      .description(`Average number of requests in flight per disk (weighted I/O time per second); the alert threshold is ${c.diskIOQueueThreshold}.`)
      .datasource(ds)
      .target(prometheus(`${r.diskIoWeighted}${v.sel()}`).legend('{{instance}} {{device}}'))
      .unit('short')
      .min(0)
      .thresholds([{ color: 'green' }, { color: 'red', value: c.diskIOQueueThreshold }])
      .thresholdsStyle('dashed'),
  );

  const filesystem = row('Filesystem').panel(
    barGauge('Space used')
      .description(
        `Share of each file system's space in use (what unprivileged users can no longer write). Orange from ${100 - c.fsSpaceAvailableWarningPercent}%, red from ${100 - c.fsSpaceAvailableCriticalPercent}%.`,
      )
      .datasource(ds)
      .target(prometheus(usedRatio('node_filesystem_avail_bytes', 'node_filesystem_size_bytes')).instant().legend('{{instance}} {{mountpoint}}'))
      .unit('percentunit')
      .min(0)
      .max(1)
      .thresholds(fsThresholds(c.fsSpaceAvailableWarningPercent, c.fsSpaceAvailableCriticalPercent))
      .displayMode('gradient'),
    barGauge('Inodes used')
      .description(
        `Share of each file system's inodes in use. Orange from ${100 - c.fsInodesFreeWarningPercent}%, red from ${100 - c.fsInodesFreeCriticalPercent}%.`,
      )
      .datasource(ds)
      .target(prometheus(usedRatio('node_filesystem_files_free', 'node_filesystem_files')).instant().legend('{{instance}} {{mountpoint}}'))
      .unit('percentunit')
      .min(0)
      .max(1)
      .thresholds(fsThresholds(c.fsInodesFreeWarningPercent, c.fsInodesFreeCriticalPercent))
      .displayMode('gradient'),
    timeseries('Space available')
      .description('Bytes available to unprivileged users on each file system.')
      .datasource(ds)
      .target(prometheus(`node_filesystem_avail_bytes${fs()}`).legend('{{instance}} {{mountpoint}}'))
      .unit('bytes')
      .min(0)
      .width(24),
  );

  const network = row('Network').panel(
    timeseries('Network traffic')
      .description('Bytes received (above the axis) and transmitted (below) per second on each interface.')
      .datasource(ds)
      .target(
        prometheus(`${r.networkReceiveBytes}${v.sel()}`).legend('{{instance}} {{device}} received'),
        prometheus(`-${r.networkTransmitBytes}${v.sel()}`).legend('{{instance}} {{device}} transmitted'),
      )
      .unit('Bps'),
    timeseries('Network errors and drops')
      .description('Frames per second that failed or were dropped on each interface; 0 on a healthy link.')
      .datasource(ds)
      .target(
        prometheus(`rate(node_network_receive_errs_total${v.sel(c.netDeviceSelector)}[$__rate_interval])`).legend('{{instance}} {{device}} receive errors'),
        prometheus(`rate(node_network_transmit_errs_total${v.sel(c.netDeviceSelector)}[$__rate_interval])`).legend('{{instance}} {{device}} transmit errors'),
        prometheus(`rate(node_network_receive_drop_total${v.sel(c.netDeviceSelector)}[$__rate_interval])`).legend('{{instance}} {{device}} receive drops'),
        prometheus(`rate(node_network_transmit_drop_total${v.sel(c.netDeviceSelector)}[$__rate_interval])`).legend('{{instance}} {{device}} transmit drops'),
      )
      .unit('pps')
      .min(0),
  );

  return nodeDashboard(c, v, {
    title: 'USE Method / Instance',
    uid: 'node-exporter-use',
    description: 'Utilisation, saturation and errors of CPU, memory, disks, file systems and network, per node exporter instance.',
  })
    .graphTooltip('shared-crosshair')
    .row(cpu, memory, disk, filesystem, network);
}
