// The npm packaging of mixins, end to end: grafts and a built-in mixin are packed with
// `npm pack`, installed from the tarballs into a fresh project (grafts' own dependencies come
// from the npm registry, --prefer-offline), and that project's dash.config.ts configures the
// mixin; `npx dash build` must write mixtool's files with the override applied and the dropped
// alert gone, and promtool must accept them. Until mixins/node-exporter exists the fixture
// mixin package (test/fixtures/mixin-package) stands in for it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { parse } from 'yaml';
import { promtoolVersion } from '../../lib/mixin/promtool.js';
import type { Mixin } from '../../lib/mixin/define-mixin.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const NODE_EXPORTER = path.join(REPO, 'mixins', 'node-exporter');

interface Case {
  dir: string;
  /** The config override written into dash.config.ts, and what it must produce in the alerts YAML. */
  override: string;
  expectInAlerts: string;
  load: () => Promise<Mixin<any>>;
}

const CASE: Case = existsSync(path.join(NODE_EXPORTER, 'index.ts'))
  ? {
      dir: NODE_EXPORTER,
      override: `{ nodeExporterSelector: 'job="packaged-nodes"' }`,
      expectInAlerts: 'job="packaged-nodes"',
      load: async () => ((await import(path.join(NODE_EXPORTER, 'index.ts'))) as { default: Mixin<any> }).default,
    }
  : {
      dir: path.join(REPO, 'test', 'fixtures', 'mixin-package'),
      override: '{ downForMinutes: 9 }',
      expectInAlerts: 'for: 9m',
      load: async () => (await import('../fixtures/mixin-package/index.js')).default,
    };

function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): { status: number | null; out: string } {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', ...env }, timeout: 180_000 });
  return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

describe('mixin packaging (npm pack → npm install → dash build)', () => {
  it('builds a packed mixin, configured and with an alert dropped, in a fresh project', { timeout: 240_000 }, async () => {
    // GIVEN grafts (built: npm test runs the build first) and the mixin, built by scripts/build-mixin.ts and packed
    expect(existsSync(path.join(REPO, 'dist', 'cli', 'index.js')), 'run npm run build first').toBe(true);
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'grafts-packaging-'));
    onTestFinished(() => {
      rmSync(tmp, { recursive: true, force: true });
      rmSync(path.join(CASE.dir, 'dist'), { recursive: true, force: true });
    });
    const build = run(
      process.execPath,
      [path.join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(REPO, 'scripts', 'build-mixin.ts'), CASE.dir],
      CASE.dir,
    );
    expect(build.out).toContain('dist/index.js');
    expect(build.status, build.out).toBe(0);
    for (const dir of [REPO, CASE.dir]) {
      const pack = run('npm', ['pack', '--ignore-scripts', '--pack-destination', tmp], dir);
      expect(pack.status, pack.out).toBe(0);
    }
    const tarballs = readdirSync(tmp)
      .filter((f) => f.endsWith('.tgz'))
      .map((f) => path.join(tmp, f));
    expect(tarballs).toHaveLength(2);
    const mixinPkg = JSON.parse(readFileSync(path.join(CASE.dir, 'package.json'), 'utf8')) as { name: string };
    const mixin = await CASE.load();
    const dropped = mixin.render().alerts.groups[0]!.rules.map((r) => ('alert' in r ? r.alert : r.record))[0]!;

    // AND a fresh project with both installed from the tarballs
    const project = path.join(tmp, 'project');
    run('mkdir', [project], tmp);
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'packaging-check', private: true, type: 'module' }));
    const started = Date.now();
    const install = run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs], project);
    console.log(`packaging: npm install of the two tarballs took ${Date.now() - started} ms`);
    expect(install.status, install.out).toBe(0);
    // (the published mixin ships dist/, not its TypeScript sources)
    expect(existsSync(path.join(project, 'node_modules', ...mixinPkg.name.split('/'), 'dist', 'index.js'))).toBe(true);
    expect(existsSync(path.join(project, 'node_modules', ...mixinPkg.name.split('/'), 'index.ts'))).toBe(false);
    writeFileSync(
      path.join(project, 'dash.config.ts'),
      [
        `import { defineConfig } from 'grafts';`,
        `import mixin from '${mixinPkg.name}';`,
        '',
        `export default defineConfig({`,
        `  mixins: [mixin.config(${CASE.override}).dropAlert('${dropped}')],`,
        `});`,
        '',
      ].join('\n'),
    );

    // WHEN the project is built with the installed bin
    const dash = run('npx', ['--no-install', 'dash', 'build'], project);

    // THEN mixtool's files exist under out/mixins/<name>/
    expect(dash.status, dash.out).toBe(0);
    const out = path.join(project, 'out', 'mixins', mixin.name);
    const alertsText = readFileSync(path.join(out, 'prometheus_alerts.yaml'), 'utf8');
    expect(existsSync(path.join(out, 'prometheus_rules.yaml'))).toBe(true);
    expect(readdirSync(path.join(out, 'dashboards_out')).length).toBe(mixin.render().dashboards.length);
    // AND the override shows in the YAML, and the dropped alert is gone
    expect(alertsText).toContain(CASE.expectInAlerts);
    const alerts = (parse(alertsText) as { groups: { rules: { alert: string }[] }[] }).groups.flatMap((g) => g.rules.map((r) => r.alert));
    expect(alerts).not.toContain(dropped);
    expect(alerts.length).toBeGreaterThan(0);
    // AND promtool accepts both rule files (when installed)
    if (promtoolVersion() === undefined) {
      expect(process.env['CI'], 'CI must have promtool').toBeFalsy();
      return;
    }
    const check = run('promtool', ['check', 'rules', 'prometheus_alerts.yaml', 'prometheus_rules.yaml'], out);
    expect(check.out).toContain('SUCCESS');
    expect(check.status, check.out).toBe(0);
  });
});
