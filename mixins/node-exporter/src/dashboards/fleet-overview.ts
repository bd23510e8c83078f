// The fleet at a glance: how many node exporters are up, which instances are the busiest by
// CPU, memory, load and file system use, and every instance side by side in one table.
import { barGauge, prometheus, row, stat, table, type DashboardBuilder } from 'grafts';
import type { NodeExporterConfig } from '../config.js';
import { records } from '../rules.js';
import { instanceRatioPanel, nodeDashboard } from './node-dashboard.js';
import { nodeVariables } from './variables.js';

/** How many instances the "top" panels show. */
const TOP = 10;

export function fleetOverviewDashboard(c: Readonly<NodeExporterConfig>): DashboardBuilder {
  const v = nodeVariables(c);
  const r = records(c);
  const ds = v.datasource;
  const fs = v.sel(c.fsSelector, c.fsMountpointSelector);
  const fullestFs = `max by (job, instance) (1 - node_filesystem_avail_bytes${fs} / node_filesystem_size_bytes${fs})`;
  const percentThresholds = (percent: number) => [{ color: 'green' }, { color: 'orange', value: (percent - 10) / 100 }, { color: 'red', value: percent / 100 }];

  const top = (title: string, description: string, expr: string) =>
    barGauge(title)
      .description(description)
      .datasource(ds)
      .target(prometheus(`topk(${TOP}, ${expr})`).instant().legend('{{instance}}'))
      .displayMode('gradient')
      .width(6)
      .height(9);

  const targets = row('Targets').panel(
    stat('Instances up')
      .description('Node exporter targets Prometheus scraped successfully at the last scrape.')
      .datasource(ds)
      .target(prometheus(`sum(up${v.sel()})`).instant())
      .unit('none')
      .colorMode('value')
      .width(6)
      .height(4),
    stat('Instances down')
      .description('Node exporter targets whose last scrape failed (the prometheus mixin alerts on them).')
      .datasource(ds)
      .target(prometheus(`sum(1 - up${v.sel()})`).instant())
      .unit('none')
      .thresholds([{ color: 'green' }, { color: 'red', value: 1 }])
      .colorMode('background')
      .width(6)
      .height(4),
    stat('CPUs')
      .description('CPUs across the selected instances.')
      .datasource(ds)
      .target(prometheus(`sum(${r.cpus}${v.sel()})`).instant())
      .unit('none')
      .width(6)
      .height(4),
    stat('Memory')
      .description('Memory across the selected instances.')
      .datasource(ds)
      .target(prometheus(`sum(node_memory_MemTotal_bytes${v.sel()})`).instant())
      .unit('bytes')
      .width(6)
      .height(4),
  );

  const busiest = row('Busiest instances').panel(
    top('CPU utilisation', `The ${TOP} instances with the highest share of CPU time spent working.`, `${r.cpuUtilisation}${v.sel()}`)
      .unit('percentunit')
      .min(0)
      .max(1)
      .thresholds(percentThresholds(c.cpuUtilisationPercent)),
    top('Memory utilisation', `The ${TOP} instances using the largest share of their memory.`, `${r.memoryUtilisation}${v.sel()}`)
      .unit('percentunit')
      .min(0)
      .max(1)
      .thresholds(percentThresholds(c.memoryUtilisationPercent)),
    top('Load per CPU', `The ${TOP} instances with the highest 1-minute load per CPU.`, `${r.loadPerCpu}${v.sel()}`)
      .unit('short')
      .min(0)
      .thresholds([{ color: 'green' }, { color: 'orange', value: 1 }, { color: 'red', value: c.loadPerCoreThreshold }]),
    top('Fullest file system', `The ${TOP} instances whose fullest file system has the least space left.`, fullestFs)
      .unit('percentunit')
      .min(0)
      .max(1)
      .thresholds(percentThresholds(100 - c.fsSpaceAvailableWarningPercent)),
  );

  const column = (expr: string) => prometheus(expr).instant().format('table');
  const instances = row('Instances').panel(
    table('Instances')
      .description('Every selected instance: CPU and memory utilisation, load per CPU and its fullest file system, now.')
      .datasource(ds)
      .target(column(`${r.cpuUtilisation}${v.sel()}`), column(`${r.memoryUtilisation}${v.sel()}`), column(`${r.loadPerCpu}${v.sel()}`), column(fullestFs))
      .transformation('merge')
      .transformation('organize', {
        excludeByName: { Time: true },
        indexByName: { instance: 0, job: 1, 'Value #A': 2, 'Value #B': 3, 'Value #C': 4, 'Value #D': 5 },
        renameByName: {
          instance: 'Instance',
          job: 'Job',
          'Value #A': 'CPU utilisation',
          'Value #B': 'Memory utilisation',
          'Value #C': 'Load per CPU',
          'Value #D': 'Fullest file system',
        },
      })
      .unit('percentunit')
      .overrideByName('Load per CPU', { unit: 'short', decimals: 2 })
      .sortBy('CPU utilisation', true)
      .width(24)
      .height(10),
  );

  const trends = row('Trends').panel(
    instanceRatioPanel(v, 'CPU utilisation by instance', 'Share of CPU time spent working, per instance.', r.cpuUtilisation),
    instanceRatioPanel(v, 'Memory utilisation by instance', 'Share of memory in use, per instance.', r.memoryUtilisation),
  );

  return nodeDashboard(c, v, {
    title: 'Fleet Overview',
    uid: 'node-exporter-fleet',
    description: 'Every node exporter instance at a glance: targets up, the busiest instances and a table of all of them.',
  }).row(targets, busiest, instances, trends);
}
