// Two clusters, eu and us, each delivered by a GitOps engine from this repository: the shop's
// RED dashboard and the node-exporter mixin, rendered once as grafana-operator resources and
// once as ConfigMaps for Grafana's dashboard sidecar (kube-prometheus-stack). Each cluster's
// targets give the mixin its own selector, so alerts and dashboards only see that cluster.
//
//   npm run dash -- apply examples/kubernetes --target operator --target sidecar
//
// writes deploy/<cluster>/<flavor>/; `dash diff --target operator --exit-code` in CI shows what
// a pull request changes in them.
import { contactPoint, defineConfig, muteTiming, notificationPolicy, route, secret } from 'grafts';
import nodeExporter from '../../mixins/node-exporter/index.js';

const cluster = (name: string) =>
  nodeExporter.config({ nodeExporterSelector: `job="node", cluster="${name}"`, dashboardNamePrefix: `Node Exporter (${name}) / ` });

export default defineConfig({
  mixins: [nodeExporter],
  // On the grafana-operator targets: GrafanaContactPoint, GrafanaNotificationPolicy and
  // GrafanaMuteTiming objects. The Slack URL is read from the Secret "shop-alerting" (key
  // SLACK_URL) that you create in the namespace; it is never written into a manifest.
  alerting: {
    contactPoints: [contactPoint('shop-oncall').slack({ url: secret('SLACK_URL'), channel: '#shop-oncall' })],
    policy: notificationPolicy('shop-oncall')
      .groupBy('alertname', 'cluster')
      .route(route({ severity: 'warning' }).receiver('shop-oncall').muteTimeIntervals('weekends')),
    muteTimings: [muteTiming('weekends').interval({ weekdays: ['saturday', 'sunday'] })],
  },
  targets: {
    'eu-operator': {
      type: 'kubernetes',
      flavor: 'grafana-operator',
      dir: 'deploy/eu/grafana-operator',
      namespace: 'monitoring',
      labels: { 'app.kubernetes.io/part-of': 'shop-observability' },
      instanceSelector: { matchLabels: { dashboards: 'grafana-eu' } },
      rules: { type: 'grafana-alert-rule-group', datasourceUid: 'prometheus' },
      alertingSecret: { name: 'shop-alerting' },
      mixins: [cluster('eu')],
    },
    'us-operator': {
      type: 'kubernetes',
      flavor: 'grafana-operator',
      dir: 'deploy/us/grafana-operator',
      namespace: 'monitoring',
      labels: { 'app.kubernetes.io/part-of': 'shop-observability' },
      instanceSelector: { matchLabels: { dashboards: 'grafana-us' } },
      rules: { type: 'grafana-alert-rule-group', datasourceUid: 'prometheus' },
      alertingSecret: { name: 'shop-alerting' },
      mixins: [cluster('us')],
    },
    'eu-sidecar': {
      type: 'kubernetes',
      flavor: 'sidecar',
      dir: 'deploy/eu/sidecar',
      layout: 'stream',
      namespace: 'monitoring',
      rules: { type: 'prometheus-rule', labels: { release: 'kube-prometheus-stack' } },
      mixins: [cluster('eu')],
    },
    'us-sidecar': {
      type: 'kubernetes',
      flavor: 'sidecar',
      dir: 'deploy/us/sidecar',
      layout: 'stream',
      namespace: 'monitoring',
      rules: { type: 'prometheus-rule', labels: { release: 'kube-prometheus-stack' } },
      mixins: [cluster('us')],
    },
  },
  fleets: {
    operator: ['eu-operator', 'us-operator'],
    sidecar: ['eu-sidecar', 'us-sidecar'],
  },
});
