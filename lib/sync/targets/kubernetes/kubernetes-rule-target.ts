import type { RuleGroupJson } from '../../../mixin/rule-group.js';
import { classifyOwnership, ownerToken } from '../../ownership.js';
import type { RemoteRuleGroup, RuleGroupResource, RuleSyncTarget } from '../../rule-resources.js';
import { adaptToGrafanaAlerting } from '../../rule-targets/grafana-alerting-target.js';
import {
  fromGrafanaRuleGroup,
  grafanaRuleEdited,
  toGrafanaRuleGroup,
  type GrafanaRuleConversionOptions,
  type ProvisionedAlertRule,
} from '../../rule-targets/to-grafana-rule.js';
import { GRAFANA_OPERATOR_API, PROMETHEUS_OPERATOR_API, RULE_NAMESPACE_ANNOTATION, field, objectMetadata, ownerOf } from './kubernetes-objects.js';
import { dns1123SubdomainProblem, kubernetesName } from './kubernetes-names.js';
import { KubernetesTargetError, OWNER_ANNOTATION, type KubernetesObject } from './manifest-store.js';
import type { KubernetesTarget } from './kubernetes-target.js';

/** How a Kubernetes target delivers rule groups. */
export type KubernetesRuleFormat = 'prometheus-rule' | 'grafana-alert-rule-group';

/** Options of {@link KubernetesRuleTarget}. */
export interface KubernetesRuleTargetOptions {
  /** The target's name, for messages. */
  name: string;
  /** The dashboards target whose folder, namespace, labels, owner and instanceSelector the rules share. */
  target: KubernetesTarget;
  /**
   * `prometheus-rule`: a prometheus-operator `PrometheusRule` per group (alerting and recording
   * rules). `grafana-alert-rule-group`: a grafana-operator `GrafanaAlertRuleGroup` per group
   * (alerting rules only, converted to Grafana-managed rules; the rule namespace is the folder).
   */
  format: KubernetesRuleFormat;
  /** prometheus-rule: labels the Prometheus' `ruleSelector` matches (e.g. `{ release: 'kube-prometheus-stack' }`). */
  ruleLabels?: Record<string, string>;
  /** grafana-alert-rule-group: how rules are converted (the Prometheus data source uid is required). */
  conversion?: GrafanaRuleConversionOptions;
}

const DEFAULT_INTERVAL_SECONDS = 60;

/**
 * The rule groups of a Kubernetes target, written into the same folder of manifests: one
 * `PrometheusRule` or one `GrafanaAlertRuleGroup` per rule group, named from its namespace and
 * name ({@link kubernetesName} of `<namespace>/<group>`), with the owner annotation so only
 * this project's groups are changed or pruned.
 *
 * @example
 * const rules = new KubernetesRuleTarget({ name: 'eu rules', target, format: 'prometheus-rule', ruleLabels: { release: 'kube-prometheus-stack' } });
 */
export class KubernetesRuleTarget implements RuleSyncTarget {
  readonly name: string;
  readonly kind: 'rule-files' | 'grafana-alerting';
  readonly format: KubernetesRuleFormat;
  readonly #target: KubernetesTarget;
  readonly #ruleLabels: Record<string, string>;
  readonly #conversion: GrafanaRuleConversionOptions | undefined;

  constructor(options: KubernetesRuleTargetOptions) {
    if (options.format === 'grafana-alert-rule-group' && !options.conversion?.prometheusDatasourceUid) {
      throw new KubernetesTargetError(`${options.name}: GrafanaAlertRuleGroup needs the uid of the Prometheus data source the rules query`);
    }
    this.name = options.name;
    this.format = options.format;
    this.kind = options.format === 'prometheus-rule' ? 'rule-files' : 'grafana-alerting';
    this.#target = options.target;
    this.#ruleLabels = { ...options.ruleLabels };
    this.#conversion = options.conversion;
  }

  describe(): string {
    // Printed after the dashboards target's folder (`<dir> + …`): the same folder, so only the kind.
    return `${this.format === 'prometheus-rule' ? 'PrometheusRule' : 'GrafanaAlertRuleGroup'} objects`;
  }

  /**
   * What the format can hold (GrafanaAlertRuleGroup: alerting rules only), checked for object
   * names before anything is read or written.
   *
   * @throws {KubernetesTargetError} an object name that is not a DNS-1123 subdomain, or two groups with one object name.
   */
  adapt(groups: readonly RuleGroupResource[]): { groups: RuleGroupResource[]; notes: string[] } {
    const adapted = this.format === 'grafana-alert-rule-group' ? adaptToGrafanaAlerting(groups) : { groups: [...groups], notes: [] };
    const problems: string[] = [];
    const taken = new Map<string, RuleGroupResource>();
    for (const resource of adapted.groups) {
      const name = ruleObjectName(resource.namespace, resource.group.name);
      const problem = dns1123SubdomainProblem(name);
      if (problem)
        problems.push(`${resource.source}: rule group ${resource.namespace}/${resource.group.name} gives the object name "${name}", which ${problem}`);
      const other = taken.get(name);
      if (other)
        problems.push(
          `${resource.source}: rule groups ${resource.namespace}/${resource.group.name} and ${other.namespace}/${other.group.name} give the same object name "${name}": rename one`,
        );
      taken.set(name, resource);
    }
    if (problems.length > 0) throw new KubernetesTargetError(`target "${this.#target.name}": ${problems.join('\n')}`);
    return adapted;
  }

  comparable(namespace: string, group: RuleGroupJson): RuleGroupJson {
    if (this.format === 'prometheus-rule') return group;
    const converted = toGrafanaRuleGroup(namespace, group, this.#conversion!);
    return fromGrafanaRuleGroup(group.name, converted.interval, converted.rules, this.#conversion!.defaultIntervalSeconds ?? DEFAULT_INTERVAL_SECONDS);
  }

  async listGroups(): Promise<RemoteRuleGroup[]> {
    const out: RemoteRuleGroup[] = [];
    const kind = this.format === 'prometheus-rule' ? 'PrometheusRule' : 'GrafanaAlertRuleGroup';
    for (const object of (await this.#target.store.objects()).values()) {
      if (object.kind !== kind) continue;
      const listed: { namespace: string; group: RuleGroupJson; edited?: boolean } | undefined =
        kind === 'PrometheusRule' ? prometheusRuleGroup(object) : this.#grafanaRuleGroup(object);
      if (!listed) continue;
      const ownership = classifyOwnership(
        ownerOf(object) === undefined ? [] : [ownerOf(object)!],
        false,
        this.#target.owner,
        ruleOwnerId(listed.namespace, listed.group.name),
      );
      out.push({ namespace: listed.namespace, group: listed.group, managed: ownership.managed, ...(listed.edited === true && { edited: true }) });
    }
    return out;
  }

  async saveGroup(namespace: string, group: RuleGroupJson): Promise<void> {
    await this.#target.store.put(this.groupObject(namespace, group));
  }

  async deleteGroup(namespace: string, name: string): Promise<void> {
    await this.#target.store.remove(this.format === 'prometheus-rule' ? 'PrometheusRule' : 'GrafanaAlertRuleGroup', ruleObjectName(namespace, name));
  }

  /** The object a rule group is written as. */
  groupObject(namespace: string, group: RuleGroupJson): KubernetesObject {
    const target = this.#target;
    const name = ruleObjectName(namespace, group.name);
    const annotations = { [OWNER_ANNOTATION]: ownerToken(target.owner, ruleOwnerId(namespace, group.name)), [RULE_NAMESPACE_ANNOTATION]: namespace };
    if (this.format === 'prometheus-rule') {
      return {
        apiVersion: PROMETHEUS_OPERATOR_API,
        kind: 'PrometheusRule',
        metadata: objectMetadata(name, target.context, this.#ruleLabels, annotations),
        spec: { groups: [group] },
      };
    }
    const converted = toGrafanaRuleGroup(namespace, group, this.#conversion!);
    const folder = target.folderReference === 'ref' ? { folderRef: kubernetesName(namespace) } : { folderUID: namespace };
    return {
      apiVersion: GRAFANA_OPERATOR_API,
      kind: 'GrafanaAlertRuleGroup',
      metadata: objectMetadata(name, target.context, {}, annotations),
      spec: {
        instanceSelector: target.instanceSelector,
        ...folder,
        name: group.name,
        interval: `${converted.interval}s`,
        rules: converted.rules.map(toCrdRule),
      },
    };
  }

  #grafanaRuleGroup(object: KubernetesObject): { namespace: string; group: RuleGroupJson; edited: boolean } | undefined {
    const spec = field(object, 'spec');
    const namespace = object.metadata.annotations?.[RULE_NAMESPACE_ANNOTATION];
    if (!spec || namespace === undefined || typeof spec['name'] !== 'string' || !Array.isArray(spec['rules'])) return undefined;
    const seconds = parseSeconds(spec['interval']);
    const rules = (spec['rules'] as Record<string, unknown>[]).map((r) => fromCrdRule(r, namespace, spec['name'] as string));
    return {
      namespace,
      group: fromGrafanaRuleGroup(spec['name'], seconds, rules, this.#conversion?.defaultIntervalSeconds ?? DEFAULT_INTERVAL_SECONDS),
      edited: rules.some(grafanaRuleEdited),
    };
  }
}

/**
 * The object name of rule group `group` in `namespace`: {@link kubernetesName} of `namespace/group`
 * (so it always ends in a hash of both, and two groups never share a name by accident).
 *
 * @example
 * ruleObjectName('node-exporter', 'node-exporter.rules') // → 'node-exporter-node-exporter-rules-…'
 */
export function ruleObjectName(namespace: string, group: string): string {
  return kubernetesName(`${namespace}/${group}`);
}

function ruleOwnerId(namespace: string, group: string): string {
  return `rules:${namespace}/${group}`;
}

function prometheusRuleGroup(object: KubernetesObject): { namespace: string; group: RuleGroupJson } | undefined {
  const groups = field(object, 'spec')?.['groups'];
  const namespace = object.metadata.annotations?.[RULE_NAMESPACE_ANNOTATION];
  if (!Array.isArray(groups) || groups.length !== 1 || namespace === undefined) return undefined;
  const group = groups[0] as RuleGroupJson;
  if (typeof group?.name !== 'string' || !Array.isArray(group.rules)) return undefined;
  return { namespace, group };
}

/** A converted Grafana rule as grafana-operator's CRD has it: no org, folder or group fields, `keepFiringFor`. */
function toCrdRule(rule: ProvisionedAlertRule): Record<string, unknown> {
  const {
    id: _id,
    orgID: _org,
    folderUID: _folder,
    ruleGroup: _group,
    updated: _updated,
    provenance: _provenance,
    keep_firing_for: keepFiringFor,
    ...rest
  } = rule;
  return { ...rest, ...(keepFiringFor !== undefined && { keepFiringFor }) };
}

function fromCrdRule(rule: Record<string, unknown>, folderUid: string, group: string): ProvisionedAlertRule {
  const { keepFiringFor, ...rest } = rule;
  return {
    ...(rest as unknown as ProvisionedAlertRule),
    orgID: 1,
    folderUID: folderUid,
    ruleGroup: group,
    ...(typeof keepFiringFor === 'string' && { keep_firing_for: keepFiringFor }),
  };
}

function parseSeconds(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d+)s$/.exec(value);
  return match ? Number(match[1]) : undefined;
}
