import type { MaybeSecret } from './secret.js';

/** Settings every integration accepts. */
export interface IntegrationCommon {
  /** Also notify when the alert resolves. @default true (Alertmanager's default for most kinds) */
  readonly sendResolved?: boolean;
}

/** An email integration. `from` and `smarthost` are required by Alertmanager (Grafana uses its server's SMTP settings). */
export interface EmailOptions extends IntegrationCommon {
  readonly to: readonly string[];
  readonly from?: string;
  /** `host:port` of the SMTP server. */
  readonly smarthost?: string;
  readonly authUsername?: string;
  readonly authPassword?: MaybeSecret;
  readonly subject?: string;
  /** The body (HTML in Alertmanager, the message in Grafana). */
  readonly message?: string;
  readonly requireTls?: boolean;
}

/** A Slack integration through an incoming-webhook URL. */
export interface SlackOptions extends IntegrationCommon {
  /** The incoming-webhook URL; a secret in practice. */
  readonly url: MaybeSecret;
  /** `#channel` or `@user`; the webhook's own channel when unset. */
  readonly channel?: string;
  readonly username?: string;
  readonly iconEmoji?: string;
  readonly title?: string;
  readonly text?: string;
}

/** A PagerDuty Events API v2 integration. */
export interface PagerDutyOptions extends IntegrationCommon {
  /** The integration (routing) key. */
  readonly routingKey: MaybeSecret;
  /** `critical`, `error`, `warning` or `info`, or a template. */
  readonly severity?: string;
  readonly class?: string;
  readonly component?: string;
  readonly group?: string;
  /** The incident summary (Alertmanager: `description`). */
  readonly summary?: string;
}

/** A webhook integration: Alertmanager's webhook JSON POSTed to `url`. */
export interface WebhookOptions extends IntegrationCommon {
  /** The endpoint. A secret URL works for Grafana and Mimir, not for an Alertmanager file (Alertmanager 0.25 has no `url_file`). */
  readonly url: MaybeSecret;
  /** Sent as `Authorization: Bearer <token>`. */
  readonly bearerToken?: MaybeSecret;
  readonly basicAuth?: { readonly username: string; readonly password: MaybeSecret };
  /** Alerts per message; 0 = all. */
  readonly maxAlerts?: number;
}

/** An Opsgenie integration. */
export interface OpsgenieOptions extends IntegrationCommon {
  readonly apiKey: MaybeSecret;
  /** e.g. `https://api.eu.opsgenie.com/` */
  readonly apiUrl?: string;
  readonly message?: string;
  readonly description?: string;
  /** `P1`…`P5`, or a template. */
  readonly priority?: string;
  readonly tags?: string;
}

/** A Microsoft Teams integration (Alertmanager `msteams_configs`: Alertmanager 0.26+ and Mimir 2.11+). */
export interface TeamsOptions extends IntegrationCommon {
  readonly url: MaybeSecret;
  readonly title?: string;
  readonly text?: string;
}

/**
 * Any other integration, passed through: `alertmanager` is the body of one entry of
 * `<type>_configs`, `grafana` the `settings` of a Grafana integration of that type. Give the
 * one(s) the targets you use need. A secret works for Grafana and Mimir; an Alertmanager file
 * needs the setting's `*_file` form instead (e.g. `bot_token_file: '/run/secrets/tg'`).
 */
export interface GenericOptions extends IntegrationCommon {
  readonly alertmanager?: Readonly<Record<string, unknown>>;
  readonly grafana?: Readonly<Record<string, unknown>>;
}

/** One integration of a contact point. */
export type Integration =
  | { readonly kind: 'email'; readonly options: EmailOptions }
  | { readonly kind: 'slack'; readonly options: SlackOptions }
  | { readonly kind: 'pagerduty'; readonly options: PagerDutyOptions }
  | { readonly kind: 'webhook'; readonly options: WebhookOptions }
  | { readonly kind: 'opsgenie'; readonly options: OpsgenieOptions }
  | { readonly kind: 'teams'; readonly options: TeamsOptions }
  | { readonly kind: 'generic'; readonly type: string; readonly options: GenericOptions };

const CONTACT_POINT_BRAND: unique symbol = Symbol.for('grafts.contact-point');

/**
 * A contact point (an Alertmanager receiver): a name and the integrations that notify it.
 * Immutable: every method returns a new contact point. Secrets come from the environment only
 * (see {@link secret}).
 *
 * @example
 * contactPoint('platform-page')
 *   .pagerDuty({ routingKey: secret('PD_PLATFORM_KEY'), severity: 'critical' })
 *   .slack({ url: secret('SLACK_PLATFORM_URL'), channel: '#platform' })
 * // Alertmanager: { name: 'platform-page', pagerduty_configs: [{ routing_key_file: '…/PD_PLATFORM_KEY', severity: 'critical' }],
 * //                 slack_configs: [{ api_url_file: '…/SLACK_PLATFORM_URL', channel: '#platform' }] }
 */
export class ContactPoint {
  /** @internal */
  readonly [CONTACT_POINT_BRAND] = true;

  constructor(
    /** The name routes refer to. */
    readonly name: string,
    /** The integrations, in the order added. */
    readonly integrations: readonly Integration[] = [],
  ) {
    Object.freeze(this.integrations);
    Object.freeze(this);
  }

  /** Adds an email integration. */
  email(options: EmailOptions): ContactPoint {
    return this.add({ kind: 'email', options: { ...options, to: [...options.to] } });
  }

  /** Adds a Slack integration. */
  slack(options: SlackOptions): ContactPoint {
    return this.add({ kind: 'slack', options: { ...options } });
  }

  /** Adds a PagerDuty integration. */
  pagerDuty(options: PagerDutyOptions): ContactPoint {
    return this.add({ kind: 'pagerduty', options: { ...options } });
  }

  /** Adds a webhook integration. */
  webhook(options: WebhookOptions): ContactPoint {
    return this.add({ kind: 'webhook', options: { ...options, ...(options.basicAuth && { basicAuth: { ...options.basicAuth } }) } });
  }

  /** Adds an Opsgenie integration. */
  opsgenie(options: OpsgenieOptions): ContactPoint {
    return this.add({ kind: 'opsgenie', options: { ...options } });
  }

  /** Adds a Microsoft Teams integration. */
  teams(options: TeamsOptions): ContactPoint {
    return this.add({ kind: 'teams', options: { ...options } });
  }

  /**
   * Adds an integration of any other type (`telegram`, `sns`, `discord`, …).
   *
   * @example
   * contactPoint('chat').integration('telegram', { alertmanager: { bot_token: secret('TG_TOKEN'), chat_id: 42 }, grafana: { bottoken: secret('TG_TOKEN'), chatid: '42' } })
   */
  integration(type: string, options: GenericOptions): ContactPoint {
    return this.add({ kind: 'generic', type, options: structuredCloneKeepingSecrets(options) });
  }

  private add(integration: Integration): ContactPoint {
    return new ContactPoint(this.name, [...this.integrations, Object.freeze(integration)]);
  }
}

// Secrets are frozen branded objects that structuredClone would strip of their symbol brand.
function structuredCloneKeepingSecrets<T>(value: T): T {
  if (Array.isArray(value)) return value.map(structuredCloneKeepingSecrets) as T;
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, structuredCloneKeepingSecrets(v)])) as T;
  }
  return value;
}

/** True for a {@link ContactPoint} (works across copies of the library). */
export function isContactPoint(value: unknown): value is ContactPoint {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[CONTACT_POINT_BRAND] === true;
}

/**
 * A contact point named `name`, without integrations yet (see {@link ContactPoint}). A contact
 * point without integrations is valid: it drops what is routed to it (Alertmanager's "null"
 * receiver).
 *
 * @example
 * contactPoint('ops').email({ to: ['ops@example.com'], from: 'am@example.com', smarthost: 'smtp.example.com:587' })
 */
export function contactPoint(name: string): ContactPoint {
  return new ContactPoint(name);
}
