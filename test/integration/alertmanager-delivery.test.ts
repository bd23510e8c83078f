/**
 * Alert delivery end to end with REAL binaries: Debian's Prometheus evaluates rules that fire at
 * once and sends the alerts to Debian's Alertmanager (prometheus-alertmanager 0.25), configured
 * with the file grafts renders from its alerting builders; a webhook receiver on loopback
 * records what arrives. The routing tree decides which receiver gets what, grouped and labelled
 * as configured, and a mute timing in effect keeps its route silent.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertmanagerYaml, alertRule, contactPoint, muteTiming, notificationPolicy, resolveAlerting, route, ruleGroup, toYaml } from '../../lib/index.js';
import { freePort, isProcessAlive, requirePrometheus } from '../support/prometheus-stack.js';

const ALERTMANAGER = '/usr/bin/prometheus-alertmanager';

/** One webhook notification as Alertmanager sends it. */
interface Notification {
  receiver: string;
  status: string;
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  alerts: { labels: Record<string, string>; status: string }[];
}

const available = requirePrometheus('Alertmanager delivery test');
const received: Record<string, Notification[]> = {};
const children: ChildProcess[] = [];
let root: string;
let hook: http.Server;
let alertmanagerLog: string;

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 50_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(
        `timed out waiting for ${what}; alertmanager log:\n${readFileSync(alertmanagerLog, 'utf8').slice(-3000)}\nprometheus log:\n${readFileSync(path.join(root, 'prometheus.log'), 'utf8').slice(-2000)}\nreceived: ${JSON.stringify(received)}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function start(bin: string, args: string[], log: string): ChildProcess {
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const out = createWriteStream(log);
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  children.push(child);
  return child;
}

beforeAll(async () => {
  if (!available) return;
  root = mkdtempSync(path.join(tmpdir(), 'grafts-am-delivery-'));
  hook = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      (received[req.url ?? ''] ??= []).push(JSON.parse(body) as Notification);
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  const hookUrl = `http://127.0.0.1:${(hook.address() as { port: number }).port}`;

  // The routing tree under test, rendered by grafts.
  const { resolved, problems } = resolveAlerting(
    {
      contactPoints: ['default', 'page', 'ticket'].map((name) => contactPoint(name).webhook({ url: `${hookUrl}/${name}` })),
      policy: notificationPolicy('default')
        .groupBy('alertname', 'team')
        .groupWait('1s')
        .groupInterval('1s')
        .repeatInterval('1h')
        .route(route({ severity: 'critical' }).receiver('page'))
        .route(route({ severity: 'warning', muted: 'no' }).receiver('ticket'))
        .route(route({ severity: 'warning' }).receiver('ticket').muteTimeIntervals('all-day')),
      muteTimings: [muteTiming('all-day').interval({ times: [{ start: '00:00', end: '24:00' }] })],
    },
    [],
    ['test'],
  );
  expect(problems).toEqual([]);
  writeFileSync(path.join(root, 'alertmanager.yaml'), alertmanagerYaml(resolved!, { secrets: { kind: 'redact' } }));

  const twoInstances = 'label_replace(vector(1), "instance", "a", "", "") or label_replace(vector(1), "instance", "b", "", "")';
  const rules = ruleGroup('delivery')
    .interval('1s')
    .rule(
      alertRule('PageMe').expr(twoInstances).labels({ severity: 'critical', team: 'shop' }),
      alertRule('TicketControl').expr('vector(1)').labels({ severity: 'warning', team: 'shop', muted: 'no' }),
      alertRule('TicketMuted').expr('vector(1)').labels({ severity: 'warning', team: 'shop' }),
      alertRule('Unrouted').expr('vector(1)').labels({ team: 'shop' }),
    );
  writeFileSync(path.join(root, 'rules.yaml'), toYaml({ groups: [rules.build()] }));

  const amPort = await freePort();
  alertmanagerLog = path.join(root, 'alertmanager.log');
  start(
    ALERTMANAGER,
    [
      `--config.file=${path.join(root, 'alertmanager.yaml')}`,
      `--storage.path=${path.join(root, 'am-data')}`,
      `--web.listen-address=127.0.0.1:${amPort}`,
      '--cluster.listen-address=',
      '--log.level=debug',
    ],
    alertmanagerLog,
  );
  await waitFor('Alertmanager ready', async () =>
    (await fetch(`http://127.0.0.1:${amPort}/-/ready`).then(
      (r) => r.ok,
      () => false,
    ))
      ? true
      : undefined,
  );

  const promPort = await freePort();
  writeFileSync(
    path.join(root, 'prometheus.yml'),
    [
      'global: { scrape_interval: 1s, evaluation_interval: 1s }',
      `rule_files: [${JSON.stringify(path.join(root, 'rules.yaml'))}]`,
      `alerting: { alertmanagers: [ { static_configs: [ { targets: ['127.0.0.1:${amPort}'] } ] } ] }`,
    ].join('\n') + '\n',
  );
  start(
    'prometheus',
    [
      `--config.file=${path.join(root, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(root, 'prom-data')}`,
      `--web.listen-address=127.0.0.1:${promPort}`,
      // Alerts sent before the Alertmanager is discovered are dropped; resend every second, not every minute.
      '--rules.alert.resend-delay=1s',
      '--log.level=error',
    ],
    path.join(root, 'prometheus.log'),
  );
});

afterAll(async () => {
  for (const child of children) if (child.pid !== undefined && isProcessAlive(child.pid)) process.kill(child.pid, 'SIGKILL');
  await new Promise<void>((resolve) => (hook ? hook.close(() => resolve()) : resolve()));
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('alert delivery through a real Alertmanager with the rendered config', () => {
  it('delivers each alert to the receiver the tree names, grouped by alertname and team, with its labels', async () => {
    if (!available) return;
    const page = await waitFor('a notification at /page', () => received['/page']?.[0]);
    expect(page.receiver).toBe('page');
    expect(page.groupLabels).toEqual({ alertname: 'PageMe', team: 'shop' });
    expect(page.commonLabels).toMatchObject({ alertname: 'PageMe', severity: 'critical', team: 'shop' });
    // Both series of the rule are in one notification: one group.
    expect(page.alerts.map((a) => a.labels['instance']).sort()).toEqual(['a', 'b']);

    const unrouted = await waitFor('a notification at /default', () => received['/default']?.[0]);
    expect(unrouted.receiver).toBe('default');
    expect(unrouted.groupLabels).toEqual({ alertname: 'Unrouted', team: 'shop' });
    expect(received['/default']!.flatMap((n) => n.alerts.map((a) => a.labels['alertname']))).toEqual(
      expect.not.arrayContaining(['PageMe', 'TicketControl', 'TicketMuted']),
    );
  }, 60_000);

  it('keeps a route silent while its mute timing is in effect, and only that route', async () => {
    if (!available) return;
    // The unmuted sibling route delivers: the alerts were sent and their groups flushed.
    const control = await waitFor('a notification at /ticket', () => received['/ticket']?.[0]);
    expect(control.groupLabels).toEqual({ alertname: 'TicketControl', team: 'shop' });
    // Alertmanager says it held back the muted route's group.
    await waitFor('the mute in the Alertmanager log', () =>
      /Notifications not sent, route is within mute time/.test(readFileSync(alertmanagerLog, 'utf8')) ? true : undefined,
    );
    const ticketAlerts = received['/ticket']!.flatMap((n) => n.alerts.map((a) => a.labels['alertname']));
    expect(ticketAlerts).toContain('TicketControl');
    expect(ticketAlerts).not.toContain('TicketMuted');
    expect(
      Object.values(received)
        .flat()
        .flatMap((n) => n.alerts.map((a) => a.labels['alertname'])),
    ).not.toContain('TicketMuted');
  }, 60_000);
});
