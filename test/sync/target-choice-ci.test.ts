/**
 * An undefined CI secret must not turn into a green run against the local file folder: an empty
 * GRAFANA_URL is an error, and in CI the implicit file target is never chosen.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { DashConfig } from '../../lib/project/define-config.js';
import { isCi, resolveTarget, TargetConfigError } from '../../lib/sync/resolve-target.js';
import { FileTarget } from '../../lib/sync/targets/file-target.js';
import { GrafanaTarget } from '../../lib/sync/targets/grafana-target.js';

const cwd = '/work/project';
const withFiles: DashConfig = { targets: { local: { type: 'files', dir: 'out-files' } } };
const withDefault: DashConfig = { ...withFiles, defaultTarget: 'local' };

/** Strings made only of whitespace, the empty one included. */
const blank = fc.array(fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0'), { maxLength: 6 }).map((cs) => cs.join(''));
/** CI values every CI system uses to say "this is CI". */
const ciOn = fc.oneof(
  fc.constantFrom('true', 'TRUE', '1', 'yes', 'woodpecker'),
  fc.string({ minLength: 1 }).filter((s) => !['', 'false', '0'].includes(s.trim().toLowerCase())),
);
const ciOff = fc.constantFrom(undefined, '', '  ', 'false', 'FALSE', '0', ' 0 ');

function errorOf(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('GRAFANA_URL set but empty', () => {
  test('GIVEN any blank GRAFANA_URL WHEN no --target is given THEN it is an error, whatever else is set', () => {
    fc.assert(
      fc.property(blank, fc.boolean(), ciOff, fc.option(fc.string(), { nil: undefined }), (url, hasDefault, ci, token) => {
        const env = { GRAFANA_URL: url, ...(ci !== undefined && { CI: ci }), ...(token !== undefined && { GRAFANA_TOKEN: token }) };
        const error = errorOf(() => resolveTarget({ cwd, config: hasDefault ? withDefault : withFiles, env }));
        expect(error).toBeInstanceOf(TargetConfigError);
        expect(error.message).toContain('GRAFANA_URL is set but empty');
      }),
    );
  });

  test('GIVEN a blank GRAFANA_URL WHEN --target names a target THEN that target is used (the variable is not consulted)', () => {
    fc.assert(
      fc.property(blank, (url) => {
        expect(resolveTarget({ cwd, config: withFiles, targetName: 'local', env: { GRAFANA_URL: url, CI: 'true' } })).toBeInstanceOf(FileTarget);
      }),
    );
  });

  test('GIVEN GRAFANA_URL with surrounding blanks THEN it is trimmed and used', () => {
    const target = resolveTarget({ cwd, config: withFiles, env: { GRAFANA_URL: '  https://g.example.com \n', GRAFANA_TOKEN: 'glsa_x', CI: 'true' } });
    expect(target).toBeInstanceOf(GrafanaTarget);
    expect(target.describe()).toBe('https://g.example.com');
  });
});

describe('the implicit file target in CI', () => {
  test('isCi: set to anything but empty, false or 0', () => {
    fc.assert(fc.property(ciOn, (ci) => isCi({ CI: ci })));
    fc.assert(fc.property(ciOff, (ci) => !isCi(ci === undefined ? {} : { CI: ci })));
  });

  test('GIVEN CI and no target chosen THEN the error names every way to choose one', () => {
    fc.assert(
      fc.property(ciOn, fc.constantFrom<DashConfig>({}, withFiles), (ci, config) => {
        const error = errorOf(() => resolveTarget({ cwd, config, env: { CI: ci } }));
        expect(error).toBeInstanceOf(TargetConfigError);
        for (const way of ['--target', 'GRAFANA_URL', 'defaultTarget']) expect(error.message).toContain(way);
      }),
    );
  });

  test('GIVEN CI WHEN a file target is chosen explicitly (--target or defaultTarget) THEN it is used', () => {
    fc.assert(
      fc.property(ciOn, (ci) => {
        const byName = resolveTarget({ cwd, config: withFiles, targetName: 'local', env: { CI: ci } });
        const byDefault = resolveTarget({ cwd, config: withDefault, env: { CI: ci } });
        for (const target of [byName, byDefault]) {
          expect(target).toBeInstanceOf(FileTarget);
          expect(target.describe()).toBe('/work/project/out-files');
        }
      }),
    );
  });

  test('GIVEN no CI and no target chosen THEN the project folder grafana-provisioning is the target', () => {
    fc.assert(
      fc.property(ciOff, (ci) => {
        const target = resolveTarget({ cwd, config: {}, env: ci === undefined ? {} : { CI: ci } });
        expect(target).toBeInstanceOf(FileTarget);
        expect(target.describe()).toBe('/work/project/grafana-provisioning');
      }),
    );
  });
});
