// dash diff / apply against Kubernetes targets end to end (the built bin): the diff against the
// previous output in the folder, a no-op apply that writes nothing, --prune that deletes only
// grafts' own files, and invalid configs that exit 1 with nothing written.
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kubernetesName } from '../../lib/sync/targets/kubernetes/kubernetes-names.js';
import { makeProject, runDash, writeFiles } from './run-dash.js';

const board = (uid: string, description: string) => `import { dashboard, folder, prometheus, timeseries } from 'grafts';
export default dashboard('${uid} board')
  .uid('${uid}')
  .description('${description}')
  .folder(folder('Team'))
  .panel(timeseries('Requests').target(prometheus('sum(rate(http_requests_total[5m]))')));
`;

const config = (target: string) => `import { defineConfig } from 'grafts';
export default defineConfig({ targets: { k8s: ${target} } });
`;

const OPERATOR = "{ type: 'kubernetes', flavor: 'grafana-operator', dir: 'deploy', namespace: 'monitoring', labels: { team: 'shop' } }";

function files(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

describe('dash diff and apply (kubernetes target)', () => {
  it('GIVEN a project WHEN diffed, applied, diffed again, changed and pruned THEN the exit codes and files follow, foreign files untouched', () => {
    const dir = makeProject({ 'dash.config.ts': config(OPERATOR), 'api.dash.ts': board('api', 'v1'), 'web.dash.ts': board('web', 'v1') });
    const deploy = path.join(dir, 'deploy');
    const before = runDash(['diff', '--target', 'k8s', '--exit-code', '--no-typecheck'], dir);
    expect(before.stderr).toBe('');
    expect(before.exitCode).toBe(2);
    expect(before.stdout).toContain('3 to create');
    expect(files(deploy)).toEqual([]);

    const applied = runDash(['apply', '--target', 'k8s', '--no-typecheck'], dir);
    expect(applied.exitCode).toBe(0);
    expect(files(deploy)).toEqual(['grafanadashboard-api.yaml', 'grafanadashboard-web.yaml', 'grafanafolder-team.yaml']);
    writeFileSync(path.join(deploy, 'kustomization.yaml'), 'resources: []\n');
    const mtimes = files(deploy).map((f) => statSync(path.join(deploy, f)).mtimeMs);

    const clean = runDash(['diff', '--target', 'k8s', '--exit-code', '--no-typecheck'], dir);
    expect(clean.exitCode).toBe(0);
    expect(clean.stdout).toContain('0 to create, 0 to update, 0 to move, 0 to delete, 3 unchanged');
    const again = runDash(['apply', '--target', 'k8s', '--no-typecheck', '--json'], dir);
    expect(JSON.parse(again.stdout)).toMatchObject({ exitCode: 0, report: { writes: 0 } });
    expect(files(deploy).map((f) => statSync(path.join(deploy, f)).mtimeMs)).toEqual(mtimes);

    writeFiles(dir, { 'api.dash.ts': board('api', 'v2') });
    const changed = runDash(['diff', '--target', 'k8s', '--exit-code', '--no-typecheck'], dir);
    expect(changed.exitCode).toBe(2);
    expect(changed.stdout).toContain('"description": "v2"');

    rmSync(path.join(dir, 'web.dash.ts'));
    const pruned = runDash(['apply', '--target', 'k8s', '--prune', '--no-typecheck'], dir);
    expect(pruned.exitCode).toBe(0);
    expect(files(deploy)).toEqual(['grafanadashboard-api.yaml', 'grafanafolder-team.yaml', 'kustomization.yaml']);
    expect(readFileSync(path.join(deploy, 'grafanadashboard-api.yaml'), 'utf8')).toContain('"description": "v2"');
  });

  it('GIVEN the stream layout with the sidecar flavor WHEN applied THEN one file holds the ConfigMaps', () => {
    const dir = makeProject({
      'dash.config.ts': config("{ type: 'kubernetes', flavor: 'sidecar', dir: 'deploy', layout: 'stream', streamFile: 'dashboards.yaml' }"),
      'api.dash.ts': board('api', 'v1'),
    });
    expect(runDash(['apply', '--target', 'k8s', '--no-typecheck'], dir).exitCode).toBe(0);
    expect(files(path.join(dir, 'deploy'))).toEqual(['dashboards.yaml']);
    const text = readFileSync(path.join(dir, 'deploy', 'dashboards.yaml'), 'utf8');
    expect(text).toContain('kind: ConfigMap');
    expect(text).toContain('grafana_dashboard: "1"');
    expect(text).toContain('grafana_folder: Team');
    expect(runDash(['diff', '--target', 'k8s', '--exit-code', '--no-typecheck'], dir).exitCode).toBe(0);
  });

  it('GIVEN invalid Kubernetes settings WHEN applying THEN exit 1 names each key and nothing is written', () => {
    const dir = makeProject({
      'dash.config.ts': config(
        "{ type: 'kubernetes', flavor: 'helm', dir: 'deploy', namespace: 'Monitoring', labels: { 'team name': 'a b' }, instanceSelector: { matchExpressions: [{ key: 'x', operator: 'In' }] }, rules: { type: 'grafana-alert-rule-group' } }",
      ),
      'api.dash.ts': board('api', 'v1'),
    });
    const run = runDash(['apply', '--target', 'k8s', '--no-typecheck'], dir);
    expect(run.exitCode).toBe(1);
    for (const key of [
      'targets.k8s.flavor',
      'targets.k8s.namespace',
      'targets.k8s.labels["team name"]',
      'targets.k8s.instanceSelector.matchExpressions[0].values',
      'targets.k8s.rules.datasourceUid',
    ]) {
      expect(run.stderr).toContain(`dash.config.ts: ${key}:`);
    }
    expect(existsSync(path.join(dir, 'deploy'))).toBe(false);
  });

  it('GIVEN a dashboard uid that collides with another as an object name WHEN applying THEN exit 1 names both and nothing is written', () => {
    const taken = kubernetesName('Api');
    const dir = makeProject({ 'dash.config.ts': config(OPERATOR), 'a.dash.ts': board('Api', 'v1'), 'b.dash.ts': board(taken, 'v1') });
    const run = runDash(['apply', '--target', 'k8s', '--no-typecheck'], dir);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`dashboard "(Api|${taken})" and "(Api|${taken})" \\([ab]\\.dash\\.ts\\) give the same object name "${taken}"`));
    expect(existsSync(path.join(dir, 'deploy'))).toBe(false);
  });
});
