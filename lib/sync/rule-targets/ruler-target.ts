import { parse } from 'yaml';
import { GrafanaClient, type QueryParams, type RetryOptions } from '../../grafana/grafana-client.js';
import { GrafanaApiError, GrafanaError } from '../../grafana/grafana-error.js';
import { HttpError, type HttpErrorInit } from '../../errors/http-error.js';
import { toYaml } from '../../render/to-yaml.js';
import { redactSecrets } from '../../util/redact.js';
import type { RuleGroupJson } from '../../mixin/rule-group.js';
import type { RemoteRuleGroup, RuleGroupResource, RuleSyncTarget } from '../rule-resources.js';
import { describeFilter, namespaceMatcher, type NamespaceFilter } from './namespace-filter.js';

/** Mimir/Cortex's Alertmanager configuration API, on the server root. */
export const ALERTMANAGER_CONFIG_API = '/api/v1/alerts';

/** Which ruler API a {@link RulerTarget} speaks. */
export type RulerFlavor = 'mimir' | 'cortex' | 'loki';

/** @deprecated spelled {@link RulerFlavor}, as everywhere else in the API. */
export type RulerFlavour = RulerFlavor;

/** The rules config API path of each flavor (grafana-api.md §9). */
export const RULER_API_PATHS: Readonly<Record<RulerFlavor, string>> = Object.freeze({
  mimir: '/prometheus/config/v1/rules',
  cortex: '/api/v1/rules',
  loki: '/loki/api/v1/rules',
});

/** Options of {@link RulerTarget}. */
export interface RulerTargetOptions {
  /** Target name, for messages. @default the flavor */
  name?: string;
  /**
   * The ruler's base URL without the API path: `http://mimir:8080`, a Grafana Cloud Metrics
   * endpoint `https://prometheus-prod-13-prod-us-east-0.grafana.net`, a Grafana Cloud Logs
   * endpoint `https://logs-prod-006.grafana.net`.
   */
  url: string;
  /** @default 'mimir' */
  flavor?: RulerFlavor;
  /** @deprecated use {@link flavor}. */
  flavour?: RulerFlavor;
  /** Overrides the flavor's API path (e.g. a custom `-http.prometheus-http-prefix`). */
  apiPath?: string;
  /** Query parameters sent with every rules request (Grafana's ruler proxy wants `subtype=mimir`). */
  query?: QueryParams;
  /** How a group is sent: YAML (the ruler contract) or JSON (Grafana's ruler proxy refuses YAML). @default 'yaml' */
  bodyFormat?: 'yaml' | 'json';
  /**
   * An existing client to talk through instead of one built from `url` and the credentials (the
   * Grafana ruler proxy reuses the Grafana target's client and token).
   */
  client?: GrafanaClient;
  /** Tenant, sent as `X-Scope-OrgID` (self-hosted multi-tenant Mimir/Loki/Cortex). */
  tenant?: string;
  /** Basic auth user: the Grafana Cloud instance id. @default `tenant` when `key` is set */
  user?: string;
  /** Basic auth password: a Grafana Cloud access policy token (`glc_…`) with `rules:read`/`rules:write`. */
  key?: string;
  /** Bearer token (instead of basic auth). */
  token?: string;
  /** Namespaces this target sees and touches; every other one is invisible and refused. */
  namespaces?: NamespaceFilter;
  /** Where the credentials came from, named in suggestions. @default 'MIMIR_API_KEY' */
  credentialSource?: string;
  timeoutMs?: number;
  retry?: RetryOptions;
  caFile?: string;
  insecureSkipVerify?: boolean;
  /** Waits between retries (tests replace it). */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** How a ruler request failed. */
export type RulerErrorKind = 'http' | 'network' | 'timeout' | 'tls' | 'config' | 'protocol' | 'filtered';

/**
 * A failed ruler request or an unusable configuration. Built from safe fields only: it never
 * contains the key, the token or the basic auth header. `message` reads
 * `ruler <url> <METHOD> <path>: <detail> (<suggestion>)`.
 */
export class RulerError extends HttpError<RulerErrorKind> {
  constructor(init: HttpErrorInit<RulerErrorKind>) {
    super('ruler', init);
  }
}

/**
 * Rule groups in a Prometheus-compatible ruler: Grafana Mimir (and Grafana Cloud Metrics),
 * Cortex, Loki (and Grafana Cloud Logs). One `GET` lists every namespace; a group is written by
 * one `POST` of its YAML (create or replace) and removed by one `DELETE`. Requests are retried on
 * 429/502/503/504 and connection resets, honouring `Retry-After` (the Grafana client's policy;
 * the `POST` is an upsert, so it is retried too). Namespaces outside `namespaces` are never
 * listed, written or deleted.
 *
 * @example
 * new RulerTarget({ url: 'https://prometheus-prod-13-prod-us-east-0.grafana.net', user: '123456', key: process.env.MIMIR_API_KEY })
 */
export class RulerTarget implements RuleSyncTarget {
  readonly name: string;
  readonly kind = 'ruler' as const;
  readonly flavor: RulerFlavor;
  readonly apiPath: string;
  readonly tenant: string | undefined;
  readonly #client: GrafanaClient;
  readonly #accepts: (namespace: string) => boolean;
  readonly #filter: NamespaceFilter | undefined;
  readonly #credentialSource: string;
  readonly #auth: 'basic' | 'token' | 'none';
  readonly #query: QueryParams | undefined;
  readonly #bodyFormat: 'yaml' | 'json';

  constructor(options: RulerTargetOptions) {
    this.flavor = options.flavor ?? options.flavour ?? 'mimir';
    if (!(this.flavor in RULER_API_PATHS)) {
      throw new RulerError({
        kind: 'config',
        url: '<ruler>',
        detail: `unknown ruler flavor ${JSON.stringify(this.flavor)}`,
        suggestion: 'use mimir, cortex or loki',
      });
    }
    this.name = options.name ?? this.flavor;
    this.apiPath = (options.apiPath ?? RULER_API_PATHS[this.flavor]).replace(/\/+$/, '');
    this.tenant = options.tenant || undefined;
    this.#filter = options.namespaces;
    this.#accepts = namespaceMatcher(options.namespaces);
    this.#credentialSource = options.credentialSource ?? 'MIMIR_API_KEY';
    const user = options.user || (options.key ? this.tenant : undefined);
    this.#auth = options.token || options.client ? 'token' : options.key || user ? 'basic' : 'none';
    this.#query = options.query;
    this.#bodyFormat = options.bodyFormat ?? 'yaml';
    if (options.client) {
      this.#client = options.client;
      return;
    }
    try {
      this.#client = new GrafanaClient({
        url: options.url,
        ...(options.token ? { token: options.token } : {}),
        ...(!options.token && (options.key || user) ? { user: user ?? '', password: options.key ?? '' } : {}),
        ...(this.tenant ? { headers: { 'X-Scope-OrgID': this.tenant } } : {}),
        credentialSource: this.#credentialSource,
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
        ...(options.retry ? { retry: options.retry } : {}),
        ...(options.caFile ? { caFile: options.caFile } : {}),
        ...(options.insecureSkipVerify ? { insecureSkipVerify: true } : {}),
        ...(options.sleep ? { sleep: options.sleep } : {}),
        ...(options.random ? { random: options.random } : {}),
      });
    } catch (error) {
      throw this.#translate(error, undefined, undefined);
    }
  }

  /** @deprecated read {@link flavor}. */
  get flavour(): RulerFlavor {
    return this.flavor;
  }

  /** The base URL, safe to print. */
  get url(): string {
    return this.#client.url;
  }

  describe(): string {
    const filter = describeFilter(this.#filter);
    return `${this.flavor} ruler ${this.#client.url}${this.apiPath}${this.tenant ? ` (tenant ${this.tenant})` : ''}${filter ? ` [${filter}]` : ''}`;
  }

  /**
   * Leaves out the groups of namespaces outside this target's `namespaces` filter, with a note:
   * they could be neither compared nor written.
   */
  adapt(groups: readonly RuleGroupResource[]): { groups: RuleGroupResource[]; notes: string[] } {
    const kept = groups.filter((g) => this.#accepts(g.namespace));
    const left = [...new Set(groups.filter((g) => !this.#accepts(g.namespace)).map((g) => g.namespace))];
    const notes =
      left.length === 0
        ? []
        : [
            `rule groups in namespace${left.length === 1 ? '' : 's'} ${left.map((n) => JSON.stringify(n)).join(', ')} are not applied: outside this ruler's namespaces (${describeFilter(this.#filter)})`,
          ];
    return { groups: kept, notes };
  }

  async listGroups(): Promise<RemoteRuleGroup[]> {
    const path = this.apiPath;
    let response: { status: number; data: unknown };
    try {
      response = await this.#client.request({ method: 'GET', path, ...this.#queryPart(), accept: [404] });
    } catch (error) {
      throw this.#translate(error, 'GET', path);
    }
    const text = typeof response.data === 'string' ? response.data : response.data === undefined ? '' : JSON.stringify(response.data);
    if (response.status === 404) {
      // Loki (and older Cortex) answer 404 "no rule groups found" for a tenant without rules.
      if (/no rule groups found/i.test(text)) return [];
      throw new RulerError({
        kind: 'http',
        status: 404,
        url: this.url,
        method: 'GET',
        path,
        detail: '404 Not Found',
        suggestion: this.#suggest(404, 'GET', path, text),
      });
    }
    let parsed: unknown;
    try {
      parsed = text.trim() === '' ? {} : parse(text);
    } catch {
      throw new RulerError({
        kind: 'protocol',
        url: this.url,
        method: 'GET',
        path,
        detail: 'the answer is not YAML',
        suggestion: `check the URL and flavor: ${this.flavor} rules live under ${this.apiPath}`,
      });
    }
    if (parsed === null || parsed === undefined) return [];
    if (typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new RulerError({
        kind: 'protocol',
        url: this.url,
        method: 'GET',
        path,
        detail: 'the answer is not a map of namespace to rule groups',
        suggestion: `check the URL and flavor: ${this.flavor} rules live under ${this.apiPath}`,
      });
    }
    const out: RemoteRuleGroup[] = [];
    for (const [namespace, groups] of Object.entries(parsed as Record<string, unknown>)) {
      if (!this.#accepts(namespace) || !Array.isArray(groups)) continue;
      for (const group of groups as RuleGroupJson[]) {
        if (group && typeof group === 'object' && typeof group.name === 'string') {
          out.push({ namespace, group: { ...group, rules: Array.isArray(group.rules) ? group.rules : [] } });
        }
      }
    }
    return out;
  }

  async saveGroup(namespace: string, group: RuleGroupJson): Promise<void> {
    const path = `${this.apiPath}/${encodeURIComponent(namespace)}`;
    this.#guard(namespace, 'POST', path);
    try {
      await this.#client.request({
        method: 'POST',
        path,
        ...this.#queryPart(),
        ...(this.#bodyFormat === 'json' ? { body: group } : { rawBody: { text: toYaml(group), contentType: 'application/yaml' } }),
        // Create or replace by name: sending it twice is sending it once.
        retrySafe: true,
      });
    } catch (error) {
      throw this.#translate(error, 'POST', path, group.name);
    }
  }

  async deleteGroup(namespace: string, name: string): Promise<void> {
    const path = `${this.apiPath}/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
    this.#guard(namespace, 'DELETE', path);
    try {
      // 404: already gone (e.g. a retried delete whose first attempt landed).
      await this.#client.request({ method: 'DELETE', path, ...this.#queryPart(), accept: [404] });
    } catch (error) {
      throw this.#translate(error, 'DELETE', path, name);
    }
  }

  /**
   * Whether this ruler's server has Mimir/Cortex's Alertmanager configuration API
   * (`/api/v1/alerts`, same URL, tenant and credentials, as mimirtool uses them): Mimir and
   * Cortex, not Loki.
   */
  get servesAlertmanagerConfig(): boolean {
    return this.flavor !== 'loki';
  }

  /** `<flavor> alertmanager <url>/api/v1/alerts (tenant …)`, safe to print. */
  describeAlertmanager(): string {
    return `${this.flavor} alertmanager ${this.#client.url}${ALERTMANAGER_CONFIG_API}${this.tenant ? ` (tenant ${this.tenant})` : ''}`;
  }

  /** The tenant's Alertmanager configuration as the API returns it (YAML), or undefined when it has none (404). */
  async readAlertmanagerConfig(): Promise<string | undefined> {
    let response: { status: number; data: unknown };
    try {
      response = await this.#client.request({ method: 'GET', path: ALERTMANAGER_CONFIG_API, accept: [404] });
    } catch (error) {
      throw this.#translate(error, 'GET', ALERTMANAGER_CONFIG_API);
    }
    if (response.status === 404) return undefined;
    return typeof response.data === 'string' ? response.data : JSON.stringify(response.data ?? '');
  }

  /**
   * Replaces the tenant's Alertmanager configuration with `body` (`{ template_files,
   * alertmanager_config }` as YAML). `secrets` are redacted from any error.
   */
  async saveAlertmanagerConfig(body: string, secrets: readonly string[]): Promise<void> {
    try {
      // A replace: sending it twice is sending it once.
      await this.#client.request({ method: 'POST', path: ALERTMANAGER_CONFIG_API, rawBody: { text: body, contentType: 'application/yaml' }, retrySafe: true });
    } catch (error) {
      const translated = this.#translate(error, 'POST', ALERTMANAGER_CONFIG_API);
      throw new RulerError({
        kind: translated.kind,
        url: translated.url,
        method: 'POST',
        path: ALERTMANAGER_CONFIG_API,
        detail: redactSecrets(translated.detail, secrets),
        ...(translated.status !== undefined && { status: translated.status }),
        ...(translated.status === 400
          ? { suggestion: 'the Alertmanager rejected the configuration (see its message)' }
          : translated.suggestion !== undefined && { suggestion: translated.suggestion }),
        ...(translated.attempts !== undefined && { attempts: translated.attempts }),
      });
    }
  }

  /** Deletes the tenant's Alertmanager configuration. */
  async deleteAlertmanagerConfig(): Promise<void> {
    try {
      await this.#client.request({ method: 'DELETE', path: ALERTMANAGER_CONFIG_API, accept: [404] });
    } catch (error) {
      throw this.#translate(error, 'DELETE', ALERTMANAGER_CONFIG_API);
    }
  }

  #queryPart(): { query?: QueryParams } {
    return this.#query ? { query: this.#query } : {};
  }

  #guard(namespace: string, method: string, path: string): void {
    if (!this.#accepts(namespace)) {
      throw new RulerError({
        kind: 'filtered',
        url: this.url,
        method,
        path,
        detail: `namespace ${JSON.stringify(namespace)} is outside this target's namespaces (${describeFilter(this.#filter)})`,
        suggestion: 'add it to namespaces.include (or remove it from namespaces.exclude), or declare the rules in another namespace',
      });
    }
  }

  #translate(error: unknown, method: string | undefined, path: string | undefined, group?: string): RulerError {
    if (error instanceof RulerError) return error;
    if (error instanceof GrafanaApiError) {
      const detail = group ? `${error.detail} (group ${JSON.stringify(group)})` : error.detail;
      return new RulerError({
        kind: 'http',
        status: error.status,
        url: error.url,
        method: error.method ?? method ?? '',
        path: error.path ?? path ?? '',
        detail,
        suggestion: this.#suggest(error.status, method ?? '', path ?? '', error.detail),
        attempts: error.attempts,
      });
    }
    if (error instanceof GrafanaError) {
      const suggestion =
        error.kind === 'config'
          ? "use the ruler's base URL, e.g. http://mimir:8080 or https://prometheus-prod-<nn>-prod-<region>.grafana.net (MIMIR_ADDRESS)"
          : error.kind === 'tls'
            ? error.suggestion
            : error.kind === 'timeout'
              ? 'the ruler did not answer in time: check MIMIR_ADDRESS and the network, or raise timeoutMs'
              : 'check MIMIR_ADDRESS (host and port) and that the ruler is running';
      return new RulerError({
        kind: error.kind,
        url: error.url,
        ...(error.method ? { method: error.method } : {}),
        ...(error.path ? { path: error.path } : {}),
        detail: error.detail,
        ...(suggestion ? { suggestion } : {}),
        attempts: error.attempts,
      });
    }
    return new RulerError({ kind: 'protocol', url: this.url, ...(method ? { method } : {}), ...(path ? { path } : {}), detail: 'unexpected failure' });
  }

  #suggest(status: number, method: string, path: string, detail: string): string | undefined {
    const text = detail.toLowerCase();
    switch (status) {
      case 400:
        if (text.includes('org id') || text.includes('orgid')) return 'the ruler needs a tenant: set MIMIR_TENANT_ID (sent as X-Scope-OrgID)';
        return 'the ruler rejected the rule group (see its message: PromQL/LogQL errors, interval or limits)';
      case 401:
        if (this.#auth === 'none')
          return 'no credentials were sent: set MIMIR_API_USER (the Grafana Cloud instance id) and MIMIR_API_KEY (an access policy token with rules:read/rules:write)';
        return `check ${this.#credentialSource}: the key was refused (Grafana Cloud wants the Metrics/Logs instance id as user and a glc_ access policy token; a Grafana service account token does not work here)`;
      case 403:
        if (text.includes('protected')) return 'this namespace is protected by the ruler: exclude it with namespaces.exclude';
        return `the credentials lack permission for ${method} ${path}: the access policy needs rules:read and rules:write`;
      case 404:
        return `check the URL and flavor: ${this.flavor} rules live under ${this.apiPath} (MIMIR_ADDRESS is the server root, without /prometheus or /api/prom)`;
      case 409:
        return 'the ruler reported a conflict: run the apply again';
      case 413:
        return 'the rule group is larger than the ruler accepts: split it';
      case 429:
        return 'the ruler is rate limiting (or a per-tenant rules limit was reached): try again later';
      case 500:
        return 'the ruler failed on its side: check its log';
      case 502:
      case 503:
      case 504:
        return 'the ruler or a proxy in front of it is unavailable: try again in a minute';
      default:
        return undefined;
    }
  }
}

/** Options of {@link rulerTargetFromEnv}. */
export interface RulerEnvOptions {
  /** Variable prefix: `MIMIR` (mimirtool), `CORTEX` (cortextool), `LOKI`. @default 'MIMIR' */
  prefix?: 'MIMIR' | 'CORTEX' | 'LOKI';
  /** @default 'loki' for the LOKI prefix, 'cortex' for CORTEX, else 'mimir' */
  flavor?: RulerFlavor;
  /** @deprecated use {@link flavor}. */
  flavour?: RulerFlavor;
  namespaces?: NamespaceFilter;
  name?: string;
}

/**
 * A {@link RulerTarget} from mimirtool's environment variables: `<P>_ADDRESS` (required),
 * `<P>_TENANT_ID` (`X-Scope-OrgID`), `<P>_API_USER` and `<P>_API_KEY` (basic auth; the user
 * defaults to the tenant id, as in mimirtool), `<P>_AUTH_TOKEN` (bearer), where `<P>` is `MIMIR`
 * unless `prefix` says otherwise.
 *
 * @example
 * rulerTargetFromEnv({ MIMIR_ADDRESS: 'https://prometheus-prod-13-prod-us-east-0.grafana.net', MIMIR_API_USER: '123456', MIMIR_API_KEY: 'glc_…' })
 */
export function rulerTargetFromEnv(env: Readonly<Record<string, string | undefined>> = process.env, options: RulerEnvOptions = {}): RulerTarget {
  const p = options.prefix ?? 'MIMIR';
  const url = env[`${p}_ADDRESS`];
  if (!url) {
    throw new RulerError({
      kind: 'config',
      url: '<unset>',
      detail: `${p}_ADDRESS is not set`,
      suggestion: `set ${p}_ADDRESS to the ruler's base URL (e.g. http://mimir:8080)`,
    });
  }
  const flavor = options.flavor ?? options.flavour ?? (p === 'LOKI' ? 'loki' : p === 'CORTEX' ? 'cortex' : 'mimir');
  const tenant = env[`${p}_TENANT_ID`];
  const user = env[`${p}_API_USER`];
  const key = env[`${p}_API_KEY`];
  const token = env[`${p}_AUTH_TOKEN`];
  return new RulerTarget({
    url,
    flavor,
    ...(options.name ? { name: options.name } : {}),
    ...(tenant ? { tenant } : {}),
    ...(user ? { user } : {}),
    ...(key ? { key } : {}),
    ...(token ? { token } : {}),
    ...(options.namespaces ? { namespaces: options.namespaces } : {}),
    credentialSource: token ? `${p}_AUTH_TOKEN` : `${p}_API_USER/${p}_API_KEY`,
  });
}
