import { toYaml } from '../render/to-yaml.js';
import type { RuleGroupJson } from '../mixin/rule-group.js';
import { canonicalRuleGroup } from '../promql/normalize-promql.js';
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

/** The message of a conflict on a managed rule group changed outside grafts. */
export const EDITED_RULE_CONFLICT = 'was changed outside grafts since the last apply (e.g. edited in the Grafana UI); use --force to overwrite it';

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
 * conflict unless `force`. Where one marker covers a namespace (`namespaceMarker`: a rule file),
 * a new group in an unmarked namespace is a conflict too (writing it would mark the file's other
 * groups as grafts'); with `force` the namespace is taken over and its other groups are grafts'
 * (pruned with `prune`). With `prune`, owned groups the code no longer declares are deleted;
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
  const owned = (r: RemoteRuleGroup): boolean => r.managed ?? (declaredNamespaces.has(r.namespace) || (options.ownsNamespace?.(r.namespace) ?? false));
  // Namespaces whose one marker (a rule file's header) says they are not grafts': name → groups.
  const foreignFiles = new Map<string, string[]>();
  for (const r of remote) if (r.namespaceMarker && r.managed === false) foreignFiles.set(r.namespace, [...(foreignFiles.get(r.namespace) ?? []), r.group.name]);
  // With force, writing a desired group into such a namespace takes the whole file over.
  const takenOver = (namespace: string): boolean => force && declaredNamespaces.has(namespace) && foreignFiles.has(namespace);
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
      const foreign = foreignFiles.get(d.namespace);
      if (!foreign) steps.push({ ...base, action: 'create' });
      else if (!force) steps.push({ ...base, action: 'conflict', reason: foreignFileConflict(d.namespace, foreign) });
      else
        steps.push({
          ...base,
          action: 'create',
          forced: true,
          reason: `taking over namespace "${d.namespace}" (--force): the other groups of its rule file become grafts'`,
        });
      continue;
    }
    const before = canonicalRuleGroup(r.group);
    const common = { ...base, remote: r, before };
    // Both sides are canonical already: comparing their JSON is sameRuleGroup without redoing it.
    const same = JSON.stringify(before) === JSON.stringify(after);
    if (!owned(r)) {
      if (!force) steps.push({ ...common, action: 'conflict', reason: `rule group ${UNMANAGED_RULE_CONFLICT}` });
      else steps.push({ ...common, action: 'update', forced: true, reason: 'taking over a rule group grafts did not manage (--force)' });
      continue;
    }
    if (same) steps.push({ ...common, action: 'unchanged' });
    else if (r.edited && !force) steps.push({ ...common, action: 'conflict', reason: `rule group ${EDITED_RULE_CONFLICT}` });
    else if (r.edited)
      steps.push({
        ...common,
        action: 'update',
        forced: true,
        changes: ruleChanges(before, after),
        reason: 'overwriting changes made outside grafts (--force)',
      });
    else steps.push({ ...common, action: 'update', changes: ruleChanges(before, after) });
  }

  const orphans: { kind: 'RuleGroup'; uid: string; title: string }[] = [];
  const deletes: RuleGroupStep[] = [];
  const leftovers = remote.filter((r) => !desiredKeys.has(ruleGroupKey(r.namespace, r.group.name)) && (owned(r) || takenOver(r.namespace)));
  leftovers.sort((a, b) => compare(ruleGroupKey(a.namespace, a.group.name), ruleGroupKey(b.namespace, b.group.name)));
  for (const r of leftovers) {
    const key = ruleGroupKey(r.namespace, r.group.name);
    if (!(options.prune ?? false)) {
      orphans.push({ kind: 'RuleGroup', uid: key, title: r.group.name });
      continue;
    }
    const forced = !owned(r) && { forced: true, reason: `in namespace "${r.namespace}", whose rule file is taken over (--force)` };
    deletes.push({
      kind: 'RuleGroup',
      action: 'delete',
      uid: key,
      title: r.group.name,
      namespace: r.namespace,
      remote: r,
      before: canonicalRuleGroup(r.group),
      ...forced,
    });
  }
  return { steps: [...steps, ...deletes], orphans };
}

/**
 * Why a new group may not go into a namespace whose rule file grafts does not manage: the file's
 * one marker would then claim the other groups too, and a later `--prune` would delete them.
 */
function foreignFileConflict(namespace: string, groups: readonly string[]): string {
  const shown = groups.length > 3 ? `${groups.slice(0, 3).join(', ')} and ${groups.length - 3} more` : groups.join(', ');
  return `rule group would be added to namespace "${namespace}", whose rule file is not managed by grafts (it holds ${shown}); writing it would mark that file, and so those groups, as grafts' (--prune would then delete them): use another namespace, or --force to take the file over`;
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
  // Group settings: interval and limit, then the others a ruler keeps (query_offset, source_tenants, …).
  const was = before as unknown as Record<string, unknown>;
  const is = after as unknown as Record<string, unknown>;
  const others = [...new Set([...Object.keys(was), ...Object.keys(is)])].filter((k) => !['name', 'rules', 'interval', 'limit'].includes(k)).sort(compare);
  const shown = (v: unknown) => (v === undefined ? 'default' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  for (const s of ['interval', 'limit', ...others]) if (JSON.stringify(was[s]) !== JSON.stringify(is[s])) out.push(`${s} ${shown(was[s])} → ${shown(is[s])}`);
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
