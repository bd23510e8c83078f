// Contact points, the notification policy tree, mute timings and templates declared in
// dash.config.ts, planned and applied by the built `dash diff` / `dash apply` against the Grafana
// emulator's provisioning API: create, no-op with 0 writes, a route-level policy diff, conflicts
// that stop every write, prune of owned resources only, provenance, missing secrets. Sentinel
// secrets in every contact point kind never appear in output, errors or the project's files.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GrafanaClient } from '../../lib/grafana/index.js';
import { startGrafanaEmulator, type GrafanaEmulator } from '../../lib/testing/index.js';
import { makeProject, runDashAsync, writeFiles, type DashRun } from './run-dash.js';

/** One sentinel per secret, in every contact point kind. */
const SECRETS = {
  SMTP_PASSWORD: 'SENTINEL-smtp-3a1f',
  PD_KEY: 'SENTINEL-pagerduty-77c2',
  SLACK_URL: 'https://hooks.slack.example/SENTINEL-slack-0b9e',
  TICKETS_TOKEN: 'SENTINEL-bearer-5d20',
  HOOK_PASSWORD: 'SENTINEL-basic-e6a4',
  OPSGENIE_KEY: 'SENTINEL-opsgenie-19fd',
  TEAMS_URL: 'https://teams.example/SENTINEL-teams-c3c3',
  TG_TOKEN: 'SENTINEL-telegram-8e81',
};

const DASHBOARD = `import { dashboard, prometheus, timeseries } from 'grafts';
export default dashboard('API').uid('api').panel(timeseries('Requests').target(prometheus('sum(rate(http_requests_total[5m]))')));
`;

interface Options {
  readonly criticalTo?: string;
  readonly withGenie?: boolean;
  readonly target?: string;
}

function config({ criticalTo = 'page', withGenie = true, target = '' }: Options = {}): string {
  return `import { contactPoint, defineConfig, muteTiming, notificationPolicy, notificationTemplate, route, secret } from 'grafts';
export default defineConfig({
  project: 'shop',${target}
  alerting: {
    contactPoints: [
      contactPoint('default').email({ to: ['ops@example.com'], from: 'am@example.com', smarthost: 'smtp:25', authPassword: secret('SMTP_PASSWORD') }),
      contactPoint('page').pagerDuty({ routingKey: secret('PD_KEY'), severity: 'critical' }).slack({ url: secret('SLACK_URL'), channel: '#ops' }),
      contactPoint('ticket').webhook({ url: 'https://tickets.example.com/hook', bearerToken: secret('TICKETS_TOKEN') }),
      contactPoint('basic').webhook({ url: 'https://basic.example.com/hook', basicAuth: { username: 'u', password: secret('HOOK_PASSWORD') } }),
      ${withGenie ? "contactPoint('genie').opsgenie({ apiKey: secret('OPSGENIE_KEY') })," : ''}
      contactPoint('teams').teams({ url: secret('TEAMS_URL'), title: 'Alert' }),
      contactPoint('tg').integration('telegram', { grafana: { bottoken: secret('TG_TOKEN'), chatid: '42' } }),
    ],
    policy: notificationPolicy('default')
      .groupBy('alertname', 'job')
      .route(route({ severity: 'critical' }).receiver(${JSON.stringify(criticalTo)}))
      .route(route({ severity: 'warning' }).receiver('ticket').muteTimeIntervals('weekends')),
    muteTimings: [muteTiming('weekends').interval({ weekdays: ['saturday', 'sunday'] })${withGenie ? ", muteTiming('nights').interval({ times: [{ start: '00:00', end: '06:00' }] })" : ''}],
    templates: [notificationTemplate('chat', '{{ define "chat.title" }}[{{ .Status }}] {{ .CommonLabels.alertname }}{{ end }}')],
  },
});
`;
}

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map((f) => path.join(dir, String(f)))
    .filter((f) => statSync(f).isFile() && !f.includes('node_modules'));
}

function expectNoSecrets(run: DashRun, token: string): void {
  for (const secret of [...Object.values(SECRETS), token]) {
    expect(run.stdout).not.toContain(secret);
    expect(run.stderr).not.toContain(secret);
  }
}

describe('dash diff / apply with alerting (Grafana emulator provisioning API)', () => {
  let grafana: GrafanaEmulator;
  let env: Record<string, string>;
  beforeAll(async () => {
    grafana = await startGrafanaEmulator({ version: '12.1.0' });
  });
  afterAll(() => grafana.stop());
  beforeEach(() => {
    grafana.reset();
    env = { GRAFANA_URL: grafana.url, GRAFANA_TOKEN: grafana.token, ...SECRETS };
  });
  const writes = (from: number) => grafana.requests.slice(from).filter((r) => r.method !== 'GET');
  const alertingWrites = (from: number) => writes(from).filter((r) => r.path.startsWith('/api/v1/provisioning/'));

  it('GIVEN alerting as code WHEN diffed, applied, applied again and a route changed THEN the plan, writes, provenance and secrets follow', async () => {
    const dir = makeProject({ 'dash.config.ts': config(), 'api.dash.ts': DASHBOARD });

    const before = await runDashAsync(['diff', '--exit-code', '--no-typecheck'], dir, env);
    expect(before.exitCode, before.stderr).toBe(2);
    expect(before.stdout).toContain('+ contact point page (pagerduty[0], slack[1])');
    expect(before.stdout).toContain('+ mute timing weekends');
    expect(before.stdout).toContain('+ template chat');
    expect(before.stdout).toContain('~ policy tree:');
    expect(before.stdout).toContain('+   route {severity="critical"} → page');
    expect(before.stdout).toMatch(/alerting: 10 to create, 1 to update, 0 to delete, 0 unchanged, 0 conflicts/);
    expect(before.stdout).toContain('not sent to Grafana, which has no such setting: email authPassword, email from, email smarthost');
    expect(writes(0)).toEqual([]);
    expectNoSecrets(before, grafana.token);

    const first = await runDashAsync(['apply', '--no-typecheck'], dir, env);
    expect(first.exitCode, first.stderr).toBe(0);
    expectNoSecrets(first, grafana.token);
    const n = grafana.state.notifications;
    const page = [...n.contactPoints.values()].filter((c) => c.name === 'page');
    expect(page.map((c) => [c.type, c.provenance, c.uid.startsWith('grafts-')])).toEqual([
      ['pagerduty', 'api', true],
      ['slack', 'api', true],
    ]);
    expect(page[0]!.settings).toEqual({ integrationKey: SECRETS.PD_KEY, severity: 'critical' });
    expect(n.policy).toMatchObject({ receiver: 'default', routes: [{ receiver: 'page' }, { receiver: 'ticket', mute_time_intervals: ['weekends'] }] });
    expect(n.policyProvenance).toBe('api');
    expect([...n.muteTimings.keys()].sort()).toEqual(['nights', 'weekends']);
    expect([...n.templates.keys()].filter((t) => !t.startsWith('grafts-ownership-'))).toEqual(['chat']);
    expect(grafana.state.dashboards.has('api')).toBe(true);

    // A no-op: diff exits 0, apply sends no write at all.
    const mark = grafana.requests.length;
    const clean = await runDashAsync(['diff', '--exit-code', '--no-typecheck'], dir, env);
    expect(clean.exitCode, clean.stdout + clean.stderr).toBe(0);
    const noop = await runDashAsync(['apply', '--no-typecheck'], dir, env);
    expect(noop.exitCode, noop.stderr).toBe(0);
    expect(writes(mark)).toEqual([]);

    // One route changes: the diff shows that route only, apply sends one PUT of the tree.
    writeFiles(dir, { 'dash.config.ts': config({ criticalTo: 'ticket' }) });
    const changed = await runDashAsync(['diff', '--exit-code', '--no-typecheck'], dir, env);
    expect(changed.exitCode, changed.stderr).toBe(2);
    const treeLines = changed.stdout.split('\n').filter((l) => /^ {4}[+-] /.test(l));
    expect(treeLines).toEqual(['    -   route {severity="critical"} → page', '    +   route {severity="critical"} → ticket']);
    const json = await runDashAsync(['diff', '--json', '--no-typecheck'], dir, env);
    const plan = JSON.parse(json.stdout) as { changes: boolean; alerting: { steps: { kind: string; action: string }[]; writes: number } };
    expect(plan.changes).toBe(true);
    expect(plan.alerting.steps.filter((s) => s.action !== 'unchanged')).toEqual([expect.objectContaining({ kind: 'policy tree', action: 'update' })]);
    expect(plan.alerting.writes).toBe(1);
    const mark2 = grafana.requests.length;
    const update = await runDashAsync(['apply', '--no-typecheck'], dir, env);
    expect(update.exitCode, update.stderr).toBe(0);
    expect(writes(mark2).map((r) => `${r.method} ${r.path}`)).toEqual(['PUT /api/v1/provisioning/policies']);
    for (const run of [changed, json, update]) expectNoSecrets(run, grafana.token);
    for (const file of allFiles(dir)) for (const secret of Object.values(SECRETS)) expect(readFileSync(file, 'utf8')).not.toContain(secret);
  });

  it('GIVEN a resource of a declared name made by hand or by another project WHEN applying THEN it exits 1 naming it and nothing at all is written', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('contact point', 'mute timing', 'template', 'policy tree'), fc.boolean(), async (kind, otherProject) => {
        grafana.reset();
        const client = new GrafanaClient({ url: grafana.url, token: grafana.token });
        const base = '/api/v1/provisioning';
        if (otherProject) {
          // Another project applied the same names first.
          const other = makeProject({ 'dash.config.ts': config().replace("project: 'shop'", "project: 'other'"), 'api.dash.ts': DASHBOARD });
          expect((await runDashAsync(['apply', '--no-typecheck'], other, env)).exitCode).toBe(0);
        } else if (kind === 'contact point') {
          await client.request({
            method: 'POST',
            path: `${base}/contact-points`,
            body: { uid: 'by-hand', name: 'page', type: 'webhook', settings: { url: 'https://x' } },
          });
        } else if (kind === 'mute timing') {
          await client.request({ method: 'POST', path: `${base}/mute-timings`, body: { name: 'weekends', time_intervals: [] } });
        } else if (kind === 'template') {
          await client.request({ method: 'PUT', path: `${base}/templates/chat`, body: { template: 'by hand' } });
        } else {
          await client.request({ method: 'PUT', path: `${base}/policies`, body: { receiver: 'grafana-default-email', group_by: ['by-hand'] } });
        }
        const mark = grafana.requests.length;
        const dir = makeProject({ 'dash.config.ts': config(), 'api.dash.ts': DASHBOARD });
        const run = await runDashAsync(['apply', '--no-typecheck'], dir, env);
        expect(run.exitCode, run.stdout).toBe(1);
        expect(run.stderr).toContain('nothing applied');
        expect(run.stderr).toContain(
          otherProject
            ? 'contact point page'
            : kind === 'policy tree'
              ? 'policy tree policies'
              : `${kind} ${kind === 'contact point' ? 'page' : kind === 'mute timing' ? 'weekends' : 'chat'}`,
        );
        expect(writes(mark)).toEqual([]);
        expectNoSecrets(run, grafana.token);
      }),
      { numRuns: 8 },
    );
  });

  it('GIVEN resources removed from the code WHEN applied without and with --prune THEN they are orphans, then deleted; resources not ours stay', async () => {
    const dir = makeProject({ 'dash.config.ts': config(), 'api.dash.ts': DASHBOARD });
    expect((await runDashAsync(['apply', '--no-typecheck'], dir, env)).exitCode).toBe(0);
    const client = new GrafanaClient({ url: grafana.url, token: grafana.token });
    await client.request({
      method: 'POST',
      path: '/api/v1/provisioning/contact-points',
      body: { uid: 'hand', name: 'hand', type: 'webhook', settings: { url: 'https://x' } },
    });
    await client.request({ method: 'POST', path: '/api/v1/provisioning/mute-timings', body: { name: 'hand-timing', time_intervals: [] } });
    writeFiles(dir, { 'dash.config.ts': config({ withGenie: false }) });

    const mark = grafana.requests.length;
    const kept = await runDashAsync(['apply', '--no-typecheck'], dir, env);
    expect(kept.exitCode, kept.stderr).toBe(0);
    expect(alertingWrites(mark)).toEqual([]);
    const orphans = await runDashAsync(['diff', '--no-typecheck'], dir, env);
    expect(orphans.stdout).toContain('no longer in the code (deleted with --prune): contact point genie, mute timing nights');

    const pruned = await runDashAsync(['apply', '--prune', '--no-typecheck'], dir, env);
    expect(pruned.exitCode, pruned.stderr).toBe(0);
    const n = grafana.state.notifications;
    expect([...n.contactPoints.values()].map((c) => c.name)).not.toContain('genie');
    expect([...n.contactPoints.values()].map((c) => c.name)).toContain('hand');
    expect([...n.contactPoints.values()].map((c) => c.name)).toContain('grafana-default-email');
    expect([...n.muteTimings.keys()].sort()).toEqual(['hand-timing', 'weekends']);
    const again = grafana.requests.length;
    expect((await runDashAsync(['apply', '--prune', '--no-typecheck'], dir, env)).exitCode).toBe(0);
    expect(writes(again)).toEqual([]);
  });

  it("GIVEN alertingProvenance 'none' on the target WHEN applied THEN every resource stays editable (no provenance) and a rerun writes nothing", async () => {
    const target = `\n  targets: { prod: { type: 'grafana', url: ${JSON.stringify(grafana.url)}, tokenEnv: 'PROD_TOKEN', alertingProvenance: 'none' } },\n  defaultTarget: 'prod',`;
    const dir = makeProject({ 'dash.config.ts': config({ target }), 'api.dash.ts': DASHBOARD });
    const runEnv = { ...SECRETS, PROD_TOKEN: grafana.token };
    const run = await runDashAsync(['apply', '--no-typecheck'], dir, runEnv);
    expect(run.exitCode, run.stderr).toBe(0);
    const n = grafana.state.notifications;
    expect(new Set([...n.contactPoints.values()].map((c) => c.provenance))).toEqual(new Set(['']));
    expect(n.policyProvenance).toBe('');
    expect([...n.muteTimings.values(), ...n.templates.values()].every((r) => r.provenance === '')).toBe(true);
    const mark = grafana.requests.length;
    expect((await runDashAsync(['apply', '--no-typecheck'], dir, runEnv)).exitCode).toBe(0);
    expect(writes(mark)).toEqual([]);
  });

  it('GIVEN a contact point secret unset in the environment WHEN applying THEN it exits 1 naming the variable and where it is used, nothing written', async () => {
    const dir = makeProject({ 'dash.config.ts': config(), 'api.dash.ts': DASHBOARD });
    const run = await runDashAsync(['apply', '--no-typecheck'], dir, { ...env, OPSGENIE_KEY: undefined });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('contact point "genie" › opsgenie[0] › settings.apiKey: environment variable OPSGENIE_KEY is not set');
    expect(writes(0)).toEqual([]);
    expectNoSecrets(run, grafana.token);
  });
});
