// An in-memory RuleSyncTarget for plan/apply tests of rule groups: groups keyed by
// `namespace/group`, a managed flag like the real targets report it (per group: true/false where
// the target can store a marker, absent on a ruler; or per namespace, like a rule file's header),
// write counting, and optionally the ruler's re-marshalling of what it is sent (durations spelled
// canonically, keys in rulefmt order).
import type { AlertRuleJson } from '../../lib/mixin/alert-rule.js';
import type { RecordingRuleJson } from '../../lib/mixin/recording-rule.js';
import type { RuleGroupJson } from '../../lib/mixin/rule-group.js';
import { normalizeDuration } from '../../lib/promql/normalize-promql.js';
import { ruleGroupKey } from '../../lib/sync/rule-plan.js';
import type { RemoteRuleGroup, RuleSyncTarget } from '../../lib/sync/rule-resources.js';

export interface StoredRuleGroup {
  readonly namespace: string;
  readonly group: RuleGroupJson;
  readonly managed?: boolean;
}

export type RuleWriteCall = { op: 'saveGroup' | 'deleteGroup'; namespace: string; name: string };

export interface MemoryRuleTargetOptions {
  /**
   * Whether a write stores grafts' managed marker (a rule file header, a Grafana annotation):
   * saved groups then list as `managed: true`; without markers (a ruler) they list without a flag.
   * @default false
   */
  readonly markers?: boolean;
  /**
   * One marker per namespace, like a rule file's header: groups list with their namespace's flag
   * (and `namespaceMarker`), and any write in a namespace marks it. Implies `markers`.
   * @default false
   */
  readonly namespaceMarkers?: boolean;
  /** Store what is saved the way a ruler re-marshals it (see {@link remarshalRuleGroup}). @default false */
  readonly remarshal?: boolean;
}

export class MemoryRuleTarget implements RuleSyncTarget {
  readonly name = 'memory-rules';
  readonly kind: 'ruler' | 'rule-files';
  /** `namespace/group` → stored group, in insertion order. */
  readonly groups = new Map<string, StoredRuleGroup>();
  /** With `namespaceMarkers`: each namespace's marker (absent: unmarked). */
  readonly namespaceManaged = new Map<string, boolean>();
  readonly writes: RuleWriteCall[] = [];
  reads = 0;
  readonly #markers: boolean;
  readonly #remarshal: boolean;
  readonly #perNamespace: boolean;

  constructor(options: MemoryRuleTargetOptions = {}) {
    this.#perNamespace = options.namespaceMarkers ?? false;
    this.#markers = this.#perNamespace || (options.markers ?? false);
    this.#remarshal = options.remarshal ?? false;
    this.kind = this.#markers ? 'rule-files' : 'ruler';
  }

  describe(): string {
    return 'memory rules';
  }

  /**
   * Arranges a group without counting a write. `managed` absent: no marker (a ruler); with
   * `namespaceMarkers` it sets the namespace's marker.
   */
  seed(namespace: string, group: RuleGroupJson, managed?: boolean): this {
    if (this.#perNamespace) {
      this.namespaceManaged.set(namespace, managed ?? false);
      this.groups.set(ruleGroupKey(namespace, group.name), { namespace, group: structuredClone(group) });
      return this;
    }
    this.groups.set(ruleGroupKey(namespace, group.name), { namespace, group: structuredClone(group), ...(managed !== undefined && { managed }) });
    return this;
  }

  async listGroups(): Promise<RemoteRuleGroup[]> {
    this.reads++;
    if (this.#perNamespace) {
      return [...this.groups.values()].map((g) => ({ ...structuredClone(g), managed: this.namespaceManaged.get(g.namespace) ?? false, namespaceMarker: true }));
    }
    return [...this.groups.values()].map((g) => structuredClone(g));
  }

  async saveGroup(namespace: string, group: RuleGroupJson): Promise<void> {
    this.writes.push({ op: 'saveGroup', namespace, name: group.name });
    const stored = this.#remarshal ? remarshalRuleGroup(group) : structuredClone(group);
    if (this.#perNamespace) {
      // The whole file is rewritten with the marker.
      this.namespaceManaged.set(namespace, true);
      this.groups.set(ruleGroupKey(namespace, group.name), { namespace, group: stored });
      return;
    }
    this.groups.set(ruleGroupKey(namespace, group.name), { namespace, group: stored, ...(this.#markers && { managed: true }) });
  }

  async deleteGroup(namespace: string, name: string): Promise<void> {
    this.writes.push({ op: 'deleteGroup', namespace, name });
    if (!this.groups.delete(ruleGroupKey(namespace, name))) throw new Error(`rule group ${namespace}/${name} not found`);
    if (this.#perNamespace) this.namespaceManaged.set(namespace, true);
  }

  comparable(_namespace: string, group: RuleGroupJson): RuleGroupJson {
    return this.#remarshal ? remarshalRuleGroup(group) : group;
  }
}

function duration(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const d = normalizeDuration(text);
  return d === '0s' ? undefined : d;
}

/**
 * A group as a Mimir ruler stores it: durations canonical and zero ones dropped, `limit: 0`
 * dropped, empty maps dropped, keys in rulefmt order. Label order and PromQL text are kept.
 */
export function remarshalRuleGroup(group: RuleGroupJson): RuleGroupJson {
  const interval = duration(group.interval);
  const out: RuleGroupJson = { name: group.name, ...(interval && { interval }), ...(group.limit ? { limit: group.limit } : {}), rules: [] };
  out.rules = group.rules.map((r): AlertRuleJson | RecordingRuleJson => {
    const labels = r.labels && Object.keys(r.labels).length > 0 ? { ...r.labels } : undefined;
    if ('record' in r && r.record !== undefined) return { record: r.record, expr: r.expr, ...(labels && { labels }) };
    const a = r as AlertRuleJson;
    const forDuration = duration(a.for);
    const keep = duration(a.keep_firing_for);
    const annotations = a.annotations && Object.keys(a.annotations).length > 0 ? { ...a.annotations } : undefined;
    return {
      alert: a.alert,
      expr: a.expr,
      ...(forDuration && { for: forDuration }),
      ...(keep && { keep_firing_for: keep }),
      ...(labels && { labels }),
      ...(annotations && { annotations }),
    };
  });
  return out;
}
