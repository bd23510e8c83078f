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
    expect(build.options.map((o) => o.long)).toEqual(['--out', '--json', '--no-typecheck']);

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
