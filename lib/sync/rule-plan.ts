import { toYaml } from '../mixin/mixin-files.js';
import type { RuleGroupJson } from '../mixin/rule-group.js';
import { canonicalRuleGroup, sameRuleGroup } from '../promql/normalize-promql.js';
import type { RemoteRuleGroup, RuleGroupResource } from './rule-resources.js';

/** What a rule group step does (the same actions as dashboards, without `move`). */
export type RuleStepAction = 'create' | 'update' | 'delete' | 'unchanged' | 'conflict';

/**
 * One rule group's step. `uid` is `<namespace>/<group>` (how messages and the JSON output name
 * it); `before`/`after` are the groups in canonical form (PromQL normalised), for the diff.
 */
export interface RuleGroupStep {
  readonly kind: 'RuleGroup';
  readonly action: RuleStepAction;
  readonly uid: string;
  /** The group name. */
  readonly title: string;
  readonly namespace: string;
  readonly desired?: RuleGroupResource;
  readonly remote?: RemoteRuleGroup;
  readonly before?: RuleGroupJson;
  readonly after?: RuleGroupJson;
  /** Names of the rules added, changed and removed (update steps). */
  readonly changes?: readonly string[];
  readonly reason?: string;
  readonly forced?: boolean;
}

/** Options of {@link planRuleGroups}. */
export interface RulePlanOptions {
  readonly prune?: boolean;
  readonly force?: boolean;
  /**
   * Namespaces grafts owns besides the ones the code declares (globs matched by the caller):
   * groups there that the code no longer declares are pruned. Only consulted for remote groups
   * without a marker of their own (`managed` undefined, i.e. a ruler).
   */
  readonly ownsNamespace?: (namespace: string) => boolean;
  /** What a desired group looks like once stored (the target's `comparable`). @default identity */
  readonly comparable?: (namespace: string, group: RuleGroupJson) => RuleGroupJson;
}

/** The message of a conflict on a rule group grafts does not own. */
export const UNMANAGED_RULE_CONFLICT = 'exists and is not managed by grafts (no managed marker); use --force to take it over';

/** A rule group's key in messages and maps: `namespace/group`. */
export function ruleGroupKey(namespace: string, group: string): string {
  return `${namespace}/${group}`;
}

/**
 * Plans rule groups (pure): desired groups are matched to remote ones by namespace and group
 * name, compared in canonical form (`sameRuleGroup`: PromQL formatting, key order, `60s` vs `1m`
 * never count as changes) and created, updated or left alone.
 *
 * Ownership: a remote group is grafts' own when it carries the target's managed marker
 * (`managed: true`) or, on targets without markers (`managed` undefined: a ruler), when its
 * namespace is one the code declares or `ownsNamespace` accepts, which is how mimirtool's
 * `rules sync` owns namespaces. A desired group that exists unmarked (`managed: false`) is a
 * conflict unless `force`. With `prune`, owned groups the code no longer declares are deleted;
 * without it they are returned as orphans. Groups grafts does not own are never touched.
 *
 * @example
 * planRuleGroups([{ kind: 'RuleGroup', namespace: 'node', group: { name: 'g', rules: [r] }, source }], [], {})
 * // → { steps: [{ kind: 'RuleGroup', action: 'create', uid: 'node/g', namespace: 'node', … }], orphans: [] }
 */
export function planRuleGroups(
  desired: readonly RuleGroupResource[],
  remote: readonly RemoteRuleGroup[],
  options: RulePlanOptions = {},
): { steps: RuleGroupStep[]; orphans: { kind: 'RuleGroup'; uid: string; title: string }[] } {
  const force = options.force ?? false;
  const comparable = options.comparable ?? ((_: string, g: RuleGroupJson) => g);
  const declaredNamespaces = new Set(desired.map((d) => d.namespace));
  const owned = (r: RemoteRuleGroup): boolean =>
    r.managed ?? (declaredNamespaces.has(r.namespace) || (options.ownsNamespace?.(r.namespace) ?? false));
  const remoteByKey = new Map(remote.map((r) => [ruleGroupKey(r.namespace, r.group.name), r]));
  const desiredKeys = new Set<string>();
  const steps: RuleGroupStep[] = [];

  for (const d of desired) {
    const key = ruleGroupKey(d.namespace, d.group.name);
    desiredKeys.add(key);
    const after = canonicalRuleGroup(comparable(d.namespace, d.group));
    const base = { kind: 'RuleGroup' as const, uid: key, title: d.group.name, namespace: d.namespace, desired: d, after };
    const r = remoteByKey.get(key);
    if (!r) {
      steps.push({ ...base, action: 'create' });
      continue;
    }
    const before = canonicalRuleGroup(r.group);
    const common = { ...base, remote: r, before };
    const same = sameRuleGroup(before, after);
    if (!owned(r)) {
      if (!force) steps.push({ ...common, action: 'conflict', reason: `rule group ${UNMANAGED_RULE_CONFLICT}` });
      else steps.push({ ...common, action: 'update', forced: true, reason: 'taking over a rule group grafts did not manage (--force)' });
      continue;
    }
    if (same) steps.push({ ...common, action: 'unchanged' });
    else steps.push({ ...common, action: 'update', changes: ruleChanges(before, after) });
  }

  const orphans: { kind: 'RuleGroup'; uid: string; title: string }[] = [];
  const deletes: RuleGroupStep[] = [];
  const leftovers = remote.filter((r) => !desiredKeys.has(ruleGroupKey(r.namespace, r.group.name)) && owned(r));
  leftovers.sort((a, b) => compare(ruleGroupKey(a.namespace, a.group.name), ruleGroupKey(b.namespace, b.group.name)));
  for (const r of leftovers) {
    const key = ruleGroupKey(r.namespace, r.group.name);
    if (!(options.prune ?? false)) {
      orphans.push({ kind: 'RuleGroup', uid: key, title: r.group.name });
      continue;
    }
    deletes.push({ kind: 'RuleGroup', action: 'delete', uid: key, title: r.group.name, namespace: r.namespace, remote: r, before: canonicalRuleGroup(r.group) });
  }
  return { steps: [...steps, ...deletes], orphans };
}

/** `+ NodeDown`, `~ NodeFilesystemFull`, `- OldAlert`: what changes inside a group, by rule name. */
function ruleChanges(before: RuleGroupJson, after: RuleGroupJson): string[] {
  const name = (r: RuleGroupJson['rules'][number]) => ('alert' in r ? r.alert : r.record);
  const index = (g: RuleGroupJson) => {
    const m = new Map<string, string[]>();
    for (const r of g.rules) m.set(name(r), [...(m.get(name(r)) ?? []), JSON.stringify(r)]);
    return m;
  };
  const b = index(before);
  const a = index(after);
  const out: string[] = [];
  for (const [n, rules] of a) {
    const old = b.get(n);
    if (!old) out.push(`+ ${n}`);
    else if (old.join('\n') !== rules.join('\n')) out.push(`~ ${n}`);
  }
  for (const n of b.keys()) if (!a.has(n)) out.push(`- ${n}`);
  const settings = ['interval', 'limit'] as const;
  for (const s of settings) if (JSON.stringify(before[s]) !== JSON.stringify(after[s])) out.push(`${s} ${before[s] ?? 'default'} → ${after[s] ?? 'default'}`);
  if (out.length === 0) out.push('rule order');
  return out;
}

/** A canonical group as YAML text, for diffs (keys in rule-file order, PromQL normalised). */
export function ruleGroupYaml(group: RuleGroupJson): string {
  return toYaml(group);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
