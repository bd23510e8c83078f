/**
 * The emulator's contact point, policy tree, mute timing and template responses checked against
 * Grafana's own OpenAPI subset (`../shared/reference/grafana-openapi-provisioning.json`): every
 * status documented, every body of the documented schema. (grafana-api.md §13 item 4 — the
 * handlers' `{"message": …}` where the spec says `Ack` — is no finding: `Ack` is any object.)
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startGrafanaEmulator, type GrafanaEmulator } from '../../lib/testing/index.js';
import { httpClient } from './contract-target.js';
import { checkAgainstSpec, recorder, type Exchange, type Spec } from './openapi-check.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const specPath = path.resolve(repoRoot, '../shared/reference/grafana-openapi-provisioning.json');

describe('notification provisioning responses against grafana-openapi-provisioning.json', () => {
  if (!existsSync(specPath)) {
    test('GIVEN no saved provisioning OpenAPI spec WHEN the contract runs THEN its absence is reported', () => {
      console.warn(`Provisioning OpenAPI contract not checked: ${specPath} does not exist`);
      expect(existsSync(specPath)).toBe(false);
    });
    return;
  }

  let grafana: GrafanaEmulator;
  const exchanges: Exchange[] = [];

  beforeAll(async () => {
    grafana = await startGrafanaEmulator();
    const call = httpClient(grafana.url, grafana.token);
    const record = recorder(call, exchanges);
    const CPS = '/v1/provisioning/contact-points';
    const CP = '/v1/provisioning/contact-points/{UID}';
    const POLICIES = '/v1/provisioning/policies';
    const MTS = '/v1/provisioning/mute-timings';
    const MT = '/v1/provisioning/mute-timings/{name}';
    const TS = '/v1/provisioning/templates';
    const T = '/v1/provisioning/templates/{name}';
    await record('GET', CPS, CPS);
    await record('POST', CPS, CPS, { uid: 'page', name: 'page', type: 'slack', settings: { url: 'https://hooks.example/x', recipient: '#ops' } });
    await record('POST', CPS, CPS, { name: 'bad', type: 'webhook', settings: {} });
    await record('PUT', CP, `${CPS}/page`, { uid: 'page', name: 'page', type: 'slack', settings: { url: '[REDACTED]', recipient: '#ops2' } });
    await record('GET', CPS, `${CPS}?name=page`);
    await record('POST', MTS, MTS, { name: 'weekends', time_intervals: [{ weekdays: ['saturday', 'sunday'] }] });
    await record('POST', MTS, MTS, { name: 'weekends', time_intervals: [] });
    await record('GET', MTS, MTS);
    await record('GET', MT, `${MTS}/weekends`);
    await record('GET', MT, `${MTS}/nope`);
    await record('PUT', MT, `${MTS}/weekends`, { name: 'weekends', time_intervals: [{ times: [{ start_time: '00:00', end_time: '06:00' }] }] });
    await record('PUT', POLICIES, POLICIES, {
      receiver: 'page',
      routes: [{ receiver: 'page', object_matchers: [['severity', '=', 'critical']], mute_time_intervals: ['weekends'] }],
    });
    await record('PUT', POLICIES, POLICIES, { receiver: 'nobody' });
    await record('GET', POLICIES, POLICIES);
    await record('DELETE', MT, `${MTS}/weekends`);
    await record('PUT', T, `${TS}/chat`, { template: '{{ define "chat" }}x{{ end }}' });
    await record('PUT', T, `${TS}/bad`, { template: '{{ define "x" }}' });
    await record('GET', TS, TS);
    await record('GET', T, `${TS}/chat`);
    await record('GET', T, `${TS}/nope`);
    await record('DELETE', T, `${TS}/chat`);
    await record('DELETE', POLICIES, POLICIES);
    await record('DELETE', MT, `${MTS}/weekends`);
    await record('DELETE', CP, `${CPS}/page`);
  });

  afterAll(() => grafana?.stop());

  test('GIVEN the recorded exchanges WHEN made THEN they cover success and error statuses of every served operation', () => {
    const statuses = new Set(exchanges.map((e) => `${e.method} ${e.template} ${e.result.status}`));
    for (const expected of [
      'GET /v1/provisioning/contact-points 200',
      'POST /v1/provisioning/contact-points 202',
      'POST /v1/provisioning/contact-points 400',
      'PUT /v1/provisioning/contact-points/{UID} 202',
      'DELETE /v1/provisioning/contact-points/{UID} 202',
      'GET /v1/provisioning/policies 200',
      'PUT /v1/provisioning/policies 202',
      'PUT /v1/provisioning/policies 400',
      'DELETE /v1/provisioning/policies 202',
      'GET /v1/provisioning/mute-timings 200',
      'POST /v1/provisioning/mute-timings 201',
      'POST /v1/provisioning/mute-timings 400',
      'GET /v1/provisioning/mute-timings/{name} 200',
      'GET /v1/provisioning/mute-timings/{name} 404',
      'PUT /v1/provisioning/mute-timings/{name} 202',
      'DELETE /v1/provisioning/mute-timings/{name} 409',
      'DELETE /v1/provisioning/mute-timings/{name} 204',
      'GET /v1/provisioning/templates 200',
      'GET /v1/provisioning/templates/{name} 200',
      'GET /v1/provisioning/templates/{name} 404',
      'PUT /v1/provisioning/templates/{name} 202',
      'PUT /v1/provisioning/templates/{name} 400',
      'DELETE /v1/provisioning/templates/{name} 204',
    ]) {
      expect(statuses, expected).toContain(expected);
    }
  });

  test('GIVEN the spec WHEN every response is validated THEN there is no finding', () => {
    const spec = JSON.parse(readFileSync(specPath, 'utf8')) as Spec;
    const findings = checkAgainstSpec(spec, exchanges);
    expect(findings).toEqual([]);
  });
});
