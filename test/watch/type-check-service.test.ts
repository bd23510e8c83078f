import { utimesSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { CHECKS_PER_CHECKER, TypeCheckRunner } from '../../lib/watch/type-check-runner.js';
import { TypeCheckService } from '../../lib/watch/type-check-service.js';
import { dashboardSource, watchProject, write } from './watch-project.js';

describe('TypeCheckService (kept warm across saves)', () => {
  test('GIVEN a type error WHEN checked THEN file:line:col and the TS code; WHEN fixed and saved THEN clean; a file that does not parse is left to esbuild', () => {
    const dir = watchProject();
    const entries = ['dashboards/a.dash.ts', 'dashboards/b.dash.ts', 'dashboards/c.dash.ts'];
    const checker = new TypeCheckService(dir);
    checker.setRoots(entries);
    expect(checker.check(entries)).toEqual([]);

    write(dir, 'dashboards/a.dash.ts', dashboardSource('a').replace('export default', "const n: number = 'x';\nexport default"));
    touch(dir, 'dashboards/a.dash.ts', 1);
    expect(checker.check(['dashboards/a.dash.ts'])).toEqual([
      { file: 'dashboards/a.dash.ts', line: 4, column: 7, code: 'TS2322', message: "Type 'string' is not assignable to type 'number'." },
    ]);

    write(dir, 'dashboards/a.dash.ts', dashboardSource('a'));
    touch(dir, 'dashboards/a.dash.ts', 2);
    expect(checker.check(['dashboards/a.dash.ts'])).toEqual([]);

    // A helper's signature changes: the dashboards calling it wrongly are reported.
    write(dir, 'lib/helpers.ts', 'export function rate(service: number) { return service; }\n');
    touch(dir, 'lib/helpers.ts', 3);
    const problems = checker.check(['dashboards/b.dash.ts']);
    expect(problems.map((p) => [p.file, p.code])).toContainEqual(['dashboards/b.dash.ts', 'TS2345']);

    write(dir, 'dashboards/c.dash.ts', 'export default (\n');
    touch(dir, 'dashboards/c.dash.ts', 4);
    expect(checker.check(['dashboards/c.dash.ts'])).toEqual([]);
  });
});

/** Moves a file's mtime forward (the checker notices changes by mtime; writes within one ms could look alike). */
function touch(dir: string, rel: string, seconds: number): void {
  const at = new Date(Date.now() + seconds * 1000);
  utimesSync(path.join(dir, rel), at, at);
}

describe('TypeCheckRunner (a checker is replaced every N checks, so a long session stays flat)', () => {
  test('GIVEN checks past the limit WHEN the file keeps changing THEN a new checker takes over every N checks and every report is what a fresh checker finds', async () => {
    const dir = watchProject();
    const entries = ['dashboards/a.dash.ts', 'dashboards/b.dash.ts', 'dashboards/c.dash.ts'];
    const runner = new TypeCheckRunner(dir, { checksPerChecker: 2 });
    try {
      // broken, fixed, broken, fixed, broken: 5 checks on 3 checkers
      for (let step = 1; step <= 5; step++) {
        const broken = step % 2 === 1;
        write(
          dir,
          'dashboards/a.dash.ts',
          dashboardSource('a').replace('export default', `${broken ? "const n: number = 'x';" : 'const n = 1;'}\nexport default`),
        );
        touch(dir, 'dashboards/a.dash.ts', step);
        const fresh = new TypeCheckService(dir);
        fresh.setRoots(entries);
        expect(await runner.check(entries, ['dashboards/a.dash.ts'])).toEqual(fresh.check(['dashboards/a.dash.ts']));
        expect(runner.checkersStarted).toBe(Math.ceil(step / 2));
      }
    } finally {
      await runner.close();
    }
  }, 120_000);

  test('the default limit is a positive number of checks, and a limit below 1 counts as 1', async () => {
    expect(CHECKS_PER_CHECKER).toBeGreaterThan(0);
    const dir = watchProject();
    const runner = new TypeCheckRunner(dir, { checksPerChecker: 0 });
    await runner.check(['dashboards/a.dash.ts'], ['dashboards/a.dash.ts']);
    await runner.check(['dashboards/a.dash.ts'], ['dashboards/a.dash.ts']);
    expect(runner.checkersStarted).toBe(2);
    await runner.close();
  }, 120_000);
});
