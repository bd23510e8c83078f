/**
 * Which target a run talks to (--target, the environment, defaultTarget, the file default)
 * and how `targets` / `defaultTarget` are validated in dash.config.ts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DashConfig } from '../../lib/project/define-config.js';
import { ConfigError } from '../../lib/project/errors.js';
import { validateConfig } from '../../lib/project/load-project.js';
import { resolveTarget, TargetConfigError } from '../../lib/sync/resolve-target.js';
import { FileTarget } from '../../lib/sync/targets/file-target.js';
import { GrafanaTarget } from '../../lib/sync/targets/grafana-target.js';
import { startGrafanaEmulator, type GrafanaEmulator } from '../../lib/testing/index.js';
import { selfSignedCertificate } from '../grafana/fake-servers.js';

const cwd = '/work/project';
const config: DashConfig = {
  targets: {
    prod: { type: 'grafana', url: 'https://acme.grafana.net', tokenEnv: 'GRAFANA_PROD_TOKEN', orgId: 1 },
    dev: { type: 'grafana', url: 'http://localhost:3000/grafana/', user: 'admin', passwordEnv: 'DEV_PASSWORD', uidPrefix: 'dev-' },
    files: { type: 'files', dir: 'deploy/grafana' },
  },
};

describe('resolveTarget precedence', () => {
  test('GIVEN --target WHEN it names a Grafana target THEN that target is used, even with GRAFANA_URL set', () => {
    const t = resolveTarget({ cwd, config, targetName: 'prod', env: { GRAFANA_PROD_TOKEN: 'glsa_p', GRAFANA_URL: 'http://other', GRAFANA_TOKEN: 'x' } });
    expect(t).toBeInstanceOf(GrafanaTarget);
    expect(t.name).toBe('prod');
    expect(t.describe()).toBe('https://acme.grafana.net (org 1)');
  });

  test('GIVEN --target naming a files target THEN its dir is resolved from the project', () => {
    const t = resolveTarget({ cwd, config, targetName: 'files', env: {} });
    expect(t).toBeInstanceOf(FileTarget);
    expect(t.describe()).toBe('/work/project/deploy/grafana');
  });

  test('GIVEN --target with an unknown name THEN the error lists the known ones', () => {
    expect(() => resolveTarget({ cwd, config, targetName: 'staging', env: {} })).toThrow(
      '--target staging: no such target in the config (known: prod, dev, files)',
    );
    expect(() => resolveTarget({ cwd, config: {}, targetName: 'x', env: {} })).toThrow('the config defines no targets');
    expect(() => resolveTarget({ cwd, config, targetName: 'toString', env: {} })).toThrow(TargetConfigError);
  });

  test('GIVEN no --target and GRAFANA_URL set THEN the environment Grafana named default is used over defaultTarget', () => {
    const t = resolveTarget({
      cwd,
      config: { ...config, defaultTarget: 'files' },
      env: { GRAFANA_URL: 'https://acme.grafana.net/', GRAFANA_TOKEN: 'glsa_e', GRAFANA_ORG_ID: '2' },
    });
    expect(t).toBeInstanceOf(GrafanaTarget);
    expect(t.name).toBe('default');
    expect(t.describe()).toBe('https://acme.grafana.net (org 2)');
  });

  test('GIVEN no --target and no GRAFANA_URL THEN defaultTarget, else the grafana-provisioning folder', () => {
    expect(resolveTarget({ cwd, config: { ...config, defaultTarget: 'files' }, env: {} }).describe()).toBe('/work/project/deploy/grafana');
    const fallback = resolveTarget({ cwd, config: {}, env: {} });
    expect(fallback).toBeInstanceOf(FileTarget);
    expect(fallback.name).toBe('default');
    expect(fallback.describe()).toBe('/work/project/grafana-provisioning');
  });

  test('GIVEN the environment without usable credentials THEN the error says which variables to set', () => {
    expect(() => resolveTarget({ cwd, config: {}, env: { GRAFANA_URL: 'http://g' } })).toThrow(
      'GRAFANA_URL is set but no credentials are: set GRAFANA_TOKEN (a service account token, glsa_…) or GRAFANA_USER and GRAFANA_PASSWORD',
    );
    expect(() => resolveTarget({ cwd, config: {}, env: { GRAFANA_URL: 'http://g', GRAFANA_USER: 'u' } })).toThrow(
      'GRAFANA_USER is set but GRAFANA_PASSWORD is not',
    );
    expect(() => resolveTarget({ cwd, config: {}, env: { GRAFANA_URL: 'http://g', GRAFANA_TOKEN: 't', GRAFANA_ORG_ID: 'one' } })).toThrow(
      'GRAFANA_ORG_ID must be a positive integer, got "one"',
    );
  });

  test('GIVEN a named target whose variable is not set THEN the error names the key and the variable, not a value', () => {
    const error = (() => {
      try {
        resolveTarget({ cwd, config, targetName: 'dev', env: {} });
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.message).toBe('targets.dev.passwordEnv: environment variable DEV_PASSWORD is not set (it holds the password of target "dev")');
  });

  test('GIVEN an invalid URL in the environment THEN a config error that does not echo it', () => {
    expect(() => resolveTarget({ cwd, config: {}, env: { GRAFANA_URL: 'http://u:glsa_secret@[x', GRAFANA_TOKEN: 't' } })).toThrow(/<invalid URL>/);
  });
});

describe('resolved targets talk to Grafana', () => {
  let grafana: GrafanaEmulator;
  beforeAll(async () => {
    grafana = await startGrafanaEmulator({ orgId: 1 });
  });
  afterAll(() => grafana.stop());

  test('GIVEN GRAFANA_URL + GRAFANA_TOKEN WHEN listing THEN the emulator answers with the token', async () => {
    const t = resolveTarget({ cwd, config: {}, env: { GRAFANA_URL: grafana.url, GRAFANA_TOKEN: grafana.token } });
    expect(await t.listDashboards()).toEqual([]);
  });

  test('GIVEN GRAFANA_USER + GRAFANA_PASSWORD, or grizzly-style GRAFANA_USER + GRAFANA_TOKEN, THEN basic auth works', async () => {
    const basic = resolveTarget({ cwd, config: {}, env: { GRAFANA_URL: grafana.url, GRAFANA_USER: 'admin', GRAFANA_PASSWORD: 'admin' } });
    const grizzly = resolveTarget({ cwd, config: {}, env: { GRAFANA_URL: grafana.url, GRAFANA_USER: 'admin', GRAFANA_TOKEN: 'admin' } });
    expect(await basic.listFolders()).toEqual([]);
    expect(await grizzly.listFolders()).toEqual([]);
  });

  test('GIVEN a named target with tokenEnv and a wrong token THEN the 401 suggestion names the variable', async () => {
    const t = resolveTarget({
      cwd,
      config: { targets: { local: { type: 'grafana', url: grafana.url, tokenEnv: 'LOCAL_TOKEN', apiMode: 'classic' } } },
      targetName: 'local',
      env: { LOCAL_TOKEN: 'glsa_wrong' },
    });
    await expect(t.listDashboards()).rejects.toThrow('check LOCAL_TOKEN (targets.local.tokenEnv): the token is invalid');
  });

  test('GIVEN a named target with a caFile that does not exist or is not PEM THEN resolving fails naming the key and the file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'grafts-resolve-'));
    try {
      writeFileSync(path.join(dir, 'ca.pem'), readFileSync(selfSignedCertificate().certFile));
      writeFileSync(path.join(dir, 'garbage.pem'), 'not a pem');
      const make = (caFile: string) =>
        resolveTarget({
          cwd: dir,
          config: { targets: { t: { type: 'grafana', url: 'https://g.example.com', tokenEnv: 'T', caFile } } },
          targetName: 't',
          env: { T: 'x' },
        });
      expect(make('ca.pem')).toBeInstanceOf(GrafanaTarget);
      expect(() => make('missing.pem')).toThrow(`targets.t.caFile: cannot read the CA file ${path.join(dir, 'missing.pem')}`);
      expect(() => make('garbage.pem')).toThrow(`targets.t.caFile: ${path.join(dir, 'garbage.pem')} is not a PEM file`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('config validation of targets', () => {
  const check = (value: Record<string, unknown>) => () => validateConfig(value, 'dash.config.ts');

  test('GIVEN valid targets and defaultTarget THEN the config is accepted as is', () => {
    const value = { ...config, defaultTarget: 'prod' };
    expect(validateConfig(value, 'dash.config.ts')).toBe(value);
  });

  test('GIVEN a literal token THEN the error names file and key path, explains why, and does not repeat it', () => {
    let message = '';
    try {
      check({ targets: { prod: { type: 'grafana', url: 'https://g', token: 'glsa_LITERAL_SECRET_123' } } })();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      "dash.config.ts: targets.prod.token: a literal token does not belong in a committed file (it would end up in git history and CI logs): put it in an environment variable and name that variable with tokenEnv, e.g. tokenEnv: 'GRAFANA_PROD_TOKEN'",
    );
    expect(message).not.toContain('glsa_LITERAL_SECRET_123');
  });

  test('GIVEN a secret where a variable name belongs, or credentials in the URL THEN neither is repeated', () => {
    let message = '';
    try {
      check({ targets: { prod: { type: 'grafana', url: 'https://bob:hunter2secret@g', tokenEnv: 'glsa_abcdefghijklmnopqrstuvwxyz_0123' } } })();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split('\n')).toEqual([
      'dash.config.ts: targets.prod.url: must not carry credentials (user:password@): use user and passwordEnv',
      'dash.config.ts: targets.prod.tokenEnv: must be the NAME of an environment variable, and this looks like the secret itself: move the value to an environment variable',
    ]);
    expect(message).not.toMatch(/hunter2secret|glsa_abc/);
  });

  test('GIVEN many mistakes THEN every one is listed with its key path', () => {
    expect(
      check({
        defaultTarget: 'nope',
        targets: {
          a: {
            type: 'grafana',
            url: 'ftp://g',
            user: 'u',
            orgId: 0,
            apiMode: 'v2',
            timeoutMs: -1,
            insecureSkipVerify: 'yes',
            uidPrefix: 'dev/',
            alertingProvenance: 'editable',
            color: 'red',
          },
          b: { type: 'files' },
          c: { type: 's3', dir: 'x' },
          d: { type: 'grafana', url: 'http://g' },
          'bad name': { type: 'files', dir: 'x' },
        },
      }),
    ).toThrow(
      [
        'dash.config.ts: targets.a.color: unknown key (known: type, url, tokenEnv, user, passwordEnv, orgId, apiMode, caFile, insecureSkipVerify, timeoutMs, folderPrefix, uidPrefix, dev, rules, alertingProvenance, schema, mixins)',
        'dash.config.ts: targets.a.url: must use http: or https:, got ftp:',
        'dash.config.ts: targets.a: user needs passwordEnv (the environment variable holding the password)',
        'dash.config.ts: targets.a.orgId: must be a positive integer, got 0',
        "dash.config.ts: targets.a.apiMode: must be 'auto', 'classic' or 'k8s', got \"v2\"",
        'dash.config.ts: targets.a.insecureSkipVerify: must be true or false, got "yes"',
        'dash.config.ts: targets.a.timeoutMs: must be a positive number of milliseconds, got -1',
        `dash.config.ts: targets.a.alertingProvenance: must be 'api' or 'none', got "editable"`,
        'dash.config.ts: targets.a.uidPrefix: must be 1–20 of the characters Grafana allows in uids (letters, digits, "-", "_"), got "dev/"',
        'dash.config.ts: targets.b.dir: must be a folder path (relative to the project), got nothing',
        "dash.config.ts: targets.c.type: must be 'grafana', 'files' or 'kubernetes', got \"s3\"",
        "dash.config.ts: targets.d: no credentials: give tokenEnv (the environment variable holding a service account token, e.g. 'GRAFANA_TOKEN') or user + passwordEnv",
        'dash.config.ts: targets.bad name: a target name may hold letters, digits, ".", "_" and "-" (it is given as --target <name>)',
        'dash.config.ts: defaultTarget: "nope" is not in targets (known: a, b, c, d, bad name)',
      ].join('\n'),
    );
  });

  test('GIVEN a files target with v2ApiVersion and v1Format THEN valid values are accepted and others named with the allowed ones', () => {
    expect(() => check({ targets: { f: { type: 'files', dir: 'x', v2ApiVersion: 'v2', v1Format: 'resource' } } })()).not.toThrow();
    expect(check({ targets: { f: { type: 'files', dir: 'x', v2ApiVersion: 'v2alpha1', v1Format: 'yaml' } } })).toThrow(
      [
        "dash.config.ts: targets.f.v2ApiVersion: must be 'v2beta1' or 'v2', got \"v2alpha1\"",
        "dash.config.ts: targets.f.v1Format: must be 'classic' or 'resource', got \"yaml\"",
      ].join('\n'),
    );
  });

  test('GIVEN targets that is not an object, or both kinds of credentials THEN the error says what is expected', () => {
    expect(check({ targets: [] })).toThrow('dash.config.ts: targets: must be an object of named targets, got an array');
    expect(check({ targets: { x: { type: 'grafana', url: 'http://g', tokenEnv: 'T', user: 'u', passwordEnv: 'P' } } })).toThrow(
      'dash.config.ts: targets.x: give either tokenEnv or user + passwordEnv, not both',
    );
    expect(check({ defaultTarget: 'x' })).toThrow('dash.config.ts: defaultTarget: "x" is not in targets (no targets are defined)');
  });
});
