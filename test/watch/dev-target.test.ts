import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { validateConfig } from '../../lib/project/load-project.js';
import { GrafanaTarget } from '../../lib/sync/targets/grafana-target.js';
import { FileTarget } from '../../lib/sync/targets/file-target.js';
import { resolveWatchTarget, userSlug } from '../../lib/watch/dev-target.js';

const dir = '/work/project';

describe('resolveWatchTarget', () => {
  test('GIVEN no dev target WHEN resolved THEN a per-user file folder inside the project is used, never GRAFANA_URL', () => {
    const t = resolveWatchTarget({ dir, config: {}, env: { GRAFANA_URL: 'https://prod.example.com', GRAFANA_TOKEN: 'glsa_x' }, user: 'Alice.Smith' });
    expect(t.target).toBeInstanceOf(FileTarget);
    expect(t.target.describe()).toBe(path.join(dir, '.grafts-watch', 'alice-smith'));
    expect(t.dev).toBe(true);
    expect(t.urlOf('api', ['Team A'])).toBe(path.join(dir, '.grafts-watch', 'alice-smith', 'dashboards', 'Team A', 'api.json'));
    // the file target's directory names (one-to-one: `A/B` is not `A-B`)
    expect(t.urlOf('api', ['A/B', 'A-B'])).toBe(path.join(dir, '.grafts-watch', 'alice-smith', 'dashboards', 'A\u2215B', 'A-B', 'api.json'));
  });

  test('GIVEN a Grafana target marked dev without prefixes WHEN resolved THEN watch adds per-user uid and folder prefixes', () => {
    const config = validateConfig(
      {
        targets: {
          prod: { type: 'grafana', url: 'https://prod.example.com', tokenEnv: 'PROD' },
          dev: { type: 'grafana', url: 'http://localhost:3000/', tokenEnv: 'DEV_TOKEN', dev: true },
        },
      },
      'dash.config.ts',
    );
    const t = resolveWatchTarget({ dir, config, env: { DEV_TOKEN: 'glsa_dev' }, user: 'bob' });
    expect(t.name).toBe('dev');
    expect(t.target).toBeInstanceOf(GrafanaTarget);
    expect(t.uidPrefix).toBe('bob-');
    expect(t.target.describe()).toContain('uid prefix "bob-"');
    expect(t.urlOf('api')).toBe('http://localhost:3000/d/bob-api');
  });

  test('GIVEN a dev target with its own uidPrefix WHEN resolved THEN it is used as configured', () => {
    const config = validateConfig(
      { targets: { dev: { type: 'grafana', url: 'http://g:3000', tokenEnv: 'T', uidPrefix: 'team-', dev: true } } },
      'dash.config.ts',
    );
    const t = resolveWatchTarget({ dir, config, env: { T: 'glsa_t' }, user: 'bob' });
    expect(t.uidPrefix).toBeUndefined();
    expect(t.urlOf('api')).toBe('http://g:3000/d/team-api');
  });

  test('GIVEN a files target marked dev WHEN resolved THEN each user gets a sub-folder', () => {
    const config = validateConfig({ targets: { local: { type: 'files', dir: 'deploy', dev: true } } }, 'dash.config.ts');
    expect(resolveWatchTarget({ dir, config, env: {}, user: 'carol' }).target.describe()).toBe(path.join(dir, 'deploy', 'carol'));
  });

  test('GIVEN --target WHEN resolved THEN that target is used exactly as configured', () => {
    const config = validateConfig({ targets: { staging: { type: 'grafana', url: 'http://s', tokenEnv: 'S' } } }, 'dash.config.ts');
    const t = resolveWatchTarget({ dir, config, env: { S: 'glsa_s' }, targetName: 'staging', user: 'bob' });
    expect(t.dev).toBe(false);
    expect(t.urlOf('api')).toBe('http://s/d/api');
    expect(() => resolveWatchTarget({ dir, config, env: {}, targetName: 'nope' })).toThrow(/--target nope: no such target/);
  });

  test('user names become safe uid prefixes', () => {
    expect(userSlug('Alice Smith-Jones the Third')).toBe('alice-smith');
    expect(userSlug('___')).toBe('dev');
  });
});

describe('config: targets.<name>.dev', () => {
  test('GIVEN a non-boolean dev or two dev targets THEN each is a config problem', () => {
    expect(() => validateConfig({ targets: { a: { type: 'files', dir: 'a', dev: 'yes' } } }, 'dash.config.ts')).toThrow(
      'dash.config.ts: targets.a.dev: must be true or false, got "yes"',
    );
    expect(() =>
      validateConfig({ targets: { a: { type: 'files', dir: 'a', dev: true }, b: { type: 'files', dir: 'b', dev: true } } }, 'dash.config.ts'),
    ).toThrow('dash.config.ts: targets: more than one target is marked dev: true (a, b); dash watch needs one (or --target <name>)');
  });
});
