import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateUpstreamV2Spec } from '../support/upstream-v2-schema.js';
import { makeProject, runDash } from './run-dash.js';

const MIXED = `import { dashboard, text } from 'grafts';

export default [
  dashboard('New style').uid('new-style').schema('v2').panel(text('Hello').content('hi')),
  dashboard('Old style').uid('old-style').panel(text('Hello').content('hi')),
];
`;

function readOut(dir: string, uid: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(dir, 'out/dashboards', `${uid}.json`), 'utf8')) as Record<string, unknown>;
}

describe('dash build with schema v2 (built bin)', () => {
  it('GIVEN a dashboard with .schema("v2") THEN it is written in resource form and the others stay classic', () => {
    const dir = makeProject({ 'dashboards/mixed.dash.ts': MIXED });
    const run = runDash(['build'], dir);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const v2 = readOut(dir, 'new-style');
    expect(v2).toMatchObject({ apiVersion: 'dashboard.grafana.app/v2', kind: 'Dashboard', metadata: { name: 'new-style' } });
    expect(Object.keys(v2)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    const validation = validateUpstreamV2Spec(v2.spec);
    if (validation) expect(validation.errors).toEqual([]);
    expect(readOut(dir, 'old-style')).toMatchObject({ uid: 'old-style', schemaVersion: 42 });
  });

  it('GIVEN a v2 dashboard WHEN applied to a file target THEN it is written in resource form (v2beta1, what file provisioning reads), the v1 one as classic JSON, and a second apply changes nothing', () => {
    const dir = makeProject({
      'dash.config.ts': `import { defineConfig } from 'grafts';\nexport default defineConfig({ targets: { local: { type: 'files', dir: 'provisioned' } } });\n`,
      'dashboards/mixed.dash.ts': MIXED,
    });
    const run = runDash(['apply', '--target', 'local', '--no-typecheck'], dir);
    expect(run.exitCode).toBe(0);
    const file = (uid: string) => JSON.parse(readFileSync(path.join(dir, 'provisioned/dashboards', `${uid}.json`), 'utf8')) as Record<string, any>;
    const v2 = file('new-style');
    expect(Object.keys(v2)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(v2).toMatchObject({ apiVersion: 'dashboard.grafana.app/v2beta1', kind: 'Dashboard', metadata: { name: 'new-style' } });
    expect(v2.metadata.annotations).not.toHaveProperty('grafana.app/folder');
    expect(v2.spec.tags).toContain('grafts-managed');
    expect(file('old-style')).toMatchObject({ uid: 'old-style', schemaVersion: 42 });
    const again = runDash(['diff', '--target', 'local', '--no-typecheck', '--exit-code'], dir);
    expect(again.exitCode).toBe(0);
    expect(existsSync(path.join(dir, 'provisioned/provisioning/dashboards/grafts.yaml'))).toBe(true);
  });

  it('GIVEN tabs on a dashboard without .schema() THEN it builds as v2; with --schema v1 the build fails naming the feature and writes nothing', () => {
    const source = `import { dashboard, tab, text } from 'grafts';\nexport default dashboard('Tabbed').uid('tabbed').tabs(tab('One').panel(text('a').content('a')));\n`;
    const dir = makeProject({ 'dashboards/tabbed.dash.ts': source });
    const auto = runDash(['build', '--no-typecheck'], dir);
    expect(auto.stderr).toBe('');
    expect(readOut(dir, 'tabbed')).toMatchObject({ apiVersion: 'dashboard.grafana.app/v2', spec: { layout: { kind: 'TabsLayout' } } });
    const forced = runDash(['build', '--no-typecheck', '--schema', 'v1', '--out', 'out-v1'], dir);
    expect(forced.exitCode).toBe(1);
    expect(forced.stderr).toContain(`dashboard "Tabbed": tabs needs dashboard schema v2`);
    expect(existsSync(path.join(dir, 'out-v1'))).toBe(false);
  });

  it('GIVEN --schema v2 or schema: "v2" in the config THEN classic dashboards build as v2 resources; a bad schema value is a config error', () => {
    const dir = makeProject({ 'dashboards/mixed.dash.ts': MIXED });
    expect(runDash(['build', '--no-typecheck', '--schema', 'v2'], dir).exitCode).toBe(0);
    expect(readOut(dir, 'old-style')).toMatchObject({ apiVersion: 'dashboard.grafana.app/v2', metadata: { name: 'old-style' } });
    const configured = makeProject({
      'dash.config.ts': `import { defineConfig } from 'grafts';\nexport default defineConfig({ schema: 'v2' });\n`,
      'dashboards/mixed.dash.ts': MIXED,
    });
    expect(runDash(['build', '--no-typecheck'], configured).exitCode).toBe(0);
    expect(readOut(configured, 'old-style')).toMatchObject({ apiVersion: 'dashboard.grafana.app/v2' });
    const bad = makeProject({
      'dash.config.ts': `import { defineConfig } from 'grafts';\nexport default defineConfig({ schema: 'v3' as never, targets: { f: { type: 'files', dir: 'x', schema: 2 as never } } });\n`,
      'dashboards/mixed.dash.ts': MIXED,
    });
    const run = runDash(['build', '--no-typecheck'], bad);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('"schema" must be "v1" or "v2", got "v3"');
    expect(run.stderr).toContain('targets.f.schema: must be "v1" or "v2", got 2');
    const flag = runDash(['build', '--schema', 'v3'], dir);
    expect(flag.exitCode).toBe(1);
    expect(flag.stderr).toContain("argument 'v3' is invalid");
  });

  it('GIVEN a target with schema v1 THEN diff renders every dashboard as v1 for it (a v2 dashboard is classic there)', () => {
    const dir = makeProject({
      'dash.config.ts': `import { defineConfig } from 'grafts';\nexport default defineConfig({ targets: { old: { type: 'files', dir: 'provisioned', schema: 'v1' } } });\n`,
      'dashboards/mixed.dash.ts': MIXED,
    });
    const run = runDash(['diff', '--target', 'old', '--no-typecheck'], dir);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('+ dashboard new-style "New style": create');
  });
});
