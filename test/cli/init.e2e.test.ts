// dash init on directories that are not empty: an existing .gitignore is completed, not a
// reason to refuse; other files still are; "npm i -D grafts" only when grafts is missing.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INIT_FILES, missingIgnoreLines } from '../../lib/project/run-init.js';
import { makeProject, readTree, runDash } from './run-dash.js';

const WANTED = ['node_modules', 'out', 'grafana-provisioning', '.grafts-watch', '.grafts'];

/** The entries of a .gitignore, with `/` at either end dropped (git reads `out` and `/out/` alike here). */
const entries = (text: string) =>
  new Set(
    text
      .split('\n')
      .map((l) => l.trim().replace(/^\//, '').replace(/\/$/, ''))
      .filter((l) => l !== ''),
  );

describe('dash init', () => {
  it('appends only the missing lines to an existing .gitignore and keeps what was there', () => {
    // GIVEN a repository whose .gitignore already ignores some of grafts' folders, without a final newline
    const dir = makeProject({ '.gitignore': '# mine\n/node_modules\ncoverage/\nout' });

    // WHEN initialising
    const run = runDash(['init'], dir);

    // THEN it succeeds, the old content is kept byte for byte, and the missing lines follow
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const text = readFileSync(path.join(dir, '.gitignore'), 'utf8');
    expect(text.startsWith('# mine\n/node_modules\ncoverage/\nout\n')).toBe(true);
    expect(text.slice('# mine\n/node_modules\ncoverage/\nout\n'.length)).toBe('# grafts\ngrafana-provisioning/\n.grafts-watch/\n.grafts/\n');
    expect(run.stdout).toContain('Added to .gitignore: grafana-provisioning/ .grafts-watch/ .grafts/');
    expect(run.stdout).not.toContain('.gitignore\n');

    // AND a second init refuses (the other files exist) and leaves .gitignore alone
    const again = runDash(['init'], dir);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain('refusing to overwrite existing files: dash.config.ts');
    expect(again.stderr).not.toContain('.gitignore');
    expect(readFileSync(path.join(dir, '.gitignore'), 'utf8')).toBe(text);
  });

  it('still refuses, writing nothing, when another scaffold file exists', () => {
    // GIVEN a .gitignore and an existing dash.config.ts
    const dir = makeProject({ '.gitignore': 'dist/\n', 'dash.config.ts': '// mine\n' });
    const before = readTree(dir);

    // WHEN initialising
    const run = runDash(['init'], dir);

    // THEN it fails and nothing changed, .gitignore included
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('refusing to overwrite existing file: dash.config.ts (nothing was written)');
    expect(readTree(dir)).toEqual(before);
  });

  it('ignores grafana-provisioning/ in a new .gitignore', () => {
    const dir = makeProject({});
    expect(runDash(['init'], dir).exitCode).toBe(0);
    expect(entries(readFileSync(path.join(dir, '.gitignore'), 'utf8'))).toEqual(new Set(WANTED));
  });

  it('prints "npm i -D grafts" only when grafts is neither a dependency nor installed', () => {
    const bare = makeProject({ 'package.json': JSON.stringify({ name: 'app', devDependencies: { vitest: '1' } }) });
    const dependent = makeProject({ 'package.json': JSON.stringify({ name: 'app', devDependencies: { grafts: '^0.1.0' } }) });
    const installed = makeProject({ 'node_modules/grafts/package.json': JSON.stringify({ name: 'grafts' }) });
    mkdirSync(path.join(installed, 'monitoring'));

    expect(runDash(['init'], bare).stdout).toContain('npm i -D grafts');
    const withDependency = runDash(['init'], dependent);
    expect(withDependency.exitCode).toBe(0);
    expect(withDependency.stdout).not.toContain('npm i');
    const inSubfolder = runDash(['init', 'monitoring'], installed);
    expect(inSubfolder.exitCode).toBe(0);
    expect(inSubfolder.stdout).not.toContain('npm i');
    expect(inSubfolder.stdout).toContain('npx dash build');
  });
});

describe('missingIgnoreLines', () => {
  const line = fc.constantFrom(...WANTED, 'dist', 'coverage', '*.log', '# comment', '');
  const spelling = (entry: string) => fc.constantFrom(entry, `${entry}/`, `/${entry}`, `/${entry}/`, `  ${entry}/ `);

  it('whatever a .gitignore holds, it then ignores every grafts entry, each once', () => {
    fc.assert(
      fc.property(fc.array(line.chain(spelling)), fc.boolean(), (lines, crlf) => {
        const current = lines.join(crlf ? '\r\n' : '\n');
        const added = missingIgnoreLines(current, INIT_FILES['.gitignore']!);
        const after = entries(`${current.replace(/\r/g, '')}\n${added.join('\n')}`);
        for (const wanted of WANTED) expect(after.has(wanted)).toBe(true);
        // Nothing already there is added again.
        for (const a of added) expect(entries(current.replace(/\r/g, '')).has(a.replace(/\/$/, ''))).toBe(false);
      }),
    );
  });
});
