import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { ConfigError } from '../../lib/project/errors.js';
import { findFiles, globToRegExp } from '../../lib/project/find-files.js';
import { discoverDashboardFiles, findConfigFile, validateConfig } from '../../lib/project/load-project.js';
import { writeFiles } from '../cli/run-dash.js';

function project(files: string[]): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'grafts-find-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  writeFiles(dir, Object.fromEntries(files.map((f) => [f, '// x\n'])));
  return dir;
}

describe('globToRegExp', () => {
  it.each([
    ['**/*.dash.ts', 'a.dash.ts', true],
    ['**/*.dash.ts', 'x/y/a.dash.ts', true],
    ['**/*.dash.ts', 'a.dash.tsx', false],
    ['*.dash.ts', 'x/a.dash.ts', false],
    ['src/**', 'src/a/b.ts', true],
    ['src/**', 'srcs/a.ts', false],
    ['boards/{api,db}.ts', 'boards/db.ts', true],
    ['boards/{api,db}.ts', 'boards/web.ts', false],
    ['a?.ts', 'ab.ts', true],
    ['a?.ts', 'a/.ts', false],
    ['[ab].ts', 'b.ts', true],
    ['[!ab].ts', 'b.ts', false],
    ['./x.ts', 'x.ts', true],
    ['a.b(c).ts', 'a.b(c).ts', true],
  ])('GIVEN %s WHEN matched against %s THEN %s', (glob, file, expected) => {
    expect(globToRegExp(glob).test(file)).toBe(expected);
  });
});

describe('findFiles', () => {
  it('finds matches sorted, skipping node_modules, dot dirs and ignored dirs', async () => {
    // GIVEN a tree with dashboards in and out of the places searched
    const dir = project(['b.dash.ts', 'a/z.dash.ts', 'a/B.dash.ts', 'a/helper.ts', 'node_modules/pkg/x.dash.ts', '.cache/y.dash.ts', 'out/copy.dash.ts']);

    // WHEN searched with the default glob, ignoring out/
    const files = await findFiles({ dir, patterns: ['**/*.dash.ts'], ignoreDirs: [path.join(dir, 'out')] });

    // THEN only the project's own files come back, in code-unit order
    expect(files).toEqual(['a/B.dash.ts', 'a/z.dash.ts', 'b.dash.ts']);
  });

  it('applies exclusions and several patterns without duplicates', async () => {
    // GIVEN dashboards, drafts and an unrelated folder
    const dir = project(['boards/a.ts', 'boards/drafts/b.ts', 'more/c.ts', 'other/d.ts']);

    // WHEN searched with overlapping patterns and an exclusion
    const files = await findFiles({ dir, patterns: ['boards/**/*.ts', 'boards/*.ts', 'more/*.ts', '!boards/drafts/**'] });

    // THEN
    expect(files).toEqual(['boards/a.ts', 'more/c.ts']);
  });
});

describe('discoverDashboardFiles', () => {
  it('uses **/*.dash.ts by default and never returns the config file', async () => {
    // GIVEN a project whose config glob would also match the config
    const dir = project(['dash.config.ts', 'x.dash.ts', 'dashboards/y.ts']);
    const outDir = path.join(dir, 'out');

    // WHEN discovered with the default and with a broad glob
    const byDefault = await discoverDashboardFiles({ dir, config: {}, outDir });
    const broad = await discoverDashboardFiles({
      dir,
      config: { dashboards: '**/*.ts' },
      outDir,
      configFile: path.join(dir, 'dash.config.ts'),
    });

    // THEN
    expect(byDefault).toEqual(['x.dash.ts']);
    expect(broad).toEqual(['dashboards/y.ts', 'x.dash.ts']);
  });

  it('fails when nothing matches, naming the pattern', async () => {
    // GIVEN an empty project, WHEN discovered, THEN a ConfigError names the glob
    const dir = project(['readme.md']);
    const attempt = discoverDashboardFiles({ dir, config: {}, outDir: path.join(dir, 'out') });
    await expect(attempt).rejects.toBeInstanceOf(ConfigError);
    await expect(attempt).rejects.toThrow('no dashboard files match **/*.dash.ts');
  });
});

describe('config files', () => {
  it('finds dash.config.ts and refuses two config files', async () => {
    // GIVEN one config, THEN found; GIVEN two, THEN an error naming both
    expect(await findConfigFile(project(['dash.config.ts']))).toMatch(/dash\.config\.ts$/);
    expect(await findConfigFile(project(['x.dash.ts']))).toBeUndefined();
    await expect(findConfigFile(project(['dash.config.ts', 'dash.config.mjs']))).rejects.toThrow('dash.config.ts, dash.config.mjs');
  });

  it('validates the config shape and lists every problem', () => {
    // GIVEN a config with an unknown key and bad values, WHEN validated, THEN all are listed
    expect(() => validateConfig({ dashbords: 'x', outDir: 3, dashboards: [] }, 'dash.config.ts')).toThrow(
      [
        'dash.config.ts: unknown config key "dashbords" (known: dashboards, outDir, lint, mixins, ruleNamespace, targets, defaultTarget, fleets, schema, project, alerting, datasources)',
        'dash.config.ts: "dashboards" must be a non-empty glob or array of globs, got []',
        'dash.config.ts: "outDir" must be a non-empty path, got 3',
      ].join('\n'),
    );
    expect(() => validateConfig('nope', 'dash.config.ts')).toThrow(/must be a config object/);
    expect(validateConfig({ dashboards: ['a/*.ts'], outDir: 'o' }, 'c')).toEqual({ dashboards: ['a/*.ts'], outDir: 'o' });
  });
});
