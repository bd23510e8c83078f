// Property test of rule group planning and apply: random desired and remote groups over a few
// namespaces, random ownership (managed marker true/false/absent per group, or one marker per
// namespace like a rule file's header; namespaces owned by config),
// the same meaning written in different ways (PromQL whitespace/newlines/comments, `1m` vs `60s`,
// key order, empty maps), prune and force on or off. An oracle says what each group's step must
// be; then the plan is applied to an in-memory rule target and the outcome is checked.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AlertRuleJson } from '../../lib/mixin/alert-rule.js';
import type { RecordingRuleJson } from '../../lib/mixin/recording-rule.js';
import type { RuleGroupJson } from '../../lib/mixin/rule-group.js';
import { sameRuleGroup } from '../../lib/promql/normalize-promql.js';
import { applyPlan } from '../../lib/sync/apply.js';
import { plan, readActualState } from '../../lib/sync/plan.js';
import type { DesiredState } from '../../lib/sync/resources.js';
import { ruleGroupKey, type RuleGroupStep } from '../../lib/sync/rule-plan.js';
import type { RuleGroupResource } from '../../lib/sync/rule-resources.js';
import { MemoryRuleTarget } from './memory-rule-target.js';
import { MemoryTarget } from './memory-target.js';

const NAMESPACES = ['infra', 'apps', 'team-b', 'legacy'] as const;
const GROUP_NAMES = ['g0', 'g1', 'g2'] as const;
const KEYS = NAMESPACES.flatMap((namespace) => GROUP_NAMES.map((name) => ({ namespace, name })));

/** Each expression with spellings of the same meaning (whitespace, newlines, comments). */
const EXPRS: readonly (readonly string[])[] = [
  ['up{job="node"} == 0', 'up{job="node"}==0', 'up{ job = "node" }\n  == 0', '  up{job="node"}  ==  0  # the node is down\n'],
  [
    'sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) / sum by (job) (rate(http_requests_total[5m]))',
    'sum by(job)(rate(http_requests_total{code=~"5.."}[5m]))/sum by(job)(rate(http_requests_total[5m]))',
    'sum by (job) (\n  rate(http_requests_total{code=~"5.."}[5m])\n)\n/\nsum by (job) (\n  rate(http_requests_total[5m])\n)\n',
    'sum by (job) (rate(http_requests_total{code=~"5.."}[300s])) / sum by (job) (rate(http_requests_total[5m0s]))',
  ],
  [
    'histogram_quantile(0.99, sum by (le) (rate(request_duration_seconds_bucket{msg="a  b"}[5m]))) > 0.5',
    'histogram_quantile(0.99,sum by(le)(rate(request_duration_seconds_bucket{msg="a  b"}[5m])))>0.5',
    'histogram_quantile(\n  0.99,\n  sum by (le) (rate(request_duration_seconds_bucket{msg="a  b"}[300s]))\n)\n> 0.5',
  ],
  [
    'node_filesystem_avail_bytes{fstype!=""} / node_filesystem_size_bytes < 0.1 and node_filesystem_readonly == 0',
    'node_filesystem_avail_bytes{fstype!=""}/node_filesystem_size_bytes<0.1 and node_filesystem_readonly==0',
    'node_filesystem_avail_bytes{fstype!=""}\n  / node_filesystem_size_bytes < 0.1\nand\n  node_filesystem_readonly == 0',
  ],
];

/** A rule's meaning: two specs are equal exactly when the rules mean the same. */
interface RuleSpec {
  kind: 'alert' | 'record';
  name: number;
  expr: number;
  /** `for` in minutes, 0 = none. */
  forMinutes: number;
  severity: '' | 'warning' | 'critical';
  team: boolean;
  summary: boolean;
}

interface GroupSpec {
  /** Minutes, 0 = the default. */
  interval: number;
  limit: number;
  rules: RuleSpec[];
}

const ruleSpec = fc
  .record({
    kind: fc.constantFrom('alert' as const, 'record' as const),
    name: fc.nat({ max: 2 }),
    expr: fc.nat({ max: EXPRS.length - 1 }),
    forMinutes: fc.constantFrom(0, 1, 5),
    severity: fc.constantFrom('' as const, 'warning' as const, 'critical' as const),
    team: fc.boolean(),
    summary: fc.boolean(),
  })
  // Recording rules have neither `for` nor annotations: keep one spec per meaning.
  .map((r): RuleSpec => (r.kind === 'record' ? { ...r, forMinutes: 0, summary: false } : r));

const groupSpec = fc.record({
  interval: fc.constantFrom(0, 1, 5),
  limit: fc.constantFrom(0, 10),
  rules: fc.array(ruleSpec, { minLength: 1, maxLength: 3 }),
});

const keyState = fc.record({
  desired: fc.option(groupSpec, { nil: undefined, freq: 2 }),
  remote: fc.option(
    fc.record({
      /** Same meaning as the desired group (when there is one), else `spec`. */
      same: fc.boolean(),
      spec: groupSpec,
      managed: fc.constantFrom(true, false, undefined),
    }),
    { nil: undefined, freq: 2 },
  ),
  desiredFormat: fc.nat(),
  remoteFormat: fc.nat(),
});

const scenario = fc.record({
  keys: fc.array(keyState, { minLength: KEYS.length, maxLength: KEYS.length }),
  owns: fc.subarray([...NAMESPACES]),
  prune: fc.boolean(),
  force: fc.boolean(),
  /** The target stores a managed marker on write (rule files, Grafana) or not (a ruler). */
  markers: fc.boolean(),
  /** One marker per namespace (a rule file's header) instead of per group; then `namespaceFlags` are the markers. */
  namespaceMarkers: fc.boolean(),
  namespaceFlags: fc.array(fc.boolean(), { minLength: NAMESPACES.length, maxLength: NAMESPACES.length }),
  /** The target re-marshals what it stores (durations canonical, keys in rulefmt order). */
  remarshal: fc.boolean(),
});

/** Picks spellings deterministically from a seed (an LCG), so a format is reproducible. */
function chooser(seed: number): <T>(options: readonly T[]) => T {
  let state = (seed * 2654435761 + 1) >>> 0;
  return (options) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return options[(state >>> 16) % options.length]!;
  };
}

function durationSpellings(minutes: number): (string | undefined)[] {
  if (minutes === 0) return [undefined, '0s', '0m'];
  return [`${minutes}m`, `${minutes * 60}s`, `${minutes}m0s`];
}

function shuffled<T extends object>(value: T, reverse: boolean): T {
  return reverse ? (Object.fromEntries(Object.entries(value).reverse()) as T) : value;
}

function mapSpelling(entries: [string, string][], pick: ReturnType<typeof chooser>): Record<string, string> | undefined {
  if (entries.length === 0) return pick([undefined, {}]);
  return Object.fromEntries(pick([false, true]) ? [...entries].reverse() : entries);
}

/** The group `name` with the meaning `spec`, written in the style `format` picks. */
function render(name: string, spec: GroupSpec, format: number): RuleGroupJson {
  const pick = chooser(format);
  const rules = spec.rules.map((r): AlertRuleJson | RecordingRuleJson => {
    const labels = mapSpelling(
      [...(r.severity ? [['severity', r.severity] as [string, string]] : []), ...(r.team ? [['team', 'x'] as [string, string]] : [])],
      pick,
    );
    const expr = pick(EXPRS[r.expr]!);
    if (r.kind === 'record') return shuffled({ record: `job:r${r.name}:rate5m`, expr, ...(labels && { labels }) }, pick([false, true]));
    const forDuration = pick(durationSpellings(r.forMinutes));
    const annotations = mapSpelling(
      r.summary
        ? [
            ['summary', 'S'],
            ['description', 'D {{ $labels.job }}'],
          ]
        : [],
      pick,
    );
    const rule: AlertRuleJson = {
      alert: `A${r.name}`,
      expr,
      ...(forDuration !== undefined && { for: forDuration }),
      ...(labels && { labels }),
      ...(annotations && { annotations }),
    };
    return shuffled(rule, pick([false, true]));
  });
  const interval = pick(durationSpellings(spec.interval));
  const limit = spec.limit === 0 ? pick([undefined, 0]) : spec.limit;
  const group: RuleGroupJson = { name, ...(interval !== undefined && { interval }), ...(limit !== undefined && { limit }), rules };
  // Key order: `rules` first, as some YAML writers sort keys.
  if (pick([false, true])) {
    const { rules: first, ...rest } = group;
    return { rules: first, ...rest };
  }
  return group;
}

function sameSpec(a: GroupSpec, b: GroupSpec): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

describe('rule group plan + apply over random desired and remote groups (property)', () => {
  it('creates/updates only owned or forced groups, never touches others, prunes only owned ones, ignores formatting and converges', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        // GIVEN random remote groups (random markers) and a random project
        const ruleTarget = new MemoryRuleTarget({ markers: s.markers, namespaceMarkers: s.namespaceMarkers, remarshal: s.remarshal });
        const ruleGroups: RuleGroupResource[] = [];
        const specs = new Map<string, { desired?: GroupSpec; remote?: GroupSpec; managed?: boolean | undefined }>();
        KEYS.forEach(({ namespace, name }, i) => {
          const k = s.keys[i]!;
          const key = ruleGroupKey(namespace, name);
          const remoteSpec = k.remote && (k.remote.same && k.desired ? k.desired : k.remote.spec);
          const managed = s.namespaceMarkers ? s.namespaceFlags[NAMESPACES.indexOf(namespace)]! : k.remote?.managed;
          specs.set(key, { ...(k.desired && { desired: k.desired }), ...(remoteSpec && { remote: remoteSpec, managed }) });
          if (k.desired) ruleGroups.push({ kind: 'RuleGroup', namespace, group: render(name, k.desired, k.desiredFormat), source: `test › ${key}` });
          if (remoteSpec) ruleTarget.seed(namespace, render(name, remoteSpec, k.remoteFormat), managed);
        });
        const desired: DesiredState = { folders: [], dashboards: [], ruleGroups };
        const owns = new Set<string>(s.owns);
        const declared = new Set(ruleGroups.map((g) => g.namespace));
        const owned = (namespace: string, managed: boolean | undefined) => managed ?? (declared.has(namespace) || owns.has(namespace));
        // A namespace whose one marker says "not grafts'" (a rule file someone else wrote)...
        const foreign = (namespace: string) =>
          s.namespaceMarkers && [...specs].some(([key, v]) => key.startsWith(`${namespace}/`) && v.remote && v.managed === false);
        // ...is taken over as a whole when --force writes a desired group into it.
        const takenOver = (namespace: string) => s.force && declared.has(namespace) && foreign(namespace);
        const before = new Map([...ruleTarget.groups].map(([k, v]) => [k, JSON.stringify(v)]));
        const dashboards = new MemoryTarget();
        const options = {
          prune: s.prune,
          force: s.force,
          ownsNamespace: (ns: string) => owns.has(ns),
          comparableRuleGroup: ruleTarget.comparable.bind(ruleTarget),
        };

        // WHEN planning
        const p = plan(desired, await readActualState(dashboards, desired, { ruleTarget }), options);

        // THEN every group's step is the oracle's: formatting never makes an update
        const expected = new Map<string, string>();
        const expectedOrphans: string[] = [];
        for (const [key, { desired: d, remote: r, managed }] of specs) {
          const namespace = key.slice(0, key.indexOf('/'));
          if (d && !r) expected.set(key, !foreign(namespace) ? 'create' : s.force ? 'create (forced)' : 'conflict');
          else if (d && r && !owned(namespace, managed)) expected.set(key, s.force ? 'update (forced)' : 'conflict');
          else if (d && r) expected.set(key, sameSpec(d, r) ? 'unchanged' : 'update');
          else if (r && (owned(namespace, managed) || takenOver(namespace))) {
            if (s.prune) expected.set(key, owned(namespace, managed) ? 'delete' : 'delete (forced)');
            else expectedOrphans.push(key);
          }
        }
        const steps = p.steps.filter((step): step is RuleGroupStep => step.kind === 'RuleGroup');
        expect(new Map(steps.map((step) => [step.uid, `${step.action}${step.forced ? ' (forced)' : ''}`]))).toEqual(expected);
        expect(p.orphans.map((o) => o.uid).sort()).toEqual(expectedOrphans.sort());

        // WHEN applying it
        const report = await applyPlan(p, dashboards, { message: 'm', ruleTarget });

        // THEN one write per create/update/delete and nothing failed
        const writeSteps = steps.filter((step) => step.action !== 'unchanged' && step.action !== 'conflict');
        expect(report.counts.failed).toBe(0);
        expect(ruleTarget.writes.length).toBe(writeSteps.length);
        expect(dashboards.writes).toEqual([]);
        const conflicts = new Set(steps.filter((step) => step.action === 'conflict').map((step) => step.uid));
        const forced = new Set(steps.filter((step) => step.forced).map((step) => step.uid));
        // ...every desired group that was not a conflict is there with the desired meaning
        for (const g of ruleGroups) {
          const key = ruleGroupKey(g.namespace, g.group.name);
          if (conflicts.has(key)) continue;
          const stored = ruleTarget.groups.get(key);
          expect(stored, key).toBeDefined();
          expect(sameRuleGroup(stored!.group, g.group), key).toBe(true);
        }
        // ...groups grafts does not own are byte-identical and were never written, unless taken over
        const touched = new Set(ruleTarget.writes.map((w) => ruleGroupKey(w.namespace, w.name)));
        for (const [key, text] of before) {
          const { managed } = specs.get(key)!;
          const namespace = key.slice(0, key.indexOf('/'));
          if (owned(namespace, managed) || forced.has(key) || takenOver(namespace)) continue;
          expect(touched.has(key), key).toBe(false);
          expect(JSON.stringify(ruleTarget.groups.get(key)), key).toBe(text);
        }
        // ...with prune no owned undeclared group is left; without prune nothing was deleted
        const desiredKeys = new Set(ruleGroups.map((g) => ruleGroupKey(g.namespace, g.group.name)));
        if (s.prune) {
          for (const key of before.keys()) {
            const namespace = key.slice(0, key.indexOf('/'));
            if (!desiredKeys.has(key) && (owned(namespace, specs.get(key)!.managed) || takenOver(namespace)))
              expect(ruleTarget.groups.has(key), key).toBe(false);
          }
        } else {
          expect(ruleTarget.writes.filter((w) => w.op === 'deleteGroup')).toEqual([]);
          for (const key of before.keys()) expect(ruleTarget.groups.has(key), key).toBe(true);
        }

        // WHEN planning and applying again
        const again = plan(desired, await readActualState(dashboards, desired, { ruleTarget }), options);
        const writesBefore = ruleTarget.writes.length;
        await applyPlan(again, dashboards, { message: 'm', ruleTarget });
        // THEN everything is unchanged but the same refused groups, and nothing is sent
        const left = again.steps.filter((step) => step.action !== 'unchanged');
        expect(left.every((step) => step.action === 'conflict')).toBe(true);
        expect(new Set(left.map((step) => step.uid))).toEqual(conflicts);
        expect(ruleTarget.writes.length).toBe(writesBefore);
      }),
      { numRuns: 300, seed: 20261121 },
    );
  });
});
