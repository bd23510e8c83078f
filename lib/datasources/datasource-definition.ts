import type { DataSourceRef } from '../generated/index.js';
import { isSecret, redactedSecret, type SecretRef } from '../alerting/secret.js';
import type { JsonObject } from '../model/deep-merge.js';
import type { DatasourceLike } from '../model/datasource.js';

const DEFINITION_BRAND: unique symbol = Symbol.for('grafts.datasource-definition');
const UID = /^[a-zA-Z0-9_-]{1,40}$/;

/**
 * Settings every data source has. Secrets are {@link secret} references to environment
 * variables: they are read only when a data source is sent to Grafana, and shown as
 * `<secret:NAME>` (or `${NAME}` in provisioning files, which Grafana expands) everywhere else.
 *
 * @example
 * { uid: 'prom', name: 'Prometheus', url: 'http://prometheus:9090', basicAuth: { user: 'grafana', password: secret('PROM_PASSWORD') } }
 */
export interface DatasourceCommonOptions {
  /** The data source's uid (1–40 letters, digits, `-`, `_`): what dashboards and other data sources refer to. */
  readonly uid: string;
  /** The data source's name, unique in the organization. */
  readonly name: string;
  /** The URL Grafana's server reaches the back end at. */
  readonly url?: string;
  /** `proxy` (default: Grafana's server sends the queries) or `direct` (the browser does). */
  readonly access?: 'proxy' | 'direct';
  /** The organization's default data source. */
  readonly isDefault?: boolean;
  /** Basic auth towards the back end; the password from the environment. */
  readonly basicAuth?: { readonly user: string; readonly password: SecretRef };
  /** Sends cookies and credentials with cross-site requests (`direct` access). */
  readonly withCredentials?: boolean;
  /** HTTP headers sent to the back end, e.g. `X-Scope-OrgID`; values from the environment (Grafana keeps them secret). */
  readonly httpHeaders?: Readonly<Record<string, SecretRef>>;
  /** Further `jsonData` settings of the plugin not typed here, merged over the typed ones. */
  readonly jsonData?: JsonObject;
  /** Further secret settings of the plugin (`secureJsonData`), each from the environment. */
  readonly secureJsonData?: Readonly<Record<string, SecretRef>>;
}

/** A data source as Grafana's API takes it, without secrets (see {@link DatasourceDefinition.spec}). */
export interface DatasourceSpec {
  readonly uid: string;
  readonly name: string;
  readonly type: string;
  readonly access: 'proxy' | 'direct';
  readonly url?: string;
  readonly isDefault?: boolean;
  readonly basicAuth?: boolean;
  readonly basicAuthUser?: string;
  readonly withCredentials?: boolean;
  readonly jsonData: JsonObject;
}

/**
 * A data source defined as code: what Grafana should have (sent by `applyDatasources`, or
 * written as provisioning YAML), and at the same time a data source panels, queries, links and
 * other data sources refer to by value.
 *
 * @example
 * const tempo = tempoDatasource({ uid: 'tempo', name: 'Tempo', url: 'http://tempo:3200' });
 * traces('Trace').datasource(tempo)  // → "datasource": { "type": "tempo", "uid": "tempo" }
 */
export class DatasourceDefinition<K extends string = string> implements DatasourceLike<K> {
  /** @internal */
  readonly [DEFINITION_BRAND] = true;
  readonly #spec: DatasourceSpec;
  readonly #secrets: Readonly<Record<string, SecretRef>>;

  /** @internal */
  constructor(
    readonly kind: K,
    spec: DatasourceSpec,
    secrets: Readonly<Record<string, SecretRef>>,
  ) {
    this.#spec = structuredClone(spec);
    this.#secrets = Object.freeze({ ...secrets });
  }

  /** The uid. */
  get uid(): string {
    return this.#spec.uid;
  }

  /** The name (shown by internal links). */
  get displayName(): string {
    return this.#spec.name;
  }

  /** @inheritdoc */
  toRef(): DataSourceRef {
    return { type: this.kind, uid: this.#spec.uid };
  }

  /**
   * The data source as Grafana's API takes it, without any secret. A fresh object every call.
   *
   * @example
   * prometheusDatasource({ uid: 'prom', name: 'Prometheus', url: 'http://p:9090' }).spec()
   * // → { "uid": "prom", "name": "Prometheus", "type": "prometheus", "access": "proxy", "url": "http://p:9090", "jsonData": {} }
   */
  spec(): DatasourceSpec {
    return structuredClone(this.#spec);
  }

  /** The secret settings (`secureJsonData` keys) and the environment variables they come from. */
  secrets(): Readonly<Record<string, SecretRef>> {
    return this.#secrets;
  }

  /**
   * The data source for people: its spec with `secureJsonData` shown as `<secret:NAME>`.
   *
   * @example
   * lokiDatasource({ uid: 'l', name: 'Loki', url: 'http://l', basicAuth: { user: 'u', password: secret('LOKI_PW') } }).toDisplay().secureJsonData
   * // → { "basicAuthPassword": "<secret:LOKI_PW>" }
   */
  toDisplay(): Record<string, unknown> {
    const out: Record<string, unknown> = this.spec() as unknown as Record<string, unknown>;
    const names = Object.keys(this.#secrets);
    if (names.length > 0) out.secureJsonData = Object.fromEntries(names.map((k) => [k, redactedSecret(this.#secrets[k]!)]));
    return out;
  }
}

/** True for a {@link DatasourceDefinition} (works across copies of the library). */
export function isDatasourceDefinition(value: unknown): value is DatasourceDefinition {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[DEFINITION_BRAND] === true;
}

/**
 * Builds a definition from the common options and the plugin's typed `jsonData`.
 * @internal
 */
export function defineDatasource<K extends string>(kind: K, options: DatasourceCommonOptions, typedJsonData: JsonObject): DatasourceDefinition<K> {
  const where = `${kind}Datasource(${JSON.stringify(options?.uid)})`;
  if (typeof options !== 'object' || options === null) throw new TypeError(`${kind}Datasource(): expected options with uid and name`);
  if (typeof options.uid !== 'string' || !UID.test(options.uid)) throw new TypeError(`${where}: uid must be 1–40 letters, digits, "-" or "_"`);
  if (typeof options.name !== 'string' || options.name.trim() === '') throw new TypeError(`${where}: name must be a non-empty string`);
  const jsonData: Record<string, unknown> = { ...typedJsonData };
  const secrets: Record<string, SecretRef> = {};
  const headers = Object.entries(options.httpHeaders ?? {});
  headers.forEach(([header, value], i) => {
    if (!isSecret(value)) throw new TypeError(`${where}: httpHeaders.${header} must be secret('ENV_NAME') (Grafana stores header values as secrets)`);
    jsonData[`httpHeaderName${i + 1}`] = header;
    secrets[`httpHeaderValue${i + 1}`] = value;
  });
  Object.assign(jsonData, structuredClone(options.jsonData ?? {}));
  if (options.basicAuth) {
    if (!isSecret(options.basicAuth.password)) throw new TypeError(`${where}: basicAuth.password must be secret('ENV_NAME'), never a literal`);
    secrets.basicAuthPassword = options.basicAuth.password;
  }
  for (const [key, value] of Object.entries(options.secureJsonData ?? {})) {
    if (!isSecret(value)) throw new TypeError(`${where}: secureJsonData.${key} must be secret('ENV_NAME'), never a literal`);
    secrets[key] = value;
  }
  const spec: DatasourceSpec = {
    uid: options.uid,
    name: options.name,
    type: kind,
    access: options.access ?? 'proxy',
    ...(options.url !== undefined ? { url: options.url } : {}),
    ...(options.isDefault !== undefined ? { isDefault: options.isDefault } : {}),
    ...(options.basicAuth ? { basicAuth: true, basicAuthUser: options.basicAuth.user } : {}),
    ...(options.withCredentials !== undefined ? { withCredentials: options.withCredentials } : {}),
    jsonData: jsonData as JsonObject,
  };
  return new DatasourceDefinition(kind, spec, secrets);
}

/**
 * A data source of any plugin: the common settings plus its `jsonData` and secrets as given.
 *
 * @example
 * genericDatasource('elasticsearch', { uid: 'es', name: 'Logs (ES)', url: 'http://es:9200', jsonData: { index: 'logs-*', timeField: '@timestamp' } })
 */
export function genericDatasource<K extends string>(pluginId: K, options: DatasourceCommonOptions): DatasourceDefinition<K> {
  if (typeof pluginId !== 'string' || pluginId.trim() === '') throw new TypeError(`genericDatasource(): expected a plugin id, got ${JSON.stringify(pluginId)}`);
  return defineDatasource(pluginId, options, {});
}
