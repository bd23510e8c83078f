import type { Mixin } from '../mixin/define-mixin.js';
import type { DashboardSchema } from '../model/dashboard.js';
import type { RulesConfig } from './rules-config.js';
import type { AlertingConfig } from '../alerting/alerting-config.js';
import type { DatasourceDefinition } from '../datasources/datasource-definition.js';

/**
 * The contents of `dash.config.ts`. Every field is optional; paths are relative to the directory
 * that holds the config file.
 *
 * New fields (targets, mixins, lint rules) are added here as the CLI grows; unknown fields are
 * rejected when the config is loaded so that a typo never goes unnoticed.
 */
export interface DashConfig {
  /**
   * Glob(s) selecting the dashboard entry files. Supports `*`, `**`, `?`, `[abc]`, `{a,b}`;
   * a pattern starting with `!` excludes what it matches. `node_modules`, dot directories and
   * the output directory are never searched.
   *
   * @default "**\/*.dash.ts"
   */
  dashboards?: string | string[];
  /**
   * Where `dash build` writes its output (`<outDir>/dashboards/<uid>.json`). The directory is
   * replaced as a whole on every build and carries a `.grafts-out` marker file; grafts refuses to
   * replace a non-empty directory that lacks it.
   *
   * @default "out"
   */
  outDir?: string;
  /** `dash lint` settings: rule severities and exclusions. */
  lint?: LintConfig;
  /**
   * Mixins to render with the project: each is written in mixtool's layout to
   * `<outDir>/mixins/<name>/` (`dashboards_out/*.json`, `prometheus_alerts.yaml`,
   * `prometheus_rules.yaml`). A project may consist of mixins only (no `*.dash.ts` needed).
   *
   * @example
   * import nodeExporter from '@grafts/mixin-node-exporter';
   * mixins: [nodeExporter.config({ fsSpaceAvailableCriticalThreshold: 3 }).dropAlert('NodeClockNotSynchronising')]
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a Mixin<C> is not assignable to Mixin<object> (its config is used both ways)
  mixins?: Mixin<any>[];
  /**
   * The ruler namespace (rule file, or Grafana folder uid for Grafana-managed rules) of each
   * mixin's rule groups: a pattern in which `{mixin}` is the mixin's name, or a map from mixin
   * name to namespace (unlisted mixins use their name). @default "{mixin}"
   *
   * @example
   * ruleNamespace: 'infra-{mixin}'            // node-exporter → infra-node-exporter
   * ruleNamespace: { 'node-exporter': 'nodes' }
   */
  ruleNamespace?: string | Record<string, string>;
  /**
   * Named places `dash diff` / `dash apply` talk to, picked with `--target <name>`. Secrets never
   * stand in this file: a Grafana target names the environment variable that holds its token
   * (`tokenEnv`) or password (`passwordEnv`); a literal `token` or `password` is a config error.
   *
   * Without `--target`, the Grafana of the environment (`GRAFANA_URL` + `GRAFANA_TOKEN`, or
   * `GRAFANA_USER` + `GRAFANA_PASSWORD`) is used when `GRAFANA_URL` is set, else `defaultTarget`,
   * else the file-provisioning folder `grafana-provisioning/` of the project.
   *
   * @example
   * targets: {
   *   prod: { type: 'grafana', url: 'https://acme.grafana.net', tokenEnv: 'GRAFANA_PROD_TOKEN' },
   *   dev: { type: 'grafana', url: 'http://localhost:3000', user: 'admin', passwordEnv: 'GRAFANA_DEV_PASSWORD', uidPrefix: 'dev-' },
   *   files: { type: 'files', dir: 'deploy/grafana' },
   * }
   */
  targets?: Record<string, TargetConfig>;
  /** Name of the entry of `targets` used when neither `--target` nor `GRAFANA_URL` is given. */
  defaultTarget?: string;
  /**
   * Named groups of targets: `dash diff --target prod` (or `--target eu --target us`) runs on
   * every member with bounded parallelism and prints one combined report. A fleet name may not
   * be a target name. See docs/fleets.md.
   *
   * @example
   * fleets: { prod: ['eu', 'us', 'ap'] }
   */
  fleets?: Record<string, string[]>;
  /**
   * The schema of dashboards that set none with `.schema()`: `v1` (classic JSON) or `v2`
   * (`dashboard.grafana.app/v2`). A dashboard using tabs, auto grids, show/hide rules or nested
   * rows is v2 anyway. A target's `schema`, and `--schema`, override every dashboard's choice.
   * @default "v1"
   */
  schema?: DashboardSchema;
  /**
   * The project's name in the ownership markers of what `dash apply` writes: `--prune` deletes
   * only resources marked for this project, their own uid and the target's uid prefix. Set it
   * when two projects share a Grafana; keep it when the package is renamed (a new name makes
   * the resources written under the old one foreign: conflicts, never deletes).
   *
   * @default the `name` in the project's package.json, else none
   */
  project?: string;
  /**
   * Where alerts go: contact points, the notification policy tree, mute timings, templates and
   * routing tests (see docs/alerting.md). The mixins' default routes are placed under the
   * policy's root. `dash build` writes `<outDir>/alertmanager/alertmanager.yaml` (secrets as
   * `*_file` paths under `secretsDir`) and `templates/*.tmpl`; `dash mixin test` runs the
   * routing tests with amtool.
   *
   * @example
   * alerting: {
   *   contactPoints: [contactPoint('default').slack({ url: secret('SLACK_URL') }), contactPoint('page').pagerDuty({ routingKey: secret('PD_KEY') })],
   *   policy: notificationPolicy('default').groupBy('alertname', 'job'),
   *   routingTests: [{ labels: { severity: 'critical', alertname: 'X' }, receivers: ['page'] }],
   * }
   */
  alerting?: AlertingConfig;
  /**
   * The project's data sources (see docs/datasources-as-code.md): `dash diff` / `dash apply` plan
   * and apply them on a Grafana target before the dashboards (which reference them), marked
   * as this project's (`jsonData.graftsOwner`); `--prune` deletes only those. Secrets come
   * from the environment only. An empty list with `--prune` deletes every data source this
   * project owns; leaving the key out keeps data sources out of diff and apply.
   *
   * @example
   * const tempo = tempoDatasource({ uid: 'tempo', name: 'Tempo', url: 'http://tempo:3200' });
   * datasources: [prometheusDatasource({ uid: 'prom', name: 'Prometheus', url: 'http://prometheus:9090' }), tempo]
   */
  datasources?: DatasourceDefinition[];
}

/** One entry of {@link DashConfig.targets}. */
export type TargetConfig = GrafanaTargetConfig | FilesTargetConfig | KubernetesTargetConfig;

/** A Grafana reached over HTTP (`targets.<name>` with `type: 'grafana'`). */
export interface GrafanaTargetConfig {
  type: 'grafana';
  /** Base URL: `http://localhost:3000`, `https://<stack>.grafana.net`, `https://host/grafana/`. No credentials in it. */
  url: string;
  /** Environment variable holding a service account token (`glsa_…`), sent as a Bearer token. */
  tokenEnv?: string;
  /** Basic auth user name (with `passwordEnv`). */
  user?: string;
  /** Environment variable holding the basic auth password. */
  passwordEnv?: string;
  /** Organization id, sent as `X-Grafana-Org-Id`. */
  orgId?: number;
  /** `auto` (default) uses the Kubernetes-style `/apis` on Grafana 12+ when served; `classic` or `k8s` force one. */
  apiMode?: 'auto' | 'classic' | 'k8s';
  /** PEM file of the CA that signed Grafana's certificate, relative to the project. */
  caFile?: string;
  /** Accept any TLS certificate (test instances only). @default false */
  insecureSkipVerify?: boolean;
  /** Timeout of one request attempt in ms. @default 30000 */
  timeoutMs?: number;
  /** Prepended to the titles of top-level folders (e.g. `'[dev] '`): a dev target sharing a Grafana. */
  folderPrefix?: string;
  /** Prepended to every folder and dashboard uid (e.g. `'dev-'`); only uids with it are listed, pruned or changed. */
  uidPrefix?: string;
  /**
   * The target `dash watch` applies to by default. Without `uidPrefix` and `folderPrefix`,
   * watch adds per-user ones (`<user>-`, `[<user>] `) so two developers sharing this Grafana
   * do not overwrite each other. At most one target may be marked. @default false
   */
  dev?: boolean;
  /**
   * Where the mixins' rule groups go: a Mimir/Cortex/Loki ruler, Grafana-managed alerting on this
   * Grafana, rule files, or `{ type: 'none' }`. @default a ruler from `MIMIR_ADDRESS` when set, else none
   */
  rules?: RulesConfig;
  /**
   * Provenance of the contact points, policy tree, mute timings and templates grafts writes to
   * this Grafana: `api` marks them "Provisioned" (Grafana's UI cannot edit them), `none` sends
   * `X-Disable-Provenance` on every write so they stay editable in the UI. @default 'api'
   */
  alertingProvenance?: 'api' | 'none';
  /** Every dashboard in this schema on this target (e.g. `v1` for a Grafana 11). @default each dashboard's own */
  /**
   * The mixins on this target instead of the project's `mixins` (per-cluster label, thresholds,
   * data source names): e.g. `[nodeExporter.config({ clusterLabel: 'eu' })]`. @default the project's
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a Mixin<C> is not assignable to Mixin<object> (its config is used both ways)
  mixins?: Mixin<any>[];
  schema?: DashboardSchema;
}

/**
 * A Grafana file-provisioning folder (`targets.<name>` with `type: 'files'`): dashboards as
 * `<dir>/dashboards/<folder titles>/<uid>.json` plus the provider config
 * `<dir>/provisioning/dashboards/grafts.yaml`.
 */
export interface FilesTargetConfig {
  type: 'files';
  /** The folder, relative to the project. */
  dir: string;
  /**
   * Where Grafana sees `<dir>/dashboards` (e.g. `/var/lib/grafana/dashboards` in a container),
   * written as the provider's `options.path`; must be absolute. @default the absolute local path
   * @example
   * { type: 'files', dir: 'grafana-provisioning', grafanaPath: '/var/lib/grafana/dashboards' }
   */
  grafanaPath?: string;
  /**
   * `apiVersion` of schema v2 dashboard files (they are written in resource form, the only v2
   * form file provisioning and Git Sync read): `v2beta1`, what Grafana 12.3+ file provisioning
   * documents, or `v2` when every reader is Grafana 13+ (13.0.x file provisioning has open bugs
   * with it). @default 'v2beta1'
   */
  v2ApiVersion?: 'v2' | 'v2beta1';
  /**
   * How v1 dashboards are written: `classic` JSON, or `resource` form
   * (`{ apiVersion: 'dashboard.grafana.app/v1beta1', kind: 'Dashboard', metadata: { name }, spec }`).
   * @default 'classic'
   */
  v1Format?: 'classic' | 'resource';
  /** The target `dash watch` applies to by default (see {@link GrafanaTargetConfig.dev}). @default false */
  dev?: boolean;
  /**
   * Where the mixins' rule groups go. @default a ruler from `MIMIR_ADDRESS` when set, else rule
   * files in `<dir>/prometheus-rules/`
   */
  rules?: RulesConfig;
  /** Every dashboard in this schema on this target. @default each dashboard's own */
  /**
   * The mixins on this target instead of the project's `mixins` (per-cluster label, thresholds,
   * data source names): e.g. `[nodeExporter.config({ clusterLabel: 'eu' })]`. @default the project's
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a Mixin<C> is not assignable to Mixin<object> (its config is used both ways)
  mixins?: Mixin<any>[];
  schema?: DashboardSchema;
}

/**
 * Kubernetes manifests for a GitOps engine (`targets.<name>` with `type: 'kubernetes'`): custom
 * resources of grafana-operator, or ConfigMaps for Grafana's dashboard sidecar, plus rule
 * objects. See docs/kubernetes.md.
 *
 * @example
 * { type: 'kubernetes', flavor: 'grafana-operator', dir: 'deploy/eu/grafana', namespace: 'monitoring', instanceSelector: { matchLabels: { dashboards: 'grafana' } } }
 */
export interface KubernetesTargetConfig {
  type: 'kubernetes';
  /** `grafana-operator` (GrafanaDashboard, GrafanaManifest, GrafanaFolder) or `sidecar` (labelled ConfigMaps). */
  flavor: 'grafana-operator' | 'sidecar';
  /** The folder of manifests, relative to the project. */
  dir: string;
  /** `files`: one file per object, `<kind>-<name>.yaml` (default); `stream`: every object in one multi-document file. */
  layout?: 'files' | 'stream';
  /** The file name of the `stream` layout. @default 'grafts.yaml' */
  streamFile?: string;
  /** `metadata.namespace` of every object (a DNS-1123 label). @default none: the GitOps engine's namespace */
  namespace?: string;
  /** Labels added to every object (besides `app.kubernetes.io/managed-by: grafts`). */
  labels?: Record<string, string>;
  /** grafana-operator: the Grafana instances that take the resources. @default { matchLabels: { dashboards: 'grafana' } } */
  instanceSelector?: {
    matchLabels?: Record<string, string>;
    matchExpressions?: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }[];
  };
  /** grafana-operator: a dashboard's folder by `folderRef` (the GrafanaFolder's name) or `folderUID`. @default 'ref' */
  folderReference?: 'ref' | 'uid';
  /** `dashboard.grafana.app` version of schema v2 dashboards. @default 'v2beta1' */
  v2ApiVersion?: 'v2' | 'v2beta1';
  /** sidecar: the labels the sidecar selects ConfigMaps by. @default { grafana_dashboard: '1' } */
  sidecarLabels?: Record<string, string>;
  /** sidecar: the annotation holding the folder (the sidecar's `folderAnnotation`). @default 'grafana_folder' */
  folderAnnotation?: string;
  /**
   * grafana-operator: the Kubernetes Secret (which you create, in the target's namespace) the
   * contact points read each `secret('ENV')` setting from, at key `ENV`, through `valuesFrom`.
   * No secret value is ever written into a manifest. @default { name: 'grafts-alerting' }
   */
  alertingSecret?: { name: string };
  /**
   * Where the mixins' rule groups go: `prometheus-rule` (a PrometheusRule per group; `labels` for
   * the Prometheus' `ruleSelector`), `grafana-alert-rule-group` (grafana-operator; alerting rules
   * only, querying `datasourceUid`), or `none`. @default { type: 'prometheus-rule' }
   */
  rules?:
    | { type: 'prometheus-rule'; labels?: Record<string, string> }
    | {
        type: 'grafana-alert-rule-group';
        datasourceUid: string;
        noDataState?: 'NoData' | 'Alerting' | 'OK' | 'KeepLast';
        execErrState?: 'Error' | 'Alerting' | 'OK' | 'KeepLast';
        relativeTimeRangeSeconds?: number;
      }
    | { type: 'none' };
  /** The target `dash watch` applies to by default. @default false */
  dev?: boolean;
  /** Every dashboard in this schema on this target. @default each dashboard's own */
  /**
   * The mixins on this target instead of the project's `mixins` (per-cluster label, thresholds,
   * data source names): e.g. `[nodeExporter.config({ clusterLabel: 'eu' })]`. @default the project's
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a Mixin<C> is not assignable to Mixin<object> (its config is used both ways)
  mixins?: Mixin<any>[];
  schema?: DashboardSchema;
}

/** Default file-provisioning folder (relative to the project) when no Grafana is configured. */
export const DEFAULT_PROVISIONING_DIR = 'grafana-provisioning';

/** A lint rule's severity in `lint.rules`; `off` disables the rule. */
export type LintRuleSetting = 'off' | 'error' | 'warning' | 'info';

/**
 * `dash lint` settings in `dash.config.ts`.
 *
 * @example
 * lint: {
 *   rules: { 'panel-unit': 'error', 'alert-for': 'off' },
 *   exclude: [{ rule: 'job-instance-matchers', dashboard: 'cluster-*', reason: 'cluster-wide views' }],
 * }
 */
export interface LintConfig {
  /** Severity per rule id (`dash lint --rules` lists them); unlisted rules keep their default. */
  rules?: Record<string, LintRuleSetting>;
  /** Findings to drop. Patterns are globs (`*`, `?`) over the whole value. */
  exclude?: LintExclusion[];
}

/** One `lint.exclude` entry: drops the findings of `rule` on the matching dashboards/panels. */
export interface LintExclusion {
  /** Rule id, or `*` for every rule. */
  rule: string;
  /** Dashboard uid or title glob; every dashboard when absent. */
  dashboard?: string;
  /** Panel title glob; every finding of the matching dashboards when absent. */
  panel?: string;
  /** Why: kept for the reader (and shown by `dash lint --json` in `excluded`). */
  reason?: string;
}

/** Default glob for dashboard entry files. */
export const DEFAULT_DASHBOARDS_GLOB = '**/*.dash.ts';

/** Default output directory, relative to the project directory. */
export const DEFAULT_OUT_DIR = 'out';

/**
 * Declares the project configuration. It returns its argument unchanged; its only purpose is
 * to give `dash.config.ts` type checking and editor completion.
 *
 * @example
 * // dash.config.ts
 * import { defineConfig } from 'grafts';
 *
 * export default defineConfig({
 *   dashboards: ['dashboards/**\/*.dash.ts', '!dashboards/drafts/**'],
 *   outDir: 'build/grafana',
 * });
 */
export function defineConfig(config: DashConfig): DashConfig {
  return config;
}
