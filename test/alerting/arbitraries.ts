// fast-check arbitraries of valid alerting configurations: contact points of every kind (with
// secrets), policy trees with matchers of every operator, timings, continue and time
// intervals, and label sets that hit or miss the trees' matchers.
import fc from 'fast-check';
import {
  contactPoint,
  matcher,
  muteTiming,
  notificationPolicy,
  notificationTemplate,
  route,
  secret,
  type AlertingSpec,
  type ContactPoint,
  type MatcherOperator,
  type Route,
} from '../../lib/index.js';

/** Label names and values the trees and the alerts share, so that matchers hit. */
export const LABELS = ['severity', 'team', 'service', 'env'] as const;
export const VALUES = ['critical', 'warning', 'db', 'a b', 'say "hi"', 'x\\y', 'prod', ''] as const;
/** Regexes valid and identical in RE2 and JavaScript. */
export const REGEXES = ['crit.*', 'db|web', '(warning|info)', '[a-z]+', '.*', 'a b'] as const;

export const SENTINEL_PREFIX = 'SENTINEL-SECRET-';

const receiverName = fc.constantFrom('default', 'page', 'ticket', 'team db', 'chat-ops', 'null');
const duration = fc.constantFrom('10s', '30s', '1m', '5m', '1h30m', '4h');

const equality = fc.record({ label: fc.constantFrom(...LABELS), op: fc.constantFrom<MatcherOperator>('=', '!='), value: fc.constantFrom(...VALUES) });
const regex = fc.record({ label: fc.constantFrom(...LABELS), op: fc.constantFrom<MatcherOperator>('=~', '!~'), value: fc.constantFrom(...REGEXES) });
const matchers = fc.array(fc.oneof(equality, regex), { maxLength: 2 }).map((ms) => ms.map((m) => matcher(m.label, m.op, m.value)));

interface RouteShape {
  receiver?: string;
  matchers: ReturnType<typeof matcher>[];
  continue: boolean;
  groupBy?: readonly string[];
  groupWait?: string;
  repeatInterval?: string;
  mute: boolean;
  routes: RouteShape[];
}

const routeShape: fc.Memo<RouteShape> = fc.memo((depth) =>
  fc.record(
    {
      receiver: fc.option(receiverName, { nil: undefined }),
      matchers,
      continue: fc.boolean(),
      groupBy: fc.option(fc.oneof(fc.constant(['...']), fc.subarray(['alertname', ...LABELS], { minLength: 1 })), { nil: undefined }),
      groupWait: fc.option(duration, { nil: undefined }),
      repeatInterval: fc.option(duration, { nil: undefined }),
      mute: fc.boolean(),
      routes: depth <= 1 ? fc.constant([]) : fc.array(routeShape(depth - 1), { maxLength: 3 }),
    },
    { requiredKeys: ['matchers', 'continue', 'mute', 'routes'] },
  ),
);

function toRoute(shape: RouteShape): Route {
  let r = route(shape.matchers);
  if (shape.receiver !== undefined) r = r.receiver(shape.receiver);
  if (shape.continue) r = r.continue();
  if (shape.groupBy) r = r.groupBy(...shape.groupBy);
  if (shape.groupWait) r = r.groupWait(shape.groupWait);
  if (shape.repeatInterval) r = r.repeatInterval(shape.repeatInterval);
  if (shape.mute) r = r.muteTimeIntervals('weekends');
  return r.route(...shape.routes.map(toRoute));
}

/** A policy tree whose root sends to `default`. */
export const policyTree = fc.array(routeShape(3), { maxLength: 4 }).map((children) =>
  notificationPolicy('default')
    .groupBy('alertname')
    .route(...children.map(toRoute)),
);

/** Alert labels drawn from the same names and values as the matchers. */
export const alertLabels = fc.dictionary(fc.constantFrom(...LABELS), fc.constantFrom(...VALUES, 'critical-2', 'web'), { maxKeys: 4 });

/**
 * Every contact point kind, each credential a secret whose environment variable holds
 * `SENTINEL-SECRET-<ENV>`. Returns the contact points and that environment.
 */
export function everyKind(genericSecret = false): { contactPoints: ContactPoint[]; env: Record<string, string> } {
  const env: Record<string, string> = {};
  const s = (name: string) => {
    env[name] = `${SENTINEL_PREFIX}${name}`;
    return secret(name);
  };
  const contactPoints = [
    contactPoint('default').email({
      to: ['ops@example.com', 'sre@example.com'],
      from: 'am@example.com',
      smarthost: 'smtp.example.com:587',
      authUsername: 'am',
      authPassword: s('SMTP_PASSWORD'),
      subject: 'Alert',
    }),
    contactPoint('page')
      .pagerDuty({ routingKey: s('PD_KEY'), severity: 'critical', summary: '{{ .CommonLabels.alertname }}' })
      .opsgenie({ apiKey: s('OPSGENIE_KEY'), priority: 'P1' }),
    contactPoint('ticket')
      .webhook({ url: 'http://127.0.0.1:9/hook', bearerToken: s('HOOK_TOKEN'), maxAlerts: 10 })
      .webhook({ url: 'https://hooks.example.com/x', basicAuth: { username: 'u', password: s('HOOK_PASSWORD') }, sendResolved: false }),
    contactPoint('team db').slack({ url: s('SLACK_URL'), channel: '#db', title: '{{ template "slack.title" . }}' }),
    // Alertmanager files need the `_file` form for a generic integration's secret.
    genericSecret
      ? contactPoint('chat-ops').integration('telegram', {
          alertmanager: { bot_token: s('TG_TOKEN'), chat_id: 42 },
          grafana: { bottoken: s('TG_TOKEN'), chatid: '42' },
        })
      : contactPoint('chat-ops').integration('victorops', {
          alertmanager: { api_key_file: '/run/secrets/VO_KEY', routing_key: 'ops' },
          grafana: { url: s('VO_URL') },
        }),
    contactPoint('null'),
  ];
  return { contactPoints, env };
}

/** A Teams contact point (Alertmanager 0.26+ only, so outside the amtool 0.25 checks). */
export function teamsContactPoint(env: Record<string, string>): ContactPoint {
  env['TEAMS_URL'] = `${SENTINEL_PREFIX}TEAMS_URL`;
  return contactPoint('teams').teams({ url: secret('TEAMS_URL'), title: 'Alert' });
}

/** A full spec around `policy`: every contact point kind, a mute timing, a template. */
export function specWith(policy: Route): AlertingSpec {
  return {
    contactPoints: everyKind().contactPoints,
    policy,
    muteTimings: [
      muteTiming('weekends')
        .interval({ weekdays: ['saturday', 'sunday'], location: 'Europe/Berlin' })
        .interval({ times: [{ start: '22:00', end: '24:00' }], daysOfMonth: ['-1'], months: ['december'], years: ['2026:2027'] }),
    ],
    templates: [notificationTemplate('slack', '{{ define "slack.title" }}[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }}{{ end }}')],
  };
}
