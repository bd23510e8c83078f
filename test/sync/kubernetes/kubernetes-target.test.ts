/**
 * The Kubernetes targets on temp dirs: every object validates against its CRD, names follow
 * DNS-1123, reading back gives what was written (so a no-op plan stays a no-op), only grafts'
 * own files are touched, the ConfigMap size limit, and deterministic bytes in both layouts.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { withManagedMarker } from '../../../lib/sync/managed-marker.js';
import { ownerTag, type OwnerScope } from '../../../lib/sync/ownership.js';
import type { DashboardResource, FolderResource } from '../../../lib/sync/resources.js';
import { dns1123SubdomainProblem } from '../../../lib/sync/targets/kubernetes/kubernetes-names.js';
import { KubernetesRuleTarget } from '../../../lib/sync/targets/kubernetes/kubernetes-rule-target.js';
import { CONFIGMAP_MAX_BYTES, KubernetesTarget, type KubernetesTargetOptions } from '../../../lib/sync/targets/kubernetes/kubernetes-target.js';
import { KubernetesTargetError, MANAGED_BY_LABEL } from '../../../lib/sync/targets/kubernetes/manifest-store.js';
import { crdErrors } from '../../support/validate-crd.js';

const W = { message: 'grafts apply' };
const SCOPE: OwnerScope = { project: 'shop', uidPrefix: '' };
const dirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'grafts-k8s-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function target(options: Partial<KubernetesTargetOptions> = {}): KubernetesTarget {
  return new KubernetesTarget({
    name: 'eu',
    flavor: 'grafana-operator',
    dir: tempDir(),
    project: SCOPE.project,
    namespace: 'monitoring',
    labels: { team: 'shop' },
    ...options,
  });
}

function folder(uid: string, title: string, parentUid?: string): FolderResource {
  return { kind: 'Folder', uid, title, ...(parentUid !== undefined && { parentUid }), source: `folders.ts › ${uid}` };
}

function dashboard(uid: string, title: string, folderUid?: string, extra: Record<string, unknown> = {}): DashboardResource {
  return {
    kind: 'Dashboard',
    uid,
    title,
    ...(folderUid !== undefined && { folderUid }),
    schema: 'v1',
    json: withManagedMarker({ uid, title, panels: [], ...extra }, { ownerTag: ownerTag(SCOPE, uid), folderUid }),
    source: `${uid}.dash.ts`,
  };
}

function v2Dashboard(uid: string, title: string, folderUid?: string): DashboardResource {
  const spec = {
    title,
    tags: [ownerTag(SCOPE, uid)],
    elements: {},
    layout: { kind: 'GridLayout', spec: { items: [] } },
    variables: [],
    annotations: [],
    links: [],
    cursorSync: 'Off',
    preload: false,
    timeSettings: { from: 'now-6h', to: 'now' },
  };
  return { kind: 'Dashboard', uid, title, ...(folderUid !== undefined && { folderUid }), schema: 'v2', json: spec, source: `${uid}.dash.ts` };
}

/** Every object in the target's folder, parsed. */
function objectsIn(dir: string): Record<string, any>[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap((f) => parseAllDocuments(readFileSync(path.join(dir, f), 'utf8')).map((d) => d.toJS() as Record<string, any>));
}

function expectValid(objects: Record<string, any>[]): void {
  for (const object of objects) {
    expect({ kind: object['kind'], name: object['metadata'].name, errors: crdErrors(object as { apiVersion: string; kind: string }) }).toEqual({
      kind: object['kind'],
      name: object['metadata'].name,
      errors: [],
    });
    expect(dns1123SubdomainProblem(object['metadata'].name)).toBeUndefined();
    expect(object['metadata'].labels[MANAGED_BY_LABEL]).toBe('grafts');
    // grafana-operator's CEL rule: a folder by reference or by uid, never both.
    const spec = object['spec'] ?? {};
    expect('folderRef' in spec && 'folderUID' in spec).toBe(false);
    expect('parentFolderRef' in spec && 'parentFolderUID' in spec).toBe(false);
  }
}

describe('grafana-operator flavor', () => {
  test('GIVEN folders, v1 and v2 dashboards and rule groups WHEN written THEN each object validates against its CRD and carries namespace, labels and instanceSelector', async () => {
    const t = target({ instanceSelector: { matchLabels: { instance: 'eu' } } });
    const rules = new KubernetesRuleTarget({
      name: 'eu rules',
      target: t,
      format: 'grafana-alert-rule-group',
      conversion: { prometheusDatasourceUid: 'prom' },
    });
    const prom = new KubernetesRuleTarget({ name: 'eu rules', target: t, format: 'prometheus-rule', ruleLabels: { release: 'kps' } });
    await t.createFolder(folder('payments', 'Payments'), W);
    await t.createFolder(folder('payments-api', 'API', 'payments'), W);
    await t.saveDashboard(dashboard('Checkout_Main', 'Checkout', 'payments'), W);
    await t.saveDashboard(v2Dashboard('cart', 'Cart', 'payments-api'), W);
    await t.saveDashboard(dashboard('home', 'Home'), W);
    await rules.saveGroup('payments', {
      name: 'checkout.alerts',
      interval: '30s',
      rules: [
        {
          alert: 'CheckoutDown',
          expr: 'up{job="checkout"} == 0',
          for: '5m',
          keep_firing_for: '10m',
          labels: { severity: 'critical' },
          annotations: { summary: 'down {{ $labels.instance }}' },
        },
      ],
    });
    await prom.saveGroup('payments', {
      name: 'checkout.rules',
      rules: [
        { record: 'job:up:sum', expr: 'sum by (job) (up)' },
        { alert: 'Down', expr: 'up == 0', for: '1m' },
      ],
    });
    const objects = objectsIn(t.store.dir);
    expect(objects.map((o) => o['kind']).sort()).toEqual([
      'GrafanaAlertRuleGroup',
      'GrafanaDashboard',
      'GrafanaDashboard',
      'GrafanaFolder',
      'GrafanaFolder',
      'GrafanaManifest',
      'PrometheusRule',
    ]);
    expectValid(objects);
    for (const object of objects) {
      expect(object['metadata'].namespace).toBe('monitoring');
      expect(object['metadata'].labels.team).toBe('shop');
      if (object['kind'] !== 'PrometheusRule') expect(object['spec'].instanceSelector).toEqual({ matchLabels: { instance: 'eu' } });
    }
    const checkout = objects.find((o) => o['kind'] === 'GrafanaDashboard' && o['spec'].folderRef)!;
    expect(checkout['metadata'].name).toMatch(/^checkout-main-[0-9a-f]{8}$/);
    expect(checkout['spec'].folderRef).toBe('payments');
    expect(JSON.parse(checkout['spec'].json)).toEqual(dashboard('Checkout_Main', 'Checkout', 'payments').json);
    const api = objects.find((o) => o['kind'] === 'GrafanaFolder' && o['spec'].uid === 'payments-api')!;
    expect(api['spec'].parentFolderRef).toBe('payments');
    const manifest = objects.find((o) => o['kind'] === 'GrafanaManifest')!;
    expect(manifest['spec'].template).toMatchObject({
      apiVersion: 'dashboard.grafana.app/v2beta1',
      kind: 'Dashboard',
      metadata: { name: 'cart', annotations: { 'grafana.app/folder': 'payments-api' } },
    });
    expect(prom.kind).toBe('rule-files');
    // Printed after the target's folder in plan headers: the kind only, not the folder again.
    expect([rules.describe(), prom.describe()]).toEqual(['GrafanaAlertRuleGroup objects', 'PrometheusRule objects']);
    expect(objects.find((o) => o['kind'] === 'PrometheusRule')!['metadata'].labels.release).toBe('kps');
  });

  test('GIVEN folderReference uid WHEN written THEN folders are referenced by folderUID / parentFolderUID', async () => {
    const t = target({ folderReference: 'uid' });
    await t.createFolder(folder('a', 'A'), W);
    await t.createFolder(folder('b', 'B', 'a'), W);
    await t.saveDashboard(dashboard('d', 'D', 'b'), W);
    const objects = objectsIn(t.store.dir);
    expectValid(objects);
    expect(objects.find((o) => o['kind'] === 'GrafanaDashboard')!['spec'].folderUID).toBe('b');
    expect(objects.find((o) => o['spec'].uid === 'b')!['spec'].parentFolderUID).toBe('a');
    expect((await t.listDashboards()).map((d) => d.folderUid)).toEqual(['b']);
    expect((await t.listFolders()).find((f) => f.uid === 'b')!.parentUid).toBe('a');
  });

  test('GIVEN written objects WHEN a new target reads the folder THEN listing and reading give back what was written, owned by this project only', async () => {
    const t = target();
    await t.createFolder(folder('payments', 'Payments'), W);
    const d1 = dashboard('checkout', 'Checkout', 'payments');
    const d2 = v2Dashboard('cart', 'Cart');
    await t.saveDashboard(d1, W);
    await t.saveDashboard(d2, W);
    const again = new KubernetesTarget({ name: 'eu', flavor: 'grafana-operator', dir: t.store.dir, project: SCOPE.project });
    expect(await again.listFolders()).toEqual([{ uid: 'payments', title: 'Payments', managed: true }]);
    expect((await again.listDashboards()).sort((a, b) => a.uid.localeCompare(b.uid))).toEqual([
      { uid: 'cart', title: 'Cart', managed: true },
      { uid: 'checkout', title: 'Checkout', folderUid: 'payments', managed: true },
    ]);
    expect((await again.getDashboard('checkout'))!.json).toEqual(d1.json);
    expect(await again.getDashboard('cart')).toMatchObject({ schema: 'v2', json: d2.json });
    const otherProject = new KubernetesTarget({ name: 'eu', flavor: 'grafana-operator', dir: t.store.dir, project: 'someone-else' });
    expect((await otherProject.listDashboards()).every((d) => !d.managed)).toBe(true);
  });

  test('GIVEN a dashboard switching from v1 to v2 WHEN saved THEN the GrafanaDashboard is replaced by a GrafanaManifest', async () => {
    const t = target();
    await t.saveDashboard(dashboard('x', 'X'), W);
    await t.saveDashboard(v2Dashboard('x', 'X'), W);
    expect(objectsIn(t.store.dir).map((o) => o['kind'])).toEqual(['GrafanaManifest']);
    await t.deleteDashboard('x');
    expect(readdirSync(t.store.dir)).toEqual([]);
  });
});

describe('sidecar flavor', () => {
  test('GIVEN dashboards in nested folders WHEN written THEN ConfigMaps carry the sidecar label and the folder path annotation; no folder objects', async () => {
    const t = target({ flavor: 'sidecar', sidecarLabels: { grafana_dashboard: 'yes' }, folderAnnotation: 'k8s-sidecar-target-directory' });
    const folders = [folder('payments', 'Payments'), folder('payments-api', 'A/B', 'payments')];
    const dashboards = [dashboard('checkout', 'Checkout', 'payments-api'), v2Dashboard('cart', 'Cart')];
    await t.checkDesired({ dashboards, folders });
    for (const f of folders) await t.createFolder(f, W);
    for (const d of dashboards) await t.saveDashboard(d, W);
    const objects = objectsIn(t.store.dir);
    expectValid(objects);
    expect(objects.map((o) => o['kind'])).toEqual(['ConfigMap', 'ConfigMap']);
    const checkout = objects.find((o) => o['metadata'].name === 'checkout')!;
    expect(checkout['metadata'].labels.grafana_dashboard).toBe('yes');
    expect(checkout['metadata'].annotations['k8s-sidecar-target-directory']).toBe('Payments/A\u2215B');
    expect(JSON.parse(checkout['data']['checkout.json'])).toEqual(dashboards[0]!.json);
    const cart = objects.find((o) => o['metadata'].name === 'cart')!;
    expect(JSON.parse(cart['data']['cart.json'])).toMatchObject({ apiVersion: 'dashboard.grafana.app/v2beta1', kind: 'Dashboard', metadata: { name: 'cart' } });
    // Read back by a fresh target that knows the same folders: in place, unchanged.
    const again = new KubernetesTarget({
      name: 'eu',
      flavor: 'sidecar',
      dir: t.store.dir,
      project: SCOPE.project,
      folderAnnotation: 'k8s-sidecar-target-directory',
    });
    await again.checkDesired({ dashboards, folders });
    expect((await again.listDashboards()).find((d) => d.uid === 'checkout')!.folderUid).toBe('payments-api');
    expect((await again.getDashboard('cart'))!.json).toEqual(dashboards[1]!.json);
    // A renamed parent folder makes the stored path stale: the dashboard is reported elsewhere, so the plan rewrites it.
    const renamed = new KubernetesTarget({
      name: 'eu',
      flavor: 'sidecar',
      dir: t.store.dir,
      project: SCOPE.project,
      folderAnnotation: 'k8s-sidecar-target-directory',
    });
    await renamed.checkDesired({ dashboards, folders: [folder('payments', 'Payments EU'), folders[1]!] });
    expect((await renamed.listDashboards()).find((d) => d.uid === 'checkout')!.folderUid).not.toBe('payments-api');
  });

  test('GIVEN a dashboard whose ConfigMap would exceed 1 MiB WHEN checked THEN the error names it and nothing is written', async () => {
    const t = target({ flavor: 'sidecar' });
    const big = dashboard('huge', 'Huge board', undefined, { description: 'x'.repeat(CONFIGMAP_MAX_BYTES) });
    const small = dashboard('small', 'Small');
    const error = await t.checkDesired({ dashboards: [small, big], folders: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KubernetesTargetError);
    expect((error as Error).message).toContain('huge.dash.ts: dashboard "huge" ("Huge board") is 1.00 MiB');
    expect((error as Error).message).not.toContain('"small"');
    expect(readdirSync(t.store.dir)).toEqual([]);
    await expect(t.saveDashboard(big, W)).rejects.toThrow(/over the 1 MiB/);
    expect(readdirSync(t.store.dir)).toEqual([]);
  });

  test('GIVEN dashboards just under and just over the limit WHEN checked THEN the limit is the data bytes, exactly 1 MiB', async () => {
    const t = target({ flavor: 'sidecar' });
    const base = dashboard('edge', 'Edge', undefined, { description: '' });
    const overhead = Buffer.byteLength('edge.json') + Buffer.byteLength(`${JSON.stringify(base.json, null, 2)}\n`);
    const at = (n: number) => dashboard('edge', 'Edge', undefined, { description: 'é'.repeat(0) + 'x'.repeat(n) });
    await expect(t.checkDesired({ dashboards: [at(CONFIGMAP_MAX_BYTES - overhead)], folders: [] })).resolves.toBeUndefined();
    await expect(t.checkDesired({ dashboards: [at(CONFIGMAP_MAX_BYTES - overhead + 1)], folders: [] })).rejects.toThrow(/dashboard "edge"/);
  });
});

describe('the folder of manifests', () => {
  test('GIVEN foreign manifests in the folder WHEN grafts writes and deletes THEN they are never touched', async () => {
    const t = target();
    const foreign = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: grafana-config\ndata: {}\n';
    writeFileSync(path.join(t.store.dir, 'grafana-config.yaml'), foreign);
    writeFileSync(path.join(t.store.dir, 'kustomization.yaml'), 'resources: []\n');
    await t.saveDashboard(dashboard('a', 'A'), W);
    await t.deleteDashboard('a');
    expect(readdirSync(t.store.dir).sort()).toEqual(['grafana-config.yaml', 'kustomization.yaml']);
    expect(readFileSync(path.join(t.store.dir, 'grafana-config.yaml'), 'utf8')).toBe(foreign);
  });

  test('GIVEN a file mixing grafts objects with others, or invalid YAML WHEN listed THEN the error names the file', async () => {
    const t = target();
    await t.saveDashboard(dashboard('a', 'A'), W);
    const file = path.join(t.store.dir, 'grafanadashboard-a.yaml');
    writeFileSync(file, `${readFileSync(file, 'utf8')}---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n`);
    await expect(new KubernetesTarget({ name: 'eu', flavor: 'grafana-operator', dir: t.store.dir }).listDashboards()).rejects.toThrow(
      /grafanadashboard-a\.yaml: holds objects labelled app\.kubernetes\.io\/managed-by: grafts together with 1 other object/,
    );
    writeFileSync(file, 'a: [\n');
    await expect(new KubernetesTarget({ name: 'eu', flavor: 'grafana-operator', dir: t.store.dir }).listDashboards()).rejects.toThrow(
      /grafanadashboard-a\.yaml: not valid YAML/,
    );
  });

  test('GIVEN two uids that give one object name WHEN checked THEN the error names both dashboards', async () => {
    const t = target();
    const named = (await import('../../../lib/sync/targets/kubernetes/kubernetes-names.js')).kubernetesName('Checkout');
    const error = await t.checkDesired({ dashboards: [dashboard('Checkout', 'A'), dashboard(named, 'B')], folders: [] }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(KubernetesTargetError);
    expect(error!.message).toContain(`dashboard "${named}" and "Checkout" (Checkout.dash.ts) give the same object name "${named}"`);
  });

  test('GIVEN any set of dashboards written in any order, in either layout WHEN written THEN the bytes are the same', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/), {
          minLength: 1,
          maxLength: 6,
          selector: (uid) => uid.toLowerCase().replace(/[^a-z0-9-]/g, '-'),
        }),
        fc.constantFrom<'files' | 'stream'>('files', 'stream'),
        fc.infiniteStream(fc.nat()),
        async (uids, layout, seeds) => {
          const boards = uids.map((uid) => dashboard(uid, `Title ${uid}`, undefined, { description: 'line one\nline two' }));
          const shuffled = [...boards].sort(() => (seeds.next().value % 3) - 1);
          const first = target({ layout });
          const second = target({ layout });
          for (const d of boards) await first.saveDashboard(d, W);
          for (const d of shuffled) await second.saveDashboard(d, W);
          const read = (dir: string) =>
            Object.fromEntries(
              readdirSync(dir)
                .sort()
                .map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]),
            );
          expect(read(second.store.dir)).toEqual(read(first.store.dir));
          expect(Object.keys(read(first.store.dir))).toHaveLength(layout === 'stream' ? 1 : boards.length);
          expectValid(objectsIn(first.store.dir));
        },
      ),
      { numRuns: 15 },
    );
  });
});
