import { describe, expect, it } from 'vitest';
import { formatBuildSummary } from '../../cli/commands/build.js';
import { colorEnabled } from '../../cli/io.js';
import { createProgram } from '../../cli/program.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const io = {
    cwd: '/p',
    env: {},
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s) },
  };
  return { io, out, err };
}

describe('createProgram', () => {
  it('declares build with its options, and usage errors throw instead of exiting', async () => {
    // GIVEN the program with captured output and exit overridden
    const { io, err } = capture();
    const program = createProgram(io);
    const build = program.commands.find((c) => c.name() === 'build')!;
    build.exitOverride();

    // THEN the options are declared
    expect(build.options.map((o) => o.long)).toEqual(['--out', '--json', '--no-typecheck', '--load-timeout', '--schema', '--tsconfig']);

    // WHEN given an unknown option, THEN a CommanderError with exit code 1 is thrown
    await expect(program.parseAsync(['node', 'dash', 'build', '--bogus'])).rejects.toMatchObject({ exitCode: 1 });
    expect(err.join('')).toContain("unknown option '--bogus'");
  });
});

describe('formatBuildSummary', () => {
  it('prints totals and one aligned line per dashboard, without colour when off', () => {
    // GIVEN a build result
    const result = {
      outDir: '/p/out',
      dashboards: [
        { uid: 'api', title: 'API', source: 'api.dash.ts', file: 'dashboards/api.json', panels: 1, queries: 1 },
        { uid: 'db', title: 'Database', source: 'db.dash.ts', file: 'dashboards/db.json', panels: 3, queries: 5 },
      ],
      mixins: [],
      totals: { dashboards: 2, panels: 4, queries: 6 },
      durationMs: 85,
    };

    // WHEN formatted, THEN
    expect(formatBuildSummary(result, '/p', false)).toBe(
      [
        'Built 2 dashboards (4 panels, 6 queries) in 85 ms → out/',
        '  dashboards/api.json  API       1 panel, 1 query  ← api.dash.ts',
        '  dashboards/db.json   Database  3 panels, 5 queries  ← db.dash.ts',
        '',
      ].join('\n'),
    );
  });
});

describe('formatBuildSummary with mixins', () => {
  it('prints one line per mixin with its dashboards, alerts and recording rules', () => {
    // GIVEN a build of one dashboard and two mixins, and one of mixins only
    const mixins = [
      { name: 'node-exporter', dir: 'mixins/node-exporter', files: [], dashboards: 2, alerts: 26, rules: 15 },
      { name: 'tiny', dir: 'mixins/tiny', files: [], dashboards: 1, alerts: 1, rules: 0 },
    ];
    const dashboards = [{ uid: 'api', title: 'API', source: 'api.dash.ts', file: 'dashboards/api.json', panels: 1, queries: 1 }];
    const both = { outDir: '/p/out', dashboards, mixins, totals: { dashboards: 1, panels: 1, queries: 1 }, durationMs: 9 };
    const only = { ...both, dashboards: [], totals: { dashboards: 0, panels: 0, queries: 0 } };

    // WHEN formatted, THEN the mixins follow the dashboards, aligned
    expect(formatBuildSummary(both, '/p', false)).toBe(
      [
        'Built 1 dashboard + 2 mixins (1 panel, 1 query) in 9 ms → out/',
        '  dashboards/api.json  API  1 panel, 1 query  ← api.dash.ts',
        '  mixins/node-exporter/  mixin  2 dashboards, 26 alerts, 15 recording rules',
        '  mixins/tiny/           mixin  1 dashboard, 1 alert, 0 recording rules',
        '',
      ].join('\n'),
    );
    // AND a project of mixins only says so without dashboard totals
    expect(formatBuildSummary(only, '/p', false).split('\n')[0]).toBe('Built 2 mixins in 9 ms → out/');
  });
});

describe('colorEnabled', () => {
  it.each([
    [true, {}, true],
    [false, {}, false],
    [true, { NO_COLOR: '1' }, false],
    [true, { FORCE_COLOR: '0' }, false],
    [false, { FORCE_COLOR: '1' }, true],
    [true, { TERM: 'dumb' }, false],
  ])('GIVEN isTTY=%s and env %j THEN %s', (isTTY, env, expected) => {
    expect(colorEnabled({ write: () => true, isTTY }, env)).toBe(expected);
  });
});
