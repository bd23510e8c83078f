// docs/alerting.md's example, as a project: it type-checks and builds, amtool accepts the
// written file, and its routing tests pass with `dash mixin test` (next to service-red's, whose
// default routes it must then provide contact points for).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, readTree, runDashAsync } from '../cli/run-dash.js';
import { docProjectFiles } from '../support/doc-pages.js';

const example = docProjectFiles()['alerting/alerting.ts'];

describe('docs/alerting.md example', () => {
  it('builds with type checking into an Alertmanager file amtool accepts, with secrets as files', async () => {
    expect(example).toBeDefined();
    const dir = makeProject({
      'alerting/alerting.ts': example!,
      // A project needs a dashboard or a mixin.
      'home.dash.ts': "import { dashboard, text } from 'grafts';\nexport default dashboard('Home').uid('home').panel(text('Hi').content('hi'));\n",
      'dash.config.ts':
        "import { defineConfig } from 'grafts';\nimport { alerting } from './alerting/alerting.js';\n\nexport default defineConfig({ alerting });\n",
    });
    const run = await runDashAsync(['build'], dir, { SLACK_WEBHOOK_URL: 'https://hooks.invalid/SENTINEL-DOC' });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const tree = readTree(path.join(dir, 'out'));
    expect(tree['alertmanager/alertmanager.yaml']).toContain('api_url_file: /etc/alertmanager/secrets/SLACK_WEBHOOK_URL');
    expect(JSON.stringify(tree)).not.toContain('SENTINEL-DOC');
    const check = spawnSync('amtool', ['check-config', 'alertmanager.yaml'], { cwd: path.join(dir, 'out', 'alertmanager'), encoding: 'utf8' });
    expect(check.status).toBe(0);
  });

  it('passes its routing tests, alongside a mixin whose routes it hosts', async () => {
    const dir = makeProject({
      'alerting/alerting.ts': example!,
      'dash.config.ts': [
        "import { alertRule, defineConfig, defineMixin, route, ruleGroup } from 'grafts';",
        "import { alerting } from './alerting/alerting.js';",
        "const db = defineMixin<{ receiver: string }>({ name: 'db', defaults: { receiver: 'ticket' },",
        "  alerts: () => [ruleGroup('db').rule(alertRule('DbDown').expr('up == 0').severity('critical'))],",
        "  routes: (c) => [route({ severity: 'critical' }).receiver(c.receiver)],",
        "  routingTests: (c) => [{ labels: { alertname: 'DbDown', severity: 'critical' }, receivers: [c.receiver] }] });",
        'export default defineConfig({ alerting, mixins: [db] });',
      ].join('\n'),
    });
    const run = await runDashAsync(['mixin', 'test', '--json'], dir);
    const result = JSON.parse(run.stdout) as { routing: { tests: { passed: boolean; actual: string[] }[] } };
    expect(result.routing.tests.map((t) => [t.actual, t.passed])).toEqual([
      [['page', 'chat'], true],
      [['ticket'], true],
      [['default'], true],
      [['ticket'], true],
    ]);
  });
});
