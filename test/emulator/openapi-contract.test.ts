/**
 * The emulator's /api responses checked against Grafana's own OpenAPI (Swagger 2.0) spec,
 * `../shared/reference/grafana-openapi.json` (relative to the repository root). Only the
 * discrepancies grafana-api.md §13 documents between that spec and Grafana's code are allowed,
 * each for one operation, status and exact validation problem.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startGrafanaEmulator, type GrafanaEmulator } from '../../lib/testing/index.js';
import { httpClient } from './contract-target.js';
import { checkAgainstSpec, type Exchange, type Finding, type Spec } from './openapi-check.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const specPath = path.resolve(repoRoot, '../shared/reference/grafana-openapi.json');

/**
 * Where Grafana's code (which the emulator follows) and its OpenAPI spec disagree, per
 * grafana-api.md §13 (items 4–6 are alerting provisioning: alerting-openapi-contract.test.ts checks those).
 */
export const ALLOWED_SPEC_DISCREPANCIES = [
  {
    item: 1,
    method: 'get',
    path: '/dashboards/uid/{uid}/versions',
    status: 200,
    problem: '/ must be array',
    why: 'spec types a bare DashboardVersionMeta[]; 12.x+ code sends {"versions":[…],"continueToken":"…"}',
  },
  {
    item: 2,
    method: 'post',
    path: '/dashboards/db',
    status: 409,
    problem: 'status 409 not documented',
    why: "spec omits 409; newest code answers 409 for conflicts (the emulator's classic mode sends 412, so this is not exercised)",
  },
  {
    item: 3,
    method: 'put',
    path: '/folders/{folder_uid}',
    status: 412,
    problem: 'status 412 not documented',
    why: 'spec lists only 409; a stale folder version actually yields 412 version-mismatch',
  },
  {
    item: 7,
    method: 'post',
    path: '/dashboards/db',
    status: 200,
    problem: "/ must have required property 'title'",
    why: 'postDashboardResponse names the slug property "title" (required); the handler sends "slug"',
  },
  {
    item: 7,
    method: 'post',
    path: '/dashboards/uid/{uid}/restore',
    status: 200,
    problem: "/ must have required property 'title'",
    why: 'same postDashboardResponse as POST /dashboards/db: "title" instead of "slug"',
  },
] as const;

function isAllowed(f: Finding): boolean {
  return ALLOWED_SPEC_DISCREPANCIES.some((d) => d.method === f.method && d.path === f.path && d.status === f.status && d.problem === f.problem);
}

describe('emulator responses against grafana-openapi.json', () => {
  const specPresent = existsSync(specPath);

  if (!specPresent) {
    test('GIVEN no saved OpenAPI spec WHEN the contract runs THEN its absence is reported', () => {
      console.warn(`OpenAPI contract not checked: ${specPath} does not exist`);
      expect(existsSync(specPath)).toBe(false);
    });
    return;
  }

  let grafana: GrafanaEmulator;
  const exchanges: Exchange[] = [];

  beforeAll(async () => {
    grafana = await startGrafanaEmulator();
    const call = httpClient(grafana.url, grafana.token);
    const anonymous = httpClient(grafana.url, undefined);
    const record = async (method: string, template: string, p: string, body?: unknown, client = call) => {
      const result = await client(method, `/api${p}`, body);
      exchanges.push({ method, template, result });
      return result;
    };
    await record('GET', '/health', '/health');
    await record('GET', '/user', '/user');
    await record('GET', '/user', '/user', undefined, anonymous);
    await record('POST', '/folders', '/folders', { uid: 'top', title: 'Top', description: 'd' });
    await record('POST', '/folders', '/folders', { uid: 'sub', title: 'Sub', parentUid: 'top' });
    await record('POST', '/folders', '/folders', { uid: 'top', title: 'Again' });
    await record('POST', '/folders', '/folders', { title: '' });
    await record('GET', '/folders', '/folders');
    await record('GET', '/folders', '/folders?parentUid=top');
    await record('GET', '/folders/{folder_uid}', '/folders/sub');
    await record('GET', '/folders/{folder_uid}', '/folders/missing');
    await record('PUT', '/folders/{folder_uid}', '/folders/top', { title: 'Top 2', version: 1 });
    await record('PUT', '/folders/{folder_uid}', '/folders/top', { title: 'Top 3', version: 1 });
    await record('PUT', '/folders/{folder_uid}', '/folders/missing', { title: 'x', version: 1 });
    await record('GET', '/folders/{folder_uid}/counts', '/folders/top/counts');
    await record('POST', '/folders/{folder_uid}/move', '/folders/sub/move', { parentUid: '' });
    await record('POST', '/folders/{folder_uid}/move', '/folders/missing/move', { parentUid: '' });
    await record('POST', '/dashboards/db', '/dashboards/db', { dashboard: { uid: 'd', title: 'D', tags: ['b', 'a'] }, folderUid: 'top' });
    await record('POST', '/dashboards/db', '/dashboards/db', { dashboard: { uid: 'd', title: 'D', version: 1 }, folderUid: 'top', message: 'two' });
    await record('POST', '/dashboards/db', '/dashboards/db', { dashboard: { uid: 'd', title: 'D', version: 1 } });
    await record('POST', '/dashboards/db', '/dashboards/db', { dashboard: { title: '' } });
    await record('POST', '/dashboards/db', '/dashboards/db', { dashboard: { id: 999, title: 'x' } });
    await record('POST', '/dashboards/db', '/dashboards/db', { dashboard: { uid: 'r', title: 'Root' } });
    await record('GET', '/dashboards/uid/{uid}', '/dashboards/uid/d');
    await record('GET', '/dashboards/uid/{uid}', '/dashboards/uid/r');
    await record('GET', '/dashboards/uid/{uid}', '/dashboards/uid/missing');
    await record('GET', '/dashboards/uid/{uid}/versions', '/dashboards/uid/d/versions');
    await record('GET', '/dashboards/uid/{uid}/versions', '/dashboards/uid/missing/versions');
    await record('GET', '/dashboards/uid/{uid}/versions/{DashboardVersionID}', '/dashboards/uid/d/versions/1');
    await record('POST', '/dashboards/uid/{uid}/restore', '/dashboards/uid/d/restore', { version: 1 });
    await record('GET', '/dashboards/tags', '/dashboards/tags');
    await record('GET', '/search', '/search');
    await record('GET', '/search', '/search?type=dash-db&tag=a');
    await record('GET', '/search', '/search?limit=5001');
    await record('GET', '/org', '/org');
    await record('DELETE', '/dashboards/uid/{uid}', '/dashboards/uid/r');
    await record('DELETE', '/dashboards/uid/{uid}', '/dashboards/uid/missing');
    await record('DELETE', '/folders/{folder_uid}', '/folders/top');
    await record('DELETE', '/folders/{folder_uid}', '/folders/missing');
  });

  afterAll(() => grafana?.stop());

  test('GIVEN the covered endpoints WHEN their responses are validated THEN only the documented §13 discrepancies occur', () => {
    const spec = JSON.parse(readFileSync(specPath, 'utf8')) as Spec;
    const findings = checkAgainstSpec(spec, exchanges);
    expect(findings.filter((f) => !isAllowed(f))).toEqual([]);
    // Every allowance the emulator can produce is still needed (the list stays exact).
    const produced = ALLOWED_SPEC_DISCREPANCIES.filter((d) => d.item !== 2);
    for (const d of produced) {
      expect(
        findings.some((f) => f.method === d.method && f.path === d.path && f.status === d.status),
        `${d.method} ${d.path} ${d.status}`,
      ).toBe(true);
    }
  });

  test('GIVEN the exercised calls WHEN counted THEN every covered operation and several error statuses were checked', () => {
    const operations = new Set(exchanges.map((e) => `${e.method} ${e.template}`));
    expect(operations.size).toBeGreaterThanOrEqual(17);
    const statuses = new Set(exchanges.map((e) => e.result.status));
    expect([...statuses].sort()).toEqual([200, 400, 401, 404, 409, 412, 422]);
  });
});
