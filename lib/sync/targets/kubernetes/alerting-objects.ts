import type { DesiredGrafanaAlerting, DesiredIntegration } from '../../../alerting/grafana-alerting-resources.js';
import { secretsOf } from '../../../alerting/grafana-alerting-resources.js';
import { isSecret } from '../../../alerting/secret.js';
import { ownerToken, type OwnerScope } from '../../ownership.js';
import { GRAFANA_OPERATOR_API, objectMetadata, type LabelSelector, type ObjectContext } from './kubernetes-objects.js';
import { dns1123SubdomainProblem, kubernetesName } from './kubernetes-names.js';
import { KubernetesTargetError, OWNER_ANNOTATION, type KubernetesObject } from './manifest-store.js';

/** The Kubernetes Secret that holds the values of a project's `secret('ENV')` settings; the user creates it. */
export interface AlertingSecretSource {
  /** `metadata.name` of the Secret, in the namespace of the contact points. */
  readonly name: string;
}

/** Default Secret the contact points read their `secret('ENV')` settings from (key: the variable's name). */
export const DEFAULT_ALERTING_SECRET: AlertingSecretSource = { name: 'grafts-alerting' };

/** Object name of the one notification policy tree (Grafana has one per organisation). */
export const NOTIFICATION_POLICY_OBJECT = 'grafts-notification-policy';

/** What the alerting objects of a grafana-operator target share. */
export interface AlertingObjectOptions {
  readonly context: ObjectContext;
  readonly owner: OwnerScope;
  readonly instanceSelector: LabelSelector;
  /** @default {@link DEFAULT_ALERTING_SECRET} */
  readonly secrets?: AlertingSecretSource;
  /** Where the alerting was declared, for messages. @default 'dash.config.ts › alerting' */
  readonly source?: string;
}

/**
 * The project's alerting (contact points, policy tree, mute timings, templates) as
 * grafana-operator custom resources: a `GrafanaContactPoint` per contact point (its integrations
 * as `receivers`), one `GrafanaNotificationPolicy`, a `GrafanaMuteTiming` per mute timing and a
 * `GrafanaNotificationTemplate` per template. A `secret('ENV')` setting is never written: the
 * receiver reads it through `valuesFrom` from key `ENV` of the Kubernetes Secret named by
 * `secrets` (which the user creates), so no secret value is ever in a manifest.
 *
 * @throws {KubernetesTargetError} an object name or Secret name that is not a DNS-1123 subdomain, naming the contact point, mute timing or template.
 *
 * @example
 * grafanaOperatorAlertingObjects(desired, { context: { labels: {} }, owner: { project: 'shop', uidPrefix: '' }, instanceSelector: { matchLabels: { dashboards: 'grafana' } } })
 * // → [{ kind: 'GrafanaContactPoint', metadata: { name: 'page', … }, spec: { name: 'page', receivers: [{ type: 'pagerduty', settings: {},
 * //        valuesFrom: [{ targetPath: 'integrationKey', valueFrom: { secretKeyRef: { name: 'grafts-alerting', key: 'PD_KEY' } } }] }] } }, …]
 */
export function grafanaOperatorAlertingObjects(desired: DesiredGrafanaAlerting, options: AlertingObjectOptions): KubernetesObject[] {
  const secrets = options.secrets ?? DEFAULT_ALERTING_SECRET;
  const source = options.source ?? 'dash.config.ts › alerting';
  const problems: string[] = [];
  const secretProblem = dns1123SubdomainProblem(secrets.name);
  if (secretProblem) problems.push(`secrets.name "${secrets.name}" ${secretProblem}`);
  const base = { instanceSelector: options.instanceSelector };
  const object = (kind: string, id: string, what: string, spec: Record<string, unknown>): KubernetesObject => {
    const name = kubernetesName(id);
    const problem = dns1123SubdomainProblem(name);
    if (problem) problems.push(`${source} › ${what} gives the object name "${name}", which ${problem}`);
    const annotations = { [OWNER_ANNOTATION]: alertingOwnerToken(options.owner, kind, id) };
    return { apiVersion: GRAFANA_OPERATOR_API, kind, metadata: objectMetadata(name, options.context, {}, annotations), spec: { ...base, ...spec } };
  };

  const out: KubernetesObject[] = [];
  const byName = new Map<string, DesiredIntegration[]>();
  for (const integration of desired.contactPoints) byName.set(integration.name, [...(byName.get(integration.name) ?? []), integration]);
  for (const [name, integrations] of byName) {
    out.push(
      object('GrafanaContactPoint', name, `contact point "${name}"`, {
        name,
        receivers: integrations.map((i) => receiver(i, secrets)),
      }),
    );
  }
  if (desired.policy !== undefined) {
    out.push({
      apiVersion: GRAFANA_OPERATOR_API,
      kind: 'GrafanaNotificationPolicy',
      metadata: objectMetadata(
        NOTIFICATION_POLICY_OBJECT,
        options.context,
        {},
        { [OWNER_ANNOTATION]: alertingOwnerToken(options.owner, 'GrafanaNotificationPolicy') },
      ),
      spec: { ...base, route: desired.policy },
    });
  }
  for (const timing of desired.muteTimings)
    out.push(object('GrafanaMuteTiming', timing.name, `mute timing "${timing.name}"`, { name: timing.name, time_intervals: timing.time_intervals }));
  for (const template of desired.templates)
    out.push(object('GrafanaNotificationTemplate', template.name, `template "${template.name}"`, { name: template.name, template: template.template }));
  if (problems.length > 0)
    throw new KubernetesTargetError(problems.length === 1 ? problems[0]! : `${problems.length} problems:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return out;
}

/**
 * The owner token of an alerting object: by kind and the Grafana name it holds (`spec.name`),
 * so reading an object back tells whether this project made it.
 *
 * @example
 * alertingOwnerToken({ project: 'shop', uidPrefix: '' }, 'GrafanaMuteTiming', 'weekends') // → '9b2e…'
 */
export function alertingOwnerToken(owner: OwnerScope, kind: string, name?: string): string {
  return ownerToken(owner, name === undefined ? kind : `${kind}\u0000${name}`);
}

/** One receiver of a GrafanaContactPoint: the settings without secrets, each secret as a `valuesFrom` entry. */
function receiver(integration: DesiredIntegration, secrets: AlertingSecretSource): Record<string, unknown> {
  const refs = secretsOf(integration.settings);
  return {
    uid: integration.uid,
    type: integration.type,
    ...(integration.disableResolveMessage && { disableResolveMessage: true }),
    settings: withoutSecrets(integration.settings),
    ...(refs.length > 0 && {
      // targetPath is a dot path into settings, as secretsOf gives it.
      valuesFrom: refs.map((r) => ({ targetPath: r.key, valueFrom: { secretKeyRef: { name: secrets.name, key: r.env } } })),
    }),
  };
}

function withoutSecrets(settings: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(settings)) {
    if (isSecret(value)) continue;
    out[key] = typeof value === 'object' && value !== null && !Array.isArray(value) ? withoutSecrets(value as Record<string, unknown>) : value;
  }
  return out;
}
