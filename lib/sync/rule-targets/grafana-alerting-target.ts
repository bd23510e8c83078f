import type { GrafanaClient } from '../../grafana/grafana-client.js';
import type { RecordingRuleJson } from '../../mixin/recording-rule.js';
import type { RuleGroupJson } from '../../mixin/rule-group.js';
import type { RemoteRuleGroup, RuleGroupResource, RuleSyncTarget } from '../rule-resources.js';
import {
  GRAFANA_RULE_MANAGED_ANNOTATION,
  fromGrafanaRuleGroup,
  grafanaRuleEdited,
  toGrafanaRuleGroup,
  UnsupportedRuleError,
  isPrometheusMetricName,
  unsupportedInGrafana,
  type GrafanaAlertRuleGroup,
  type GrafanaRuleConversionOptions,
  type ProvisionedAlertRule,
} from './to-grafana-rule.js';

/** Options of {@link GrafanaAlertingTarget}. */
export interface GrafanaAlertingTargetOptions extends GrafanaRuleConversionOptions {
  /** The target's name (from config). */
  name: string;
  client: GrafanaClient;
  /**
   * Provenance of the rules written.
   * - `'api'` (default): Grafana marks the rules "Provisioned" and blocks edits in its UI; only
   *   the API (grafts) changes them.
   * - `'none'`: every write sends `X-Disable-Provenance: true`; rules stay editable in the UI
   *   (an edit there is then replaced by the next apply).
   * Switching: Grafana lets a group go from `api` to none and from none to `api`; rules
   * provisioned from files (`file`) cannot be changed through the API (409). Pick one mode per
   * Grafana and keep it.
   */
  provenance?: 'api' | 'none';
  /** Requests in flight at once when reading group intervals. @default 8 */
  listConcurrency?: number;
}

const BASE = '/api/v1/provisioning';

/**
 * Grafana-managed alerting as a rule target, through the alerting provisioning API. A namespace
 * is a Grafana **folder uid** (the folder must exist); a group is a Grafana rule group in it.
 *
 * Requests: `listGroups` is `GET /api/v1/provisioning/alert-rules` (every rule, one request) plus
 * `GET …/folder/:folderUid/rule-groups/:group` per managed group (the rule list carries no
 * interval). `saveGroup` is one `PUT …/folder/:folderUid/rule-groups/:group` with the whole
 * converted group (Grafana replaces the group: rules left out are deleted, rules are matched by
 * their derived uid); `deleteGroup` is `DELETE …/rule-groups/:group` (404 counts as done).
 *
 * Groups with a rule carrying the `grafts_managed` annotation are listed as managed, with all
 * their rules (a rule added in the UI shows as a difference and is removed by the next save);
 * other groups are listed as unmanaged (without their interval: no extra request), so that the
 * plan refuses to overwrite them. Recording rules are written with `record` (see `toGrafanaRule`);
 * recording rules whose name is no valid metric name, group limits and intervals that are not multiples of 10 s are refused
 * with `UnsupportedRuleError` before any request.
 *
 * @example
 * const target = new GrafanaAlertingTarget({ name: 'prod', client, prometheusDatasourceUid: 'prom' });
 * await target.saveGroup('infra', { name: 'node', rules: [{ alert: 'NodeDown', expr: 'up == 0', for: '5m' }] });
 * await target.listGroups(); // → [{ namespace: 'infra', group: { name: 'node', rules: [{ alert: 'NodeDown', expr: 'up == 0', for: '5m' }] } }]
 */
export class GrafanaAlertingTarget implements RuleSyncTarget {
  readonly name: string;
  readonly kind = 'grafana-alerting' as const;
  readonly #client: GrafanaClient;
  readonly #options: GrafanaRuleConversionOptions;
  readonly #provenance: 'api' | 'none';
  readonly #concurrency: number;

  constructor(options: GrafanaAlertingTargetOptions) {
    if (!options.prometheusDatasourceUid) throw new Error('GrafanaAlertingTarget: prometheusDatasourceUid is required');
    const { name, client, provenance, listConcurrency, ...conversion } = options;
    this.name = name;
    this.#client = client;
    this.#options = conversion;
    this.#provenance = provenance ?? 'api';
    this.#concurrency = Math.max(1, listConcurrency ?? 8);
  }

  describe(): string {
    const org = this.#client.orgId !== undefined ? ` (org ${this.#client.orgId})` : '';
    return `${this.#client.url}${org} Grafana-managed alerting (data source ${this.#options.prometheusDatasourceUid}, provenance ${this.#provenance})`;
  }

  /** The body {@link saveGroup} sends (for previews and tests). */
  toGroup(namespace: string, group: RuleGroupJson): GrafanaAlertRuleGroup {
    return toGrafanaRuleGroup(namespace, group, this.#options);
  }

  /** What `listGroups` returns for `group` once saved: the conversion's round trip. */
  comparable(namespace: string, group: RuleGroupJson): RuleGroupJson {
    const converted = this.toGroup(namespace, group);
    return fromGrafanaRuleGroup(group.name, converted.interval, converted.rules, this.#options.defaultIntervalSeconds ?? 60);
  }

  /**
   * Keeps what Grafana-managed alerting can hold: alerting and recording rules. Groups that
   * cannot be converted (a `limit`, an interval that is not a multiple of 10 s) are left out
   * with a note.
   *
   * @throws {UnsupportedRuleError} a recording rule whose name is no valid Prometheus metric
   * name, naming the rule and where it was declared (before anything is read or written).
   */
  adapt(groups: readonly RuleGroupResource[]): { groups: RuleGroupResource[]; notes: string[] } {
    return adaptToGrafanaAlerting(groups, { recordingRules: true });
  }

  async listGroups(): Promise<RemoteRuleGroup[]> {
    const all = await this.#client.get<ProvisionedAlertRule[] | undefined>(`${BASE}/alert-rules`);
    const groups = new Map<string, { folderUid: string; name: string; rules: ProvisionedAlertRule[]; managed: boolean }>();
    for (const rule of Array.isArray(all) ? all : []) {
      const key = `${rule.folderUID}\0${rule.ruleGroup}`;
      let entry = groups.get(key);
      if (!entry) {
        entry = { folderUid: rule.folderUID, name: rule.ruleGroup, rules: [], managed: false };
        groups.set(key, entry);
      }
      entry.rules.push(rule);
      if (rule.annotations?.[GRAFANA_RULE_MANAGED_ANNOTATION] === 'true') entry.managed = true;
    }
    const sorted = [...groups.values()].sort((a, b) => cmp(a.folderUid, b.folderUid) || cmp(a.name, b.name));
    const managed = sorted.filter((g) => g.managed);
    const out: RemoteRuleGroup[] = new Array(managed.length);
    let next = 0;
    const worker = async () => {
      while (next < managed.length) {
        const i = next++;
        const g = managed[i]!;
        const res = await this.#client.request<GrafanaAlertRuleGroup | undefined>({ method: 'GET', path: this.#groupPath(g.folderUid, g.name), accept: [404] });
        // The group GET holds the rules in group order; fall back to the list when it vanished meanwhile.
        const body = res.status === 200 && res.data && Array.isArray(res.data.rules) ? res.data : undefined;
        const rules = body ? body.rules : g.rules;
        out[i] = {
          namespace: g.folderUid,
          group: fromGrafanaRuleGroup(g.name, body?.interval, rules, this.#options.defaultIntervalSeconds ?? 60),
          managed: true,
          ...(rules.some(grafanaRuleEdited) && { edited: true }),
        };
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.#concurrency, managed.length) }, worker));
    const unmanaged = sorted
      .filter((g) => !g.managed)
      .map((g): RemoteRuleGroup => ({ namespace: g.folderUid, group: fromGrafanaRuleGroup(g.name, undefined, g.rules), managed: false }));
    return [...out, ...unmanaged];
  }

  async saveGroup(namespace: string, group: RuleGroupJson): Promise<void> {
    const body = this.toGroup(namespace, group);
    await this.#client.request({ method: 'PUT', path: this.#groupPath(namespace, group.name), body, ...this.#headers() });
  }

  async deleteGroup(namespace: string, name: string): Promise<void> {
    await this.#client.request({ method: 'DELETE', path: this.#groupPath(namespace, name), accept: [404], ...this.#headers() });
  }

  #groupPath(folderUid: string, group: string): string {
    return `${BASE}/folder/${encodeURIComponent(folderUid)}/rule-groups/${encodeURIComponent(group)}`;
  }

  #headers(): { headers?: Record<string, string> } {
    return this.#provenance === 'none' ? { headers: { 'X-Disable-Provenance': 'true' } } : {};
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The rule groups Grafana-managed alerting can hold (any target that converts to it: the alerting
 * API, grafana-operator's GrafanaAlertRuleGroup): groups that convert; a note for each thing left
 * out. With `recordingRules: false` (grafana-operator's CRD, which requires alerting-only fields
 * on every rule) recording rules are left out with a note; with `true` they are kept, and one
 * whose name is no valid Prometheus metric name is an error naming it and its source.
 *
 * @throws {UnsupportedRuleError} with `recordingRules: true`, every invalid recorded metric name at once.
 * @example
 * adaptToGrafanaAlerting(groups, { recordingRules: true }) // → { groups: [...groups], notes: [] }
 */
export function adaptToGrafanaAlerting(
  groups: readonly RuleGroupResource[],
  options: { recordingRules: boolean } = { recordingRules: false },
): { groups: RuleGroupResource[]; notes: string[] } {
  if (options.recordingRules) refuseInvalidRecordedMetrics(groups);
  const out: RuleGroupResource[] = [];
  let recording = 0;
  const notes: string[] = [];
  for (const resource of groups) {
    const rules = options.recordingRules ? resource.group.rules : resource.group.rules.filter((r) => !isRecordingRule(r));
    recording += resource.group.rules.length - rules.length;
    if (rules.length === 0) continue;
    const group = { ...resource.group, rules };
    const problems = unsupportedInGrafana(group);
    if (problems.length > 0) {
      notes.push(`rule group ${resource.namespace}/${group.name} is not applied to Grafana-managed alerting: ${problems.join('; ')}`);
      continue;
    }
    out.push({ ...resource, group });
  }
  if (recording > 0) {
    // Only grafana-operator's format gets here: its CRD requires `for`, `noDataState`, … on every rule.
    notes.push(
      `${recording} recording rule${recording === 1 ? ' is' : 's are'} not applied: Grafana-managed alerting takes alerting rules only (deploy recording rules to a Prometheus ruler or rule files)`,
    );
  }
  return { groups: out, notes };
}

function isRecordingRule(rule: RuleGroupJson['rules'][number]): rule is RecordingRuleJson {
  return 'record' in rule && typeof rule.record === 'string';
}

/** Throws once for every recording rule whose name Grafana (and Prometheus) would refuse as a metric name. */
function refuseInvalidRecordedMetrics(groups: readonly RuleGroupResource[]): void {
  const problems: string[] = [];
  for (const resource of groups) {
    for (const rule of resource.group.rules) {
      if (isRecordingRule(rule) && !isPrometheusMetricName(rule.record)) {
        problems.push(
          `${resource.source} › rule group ${resource.namespace}/${resource.group.name} › recording rule ${JSON.stringify(rule.record)}: not a valid Prometheus metric name (letters, digits, "_" and ":", not starting with a digit)`,
        );
      }
    }
  }
  if (problems.length > 0) throw new UnsupportedRuleError(problems.join('\n'));
}
