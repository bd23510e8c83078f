import { GraftsError } from '../errors/grafts-error.js';
import { arrayOf, objectWith, requestShaped, typedAs } from '../grafana/expect-shape.js';
import type { GrafanaClient } from '../grafana/grafana-client.js';
import type { AlertingWrite, GrafanaAlertingPlan, RemoteGrafanaAlerting, RemoteIntegration } from './grafana-alerting-plan.js';
import { isSecret, MissingSecretError } from './secret.js';

/** An alerting plan that cannot be applied (conflicts), or an apply that stopped part way. */
export class GrafanaAlertingSyncError extends GraftsError {
  constructor(
    message: string,
    /** The requests that were sent and succeeded before the failure, by label. */
    readonly applied: readonly string[] = [],
  ) {
    super(message);
  }
}

const BASE = '/api/v1/provisioning';
const CONTACT_POINTS = arrayOf(
  'a JSON array of contact points',
  typedAs<RemoteIntegration>(
    objectWith(
      'a contact point {uid, name, type, settings}',
      { uid: 'string', name: 'string', type: 'string', settings: 'object' },
      { disableResolveMessage: 'boolean', provenance: 'string' },
    ),
  ),
);
const POLICY_TREE = objectWith('a notification policy tree {receiver}', { receiver: 'string' }, { routes: 'array', provenance: 'string' });
const MUTE_TIMINGS = arrayOf(
  'a JSON array of mute timings',
  typedAs<RemoteGrafanaAlerting['muteTimings'][number]>(
    objectWith('a mute timing {name}', { name: 'string' }, { time_intervals: 'array', version: 'string', provenance: 'string' }),
  ),
);
const TEMPLATES = arrayOf(
  'a JSON array of notification templates',
  typedAs<RemoteGrafanaAlerting['templates'][number]>(
    objectWith('a notification template {name, template}', { name: 'string', template: 'string' }, { version: 'string', provenance: 'string' }),
  ),
);

/**
 * Reads Grafana's contact points, policy tree, mute timings and templates (four requests, in
 * parallel). Every answer goes through the shape checks: a server that is not Grafana is a
 * `WrongShapeError` naming the request, never read as "nothing there".
 */
export async function readGrafanaAlerting(client: GrafanaClient): Promise<RemoteGrafanaAlerting> {
  const [contactPoints, policy, muteTimings, templates] = await Promise.all([
    requestShaped(client, { method: 'GET', path: `${BASE}/contact-points` }, CONTACT_POINTS),
    requestShaped(client, { method: 'GET', path: `${BASE}/policies` }, POLICY_TREE),
    requestShaped(client, { method: 'GET', path: `${BASE}/mute-timings` }, MUTE_TIMINGS),
    requestShaped(client, { method: 'GET', path: `${BASE}/templates` }, TEMPLATES),
  ]);
  return {
    contactPoints: contactPoints.data,
    policy: policy.data,
    muteTimings: muteTimings.data.map((m) => ({ ...m, time_intervals: m.time_intervals ?? [] })),
    templates: templates.data,
  };
}

/** A body with every `secret(...)` replaced by its environment value; unset ones are collected. */
function resolveSecrets(
  value: unknown,
  env: NodeJS.ProcessEnv,
  where: string,
  path: string,
  missing: { env: string; where: string }[],
  sent: Map<string, string>,
): unknown {
  if (isSecret(value)) {
    const v = env[value.env];
    if (v === undefined || v === '') {
      missing.push({ env: value.env, where: `${where} › ${path}` });
      return undefined;
    }
    sent.set(v, value.env);
    return v;
  }
  if (Array.isArray(value)) return value.map((v, i) => resolveSecrets(v, env, where, `${path}[${i}]`, missing, sent));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveSecrets(v, env, where, path === '' ? k : `${path}.${k}`, missing, sent)]));
  }
  return value;
}

/** What {@link applyGrafanaAlerting} did. */
export interface GrafanaAlertingApplyResult {
  /** The requests sent, by label, in order. */
  readonly applied: readonly string[];
}

/** A plan checked and with its secrets read: ready to send (see {@link prepareGrafanaAlertingApply}). */
export interface PreparedGrafanaAlertingApply {
  readonly requests: readonly { readonly write: AlertingWrite; readonly body: unknown }[];
  readonly provenance: 'api' | 'none';
  /** Secret values sent, by value, to their variable's name (to scrub errors). */
  readonly sent: ReadonlyMap<string, string>;
}

/**
 * Checks that a plan can be applied and reads its secrets, sending nothing: called before any
 * write of the whole apply (data sources and dashboards included), so that a conflict or an unset
 * secret stops everything.
 *
 * @throws {GrafanaAlertingSyncError} conflicts.
 * @throws {MissingSecretError} a needed environment variable is unset or empty.
 */
export function prepareGrafanaAlertingApply(plan: GrafanaAlertingPlan, env: NodeJS.ProcessEnv = process.env): PreparedGrafanaAlertingApply {
  const conflicts = plan.steps.filter((s) => s.action === 'conflict');
  if (conflicts.length > 0) {
    throw new GrafanaAlertingSyncError(
      `alerting: nothing applied, ${conflicts.length} conflict${conflicts.length === 1 ? '' : 's'}:\n${conflicts.map((c) => `  ${c.kind} ${c.name}: ${c.reason ?? ''}`).join('\n')}`,
    );
  }
  const missing: { env: string; where: string }[] = [];
  const sent = new Map<string, string>();
  const requests = plan.writes.map((write) => ({
    write,
    body: write.body === undefined ? undefined : resolveSecrets(write.body, env, write.where ?? write.label, '', missing, sent),
  }));
  if (missing.length > 0) throw new MissingSecretError(missing);
  return { requests, provenance: plan.provenance, sent };
}

/**
 * Executes an alerting plan: refuses conflicts and missing secrets before any request, then
 * sends the plan's writes in order, stopping at the first failure.
 *
 * The order keeps Grafana's configuration valid after every request, so a failure leaves a
 * working (if partly updated) setup that the next apply completes: ownership record first,
 * then templates, mute timings and contact points (created or updated), then the policy tree
 * that refers to them, then the deletes it no longer refers to, then the trimmed ownership
 * record. Secrets are read from `env` here only, sent only in contact point settings, and
 * replaced by `<secret:NAME>` in every error message.
 *
 * @throws {GrafanaAlertingSyncError} conflicts (nothing sent), or a failed request (saying what was applied and what was not).
 * @throws {MissingSecretError} a needed environment variable is unset (nothing sent).
 *
 * @example
 * await applyGrafanaAlerting(client, plan, { env: process.env }) // → { applied: ['create contact point "page" (pagerduty[0])', …] }
 */
export async function applyGrafanaAlerting(
  client: GrafanaClient,
  plan: GrafanaAlertingPlan | PreparedGrafanaAlertingApply,
  options: { readonly env?: NodeJS.ProcessEnv } = {},
): Promise<GrafanaAlertingApplyResult> {
  const prepared = 'requests' in plan ? plan : prepareGrafanaAlertingApply(plan, options.env ?? process.env);
  const headers = prepared.provenance === 'none' ? { headers: { 'X-Disable-Provenance': 'true' } } : {};
  const applied: string[] = [];
  for (const [i, { write, body }] of prepared.requests.entries()) {
    try {
      await client.request({ method: write.method, path: write.path, ...(body !== undefined && { body }), ...headers });
      applied.push(write.label);
    } catch (error) {
      let message = (error as Error).message;
      // A server may echo what it was sent: no secret value leaves through an error.
      for (const [value, name] of prepared.sent) message = message.split(value).join(`<secret:${name}>`);
      const rest = prepared.requests.slice(i + 1).map((r) => r.write.label);
      throw new GrafanaAlertingSyncError(
        `alerting: ${write.label} failed: ${message}\n  applied before: ${applied.length > 0 ? applied.join(', ') : 'nothing'}\n  not applied: ${[write.label, ...rest].join(', ')}\n  Grafana's configuration is valid as it stands (each request leaves it so); run apply again to finish.`,
        applied,
      );
    }
  }
  return { applied };
}
