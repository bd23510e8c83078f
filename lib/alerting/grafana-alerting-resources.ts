import { ValidationError, type Problem } from '../model/validation-error.js';
import { ownerToken, type OwnerScope } from '../sync/ownership.js';
import type { ResolvedAlerting } from './alerting-config.js';
import type { ContactPoint, Integration } from './contact-point.js';
import type { TimeInterval } from './mute-timing.js';
import type { Route } from './notification-policy.js';
import { isSecret } from './secret.js';

/** One integration of a contact point as Grafana's provisioning API takes it; settings may hold `secret(...)` references. */
export interface DesiredIntegration {
  /** grafts' uid for it: `grafts-<owner token of the contact point>-<index>` (see {@link contactPointUid}). */
  readonly uid: string;
  readonly name: string;
  readonly type: string;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly disableResolveMessage: boolean;
  /** `contact point "page" › pagerduty[0]`, for messages. */
  readonly where: string;
}

/** A mute timing as Grafana's `MuteTimeInterval`. */
export interface GrafanaMuteTiming {
  readonly name: string;
  readonly time_intervals: readonly Record<string, unknown>[];
}

/** What the project wants in Grafana's alerting notifications, in the API's shapes. */
export interface DesiredGrafanaAlerting {
  readonly contactPoints: readonly DesiredIntegration[];
  /** The whole policy tree (`Route`); undefined: the project has no `alerting` section (nothing of its own is kept). */
  readonly policy: Readonly<Record<string, unknown>> | undefined;
  readonly muteTimings: readonly GrafanaMuteTiming[];
  readonly templates: readonly { readonly name: string; readonly template: string }[];
  /** What the conversion leaves out, and why. */
  readonly notes: readonly string[];
}

const OWNED_UID = /^grafts-([0-9a-f]{12})-(\d+)$/;

/**
 * The uid grafts gives the `index`-th integration of the contact point `name`: its owner token
 * (project, target uid prefix and name) makes it the ownership marker, as Grafana keeps a uid
 * it is given.
 *
 * @example
 * contactPointUid({ project: 'shop', uidPrefix: '' }, 'page', 0) // → 'grafts-3f9c…-0'
 */
export function contactPointUid(scope: OwnerScope, name: string, index: number): string {
  return `grafts-${ownerToken(scope, `contact-point\u0000${name}`)}-${index}`;
}

/** Whether an integration's uid is one grafts made for this scope and this contact point name. */
export function isOwnedIntegration(scope: OwnerScope, uid: string, name: string): boolean {
  const m = OWNED_UID.exec(uid);
  return m !== null && m[1] === ownerToken(scope, `contact-point\u0000${name}`);
}

function compact(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
}

function integrationSettings(
  integration: Integration,
  where: string,
  problems: Problem[],
  dropped: Set<string>,
): { type: string; settings: Record<string, unknown> } {
  switch (integration.kind) {
    case 'email': {
      const o = integration.options;
      for (const key of ['from', 'smarthost', 'authUsername', 'authPassword', 'requireTls'] as const) if (o[key] !== undefined) dropped.add(`email ${key}`);
      return { type: 'email', settings: compact({ addresses: o.to.join(';'), subject: o.subject, message: o.message }) };
    }
    case 'slack': {
      const o = integration.options;
      return {
        type: 'slack',
        settings: compact({ url: o.url, recipient: o.channel, username: o.username, icon_emoji: o.iconEmoji, title: o.title, text: o.text }),
      };
    }
    case 'pagerduty': {
      const o = integration.options;
      return {
        type: 'pagerduty',
        settings: compact({ integrationKey: o.routingKey, severity: o.severity, class: o.class, component: o.component, group: o.group, summary: o.summary }),
      };
    }
    case 'webhook': {
      const o = integration.options;
      return {
        type: 'webhook',
        settings: compact({
          url: o.url,
          maxAlerts: o.maxAlerts,
          ...(o.bearerToken !== undefined && { authorization_scheme: 'Bearer', authorization_credentials: o.bearerToken }),
          ...(o.basicAuth && { username: o.basicAuth.username, password: o.basicAuth.password }),
        }),
      };
    }
    case 'opsgenie': {
      const o = integration.options;
      for (const key of ['priority', 'tags'] as const) if (o[key] !== undefined) dropped.add(`opsgenie ${key}`);
      return { type: 'opsgenie', settings: compact({ apiKey: o.apiKey, apiUrl: o.apiUrl, message: o.message, description: o.description }) };
    }
    case 'teams': {
      const o = integration.options;
      return { type: 'teams', settings: compact({ url: o.url, title: o.title, message: o.text }) };
    }
    case 'generic': {
      if (integration.options.grafana === undefined) {
        problems.push({
          path: [where],
          message: `a ${integration.type} integration needs its grafana settings for a Grafana target (.integration('${integration.type}', { grafana: { … } }))`,
        });
        return { type: integration.type, settings: {} };
      }
      return { type: integration.type, settings: { ...integration.options.grafana } };
    }
  }
}

function contactPointIntegrations(c: ContactPoint, scope: OwnerScope, problems: Problem[], dropped: Set<string>): DesiredIntegration[] {
  // Grafana's contact points are their integrations: one without any cannot be stored.
  if (c.integrations.length === 0)
    problems.push({
      path: [`contactPoints "${c.name}"`],
      message: 'a contact point without integrations cannot exist in Grafana (give it one, e.g. a webhook)',
    });
  return c.integrations.map((integration, i) => {
    const where = `contact point "${c.name}" › ${integration.kind === 'generic' ? integration.type : integration.kind}[${i}]`;
    const { type, settings } = integrationSettings(integration, where, problems, dropped);
    return { uid: contactPointUid(scope, c.name, i), name: c.name, type, settings, disableResolveMessage: integration.options.sendResolved === false, where };
  });
}

/**
 * A policy route as Grafana's `Route`: only what is set (no empty lists, no `continue: false`),
 * matchers as `object_matchers` triples.
 *
 * @example
 * grafanaRoute(route({ severity: 'critical' }).receiver('page')) // → { receiver: 'page', object_matchers: [['severity', '=', 'critical']] }
 */
export function grafanaRoute(r: Route): Record<string, unknown> {
  const p = r.props;
  return compact({
    receiver: p.receiver,
    group_by: p.groupBy && [...p.groupBy],
    object_matchers: p.matchers.length > 0 ? p.matchers.map((m) => [m.label, m.op, m.value]) : undefined,
    continue: p.continue === true ? true : undefined,
    group_wait: p.groupWait,
    group_interval: p.groupInterval,
    repeat_interval: p.repeatInterval,
    mute_time_intervals: p.muteTimeIntervals.length > 0 ? [...p.muteTimeIntervals] : undefined,
    active_time_intervals: p.activeTimeIntervals.length > 0 ? [...p.activeTimeIntervals] : undefined,
    routes: p.routes.length > 0 ? p.routes.map(grafanaRoute) : undefined,
  });
}

function grafanaInterval(iv: TimeInterval): Record<string, unknown> {
  return compact({
    times: iv.times?.map((t) => ({ start_time: t.start, end_time: t.end })),
    weekdays: iv.weekdays && [...iv.weekdays],
    days_of_month: iv.daysOfMonth && [...iv.daysOfMonth],
    months: iv.months && [...iv.months],
    years: iv.years && [...iv.years],
    location: iv.location,
  });
}

/**
 * The project's alerting (contact points, policy tree, mute timings, templates) in the shapes of
 * Grafana's provisioning API, secrets still as references. `undefined` alerting (no `alerting`
 * section) is nothing desired.
 *
 * @throws {ValidationError} an integration of another kind without `grafana` settings, a contact point without integrations.
 *
 * @example
 * desiredGrafanaAlerting(resolved, { project: 'shop', uidPrefix: '' }, ['dash.config.ts', 'alerting'])
 * // → { contactPoints: [{ uid: 'grafts-…-0', name: 'page', type: 'pagerduty', settings: { integrationKey: <secret> }, … }], policy: { receiver: 'default', … }, … }
 */
export function desiredGrafanaAlerting(alerting: ResolvedAlerting | undefined, scope: OwnerScope, where: readonly string[] = []): DesiredGrafanaAlerting {
  if (alerting === undefined) return { contactPoints: [], policy: undefined, muteTimings: [], templates: [], notes: [] };
  const problems: Problem[] = [];
  const dropped = new Set<string>();
  const contactPoints = alerting.contactPoints.flatMap((c) => contactPointIntegrations(c, scope, problems, dropped));
  if (problems.length > 0) throw new ValidationError(problems.map((p) => ({ ...p, path: [...where, ...p.path] })));
  const notes =
    dropped.size === 0
      ? []
      : [
          `not sent to Grafana, which has no such setting: ${[...dropped].sort().join(', ')} (Grafana's email integration uses the server's SMTP settings; Opsgenie priority and tags come from alert labels there)`,
        ];
  return {
    contactPoints,
    policy: grafanaRoute(alerting.policy),
    muteTimings: alerting.muteTimings.map((m) => ({ name: m.name, time_intervals: m.intervals.map(grafanaInterval) })),
    templates: alerting.templates.map((t) => ({ name: t.name, template: t.template })),
    notes,
  };
}

/** Every `secret(...)` in an integration's settings, with the setting's key path (`integrationKey`, `headers.X`). */
export function secretsOf(settings: Readonly<Record<string, unknown>>, prefix = ''): { key: string; env: string }[] {
  const out: { key: string; env: string }[] = [];
  for (const [k, v] of Object.entries(settings)) {
    if (isSecret(v)) out.push({ key: `${prefix}${k}`, env: v.env });
    else if (typeof v === 'object' && v !== null && !Array.isArray(v)) out.push(...secretsOf(v as Record<string, unknown>, `${prefix}${k}.`));
  }
  return out;
}
