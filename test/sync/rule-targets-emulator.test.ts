/** RulerTarget against the shared ruler emulator (grafts/testing): Mimir/Grafana Cloud, Cortex, Loki. */
import { afterEach, describe, expect, it } from 'vitest';
import type { RuleGroupJson } from '../../lib/mixin/rule-group.js';
import { sameRuleGroup } from '../../lib/promql/normalize-promql.js';
import { RulerTarget } from '../../lib/sync/rule-targets/ruler-target.js';
import { startRulerEmulator, type RulerEmulator } from '../../lib/testing/index.js';

const GROUP: RuleGroupJson = {
  name: 'node.rules',
  interval: '60s',
  rules: [
    { alert: 'NodeDown', expr: 'up{job="node"}\n  == 0', for: '300s', labels: { team: 'x', severity: 'critical' }, annotations: { summary: 'node down' } },
    { record: 'instance:up:sum', expr: 'sum by (instance) (up)', labels: {} },
  ],
};
const noWait = { sleep: async () => undefined, random: () => 0 };

let ruler: RulerEmulator | undefined;
afterEach(async () => {
  await ruler?.stop();
  ruler = undefined;
});

describe('RulerTarget against the ruler emulator', () => {
  it('GIVEN Grafana Cloud credentials WHEN a group is saved and listed THEN the re-marshalled group is the same group (no spurious diff)', async () => {
    ruler = await startRulerEmulator({ flavor: 'mimir', basicAuth: { user: '123456', password: 'glc_secret' } });
    const t = new RulerTarget({ url: ruler.url, user: '123456', key: 'glc_secret', ...noWait });
    await t.saveGroup('infra/nodes', GROUP);
    const listed = await t.listGroups();
    expect(listed.map((g) => g.namespace)).toEqual(['infra/nodes']);
    expect(sameRuleGroup(listed[0]!.group, GROUP)).toBe(true);
    expect(ruler.state.groups('123456', 'infra/nodes')?.has('node.rules')).toBe(true);
  });

  it('GIVEN wrong Grafana Cloud credentials WHEN listing THEN a 401 RulerError names the credential variables', async () => {
    ruler = await startRulerEmulator({ flavor: 'mimir', basicAuth: { user: '123456', password: 'glc_secret' } });
    const error = await new RulerTarget({ url: ruler.url, user: '123456', key: 'glc_wrong', ...noWait }).listGroups().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'RulerError', status: 401 });
    expect(String(error)).not.toContain('glc_wrong');
  });

  it('GIVEN tenants WHEN two targets write THEN each sees only its tenant', async () => {
    ruler = await startRulerEmulator({ flavor: 'mimir' });
    const a = new RulerTarget({ url: ruler.url, tenant: 'a', ...noWait });
    const b = new RulerTarget({ url: ruler.url, tenant: 'b', ...noWait });
    await a.saveGroup('ns', GROUP);
    expect(await b.listGroups()).toEqual([]);
    expect((await a.listGroups()).length).toBe(1);
  });

  it("GIVEN other teams' namespaces WHEN listing with include/exclude THEN they are never seen", async () => {
    ruler = await startRulerEmulator({ flavor: 'mimir', tenant: 't' });
    for (const ns of ['team-a', 'team-b', 'integrations-linux']) ruler.state.setGroup('t', ns, { name: 'g', rules: [{ record: 'r', expr: 'up' }] });
    const t = new RulerTarget({ url: ruler.url, namespaces: { exclude: ['integrations-*', 'team-b'] }, ...noWait });
    expect((await t.listGroups()).map((g) => g.namespace)).toEqual(['team-a']);
  });

  it('GIVEN a group deleted WHEN listing THEN it is gone; deleting it again succeeds', async () => {
    ruler = await startRulerEmulator({ flavor: 'cortex', tenant: 't' });
    const t = new RulerTarget({ url: ruler.url, flavour: 'cortex', ...noWait });
    await t.saveGroup('ns', GROUP);
    await t.deleteGroup('ns', 'node.rules');
    expect(await t.listGroups()).toEqual([]);
    await expect(t.deleteGroup('ns', 'node.rules')).resolves.toBeUndefined();
  });

  it('GIVEN Loki with an empty tenant WHEN listing THEN no groups; a LogQL group round-trips', async () => {
    ruler = await startRulerEmulator({ flavor: 'loki', tenant: 'logs' });
    const t = new RulerTarget({ url: ruler.url, flavour: 'loki', ...noWait });
    expect(await t.listGroups()).toEqual([]);
    const logs: RuleGroupJson = { name: 'errors', rules: [{ alert: 'Errors', expr: 'sum(rate({app="a"} |= "error" [5m])) > 1' }] };
    await t.saveGroup('app', logs);
    expect(sameRuleGroup((await t.listGroups())[0]!.group, logs)).toBe(true);
  });

  it("GIVEN an invalid group WHEN saving THEN the ruler's validation message is in the RulerError", async () => {
    ruler = await startRulerEmulator({ flavor: 'mimir', tenant: 't' });
    const error = await new RulerTarget({ url: ruler.url, ...noWait })
      .saveGroup('ns', { name: 'g', rules: [{ record: 'not a metric name', expr: 'up' }] })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'RulerError', status: 400 });
    expect((error as Error).message).toContain('group "g"');
  });

  it('GIVEN seeded 429s and connection resets WHEN saving twenty groups THEN every one lands', async () => {
    ruler = await startRulerEmulator({ flavor: 'mimir', tenant: 't', faults: { rateLimit: { everyN: 3, retryAfterSeconds: 1 }, resetRate: 0.2, seed: 7 } });
    const t = new RulerTarget({ url: ruler.url, retry: { maxAttempts: 8 }, ...noWait });
    for (let i = 0; i < 20; i++) await t.saveGroup('ns', { ...GROUP, name: `g${i}` });
    ruler.faults.clear();
    expect((await t.listGroups()).length).toBe(20);
  });
});
