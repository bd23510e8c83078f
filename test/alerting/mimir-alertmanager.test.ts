// The Mimir/Cortex Alertmanager configuration target (lib/alerting/mimir-alertmanager.ts)
// against the ruler emulator's /api/v1/alerts: create, no-op (zero writes), update with a diff
// of the routes that changed, secrets resolved for the API only and never shown, refusals
// reported without secrets.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { MimirAlertmanagerError, MimirAlertmanagerTarget, planMimirAlertmanager } from '../../lib/alerting/mimir-alertmanager.js';
import { contactPoint, notificationPolicy, notificationTemplate, resolveAlerting, route, type AlertingSpec } from '../../lib/index.js';
import { startRulerEmulator, type RulerEmulator } from '../../lib/testing/ruler-emulator.js';
import { everyKind, SENTINEL_PREFIX, teamsContactPoint } from './arbitraries.js';

let ruler: RulerEmulator;
beforeAll(async () => {
  ruler = await startRulerEmulator({ flavor: 'mimir' });
});
afterAll(() => ruler.stop());
beforeEach(() => ruler.reset());

const { contactPoints, env } = everyKind(true);
const all = [...contactPoints, teamsContactPoint(env)];

function resolved(spec: AlertingSpec) {
  const out = resolveAlerting(spec, [], ['alerting']);
  expect(out.problems).toEqual([]);
  return out.resolved!;
}

const base = (extra = notificationPolicy('default')) =>
  resolved({ contactPoints: all, policy: extra, templates: [notificationTemplate('t', '{{ define "x" }}x{{ end }}')] });

const writes = () => ruler.requests.filter((r) => r.method === 'POST').length;

describe('Mimir Alertmanager configuration target', () => {
  it('GIVEN no configuration WHEN applied twice THEN it is created once and the second apply sends zero writes', async () => {
    const target = new MimirAlertmanagerTarget({ url: ruler.url, tenant: 'team-a', env });
    const first = await target.plan(base());
    expect(first.action).toBe('create');
    // The diff names each secret by its variable and never shows a value.
    for (const name of Object.keys(env)) expect(first.diff).toContain(`<secret:${name}>`);
    expect(first.diff).not.toContain(SENTINEL_PREFIX);
    expect(await target.apply(first)).toBe(1);
    // The API holds the real secrets (Mimir needs them), as a working configuration.
    const stored = ruler.alertmanagerConfigs.get('team-a')!;
    expect(stored.alertmanager_config).toContain(`${SENTINEL_PREFIX}PD_KEY`);
    expect(stored.template_files).toEqual({ 't.tmpl': '{{ define "x" }}x{{ end }}' });
    const again = await target.plan(base());
    expect(again).toMatchObject({ action: 'unchanged', diff: '' });
    expect(await target.apply(again)).toBe(0);
    expect(writes()).toBe(1);
  });

  it('GIVEN a changed route WHEN planned THEN the diff shows the route lines that change, and no secret value on either side', async () => {
    const target = new MimirAlertmanagerTarget({ url: ruler.url, tenant: 't', env });
    await target.apply(await target.plan(base()));
    // Someone set a credential the project does not know about, on the server.
    const stored = ruler.alertmanagerConfigs.get('t')!;
    const foreign = stored.alertmanager_config.replace(
      'receivers:',
      'receivers:\n  - name: foreign\n    slack_configs:\n      - api_url: https://hooks.invalid/FOREIGN-SECRET\n',
    );
    ruler.alertmanagerConfigs.set('t', { ...stored, alertmanager_config: foreign });
    const plan = await target.plan(base(notificationPolicy('default').route(route({ severity: 'critical' }).receiver('page'))));
    expect(plan.action).toBe('update');
    expect(plan.diff).toContain('+    routes:\n+      - receiver: page\n+        matchers:\n+          - severity="critical"');
    // The foreign receiver leaves, its credential shown as <secret>.
    expect(plan.diff).toContain('-    - name: foreign');
    expect(plan.diff).toContain('api_url: <secret>');
    expect(plan.diff).not.toContain(SENTINEL_PREFIX);
    expect(plan.diff).not.toContain('FOREIGN-SECRET');
  });

  it('GIVEN a secret variable unset THEN planning fails naming it, and nothing is sent', async () => {
    const target = new MimirAlertmanagerTarget({ url: ruler.url, tenant: 't', env: { ...env, SLACK_URL: undefined } });
    await expect(target.plan(base())).rejects.toThrow(/SLACK_URL is not set/);
    expect(writes()).toBe(0);
  });

  it('GIVEN the API refuses the configuration THEN the error says why and holds no secret', async () => {
    // A receiver whose settings Mimir refuses (a *_file setting) next to secrets.
    const bad = resolved({
      contactPoints: [...all, contactPoint('files').integration('victorops', { alertmanager: { api_key_file: '/etc/x', routing_key: 'r' } })],
      policy: notificationPolicy('default'),
    });
    const target = new MimirAlertmanagerTarget({ url: ruler.url, tenant: 't', env, user: 'u', password: 'SENTINEL-SECRET-PASSWORD' });
    const plan = await target.plan(bad);
    const error = await target.apply(plan).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MimirAlertmanagerError);
    expect((error as Error).message).toContain('HTTP 400');
    expect((error as Error).message).toContain('api_key_file is not allowed');
    expect((error as Error).message).not.toContain(SENTINEL_PREFIX);
  });

  it('compares parsed configurations: key order and YAML style on the server do not make a change', () => {
    const desired = base();
    const created = planMimirAlertmanager(desired, undefined, env);
    const body = parseYaml(created.body) as { alertmanager_config: string; template_files: Record<string, string> };
    const reordered = JSON.stringify({ alertmanager_config: JSON.stringify(parseYaml(body.alertmanager_config)), template_files: body.template_files });
    expect(planMimirAlertmanager(desired, reordered, env).action).toBe('unchanged');
    expect(planMimirAlertmanager(desired, reordered, { ...env, PD_KEY: 'SENTINEL-SECRET-rotated' }).action).toBe('update');
  });
});
