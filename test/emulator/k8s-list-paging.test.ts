/**
 * LIST paging on the emulator's /apis as Grafana's unified storage does it (resource/server.go,
 * resource/continue.go): 50 items when no limit is asked, a page cut at 2 MiB whatever the limit,
 * opaque name-based continue tokens (the next page starts after the last name listed, so writes
 * between pages neither repeat nor skip the names that stay), and a token it did not hand out
 * refused with a k8s Status.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { DEFAULT_LIST_LIMIT, MAX_LIST_PAGE_BYTES } from '../../lib/testing/k8s.js';
import { startGrafanaEmulator, type GrafanaEmulator } from '../../lib/testing/index.js';
import { httpClient, type Call } from './contract-target.js';

const dashboards = '/apis/dashboard.grafana.app/v1/namespaces/default/dashboards';
const folders = '/apis/folder.grafana.app/v1/namespaces/default/folders';

let grafana: GrafanaEmulator;
let call: Call;

beforeAll(async () => {
  grafana = await startGrafanaEmulator({ version: '13.0.0' });
  call = httpClient(grafana.url, grafana.token);
});
afterAll(() => grafana.stop());
beforeEach(() => grafana.reset());

const create = (name: string, spec: Record<string, unknown> = {}) => call('POST', dashboards, { metadata: { name }, spec: { title: name, ...spec } });

/** Every page of a LIST, following `metadata.continue`. */
async function pages(path: string, limit: number | undefined, between?: (page: number) => Promise<void>): Promise<string[][]> {
  const out: string[][] = [];
  let token: string | undefined;
  do {
    const query = [limit !== undefined ? `limit=${limit}` : '', token ? `continue=${encodeURIComponent(token)}` : ''].filter(Boolean).join('&');
    const res = await call('GET', query ? `${path}?${query}` : path);
    expect(res.status).toBe(200);
    out.push(res.body.items.map((i: { metadata: { name: string } }) => i.metadata.name));
    token = res.body.metadata.continue;
    if (token !== undefined) await between?.(out.length);
  } while (token !== undefined && out.length < 100);
  return out;
}

describe('LIST paging on /apis', () => {
  test(`GIVEN 120 dashboards WHEN listed without a limit THEN pages of ${DEFAULT_LIST_LIMIT}, every name once, in name order`, async () => {
    const names = Array.from({ length: 120 }, (_, i) => `d-${String(119 - i).padStart(3, '0')}`);
    for (const name of names) await create(name);
    const listed = await pages(dashboards, undefined);
    expect(listed.map((p) => p.length)).toEqual([50, 50, 20]);
    expect(listed.flat()).toEqual([...names].sort());
  });

  test('GIVEN big dashboards WHEN listed with a large limit THEN a page ends once it holds 2 MiB', async () => {
    const big = 'x'.repeat(Math.ceil(MAX_LIST_PAGE_BYTES / 3));
    for (const name of ['a', 'b', 'c', 'd', 'e']) await create(name, { description: big });
    const listed = await pages(dashboards, 500);
    // Each item is a little over 2/3 MiB: the third crosses 2 MiB and ends the page.
    expect(listed).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e'],
    ]);
  });

  test('GIVEN a continue token WHEN inspected THEN it is base64 JSON naming the last item and the list resource version; a token not handed out is a 400 Status', async () => {
    for (const name of ['a', 'b', 'c']) await create(name);
    const first = await call('GET', `${dashboards}?limit=2`);
    const token = JSON.parse(Buffer.from(first.body.metadata.continue, 'base64').toString('utf8'));
    expect(token).toEqual({ n: 'b', v: Number(first.body.metadata.resourceVersion) });
    for (const bad of ['2', 'not base64 !', Buffer.from('{"n":3}').toString('base64')]) {
      const res = await call('GET', `${dashboards}?limit=2&continue=${encodeURIComponent(bad)}`);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'BadRequest', message: 'error decoding continue token' });
    }
  });

  test('GIVEN writes between pages WHEN listing THEN every name that stays is listed exactly once (folders too)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{0,6}$/), { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.record({ remove: fc.nat(), add: fc.stringMatching(/^[a-z][a-z0-9-]{0,6}$/) }), { maxLength: 5 }),
        fc.boolean(),
        async (names, limit, writes, ofFolders) => {
          grafana.reset();
          const path = ofFolders ? folders : dashboards;
          const make = (name: string) => (ofFolders ? call('POST', folders, { metadata: { name }, spec: { title: name } }) : create(name));
          for (const name of names) await make(name);
          const removed = new Set<string>();
          const listed = await pages(path, limit, async (page) => {
            const write = writes[page - 1];
            if (!write) return;
            const victim = names[write.remove % names.length]!;
            if (!removed.has(victim)) {
              removed.add(victim);
              await call('DELETE', `${path}/${victim}`);
            }
            if (!names.includes(write.add)) await make(write.add);
          });
          const all = listed.flat();
          expect(new Set(all).size).toBe(all.length);
          for (const name of names) if (!removed.has(name)) expect(all).toContain(name);
          for (const page of listed) expect(page.length).toBeLessThanOrEqual(limit);
        },
      ),
      { numRuns: 25 },
    );
  });
});
