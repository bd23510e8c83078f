// `dash test` (built bin): a project's mixins' promtool tests and its routing tests (amtool
// config routes test) in one command. Exit 0 only when every test ran and passed; a wrong
// routing expectation exits 1 naming the test and the receivers expected and got; a project with
// nothing to test exits 1. The exit code agrees with amtool on generated trees (library level).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { receiversFor, type RoutingTest } from '../../lib/index.js';
import { runMixinRoutingTests } from '../../lib/mixin-tools/run-mixin-test.js';
import { alertLabels, policyTree, specWith } from '../alerting/arbitraries.js';
import { makeProject, runDashAsync } from './run-dash.js';

const SERVICE_RED = fileURLToPath(new URL('../../mixins/service-red/index.ts', import.meta.url));

function project(routingTests: string, mixins = 'serviceRed, shop'): string {
  return `import { alertRule, contactPoint, defineConfig, defineMixin, notificationPolicy, route, ruleGroup } from 'grafts';
import serviceRed from ${JSON.stringify(SERVICE_RED)};
const shop = defineMixin<{ page: string }>({
  name: 'shop',
  defaults: { page: 'page' },
  alerts: () => [ruleGroup('shop').rule(alertRule('ShopDown').expr('up == 0').severity('critical'))],
  routes: (c) => [route({ severity: 'critical' }).receiver(c.page)],
  routingTests: (c) => [{ labels: { alertname: 'ShopDown', severity: 'critical' }, receivers: [c.page] }],
});
export default defineConfig({
  mixins: [${mixins}],
  alerting: {
    contactPoints: [contactPoint('default'), contactPoint('page'), contactPoint('ticket'), contactPoint('chat')],
    policy: notificationPolicy('default').route(route({ severity: 'warning' }).receiver('chat')),
    routingTests: ${routingTests},
  },
});
`;
}

describe('dash test', () => {
  it('GIVEN a project with mixins and routing tests WHEN dash test runs THEN the mixin tests and every routing test pass, exit 0', async () => {
    const dir = makeProject({
      'dash.config.ts': project("[{ name: 'warnings chat', labels: { alertname: 'Slow', severity: 'warning' }, receivers: ['chat'] }]"),
    });
    const run = await runDashAsync(['test', '--json'], dir);
    expect(run.exitCode).toBe(0);
    const result = JSON.parse(run.stdout) as {
      passed: boolean;
      mixins: { name: string; passed: boolean; tsTests: number }[];
      untested: string[];
      routing: { tests: { source: string; expected: string[]; actual: string[]; passed: boolean }[] };
    };
    expect(result.passed).toBe(true);
    expect(result.mixins.map((m) => [m.name, m.passed])).toEqual([['service-red', true]]);
    expect(result.mixins[0]!.tsTests).toBeGreaterThan(0);
    expect(result.untested).toEqual(['shop']);
    expect(result.routing.tests.map((t) => [t.source, t.actual, t.passed])).toEqual([
      ['dash.config.ts › alerting › routingTests[0]', ['chat'], true],
      ...result.routing.tests.slice(1, -1).map((t) => [t.source, t.expected, true]),
      ['dash.config.ts › mixins[1] › mixin "shop" › routingTests[0]', ['page'], true],
    ]);
    const text = await runDashAsync(['test'], path.join(dir));
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toContain('PASS mixin service-red');
    expect(text.stdout).toContain('1 mixin passed (no promtool tests: shop)');
    expect(text.stdout).toMatch(/\d+ routing tests passed/);
  });

  it('GIVEN a wrong routing expectation WHEN dash test runs THEN exit 1, naming the test, the receivers expected and the ones amtool named', async () => {
    const dir = makeProject({
      'dash.config.ts': project("[{ name: 'warnings page', labels: { alertname: 'Slow', severity: 'warning' }, receivers: ['page', 'ticket'] }]", 'shop'),
    });
    const run = await runDashAsync(['test'], dir);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(
      'FAIL routing "warnings page" {alertname="Slow", severity="warning"} → page, ticket  dash.config.ts › alerting › routingTests[0]',
    );
    expect(run.stdout).toContain('  expected: page, ticket\n  amtool routes it to: chat');
    expect(run.stdout).toContain('1 of 2 routing tests failed');
  });

  it('GIVEN a project with nothing to test, or no dash.config.ts WHEN dash test runs THEN exit 1 saying so', async () => {
    const empty = makeProject({
      'dash.config.ts': "import { defineConfig } from 'grafts';\nexport default defineConfig({});\n",
    });
    const run = await runDashAsync(['test'], empty);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('nothing to test');
    const none = makeProject({ 'README.md': 'x' });
    const missing = await runDashAsync(['test'], none);
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain('has no dash.config.ts');
  });
});

describe('the routing tests dash test runs', () => {
  it('GIVEN generated trees and alerts WHEN expectations are what Alertmanager computes (or one is changed) THEN they pass exactly when unchanged', () => {
    fc.assert(
      fc.property(policyTree, fc.array(alertLabels, { minLength: 1, maxLength: 3 }), fc.option(fc.nat(), { nil: undefined }), (policy, alerts, broken) => {
        const tests: RoutingTest[] = alerts.map((labels) => ({ labels, receivers: receiversFor(policy, labels) }));
        const wrong = broken === undefined ? undefined : broken % tests.length;
        const stated = tests.map((t, i) => (i === wrong ? { ...t, receivers: [...t.receivers, 'ticket'] } : t));
        const routing = runMixinRoutingTests({ ...specWith(policy), routingTests: stated }, [], 'dash.config.ts')!;
        expect(routing.tests.map((t) => t.passed)).toEqual(stated.map((_, i) => i !== wrong));
      }),
      { numRuns: 6 },
    );
  });
});
