// The built bin in CI conditions: a missing secret or target never turns into a green run
// against the local file folder; the PR comment does not print the Grafana URL; NODE_DEBUG that
// makes Node print Authorization headers is warned about.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leakyDebugSections } from '../../cli/node-debug-warning.js';
import { startGrafanaEmulator, type GrafanaEmulator } from '../../lib/testing/index.js';
import { makeProject, runDashAsync } from './run-dash.js';

const DASHBOARD = `import { dashboard, folder, prometheus, stat } from 'grafts';
export default dashboard('API').uid('api').folder(folder('Team')).panel(stat('Up').target(prometheus('sum(up)')));
`;
const FILES_CONFIG = `import { defineConfig } from 'grafts';
export default defineConfig({ targets: { local: { type: 'files', dir: 'provisioned' } } });
`;
const NO_TARGET = {
  GRAFANA_URL: undefined,
  GRAFANA_TOKEN: undefined,
  GRAFANA_USER: undefined,
  GRAFANA_PASSWORD: undefined,
  MIMIR_ADDRESS: undefined,
  NODE_DEBUG: undefined,
};

function project(): string {
  return makeProject({ 'dash.config.ts': FILES_CONFIG, 'api.dash.ts': DASHBOARD });
}

function nothingWritten(dir: string): void {
  for (const written of ['grafana-provisioning', 'provisioned', 'pulled']) expect(existsSync(path.join(dir, written)), written).toBe(false);
}

describe('in CI, with no target chosen', () => {
  it.each([['apply', '--prune'], ['diff', '--format', 'markdown'], ['pull']])(
    'dash %s fails, names the ways to choose a target and writes nothing',
    async (...args) => {
      // GIVEN a project with a files target that is not the default, in CI
      const dir = project();
      // WHEN the command runs without --target
      const run = await runDashAsync(
        [...args, '--no-typecheck'].filter((a) => !(args[0] === 'pull' && a === '--no-typecheck')),
        dir,
        { ...NO_TARGET, CI: 'true' },
      );
      // THEN exit 1, a message naming --target, GRAFANA_URL and defaultTarget, and nothing written
      expect(run.exitCode).toBe(1);
      expect(run.stderr).toMatch(/^error: no target chosen/m);
      for (const way of ['--target', 'GRAFANA_URL', 'defaultTarget']) expect(run.stderr).toContain(way);
      expect(run.stdout).toBe('');
      nothingWritten(dir);
    },
    60_000,
  );

  it('GRAFANA_URL and GRAFANA_TOKEN set but empty (undefined secrets): apply --prune and diff fail, nothing written', async () => {
    const dir = project();
    for (const args of [
      ['apply', '--prune'],
      ['diff', '--format', 'markdown', '--exit-code'],
    ]) {
      const run = await runDashAsync([...args, '--no-typecheck'], dir, { ...NO_TARGET, GRAFANA_URL: '', GRAFANA_TOKEN: '', CI: 'true' });
      expect(run.exitCode, args.join(' ')).toBe(1);
      expect(run.stderr).toContain('GRAFANA_URL is set but empty');
      expect(run.stdout).not.toContain('No changes');
    }
    nothingWritten(dir);
  }, 60_000);

  it('an explicit file target (--target) still applies', async () => {
    const dir = project();
    const run = await runDashAsync(['apply', '--target', 'local', '--no-typecheck'], dir, { ...NO_TARGET, CI: 'true' });
    expect(run.stderr).not.toContain('error');
    expect(run.exitCode).toBe(0);
    expect(existsSync(path.join(dir, 'provisioned', 'dashboards'))).toBe(true);
  }, 60_000);

  it('the README quick start (examples/quickstart, its defaultTarget) applies as .ci/run runs it', async () => {
    // GIVEN a copy of the quick start example, in CI with no Grafana
    const root = fileURLToPath(new URL('../../examples/quickstart/', import.meta.url));
    const dir = mkdtempSync(path.join(os.tmpdir(), 'grafts-quickstart-ci-'));
    cpSync(root, dir, { recursive: true, filter: (src) => !/(^|\/)(grafana-provisioning|out)(\/|$)/.test(path.relative(root, src)) });
    try {
      // WHEN applying it as the README says
      const run = await runDashAsync(['apply', dir], os.tmpdir(), { ...NO_TARGET, CI: 'true' });
      // THEN it writes the file-provisioning folder the README names
      expect(run.stderr).not.toContain('error');
      expect(run.exitCode).toBe(0);
      expect(existsSync(path.join(dir, 'grafana-provisioning', 'dashboards', 'checkout-service.json'))).toBe(true);
      expect(existsSync(path.join(dir, 'grafana-provisioning', 'provisioning', 'dashboards', 'grafts.yaml'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('dash diff --format markdown against a Grafana', () => {
  let grafana: GrafanaEmulator;
  beforeAll(async () => {
    grafana = await startGrafanaEmulator();
  });
  afterAll(async () => {
    await grafana.stop();
  });

  it('names the target, not its URL; --show-url prints the URL', async () => {
    const dir = makeProject({ 'api.dash.ts': DASHBOARD });
    const env = { ...NO_TARGET, GRAFANA_URL: grafana.url, GRAFANA_TOKEN: grafana.token, CI: 'true' };
    const hidden = await runDashAsync(['diff', '--format', 'markdown', '--no-typecheck'], dir, env);
    const shown = await runDashAsync(['diff', '--format', 'markdown', '--show-url', '--no-typecheck'], dir, env);
    const host = new URL(grafana.url).host;
    expect(hidden.exitCode).toBe(0);
    expect(hidden.stdout).toContain('### grafts diff — `target "default"`');
    expect(hidden.stdout).not.toContain(host);
    expect(hidden.stderr).not.toContain(host);
    expect(shown.exitCode).toBe(0);
    expect(shown.stdout).toContain(`### grafts diff — \`${grafana.url}\``);
    for (const run of [hidden, shown]) expect(run.stdout + run.stderr).not.toContain(grafana.token);
  }, 60_000);
});

describe('NODE_DEBUG', () => {
  it('matches the sections the way Node does: comma list, any case, * wildcard', () => {
    expect(leakyDebugSections(undefined)).toEqual([]);
    expect(leakyDebugSections('')).toEqual([]);
    expect(leakyDebugSections('fs,module,esm')).toEqual([]);
    expect(leakyDebugSections('HTTP')).toEqual(['http']);
    expect(leakyDebugSections('fs,Net')).toEqual(['net']);
    expect(leakyDebugSections('http2,tls')).toEqual(['http2', 'tls']);
    expect(leakyDebugSections('ht*')).toEqual(['http', 'http2']);
    expect(leakyDebugSections('*')).toEqual(['http', 'http2', 'net', 'tls']);
    // Node does not trim: " http" names no section.
    expect(leakyDebugSections('fs, http')).toEqual([]);
    expect(leakyDebugSections('httpx')).toEqual([]);
  });

  it('warns once on stderr when it names http, http2, net or tls; never otherwise', async () => {
    const dir = project();
    const warned = await runDashAsync(['diff', '--target', 'local', '--no-typecheck'], dir, { ...NO_TARGET, NODE_DEBUG: 'tls' });
    const quiet = await runDashAsync(['diff', '--target', 'local', '--no-typecheck'], dir, { ...NO_TARGET, NODE_DEBUG: 'fs' });
    expect(warned.exitCode).toBe(0);
    expect(warned.stderr.match(/warning: NODE_DEBUG/g)).toHaveLength(1);
    expect(warned.stderr).toContain('Authorization');
    expect(quiet.stderr).not.toContain('NODE_DEBUG');
  }, 60_000);
});
