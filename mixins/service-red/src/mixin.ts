// The service-red mixin: RED dashboard and SLO burn-rate alerting for HTTP services.
import { defineMixin } from 'grafts';
import { alertGroups } from './alerts.js';
import { SERVICE_RED_DEFAULTS, type ServiceRedConfig } from './config.js';
import { serviceRedDashboards } from './dashboards.js';
import { recordingRules } from './recording-rules.js';
import { serviceRedTests } from './tests.js';
import { serviceRedRoutes, serviceRedRoutingTests } from './routes.js';

/**
 * RED dashboards and multi-window multi-burn-rate SLO alerts for any HTTP service with a
 * requests counter and a duration histogram.
 *
 * @example
 * serviceRedMixin.config({ objectives: { availability: 0.995 } }).render().alerts.groups[0].rules.map((r) => r.alert)
 * // → ['ServiceErrorBudgetFastBurn', 'ServiceErrorBudgetSlowBurn', 'ServiceLatencyBudgetFastBurn', 'ServiceLatencyBudgetSlowBurn']
 */
export const serviceRedMixin = defineMixin<ServiceRedConfig>({
  name: 'service-red',
  description: 'RED dashboard and multi-window multi-burn-rate SLO alerts (availability and latency) for HTTP services',
  defaults: SERVICE_RED_DEFAULTS,
  rules: recordingRules,
  alerts: alertGroups,
  dashboards: serviceRedDashboards,
  tests: serviceRedTests,
  routes: serviceRedRoutes,
  routingTests: serviceRedRoutingTests,
});
