/**
 * The notification side of Grafana's alerting provisioning API (grafana-api.md §6.1, §6.5, §13
 * item 4): contact points by uid, the policy tree as one resource (PUT replaces the whole tree),
 * mute timings and templates by name. Secure settings are stored but answered as `[REDACTED]`;
 * provenance is `api` unless the request carries `X-Disable-Provenance` (any value).
 */
import { canonicalPrometheusDuration } from '../promql/prometheus-duration.js';
import { grafanaError, json, tracedError, type Reply, type RequestContext, type Route } from './http.js';
import { defaultPolicyTree, type NotificationProvenance, type NotificationState, type StoredContactPoint } from './notification-state.js';
import { deepClone, generateUid, isPlainRecord } from './state.js';

/** What Grafana answers in place of a secure setting's value. */
export const REDACTED = '[REDACTED]';

/** The integration types of `EmbeddedContactPoint.type` (the OpenAPI enum). */
const CONTACT_POINT_TYPES = [
  'alertmanager',
  'dingding',
  'discord',
  'email',
  'googlechat',
  'kafka',
  'line',
  'opsgenie',
  'pagerduty',
  'pushover',
  'sensugo',
  'slack',
  'teams',
  'telegram',
  'threema',
  'victorops',
  'webhook',
  'wecom',
];

/** Settings Grafana keeps encrypted and never returns, per type (its notifier schemas). */
export const SECURE_SETTINGS: Readonly<Record<string, readonly string[]>> = {
  slack: ['url', 'token'],
  pagerduty: ['integrationKey'],
  webhook: ['password', 'authorization_credentials'],
  opsgenie: ['apiKey'],
  telegram: ['bottoken'],
  pushover: ['userKey', 'apiToken'],
  discord: ['url'],
  googlechat: ['url'],
  line: ['token'],
  threema: ['api_secret'],
  sensugo: ['apikey'],
};

/** Settings a type cannot do without (one of each inner list). */
const REQUIRED_SETTINGS: Readonly<Record<string, readonly (readonly string[])[]>> = {
  email: [['addresses']],
  slack: [['url', 'token']],
  pagerduty: [['integrationKey']],
  webhook: [['url']],
  opsgenie: [['apiKey']],
  teams: [['url']],
  telegram: [['bottoken'], ['chatid']],
  discord: [['url']],
  googlechat: [['url']],
};

const UID = /^[a-zA-Z0-9\-_]{1,40}$/;
const TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
const MATCH_TYPES = ['=', '!=', '=~', '!~'];
const NO_CONTENT: Reply = { status: 204, raw: '' };

function requested(ctx: RequestContext): NotificationProvenance {
  return ctx.headers && 'x-disable-provenance' in ctx.headers ? '' : 'api';
}

/**
 * `ValidateProvenanceRelaxed`: from none anything goes; to none only from none. Grafana answers
 * a refused change with errutil 403 `alerting.notifications.invalidProvenance`.
 */
function provenanceRefusal(from: NotificationProvenance, to: NotificationProvenance): Reply | undefined {
  if (from === '' || to !== '') return undefined;
  return grafanaError(
    403,
    'alerting.notifications.invalidProvenance',
    `Resource with provenance status '${from}' cannot be managed via API that handles resources with provenance status 'none'. You must use appropriate API to manage this resource`,
  );
}

function invalid(reason: string): Reply {
  return tracedError(400, `invalid object specification: ${reason}`);
}

function withProvenance<T extends Record<string, unknown>>(body: T, provenance: NotificationProvenance): T & { provenance?: string } {
  return provenance === '' ? body : { ...body, provenance };
}

// ---------------------------------------------------------------- contact points

function renderContactPoint(c: StoredContactPoint): Record<string, unknown> {
  const secure = SECURE_SETTINGS[c.type] ?? [];
  const settings: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c.settings)) settings[k] = secure.includes(k) ? REDACTED : deepClone(v);
  return withProvenance({ uid: c.uid, name: c.name, type: c.type, settings, disableResolveMessage: c.disableResolveMessage }, c.provenance);
}

/** Binds and validates an `EmbeddedContactPoint`; `stored` supplies the values of `[REDACTED]` secure settings. */
function bindContactPoint(body: unknown, stored: StoredContactPoint | undefined): (Omit<StoredContactPoint, 'uid' | 'provenance'> & { uid?: string }) | Reply {
  if (!isPlainRecord(body)) return tracedError(400, 'bad request data');
  const { uid, name, type, settings, disableResolveMessage } = body;
  if (uid !== undefined && uid !== null && uid !== '' && (typeof uid !== 'string' || !UID.test(uid)))
    return invalid('uid must be 1..40 characters of letters, digits, "-" and "_"');
  if (typeof name !== 'string' || name.trim() === '') return invalid('name must not be empty');
  if (typeof type !== 'string' || !CONTACT_POINT_TYPES.includes(type)) return invalid(`unknown integration type ${JSON.stringify(type)}`);
  if (!isPlainRecord(settings)) return invalid('settings must be an object');
  if (disableResolveMessage !== undefined && disableResolveMessage !== null && typeof disableResolveMessage !== 'boolean')
    return tracedError(400, 'bad request data');
  const merged: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(settings)) {
    if (v !== REDACTED) merged[k] = deepClone(v);
    else if (stored && stored.type === type && stored.settings[k] !== undefined) merged[k] = stored.settings[k];
    else return invalid(`setting ${k} is redacted and there is no stored value to keep`);
  }
  for (const oneOf of REQUIRED_SETTINGS[type] ?? []) {
    if (!oneOf.some((k) => typeof merged[k] === 'string' && (merged[k] as string).trim() !== ''))
      return invalid(`${type}: could not find ${oneOf.join(' or ')} in settings`);
  }
  return {
    ...(typeof uid === 'string' && uid !== '' && { uid }),
    name,
    type,
    settings: merged,
    disableResolveMessage: disableResolveMessage === true,
  };
}

function listContactPoints(ctx: RequestContext): Reply {
  const name = ctx.query.get('name');
  const all = [...ctx.state.notifications.contactPoints.values()].filter((c) => name === null || c.name === name);
  all.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return json(200, all.map(renderContactPoint));
}

function createContactPoint(ctx: RequestContext): Reply {
  const n = ctx.state.notifications;
  const bound = bindContactPoint(ctx.body, undefined);
  if ('status' in bound) return bound;
  const uid = bound.uid ?? generateUid();
  if (n.contactPoints.has(uid)) return invalid(`a contact point with uid ${uid} already exists`);
  const stored: StoredContactPoint = { ...bound, uid, provenance: requested(ctx) };
  n.contactPoints.set(uid, stored);
  return json(202, renderContactPoint(stored));
}

function updateContactPoint(ctx: RequestContext): Reply {
  const n = ctx.state.notifications;
  const stored = n.contactPoints.get(ctx.params.uid!);
  if (!stored) return grafanaError(404, 'alerting.notifications.contact-points.notFound', 'contact point not found');
  const bound = bindContactPoint(ctx.body, stored);
  if ('status' in bound) return bound;
  const provenance = requested(ctx);
  const refused = provenanceRefusal(stored.provenance, provenance);
  if (refused) return refused;
  if (bound.name !== stored.name && isReferenced(n, stored.name) && !otherIntegration(n, stored)) {
    return grafanaError(409, 'alerting.notifications.contact-points.referenced', 'cannot rename a contact point that a notification policy uses');
  }
  n.contactPoints.set(stored.uid, { ...bound, uid: stored.uid, provenance });
  return json(202, { message: 'contactpoint updated' });
}

function deleteContactPoint(ctx: RequestContext): Reply {
  const n = ctx.state.notifications;
  const stored = n.contactPoints.get(ctx.params.uid!);
  if (!stored) return json(202, { message: 'contactpoint deleted' });
  const refused = provenanceRefusal(stored.provenance, requested(ctx));
  if (refused) return refused;
  if (isReferenced(n, stored.name) && !otherIntegration(n, stored)) {
    return grafanaError(409, 'alerting.notifications.contact-points.referenced', 'contact point is referenced by a notification policy');
  }
  n.contactPoints.delete(stored.uid);
  return json(202, { message: 'contactpoint deleted' });
}

function otherIntegration(n: NotificationState, c: StoredContactPoint): boolean {
  return [...n.contactPoints.values()].some((o) => o.name === c.name && o.uid !== c.uid);
}

function routesOf(tree: Record<string, unknown>): Record<string, unknown>[] {
  const children = Array.isArray(tree.routes) ? tree.routes.filter(isPlainRecord) : [];
  return [tree, ...children.flatMap(routesOf)];
}

function isReferenced(n: NotificationState, receiver: string): boolean {
  return routesOf(n.policy).some((r) => r.receiver === receiver);
}

// ---------------------------------------------------------------- policy tree

function routeProblem(route: unknown, n: NotificationState, root: boolean, path: string): string | undefined {
  if (!isPlainRecord(route)) return `${path}: a route must be an object`;
  const receivers = n.receiverNames();
  if (root && (typeof route.receiver !== 'string' || route.receiver === '')) return 'root route must specify a default receiver';
  if (route.receiver !== undefined && route.receiver !== null && route.receiver !== '') {
    if (typeof route.receiver !== 'string' || !receivers.has(route.receiver)) return `receiver '${String(route.receiver)}' does not exist`;
  }
  if (route.object_matchers !== undefined && route.object_matchers !== null) {
    if (!Array.isArray(route.object_matchers)) return `${path}: object_matchers must be a list`;
    for (const m of route.object_matchers) {
      if (!Array.isArray(m) || m.length !== 3 || !m.every((x) => typeof x === 'string') || !MATCH_TYPES.includes(m[1] as string))
        return `${path}: invalid matcher ${JSON.stringify(m)}`;
    }
    if (root && route.object_matchers.length > 0) return 'root route must not have any matchers';
  }
  for (const key of ['group_wait', 'group_interval', 'repeat_interval'] as const) {
    const v = route[key];
    if (v !== undefined && v !== null && (typeof v !== 'string' || canonicalPrometheusDuration(v) === undefined)) return `${path}: invalid ${key}`;
  }
  if (route.group_by !== undefined && route.group_by !== null && (!Array.isArray(route.group_by) || !route.group_by.every((g) => typeof g === 'string')))
    return `${path}: group_by must be a list of label names`;
  for (const key of ['mute_time_intervals', 'active_time_intervals'] as const) {
    const v = route[key];
    if (v === undefined || v === null) continue;
    if (!Array.isArray(v)) return `${path}: ${key} must be a list`;
    for (const name of v) if (typeof name !== 'string' || !n.muteTimings.has(name)) return `time interval '${String(name)}' does not exist`;
    if (root && v.length > 0) return `root route cannot have ${key}`;
  }
  if (root && route.continue === true) return 'root route cannot have continue set';
  if (route.routes !== undefined && route.routes !== null) {
    if (!Array.isArray(route.routes)) return `${path}: routes must be a list`;
    for (let i = 0; i < route.routes.length; i++) {
      const problem = routeProblem(route.routes[i], n, false, `${path}.routes[${i}]`);
      if (problem) return problem;
    }
  }
  return undefined;
}

function stripProvenance(route: Record<string, unknown>): Record<string, unknown> {
  const { provenance: _ignored, routes, ...rest } = route;
  return { ...rest, ...(Array.isArray(routes) && { routes: routes.filter(isPlainRecord).map(stripProvenance) }) };
}

function getPolicies(ctx: RequestContext): Reply {
  const n = ctx.state.notifications;
  return json(200, withProvenance(deepClone(n.policy), n.policyProvenance));
}

function putPolicies(ctx: RequestContext): Reply {
  const n = ctx.state.notifications;
  if (!isPlainRecord(ctx.body)) return tracedError(400, 'bad request data');
  const problem = routeProblem(ctx.body, n, true, 'route');
  if (problem) return invalid(problem);
  const provenance = requested(ctx);
  const refused = provenanceRefusal(n.policyProvenance, provenance);
  if (refused) return refused;
  n.policy = stripProvenance(deepClone(ctx.body));
  n.policyProvenance = provenance;
  return json(202, { message: 'policies updated' });
}

function resetPolicies(ctx: RequestContext): Reply {
  const n = ctx.state.notifications;
  n.policy = defaultPolicyTree();
  n.policyProvenance = '';
  return json(202, deepClone(n.policy));
}

// ---------------------------------------------------------------- mute timings

const TIME_INTERVAL_NOT_FOUND = grafanaError(404, 'alerting.notifications.time-intervals.notFound', 'Time interval not found');
const VERSION_CONFLICT = grafanaError(409, 'alerting.notifications.conflict', 'Provided version does not match the current version of the resource');

function timeIntervalsProblem(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) return 'time_intervals must be a list';
  for (const item of value) {
    if (!isPlainRecord(item)) return 'a time interval must be an object';
    for (const t of Array.isArray(item.times) ? item.times : []) {
      if (!isPlainRecord(t) || typeof t.start_time !== 'string' || typeof t.end_time !== 'string' || !TIME.test(t.start_time) || !TIME.test(t.end_time))
        return `invalid time range ${JSON.stringify(t)}`;
      if (t.start_time >= t.end_time) return `start time ${t.start_time} is not before end time ${t.end_time}`;
    }
    for (const key of ['weekdays', 'days_of_month', 'months', 'years'] as const) {
      const v = item[key];
      if (v !== undefined && v !== null && (!Array.isArray(v) || !v.every((x) => typeof x === 'string'))) return `${key} must be a list of strings`;
    }
    if (item.location !== undefined && item.location !== null && typeof item.location !== 'string') return 'location must be a string';
  }
  return undefined;
}

/**
 * The two GETs of a kind stored by name (mute timings, templates): the list, sorted by name as
 * Grafana answers it, and one by `:name` (`notFound` when there is none).
 */
function namedReads<T extends { readonly name: string }>(
  store: (n: NotificationState) => ReadonlyMap<string, T>,
  render: (stored: T) => Record<string, unknown>,
  notFound: Reply,
): { readonly list: (ctx: RequestContext) => Reply; readonly get: (ctx: RequestContext) => Reply } {
  return {
    list: (ctx) => json(200, [...store(ctx.state.notifications).values()].sort((a, b) => (a.name < b.name ? -1 : 1)).map(render)),
    get: (ctx) => {
      const stored = store(ctx.state.notifications).get(ctx.params.name!);
      return stored ? json(200, render(stored)) : notFound;
    },
  };
}

function renderMuteTiming(m: { name: string; time_intervals: unknown[]; version: string; provenance: NotificationProvenance }): Record<string, unknown> {
  return withProvenance({ name: m.name, time_intervals: deepClone(m.time_intervals), version: m.version }, m.provenance);
}

const muteTimingReads = namedReads((n) => n.muteTimings, renderMuteTiming, TIME_INTERVAL_NOT_FOUND);

function createMuteTiming(ctx: RequestContext): Reply {
  const n = ctx.state.notifications;
  const body = ctx.body;
  if (!isPlainRecord(body)) return tracedError(400, 'bad request data');
  if (typeof body.name !== 'string' || body.name.trim() === '') return invalid('name must not be empty');
  const problem = timeIntervalsProblem(body.time_intervals);
  if (problem) return invalid(problem);
  if (n.muteTimings.has(body.name))
    return grafanaError(
      400,
      'alerting.notifications.time-intervals.nameExists',
      'Time interval with this name already exists. Use a different name or update existing one.',
    );
  const stored = {
    name: body.name,
    time_intervals: deepClone((body.time_intervals as Record<string, unknown>[] | undefined) ?? []),
    provenance: requested(ctx),
    version: n.nextVersion(),
  };
  n.muteTimings.set(stored.name, stored);
  return json(201, renderMuteTiming(stored));
}

function updateMuteTiming(ctx: RequestContext): Reply {
  const n = ctx.state.notifications;
  const stored = n.muteTimings.get(ctx.params.name!);
  const body = ctx.body;
  if (!isPlainRecord(body)) return tracedError(400, 'bad request data');
  if (!stored) return TIME_INTERVAL_NOT_FOUND;
  const problem = timeIntervalsProblem(body.time_intervals);
  if (problem) return invalid(problem);
  if (typeof body.version === 'string' && body.version !== '' && body.version !== stored.version) return VERSION_CONFLICT;
  const provenance = requested(ctx);
  const refused = provenanceRefusal(stored.provenance, provenance);
  if (refused) return refused;
  stored.time_intervals = deepClone((body.time_intervals as Record<string, unknown>[] | undefined) ?? []);
  stored.provenance = provenance;
  stored.version = n.nextVersion();
  return json(202, renderMuteTiming(stored));
}

function deleteMuteTiming(ctx: RequestContext): Reply {
  const n = ctx.state.notifications;
  const stored = n.muteTimings.get(ctx.params.name!);
  if (!stored) return NO_CONTENT;
  const refused = provenanceRefusal(stored.provenance, requested(ctx));
  if (refused) return refused;
  const used = routesOf(n.policy).some((r) =>
    [r.mute_time_intervals, r.active_time_intervals].some((list) => Array.isArray(list) && list.includes(stored.name)),
  );
  if (used) return grafanaError(409, 'alerting.notifications.time-intervals.used', 'Time interval is used by one or many notification policies');
  n.muteTimings.delete(stored.name);
  return NO_CONTENT;
}

// ---------------------------------------------------------------- templates

const TEMPLATE_NOT_FOUND = grafanaError(404, 'alerting.notifications.templates.notFound', 'Template not found');

/** A rough stand-in for Go's template parser: balanced actions, every block closed by `end`. */
function templateProblem(text: string): string | undefined {
  const actions = [...text.matchAll(/\{\{-?\s*(.*?)\s*-?\}\}/gs)].map((m) => m[1]!);
  if ((text.match(/\{\{/g) ?? []).length !== actions.length || (text.match(/\}\}/g) ?? []).length !== actions.length) return 'unbalanced {{ }}';
  let depth = 0;
  for (const a of actions) {
    if (/^(define|if|range|with|block)\b/.test(a)) depth++;
    else if (/^end\b/.test(a)) depth--;
    if (depth < 0) return 'unexpected {{end}}';
  }
  return depth === 0 ? undefined : 'unexpected EOF';
}

function renderTemplate(t: { name: string; template: string; version: string; provenance: NotificationProvenance }): Record<string, unknown> {
  return withProvenance({ name: t.name, template: t.template, version: t.version }, t.provenance);
}

const templateReads = namedReads((n) => n.templates, renderTemplate, TEMPLATE_NOT_FOUND);

function putTemplate(ctx: RequestContext): Reply {
  const n = ctx.state.notifications;
  const name = ctx.params.name!;
  const body = ctx.body;
  if (!isPlainRecord(body) || typeof body.template !== 'string') return tracedError(400, 'bad request data');
  const problem = templateProblem(body.template);
  if (problem) return grafanaError(400, 'alerting.notifications.templates.invalidFormat', `Template is not valid: ${problem}`);
  const stored = n.templates.get(name);
  if (stored && typeof body.version === 'string' && body.version !== '' && body.version !== stored.version) return VERSION_CONFLICT;
  const provenance = requested(ctx);
  if (stored) {
    const refused = provenanceRefusal(stored.provenance, provenance);
    if (refused) return refused;
  }
  const next = { name, template: body.template, provenance, version: n.nextVersion() };
  n.templates.set(name, next);
  return json(202, renderTemplate(next));
}

function deleteTemplate(ctx: RequestContext): Reply {
  const n = ctx.state.notifications;
  const stored = n.templates.get(ctx.params.name!);
  if (!stored) return NO_CONTENT;
  const refused = provenanceRefusal(stored.provenance, requested(ctx));
  if (refused) return refused;
  n.templates.delete(stored.name);
  return NO_CONTENT;
}

const BASE = '/api/v1/provisioning';

export const notificationRoutes: Route[] = [
  { method: 'GET', pattern: `${BASE}/contact-points`, handler: listContactPoints },
  { method: 'POST', pattern: `${BASE}/contact-points`, handler: createContactPoint },
  { method: 'PUT', pattern: `${BASE}/contact-points/:uid`, handler: updateContactPoint },
  { method: 'DELETE', pattern: `${BASE}/contact-points/:uid`, handler: deleteContactPoint },
  { method: 'GET', pattern: `${BASE}/policies`, handler: getPolicies },
  { method: 'PUT', pattern: `${BASE}/policies`, handler: putPolicies },
  { method: 'DELETE', pattern: `${BASE}/policies`, handler: resetPolicies },
  { method: 'GET', pattern: `${BASE}/mute-timings`, handler: muteTimingReads.list },
  { method: 'POST', pattern: `${BASE}/mute-timings`, handler: createMuteTiming },
  { method: 'GET', pattern: `${BASE}/mute-timings/:name`, handler: muteTimingReads.get },
  { method: 'PUT', pattern: `${BASE}/mute-timings/:name`, handler: updateMuteTiming },
  { method: 'DELETE', pattern: `${BASE}/mute-timings/:name`, handler: deleteMuteTiming },
  { method: 'GET', pattern: `${BASE}/templates`, handler: templateReads.list },
  { method: 'GET', pattern: `${BASE}/templates/:name`, handler: templateReads.get },
  { method: 'PUT', pattern: `${BASE}/templates/:name`, handler: putTemplate },
  { method: 'DELETE', pattern: `${BASE}/templates/:name`, handler: deleteTemplate },
];
