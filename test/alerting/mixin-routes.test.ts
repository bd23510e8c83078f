// A mixin's default routes (MixinSpec.routes) in a project's tree: they catch only the mixin's
// own alerts, follow the consumer's config, can be replaced without forking, and their routing
// tests run with amtool.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  alertRule,
  contactPoint,
  defineMixin,
  notificationPolicy,
  receiversFor,
  resolveAlerting,
  route,
  ruleGroup,
  type AlertingSpec,
} from '../../lib/index.js';
import { runRoutingTests } from '../../lib/testing/index.js';
import { mixinRouting } from '../../lib/project/render-with-mixins.js';
import { renderMixins } from '../../lib/mixin/render-mixins.js';
import { standaloneAlerting } from '../../lib/mixin-tools/mixin-routing.js';
import serviceRed, { ALERT_NAMES } from '../../mixins/service-red/index.js';

const MIXIN_ALERTS = Object.values(ALERT_NAMES).flatMap((n) => [n.page, n.ticket]);

function projectSpec(receivers: string[] = ['default', 'page', 'ticket', 'team-db']): AlertingSpec {
  return {
    contactPoints: receivers.map((r) => contactPoint(r)),
    policy: notificationPolicy('default')
      .groupBy('alertname')
      .route(route({ team: 'db' }).receiver('team-db'))
      .route(route({ severity: 'critical' }).receiver('page').continue()),
  };
}

function resolve(mixin: typeof serviceRed, spec = projectSpec()) {
  const [rendered] = renderMixins([{ mixin, where: ['dash.config.ts', 'mixins[0]'] }]);
  return resolveAlerting(spec, [mixinRouting(rendered!, ['dash.config.ts', 'mixins[0]'])], ['dash.config.ts', 'alerting']);
}

describe('mixin default routes', () => {
  it('GIVEN service-red in a project WHEN its routing tests run with amtool THEN page alerts reach page and ticket alerts reach ticket', () => {
    const { resolved, problems } = resolve(serviceRed);
    expect(problems).toEqual([]);
    const results = runRoutingTests(resolved!);
    expect(results.map((r) => [r.labels['alertname'], r.actual])).toEqual([
      ['ServiceErrorBudgetFastBurn', ['page']],
      ['ServiceErrorBudgetSlowBurn', ['ticket']],
      ['ServiceLatencyBudgetFastBurn', ['page']],
      ['ServiceLatencyBudgetSlowBurn', ['ticket']],
    ]);
    expect(results.every((r) => r.passed)).toBe(true);
  });

  it("GIVEN generated alerts WHEN routed by amtool THEN the mixin routes catch only the mixin's alerts: any other alert goes where the project tree alone sends it", () => {
    const { resolved } = resolve(serviceRed);
    const alone = resolveAlerting(projectSpec(), [], ['a']).resolved!;
    const labels = fc.record(
      {
        alertname: fc.constantFrom(...MIXIN_ALERTS, 'OtherAlert', 'ServiceErrorBudgetFastBurnX', 'Service.*'),
        severity: fc.constantFrom('critical', 'warning', 'info'),
        team: fc.constantFrom('db', 'web'),
      },
      { requiredKeys: ['alertname'] },
    );
    fc.assert(
      fc.property(fc.array(labels, { minLength: 1, maxLength: 5 }), (alerts) => {
        const tests = alerts.map((l, i) => ({ labels: l, receivers: receiversFor(resolved!.policy, l), source: `alert ${i}` }));
        for (const r of runRoutingTests(resolved!, tests)) expect({ labels: r.labels, actual: r.actual }).toEqual({ labels: r.labels, actual: r.expected });
        for (const l of alerts) {
          if (MIXIN_ALERTS.includes(l.alertname)) {
            const bySeverity = l.severity === 'critical' ? ['page'] : l.severity === 'warning' ? ['ticket'] : receiversFor(alone.policy, l);
            expect(receiversFor(resolved!.policy, l)).toEqual(bySeverity);
          } else {
            expect(receiversFor(resolved!.policy, l)).toEqual(receiversFor(alone.policy, l));
          }
        }
      }),
      { numRuns: 15 },
    );
  });

  it('GIVEN a consumer renaming the receivers through config THEN the routes and routing tests follow, and a missing contact point is a problem naming the mixin', () => {
    const renamed = serviceRed.config({ receivers: { page: 'oncall', ticket: 'ticket' } });
    const ok = resolve(renamed, projectSpec(['default', 'oncall', 'ticket', 'team-db', 'page']));
    expect(ok.problems).toEqual([]);
    expect(
      runRoutingTests(ok.resolved!)
        .filter((r) => r.labels['severity'] === 'critical')
        .map((r) => r.actual),
    ).toEqual([['oncall'], ['oncall']]);
    const missing = resolve(renamed);
    expect(missing.problems.map((p) => `${p.path.join(' › ')}: ${p.message}`)).toContain(
      'dash.config.ts › mixins[0] › mixin "service-red" › routes[0]: receiver "oncall" is not a contact point (known: default, page, ticket, team-db)',
    );
  });

  it('GIVEN patchRoutes THEN the defaults are replaced (and their routing tests left out); a non-route is an error at render', () => {
    const none = serviceRed.patchRoutes(() => []).render();
    expect(none.routes).toEqual([]);
    expect(none.routingTests).toEqual([]);
    const extra = serviceRed.patchRoutes((routes) => [...routes, route({ severity: 'info' }).receiver('chat')]).render();
    expect(extra.routes).toHaveLength(3);
    expect(() => serviceRed.patchRoutes(() => ['nope' as never]).render()).toThrow(/mixin "service-red" › routes\[0\]: not a route/);
  });

  it('GIVEN a mixin package on its own THEN its routes are tested in a tree whose other alerts go to "default"', () => {
    const mixin = defineMixin<{ receiver: string }>({
      name: 'db',
      defaults: { receiver: 'dba' },
      alerts: () => [ruleGroup('db').rule(alertRule('DbDown').expr('up == 0').severity('critical'))],
      routes: (c) => [route({ severity: 'critical' }).receiver(c.receiver)],
      routingTests: (c) => [
        { labels: { alertname: 'DbDown', severity: 'critical' }, receivers: [c.receiver] },
        { labels: { alertname: 'Other', severity: 'critical' }, receivers: ['default'] },
      ],
    });
    const [rendered] = renderMixins([{ mixin, where: ['index.ts'] }]);
    const config = standaloneAlerting(mixinRouting(rendered!, ['index.ts']))!;
    expect(runRoutingTests(config).map((r) => [r.actual, r.passed])).toEqual([
      [['dba'], true],
      [['default'], true],
    ]);
  });
});
