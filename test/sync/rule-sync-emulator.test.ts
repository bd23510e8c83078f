// Rule groups end to end: plan + applyPlan with a RulerTarget against the ruler emulator (Mimir,
// and Loki, whose empty tenant answers 404), counting the requests each apply sends.
import { afterEach, describe, expect, it } from 'vitest';
import type { RuleGroupJson } from '../../lib/mixin/rule-group.js';
import { sameRuleGroup } from '../../lib/promql/normalize-promql.js';
import { applyPlan } from '../../lib/sync/apply.js';
import { plan, readActualState } from '../../lib/sync/plan.js';
import type { DesiredState } from '../../lib/sync/resources.js';
import type { RuleGroupStep } from '../../lib/sync/rule-plan.js';
import type { RuleGroupResource } from '../../lib/sync/rule-resources.js';
import { RulerTarget } from '../../lib/sync/rule-targets/ruler-target.js';
import { startRulerEmulator, type RulerEmulator } from '../../lib/testing/index.js';
import type { FaultConfig } from '../../lib/testing/faults.js';
import { MemoryTarget } from './memory-target.js';

const TENANT = 't';

/** Three groups in two namespaces, written the way people write them (the ruler re-marshals `300s`, key order…). */
function promGroups(threshold = '0.05'): RuleGroupResource[] {
  return [
    group('infra', {
      name: 'node',
      interval: '60s',
      rules: [
        {
          alert: 'NodeDown',
          expr: 'up{job="node"}\n  == 0',
          for: '300s',
          labels: { team: 'infra', severity: 'critical' },
          annotations: { summary: 'Node {{ $labels.instance }} is down' },
        },
      ],
    }),
    group('infra', {
      name: 'node.records',
      rules: [{ record: 'instance:node_cpu:rate5m', expr: 'sum by (instance) (\n  rate(node_cpu_seconds_total{mode!="idle"}[5m])\n)', labels: {} }],
    }),
    group('apps', {
      name: 'http',
      rules: [
        {
          alert: 'HighErrorRate',
          expr: `sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) / sum by (job) (rate(http_requests_total[5m])) > ${threshold}`,
          for: '10m',
          labels: { severity: 'warning' },
        },
        { alert: 'NoTraffic', expr: 'sum by (job) (rate(http_requests_total[300s])) == 0', for: '0s' },
      ],
    }),
  ];
}

function lokiGroups(threshold = '0.05'): RuleGroupResource[] {
  return [
    group('infra', {
      name: 'node',
      interval: '60s',
      rules: [
        {
          alert: 'NodeErrors',
          expr: 'sum by (host) (count_over_time({job="varlogs"} |= "error" [5m])) > 10',
          for: '300s',
          labels: { team: 'infra', severity: 'critical' },
        },
      ],
    }),
    group('infra', { name: 'node.records', rules: [{ record: 'host:log_lines:rate5m', expr: 'sum by (host) (\n  rate({job="varlogs"}[5m])\n)' }] }),
    group('apps', {
      name: 'http',
      rules: [
        {
          alert: 'HighErrorRate',
          expr: `sum(rate({app="api"} | json | status >= 500 [5m])) / sum(rate({app="api"}[5m])) > ${threshold}`,
          for: '10m',
          labels: { severity: 'warning' },
        },
        { alert: 'NoLogs', expr: 'sum(rate({app="api"}[300s])) == 0', for: '0s' },
      ],
    }),
  ];
}

function group(namespace: string, g: RuleGroupJson): RuleGroupResource {
  return { kind: 'RuleGroup', namespace, group: g, source: `test › ${namespace}/${g.name}` };
}

function desiredOf(ruleGroups: RuleGroupResource[]): DesiredState {
  return { folders: [], dashboards: [], ruleGroups };
}

const FLAVOURS = [
  { flavour: 'mimir' as const, groups: promGroups, emptyListing: 200 },
  { flavour: 'loki' as const, groups: lokiGroups, emptyListing: 404 },
];

let ruler: RulerEmulator | undefined;
afterEach(async () => {
  await ruler?.stop();
  ruler = undefined;
});

describe.each(FLAVOURS)('rule sync against the $flavour ruler emulator', ({ flavour, groups, emptyListing }) => {
  /** Waits the client asked for (Retry-After or backoff), never actually waited. */
  let waits: number[] = [];

  async function start(faults?: FaultConfig): Promise<RulerTarget> {
    ruler = await startRulerEmulator({ flavor: flavour, tenant: TENANT, ...(faults && { faults }) });
    waits = [];
    return new RulerTarget({
      url: ruler.url,
      flavour,
      retry: { maxAttempts: 10 },
      sleep: async (ms) => void waits.push(ms),
      random: () => 0,
    });
  }

  /** One `dash apply`: list, plan, apply; returns the plan, the report and the requests it sent. */
  async function sync(ruleTarget: RulerTarget, ruleGroups: RuleGroupResource[], options: { prune?: boolean; concurrency?: number } = {}) {
    const from = ruler!.requests.length;
    const dashboards = new MemoryTarget();
    const desired = desiredOf(ruleGroups);
    const p = plan(desired, await readActualState(dashboards, desired, { ruleTarget }), { prune: options.prune ?? false });
    const report = await applyPlan(p, dashboards, { message: 'm', ruleTarget, ...(options.concurrency !== undefined && { concurrency: options.concurrency }) });
    const requests = ruler!.requests.slice(from).map((r) => `${r.method} ${r.path}`);
    return { p, report, requests };
  }

  function stored(namespace: string, name: string): RuleGroupJson | undefined {
    return ruler!.state.groups(TENANT, namespace)?.get(name) as RuleGroupJson | undefined;
  }

  it('GIVEN an empty ruler WHEN applying three groups THEN one listing and one POST per group create them', async () => {
    const target = await start();
    const { p, report, requests } = await sync(target, groups());
    expect(p.summary).toMatchObject({ create: 3, update: 0, delete: 0, unchanged: 0, conflict: 0 });
    expect(report.ok).toBe(true);
    expect(report.writes).toBe(3);
    expect(ruler!.requests[0]).toMatchObject({ method: 'GET', path: ruler!.prefix, status: emptyListing });
    expect(requests.sort()).toEqual([`GET ${ruler!.prefix}`, `POST ${ruler!.prefix}/apps`, `POST ${ruler!.prefix}/infra`, `POST ${ruler!.prefix}/infra`]);
    for (const g of groups()) expect(sameRuleGroup(stored(g.namespace, g.group.name)!, g.group), `${g.namespace}/${g.group.name}`).toBe(true);
  });

  it('GIVEN the groups applied WHEN applying again THEN every group is unchanged and only the listing is sent', async () => {
    const target = await start();
    await sync(target, groups());
    const { p, report, requests } = await sync(target, groups());
    expect(p.summary).toMatchObject({ create: 0, update: 0, delete: 0, unchanged: 3, conflict: 0 });
    expect(report.writes).toBe(0);
    expect(requests).toEqual([`GET ${ruler!.prefix}`]);
  });

  it('GIVEN the groups applied WHEN one rule changes THEN exactly one POST replaces its group', async () => {
    const target = await start();
    await sync(target, groups());
    const { p, report, requests } = await sync(target, groups('0.1'));
    expect(p.summary).toMatchObject({ create: 0, update: 1, unchanged: 2 });
    const update = p.steps.find((s): s is RuleGroupStep => s.kind === 'RuleGroup' && s.action === 'update');
    expect(update).toMatchObject({ uid: 'apps/http', changes: ['~ HighErrorRate'] });
    expect(report.writes).toBe(1);
    expect(requests).toEqual([`GET ${ruler!.prefix}`, `POST ${ruler!.prefix}/apps`]);
    expect(stored('apps', 'http')!.rules[0]!.expr).toContain('> 0.1');
  });

  it("GIVEN a group removed from the code and another team's namespace WHEN applying with prune THEN one DELETE removes the group and the other namespace is untouched", async () => {
    const target = await start();
    await sync(target, groups());
    const theirs: RuleGroupJson = {
      name: 'theirs',
      interval: '2m',
      rules: [{ alert: 'Theirs', expr: flavour === 'loki' ? 'sum(rate({app="x"}[1m])) > 0' : 'vector(1)' }],
    };
    ruler!.state.setGroup(TENANT, 'other-team', theirs);
    const before = structuredClone(ruler!.state.groups(TENANT, 'other-team'));
    const remaining = groups().filter((g) => g.group.name !== 'node.records');

    // Without prune the group is only reported.
    const kept = await sync(target, remaining);
    expect(kept.p.orphans).toEqual([{ kind: 'RuleGroup', uid: 'infra/node.records', title: 'node.records' }]);
    expect(kept.requests).toEqual([`GET ${ruler!.prefix}`]);

    const pruned = await sync(target, remaining, { prune: true });
    expect(pruned.p.summary).toMatchObject({ delete: 1, unchanged: 2, create: 0, update: 0 });
    expect(pruned.report.ok).toBe(true);
    expect(pruned.requests).toEqual([`GET ${ruler!.prefix}`, `DELETE ${ruler!.prefix}/infra/node.records`]);
    expect(stored('infra', 'node.records')).toBeUndefined();
    expect(stored('infra', 'node')).toBeDefined();
    expect(ruler!.state.groups(TENANT, 'other-team')).toEqual(before);
  });

  it('GIVEN a ruler answering 429 and 503 with Retry-After WHEN applying THEN the client waits as told, retries and the apply converges', async () => {
    // One write at a time, so which request meets which seeded fault is the same on every run.
    const target = await start({ rateLimit: { everyN: 3, retryAfterSeconds: 1 }, errorRate: 0.4, errorStatuses: [503], errorRetryAfterSeconds: 2, seed: 5 });
    const first = await sync(target, groups(), { concurrency: 1 });
    expect(first.report.ok).toBe(true);
    expect(first.report.counts.created).toBe(3);
    const statuses = ruler!.requests.map((r) => r.status);
    expect(statuses).toContain(429);
    expect(statuses).toContain(503);
    // Retry-After: 1 on the 429s, 2 on the 503s, in milliseconds.
    expect(new Set(waits)).toEqual(new Set([1000, 2000]));
    expect(waits.length).toBe(statuses.filter((s) => s === 429 || s === 503).length);
    for (const g of groups()) expect(sameRuleGroup(stored(g.namespace, g.group.name)!, g.group)).toBe(true);

    // Still faulty: the next apply has nothing to write however often the listing is retried.
    const second = await sync(target, groups(), { concurrency: 1 });
    expect(second.p.summary).toMatchObject({ unchanged: 3 });
    expect(second.report.writes).toBe(0);
    expect(second.requests.every((r) => r === `GET ${ruler!.prefix}`)).toBe(true);
  });
});
