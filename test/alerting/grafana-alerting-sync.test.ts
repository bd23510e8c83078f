/**
 * Planning and applying contact points, the policy tree, mute timings and templates on the
 * Grafana emulator through the library: any valid configuration applied once plans to zero writes
 * after, with no secret in any plan; wrong-shaped answers are errors naming the request; a write
 * failing part way says what was and was not applied and leaves Grafana's configuration valid.
 */
import fc from 'fast-check';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { contactPoint } from '../../lib/alerting/contact-point.js';
import { notificationPolicy } from '../../lib/alerting/notification-policy.js';
import { muteTiming } from '../../lib/alerting/mute-timing.js';
import { resolveAlerting } from '../../lib/alerting/alerting-config.js';
import { formatGrafanaAlertingPlan, planGrafanaAlerting } from '../../lib/alerting/grafana-alerting-plan.js';
import { desiredGrafanaAlerting } from '../../lib/alerting/grafana-alerting-resources.js';
import { applyGrafanaAlerting, GrafanaAlertingSyncError, readGrafanaAlerting } from '../../lib/alerting/grafana-alerting-sync.js';
import { WrongShapeError } from '../../lib/grafana/expect-shape.js';
import { GrafanaClient } from '../../lib/grafana/grafana-client.js';
import { ValidationError } from '../../lib/model/validation-error.js';
import { startGrafanaEmulator, type GrafanaEmulator } from '../../lib/testing/index.js';
import { listenOnLoopback } from '../../lib/testing/loopback-server.js';
import { everyKind, policyTree, SENTINEL_PREFIX, specWith } from './arbitraries.js';

const SCOPE = { project: 'shop', uidPrefix: '' };

/** The spec of the arbitraries, with a webhook on the contact point that has none (Grafana needs one). */
function grafanaSpec(policy: Parameters<typeof specWith>[0]) {
  const spec = specWith(policy);
  const withTelegram = everyKind(true);
  return {
    spec: {
      ...spec,
      contactPoints: withTelegram.contactPoints.map((c) =>
        c.integrations.length === 0 ? contactPoint(c.name).webhook({ url: 'https://null.example.com' }) : c,
      ),
    },
    env: withTelegram.env,
  };
}

let grafana: GrafanaEmulator;
let client: GrafanaClient;
beforeAll(async () => {
  grafana = await startGrafanaEmulator();
  client = new GrafanaClient({ url: grafana.url, token: grafana.token, retry: { maxAttempts: 1 } });
});
afterAll(() => grafana.stop());
beforeEach(() => grafana.reset());

async function planFor(spec: ReturnType<typeof grafanaSpec>['spec'], options: { prune?: boolean } = {}) {
  const { resolved, problems } = resolveAlerting(spec, [], ['dash.config.ts', 'alerting']);
  expect(problems).toEqual([]);
  return planGrafanaAlerting(desiredGrafanaAlerting(resolved!, SCOPE), await readGrafanaAlerting(client), { owner: SCOPE, ...options });
}

describe('GIVEN any valid alerting configuration', () => {
  test('WHEN applied THEN a second plan has no write and every step is unchanged; no plan holds a secret', async () => {
    await fc.assert(
      fc.asyncProperty(policyTree, async (policy) => {
        grafana.reset();
        const { spec, env } = grafanaSpec(policy);
        const first = await planFor(spec);
        const shown = JSON.stringify(first.steps) + formatGrafanaAlertingPlan(first).join('\n');
        expect(shown).not.toContain(SENTINEL_PREFIX);
        await applyGrafanaAlerting(client, first, { env });
        const second = await planFor(spec);
        expect(second.writes).toEqual([]);
        expect(second.steps.filter((s) => s.action !== 'unchanged')).toEqual([]);
        expect(JSON.stringify(grafana.state.notifications.policy)).not.toContain(SENTINEL_PREFIX);
      }),
      { numRuns: 20 },
    );
  });

  test('WHEN a contact point has no integrations THEN the conversion for Grafana is a ValidationError naming it', () => {
    const { resolved } = resolveAlerting({ contactPoints: [contactPoint('null')], policy: notificationPolicy('null') }, [], []);
    expect(() => desiredGrafanaAlerting(resolved!, SCOPE, ['dash.config.ts', 'alerting'])).toThrow(ValidationError);
    expect(() => desiredGrafanaAlerting(resolved!, SCOPE, ['dash.config.ts', 'alerting'])).toThrow(
      /contactPoints "null": a contact point without integrations/,
    );
  });
});

describe('GIVEN a server answering a provisioning read with the wrong shape', () => {
  const READS = ['/api/v1/provisioning/contact-points', '/api/v1/provisioning/policies', '/api/v1/provisioning/mute-timings', '/api/v1/provisioning/templates'];
  const GOOD: Record<string, unknown> = {
    '/api/v1/provisioning/contact-points': [],
    '/api/v1/provisioning/policies': { receiver: 'x' },
    '/api/v1/provisioning/mute-timings': [],
    '/api/v1/provisioning/templates': [],
  };

  test('WHEN read THEN a WrongShapeError names the request, never a guess', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...READS), fc.constantFrom<unknown>({}, [{}], '<html>hi</html>', [{ uid: 1 }], null, 'x'), async (broken, answer) => {
        const server = await listenOnLoopback(
          async (req, res: ServerResponse) => {
            const path = (req.url ?? '').split('?')[0]!;
            const body = path === broken ? answer : GOOD[path];
            res.writeHead(200, { 'Content-Type': typeof body === 'string' && body.startsWith('<') ? 'text/html' : 'application/json' });
            res.end(typeof body === 'string' && body.startsWith('<') ? body : JSON.stringify(body));
          },
          (res) => res.writeHead(500).end(),
        );
        try {
          const error = await readGrafanaAlerting(new GrafanaClient({ url: server.url, token: 't', retry: { maxAttempts: 1 } })).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(Error);
          expect((error as Error).message).toContain(broken);
          if (!(typeof answer === 'string' && answer.startsWith('<'))) expect(error).toBeInstanceOf(WrongShapeError);
        } finally {
          await server.close();
        }
      }),
      { numRuns: 24 },
    );
  });
});

describe('GIVEN a write that fails part way', () => {
  test('WHEN applying THEN the error says what was applied and what was not, no secret leaks, Grafana stays valid, and a rerun finishes', async () => {
    const { spec, env } = grafanaSpec(notificationPolicy('page'));
    const plan = await planFor(spec);
    grafana.faults.set({ errorRate: 1, errorStatuses: [500], paths: ['/api/v1/provisioning/policies'] });
    const error = await applyGrafanaAlerting(client, plan, { env }).catch((e: unknown) => e);
    grafana.faults.clear();
    expect(error).toBeInstanceOf(GrafanaAlertingSyncError);
    const message = (error as Error).message;
    expect(message).toContain('replace the notification policy tree failed');
    expect(message).toMatch(/applied before: record ownership .*create contact point "page"/s);
    expect(message).toContain('not applied: replace the notification policy tree');
    expect(message).not.toContain(SENTINEL_PREFIX);
    // The tree was not replaced, and the contact points it will refer to already exist.
    const n = grafana.state.notifications;
    expect(n.policy).toEqual({ receiver: 'grafana-default-email', group_by: ['grafana_folder', 'alertname'] });
    expect(n.receiverNames().has('page')).toBe(true);
    const rest = await planFor(spec);
    expect(rest.writes.map((w) => w.label)).toEqual(['replace the notification policy tree']);
    await applyGrafanaAlerting(client, rest, { env });
    expect((await planFor(spec)).writes).toEqual([]);
  });
});

describe('GIVEN a resource of this project deleted by hand and removed from the code', () => {
  test('WHEN planned THEN the only write trims the ownership record, and the plan says so', async () => {
    const { spec, env } = grafanaSpec(notificationPolicy('page'));
    const withNights = { ...spec, muteTimings: [...spec.muteTimings!, muteTiming('nights').interval({ times: [{ start: '00:00', end: '06:00' }] })] };
    await applyGrafanaAlerting(client, await planFor(withNights), { env });
    await client.request({ method: 'DELETE', path: '/api/v1/provisioning/mute-timings/nights' });
    const plan = await planFor(spec, { prune: true });
    expect(plan.steps.filter((s) => s.action !== 'unchanged')).toEqual([]);
    expect(plan.writes.map((w) => `${w.method} ${w.label}`)).toEqual([
      expect.stringMatching(/^PUT record ownership in template "grafts-ownership-[0-9a-f]{12}"$/),
    ]);
    expect(formatGrafanaAlertingPlan(plan)).toEqual([expect.stringMatching(/^~ ownership record: record ownership in template/)]);
    await applyGrafanaAlerting(client, plan, { env });
    expect((await planFor(spec, { prune: true })).writes).toEqual([]);
  });
});

describe('GIVEN a resource of a declared name that is not this project’s', () => {
  const FOREIGN: Record<string, { method: 'POST' | 'PUT'; path: string; body: Record<string, unknown> }> = {
    'contact point': {
      method: 'POST',
      path: '/api/v1/provisioning/contact-points',
      body: { uid: 'by-hand', name: 'page', type: 'webhook', settings: { url: 'https://x' } },
    },
    'mute timing': { method: 'POST', path: '/api/v1/provisioning/mute-timings', body: { name: 'weekends', time_intervals: [] } },
    template: { method: 'PUT', path: '/api/v1/provisioning/templates/slack', body: { template: 'by hand' } },
    'policy tree': { method: 'PUT', path: '/api/v1/provisioning/policies', body: { receiver: 'grafana-default-email', group_by: ['by-hand'] } },
  };

  test('WHEN planned THEN it is a conflict; with force it is taken over, and then it is this project’s (no write, no conflict after)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...Object.keys(FOREIGN)), async (kind) => {
        grafana.reset();
        const { spec, env } = grafanaSpec(notificationPolicy('page'));
        const foreign = FOREIGN[kind]!;
        await client.request({ method: foreign.method, path: foreign.path, body: foreign.body });
        const refused = await planFor(spec);
        expect(refused.steps.filter((s) => s.action === 'conflict').map((s) => s.kind)).toEqual([kind]);
        await expect(applyGrafanaAlerting(client, refused, { env })).rejects.toThrow(/nothing applied, 1 conflict/);
        const forced = planGrafanaAlerting(desiredGrafanaAlerting(resolveAlerting(spec, [], []).resolved!, SCOPE), await readGrafanaAlerting(client), {
          owner: SCOPE,
          force: true,
        });
        expect(forced.steps.filter((s) => s.forced).map((s) => s.kind)).toEqual([kind]);
        await applyGrafanaAlerting(client, forced, { env });
        const after = await planFor(spec);
        expect(after.steps.filter((s) => s.action !== 'unchanged')).toEqual([]);
        expect(after.writes).toEqual([]);
        if (kind === 'contact point') expect(grafana.state.notifications.contactPoints.has('by-hand')).toBe(false);
      }),
      { numRuns: 8 },
    );
  });
});

describe("GIVEN resources provisioned with provenance 'api'", () => {
  test("WHEN a change is planned with provenance 'none' THEN it is a conflict (Grafana would answer 403), and nothing is sent", async () => {
    const { spec, env } = grafanaSpec(notificationPolicy('page'));
    await applyGrafanaAlerting(client, await planFor(spec), { env });
    const { resolved } = resolveAlerting({ ...spec, policy: notificationPolicy('ticket') }, [], []);
    const plan = planGrafanaAlerting(desiredGrafanaAlerting(resolved!, SCOPE), await readGrafanaAlerting(client), { owner: SCOPE, provenance: 'none' });
    expect(plan.steps.filter((s) => s.action === 'conflict')).toEqual([
      expect.objectContaining({ kind: 'policy tree', reason: expect.stringContaining("provenance 'api'") }),
    ]);
    const mark = grafana.requests.length;
    await expect(applyGrafanaAlerting(client, plan, { env })).rejects.toThrow(GrafanaAlertingSyncError);
    expect(grafana.requests.slice(mark)).toEqual([]);
  });
});
