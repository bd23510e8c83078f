// The mixin's dashboards, keyed by output file name.
import type { DashboardBuilder } from 'grafts';
import type { NodeExporterConfig } from '../config.js';
import { fleetOverviewDashboard } from './fleet-overview.js';
import { useInstanceDashboard } from './use-instance.js';

export function dashboards(c: Readonly<NodeExporterConfig>): Record<string, DashboardBuilder> {
  return {
    'node-exporter-use.json': useInstanceDashboard(c),
    'node-exporter-fleet.json': fleetOverviewDashboard(c),
  };
}
