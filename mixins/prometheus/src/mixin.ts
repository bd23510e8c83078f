import { defineMixin } from 'grafts';
import { prometheusAlerts } from './alerts.js';
import { PROMETHEUS_DEFAULTS, type PrometheusMixinConfig } from './config.js';
import { overviewDashboard, OVERVIEW_UID } from './dashboards/overview.js';
import { remoteWriteDashboard, REMOTE_WRITE_UID } from './dashboards/remote-write.js';
import { prometheusRules } from './rules.js';
import { prometheusTests } from './tests.js';

/**
 * Prometheus monitoring itself: an overview and a remote write dashboard, alerts on
 * configuration, alerting, storage, scraping, rule evaluation and remote write, and recording
 * rules for scrape health per job.
 */
export const prometheusMixin = defineMixin<PrometheusMixinConfig>({
  name: 'prometheus',
  description: 'Prometheus self-monitoring: dashboards, alerts and scrape health recording rules',
  defaults: PROMETHEUS_DEFAULTS,
  dashboards: (c) => ({
    [`${OVERVIEW_UID}.json`]: overviewDashboard(c),
    [`${REMOTE_WRITE_UID}.json`]: remoteWriteDashboard(c),
  }),
  alerts: (c) => prometheusAlerts(c),
  rules: (c) => prometheusRules(c),
  tests: (c) => prometheusTests(c),
});
