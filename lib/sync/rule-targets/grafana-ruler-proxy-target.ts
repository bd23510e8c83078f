import type { GrafanaClient } from '../../grafana/grafana-client.js';
import { arrayOf, objectWith, requestShaped, typedAs } from '../../grafana/expect-shape.js';
import type { RuleGroupJson } from '../../mixin/rule-group.js';
import type { RemoteRuleGroup, RuleGroupResource, RuleSyncTarget } from '../rule-resources.js';
import { TargetConfigError } from '../resolve-target.js';
import type { NamespaceFilter } from './namespace-filter.js';
import { RulerTarget } from './ruler-target.js';

/** Which data source's ruler the proxy reaches: by uid, or by its (unique) name. */
export type RulerProxyDatasource = { readonly uid: string } | { readonly name: string };

/** Options of {@link GrafanaRulerProxyTarget}. */
export interface GrafanaRulerProxyTargetOptions {
  /** Target name, for messages. */
  name: string;
  /** The Grafana target's client: its URL and token are the only credential. */
  client: GrafanaClient;
  datasource: RulerProxyDatasource;
  /** Namespaces this target sees and touches; every other one is invisible and refused. */
  namespaces?: NamespaceFilter;
  /** Where the data source was configured, named in errors (e.g. `targets.prod.rules.datasource`). */
  configPath: string;
}

interface ListedDatasource {
  uid: string;
  name: string;
  type: string;
}

const DATASOURCE = typedAs<ListedDatasource>(objectWith('a data source {uid, name, type}', { uid: 'string', name: 'string', type: 'string' }));
const DATASOURCE_LIST = arrayOf('a JSON array of data sources', DATASOURCE);

/** Data source types whose ruler Grafana proxies, and the `subtype` query it wants (grafana-api.md §9.4). */
const RULER_SUBTYPES: Readonly<Record<string, { flavor: 'mimir' | 'loki'; query?: { subtype: string } }>> = {
  prometheus: { flavor: 'mimir', query: { subtype: 'mimir' } },
  loki: { flavor: 'loki' },
};

/**
 * Data-source-managed rule groups (Mimir/Cortex or Loki) through Grafana's ruler proxy,
 * `/api/ruler/<datasource uid>/api/v1/rules`, with the Grafana token alone: the Grafana Cloud
 * setup without a separate Metrics/Logs instance id and access policy token. The data source is
 * looked up once (by uid or name) and must be of type `prometheus` or `loki`; groups are then
 * listed, written (JSON, as the proxy requires) and deleted as on a ruler.
 *
 * @example
 * new GrafanaRulerProxyTarget({ name: 'prod rules', client, datasource: { name: 'grafanacloud-prom' }, configPath: 'targets.prod.rules.datasource' })
 */
export class GrafanaRulerProxyTarget implements RuleSyncTarget {
  readonly name: string;
  readonly kind = 'ruler' as const;
  readonly #options: GrafanaRulerProxyTargetOptions;
  #ruler: Promise<RulerTarget> | undefined;

  constructor(options: GrafanaRulerProxyTargetOptions) {
    this.name = options.name;
    this.#options = options;
  }

  describe(): string {
    const ds = this.#options.datasource;
    const which = 'uid' in ds ? `uid ${JSON.stringify(ds.uid)}` : `name ${JSON.stringify(ds.name)}`;
    return `Grafana ruler proxy ${this.#options.client.url}/api/ruler/… (data source ${which})`;
  }

  adapt(groups: readonly RuleGroupResource[]): { groups: RuleGroupResource[]; notes: string[] } {
    // Namespace filtering is the same as the ruler's; it needs no request.
    return this.#offline().adapt(groups);
  }

  async listGroups(): Promise<RemoteRuleGroup[]> {
    return (await this.#resolve()).listGroups();
  }

  async saveGroup(namespace: string, group: RuleGroupJson): Promise<void> {
    return (await this.#resolve()).saveGroup(namespace, group);
  }

  async deleteGroup(namespace: string, name: string): Promise<void> {
    return (await this.#resolve()).deleteGroup(namespace, name);
  }

  #offline(): RulerTarget {
    return new RulerTarget({ name: this.name, url: this.#options.client.url, client: this.#options.client, ...this.#namespaces() });
  }

  #namespaces(): { namespaces?: NamespaceFilter } {
    return this.#options.namespaces ? { namespaces: this.#options.namespaces } : {};
  }

  #resolve(): Promise<RulerTarget> {
    this.#ruler ??= this.#lookUp();
    return this.#ruler;
  }

  async #lookUp(): Promise<RulerTarget> {
    const { client, datasource, configPath } = this.#options;
    let found: ListedDatasource;
    if ('uid' in datasource) {
      const req = { method: 'GET' as const, path: `/api/datasources/uid/${encodeURIComponent(datasource.uid)}`, accept: [404] };
      const { status, data } = await requestShaped(client, req, DATASOURCE);
      if (status === 404) throw new TargetConfigError(`${configPath}.uid: Grafana ${client.url} has no data source with uid ${JSON.stringify(datasource.uid)}`);
      found = data;
    } else {
      // Every answer goes through the shape checks: a server that is not Grafana is an error, never a guess.
      const { data } = await requestShaped(client, { method: 'GET', path: '/api/datasources' }, DATASOURCE_LIST);
      const named = data.filter((d) => d.name === datasource.name);
      if (named.length !== 1) {
        throw new TargetConfigError(
          named.length === 0
            ? `${configPath}.name: Grafana ${client.url} has no data source named ${JSON.stringify(datasource.name)}`
            : `${configPath}.name: ${named.length} data sources are named ${JSON.stringify(datasource.name)} (uids ${named.map((d) => d.uid).join(', ')}): give the uid instead`,
        );
      }
      found = named[0]!;
    }
    const kind = RULER_SUBTYPES[found.type];
    if (!kind) {
      throw new TargetConfigError(
        `${configPath}: data source ${JSON.stringify(found.name)} (uid ${found.uid}) is of type ${JSON.stringify(found.type)}, which has no ruler: pick a prometheus (Mimir/Cortex) or loki data source`,
      );
    }
    return new RulerTarget({
      name: this.name,
      url: client.url,
      client,
      flavor: kind.flavor,
      apiPath: `/api/ruler/${encodeURIComponent(found.uid)}/api/v1/rules`,
      ...(kind.query && { query: kind.query }),
      bodyFormat: 'json',
      credentialSource: 'GRAFANA_TOKEN',
      ...this.#namespaces(),
    });
  }
}
