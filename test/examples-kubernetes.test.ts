// examples/kubernetes rendered for both clusters and both flavors (a fleet run of the built bin
// on a copy of the example): every object validates against its CRD, each cluster's objects
// carry its own selector, and a second diff of the fleet is clean.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { dns1123SubdomainProblem } from '../lib/sync/targets/kubernetes/kubernetes-names.js';
import { makeProject, runDash } from './cli/run-dash.js';
import { crdErrors } from './support/validate-crd.js';

const EXAMPLE = fileURLToPath(new URL('../examples/kubernetes/', import.meta.url));
const EXAMPLES = path.dirname(path.dirname(EXAMPLE));

/** The example as a temp project: its relative imports of the repository made absolute. */
function exampleProject(): string {
  const absolute = (text: string) =>
    text.replace(/'\.\.\/\.\.\/mixins\//g, `'${EXAMPLES}/mixins/`).replace(/'\.\.\/red-services\//g, `'${EXAMPLES}/examples/red-services/`);
  return makeProject({
    'dash.config.ts': absolute(readFileSync(path.join(EXAMPLE, 'dash.config.ts'), 'utf8')),
    'shop.dash.ts': absolute(readFileSync(path.join(EXAMPLE, 'shop.dash.ts'), 'utf8')),
  });
}

function objects(dir: string): Record<string, any>[] {
  return readdirSync(dir)
    .sort()
    .flatMap((f) => parseAllDocuments(readFileSync(path.join(dir, f), 'utf8')).map((d) => d.toJS() as Record<string, any>));
}

describe('examples/kubernetes', () => {
  it('GIVEN both fleets WHEN applied THEN every object of both clusters validates against its CRD with the cluster’s own selector, and the next diff is clean', () => {
    const dir = exampleProject();
    const applied = runDash(['apply', '--target', 'operator', '--target', 'sidecar', '--no-typecheck'], dir);
    expect(applied.exitCode).toBe(0);
    expect(applied.stdout).toContain(
      'Fleet apply: 4 targets — eu-operator: exit 0 (applied), us-operator: exit 0 (applied), eu-sidecar: exit 0 (applied), us-sidecar: exit 0 (applied)',
    );
    // The sidecar takes no alerting: said, not silently dropped.
    expect(applied.stdout).toContain('not applied: target "eu-sidecar" is a sidecar Kubernetes target');
    const kinds = new Map<string, string[]>();
    for (const cluster of ['eu', 'us']) {
      for (const flavor of ['grafana-operator', 'sidecar']) {
        const all = objects(path.join(dir, 'deploy', cluster, flavor));
        kinds.set(`${cluster}/${flavor}`, [...new Set(all.map((o) => o['kind'] as string))].sort());
        for (const object of all) {
          expect({ name: object['metadata'].name, errors: crdErrors(object as { apiVersion: string; kind: string }) }).toEqual({
            name: object['metadata'].name,
            errors: [],
          });
          expect(dns1123SubdomainProblem(object['metadata'].name)).toBeUndefined();
          expect(object['metadata'].namespace).toBe('monitoring');
          if (flavor === 'grafana-operator') expect(object['spec'].instanceSelector).toEqual({ matchLabels: { dashboards: `grafana-${cluster}` } });
          // Each cluster's rules and mixin dashboards select only that cluster's nodes.
          const text = JSON.stringify(object);
          if (/node_/.test(text)) {
            const selected = new Set([...text.matchAll(/cluster=\\*"(\w+)\\*"/g)].map((m) => m[1]));
            expect([object['metadata'].name, [...selected]]).toEqual([object['metadata'].name, [cluster]]);
          }
        }
      }
    }
    expect(kinds.get('eu/grafana-operator')).toEqual([
      'GrafanaAlertRuleGroup',
      'GrafanaContactPoint',
      'GrafanaDashboard',
      'GrafanaFolder',
      'GrafanaMuteTiming',
      'GrafanaNotificationPolicy',
    ]);
    const contactPoint = objects(path.join(dir, 'deploy', 'us', 'grafana-operator')).find((o) => o['kind'] === 'GrafanaContactPoint')!;
    expect(contactPoint['spec'].receivers[0].valuesFrom).toEqual([
      { targetPath: 'url', valueFrom: { secretKeyRef: { name: 'shop-alerting', key: 'SLACK_URL' } } },
    ]);
    expect(kinds.get('us/sidecar')).toEqual(['ConfigMap', 'PrometheusRule']);
    const clean = runDash(['diff', '--target', 'operator', '--target', 'sidecar', '--exit-code', '--no-typecheck'], dir);
    expect(clean.exitCode).toBe(0);
  });
});
