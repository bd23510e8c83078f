import { toYaml } from '../render/to-yaml.js';
import { ValidationError, type Problem } from '../model/validation-error.js';
import type { ContactPoint, Integration } from './contact-point.js';
import type { ResolvedAlerting } from './alerting-config.js';
import { alertmanagerMatcher } from './matchers.js';
import type { TimeInterval } from './mute-timing.js';
import type { Route } from './notification-policy.js';
import { isSecret, MissingSecretError, redactedSecret, type MaybeSecret, type SecretRef } from './secret.js';

/**
 * How secrets are written into an Alertmanager configuration:
 * - `redact`: `<secret:ENV>` (for showing and diffing; not a working configuration);
 * - `files`: the `*_file` form of the setting, pointing to `<dir>/<ENV>` (a file you mount,
 *   e.g. a Kubernetes Secret), so the written file holds no secret;
 * - `env`: the value of the environment variable (only for sending to Mimir/Cortex, which
 *   rejects `*_file` settings; never written to disk).
 */
export type SecretMode =
  | { readonly kind: 'redact' }
  | { readonly kind: 'files'; readonly dir: string }
  | { readonly kind: 'env'; readonly env: Readonly<Record<string, string | undefined>> };

/** Default folder of secret files in an Alertmanager file (see {@link SecretMode}). */
export const DEFAULT_SECRETS_DIR = '/etc/alertmanager/secrets';

/** The path of the template files an Alertmanager file refers to, relative to the config file. */
export const TEMPLATES_DIR = 'templates';

/** An Alertmanager configuration as a plain object (YAML/JSON ready). */
export type AlertmanagerConfig = Record<string, unknown>;

/** Options of {@link renderAlertmanagerConfig}. */
export interface AlertmanagerRenderOptions {
  readonly secrets: SecretMode;
  /**
   * How templates are referred to: `files` adds `templates: ['<templatesPath>/*.tmpl']` (the
   * file target writes them there); `inline` leaves them out (Mimir takes them as
   * `template_files` beside the configuration). @default 'files'
   */
  readonly templates?: 'files' | 'inline';
  /** The folder the `templates` glob names. @default 'templates' (relative to the config file, as Alertmanager resolves it) */
  readonly templatesPath?: string;
  /** Problem paths start with these, e.g. `['dash.config.ts', 'alerting']`. */
  readonly where?: readonly string[];
}

/** Where a secret may go in Alertmanager: the key, and the `_file` key when Alertmanager 0.25 has one. */
interface SecretSlot {
  readonly key: string;
  readonly fileKey?: string;
}

/**
 * Renders a resolved alerting configuration as an Alertmanager configuration: `route`,
 * `receivers`, `time_intervals` and `templates`, keys in a fixed order, with secrets written as
 * `mode` says. Same input, same output.
 *
 * @example
 * renderAlertmanagerConfig(resolved, { secrets: { kind: 'files', dir: '/etc/alertmanager/secrets' } })
 * // → { route: { receiver: 'default', group_by: ['alertname'] }, receivers: [{ name: 'default', … }], … }
 *
 * @throws {ValidationError} a setting Alertmanager cannot take (an email without smarthost or
 *   from, a secret webhook URL in `files` mode).
 * @throws {MissingSecretError} `env` mode and a secret's variable is unset or empty.
 */
export function renderAlertmanagerConfig(alerting: ResolvedAlerting, options: AlertmanagerRenderOptions): AlertmanagerConfig {
  const problems: Problem[] = [];
  const missing: { env: string; where: string }[] = [];
  const where = options.where ?? ['alerting'];
  const out: AlertmanagerConfig = { route: renderRoute(alerting.policy, true) };
  out['receivers'] = alerting.contactPoints.map((c, i) =>
    renderReceiver(c, options.secrets, [...where, 'contactPoints', `[${i}] "${c.name}"`], problems, missing),
  );
  if (alerting.muteTimings.length > 0) {
    out['time_intervals'] = alerting.muteTimings.map((m) => ({ name: m.name, time_intervals: m.intervals.map(renderInterval) }));
  }
  if (alerting.templates.length > 0 && (options.templates ?? 'files') === 'files') {
    out['templates'] = [`${options.templatesPath ?? TEMPLATES_DIR}/*.tmpl`];
  }
  if (problems.length > 0) throw new ValidationError(problems);
  if (missing.length > 0) throw new MissingSecretError(missing);
  return out;
}

/**
 * The YAML of {@link renderAlertmanagerConfig} (plain keys, no line folding).
 *
 * @example
 * alertmanagerYaml(resolved, { secrets: { kind: 'redact' } }) // → 'route:\n  receiver: default\n…'
 */
export function alertmanagerYaml(alerting: ResolvedAlerting, options: AlertmanagerRenderOptions): string {
  return toYaml(renderAlertmanagerConfig(alerting, options));
}

/** The template files of an Alertmanager file target: `<name>.tmpl` → contents. */
export function alertmanagerTemplateFiles(alerting: ResolvedAlerting): Record<string, string> {
  return Object.fromEntries(alerting.templates.map((t) => [`${t.name}.tmpl`, t.template.endsWith('\n') ? t.template : `${t.template}\n`]));
}

function renderRoute(r: Route, root: boolean): Record<string, unknown> {
  const p = r.props;
  const out: Record<string, unknown> = {};
  if (p.receiver !== undefined) out['receiver'] = p.receiver;
  if (p.matchers.length > 0) out['matchers'] = p.matchers.map(alertmanagerMatcher);
  if (p.groupBy !== undefined) out['group_by'] = [...p.groupBy];
  if (p.groupWait !== undefined) out['group_wait'] = p.groupWait;
  if (p.groupInterval !== undefined) out['group_interval'] = p.groupInterval;
  if (p.repeatInterval !== undefined) out['repeat_interval'] = p.repeatInterval;
  if (!root && p.continue) out['continue'] = true;
  if (p.muteTimeIntervals.length > 0) out['mute_time_intervals'] = [...p.muteTimeIntervals];
  if (p.activeTimeIntervals.length > 0) out['active_time_intervals'] = [...p.activeTimeIntervals];
  if (p.routes.length > 0) out['routes'] = p.routes.map((child) => renderRoute(child, false));
  return out;
}

function renderInterval(iv: TimeInterval): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (iv.times) out['times'] = iv.times.map((t) => ({ start_time: t.start, end_time: t.end }));
  if (iv.weekdays) out['weekdays'] = [...iv.weekdays];
  if (iv.daysOfMonth) out['days_of_month'] = [...iv.daysOfMonth];
  if (iv.months) out['months'] = [...iv.months];
  if (iv.years) out['years'] = [...iv.years];
  if (iv.location !== undefined) out['location'] = iv.location;
  return out;
}

const CONFIG_KEYS: Readonly<Record<Exclude<Integration['kind'], 'generic'>, string>> = {
  email: 'email_configs',
  slack: 'slack_configs',
  pagerduty: 'pagerduty_configs',
  webhook: 'webhook_configs',
  opsgenie: 'opsgenie_configs',
  teams: 'msteams_configs',
};

function renderReceiver(
  c: ContactPoint,
  mode: SecretMode,
  where: readonly string[],
  problems: Problem[],
  missing: { env: string; where: string }[],
): Record<string, unknown> {
  const out: Record<string, unknown> = { name: c.name };
  c.integrations.forEach((integration, i) => {
    const at = [...where, `${integration.kind === 'generic' ? integration.type : integration.kind}[${i}]`];
    const put = (target: Record<string, unknown>, slot: SecretSlot, value: MaybeSecret | undefined) => {
      if (value === undefined) return;
      if (!isSecret(value)) {
        target[slot.key] = value;
        return;
      }
      putSecret(target, slot, value, mode, at, problems, missing);
    };
    const config: Record<string, unknown> = {};
    const o = integration.options;
    if (o.sendResolved !== undefined) config['send_resolved'] = o.sendResolved;
    switch (integration.kind) {
      case 'email': {
        const e = integration.options;
        if (mode.kind !== 'redact' && (e.smarthost === undefined || e.from === undefined)) {
          problems.push({ path: at, message: 'Alertmanager needs from and smarthost for email (set both)' });
        }
        config['to'] = e.to.join(', ');
        if (e.from !== undefined) config['from'] = e.from;
        if (e.smarthost !== undefined) config['smarthost'] = e.smarthost;
        if (e.authUsername !== undefined) config['auth_username'] = e.authUsername;
        put(config, { key: 'auth_password', fileKey: 'auth_password_file' }, e.authPassword);
        if (e.requireTls !== undefined) config['require_tls'] = e.requireTls;
        if (e.subject !== undefined) config['headers'] = { Subject: e.subject };
        if (e.message !== undefined) config['html'] = e.message;
        break;
      }
      case 'slack': {
        const s = integration.options;
        put(config, { key: 'api_url', fileKey: 'api_url_file' }, s.url);
        if (s.channel !== undefined) config['channel'] = s.channel;
        if (s.username !== undefined) config['username'] = s.username;
        if (s.iconEmoji !== undefined) config['icon_emoji'] = s.iconEmoji;
        if (s.title !== undefined) config['title'] = s.title;
        if (s.text !== undefined) config['text'] = s.text;
        break;
      }
      case 'pagerduty': {
        const p = integration.options;
        put(config, { key: 'routing_key', fileKey: 'routing_key_file' }, p.routingKey);
        if (p.summary !== undefined) config['description'] = p.summary;
        if (p.severity !== undefined) config['severity'] = p.severity;
        if (p.class !== undefined) config['class'] = p.class;
        if (p.component !== undefined) config['component'] = p.component;
        if (p.group !== undefined) config['group'] = p.group;
        break;
      }
      case 'webhook': {
        const w = integration.options;
        put(config, { key: 'url' }, w.url);
        if (w.maxAlerts !== undefined) config['max_alerts'] = w.maxAlerts;
        if (w.bearerToken !== undefined) {
          const authorization: Record<string, unknown> = { type: 'Bearer' };
          put(authorization, { key: 'credentials', fileKey: 'credentials_file' }, w.bearerToken);
          config['http_config'] = { authorization };
        }
        if (w.basicAuth !== undefined) {
          const basic: Record<string, unknown> = { username: w.basicAuth.username };
          put(basic, { key: 'password', fileKey: 'password_file' }, w.basicAuth.password);
          config['http_config'] = { basic_auth: basic };
        }
        break;
      }
      case 'opsgenie': {
        const g = integration.options;
        put(config, { key: 'api_key', fileKey: 'api_key_file' }, g.apiKey);
        if (g.apiUrl !== undefined) config['api_url'] = g.apiUrl;
        if (g.message !== undefined) config['message'] = g.message;
        if (g.description !== undefined) config['description'] = g.description;
        if (g.priority !== undefined) config['priority'] = g.priority;
        if (g.tags !== undefined) config['tags'] = g.tags;
        break;
      }
      case 'teams': {
        const t = integration.options;
        put(config, { key: 'webhook_url', fileKey: 'webhook_url_file' }, t.url);
        if (t.title !== undefined) config['title'] = t.title;
        if (t.text !== undefined) config['text'] = t.text;
        break;
      }
      case 'generic': {
        const settings = integration.options.alertmanager;
        if (settings === undefined) {
          if (mode.kind !== 'redact') problems.push({ path: at, message: `no alertmanager settings for this ${integration.type} integration` });
          return;
        }
        Object.assign(config, genericSettings(settings, mode, at, problems, missing));
        break;
      }
    }
    const key = integration.kind === 'generic' ? `${integration.type}_configs` : CONFIG_KEYS[integration.kind];
    out[key] = [...((out[key] as unknown[] | undefined) ?? []), config];
  });
  return out;
}

function putSecret(
  target: Record<string, unknown>,
  slot: SecretSlot,
  ref: SecretRef,
  mode: SecretMode,
  at: readonly string[],
  problems: Problem[],
  missing: { env: string; where: string }[],
): void {
  switch (mode.kind) {
    case 'redact':
      target[slot.key] = redactedSecret(ref);
      return;
    case 'files':
      if (slot.fileKey === undefined) {
        problems.push({
          path: at,
          message: `${slot.key} is secret('${ref.env}') but an Alertmanager file cannot read ${slot.key} from a file: give it as text, or apply to Mimir/Grafana`,
        });
        return;
      }
      target[slot.fileKey] = `${mode.dir.replace(/\/+$/, '')}/${ref.env}`;
      return;
    case 'env': {
      const value = mode.env[ref.env];
      if (value === undefined || value === '') missing.push({ env: ref.env, where: [...at, slot.key].join(' › ') });
      else target[slot.key] = value;
      return;
    }
  }
}

function genericSettings(
  settings: Readonly<Record<string, unknown>>,
  mode: SecretMode,
  at: readonly string[],
  problems: Problem[],
  missing: { env: string; where: string }[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(settings)) {
    // Which settings have a `_file` form differs by type and version: write `<key>_file` yourself.
    if (isSecret(value)) putSecret(out, { key }, value, mode, at, problems, missing);
    else if (typeof value === 'object' && value !== null && !Array.isArray(value))
      out[key] = genericSettings(value as Record<string, unknown>, mode, [...at, key], problems, missing);
    else out[key] = value;
  }
  return out;
}
