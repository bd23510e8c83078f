// grafts/testing as a mixin author's test kit: schema validation of dashboards, and the
// assertions that a mixin renders, lints clean and passes promtool. Each is tested on the rule
// it enforces, with generated inputs around that rule.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { alertRule, dashboard, defineMixin, prometheus, ruleGroup, stat, type Mixin } from '../../lib/index.js';
import type { MixinLintFinding, MixinLintSeverity } from '../../lib/api/index.js';
import {
  assertMixinLints,
  assertMixinRenders,
  assertPromtoolRulesValid,
  assertPromtoolTestsPass,
  assertValidDashboard,
  GraftsAssertionError,
  validateDashboardSchema,
} from '../../lib/testing/index.js';
import tiny from '../fixtures/mixin-package/index.js';
import { docProjectFiles } from '../support/doc-pages.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'grafts-test-kit-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs `fn` with the given environment variables set (undefined: removed), then restores them. */
function withEnv<T>(vars: Record<string, string | undefined>, fn: () => T): T {
  const before = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const set = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  set(vars);
  try {
    return fn();
  } finally {
    set(before);
  }
}

/** The error `fn` throws, which must be a GraftsAssertionError. */
function assertionError(fn: () => unknown): GraftsAssertionError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(GraftsAssertionError);
    return error as GraftsAssertionError;
  }
  throw new Error('expected a GraftsAssertionError, nothing was thrown');
}

/** A fake promtool: a shell script printing `output` and exiting with `code` (any version query included). */
function fakePromtool(output: string, code: number): string {
  const file = path.join(mkdtempSync(path.join(work, 'promtool-')), 'promtool');
  writeFileSync(file, `#!/bin/sh\ncat <<'OUTPUT'\n${output}\nOUTPUT\nif [ "$1" = "--version" ]; then exit 0; fi\nexit ${code}\n`);
  chmodSync(file, 0o755);
  return file;
}

describe('validateDashboardSchema / assertValidDashboard', () => {
  it('PROPERTY: every dashboard the builders make is valid, whatever its title, uid and panels', () => {
    const title = fc.string({ minLength: 1, maxLength: 30 }).filter((t) => t.trim() !== '');
    fc.assert(
      fc.property(title, fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/), fc.array(fc.stringMatching(/^[a-z_]{1,12}$/), { maxLength: 5 }), (t, uid, metrics) => {
        const json = dashboard(t)
          .uid(uid)
          .panel(...metrics.map((m) => stat(m).target(prometheus(`sum(${m})`))))
          .build();
        expect(validateDashboardSchema(json)).toEqual({ valid: true, errors: [] });
        assertValidDashboard(json);
      }),
      { numRuns: 40 },
    );
  });

  it('PROPERTY: a built dashboard with one field given the wrong type is invalid, and the error names that field', () => {
    const base = dashboard('API')
      .uid('api')
      .panel(stat('Up').target(prometheus('up')))
      .build() as unknown as Record<string, unknown>;
    const corruptions: [string, (d: Record<string, unknown>) => void][] = [
      ['/title', (d) => (d['title'] = 42)],
      ['/panels', (d) => (d['panels'] = 'none')],
      ['/panels/0/gridPos/w', (d) => ((d['panels'] as { gridPos: Record<string, unknown> }[])[0]!.gridPos['w'] = 'wide')],
      ['/tags', (d) => (d['tags'] = { a: 1 })],
      ['/templating/list', (d) => (d['templating'] = { list: 7 })],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...corruptions), fc.string({ maxLength: 12 }), ([where, corrupt], name) => {
        const json = structuredClone(base);
        corrupt(json);
        const result = validateDashboardSchema(json);
        expect(result.valid).toBe(false);
        expect(
          result.errors.some((e) => e.startsWith(`${where} `)),
          result.errors.join('\n'),
        ).toBe(true);
        const error = assertionError(() => assertValidDashboard(json, `dashboards_out/${name}.json`));
        expect(error.problems).toEqual(result.errors);
        expect(error.message).toContain(`dashboards_out/${name}.json does not match the dashboard schema:\n  ${result.errors[0]}`);
      }),
      { numRuns: 30 },
    );
  });

  it('refuses what is not a dashboard object at all', () => {
    for (const notADashboard of [null, 'API', 3, [], [{ title: 'API' }]]) {
      expect(validateDashboardSchema(notADashboard).valid, JSON.stringify(notADashboard)).toBe(false);
    }
  });
});

describe('assertMixinRenders', () => {
  it('GIVEN a good mixin, configured THEN it returns what render() returns', () => {
    const configured = tiny.config({ selector: 'job="api"' });
    expect(assertMixinRenders(configured)).toEqual(configured.render());
  });

  it('GIVEN an override naming no alert THEN it fails saying the mixin does not render, with the render error', () => {
    const error = assertionError(() => assertMixinRenders(tiny.dropAlert('TinyTargetDwn')));
    expect(error.subject).toBe('mixin "tiny" does not render');
    expect(error.problems.join('\n')).toContain('TinyTargetDwn');
    expect(error.problems.join('\n')).toContain('did you mean "TinyTargetDown"?');
  });

  it('GIVEN a dashboard made schema-invalid through the escape hatch THEN the problem names its file and the field', () => {
    const broken = tiny.patchDashboard('tiny-overview.json', (d) => d.$merge({ refresh: 30 }));
    const error = assertionError(() => assertMixinRenders(broken));
    expect(error.subject).toBe('mixin "tiny" renders, but not correctly');
    expect(error.problems).toEqual(expect.arrayContaining([expect.stringMatching(/^dashboards_out\/tiny-overview\.json: \/refresh /)]));
  });

  it('GIVEN two dashboards with one uid THEN it does not render, naming both files', () => {
    const twice = defineMixin({
      name: 'twice',
      defaults: {},
      dashboards: () => ({
        'a.json': dashboard('A')
          .uid('same')
          .panel(stat('Up').target(prometheus('up'))),
        'b.json': dashboard('B')
          .uid('same')
          .panel(stat('Up').target(prometheus('up'))),
      }),
    });
    const error = assertionError(() => assertMixinRenders(twice));
    expect(error.subject).toBe('mixin "twice" does not render');
    expect(error.problems).toEqual(['mixin "twice" › b.json: duplicate uid "same" (also a.json)']);
  });

  it('GIVEN a mixin that renders nothing THEN it fails', () => {
    const empty = defineMixin({ name: 'empty', defaults: {} });
    expect(assertionError(() => assertMixinRenders(empty)).problems).toEqual(['it renders no dashboard, alert or recording rule']);
  });
});

describe('assertMixinLints', () => {
  // The tiny mixin with alerts that break conventions of several severities.
  const sloppy = defineMixin({
    name: 'sloppy',
    defaults: {},
    alerts: () => [
      ruleGroup('sloppy').rule(
        alertRule('targetDown').expr('up == 0').for('5m').severity('warning').summary('A target is down.').description('{{ $labels.instance }} is down.'),
        alertRule('NoForAtAll').expr('absent(up)').severity('critical').summary('No targets.').description('{{ $labels.job }} has none.'),
        alertRule('AVeryLongAlertNameThatGoesOnAndOnForeverMore')
          .expr('up == 0')
          .for('1m')
          .severity('info')
          .summary('Long.')
          .description('{{ $labels.job }} long.'),
      ),
    ],
  });
  const all = assertMixinLints(sloppy, { allow: () => true });
  const RANK: Record<MixinLintSeverity, number> = { info: 0, warning: 1, error: 2 };

  it('the sloppy mixin has findings of every severity (so the property below is not vacuous)', () => {
    expect(new Set(all.map((f) => f.severity))).toEqual(new Set(['error', 'warning', 'info']));
  });

  it('PROPERTY: it throws exactly when a finding at failOn or worse is not allowed, listing exactly those; else returns every finding', () => {
    const key = (f: MixinLintFinding) => `${f.rule}|${f.message}|${JSON.stringify(f.location)}`;
    fc.assert(
      fc.property(fc.constantFrom<MixinLintSeverity>('info', 'warning', 'error'), fc.subarray(all.map(key)), (failOn, allowedKeys) => {
        const allowed = new Set(allowedKeys);
        const failing = all.filter((f) => RANK[f.severity] >= RANK[failOn] && !allowed.has(key(f)));
        const run = () => assertMixinLints(sloppy, { failOn, allow: (f) => allowed.has(key(f)) });
        if (failing.length === 0) {
          expect(run()).toEqual(all);
        } else {
          const error = assertionError(run);
          expect(error.problems).toHaveLength(failing.length);
          for (const [i, f] of failing.entries()) expect(error.problems[i]).toContain(`${f.severity} ${f.rule}: ${f.message}`);
          expect(error.subject).toBe(`mixin "sloppy" has ${failing.length} lint finding${failing.length === 1 ? '' : 's'}`);
        }
      }),
    );
  });

  it('by default fails on warnings, not on infos, and names the file and alert', () => {
    const error = assertionError(() => assertMixinLints(sloppy));
    expect(error.problems.some((p) => p.startsWith('prometheus_alerts.yaml › group "sloppy" › alert "targetDown": error alert-name-camelcase'))).toBe(true);
    const infos = all.filter((f) => f.severity === 'info');
    expect(error.problems).toHaveLength(all.length - infos.length);
  });

  it('takes a rendered mixin as well as a mixin', () => {
    expect(assertMixinLints(tiny.render(), { failOn: 'info' })).toEqual(assertMixinLints(tiny, { failOn: 'info' }));
  });
});

describe('assertPromtoolTestsPass / assertPromtoolRulesValid', () => {
  const assertions = [
    ['assertPromtoolTestsPass', 'promtool test rules failed for mixin "tiny"', assertPromtoolTestsPass],
    ['assertPromtoolRulesValid', 'promtool check rules failed for mixin "tiny"', assertPromtoolRulesValid],
  ] as const;

  it.each(assertions)('%s: promtool missing is a failure in CI or when required, a skip with a reason otherwise', (_, subject, assert) => {
    withEnv({ PROMTOOL: '/nonexistent/promtool', CI: 'true' }, () => {
      expect(assertionError(() => assert(tiny)).subject).toBe(subject);
      const skipped = assert(tiny, { requirePromtool: false });
      expect(skipped).toMatchObject({ status: 'skipped' });
    });
    withEnv({ PROMTOOL: '/nonexistent/promtool', CI: undefined }, () => {
      expect(assert(tiny)).toEqual({ status: 'skipped', reason: expect.stringContaining('promtool is not installed') });
      expect(assertionError(() => assert(tiny, { requirePromtool: true })).problems[0]).toContain('promtool is not installed');
    });
  });

  it.each(assertions)('%s: a promtool that exits 0 without SUCCESS, or fails with it, is a failure with its output', (_, subject, assert) => {
    for (const [output, code] of [
      ['checked', 0],
      ['SUCCESS\nFAILED: 1 test', 1],
    ] as const) {
      withEnv({ PROMTOOL: fakePromtool(output, code) }, () => {
        const error = assertionError(() => assert(tiny));
        expect(error.subject).toBe(subject);
        expect(error.problems).toEqual(output.split('\n'));
      });
    }
  });

  it('with the real promtool: the tiny mixin passes both, and a wrong expectation fails naming the alert', () => {
    expect(assertPromtoolTestsPass(tiny, { requirePromtool: true })).toMatchObject({ status: 'passed', output: expect.stringContaining('SUCCESS') });
    expect(assertPromtoolRulesValid(tiny, { requirePromtool: true })).toMatchObject({ status: 'passed' });
    const wrong = tiny.patchAlert('TinyTargetDown', (a) => a.severity('critical'));
    const error = assertionError(() => assertPromtoolTestsPass(wrong, { requirePromtool: true }));
    expect(error.problems.join('\n')).toContain('TinyTargetDown');
  });
});

describe('the docs/testing.md example', () => {
  it('GIVEN the api-slo mixin of docs/mixins.md THEN the assertions docs/testing.md shows for it hold', async () => {
    // GIVEN the mixin as the docs show it, and the example test's calls as the docs show them
    const dir = mkdtempSync(path.join(work, 'docs-mixin-'));
    writeFileSync(path.join(dir, 'api-mixin.ts'), docProjectFiles()['mixins/api-mixin.ts']!);
    const { apiMixin } = (await import(path.join(dir, 'api-mixin.ts'))) as { apiMixin: Mixin<{ job: string; errorRatioThreshold: number }> };
    const page = readFileSync(new URL('../../docs/testing.md', import.meta.url), 'utf8');
    for (const call of [
      'assertMixinRenders(apiMixin)',
      "assertMixinLints(apiMixin, { allow: (finding) => finding.rule === 'job-instance-variables' })",
      'assertPromtoolRulesValid(apiMixin)',
      'assertPromtoolTestsPass(apiMixin)',
      "assertPromtoolTestsPass(apiMixin.config({ job: 'payments', errorRatioThreshold: 0.01 }))",
    ])
      expect(page).toContain(call);

    // WHEN they run THEN they pass, as the example says
    expect(assertMixinRenders(apiMixin).dashboards.map((d) => d.uid)).toEqual(['api-overview']);
    assertMixinLints(apiMixin, { allow: (finding) => finding.rule === 'job-instance-variables' });
    expect(assertPromtoolRulesValid(apiMixin, { requirePromtool: true }).status).toBe('passed');
    expect(assertPromtoolTestsPass(apiMixin, { requirePromtool: true }).status).toBe('passed');
    expect(assertPromtoolTestsPass(apiMixin.config({ job: 'payments', errorRatioThreshold: 0.01 }), { requirePromtool: true }).status).toBe('passed');
  });
});
