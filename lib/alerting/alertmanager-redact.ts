import { isPlainObject } from '../model/deep-merge.js';

// Settings that hold credentials in Alertmanager configurations: redacted from what is shown even
// when grafts did not put a secret there (a value someone set on the server or in the file).
const SECRET_KEYS: ReadonlySet<string> = new Set([
  'api_url',
  'routing_key',
  'service_key',
  'api_key',
  'auth_password',
  'auth_secret',
  'credentials',
  'password',
  'webhook_url',
  'bot_token',
  'token',
]);

/** A secret value grafts knows, and the environment variable it came from. */
export interface KnownSecret {
  readonly env: string;
  readonly value: string;
}

/**
 * An Alertmanager configuration as it may be shown: each known secret value (wherever it is,
 * also inside a longer string) becomes `<secret:ENV>`, and any other string under a credential
 * setting (`api_url`, `routing_key`, `password`, …) becomes `<secret>`. With `anonymous`, every
 * secret is `<secret>` (a fingerprint that stays put when a secret is rotated). Pure; the input
 * is not changed.
 *
 * @example
 * redactAlertmanagerConfig({ receivers: [{ name: 'a', slack_configs: [{ api_url: 'https://hooks.slack.com/T/X' }] }] }, [])
 * // → { receivers: [{ name: 'a', slack_configs: [{ api_url: '<secret>' }] }] }
 */
export function redactAlertmanagerConfig(config: unknown, secrets: readonly KnownSecret[], options: { readonly anonymous?: boolean } = {}): unknown {
  // Longest first, so a secret containing another is replaced whole.
  const known = secrets.filter((s) => s.value.length >= 3).sort((a, b) => b.value.length - a.value.length);
  const replaceKnown = (text: string): string => known.reduce((t, s) => t.split(s.value).join(options.anonymous ? '<secret>' : `<secret:${s.env}>`), text);
  const walk = (value: unknown, key: string | undefined): unknown => {
    if (typeof value === 'string') {
      const replaced = replaceKnown(value);
      return key !== undefined && SECRET_KEYS.has(key) && (options.anonymous || !/^<secret:[^>]+>$/.test(replaced)) ? '<secret>' : replaced;
    }
    if (Array.isArray(value)) return value.map((v) => walk(v, key));
    if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [replaceKnown(k), walk(v, k)]));
    return value;
  };
  return walk(config, undefined);
}
