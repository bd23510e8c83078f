// The project's Alertmanager configuration through `dash diff` / `dash apply` (built bin):
// to a Mimir tenant (`/api/v1/alerts` on MIMIR_ADDRESS, served by the ruler emulator, which
// counts requests) and to the file target's alertmanager/alertmanager.yaml. Creates once, a
// no-op apply sends zero writes, the diff names the routes that change, a configuration grafts
// did not write (or that was edited since) is a conflict until --force, --prune deletes only
// grafts' own, and no secret value (sentinels in every contact point) reaches any output.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startRulerEmulator, type RulerEmulator } from '../../lib/testing/index.js';
import { makeProject, runDashAsync, type DashRun } from './run-dash.js';

const SENTINELS = {
  SMTP_PASSWORD: 'SENTINEL-AM-SMTP-1f2e',
  PD_KEY: 'SENTINEL-AM-PD-3c4d',
  SLACK_URL: 'https://hooks.slack.invalid/SENTINEL-AM-SLACK-5a6b',
  HOOK_TOKEN: 'SENTINEL-AM-HOOK-7e8f',
  OPSGENIE_KEY: 'SENTINEL-AM-OPSGENIE-9a0b',
};
const RULER_KEY = 'SENTINEL-AM-RULER-KEY';
const TENANT = 'team-am';

function config(policy: string, extra = ''): string {
  return `import { contactPoint, defineConfig, muteTiming, notificationPolicy, notificationTemplate, route, secret } from 'grafts';
export default defineConfig({
  project: 'am-e2e',
  ${extra}
  alerting: {
    contactPoints: [
      contactPoint('default').email({ to: ['ops@example.com'], from: 'am@example.com', smarthost: 'smtp.example.com:587', authUsername: 'am', authPassword: secret('SMTP_PASSWORD') }),
      contactPoint('page').pagerDuty({ routingKey: secret('PD_KEY') }).opsgenie({ apiKey: secret('OPSGENIE_KEY') }),
      contactPoint('ticket').webhook({ url: 'https://tickets.example.com/am', bearerToken: secret('HOOK_TOKEN') }),
      contactPoint('chat').slack({ url: secret('SLACK_URL'), channel: '#ops', title: '{{ template "chat.title" . }}' }),
    ],
    policy: ${policy},
    muteTimings: [muteTiming('nights').interval({ times: [{ start: '22:00', end: '24:00' }] })],
    templates: [notificationTemplate('chat', '{{ define "chat.title" }}{{ .CommonLabels.alertname }}{{ end }}')],
  },
});
`;
}

const POLICY = `notificationPolicy('default').groupBy('alertname').route(route({ severity: 'critical' }).receiver('page')).route(route({ severity: 'warning' }).receiver('ticket').muteTimeIntervals('nights'))`;
const CHANGED = `notificationPolicy('default').groupBy('alertname').route(route({ severity: 'critical' }).receiver('page').continue()).route(route({ severity: 'critical' }).receiver('chat')).route(route({ severity: 'warning' }).receiver('ticket').muteTimeIntervals('nights'))`;
const DASHBOARD = {
  'dashboards/up.dash.ts':
    "import { dashboard, prometheus, stat } from 'grafts';\nexport default dashboard('Up').uid('up').panel(stat('Up').target(prometheus('sum(up)')).unit('none'));\n",
};
const NO_ALERTING = `import { defineConfig } from 'grafts';\nexport default defineConfig({ project: 'am-e2e' });\n`;

let ruler: RulerEmulator;
beforeAll(async () => {
  ruler = await startRulerEmulator({ flavor: 'mimir' });
});
afterAll(() => ruler.stop());
beforeEach(() => ruler.reset());

const mimirEnv = () => ({ ...SENTINELS, MIMIR_ADDRESS: ruler.url, MIMIR_TENANT_ID: TENANT, MIMIR_API_KEY: RULER_KEY });
const amRequests = (method?: string) => ruler.requests.filter((r) => r.path.startsWith('/api/v1/alerts') && (method === undefined || r.method === method));
const writes = () => ruler.requests.filter((r) => r.method !== 'GET').length;

function expectNoSecret(...runs: DashRun[]): void {
  for (const run of runs) for (const value of [...Object.values(SENTINELS), RULER_KEY]) expect(`${run.stdout}${run.stderr}`).not.toContain(value);
}

async function dash(args: string[], dir: string, env: Record<string, string | undefined> = mimirEnv()): Promise<DashRun> {
  return runDashAsync([...args, '--no-typecheck'], dir, env);
}

describe('dash diff / apply of alerting to a Mimir Alertmanager', () => {
  it('GIVEN alerting and MIMIR_ADDRESS WHEN diffed and applied twice THEN it is created once (secrets sent to Mimir only) and the second apply sends zero writes', async () => {
    const dir = makeProject({ ...DASHBOARD, 'dash.config.ts': config(POLICY) });
    const diff = await dash(['diff', '--exit-code'], dir);
    expect(diff.stderr).toBe('');
    expect(diff.exitCode).toBe(2);
    expect(diff.stdout).toContain(`+ alertmanager config mimir alertmanager ${ruler.url}/api/v1/alerts (tenant ${TENANT}): create`);
    expect(diff.stdout).toContain('+ route routes[0]: {severity="critical"} → page');
    expect(diff.stdout).toContain('+ receiver "chat"');
    expect(diff.stdout).toMatch(/alertmanager config: create/);
    expect(amRequests('POST')).toHaveLength(0);

    const apply = await dash(['apply'], dir);
    expect(apply.exitCode).toBe(0);
    expect(apply.stdout).toContain(`created alertmanager config mimir alertmanager ${ruler.url}/api/v1/alerts (tenant ${TENANT})`);
    expect(amRequests('POST')).toHaveLength(1);
    const stored = ruler.alertmanagerConfigs.get(TENANT)!;
    // Mimir holds the working credentials; the marker is a template that renders nothing.
    expect(stored.alertmanager_config).toContain(SENTINELS.PD_KEY);
    expect(stored.template_files['grafts-managed.tmpl']).toMatch(/^\{\{\/\* Managed by grafts: owner [0-9a-f]{12} hash [0-9a-f]{16} \*\/\}\}\n$/);
    expect(stored.template_files['chat.tmpl']).toContain('chat.title');

    const before = writes();
    const again = await dash(['apply', '--json'], dir);
    expect(again.exitCode).toBe(0);
    expect(writes()).toBe(before);
    const json = JSON.parse(again.stdout) as { alertmanager: { action: string }; changes: boolean };
    expect(json.alertmanager.action).toBe('unchanged');
    expect(json.changes).toBe(false);
    const quiet = await dash(['diff', '--exit-code'], dir);
    expect(quiet.exitCode).toBe(0);
    expectNoSecret(diff, apply, again, quiet);
  });

  it('GIVEN an applied configuration WHEN a route changes THEN the diff lists the routes removed and added, and apply updates it with one write', async () => {
    const dir = makeProject({ ...DASHBOARD, 'dash.config.ts': config(POLICY) });
    expect((await dash(['apply'], dir)).exitCode).toBe(0);
    writeFileSync(path.join(dir, 'dash.config.ts'), config(CHANGED));
    const diff = await dash(['diff', '--exit-code'], dir);
    expect(diff.exitCode).toBe(2);
    expect(diff.stdout).toContain(`~ alertmanager config mimir alertmanager ${ruler.url}/api/v1/alerts (tenant ${TENANT}): update`);
    const routeLines = diff.stdout.split('\n').filter((l) => /^ {4}[-+] route /.test(l));
    expect(routeLines).toEqual([
      '    - route routes[0]: {severity="critical"} → page',
      '    + route routes[0]: {severity="critical"} → page [continue]',
      '    + route routes[1]: {severity="critical"} → chat',
    ]);
    // The redacted YAML diff follows, secrets by their variable.
    expect(diff.stdout).toContain('+++ desired/alertmanager.yaml');
    const posts = amRequests('POST').length;
    const apply = await dash(['apply'], dir);
    expect(apply.exitCode).toBe(0);
    expect(apply.stdout).toContain('updated alertmanager config');
    expect(amRequests('POST')).toHaveLength(posts + 1);
    expectNoSecret(diff, apply);
  });

  it('GIVEN a configuration grafts did not write WHEN applied THEN exit 4 and nothing is written; --force takes it over', async () => {
    const foreign = { alertmanager_config: 'route:\n  receiver: theirs\nreceivers:\n  - name: theirs\n', template_files: {} };
    ruler.alertmanagerConfigs.set(TENANT, foreign);
    const dir = makeProject({ ...DASHBOARD, 'dash.config.ts': config(POLICY) });
    const diff = await dash(['diff', '--exit-code'], dir);
    expect(diff.exitCode).toBe(2);
    expect(diff.stdout).toContain('! alertmanager config');
    expect(diff.stdout).toContain('exists and was not written by grafts; use --force to take it over');
    expect(diff.stdout).toContain('- receiver "theirs"');
    const refused = await dash(['apply'], dir);
    expect(refused.exitCode).toBe(4);
    expect(refused.stdout).toContain('Conflict on the alertmanager config');
    expect(amRequests('POST')).toHaveLength(0);
    expect(ruler.alertmanagerConfigs.get(TENANT)).toEqual(foreign);
    const forced = await dash(['apply', '--force'], dir);
    expect(forced.exitCode).toBe(0);
    expect(amRequests('POST')).toHaveLength(1);
    expect(ruler.alertmanagerConfigs.get(TENANT)!.alertmanager_config).not.toContain('theirs');
    expectNoSecret(diff, refused, forced);
  });

  it("GIVEN grafts' configuration edited on the server since WHEN applied THEN exit 4 (edited outside grafts) until --force", async () => {
    const dir = makeProject({ ...DASHBOARD, 'dash.config.ts': config(POLICY) });
    expect((await dash(['apply'], dir)).exitCode).toBe(0);
    const stored = ruler.alertmanagerConfigs.get(TENANT)!;
    ruler.alertmanagerConfigs.set(TENANT, { ...stored, alertmanager_config: stored.alertmanager_config.replace('group_by:', 'group_wait: 1m\n  group_by:') });
    const refused = await dash(['apply'], dir);
    expect(refused.exitCode).toBe(4);
    expect(refused.stdout).toContain('was changed outside grafts since the last apply; use --force to overwrite it');
    expect(amRequests('POST')).toHaveLength(1);
    expect((await dash(['apply', '--force'], dir)).exitCode).toBe(0);
    expect(amRequests('POST')).toHaveLength(2);
    expectNoSecret(refused);
  });

  it("GIVEN alerting removed from the code WHEN applied THEN a note says --prune deletes it, and --prune deletes only grafts' configuration", async () => {
    const dir = makeProject({ ...DASHBOARD, 'dash.config.ts': config(POLICY) });
    expect((await dash(['apply'], dir)).exitCode).toBe(0);
    writeFileSync(path.join(dir, 'dash.config.ts'), NO_ALERTING);
    const kept = await dash(['apply'], dir);
    expect(kept.exitCode).toBe(0);
    // Without --prune the configuration is not even read: nothing in the code refers to it.
    expect(amRequests('DELETE')).toHaveLength(0);
    expect(ruler.alertmanagerConfigs.has(TENANT)).toBe(true);
    const diff = await dash(['diff', '--prune', '--exit-code'], dir);
    expect(diff.exitCode).toBe(2);
    expect(diff.stdout).toContain('- alertmanager config');
    const pruned = await dash(['apply', '--prune'], dir);
    expect(pruned.exitCode).toBe(0);
    expect(pruned.stdout).toContain('deleted alertmanager config');
    expect(ruler.alertmanagerConfigs.has(TENANT)).toBe(false);
    // Someone else's configuration: never deleted.
    const foreign = { alertmanager_config: 'route:\n  receiver: theirs\nreceivers:\n  - name: theirs\n', template_files: {} };
    ruler.alertmanagerConfigs.set(TENANT, foreign);
    const again = await dash(['apply', '--prune', '--force'], dir);
    expect(again.exitCode).toBe(0);
    expect(ruler.alertmanagerConfigs.get(TENANT)).toEqual(foreign);
  });

  it('GIVEN an unset secret variable WHEN diffed or applied THEN exit 1 naming the variable, and nothing is written', async () => {
    const dir = makeProject({ ...DASHBOARD, 'dash.config.ts': config(POLICY) });
    const run = await dash(['apply'], dir, { ...mimirEnv(), PD_KEY: undefined });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('PD_KEY');
    expect(writes()).toBe(0);
    expectNoSecret(run);
  });

  it("GIVEN Mimir refusing the configuration WHEN applied THEN exit 3 naming the status and Mimir's message, with no secret in it", async () => {
    // Mimir cannot read local files: a `*_file` setting is refused with 400.
    const policy = POLICY.replace("notificationPolicy('default')", "notificationPolicy('vo')");
    const withFile = config(policy).replace(
      'contactPoints: [',
      "contactPoints: [contactPoint('vo').integration('victorops', { alertmanager: { api_key_file: '/run/secrets/VO', routing_key: 'ops' } }),",
    );
    const dir = makeProject({ ...DASHBOARD, 'dash.config.ts': withFile });
    const run = await dash(['apply'], dir);
    expect(run.exitCode).toBe(3);
    expect(run.stdout).toContain('Partially applied');
    expect(run.stdout).toMatch(/Failed to create the alertmanager config .*400.*api_key_file is not allowed/);
    expect(ruler.alertmanagerConfigs.has(TENANT)).toBe(false);
    expectNoSecret(run);
  });

  it('GIVEN an Alertmanager API that keeps failing WHEN applied THEN exit 1 before any write, naming the configuration', async () => {
    const dir = makeProject({ ...DASHBOARD, 'dash.config.ts': config(POLICY) });
    ruler.faults.set({ errorRate: 1, errorStatuses: [500], paths: ['/api/v1/alerts'] });
    const run = await dash(['apply'], dir);
    ruler.faults.clear();
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('alertmanager configuration');
    expect(run.stderr).toContain('500');
    expect(amRequests('POST')).toHaveLength(0);
    expectNoSecret(run);
  });
});

describe('dash apply of alerting to the file target', () => {
  it('GIVEN alerting and the default file target WHEN applied THEN alertmanager.yaml (amtool-valid, secrets as file paths) and its templates are written once; a hand-written file is a conflict', async () => {
    const dir = makeProject({
      ...DASHBOARD,
      'dash.config.ts': config(POLICY, "targets: { files: { type: 'files', dir: 'deploy' } }, defaultTarget: 'files',"),
    });
    const apply = await dash(['apply'], dir, SENTINELS);
    expect(apply.exitCode).toBe(0);
    expect(apply.stdout).toContain('created alertmanager config alertmanager/alertmanager.yaml');
    const file = path.join(dir, 'deploy', 'alertmanager', 'alertmanager.yaml');
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n')[0]).toMatch(/^# Managed by grafts: owner [0-9a-f]{12} hash [0-9a-f]{16}$/);
    expect(parse(text).receivers[1].pagerduty_configs[0].routing_key_file).toBe('/etc/alertmanager/secrets/PD_KEY');
    expect(readFileSync(path.join(dir, 'deploy', 'alertmanager', 'templates', 'chat.tmpl'), 'utf8')).toContain('chat.title');
    const check = spawnSync(process.env['AMTOOL'] || 'amtool', ['check-config', file], { encoding: 'utf8' });
    if (!check.error) expect(`${check.stdout}${check.stderr}`).toContain('SUCCESS');
    const again = await dash(['diff', '--exit-code'], dir, SENTINELS);
    expect(again.exitCode).toBe(0);
    // A hand edit is detected; --force restores grafts' version.
    writeFileSync(file, text.replace('group_by:', 'group_wait: 1m\n  group_by:'));
    const refused = await dash(['apply'], dir, SENTINELS);
    expect(refused.exitCode).toBe(4);
    expect((await dash(['apply', '--force'], dir, SENTINELS)).exitCode).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(text);
    // Removed from the code and pruned: the files go.
    writeFileSync(
      path.join(dir, 'dash.config.ts'),
      `import { defineConfig } from 'grafts';\nexport default defineConfig({ project: 'am-e2e', targets: { files: { type: 'files', dir: 'deploy' } }, defaultTarget: 'files' });\n`,
    );
    expect((await dash(['apply', '--prune'], dir, SENTINELS)).exitCode).toBe(0);
    expect(existsSync(file)).toBe(false);
    for (const run of [apply, again, refused]) for (const value of Object.values(SENTINELS)) expect(`${run.stdout}${run.stderr}`).not.toContain(value);
  });

  it('GIVEN an alertmanager.yaml grafts did not write WHEN applied THEN exit 4 and the file is left as it was', async () => {
    const dir = makeProject({
      ...DASHBOARD,
      'dash.config.ts': config(POLICY, "targets: { files: { type: 'files', dir: 'deploy' } }, defaultTarget: 'files',"),
      'deploy/alertmanager/alertmanager.yaml': 'route:\n  receiver: theirs\nreceivers:\n  - name: theirs\n',
    });
    const run = await dash(['apply'], dir, SENTINELS);
    expect(run.exitCode).toBe(4);
    expect(run.stdout).toContain('exists and was not written by grafts');
    expect(readFileSync(path.join(dir, 'deploy/alertmanager/alertmanager.yaml'), 'utf8')).toBe('route:\n  receiver: theirs\nreceivers:\n  - name: theirs\n');
  });
});
