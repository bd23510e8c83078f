/**
 * Where a target's rule groups (the alerts and recording rules of the project's mixins) go:
 * `targets.<name>.rules` in `dash.config.ts`. Secrets are named by environment variable only.
 */
export type RulesConfig = RulerRulesConfig | GrafanaRulerProxyRulesConfig | RuleFilesRulesConfig | GrafanaAlertingRulesConfig | { type: 'none' };

/**
 * A Prometheus-compatible ruler: Grafana Mimir / Grafana Cloud Metrics, Cortex, or Loki.
 * Unset fields fall back to mimirtool's environment variables (`MIMIR_ADDRESS`,
 * `MIMIR_TENANT_ID`, `MIMIR_API_USER`, `MIMIR_API_KEY`, `MIMIR_AUTH_TOKEN`).
 *
 * @example
 * rules: { type: 'ruler', url: 'https://prometheus-prod-13-prod-us-east-0.grafana.net', user: '123456', keyEnv: 'GRAFANA_CLOUD_RULES_KEY' }
 */
export interface RulerRulesConfig {
  type: 'ruler';
  /** The ruler's base URL (without `/prometheus`). @default $MIMIR_ADDRESS */
  url?: string;
  /** @default 'mimir' */
  flavor?: 'mimir' | 'cortex' | 'loki';
  /** @deprecated spelled {@link flavor}. */
  flavour?: 'mimir' | 'cortex' | 'loki';
  /** Tenant sent as `X-Scope-OrgID`. @default $MIMIR_TENANT_ID */
  tenant?: string;
  /** Basic auth user (the Grafana Cloud instance id). @default $MIMIR_API_USER, else the tenant */
  user?: string;
  /** Environment variable holding the basic auth password / access policy token. @default 'MIMIR_API_KEY' */
  keyEnv?: string;
  /** Environment variable holding a bearer token (instead of basic auth). */
  tokenEnv?: string;
  /** Namespaces this target may see and touch (globs); everything else is invisible and never changed. */
  namespaces?: { include?: string[]; exclude?: string[] };
  /**
   * Namespaces grafts owns even when the code declares no group in them (globs), so that
   * `--prune` also empties a namespace whose mixin was removed. The namespaces the code declares
   * are always owned. @default []
   */
  owns?: string[];
}

/**
 * Data-source-managed rules (Mimir/Cortex or Loki) through the target Grafana's ruler proxy
 * (`/api/ruler/<uid>/api/v1/rules`), with the target's Grafana URL and token only (only on
 * `type: 'grafana'` targets). The data source must be of type `prometheus` or `loki`.
 *
 * @example
 * rules: { type: 'grafana-ruler-proxy', datasource: { name: 'grafanacloud-prom' } }
 */
export interface GrafanaRulerProxyRulesConfig {
  type: 'grafana-ruler-proxy';
  /** The data source whose ruler gets the rules: by uid, or by its name (looked up in Grafana). */
  datasource: { uid: string } | { name: string };
  /** Namespaces this target may see and touch (globs); everything else is invisible and never changed. */
  namespaces?: { include?: string[]; exclude?: string[] };
  /** Namespaces grafts owns even when the code declares no group in them (globs), as on a ruler. @default [] */
  owns?: string[];
}

/**
 * A folder of Prometheus rule files, `<dir>/<namespace>.yaml`; with `prometheusUrl`, apply
 * reloads that Prometheus (`/-/reload`, needs `--web.enable-lifecycle`) and checks through
 * `/api/v1/rules` that every group loaded and evaluates without error.
 */
export interface RuleFilesRulesConfig {
  type: 'rule-files';
  /** The folder, relative to the project. */
  dir: string;
  /** The Prometheus that loads the folder (its `rule_files` must match `<dir>/*.yaml`). */
  prometheusUrl?: string;
}

/**
 * Grafana-managed alert rules through the alerting provisioning API of the target's Grafana
 * (only on `type: 'grafana'` targets). The mixins' Prometheus-style alerts are converted:
 * queries run on `datasourceUid`; recording rules are left out (with a note in the plan).
 */
export interface GrafanaAlertingRulesConfig {
  type: 'grafana-alerting';
  /** Uid of the Prometheus data source the alert queries run on. */
  datasourceUid: string;
  /**
   * `'api'` (default): rules are "Provisioned" and locked in Grafana's UI; `'none'`: sent with
   * `X-Disable-Provenance: true`, so they stay editable in the UI (the next apply replaces edits).
   */
  provenance?: 'api' | 'none';
  /** @default 'OK' */
  noDataState?: 'NoData' | 'Alerting' | 'OK' | 'KeepLast';
  /** @default 'Error' */
  execErrState?: 'Error' | 'Alerting' | 'OK' | 'KeepLast';
  /** Seconds of data query A covers. @default 600 */
  relativeTimeRangeSeconds?: number;
}

/** Default folder of rule files of a `files` target without `rules`, relative to its `dir`. */
export const DEFAULT_RULE_FILES_DIR = 'prometheus-rules';

/**
 * The namespace of a mixin's rule groups from the config's `ruleNamespace`: a pattern in which
 * `{mixin}` stands for the mixin's name, or a map from mixin name to namespace (unlisted mixins
 * use their name).
 *
 * @example
 * ruleNamespaceOf('node-exporter', undefined)            // → 'node-exporter'
 * ruleNamespaceOf('node-exporter', 'infra-{mixin}')      // → 'infra-node-exporter'
 * ruleNamespaceOf('node-exporter', { 'node-exporter': 'nodes' }) // → 'nodes'
 */
export function ruleNamespaceOf(mixin: string, setting: string | Readonly<Record<string, string>> | undefined): string {
  if (setting === undefined) return mixin;
  if (typeof setting === 'string') return setting.split('{mixin}').join(mixin);
  return Object.hasOwn(setting, mixin) ? setting[mixin]! : mixin;
}
