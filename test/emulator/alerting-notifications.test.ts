/**
 * The emulator's notification provisioning endpoints (grafana-api.md §6.1, §6.5, §13 item 4):
 * status codes, provenance, redaction of secure settings, 404/409 shapes, the policy tree PUT
 * replacing the whole tree, contact points by uid, mute timings and templates by name.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startGrafanaEmulator, type GrafanaEmulator } from '../../lib/testing/index.js';
import { SECURE_SETTINGS } from '../../lib/testing/notifications.js';
import { httpClient } from './contract-target.js';

const BASE = '/api/v1/provisioning';
const NO_PROVENANCE = { 'X-Disable-Provenance': 'true' };

let grafana: GrafanaEmulator;
let call: ReturnType<typeof httpClient>;

beforeAll(async () => {
  grafana = await startGrafanaEmulator();
  call = httpClient(grafana.url, grafana.token);
});
afterAll(() => grafana.stop());
beforeEach(() => grafana.reset());

describe('GIVEN a fresh emulated Grafana', () => {
  test('WHEN its notification resources are read THEN it has the default contact point and policy tree, no provenance', async () => {
    const points = await call('GET', `${BASE}/contact-points`);
    expect(points.status).toBe(200);
    expect(points.body).toEqual([expect.objectContaining({ name: 'grafana-default-email', type: 'email' })]);
    expect(points.body[0].provenance).toBeUndefined();
    const policies = await call('GET', `${BASE}/policies`);
    expect(policies.body).toEqual({ receiver: 'grafana-default-email', group_by: ['grafana_folder', 'alertname'] });
    expect((await call('GET', `${BASE}/mute-timings`)).body).toEqual([]);
    expect((await call('GET', `${BASE}/templates`)).body).toEqual([]);
  });
});

describe('GIVEN contact points', () => {
  const slack = (url: string) => ({ uid: 'ops-slack', name: 'ops', type: 'slack', settings: { url, recipient: '#ops' } });

  test('WHEN one is created THEN 202 answers it with the secure setting redacted, provenance api, and the list redacts too', async () => {
    const created = await call('POST', `${BASE}/contact-points`, slack('https://hooks.example/SENTINEL'));
    expect(created.status).toBe(202);
    expect(created.body).toEqual({
      uid: 'ops-slack',
      name: 'ops',
      type: 'slack',
      settings: { url: '[REDACTED]', recipient: '#ops' },
      disableResolveMessage: false,
      provenance: 'api',
    });
    const listed = await call('GET', `${BASE}/contact-points?name=ops`);
    expect(listed.body).toEqual([created.body]);
    expect(listed.text).not.toContain('SENTINEL');
    expect(grafana.state.notifications.contactPoints.get('ops-slack')?.settings.url).toBe('https://hooks.example/SENTINEL');
  });

  test('WHEN created with X-Disable-Provenance THEN it has no provenance; a second one with the same uid is a 400', async () => {
    const created = await call('POST', `${BASE}/contact-points`, slack('https://a'), NO_PROVENANCE);
    expect(created.body.provenance).toBeUndefined();
    expect((await call('POST', `${BASE}/contact-points`, slack('https://b'))).status).toBe(400);
  });

  test('WHEN updated with the redacted value THEN the stored secret is kept; an unknown uid is a 404; api to none is a 403', async () => {
    await call('POST', `${BASE}/contact-points`, slack('https://keep'));
    const updated = await call('PUT', `${BASE}/contact-points/ops-slack`, { ...slack('[REDACTED]'), settings: { url: '[REDACTED]', recipient: '#ops2' } });
    expect(updated).toMatchObject({ status: 202, body: { message: 'contactpoint updated' } });
    expect(grafana.state.notifications.contactPoints.get('ops-slack')?.settings).toEqual({ url: 'https://keep', recipient: '#ops2' });
    expect((await call('PUT', `${BASE}/contact-points/nope`, slack('https://x'))).status).toBe(404);
    const refused = await call('PUT', `${BASE}/contact-points/ops-slack`, slack('https://x'), NO_PROVENANCE);
    expect(refused.status).toBe(403);
    expect(refused.body.messageId).toBe('alerting.notifications.invalidProvenance');
  });

  test('WHEN invalid THEN 400: unknown type, missing required setting, bad uid', async () => {
    expect((await call('POST', `${BASE}/contact-points`, { name: 'x', type: 'carrier-pigeon', settings: {} })).status).toBe(400);
    expect((await call('POST', `${BASE}/contact-points`, { name: 'x', type: 'webhook', settings: {} })).status).toBe(400);
    expect((await call('POST', `${BASE}/contact-points`, { uid: 'a/b', name: 'x', type: 'webhook', settings: { url: 'https://x' } })).status).toBe(400);
  });

  test('WHEN the policy tree uses one THEN deleting its last integration is a 409; unused, 202', async () => {
    await call('POST', `${BASE}/contact-points`, slack('https://x'));
    expect((await call('PUT', `${BASE}/policies`, { receiver: 'ops' })).status).toBe(202);
    const refused = await call('DELETE', `${BASE}/contact-points/ops-slack`);
    expect(refused.status).toBe(409);
    expect(refused.body.messageId).toBe('alerting.notifications.contact-points.referenced');
    expect((await call('PUT', `${BASE}/policies`, { receiver: 'grafana-default-email' })).status).toBe(202);
    expect(await call('DELETE', `${BASE}/contact-points/ops-slack`)).toMatchObject({ status: 202, body: { message: 'contactpoint deleted' } });
  });

  test('WHEN any secure setting of any type holds a sentinel THEN no read answers it', async () => {
    const types = Object.keys(SECURE_SETTINGS);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...types), fc.stringMatching(/^[A-Za-z0-9]{8,24}$/), async (type, sentinel) => {
        grafana.reset();
        const settings: Record<string, string> = { url: 'https://example.com', chatid: '1', addresses: 'a@b' };
        for (const key of SECURE_SETTINGS[type]!) settings[key] = `S3NT-${sentinel}`;
        const created = await call('POST', `${BASE}/contact-points`, { name: 'p', type, settings });
        expect(created.status).toBe(202);
        for (const read of [created, await call('GET', `${BASE}/contact-points`)]) expect(read.text).not.toContain(`S3NT-${sentinel}`);
      }),
      { numRuns: 30 },
    );
  });
});

describe('GIVEN the policy tree', () => {
  test('WHEN PUT THEN 202 and the tree is replaced whole (child routes not sent are gone), with provenance api', async () => {
    await call('POST', `${BASE}/contact-points`, { uid: 'p1', name: 'page', type: 'webhook', settings: { url: 'https://x' } });
    const tree = { receiver: 'grafana-default-email', routes: [{ receiver: 'page', object_matchers: [['severity', '=', 'critical']] }, { receiver: 'page' }] };
    expect(await call('PUT', `${BASE}/policies`, tree)).toMatchObject({ status: 202, body: { message: 'policies updated' } });
    expect((await call('GET', `${BASE}/policies`)).body).toEqual({ ...tree, provenance: 'api' });
    await call('PUT', `${BASE}/policies`, { receiver: 'page' });
    expect((await call('GET', `${BASE}/policies`)).body).toEqual({ receiver: 'page', provenance: 'api' });
  });

  test('WHEN a route names an unknown receiver or mute timing, or the root has matchers THEN 400 and nothing changes', async () => {
    for (const bad of [
      { receiver: 'nobody' },
      { receiver: 'grafana-default-email', routes: [{ receiver: 'nobody' }] },
      { receiver: 'grafana-default-email', routes: [{ mute_time_intervals: ['never-defined'] }] },
      { receiver: 'grafana-default-email', object_matchers: [['a', '=', 'b']] },
      { receiver: 'grafana-default-email', routes: [{ object_matchers: [['a', '~', 'b']] }] },
      { receiver: 'grafana-default-email', group_wait: 'soon' },
    ]) {
      expect((await call('PUT', `${BASE}/policies`, bad)).status).toBe(400);
    }
    expect((await call('GET', `${BASE}/policies`)).body).toEqual({ receiver: 'grafana-default-email', group_by: ['grafana_folder', 'alertname'] });
  });

  test('WHEN DELETE THEN it is reset to the default tree, answered with 202', async () => {
    await call('PUT', `${BASE}/policies`, { receiver: 'grafana-default-email', group_by: ['x'] });
    const reset = await call('DELETE', `${BASE}/policies`);
    expect(reset).toMatchObject({ status: 202, body: { receiver: 'grafana-default-email', group_by: ['grafana_folder', 'alertname'] } });
  });
});

describe('GIVEN mute timings', () => {
  const weekends = { name: 'weekends', time_intervals: [{ weekdays: ['saturday', 'sunday'], times: [{ start_time: '00:00', end_time: '24:00' }] }] };

  test('WHEN created, read, updated and deleted THEN 201, 200, 202, 204 with a new version on each write', async () => {
    const created = await call('POST', `${BASE}/mute-timings`, weekends);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...weekends, provenance: 'api' });
    expect((await call('GET', `${BASE}/mute-timings/weekends`)).body).toEqual(created.body);
    const updated = await call('PUT', `${BASE}/mute-timings/weekends`, { ...weekends, time_intervals: [], version: created.body.version });
    expect(updated.status).toBe(202);
    expect(updated.body.version).not.toBe(created.body.version);
    expect((await call('DELETE', `${BASE}/mute-timings/weekends`)).status).toBe(204);
    const gone = await call('GET', `${BASE}/mute-timings/weekends`);
    expect(gone.status).toBe(404);
    expect(gone.body.messageId).toBe('alerting.notifications.time-intervals.notFound');
  });

  test('WHEN the name exists, the version is stale, it is unknown, or a route uses it THEN 400, 409, 404, 409', async () => {
    const created = await call('POST', `${BASE}/mute-timings`, weekends);
    const exists = await call('POST', `${BASE}/mute-timings`, weekends);
    expect(exists.status).toBe(400);
    expect(exists.body.messageId).toBe('alerting.notifications.time-intervals.nameExists');
    await call('PUT', `${BASE}/mute-timings/weekends`, weekends);
    expect((await call('PUT', `${BASE}/mute-timings/weekends`, { ...weekends, version: created.body.version })).status).toBe(409);
    expect((await call('PUT', `${BASE}/mute-timings/nope`, weekends)).status).toBe(404);
    await call('PUT', `${BASE}/policies`, { receiver: 'grafana-default-email', routes: [{ mute_time_intervals: ['weekends'] }] });
    const used = await call('DELETE', `${BASE}/mute-timings/weekends`);
    expect(used.status).toBe(409);
    expect(used.body.messageId).toBe('alerting.notifications.time-intervals.used');
  });

  test('WHEN a time range is malformed THEN 400', async () => {
    expect((await call('POST', `${BASE}/mute-timings`, { name: 'x', time_intervals: [{ times: [{ start_time: '25:00', end_time: '26:00' }] }] })).status).toBe(
      400,
    );
  });
});

describe('GIVEN templates', () => {
  test('WHEN PUT by name THEN 202 creates or updates; GET by name; DELETE 204; then GET is a 404 with its messageId', async () => {
    const text = '{{ define "x" }}hello{{ end }}';
    const put = await call('PUT', `${BASE}/templates/chat`, { template: text });
    expect(put.status).toBe(202);
    expect(put.body).toMatchObject({ name: 'chat', template: text, provenance: 'api' });
    expect((await call('GET', `${BASE}/templates/chat`)).body).toEqual(put.body);
    expect((await call('PUT', `${BASE}/templates/chat`, { template: text, version: 'stale' })).status).toBe(409);
    expect((await call('DELETE', `${BASE}/templates/chat`)).status).toBe(204);
    const gone = await call('GET', `${BASE}/templates/chat`);
    expect(gone).toMatchObject({ status: 404, body: { messageId: 'alerting.notifications.templates.notFound' } });
  });

  test('WHEN the template does not parse THEN 400 and nothing is stored', async () => {
    for (const bad of ['{{ define "x" }}no end', '{{ oops', '{{ end }}']) {
      expect((await call('PUT', `${BASE}/templates/bad`, { template: bad })).status).toBe(400);
    }
    expect(grafana.state.notifications.templates.size).toBe(0);
  });
});
