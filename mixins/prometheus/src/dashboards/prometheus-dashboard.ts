// The house header every dashboard of the mixin shares: tags, the last hour refreshed every 30 s,
// a dropdown of its sibling dashboards and the data source, job and instance pickers.
import { dashboard, dashboardLink, type DashboardBuilder } from 'grafts';
import type { PrometheusMixinConfig } from '../config.js';
import type { PrometheusVariables } from './variables.js';

/**
 * A dashboard of the Prometheus mixin with the shared header.
 *
 * @example
 * prometheusDashboard(c, v, { title: c.overviewDashboardTitle, uid: 'prometheus-overview', description: 'Health.' }).row(scraping)
 */
export function prometheusDashboard(
  c: Readonly<PrometheusMixinConfig>,
  v: PrometheusVariables,
  props: { readonly title: string; readonly uid: string; readonly description: string },
): DashboardBuilder {
  return dashboard(props.title)
    .uid(props.uid)
    .description(props.description)
    .tags(...c.dashboardTags)
    .time('now-1h')
    .refresh('30s')
    .link(
      dashboardLink('Prometheus')
        .toTags(...c.dashboardTags)
        .asDropdown()
        .keepTime()
        .includeVars(),
    )
    .variable(v.datasource, v.job, v.instance);
}
