// The project's alerting on a grafana-operator target, end to end with the built bin: dash diff
// plans GrafanaContactPoint, GrafanaNotificationPolicy, GrafanaMuteTiming and
// GrafanaNotificationTemplate objects, apply writes them (each valid against its CRD, secrets as
// valuesFrom of the configured Secret, no sentinel value in any file or output), a second diff is
// a no-op, a removed mute timing is an orphan that --prune deletes, a bad Secret name exits 1.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { crdErrors } from '../support/validate-crd.js';
import { makeProject, runDashAsync, writeFiles } from './run-dash.js';

const SECRETS = {
  PD_KEY: 'SENTINEL-pagerduty-k8s-41d7',
  SLACK_URL: 'https://hooks.slack.example/SENTINEL-slack-k8s-9a0c',
  HOOK_TOKEN: 'SENTINEL-bearer-k8s-2b6e',
};

const DASHBOARD = `import { dashboard, prometheus, timeseries } from 'grafts';
export default dashboard('API').uid('api').panel(timeseries('Requests').target(prometheus('sum(rate(http_requests_total[5m]))')));
`;

function config(options: { nights?: boolean; secret?: string } = {}): string {
  const secret = options.secret === undefined ? '' : `, alertingSecret: { name: ${JSON.stringify(options.secret)} }`;
  return `import { contactPoint, defineConfig, muteTiming, notificationPolicy, notificationTemplate, route, secret } from 'grafts';
export default defineConfig({
  project: 'shop',
  targets: { k8s: { type: 'kubernetes', flavor: 'grafana-operator', dir: 'deploy', namespace: 'monitoring'${secret} } },
  alerting: {
    contactPoints: [
      contactPoint('default').webhook({ url: 'https://tickets.example.com/hook', bearerToken: secret('HOOK_TOKEN') }),
      contactPoint('page').pagerDuty({ routingKey: secret('PD_KEY'), severity: 'critical' }).slack({ url: secret('SLACK_URL'), channel: '#ops' }),
    ],
    policy: notificationPolicy('default').groupBy('alertname').route(route({ severity: 'critical' }).receiver('page').muteTimeIntervals('weekends')),
    muteTimings: [muteTiming('weekends').interval({ weekdays: ['saturday', 'sunday'] })${options.nights === false ? '' : ", muteTiming('nights').interval({ times: [{ start: '00:00', end: '06:00' }] })"}],
    templates: [notificationTemplate('chat', '{{ define "chat.title" }}[{{ .Status }}] {{ .CommonLabels.alertname }}{{ end }}')],
  },
});
`;
}

const ALERTING_FILES = [
  'grafanacontactpoint-default.yaml',
  'grafanacontactpoint-page.yaml',
  'grafanamutetiming-nights.yaml',
  'grafanamutetiming-weekends.yaml',
  'grafananotificationpolicy-grafts-notification-policy.yaml',
  'grafananotificationtemplate-chat.yaml',
];

function files(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

const dash = (args: string[], dir: string) => runDashAsync([...args, '--target', 'k8s', '--no-typecheck'], dir, SECRETS);

describe('dash diff and apply of alerting on a grafana-operator target', () => {
  it('GIVEN contact points with secrets WHEN diffed, applied, diffed again and pruned THEN the CRs follow and no secret is anywhere', async () => {
    const dir = makeProject({ 'dash.config.ts': config({ secret: 'shop-alerting' }), 'api.dash.ts': DASHBOARD });
    const deploy = path.join(dir, 'deploy');
    const before = await dash(['diff', '--exit-code'], dir);
    expect(before.stderr).toBe('');
    expect(before.exitCode).toBe(2);
    expect(before.stdout).toContain('+ GrafanaContactPoint page');
    expect(before.stdout).toContain('+ GrafanaNotificationPolicy grafts-notification-policy');

    const applied = await dash(['apply'], dir);
    expect(applied.exitCode).toBe(0);
    expect(files(deploy)).toEqual([...ALERTING_FILES, 'grafanadashboard-api.yaml'].sort());
    for (const file of files(deploy)) {
      const text = readFileSync(path.join(deploy, file), 'utf8');
      for (const value of Object.values(SECRETS)) expect(text).not.toContain(value);
      const object = parse(text) as { apiVersion: string; kind: string };
      expect({ file, errors: crdErrors(object) }).toEqual({ file, errors: [] });
    }
    const page = parse(readFileSync(path.join(deploy, 'grafanacontactpoint-page.yaml'), 'utf8')) as {
      spec: { receivers: { type: string; valuesFrom: { targetPath: string; valueFrom: { secretKeyRef: { name: string; key: string } } }[] }[] };
    };
    expect(page.spec.receivers.map((r) => [r.type, r.valuesFrom])).toEqual([
      ['pagerduty', [{ targetPath: 'integrationKey', valueFrom: { secretKeyRef: { name: 'shop-alerting', key: 'PD_KEY' } } }]],
      ['slack', [{ targetPath: 'url', valueFrom: { secretKeyRef: { name: 'shop-alerting', key: 'SLACK_URL' } } }]],
    ]);

    const clean = await dash(['diff', '--exit-code'], dir);
    expect(clean.stdout).not.toContain('GrafanaContactPoint');
    expect(clean.exitCode).toBe(0);

    writeFiles(dir, { 'dash.config.ts': config({ nights: false, secret: 'shop-alerting' }) });
    const orphan = await dash(['diff', '--exit-code'], dir);
    expect(orphan.stdout).toContain('GrafanaMuteTiming nights is no longer in the code (--prune deletes it)');
    const pruned = await dash(['apply', '--prune'], dir);
    expect(pruned.exitCode).toBe(0);
    expect(files(deploy)).not.toContain('grafanamutetiming-nights.yaml');
    expect(files(deploy)).toContain('grafanamutetiming-weekends.yaml');

    for (const run of [before, applied, clean, orphan, pruned])
      for (const value of Object.values(SECRETS)) expect(run.stdout + run.stderr).not.toContain(value);
  });

  it('GIVEN an alertingSecret name that is no DNS-1123 subdomain WHEN applied THEN exit 1 names the key and nothing is written', async () => {
    const dir = makeProject({ 'dash.config.ts': config({ secret: 'Shop_Alerting' }), 'api.dash.ts': DASHBOARD });
    const run = await dash(['apply'], dir);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('targets.k8s.alertingSecret.name');
    expect(files(path.join(dir, 'deploy'))).toEqual([]);
  });
});
