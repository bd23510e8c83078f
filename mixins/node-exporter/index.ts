// @grafts/mixin-node-exporter: USE-method and fleet dashboards, alerts and recording rules for
// Linux hosts monitored with Prometheus' node exporter. See README.md for the config keys.
import { defineMixin } from 'grafts';
import { alerts } from './src/alerts.js';
import { defaults, type NodeExporterConfig } from './src/config.js';
import { dashboards } from './src/dashboards/index.js';
import { rules } from './src/rules.js';
import { tests } from './src/tests.js';

export type { NodeExporterConfig } from './src/config.js';

/** The node exporter mixin with its defaults; configure it with `.config({...})` and the other overrides. */
export const nodeExporterMixin = defineMixin<NodeExporterConfig>({
  name: 'node-exporter',
  description:
    'Linux hosts through node exporter: USE-method and fleet dashboards, alerts on file systems, memory, CPU, disks, network and clock, and the recording rules they read.',
  defaults,
  dashboards,
  alerts,
  rules,
  tests,
});

export default nodeExporterMixin;
