/**
 * The contract of Grafana's schema v2 dashboards API grafts relies on (grafana-v2.md §1, §3, §4):
 * versions served, stored versions, conversions with `status.conversion`, the classic `/api` on
 * v2-stored dashboards, optimistic concurrency and manager annotations. Runs against the
 * emulator as 12.1 and 13.0, and against a real Grafana when GRAFANA_URL and GRAFANA_TOKEN are
 * set (the v2 tests then run when that Grafana serves v2).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { defaultSpec } from '../../lib/testing/dashboard-conversion.js';
import { Cleanup, CONTRACT_VERSIONS, httpClient, majorVersion, openContractTarget, type Call, type ContractTarget } from './contract-target.js';

const GROUP = 'dashboard.grafana.app';

/** A complete v2 spec (every FSDK-required field) with two tabs, an auto grid and a show/hide rule. */
function v2Spec(title: string): Record<string, unknown> {
  const panel = (id: number) => ({
    kind: 'Panel',
    spec: {
      id,
      title: `Panel ${id}`,
      description: '',
      links: [],
      data: {
        kind: 'QueryGroup',
        spec: {
          queries: [
            {
              kind: 'PanelQuery',
              spec: {
                refId: 'A',
                hidden: false,
                query: {
                  kind: 'DataQuery',
                  group: 'prometheus',
                  version: 'v0',
                  datasource: { name: 'prom' },
                  spec: { expr: 'up' },
                },
              },
            },
          ],
          transformations: [],
          queryOptions: {},
        },
      },
      vizConfig: {
        kind: 'VizConfig',
        group: 'timeseries',
        version: '',
        spec: { options: {}, fieldConfig: { defaults: {}, overrides: [] } },
      },
    },
  });
  // Grafana's default v2 spec, with its own tags and refresh choices.
  const defaults = defaultSpec('v2', title);
  return {
    ...defaults,
    tags: ['v2'],
    timeSettings: { ...(defaults.timeSettings as Record<string, unknown>), autoRefreshIntervals: ['5s', '1m'] },
    elements: { 'panel-1': panel(1), 'panel-2': panel(2) },
    layout: {
      kind: 'TabsLayout',
      spec: {
        tabs: [
          {
            kind: 'TabsLayoutTab',
            spec: {
              title: 'Overview',
              layout: {
                kind: 'GridLayout',
                spec: {
                  items: [
                    {
                      kind: 'GridLayoutItem',
                      spec: {
                        x: 0,
                        y: 0,
                        width: 12,
                        height: 8,
                        element: { kind: 'ElementReference', name: 'panel-1' },
                      },
                    },
                  ],
                },
              },
            },
          },
          {
            kind: 'TabsLayoutTab',
            spec: {
              title: 'Details',
              conditionalRendering: {
                kind: 'ConditionalRenderingGroup',
                spec: {
                  visibility: 'show',
                  condition: 'and',
                  items: [{ kind: 'ConditionalRenderingData', spec: { value: true } }],
                },
              },
              layout: {
                kind: 'AutoGridLayout',
                spec: {
                  maxColumnCount: 2,
                  columnWidthMode: 'standard',
                  rowHeightMode: 'short',
                  items: [
                    {
                      kind: 'AutoGridLayoutItem',
                      spec: {
                        element: { kind: 'ElementReference', name: 'panel-2' },
                      },
                    },
                  ],
                },
              },
            },
          },
        ],
      },
    },
  };
}

describe.each(
  CONTRACT_VERSIONS.map((version) => ({
    version,
    label: version ?? 'its own version',
  })),
)('Grafana $label: schema v2 dashboards', ({ version }) => {
  let target: ContractTarget;
  let call: Call;
  let major: number;
  let namespace: string;
  let v1: string;
  let v2: string | undefined;
  const cleanup = new Cleanup();

  beforeAll(async () => {
    target = await openContractTarget(version);
    call = httpClient(target.url, target.token);
    major = await majorVersion(call);
    namespace = (await call('GET', '/api/frontend/settings')).body.namespace ?? 'default';
    const group = (await call('GET', `/apis/${GROUP}`)).body;
    const served: string[] = (group?.versions ?? []).map((v: { version: string }) => v.version);
    v1 = served.includes('v1') ? 'v1' : 'v1beta1';
    v2 = served.includes('v2') ? 'v2' : served.includes('v2beta1') ? 'v2beta1' : undefined;
  });

  afterAll(async () => {
    if (call) await cleanup.run(call);
    await target?.stop();
  });

  const name = (suffix: string): string => cleanup.dashboard(`${target.runId}-${suffix}`);
  const path = (apiVersion: string, uid?: string): string => `/apis/${GROUP}/${apiVersion}/namespaces/${namespace}/dashboards${uid ? `/${uid}` : ''}`;
  const createV2 = async (uid: string, annotations: Record<string, string> = {}) => {
    const res = await call('POST', path(v2!), {
      apiVersion: `${GROUP}/${v2}`,
      kind: 'Dashboard',
      metadata: { name: uid, annotations },
      spec: v2Spec(`grafts ${uid}`),
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const createV1 = async (uid: string) => {
    const res = await call('POST', path(v1), {
      apiVersion: `${GROUP}/${v1}`,
      kind: 'Dashboard',
      metadata: { name: uid },
      spec: {
        title: `grafts ${uid}`,
        schemaVersion: 41,
        panels: [
          {
            id: 1,
            type: 'stat',
            title: 'Up',
            gridPos: { x: 0, y: 0, w: 6, h: 4 },
            targets: [{ refId: 'A', expr: 'up' }],
          },
        ],
      },
    });
    expect(res.status).toBe(201);
    return res.body;
  };

  test('GIVEN the release WHEN /apis/dashboard.grafana.app is read THEN it serves v1 and v2 on 13.x, v1beta1 and v2beta1 on 12.1+, preferring the v1 family', async () => {
    const group = (await call('GET', `/apis/${GROUP}`)).body;
    const served: string[] = group.versions.map((v: { version: string }) => v.version);
    if (major >= 13) expect(served).toEqual(expect.arrayContaining(['v1', 'v1beta1', 'v2', 'v2beta1']));
    else expect(served).toEqual(expect.arrayContaining(['v1beta1']));
    expect(group.preferredVersion.version).toMatch(/^v1/);
  });

  describe('when v2 is served', () => {
    test('GIVEN a v2 dashboard created WHEN read through v2 THEN the spec is as sent and no conversion is reported; through v1 THEN converted, tabs as rows, with storedVersion', async ({
      skip,
    }) => {
      if (!v2) return skip();
      const uid = name('v2-read');
      const created = await createV2(uid);
      expect(created.metadata.generation).toBe(1);
      const native = await call('GET', path(v2, uid));
      expect(native.status).toBe(200);
      expect(native.body.spec.layout).toEqual(v2Spec('x').layout);
      expect(native.body.status?.conversion?.failed ?? false).toBe(false);

      const down = await call('GET', path(v1, uid));
      expect(down.status).toBe(200);
      expect(down.body.apiVersion).toBe(`${GROUP}/${v1}`);
      expect(down.body.status.conversion).toMatchObject({
        failed: false,
        storedVersion: v2,
      });
      const panels = down.body.spec.panels as { type: string; title: string }[];
      expect(panels.filter((p) => p.type === 'row').map((p) => p.title)).toEqual(['Overview', 'Details']);
      expect(JSON.stringify(down.body.spec)).not.toContain('conditionalRendering');
    });

    test('GIVEN a v1-stored dashboard WHEN read through v2 THEN 200 with a converted spec (elements panel-<id>) and storedVersion of the v1 family', async ({
      skip,
    }) => {
      if (!v2) return skip();
      const uid = name('v1-read');
      await createV1(uid);
      const res = await call('GET', path(v2, uid));
      expect(res.status).toBe(200);
      expect(Object.keys(res.body.spec.elements)).toEqual(['panel-1']);
      expect(res.body.spec.layout.kind).toBe('GridLayout');
      expect(res.body.status.conversion).toMatchObject({
        failed: false,
        storedVersion: v1,
      });
    });

    test('GIVEN a v1-stored dashboard WHEN replaced through v2 THEN it is stored as v2 and the generation grows', async ({ skip }) => {
      if (!v2) return skip();
      const uid = name('v1-to-v2');
      const created = await createV1(uid);
      const res = await call('PUT', path(v2, uid), {
        apiVersion: `${GROUP}/${v2}`,
        kind: 'Dashboard',
        metadata: {
          name: uid,
          resourceVersion: created.metadata.resourceVersion,
        },
        spec: v2Spec(`grafts ${uid}`),
      });
      expect(res.status).toBe(200);
      expect(res.body.metadata.generation).toBe(2);
      const check = await call('GET', path(v1, uid));
      expect(check.body.status.conversion.storedVersion).toBe(v2);
    });

    test('GIVEN a v2 dashboard WHEN written with a stale resourceVersion THEN 409 Conflict; with the current one and the same spec THEN the generation stays', async ({
      skip,
    }) => {
      if (!v2) return skip();
      const uid = name('v2-rv');
      const created = await createV2(uid);
      const same = await call('PUT', path(v2, uid), {
        ...created,
        metadata: {
          ...created.metadata,
          annotations: {
            ...created.metadata.annotations,
            'grafana.app/message': 'same spec',
          },
        },
      });
      expect(same.status).toBe(200);
      expect(same.body.metadata.generation).toBe(1);
      const changed = await call('PUT', path(v2, uid), {
        ...same.body,
        spec: { ...same.body.spec, title: `grafts ${uid} 2` },
      });
      expect(changed.status).toBe(200);
      expect(changed.body.metadata.generation).toBe(2);
      const stale = await call('PUT', path(v2, uid), {
        ...same.body,
        spec: { ...same.body.spec, title: `grafts ${uid} 3` },
      });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({
        kind: 'Status',
        reason: 'Conflict',
        code: 409,
      });
    });

    test('GIVEN a dashboard managed by one tool WHEN another manager kind or identity is written THEN 403; the same manager THEN 200', async ({ skip }) => {
      if (!v2) return skip();
      const uid = name('v2-managed');
      const created = await createV2(uid, {
        'grafana.app/managedBy': 'kubectl',
        'grafana.app/managerId': 'grafts',
        'grafana.app/managerAllowsEdits': 'true',
      });
      expect(created.metadata.annotations).toMatchObject({
        'grafana.app/managedBy': 'kubectl',
        'grafana.app/managerId': 'grafts',
      });
      const withManager = (annotations: Record<string, string>) => ({
        ...created,
        metadata: {
          ...created.metadata,
          resourceVersion: undefined,
          annotations: { ...created.metadata.annotations, ...annotations },
        },
      });
      const kind = await call('PUT', path(v2, uid), withManager({ 'grafana.app/managedBy': 'terraform' }));
      expect(kind.status).toBe(403);
      expect(kind.body).toMatchObject({
        kind: 'Status',
        reason: 'Forbidden',
        code: 403,
      });
      expect(kind.body.message).toContain('Cannot change resource manager kind');
      const identity = await call('PUT', path(v2, uid), withManager({ 'grafana.app/managerId': 'someone-else' }));
      expect(identity.status).toBe(403);
      expect(identity.body.message).toContain('Cannot change resource manager identity');
      const same = await call('PUT', path(v2, uid), withManager({ 'grafana.app/message': 'ok' }));
      expect(same.status).toBe(200);
    });

    test('GIVEN a v2 spec with an unknown key and no layout WHEN created THEN the key is dropped and an empty GridLayout is stored', async ({ skip }) => {
      if (!v2) return skip();
      const uid = name('v2-normalised');
      const { layout: _layout, ...spec } = v2Spec(`grafts ${uid}`);
      const res = await call('POST', path(v2), {
        apiVersion: `${GROUP}/${v2}`,
        kind: 'Dashboard',
        metadata: { name: uid },
        spec: { ...spec, notAField: 1 },
      });
      expect(res.status).toBe(201);
      const got = await call('GET', path(v2, uid));
      expect(got.body.spec).not.toHaveProperty('notAField');
      expect(got.body.spec.layout).toEqual({
        kind: 'GridLayout',
        spec: { items: [] },
      });
    });

    test('GIVEN v1- and v2-stored dashboards WHEN listed through v1 THEN each item carries its stored version', async ({ skip }) => {
      if (!v2) return skip();
      const a = name('list-v1');
      const b = name('list-v2');
      await createV1(a);
      await createV2(b);
      const list = await call('GET', `${path(v1)}?limit=500`);
      const stored = new Map<string, string | undefined>(list.body.items.map((i: any) => [i.metadata.name, i.status?.conversion?.storedVersion]));
      expect(stored.get(b)).toBe(v2);
      expect([undefined, v1]).toContain(stored.get(a));
    });

    test('GIVEN a v2-stored dashboard WHEN read through the classic /api THEN 13.x answers 200 with lossy classic JSON (v2 with ?apiVersion), 12.x answers 406', async ({
      skip,
    }) => {
      if (!v2) return skip();
      const uid = name('v2-classic');
      await createV2(uid);
      const res = await call('GET', `/api/dashboards/uid/${uid}`);
      if (major >= 13) {
        expect(res.status).toBe(200);
        expect(res.body.dashboard.panels.map((p: { type: string }) => p.type)).toContain('row');
        const asV2 = await call('GET', `/api/dashboards/uid/${uid}?apiVersion=${v2}`);
        expect(asV2.status).toBe(200);
        expect(asV2.body.dashboard.layout.kind).toBe('TabsLayout');
      } else {
        expect(res.status).toBe(406);
        expect(res.body.message).toContain(`/apis/dashboard.grafana.app/${v2}/namespaces/`);
      }
    });

    test('GIVEN POST /api/dashboards/db WHEN the body is a bare v2 spec THEN 400; on 13.x a wrapper with an apiVersion is saved at that version', async ({
      skip,
    }) => {
      if (!v2) return skip();
      const bare = await call('POST', '/api/dashboards/db', {
        dashboard: {
          ...v2Spec(`grafts ${target.runId} bare`),
          uid: name('bare'),
        },
        overwrite: true,
      });
      expect(bare.status).toBe(400);
      expect(bare.body.message).toContain('dashboard appears to be in v2 format');
      if (major < 13) return;
      const uid = name('wrapped');
      const wrapped = await call('POST', '/api/dashboards/db', {
        dashboard: {
          apiVersion: `${GROUP}/${v2}`,
          kind: 'Dashboard',
          metadata: { name: uid },
          spec: v2Spec(`grafts ${uid}`),
        },
        overwrite: true,
      });
      expect(wrapped.status).toBe(200);
      expect(wrapped.body).toMatchObject({ status: 'success', uid });
      const got = await call('GET', path(v1, uid));
      expect(got.body.status.conversion.storedVersion).toBe(v2);
      const withId = await call('POST', '/api/dashboards/db', {
        dashboard: {
          id: 1,
          apiVersion: `${GROUP}/${v2}`,
          kind: 'Dashboard',
          metadata: { name: uid },
          spec: v2Spec('x'),
        },
      });
      expect(withId.status).toBe(400);
    });

    test('GIVEN a v2-stored dashboard WHEN a classic body is saved over it through /api THEN it is stored classic and its tabs are gone (the hazard grafts must avoid)', async ({
      skip,
    }) => {
      if (!v2) return skip();
      const uid = name('v2-overwritten');
      await createV2(uid);
      const res = await call('POST', '/api/dashboards/db', {
        dashboard: { uid, title: `grafts ${uid}`, panels: [] },
        overwrite: true,
      });
      expect(res.status).toBe(200);
      const got = await call('GET', path(v2, uid));
      expect(got.body.spec.layout.kind).not.toBe('TabsLayout');
      expect(got.body.status.conversion.storedVersion).not.toMatch(/^v2/);
    });
  });
});
