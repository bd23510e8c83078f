// dash build in repositories whose tsconfig is made for their application, not for dashboards:
// rootDir is ignored for dashboard files, and --tsconfig picks another config.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, runDash } from './run-dash.js';

const DASHBOARD = `import { dashboard } from 'grafts';
const tags = ['a', 'b'].filter((t) => t.includes('a'));
export default dashboard('API').uid('api').tags(...tags);
`;

const tsconfig = (compilerOptions: Record<string, unknown>) =>
  JSON.stringify({ compilerOptions: { strict: true, module: 'esnext', moduleResolution: 'bundler', target: 'es2022', ...compilerOptions } });

describe('dash build with the repository tsconfig', () => {
  it.each([
    ['rootDir "src"', { rootDir: 'src', outDir: 'dist' }],
    ['rootDir "./src/app" with composite', { rootDir: './src/app', composite: true, declaration: true }],
  ])('builds dashboards outside the tsconfig %s', (_name, options) => {
    // GIVEN an application repository whose tsconfig only covers src/
    const dir = makeProject({
      'tsconfig.json': tsconfig({ ...options, lib: ['es2023'] }),
      'src/app/index.ts': 'export const x = 1;\n',
      'monitoring/api.dash.ts': DASHBOARD,
    });

    // WHEN building the dashboards
    const run = runDash(['build', 'monitoring'], dir);

    // THEN no TS6059 (file not under rootDir): the build succeeds
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(existsSync(path.join(dir, 'monitoring/out/dashboards/api.json'))).toBe(true);
  });

  it('--tsconfig type-checks with the file given instead of the nearest tsconfig.json', () => {
    // GIVEN a root tsconfig for an ES5 application, and one for the dashboards
    const dir = makeProject({
      'tsconfig.json': tsconfig({ lib: ['es5'] }),
      'tsconfig.dash.json': tsconfig({ lib: ['es2023'] }),
      'tsconfig.unused.json': tsconfig({ lib: ['es2023'], noUnusedLocals: true }),
      'monitoring/api.dash.ts': DASHBOARD,
      'monitoring/unused.dash.ts': `import { dashboard } from 'grafts';\nconst unused = 1;\nexport default dashboard('B').uid('b');\n`,
    });

    // WHEN building with each
    const nearest = runDash(['build', 'monitoring'], dir);
    const chosen = runDash(['build', 'monitoring', '--tsconfig', 'tsconfig.dash.json'], dir);
    const strict = runDash(['build', 'monitoring', '--tsconfig', 'tsconfig.unused.json'], dir);

    // THEN the ES5 one rejects includes(), the chosen one builds, and a stricter one is applied
    expect(nearest.exitCode).toBe(1);
    expect(nearest.stderr).toContain("Property 'includes' does not exist");
    expect(chosen.stderr).toBe('');
    expect(chosen.exitCode).toBe(0);
    expect(strict.exitCode).toBe(1);
    expect(strict.stderr).toContain("unused.dash.ts:2:7: TS6133 'unused' is declared but its value is never read");
  });

  it('--tsconfig naming a missing file is an error that writes nothing', () => {
    const dir = makeProject({ 'api.dash.ts': DASHBOARD });
    for (const command of ['build', 'diff', 'apply']) {
      const run = runDash([command, '--tsconfig', 'nope.json'], dir);
      expect(run.exitCode).toBe(1);
      expect(run.stderr).toBe('error: tsconfig not found: nope.json (--tsconfig is relative to the current directory)\n');
    }
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
    expect(existsSync(path.join(dir, 'grafana-provisioning'))).toBe(false);
  });
});
