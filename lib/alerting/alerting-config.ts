import { parsePrometheusDuration } from '../promql/prometheus-duration.js';
import type { Problem } from '../model/validation-error.js';
import { isContactPoint, type ContactPoint } from './contact-point.js';
import { matcher, matcherProblem } from './matchers.js';
import { isMuteTiming, type MuteTiming } from './mute-timing.js';
import { isNotificationTemplate, type NotificationTemplate } from './notification-template.js';
import { isRoute, type Route } from './notification-policy.js';
import type { RoutingTest } from './routing-test.js';
import { isSecret } from './secret.js';

/**
 * Where alerts go, as code: contact points, the notification policy tree, mute timings,
 * notification templates, and routing tests. The `alerting` field of `dash.config.ts`.
 *
 * @example
 * alerting: {
 *   contactPoints: [contactPoint('default').email({ to: ['ops@example.com'], from: 'am@example.com', smarthost: 'smtp:25' }),
 *                   contactPoint('page').pagerDuty({ routingKey: secret('PD_KEY') })],
 *   policy: notificationPolicy('default').groupBy('alertname').route(route({ severity: 'critical' }).receiver('page')),
 *   muteTimings: [muteTiming('weekends').interval({ weekdays: ['saturday', 'sunday'] })],
 *   routingTests: [{ labels: { severity: 'critical' }, receivers: ['page'] }],
 * }
 */
export interface AlertingSpec {
  readonly contactPoints?: readonly ContactPoint[];
  /** The root route (see {@link notificationPolicy}); required once there are contact points. */
  readonly policy?: Route;
  readonly muteTimings?: readonly MuteTiming[];
  readonly templates?: readonly NotificationTemplate[];
  readonly routingTests?: readonly RoutingTest[];
}

/** The `alerting` field of `dash.config.ts`: an {@link AlertingSpec} and where its secret files are. */
export interface AlertingConfig extends AlertingSpec {
  /** Absolute folder where Alertmanager finds one file per secret, named after its variable. @default "/etc/alertmanager/secrets" */
  readonly secretsDir?: string;
}

/**
 * Declares an alerting config in a file of its own: returns its argument, typed (as
 * `defineConfig` does for the whole config).
 *
 * @example
 * export const alerting = defineAlerting({
 *   contactPoints: [contactPoint('default').slack({ url: secret('SLACK_URL') })],
 *   policy: notificationPolicy('default'),
 *   routingTests: [{ labels: { alertname: 'X' }, receivers: ['default'] }],
 * });
 */
export function defineAlerting(config: AlertingConfig): AlertingConfig {
  return config;
}

/** The default routes and routing tests a mixin ships for its own alerts. */
export interface MixinRouting {
  readonly mixin: string;
  /** Names of the mixin's alerts (after the consumer's overrides): its routes only see these. */
  readonly alertNames: readonly string[];
  readonly routes: readonly Route[];
  readonly routingTests: readonly RoutingTest[];
  /** Where the mixin is configured, for problem paths, e.g. `['dash.config.ts', 'mixins[0]']`. */
  readonly where: readonly string[];
}

/** A routing test with where it comes from. */
export interface PlacedRoutingTest extends RoutingTest {
  /** `dash.config.ts › alerting › routingTests[0]` or `… › mixins[1] › mixin "service-red" › routingTests[0]`. */
  readonly source: string;
}

/** A complete, checked alerting configuration: the mixins' routes are in the tree. */
export interface ResolvedAlerting {
  readonly contactPoints: readonly ContactPoint[];
  readonly policy: Route;
  readonly muteTimings: readonly MuteTiming[];
  readonly templates: readonly NotificationTemplate[];
  readonly routingTests: readonly PlacedRoutingTest[];
}

// Commas are left out: amtool lists receivers comma-separated.
const NAME = /^[^\s/\\,][^/\\,]{0,189}$/;
const TEMPLATE_NAME = /^[A-Za-z0-9_.-]{1,100}$/;
const LABEL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/**
 * The tree with each mixin's routes placed first under the root, each one also matching
 * `alertname=~"A|B"` (the mixin's alerts): a mixin's defaults never catch another's alerts, and
 * a mixin alert none of its routes takes goes on to the project's own routes.
 */
export function withMixinRoutes(policy: Route, mixins: readonly MixinRouting[]): Route {
  const scoped = mixins
    .filter((m) => m.alertNames.length > 0)
    .flatMap((m) => {
      const own = matcher('alertname', '=~', [...new Set(m.alertNames)].sort().map(escapeRegex).join('|'));
      return m.routes.map((r) => r.withMatchers([own, ...r.props.matchers]));
    });
  return scoped.length === 0 ? policy : policy.withRoutes([...scoped, ...policy.props.routes]);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Checks an alerting spec with the mixins' routes and returns it complete (nothing when `spec`
 * is undefined: the mixins' routes need a tree to go into). Every problem is
 * collected (with its path under `where`): duplicate or invalid names, routes naming unknown
 * contact points or mute timings, bad durations, matchers, label names and time intervals,
 * integrations missing a required setting, routing tests naming unknown contact points.
 */
export function resolveAlerting(
  spec: AlertingSpec | undefined,
  mixins: readonly MixinRouting[],
  where: readonly string[],
): { resolved?: ResolvedAlerting; problems: Problem[] } {
  const problems: Problem[] = [];
  const at = (...segments: string[]) => [...where, ...segments];
  // Without an alerting config the mixins' routes are not used: nothing says where alerts go.
  if (spec === undefined) return { problems };
  if (spec.policy === undefined) {
    problems.push({ path: at(), message: 'no policy: set alerting.policy to notificationPolicy(<default contact point>)' });
    return { problems };
  }
  const contactPoints = listOf(spec.contactPoints, isContactPoint, 'contactPoints', 'a contact point (contactPoint(...))', at, problems);
  const muteTimings = listOf(spec.muteTimings, isMuteTiming, 'muteTimings', 'a mute timing (muteTiming(...))', at, problems);
  const templates = listOf(spec.templates, isNotificationTemplate, 'templates', 'a notification template (notificationTemplate(...))', at, problems);
  if (!isRoute(spec.policy)) {
    problems.push({ path: at('policy'), message: 'not a route (use notificationPolicy(<default contact point>))' });
    return { problems };
  }

  const receivers = uniqueNames(
    contactPoints.map((c) => c.name),
    'contactPoints',
    'contact point',
    NAME,
    at,
    problems,
  );
  const timings = uniqueNames(
    muteTimings.map((m) => m.name),
    'muteTimings',
    'mute timing',
    NAME,
    at,
    problems,
  );
  uniqueNames(
    templates.map((t) => t.name),
    'templates',
    'template',
    TEMPLATE_NAME,
    at,
    problems,
  );
  contactPoints.forEach((c, i) => problems.push(...contactPointProblems(c, at('contactPoints', `[${i}] "${c.name}"`))));
  muteTimings.forEach((m, i) => problems.push(...muteTimingProblems(m, at('muteTimings', `[${i}] "${m.name}"`))));

  const root = spec.policy.props;
  if (root.receiver === undefined) problems.push({ path: at('policy'), message: 'the root policy must name a receiver (the default contact point)' });
  if (root.matchers.length > 0) problems.push({ path: at('policy'), message: 'the root policy takes every alert: it cannot have matchers' });
  if (root.continue) problems.push({ path: at('policy'), message: 'the root policy cannot set continue' });
  if (root.muteTimeIntervals.length > 0 || root.activeTimeIntervals.length > 0) {
    problems.push({ path: at('policy'), message: 'the root policy cannot have mute or active time intervals (put them on a child route)' });
  }
  problems.push(...routeProblems(spec.policy, receivers, timings, at('policy')));
  for (const m of mixins) {
    m.routes.forEach((r, i) => {
      const path = [...m.where, `mixin "${m.mixin}"`, `routes[${i}]`];
      if (!isRoute(r)) problems.push({ path, message: 'not a route (use route(...))' });
      else problems.push(...routeProblems(r, receivers, timings, path));
    });
  }

  const routingTests: PlacedRoutingTest[] = [];
  const addTests = (tests: readonly RoutingTest[], base: readonly string[]) =>
    tests.forEach((t, i) => {
      const path = [...base, `routingTests[${i}]`];
      const found = routingTestProblems(t, receivers, path);
      problems.push(...found);
      if (found.length === 0) routingTests.push({ ...t, source: path.join(' › ') });
    });
  addTests(spec.routingTests ?? [], at());
  for (const m of mixins) addTests(m.routingTests, [...m.where, `mixin "${m.mixin}"`]);

  if (problems.length > 0) return { problems };
  return {
    resolved: { contactPoints, policy: withMixinRoutes(spec.policy, mixins), muteTimings, templates, routingTests },
    problems,
  };
}

function listOf<T>(
  list: readonly T[] | undefined,
  is: (v: unknown) => v is T,
  key: string,
  what: string,
  at: (...s: string[]) => string[],
  problems: Problem[],
): T[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    problems.push({ path: at(key), message: 'must be a list' });
    return [];
  }
  return list.filter((item, i) => {
    if (is(item)) return true;
    problems.push({ path: at(key, `[${i}]`), message: `not ${what}` });
    return false;
  });
}

function uniqueNames(names: string[], key: string, what: string, pattern: RegExp, at: (...s: string[]) => string[], problems: Problem[]): Set<string> {
  const seen = new Set<string>();
  names.forEach((name, i) => {
    if (typeof name !== 'string' || !pattern.test(name)) problems.push({ path: at(key, `[${i}]`), message: `invalid ${what} name ${JSON.stringify(name)}` });
    else if (seen.has(name)) problems.push({ path: at(key, `[${i}]`), message: `two ${what}s are named "${name}"` });
    seen.add(name);
  });
  return seen;
}

function durationProblem(value: string | undefined, key: string): string | undefined {
  if (value === undefined) return undefined;
  // Alertmanager reads its timings as Prometheus durations.
  const ms = typeof value === 'string' ? parsePrometheusDuration(value) : undefined;
  return ms === undefined || ms <= 0 ? `${key} ${JSON.stringify(value)} is not a positive duration (e.g. 30s, 5m, 4h)` : undefined;
}

function routeProblems(r: Route, receivers: Set<string>, timings: Set<string>, path: readonly string[]): Problem[] {
  const p = r.props;
  const problems: Problem[] = [];
  const add = (message: string | undefined) => message !== undefined && problems.push({ path, message });
  if (p.receiver !== undefined && !receivers.has(p.receiver)) add(`receiver "${p.receiver}" is not a contact point${known(receivers)}`);
  for (const m of p.matchers) add(matcherProblem(m));
  for (const label of p.groupBy ?? []) if (label !== '...' && !LABEL_NAME.test(label)) add(`group_by: invalid label name ${JSON.stringify(label)}`);
  if (p.groupBy?.includes('...') && p.groupBy.length > 1) add("group_by: '...' (every label) cannot be combined with other labels");
  add(durationProblem(p.groupWait, 'group_wait'));
  add(durationProblem(p.groupInterval, 'group_interval'));
  add(durationProblem(p.repeatInterval, 'repeat_interval'));
  for (const name of [...p.muteTimeIntervals, ...p.activeTimeIntervals])
    if (!timings.has(name)) add(`time interval "${name}" is not a mute timing${known(timings)}`);
  p.routes.forEach((child, i) => {
    if (!isRoute(child)) problems.push({ path: [...path, `routes[${i}]`], message: 'not a route (use route(...))' });
    else problems.push(...routeProblems(child, receivers, timings, [...path, `routes[${i}]`]));
  });
  return problems;
}

function known(names: Set<string>): string {
  return names.size === 0 ? ' (none defined)' : ` (known: ${[...names].join(', ')})`;
}

function routingTestProblems(t: RoutingTest, receivers: Set<string>, path: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  if (typeof t !== 'object' || t === null || typeof t.labels !== 'object' || t.labels === null || !Array.isArray(t.receivers)) {
    return [{ path, message: 'a routing test is { labels: { … }, receivers: [ … ] }' }];
  }
  for (const [label, value] of Object.entries(t.labels)) {
    if (!LABEL_NAME.test(label)) problems.push({ path, message: `invalid label name ${JSON.stringify(label)}` });
    if (typeof value !== 'string' || /[\u0000-\u001f\u007f]/.test(value))
      problems.push({ path, message: `label ${label}: the value must be a string without control characters` });
  }
  if (t.receivers.length === 0) problems.push({ path, message: 'receivers is empty: every alert goes to at least one contact point' });
  for (const r of t.receivers) if (!receivers.has(r)) problems.push({ path, message: `receiver "${r}" is not a contact point${known(receivers)}` });
  return problems;
}

function contactPointProblems(c: ContactPoint, path: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  c.integrations.forEach((integration, i) => {
    const where = [...path, `${integration.kind === 'generic' ? integration.type : integration.kind}[${i}]`];
    const need = (value: unknown, key: string) => {
      const empty = value === undefined || (typeof value === 'string' && value.trim() === '');
      if (empty) problems.push({ path: where, message: `${key} is required` });
      else if (typeof value !== 'string' && !isSecret(value)) problems.push({ path: where, message: `${key} must be text or secret('ENV_NAME')` });
    };
    const url = (value: unknown, key: string) => {
      if (typeof value === 'string' && !/^https?:\/\/[^\s]+$/.test(value)) problems.push({ path: where, message: `${key} must be an http(s) URL` });
    };
    switch (integration.kind) {
      case 'email':
        if (!Array.isArray(integration.options.to) || integration.options.to.length === 0)
          problems.push({ path: where, message: 'to: at least one address is required' });
        for (const a of integration.options.to ?? [])
          if (typeof a !== 'string' || !/^[^\s@,;]+@[^\s@,;]+$/.test(a)) problems.push({ path: where, message: `to: invalid address ${JSON.stringify(a)}` });
        break;
      case 'slack':
      case 'teams':
        need(integration.options.url, 'url');
        url(integration.options.url, 'url');
        break;
      case 'webhook':
        need(integration.options.url, 'url');
        url(integration.options.url, 'url');
        if (integration.options.bearerToken !== undefined && integration.options.basicAuth !== undefined)
          problems.push({ path: where, message: 'use bearerToken or basicAuth, not both' });
        break;
      case 'pagerduty':
        need(integration.options.routingKey, 'routingKey');
        break;
      case 'opsgenie':
        need(integration.options.apiKey, 'apiKey');
        break;
      case 'generic':
        if (!/^[a-z][a-z0-9_]*$/.test(integration.type))
          problems.push({ path: where, message: `invalid integration type ${JSON.stringify(integration.type)}` });
        if (integration.options.alertmanager === undefined && integration.options.grafana === undefined)
          problems.push({ path: where, message: 'give the alertmanager and/or grafana settings' });
        break;
    }
  });
  return problems;
}

function rangeProblem(value: string, names: readonly string[] | undefined, min: number, max: number, allowNegative: boolean): boolean {
  const parts = String(value).split(':');
  if (parts.length > 2 || parts.some((x) => x === '')) return true;
  const ok = (part: string) => {
    if (names && names.includes(part.toLowerCase())) return true;
    if (!/^-?\d+$/.test(part)) return false;
    const n = Number(part);
    return (n >= min && n <= max) || (allowNegative && n < 0 && n >= -max);
  };
  return !parts.every(ok);
}

function muteTimingProblems(m: MuteTiming, path: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  m.intervals.forEach((iv, i) => {
    const where = [...path, `intervals[${i}]`];
    for (const t of iv.times ?? []) {
      if (!TIME.test(t.start) || !TIME.test(t.end)) problems.push({ path: where, message: `times: ${JSON.stringify(t)} is not HH:MM to HH:MM` });
      else if (t.start >= t.end) problems.push({ path: where, message: `times: start ${t.start} is not before end ${t.end}` });
    }
    for (const w of iv.weekdays ?? [])
      if (rangeProblem(w, WEEKDAYS, 99, -1, false) || /\d/.test(w))
        problems.push({ path: where, message: `weekdays: invalid ${JSON.stringify(w)} (e.g. monday:friday)` });
    for (const d of iv.daysOfMonth ?? [])
      if (rangeProblem(d, undefined, 1, 31, true)) problems.push({ path: where, message: `daysOfMonth: invalid ${JSON.stringify(d)} (1 to 31, or -31 to -1)` });
    for (const mo of iv.months ?? [])
      if (rangeProblem(mo, MONTHS, 1, 12, false)) problems.push({ path: where, message: `months: invalid ${JSON.stringify(mo)} (january:march or 1:3)` });
    for (const y of iv.years ?? [])
      if (rangeProblem(y, undefined, 1, 9999, false)) problems.push({ path: where, message: `years: invalid ${JSON.stringify(y)}` });
    if (iv.location !== undefined && !isTimeZone(iv.location))
      problems.push({ path: where, message: `location: unknown time zone ${JSON.stringify(iv.location)}` });
  });
  return problems;
}

function isTimeZone(name: string): boolean {
  if (name === 'Local' || name === 'UTC') return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
