// Installing grafts before it is on npm, as the README says: `npm pack`, then the tarball in a
// project. A fully offline `npm install` of the tarball needs every dependency in the npm cache,
// which a test machine cannot promise, so the install is reproduced the way npm lays it out:
// the tarball extracted to node_modules/grafts, its dependencies linked from this repository's
// node_modules. The packed CLI then builds and lints a project that imports 'grafts'.
// The mixin packages under mixins/ are packed too: `prepack` builds their dist/.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

function run(command: string, args: readonly string[], cwd: string): { status: number | null; stdout: string; out: string } {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' }, timeout: 180_000 });
  return { status: r.status, stdout: r.stdout ?? '', out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The paths inside a tarball, without npm's `package/` prefix. */
function tarballFiles(tarball: string): string[] {
  const list = run('tar', ['tzf', tarball], path.dirname(tarball));
  expect(list.status, list.out).toBe(0);
  return list.stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.replace(/^package\//, ''));
}

describe('installing grafts from a tarball', () => {
  it('GIVEN npm pack of grafts WHEN the tarball is installed in a project THEN its dash builds and lints that project', { timeout: 240_000 }, () => {
    // GIVEN grafts packed (dist is built: npm test builds first; `npm pack` alone runs `prepare`, which builds)
    expect(existsSync(path.join(REPO, 'dist', 'cli', 'index.js')), 'run npm run build first').toBe(true);
    const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
      name: string;
      version: string;
      bin: Record<string, string>;
      dependencies: Record<string, string>;
      scripts: Record<string, string>;
    };
    expect(pkg.scripts['prepare']).toBe('npm run build');
    const tmp = tempDir('grafts-tarball-');
    const pack = run('npm', ['pack', '--ignore-scripts', '--pack-destination', tmp], REPO);
    expect(pack.status, pack.out).toBe(0);
    const tarball = path.join(tmp, `${pkg.name}-${pkg.version}.tgz`);
    expect(existsSync(tarball), pack.out).toBe(true);
    // THEN it holds the built CLI and library with their types, and no sources or tests
    const files = tarballFiles(tarball);
    for (const bin of Object.values(pkg.bin)) expect(files).toContain(bin.replace(/^\.\//, ''));
    expect(files).toEqual(expect.arrayContaining(['dist/lib/index.js', 'dist/lib/index.d.ts', 'package.json', 'README.md']));
    expect(files.some((f) => f.startsWith('schemas/'))).toBe(true);
    expect(files.filter((f) => /^(lib|cli|test|mixins)\//.test(f) || (f.endsWith('.ts') && !f.endsWith('.d.ts')))).toEqual([]);

    // WHEN it is installed into a fresh project: extracted as node_modules/grafts, its dependencies linked
    const project = path.join(tmp, 'project');
    const installed = path.join(project, 'node_modules', 'grafts');
    mkdirSync(installed, { recursive: true });
    const untar = run('tar', ['xzf', tarball, '-C', installed, '--strip-components=1'], tmp);
    expect(untar.status, untar.out).toBe(0);
    for (const dep of Object.keys(pkg.dependencies)) {
      const link = path.join(project, 'node_modules', ...dep.split('/'));
      mkdirSync(path.dirname(link), { recursive: true });
      symlinkSync(path.join(REPO, 'node_modules', ...dep.split('/')), link);
    }
    writeFileSync(
      path.join(project, 'package.json'),
      JSON.stringify({ name: 'tarball-check', private: true, type: 'module', devDependencies: { grafts: `file:${tarball}` } }),
    );
    writeFileSync(path.join(project, 'dash.config.ts'), `import { defineConfig } from 'grafts';\nexport default defineConfig({});\n`);
    mkdirSync(path.join(project, 'dashboards'));
    writeFileSync(
      path.join(project, 'dashboards', 'api.dash.ts'),
      [
        `import { dashboard, prometheus, standardVariables, timeseries, withSelectors } from 'grafts';`,
        `const vars = standardVariables();`,
        `export default dashboard('API').uid('api').variable(...vars.all)`,
        `  .panel(timeseries('Requests').datasource(vars.datasource).unit('reqps').target(prometheus(withSelectors('sum(rate(http_requests_total[$__rate_interval]))', vars.matchers))));`,
        '',
      ].join('\n'),
    );
    // THEN the packed bin (run as npm's shim runs it) builds with the type check, and lints clean
    const dash = path.join(installed, pkg.bin['dash']!);
    const build = run(process.execPath, [dash, 'build', '--json'], project);
    expect(build.status, build.out).toBe(0);
    expect(JSON.parse(build.stdout)).toMatchObject({ totals: { dashboards: 1 } });
    expect(JSON.parse(readFileSync(path.join(project, 'out', 'dashboards', 'api.json'), 'utf8'))).toMatchObject({ uid: 'api', title: 'API' });
    const lint = run(process.execPath, [dash, 'lint', '--json', '--no-typecheck'], project);
    expect(lint.status, lint.out).toBe(0);
    expect(JSON.parse(lint.stdout)).toMatchObject({ findings: [] });
    // AND its dash init writes the workflow template the package ships, byte for byte
    expect(files).toContain('dist/lib/project/templates/github-workflow.yml');
    const scaffold = path.join(tmp, 'scaffold');
    const init = run(process.execPath, [dash, 'init', scaffold], tmp);
    expect(init.status, init.out).toBe(0);
    expect(readFileSync(path.join(scaffold, '.github', 'workflows', 'dashboards.yml'), 'utf8')).toBe(
      readFileSync(path.join(REPO, 'examples', 'github-actions', 'dashboards.yml'), 'utf8'),
    );
  });
});

describe('packing the mixin packages', () => {
  const mixins = readdirSync(path.join(REPO, 'mixins')).filter((name) => existsSync(path.join(REPO, 'mixins', name, 'package.json')));

  it.each(mixins)('GIVEN mixins/%s WHEN npm pack runs THEN prepack builds it and the tarball holds dist', { timeout: 180_000 }, (name) => {
    // GIVEN a copy of the package laid out as in the repository (scripts/ copied, the build of grafts and node_modules linked)
    const root = tempDir(`grafts-mixin-pack-${name}-`);
    cpSync(path.join(REPO, 'scripts'), path.join(root, 'scripts'), { recursive: true });
    symlinkSync(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'));
    symlinkSync(path.join(REPO, 'dist'), path.join(root, 'dist'));
    const dir = path.join(root, 'mixins', name);
    cpSync(path.join(REPO, 'mixins', name), dir, { recursive: true, filter: (src) => !/(^|\/)(dist|node_modules)$/.test(src) });
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
    // WHEN packed with npm's lifecycle scripts
    const pack = run('npm', ['pack', '--pack-destination', root], dir);
    expect(pack.status, pack.out).toBe(0);
    // THEN the tarball has the bundle and its declarations, not just package.json and README
    const tarball = readdirSync(root).find((f) => f.endsWith('.tgz'));
    expect(tarball, pack.out).toBeDefined();
    const files = tarballFiles(path.join(root, tarball!));
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'dist/index.js', 'dist/index.d.ts']));
  });
});
