// Two clusters, eu and us, each delivered by a GitOps engine from this repository: the shop's
// RED dashboard and the node-exporter mixin, rendered once as grafana-operator resources and
// once as ConfigMaps for Grafana's dashboard sidecar (kube-prometheus-stack). Each cluster's
// targets give the mixin its own selector, so alerts and dashboards only see that cluster.
//
//   npm run dash -- apply examples/kubernetes --target operator --target sidecar
//
// writes deploy/<cluster>/<flavor>/; `dash diff --target operator --exit-code` in CI shows what
// a pull request changes in them.
import { defineConfig } from 'grafts';
import nodeExporter from '../../mixins/node-exporter/index.js';

const cluster = (name: string) =>
  nodeExporter.config({ nodeExporterSelector: `job="node", cluster="${name}"`, dashboardNamePrefix: `Node Exporter (${name}) / ` });

export default defineConfig({
  mixins: [nodeExporter],
  targets: {
    'eu-operator': {
      type: 'kubernetes',
      flavor: 'grafana-operator',
      dir: 'deploy/eu/grafana-operator',
      namespace: 'monitoring',
      labels: { 'app.kubernetes.io/part-of': 'shop-observability' },
      instanceSelector: { matchLabels: { dashboards: 'grafana-eu' } },
      rules: { type: 'grafana-alert-rule-group', datasourceUid: 'prometheus' },
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
