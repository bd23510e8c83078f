const SECRET_BRAND: unique symbol = Symbol.for('grafts.secret');

/**
 * A secret named by the environment variable that holds it. The value is read only when a
 * target needs it (apply to Grafana or Mimir); everything rendered for people or files shows
 * the variable's name instead.
 */
export interface SecretRef {
  readonly [SECRET_BRAND]: true;
  /** Name of the environment variable, e.g. `SLACK_WEBHOOK_URL`. */
  readonly env: string;
}

/** A setting that is either plain text or a {@link SecretRef}. */
export type MaybeSecret = string | SecretRef;

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A reference to a secret in the environment variable `env`. Contact point settings that
 * carry credentials (webhook URLs, routing keys, API keys, passwords) accept it; the secret
 * is resolved at apply time and never written to output, diffs or files.
 *
 * @example
 * slack('ops').url(secret('SLACK_OPS_WEBHOOK_URL'))
 * // rendered for display: "url": "<secret:SLACK_OPS_WEBHOOK_URL>"
 *
 * @throws {TypeError} when `env` is not a valid environment variable name.
 */
export function secret(env: string): SecretRef {
  if (typeof env !== 'string' || !ENV_NAME.test(env)) {
    throw new TypeError(`secret(${JSON.stringify(env)}): not an environment variable name (letters, digits and _, not starting with a digit)`);
  }
  return Object.freeze({ [SECRET_BRAND]: true as const, env });
}

/** True for a {@link SecretRef} (works across copies of the library). */
export function isSecret(value: unknown): value is SecretRef {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[SECRET_BRAND] === true;
}

/** How a secret appears wherever it must not be resolved: `<secret:ENV_NAME>`. */
export function redactedSecret(ref: SecretRef): string {
  return `<secret:${ref.env}>`;
}

/** A secret that is needed but whose environment variable is unset or empty. */
export class MissingSecretError extends Error {
  constructor(readonly missing: readonly { readonly env: string; readonly where: string }[]) {
    super(
      `${missing.length} secret${missing.length === 1 ? '' : 's'} not set in the environment:\n` +
        missing.map((m) => `  ${m.where}: environment variable ${m.env} is not set`).join('\n'),
    );
    this.name = 'MissingSecretError';
  }
}
