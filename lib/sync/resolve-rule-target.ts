import path from 'node:path';
import type { DashConfig } from '../project/define-config.js';
import { DEFAULT_RULE_FILES_DIR, type RulesConfig } from '../project/rules-config.js';
import type { RuleSyncTarget } from './rule-resources.js';
import { GrafanaAlertingTarget } from './rule-targets/grafana-alerting-target.js';
import { GrafanaRulerProxyTarget } from './rule-targets/grafana-ruler-proxy-target.js';
import { namespaceMatcher } from './rule-targets/namespace-filter.js';
import { RuleFileTarget } from './rule-targets/rule-file-target.js';
import { RulerTarget, rulerTargetFromEnv } from './rule-targets/ruler-target.js';
import { TargetConfigError } from './resolve-target.js';
import type { SyncTarget } from './sync-target.js';
import { FileTarget } from './targets/file-target.js';
import { GrafanaTarget } from './targets/grafana-target.js';
import { KubernetesTarget } from './targets/kubernetes/kubernetes-target.js';
import { KubernetesRuleTarget } from './targets/kubernetes/kubernetes-rule-target.js';

/** The rule target of a sync run, with what the plan needs to know about it. */
export interface ResolvedRuleTarget {
  readonly target: RuleSyncTarget;
  /** Namespaces owned besides the declared ones (`rules.owns`). */
  readonly ownsNamespace?: (namespace: string) => boolean;
}

/** Options of {@link resolveRuleTarget}. */
export interface ResolveRuleTargetOptions {
  /** The project directory (relative `dir`s are resolved from it). */
  cwd: string;
  config: DashConfig;
  /** The dashboards target already resolved (its name says which config entry applies). */
  target: SyncTarget;
  /** Whether the target came from `--target`/`defaultTarget` (a config entry) rather than the environment or the default. */
  fromConfig: boolean;
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * Picks where the project's rule groups go, first match wins:
 *
 * 1. the target's config entry `rules` (`{ type: 'none' }`: nowhere);
 * 2. `MIMIR_ADDRESS` (or `CORTEX_ADDRESS`) set: that ruler, with mimirtool's variables
 *    (`MIMIR_TENANT_ID`, `MIMIR_API_USER`, `MIMIR_API_KEY`, `MIMIR_AUTH_TOKEN`);
 * 3. a file-provisioning target: rule files in `<dir>/prometheus-rules/`;
 * 4. none (undefined): the plan notes that the rule groups are not applied.
 *
 * @throws {TargetConfigError} an unset environment variable, a ruler without URL, Grafana-managed
 * alerting on a target that is not a Grafana.
 *
 * @example
 * resolveRuleTarget({ cwd, config, target, fromConfig: false, env: { MIMIR_ADDRESS: 'http://mimir:8080', MIMIR_TENANT_ID: 'ops' } })
 * // → { target: RulerTarget (mimir ruler http://mimir:8080/prometheus/config/v1/rules (tenant ops)) }
 */
export function resolveRuleTarget(options: ResolveRuleTargetOptions): ResolvedRuleTarget | undefined {
  const entry = options.fromConfig ? options.config.targets?.[options.target.name] : undefined;
  if (options.target instanceof KubernetesTarget) {
    // Rules go next to the dashboards, whatever the environment says: one folder, one GitOps delivery.
    const rules = entry?.type === 'kubernetes' && entry.rules ? entry.rules : { type: 'prometheus-rule' as const };
    if (rules.type === 'none') return undefined;
    const name = `${options.target.name} rules`;
    if (rules.type === 'prometheus-rule')
      return {
        target: new KubernetesRuleTarget({
          name,
          target: options.target,
          format: 'prometheus-rule',
          ...(rules.labels !== undefined && { ruleLabels: rules.labels }),
        }),
      };
    return {
      target: new KubernetesRuleTarget({
        name,
        target: options.target,
        format: 'grafana-alert-rule-group',
        conversion: {
          prometheusDatasourceUid: rules.datasourceUid,
          ...(rules.noDataState !== undefined && { noDataState: rules.noDataState }),
          ...(rules.execErrState !== undefined && { execErrState: rules.execErrState }),
          ...(rules.relativeTimeRangeSeconds !== undefined && { relativeTimeRangeSeconds: rules.relativeTimeRangeSeconds }),
        },
      }),
    };
  }
  if (entry?.rules && entry.type !== 'kubernetes') return fromRulesConfig(entry.rules, `targets.${options.target.name}.rules`, options);
  for (const prefix of ['MIMIR', 'CORTEX'] as const) {
    if (nonEmpty(options.env[`${prefix}_ADDRESS`]) !== undefined) return { target: rulerTargetFromEnv(options.env, { prefix, name: prefix.toLowerCase() }) };
  }
  if (options.target instanceof FileTarget) {
    return { target: new RuleFileTarget({ name: `${options.target.name} rules`, dir: path.join(options.target.dir, DEFAULT_RULE_FILES_DIR) }) };
  }
  return undefined;
}

function fromRulesConfig(rules: RulesConfig, at: string, options: ResolveRuleTargetOptions): ResolvedRuleTarget | undefined {
  const { env } = options;
  const name = `${options.target.name} rules`;
  switch (rules.type) {
    case 'none':
      return undefined;
    case 'rule-files':
      return {
        target: new RuleFileTarget({
          name,
          dir: path.resolve(options.cwd, rules.dir),
          ...(rules.prometheusUrl !== undefined && { prometheusUrl: rules.prometheusUrl }),
        }),
      };
    case 'grafana-alerting': {
      if (!(options.target instanceof GrafanaTarget)) throw new TargetConfigError(`${at}: 'grafana-alerting' needs a Grafana target`);
      return {
        target: new GrafanaAlertingTarget({
          name,
          client: options.target.client,
          prometheusDatasourceUid: rules.datasourceUid,
          ...(rules.provenance !== undefined && { provenance: rules.provenance }),
          ...(rules.noDataState !== undefined && { noDataState: rules.noDataState }),
          ...(rules.execErrState !== undefined && { execErrState: rules.execErrState }),
          ...(rules.relativeTimeRangeSeconds !== undefined && { relativeTimeRangeSeconds: rules.relativeTimeRangeSeconds }),
        }),
      };
    }
    case 'grafana-ruler-proxy': {
      if (!(options.target instanceof GrafanaTarget)) throw new TargetConfigError(`${at}: 'grafana-ruler-proxy' needs a Grafana target`);
      const owns = rules.owns ?? [];
      return {
        target: new GrafanaRulerProxyTarget({
          name,
          client: options.target.client,
          datasource: rules.datasource,
          configPath: `${at}.datasource`,
          ...(rules.namespaces !== undefined && { namespaces: rules.namespaces }),
        }),
        ...(owns.length > 0 && { ownsNamespace: namespaceMatcher({ include: owns }) }),
      };
    }
    case 'ruler': {
      const url = rules.url ?? nonEmpty(env['MIMIR_ADDRESS']);
      if (url === undefined) throw new TargetConfigError(`${at}.url: not set, and neither is MIMIR_ADDRESS`);
      const tenant = rules.tenant ?? nonEmpty(env['MIMIR_TENANT_ID']);
      const user = rules.user ?? nonEmpty(env['MIMIR_API_USER']);
      let key: string | undefined;
      let token: string | undefined;
      let credentialSource = 'no credentials';
      if (rules.tokenEnv !== undefined) {
        token = nonEmpty(env[rules.tokenEnv]);
        if (token === undefined)
          throw new TargetConfigError(`${at}.tokenEnv: environment variable ${rules.tokenEnv} is not set (it holds the ruler's bearer token)`);
        credentialSource = `${rules.tokenEnv} (${at}.tokenEnv)`;
      } else {
        const keyEnv = rules.keyEnv ?? 'MIMIR_API_KEY';
        key = nonEmpty(env[keyEnv]);
        if (key === undefined && rules.keyEnv !== undefined)
          throw new TargetConfigError(`${at}.keyEnv: environment variable ${keyEnv} is not set (it holds the ruler's API key)`);
        if (key !== undefined) credentialSource = `${keyEnv}${rules.keyEnv !== undefined ? ` (${at}.keyEnv)` : ''}`;
      }
      const owns = rules.owns ?? [];
      return {
        target: new RulerTarget({
          name,
          url,
          ...((rules.flavor ?? rules.flavour) !== undefined && { flavor: rules.flavor ?? rules.flavour }),
          ...(tenant !== undefined && { tenant }),
          ...(user !== undefined && { user }),
          ...(key !== undefined && { key }),
          ...(token !== undefined && { token }),
          ...(rules.namespaces !== undefined && { namespaces: rules.namespaces }),
          credentialSource,
        }),
        ...(owns.length > 0 && { ownsNamespace: namespaceMatcher({ include: owns }) }),
      };
    }
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
