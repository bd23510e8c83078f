/**
 * The project's alerting as grafana-operator custom resources: every object validates against
 * its CRD for any policy tree, no secret value is in any object or written file (each secret is
 * a `valuesFrom` secretKeyRef to the configured Secret), and bad names are errors naming where.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import { resolveAlerting } from '../../../lib/alerting/alerting-config.js';
import { contactPoint } from '../../../lib/alerting/contact-point.js';
import { desiredGrafanaAlerting, secretsOf } from '../../../lib/alerting/grafana-alerting-resources.js';
import { notificationPolicy } from '../../../lib/alerting/notification-policy.js';
import type { OwnerScope } from '../../../lib/sync/ownership.js';
import { grafanaOperatorAlertingObjects, DEFAULT_ALERTING_SECRET } from '../../../lib/sync/targets/kubernetes/alerting-objects.js';
import { KubernetesTargetError, ManifestStore, MANAGED_BY_LABEL } from '../../../lib/sync/targets/kubernetes/manifest-store.js';
import { crdErrors } from '../../support/validate-crd.js';
import { everyKind, policyTree, SENTINEL_PREFIX, specWith } from '../../alerting/arbitraries.js';

const SCOPE: OwnerScope = { project: 'shop', uidPrefix: '' };
const OPTIONS = { context: { namespace: 'monitoring', labels: { team: 'sre' } }, owner: SCOPE, instanceSelector: { matchLabels: { dashboards: 'grafana' } } };
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The arbitraries' spec around `policy`, each contact point with an integration (Grafana needs one). */
function desiredFor(policy: Parameters<typeof specWith>[0]) {
  const spec = specWith(policy);
  const { contactPoints } = everyKind(true);
  const full = {
    ...spec,
    contactPoints: contactPoints.map((c) => (c.integrations.length === 0 ? contactPoint(c.name).webhook({ url: 'https://null.example.com' }) : c)),
  };
  const { resolved, problems } = resolveAlerting(full, [], ['dash.config.ts', 'alerting']);
  expect(problems).toEqual([]);
  return desiredGrafanaAlerting(resolved!, SCOPE);
}

describe('GIVEN any valid alerting configuration on a grafana-operator target', () => {
  test('WHEN rendered THEN every object validates against its CRD and carries the ownership label', () => {
    fc.assert(
      fc.property(policyTree, (policy) => {
        const objects = grafanaOperatorAlertingObjects(desiredFor(policy), OPTIONS);
        const kinds = new Set(objects.map((o) => o.kind));
        expect([...kinds].sort()).toEqual(['GrafanaContactPoint', 'GrafanaMuteTiming', 'GrafanaNotificationPolicy', 'GrafanaNotificationTemplate']);
        for (const object of objects) {
          expect({ kind: object.kind, errors: crdErrors(object) }).toEqual({ kind: object.kind, errors: [] });
          expect(object.metadata.labels?.[MANAGED_BY_LABEL]).toBe('grafts');
          expect(object.metadata.namespace).toBe('monitoring');
        }
      }),
      { numRuns: 40 },
    );
  });

  test('WHEN rendered THEN each secret setting is a valuesFrom secretKeyRef to the configured Secret (key: the variable) and absent from settings', () => {
    const desired = desiredFor(notificationPolicy('default'));
    const objects = grafanaOperatorAlertingObjects(desired, { ...OPTIONS, secrets: { name: 'shop-alerting' } });
    const expected = desired.contactPoints.flatMap((i) => secretsOf(i.settings).map((s) => `${i.uid} ${s.key} ${s.env}`)).sort();
    expect(expected.length).toBeGreaterThan(5);
    const found: string[] = [];
    for (const object of objects.filter((o) => o.kind === 'GrafanaContactPoint')) {
      for (const r of (object['spec'] as { receivers: Record<string, unknown>[] }).receivers) {
        for (const v of (r['valuesFrom'] as { targetPath: string; valueFrom: { secretKeyRef: { name: string; key: string } } }[] | undefined) ?? []) {
          expect(v.valueFrom.secretKeyRef.name).toBe('shop-alerting');
          found.push(`${String(r['uid'])} ${v.targetPath} ${v.valueFrom.secretKeyRef.key}`);
          // The path is not set in settings: the operator fills it from the Secret.
          const top = v.targetPath.split('.')[0]!;
          expect((r['settings'] as Record<string, unknown>)[top] === undefined || v.targetPath.includes('.')).toBe(true);
        }
      }
    }
    expect(found.sort()).toEqual(expected);
  });

  test('WHEN the objects are written with the sentinel secrets in the environment THEN no file holds a secret value', async () => {
    const { env } = everyKind(true);
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      const dir = mkdtempSync(path.join(tmpdir(), 'grafts-k8s-alerting-'));
      dirs.push(dir);
      const store = new ManifestStore({ dir });
      for (const object of grafanaOperatorAlertingObjects(desiredFor(notificationPolicy('default')), OPTIONS)) await store.put(object);
      const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
      expect(files.length).toBeGreaterThan(5);
      for (const file of files) {
        const text = readFileSync(path.join(file.parentPath, file.name), 'utf8');
        expect(text).not.toContain(SENTINEL_PREFIX);
        for (const value of Object.values(env)) expect(text).not.toContain(value);
      }
      expect(readFileSync(path.join(files[0]!.parentPath, files[0]!.name), 'utf8')).toContain('apiVersion: grafana.integreatly.org/v1beta1');
    } finally {
      for (const key of Object.keys(env)) if (!(key in saved)) delete process.env[key];
    }
  });

  test('WHEN no Secret is configured THEN the default Secret name is used', () => {
    const objects = grafanaOperatorAlertingObjects(desiredFor(notificationPolicy('default')), OPTIONS);
    expect(JSON.stringify(objects)).toContain(`"name":"${DEFAULT_ALERTING_SECRET.name}"`);
  });
});

describe('GIVEN names Kubernetes cannot take', () => {
  test('WHEN the Secret name is not a DNS-1123 subdomain THEN the error names secrets.name and the value', () => {
    fc.assert(
      fc.property(fc.constantFrom('Grafts_Alerting', '', '-x', 'a'.repeat(254), 'a..b'), (name) => {
        const desired = desiredFor(notificationPolicy('default'));
        expect(() => grafanaOperatorAlertingObjects(desired, { ...OPTIONS, secrets: { name } })).toThrow(KubernetesTargetError);
        expect(() => grafanaOperatorAlertingObjects(desired, { ...OPTIONS, secrets: { name } })).toThrow(`secrets.name ${JSON.stringify(name)}`);
      }),
    );
  });

  test('WHEN a template or mute timing name gives an object name over 253 characters THEN the error names it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 254, max: 400 }), fc.constantFrom('template', 'mute timing'), (length, what) => {
        const name = 'w'.repeat(length);
        const desired = {
          contactPoints: [],
          policy: undefined,
          muteTimings: what === 'mute timing' ? [{ name, time_intervals: [{ weekdays: ['monday'] }] }] : [],
          templates: what === 'template' ? [{ name, template: '{{ define "x" }}{{ end }}' }] : [],
          notes: [],
        };
        expect(() => grafanaOperatorAlertingObjects(desired, OPTIONS)).toThrow(`dash.config.ts › alerting › ${what} "${name}"`);
      }),
      { numRuns: 10 },
    );
  });
});
