// File-system errors are the user's environment, not bugs: the built bin prints the path and a
// hint, exits 1 and writes nothing; a garbage caFile is refused naming the config key.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, onTestFinished } from 'vitest';
import { formatFileSystemError } from '../../cli/file-system-error.js';
import { OutputError } from '../../lib/project/errors.js';
import { makeProject, runDash } from './run-dash.js';

const DASHBOARD = `import { dashboard } from 'grafts';\nexport default dashboard('API').uid('api');\n`;
const NO_GRAFANA = ['GRAFANA_URL', 'GRAFANA_TOKEN', 'GRAFANA_USER', 'GRAFANA_PASSWORD'];

function withoutGrafanaEnv<T>(run: () => T): T {
  const saved = NO_GRAFANA.map((k) => [k, process.env[k]] as const);
  for (const k of NO_GRAFANA) delete process.env[k];
  try {
    return run();
  } finally {
    for (const [k, v] of saved) if (v !== undefined) process.env[k] = v;
  }
}

async function realError(action: () => Promise<unknown>): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the file-system call to fail');
}

describe('formatFileSystemError', () => {
  it('names the path, the code and a hint for real failures of the file system', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'grafts-fs-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(path.join(dir, 'file'), '');
    mkdirSync(path.join(dir, 'folder'));
    const cases: [string, () => Promise<unknown>, string][] = [
      ['ENOTDIR', () => readdir(path.join(dir, 'file', 'x')), path.join(dir, 'file', 'x')],
      ['EISDIR', () => writeFile(path.join(dir, 'folder'), '{}'), path.join(dir, 'folder')],
      ['ENOENT', () => readFile(path.join(dir, 'missing.json')), path.join(dir, 'missing.json')],
      ['EEXIST', () => mkdir(path.join(dir, 'folder')), path.join(dir, 'folder')],
      ['ENOTDIR', () => writeFile(path.join(dir, 'file', 'out.json'), '{}'), path.join(dir, 'file', 'out.json')],
      ['ENOENT', () => rename(path.join(dir, 'nope'), path.join(dir, 'other')), path.join(dir, 'nope')],
    ];
    for (const [code, action, file] of cases) {
      const text = formatFileSystemError(await realError(action));
      expect(text).toContain(file);
      expect(text).toContain(`(${code})`);
      expect(text).toMatch(/\n {2}hint: \S/);
      expect(text).not.toContain('internal error');
    }
  });

  it('formats every code it knows, found directly or as the cause of another error, and nothing else', () => {
    const codes = [
      'ENOTDIR',
      'EISDIR',
      'EACCES',
      'EPERM',
      'ENOSPC',
      'EDQUOT',
      'EROFS',
      'ENOENT',
      'EEXIST',
      'ENAMETOOLONG',
      'ELOOP',
      'EMFILE',
      'EBUSY',
      'EXDEV',
      'EIO',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...codes),
        fc.constantFrom('open', 'mkdir', 'rename', 'scandir', 'write', 'unlink'),
        fc.array(fc.stringMatching(/^[a-z0-9._-]{1,12}$/), { minLength: 1, maxLength: 4 }),
        fc.nat({ max: 3 }),
        (code, syscall, segments, wrapDepth) => {
          const file = `/${segments.join('/')}`;
          let error: Error = Object.assign(new Error(`${code}: failed, ${syscall} '${file}'`), { code, syscall, path: file, errno: -1 });
          for (let i = 0; i < wrapDepth; i++) error = new Error(`step ${i} failed`, { cause: error });
          const text = formatFileSystemError(error);
          expect(text).toBe(`error: cannot ${syscall} ${file}: ${text!.slice(`error: cannot ${syscall} ${file}: `.length)}`);
          expect(text).toContain(`(${code})\n  hint: `);
          expect(text!.endsWith('\n')).toBe(true);
        },
      ),
    );
    // Not file-system errors: a code without a syscall, an unknown code, plain errors and values.
    expect(formatFileSystemError(Object.assign(new Error('x'), { code: 'ENOTDIR' }))).toBeUndefined();
    expect(formatFileSystemError(Object.assign(new Error('x'), { code: 'ECONNREFUSED', syscall: 'connect' }))).toBeUndefined();
    expect(formatFileSystemError(new TypeError('x is undefined'))).toBeUndefined();
    expect(formatFileSystemError('ENOTDIR')).toBeUndefined();
    // An error the CLI already formats keeps its own message (OutputError carries its cause).
    expect(new OutputError('could not write output').problems).toHaveLength(1);
  });
});

describe('file-system errors in the built bin', () => {
  it('an apply to a file-provisioning folder under a file is a user error, not a bug', () => {
    // GIVEN a files target whose directory sits under a regular file
    const dir = makeProject({
      'dash.config.ts': `import { defineConfig } from 'grafts';\nexport default defineConfig({ targets: { f: { type: 'files', dir: 'afile/provisioning' } } });\n`,
      'api.dash.ts': DASHBOARD,
      afile: 'not a directory\n',
    });

    // WHEN applying and diffing
    for (const command of ['apply', 'diff']) {
      const run = withoutGrafanaEnv(() => runDash([command, '--target', 'f', '--no-typecheck'], dir));

      // THEN exit 1 with the path, the reason and a hint
      expect(run.exitCode).toBe(1);
      expect(run.stderr).not.toContain('internal error');
      // (the sync reports unreadable targets itself; either way the path and the code are named)
      expect(run.stderr).toMatch(/^error: /);
      expect(run.stderr).toContain(path.join(dir, 'afile', 'provisioning'));
      expect(run.stderr).toContain('ENOTDIR');
      expect(run.stderr).toContain('hint: ');
    }
    expect(readdirSync(dir).sort()).toEqual(['afile', 'api.dash.ts', 'dash.config.ts']);
  });

  it.each([
    ['text that is not PEM', 'hello\n', /targets\.g\.caFile: .*garbage\.pem is not a PEM file/],
    [
      'a PEM block that does not parse',
      '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n',
      /targets\.g\.caFile: .*garbage\.pem: certificate 1 of 1 does not parse/,
    ],
    ['a directory', undefined, /targets\.g\.caFile: cannot read the CA file .*garbage\.pem \(EISDIR\)/],
  ])('a caFile holding %s is refused naming the config key, before any request', (_name, contents, message) => {
    // GIVEN a Grafana target whose caFile is garbage
    const dir = makeProject({
      'dash.config.ts': `import { defineConfig } from 'grafts';\nexport default defineConfig({ targets: { g: { type: 'grafana', url: 'https://127.0.0.1:9', tokenEnv: 'G_TOKEN', caFile: 'garbage.pem' } } });\n`,
      'api.dash.ts': DASHBOARD,
      ...(contents !== undefined && { 'garbage.pem': contents }),
    });
    if (contents === undefined) mkdirSync(path.join(dir, 'garbage.pem'));
    process.env['G_TOKEN'] = 'glsa_secret_value';
    try {
      // WHEN diffing
      const run = runDash(['diff', '--target', 'g', '--no-typecheck'], dir);

      // THEN it fails at once naming the key and the file, never printing the token
      expect(run.exitCode).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toContain('glsa_secret_value');
      expect(run.stderr).not.toContain('internal error');
    } finally {
      delete process.env['G_TOKEN'];
    }
  });
});
