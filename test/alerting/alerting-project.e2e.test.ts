// A project's `alerting` config through the built bin: `dash build` writes an Alertmanager
// configuration amtool accepts, with secrets as file paths only; `dash mixin test` runs the
// project's and its mixins' routing tests with amtool; bad alerting config fails naming the
// path, with nothing written.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, readTree, runDashAsync } from '../cli/run-dash.js';

const SENTINELS = { SLACK_URL: 'https://hooks.slack.invalid/SENTINEL-SLACK', PD_KEY: 'SENTINEL-PD-KEY', SMTP_PASSWORD: 'SENTINEL-SMTP' };

function config(body: string): string {
  return [
    "import { alertRule, contactPoint, defineConfig, defineMixin, muteTiming, notificationPolicy, notificationTemplate, route, ruleGroup, secret } from 'grafts';",
    'const shop = defineMixin<{ page: string }>({',
    "  name: 'shop',",
    "  defaults: { page: 'page' },",
    "  alerts: () => [ruleGroup('shop').rule(alertRule('ShopDown').expr('up == 0').severity('critical')).rule(alertRule('ShopSlow').expr('up == 0').severity('warning'))],",
    "  routes: (c) => [route({ severity: 'critical' }).receiver(c.page)],",
    "  routingTests: (c) => [{ labels: { alertname: 'ShopDown', severity: 'critical' }, receivers: [c.page] }],",
    '});',
    body,
  ].join('\n');
}

const GOOD = config(`export default defineConfig({
  mixins: [shop],
  alerting: {
    secretsDir: '/run/secrets',
    contactPoints: [
      contactPoint('default').email({ to: ['ops@example.com'], from: 'am@example.com', smarthost: 'smtp.example.com:587', authUsername: 'am', authPassword: secret('SMTP_PASSWORD') }),
      contactPoint('page').pagerDuty({ routingKey: secret('PD_KEY') }),
      contactPoint('chat').slack({ url: secret('SLACK_URL'), channel: '#ops', title: '{{ template "chat.title" . }}' }),
    ],
    policy: notificationPolicy('default').groupBy('alertname').route(route({ severity: 'warning' }).receiver('chat').muteTimeIntervals('nights')),
    muteTimings: [muteTiming('nights').interval({ times: [{ start: '22:00', end: '24:00' }] })],
    templates: [notificationTemplate('chat', '{{ define "chat.title" }}{{ .CommonLabels.alertname }}{{ end }}')],
    routingTests: [
      { name: 'warnings chat', labels: { alertname: 'ShopSlow', severity: 'warning' }, receivers: ['chat'] },
      { labels: { alertname: 'Unknown' }, receivers: ['default'] },
    ],
  },
});`);

describe('alerting in a project (built bin)', () => {
  it('GIVEN contact points with secrets WHEN dash build runs THEN alertmanager.yaml and its templates are written, amtool accepts them, and no secret value is anywhere', async () => {
    const dir = makeProject({ 'dash.config.ts': GOOD });
    const run = await runDashAsync(['build', '--no-typecheck'], dir, SENTINELS);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('alertmanager/alertmanager.yaml  alerting  3 contact points, 1 mute timing, 1 template');
    const tree = readTree(path.join(dir, 'out'));
    expect(
      Object.keys(tree)
        .filter((f) => f.startsWith('alertmanager/'))
        .sort(),
    ).toEqual(['alertmanager/alertmanager.yaml', 'alertmanager/templates/chat.tmpl']);
    const yaml = tree['alertmanager/alertmanager.yaml']!;
    expect(yaml).toContain('routing_key_file: /run/secrets/PD_KEY');
    expect(yaml).toContain('api_url_file: /run/secrets/SLACK_URL');
    // The mixin's route comes first, scoped to the mixin's alerts.
    expect(yaml).toContain('- receiver: page\n      matchers:\n        - alertname=~"ShopDown|ShopSlow"\n        - severity="critical"');
    const check = spawnSync('amtool', ['check-config', 'alertmanager.yaml'], { cwd: path.join(dir, 'out', 'alertmanager'), encoding: 'utf8' });
    expect(check.stdout).toContain('SUCCESS');
    expect(check.status).toBe(0);
    for (const value of Object.values(SENTINELS)) {
      expect(run.stdout + run.stderr).not.toContain(value);
      for (const contents of Object.values(tree)) expect(contents).not.toContain(value);
    }
  });

  it('GIVEN routing tests of the project and of a mixin WHEN dash mixin test runs THEN amtool runs each against the whole tree, and a wrong expectation exits 1 naming it', async () => {
    const dir = makeProject({ 'dash.config.ts': GOOD });
    const ok = await runDashAsync(['mixin', 'test', '--json'], dir);
    const result = JSON.parse(ok.stdout) as {
      passed: boolean;
      routing: { tests: { source: string; passed: boolean; actual: string[] }[] };
      mixins: { passed: boolean }[];
    };
    expect(result.routing.tests.map((t) => [t.source, t.actual, t.passed])).toEqual([
      ['dash.config.ts › alerting › routingTests[0]', ['chat'], true],
      ['dash.config.ts › alerting › routingTests[1]', ['default'], true],
      ['dash.config.ts › mixins[0] › mixin "shop" › routingTests[0]', ['page'], true],
    ]);
    // The tiny inline mixin has no promtool tests: that part fails, the routing part passes.
    expect(result.mixins[0]!.passed).toBe(false);

    const wrong = makeProject({ 'dash.config.ts': GOOD.replace("receivers: ['chat'] }", "receivers: ['page'] }") });
    const run = await runDashAsync(['mixin', 'test'], wrong);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('FAIL routing "warnings chat" {alertname="ShopSlow", severity="warning"} → page  dash.config.ts › alerting › routingTests[0]');
    expect(run.stdout).toContain('  amtool routes it to: chat');
    expect(run.stdout).toContain('1 of 3 routing tests failed');
  });

  it('GIVEN a consumer override and bad alerting config WHEN built THEN it exits 1 naming every problem and writes nothing', async () => {
    const bad = config(`export default defineConfig({
  mixins: [shop.config({ page: 'oncall' })],
  alerting: {
    contactPoints: [contactPoint('default'), contactPoint('default')],
    policy: notificationPolicy('default').route(route({ team: 'x' }).receiver('nobody').groupWait('later')),
    routingTests: [{ labels: { 'bad-label': 'x' }, receivers: ['default'] }],
  },
});`);
    const dir = makeProject({ 'dash.config.ts': bad });
    const run = await runDashAsync(['build', '--no-typecheck'], dir);
    expect(run.exitCode).toBe(1);
    for (const line of [
      'dash.config.ts › alerting › contactPoints › [1]: two contact points are named "default"',
      'dash.config.ts › alerting › policy › routes[0]: receiver "nobody" is not a contact point (known: default)',
      'dash.config.ts › alerting › policy › routes[0]: group_wait "later" is not a positive duration',
      'dash.config.ts › mixins[0] › mixin "shop" › routes[0]: receiver "oncall" is not a contact point (known: default)',
      'dash.config.ts › alerting › routingTests[0]: invalid label name "bad-label"',
    ])
      expect(run.stderr).toContain(line);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('GIVEN an unknown alerting key or a relative secretsDir THEN the config is rejected', async () => {
    const dir = makeProject({
      'dash.config.ts': config(
        "export default defineConfig({ alerting: { policy: notificationPolicy('d'), recievers: [], secretsDir: 'secrets' } as never });",
      ),
    });
    const run = await runDashAsync(['build', '--no-typecheck'], dir);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('dash.config.ts: unknown key "alerting.recievers"');
    expect(run.stderr).toContain('dash.config.ts: "alerting.secretsDir" must be an absolute path');
  });
});
