import { createTwoFilesPatch } from 'diff';
import { parse as parseYaml } from 'yaml';
import { redactAlertmanagerConfig } from './alertmanager-redact.js';
import { canonicalJson } from '../sync/normalize.js';
import { toYaml } from '../render/to-yaml.js';
import { redactSecrets } from '../util/redact.js';
import type { ResolvedAlerting } from './alerting-config.js';
import type { ContactPoint } from './contact-point.js';
import { renderAlertmanagerConfig } from './render-alertmanager.js';
import { isSecret, type SecretRef } from './secret.js';
import { GraftsError } from '../errors/grafts-error.js';

/** Where a Mimir/Cortex Alertmanager configuration API is, and how to authenticate. */
export interface MimirAlertmanagerOptions {
  /** Base URL, e.g. `https://mimir.example.com` (the API is `<url>/api/v1/alerts`). */
  readonly url: string;
  /** Sent as `X-Scope-OrgID`. */
  readonly tenant?: string;
  /** Basic auth (Grafana Cloud: the instance id and an access policy token). */
  readonly user?: string;
  readonly password?: string;
  /** The environment secrets are read from. @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** What applying would change: nothing, or the whole configuration (it is one resource). */
export interface MimirAlertmanagerPlan {
  readonly action: 'create' | 'update' | 'unchanged';
  /** Unified diff of the configuration with every secret redacted; empty when unchanged. */
  readonly diff: string;
  /** The body to POST (holds secret values: never print it). @internal */
  readonly body: string;
  /** The secret values in `body`, redacted from any error. @internal */
  readonly secretValues: readonly string[];
}

/** The Mimir API answered with an error (secrets are redacted from the message). */
export class MimirAlertmanagerError extends GraftsError {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Every `secret(...)` the contact points use, in order (a variable used twice is listed twice). */
export function secretRefsOf(contactPoints: readonly ContactPoint[]): SecretRef[] {
  const found: SecretRef[] = [];
  const walk = (value: unknown) => {
    if (isSecret(value)) found.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(walk);
  };
  for (const c of contactPoints) for (const i of c.integrations) walk(i.options);
  return found;
}

/** A configuration as shown: secret values replaced by `<secret:ENV>` or `<secret>`. */
function shown(config: unknown, secrets: readonly SecretRef[], env: Readonly<Record<string, string | undefined>>): string {
  const known = secrets.flatMap((ref) => (env[ref.env] ? [{ env: ref.env, value: env[ref.env] as string }] : []));
  return toYaml(redactAlertmanagerConfig(config, known));
}

/**
 * Compares the desired configuration (secrets read from the environment) with the one the API
 * holds (`actual`: the YAML body of `GET /api/v1/alerts`, undefined when none). Pure. Equal
 * when the parsed configurations and template files are equal, key order aside.
 *
 * @example
 * planMimirAlertmanager(resolved, undefined, process.env).action // → 'create'
 *
 * @throws {MissingSecretError} a secret's environment variable is unset.
 */
export function planMimirAlertmanager(
  desired: ResolvedAlerting,
  actual: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): MimirAlertmanagerPlan {
  const config = renderAlertmanagerConfig(desired, { secrets: { kind: 'env', env }, templates: 'inline' });
  const templateFiles = Object.fromEntries(desired.templates.map((t) => [`${t.name}.tmpl`, t.template]));
  const body = toYaml({ template_files: templateFiles, alertmanager_config: toYaml(config) });
  const secrets = secretRefsOf(desired.contactPoints);
  const secretValues = secrets.map((r) => env[r.env]).filter((v): v is string => typeof v === 'string');
  const desiredShown = shown({ template_files: templateFiles, alertmanager_config: config }, secrets, env);
  if (actual === undefined) {
    return { action: 'create', diff: createTwoFilesPatch('/dev/null', 'desired/alertmanager.yaml', '', desiredShown), body, secretValues };
  }
  const parsed = (parseYaml(actual) ?? {}) as { alertmanager_config?: string; template_files?: Record<string, string> };
  const actualConfig = parseYaml(parsed.alertmanager_config ?? '') ?? {};
  const actualTemplates = parsed.template_files ?? {};
  if (canonicalJson(actualConfig) === canonicalJson(config) && canonicalJson(actualTemplates) === canonicalJson(templateFiles)) {
    return { action: 'unchanged', diff: '', body, secretValues };
  }
  const actualShown = shown({ template_files: actualTemplates, alertmanager_config: actualConfig }, secrets, env);
  return {
    action: 'update',
    diff: createTwoFilesPatch('remote/alertmanager.yaml', 'desired/alertmanager.yaml', actualShown, desiredShown),
    body,
    secretValues,
  };
}

/**
 * A Mimir/Cortex Alertmanager configuration target: reads the tenant's configuration, plans,
 * and applies only when something changed (a no-op apply sends no write).
 *
 * @example
 * const target = new MimirAlertmanagerTarget({ url: process.env.MIMIR_ADDRESS!, tenant: 'team-a' });
 * const plan = await target.plan(resolved);
 * console.log(plan.diff);   // secrets shown as <secret:ENV>
 * await target.apply(plan); // POST /api/v1/alerts, unless unchanged
 */
export class MimirAlertmanagerTarget {
  constructor(private readonly options: MimirAlertmanagerOptions) {}

  private get env(): Readonly<Record<string, string | undefined>> {
    return this.options.env ?? process.env;
  }

  private headers(): Record<string, string> {
    const headers: Record<string, string> = {};
    if (this.options.tenant) headers['X-Scope-OrgID'] = this.options.tenant;
    if (this.options.user !== undefined)
      headers['Authorization'] = `Basic ${Buffer.from(`${this.options.user}:${this.options.password ?? ''}`).toString('base64')}`;
    return headers;
  }

  private endpoint(): string {
    return `${this.options.url.replace(/\/+$/, '')}/api/v1/alerts`;
  }

  private fail(what: string, status: number | undefined, text: string, extra: readonly string[] = []): never {
    const secrets = [this.options.password, ...extra];
    throw new MimirAlertmanagerError(redactSecrets(`${what}: ${status !== undefined ? `HTTP ${status}: ` : ''}${text.trim()}`, secrets), status);
  }

  /** The YAML the API holds, or undefined when the tenant has no configuration. */
  async read(): Promise<string | undefined> {
    let res: Response;
    try {
      res = await fetch(this.endpoint(), { headers: this.headers() });
    } catch (error) {
      return this.fail('could not read the Alertmanager configuration', undefined, (error as Error).message);
    }
    const text = await res.text();
    if (res.status === 404) return undefined;
    if (!res.ok) this.fail('could not read the Alertmanager configuration', res.status, text);
    return text;
  }

  /** {@link planMimirAlertmanager} against what the API holds now. */
  async plan(desired: ResolvedAlerting): Promise<MimirAlertmanagerPlan> {
    return planMimirAlertmanager(desired, await this.read(), this.env);
  }

  /** POSTs the plan's configuration unless it is unchanged; returns the number of writes (0 or 1). */
  async apply(plan: MimirAlertmanagerPlan): Promise<number> {
    if (plan.action === 'unchanged') return 0;
    let res: Response;
    try {
      res = await fetch(this.endpoint(), { method: 'POST', headers: { ...this.headers(), 'Content-Type': 'application/yaml' }, body: plan.body });
    } catch (error) {
      return this.fail('could not write the Alertmanager configuration', undefined, (error as Error).message);
    }
    const text = await res.text();
    if (!res.ok) this.fail('the Alertmanager configuration was refused', res.status, text, plan.secretValues);
    return 1;
  }
}
