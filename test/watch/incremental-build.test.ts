import { describe, expect, onTestFinished, test } from 'vitest';
import { IncrementalBuild } from '../../lib/watch/incremental-build.js';
import { dashboardSource, HELPER, watchProject, write } from './watch-project.js';

async function build(dir: string, entries: string[]): Promise<IncrementalBuild> {
  const b = await IncrementalBuild.create(dir, entries);
  onTestFinished(() => b.dispose());
  return b;
}

describe('IncrementalBuild', () => {
  const entries = ['dashboards/a.dash.ts', 'dashboards/b.dash.ts', 'dashboards/c.dash.ts'];

  test('GIVEN a shared helper WHEN it changes THEN only the entries importing it are rebuilt, and their code changed', async () => {
    const dir = watchProject();
    const b = await build(dir, entries);
    const first = await b.rebuild();
    expect(first.rebuilt).toEqual(entries);
    expect([...first.changedEntries]).toEqual(entries);
    expect([...b.entriesReaching(['lib/helpers.ts'])].sort()).toEqual(['dashboards/a.dash.ts', 'dashboards/b.dash.ts']);

    write(dir, 'lib/helpers.ts', HELPER(' v2'));
    const second = await b.rebuild(['lib/helpers.ts']);
    expect(second.rebuilt).toEqual(['dashboards/a.dash.ts', 'dashboards/b.dash.ts']);
    expect([...second.changedEntries].sort()).toEqual(['dashboards/a.dash.ts', 'dashboards/b.dash.ts']);
    expect(second.failed.size).toBe(0);
  });

  test('GIVEN a syntax error in one entry WHEN rebuilt THEN only that entry fails, with file:line, and it is rebuilt again next time', async () => {
    const dir = watchProject();
    const b = await build(dir, entries);
    await b.rebuild();
    write(dir, 'dashboards/c.dash.ts', "import { dashboard } from 'grafts';\nexport default dashboard('C'\n;\n");
    const broken = await b.rebuild(['dashboards/c.dash.ts']);
    expect([...broken.failed.keys()]).toEqual(['dashboards/c.dash.ts']);
    expect(broken.failed.get('dashboards/c.dash.ts')![0]).toMatchObject({ file: 'dashboards/c.dash.ts', line: 3 });
    await expect(b.evaluate('dashboards/c.dash.ts')).rejects.toThrow('not built');

    // Nothing changed since, yet the failed entry is rebuilt (and still fails); the others are not.
    const again = await b.rebuild([]);
    expect(again.rebuilt).toEqual(['dashboards/c.dash.ts']);

    write(dir, 'dashboards/c.dash.ts', dashboardSource('c', { helper: false }));
    const fixed = await b.rebuild(['dashboards/c.dash.ts']);
    expect(fixed.failed.size).toBe(0);
    const ns = await b.evaluate('dashboards/c.dash.ts');
    expect(ns['default']).toBeDefined();
  });

  test('GIVEN a new entry WHEN the entry list grows THEN only it is built; a removed entry is forgotten', async () => {
    const dir = watchProject();
    const b = await build(dir, entries);
    await b.rebuild();
    write(dir, 'dashboards/d.dash.ts', dashboardSource('d', { helper: false }));
    await b.setEntries([...entries.slice(1), 'dashboards/d.dash.ts']);
    const result = await b.rebuild([]);
    expect(result.rebuilt).toEqual(['dashboards/d.dash.ts']);
    expect([...b.entriesReaching(['lib/helpers.ts'])]).toEqual(['dashboards/b.dash.ts']);
  });
});
