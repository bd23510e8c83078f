import type { RuleGroupJson } from '../mixin/rule-group.js';

/**
 * A Prometheus-style rule group the code wants on a rule target, in a namespace (a Mimir/Loki
 * ruler namespace, a rule file, or a Grafana folder for Grafana-managed rules).
 */
export interface RuleGroupResource {
  readonly kind: 'RuleGroup';
  readonly namespace: string;
  readonly group: RuleGroupJson;
  /** Where it was declared (e.g. `dash.config.ts › mixins[0]`), for messages. */
  readonly source: string;
}

/** A rule group as a rule target lists it. */
export interface RemoteRuleGroup {
  readonly namespace: string;
  readonly group: RuleGroupJson;
  /**
   * Whether the group carries grafts' managed marker, for targets that can store one (a rule
   * file's header, a Grafana-managed rule's annotation). Absent where the target has no place
   * for a marker (a Mimir/Cortex/Loki ruler): ownership is then decided by namespace.
   */
  readonly managed?: boolean;
  /**
   * The marker belongs to the namespace, not the group (a rule file's header): every group of
   * the namespace has the same `managed`, and writing any group there marks them all as grafts'.
   */
  readonly namespaceMarker?: boolean;
  /**
   * A managed group changed outside grafts since grafts wrote it (on targets that can tell: a
   * Grafana-managed rule's content hash). The plan refuses to overwrite it without `--force`.
   */
  readonly edited?: boolean;
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
  /**
   * The group as `listGroups` would return it after `saveGroup` (what survives the target's
   * conversion), so the plan compares like with like. Identity when absent.
   */
  comparable?(namespace: string, group: RuleGroupJson): RuleGroupJson;
  /**
   * Turns the desired groups into what this target can hold, with a note for each thing left out
   * (e.g. recording rules on Grafana-managed alerting). Identity when absent.
   */
  adapt?(groups: readonly RuleGroupResource[]): { groups: RuleGroupResource[]; notes: string[] };
  /** Called once after a successful apply (e.g. the rule-file target reloads Prometheus and verifies). */
  finish?(): Promise<void>;
}
