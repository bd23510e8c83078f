import type { RuleGroupJson } from '../mixin/rule-group.js';

/**
 * A Prometheus-style rule group the code wants on a rule target, in a namespace (a Mimir/Loki
 * ruler namespace, a rule file, or a Grafana folder for Grafana-managed rules).
 */
export interface RuleGroupResource {
  readonly kind: 'RuleGroup';
  readonly namespace: string;
  readonly group: RuleGroupJson;
  /** Where it was declared (e.g. `mixin "node-exporter"`), for messages. */
  readonly source: string;
}

/** A rule group as a rule target lists it. */
export interface RemoteRuleGroup {
  readonly namespace: string;
  readonly group: RuleGroupJson;
}

/**
 * Where rule groups are applied: a Prometheus-compatible ruler (Mimir, Cortex, Loki, Grafana
 * Cloud), a folder of Prometheus rule files, or Grafana-managed alerting. Implementations do
 * I/O only; a whole group is written per request. Errors never contain credentials.
 */
export interface RuleSyncTarget {
  readonly name: string;
  readonly kind: 'ruler' | 'rule-files' | 'grafana-alerting';
  /** Where it points, safe to print. */
  describe(): string;
  /** Every group of every namespace (one request for a ruler). */
  listGroups(): Promise<RemoteRuleGroup[]>;
  /** Creates or replaces the group `group.name` in `namespace`. */
  saveGroup(namespace: string, group: RuleGroupJson): Promise<void>;
  deleteGroup(namespace: string, name: string): Promise<void>;
  /** Called once after a successful apply (e.g. the rule-file target reloads Prometheus and verifies). */
  finish?(): Promise<void>;
}
