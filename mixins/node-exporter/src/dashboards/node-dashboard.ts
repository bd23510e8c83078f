// What every node exporter dashboard shares: the house header (tags, refresh, the last hour, a
// dropdown of its sibling dashboards, the three pickers) and the per-instance ratio panel.
import { dashboard, dashboardLink, prometheus, timeseries, type DashboardBuilder, type TimeseriesPanel } from 'grafts';
import type { NodeExporterConfig } from '../config.js';
import type { NodeVariables } from './variables.js';

/**
 * A node exporter dashboard titled `<dashboardNamePrefix><title>`, with the data source, job and
 * instance pickers and a link to the other dashboards of the mixin.
 *
 * @example
 * nodeDashboard(c, v, { title: 'Fleet Overview', uid: 'node-exporter-fleet', description: 'Every instance.' }).row(trends)
 */
export function nodeDashboard(
  c: Readonly<NodeExporterConfig>,
  v: NodeVariables,
  props: { readonly title: string; readonly uid: string; readonly description: string },
): DashboardBuilder {
  return dashboard(`${c.dashboardNamePrefix}${props.title}`)
    .uid(props.uid)
    .description(props.description)
    .tags(...c.dashboardTags)
    .refresh(c.dashboardRefresh)
    .time('now-1h')
    .link(
      dashboardLink('Node exporter dashboards')
        .toTags(...c.dashboardTags)
        .asDropdown()
        .keepTime()
        .includeVars(),
    )
    .variable(v.datasource, v.job, v.instance);
}

/**
 * A time series of a recorded 0–1 ratio (CPU or memory utilisation), one line per instance.
 *
 * @example
 * instanceRatioPanel(v, 'CPU utilisation', 'Share of CPU time spent working.', r.cpuUtilisation)
 */
export function instanceRatioPanel(v: NodeVariables, title: string, description: string, recorded: string): TimeseriesPanel {
  return timeseries(title)
    .description(description)
    .datasource(v.datasource)
    .target(prometheus(`${recorded}${v.sel()}`).legend('{{instance}}'))
    .unit('percentunit')
    .min(0)
    .max(1);
}
