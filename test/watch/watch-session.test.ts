import { unlinkSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { GrafanaClient } from '../../lib/grafana/grafana-client.js';
import { GrafanaTarget } from '../../lib/sync/targets/grafana-target.js';
import { startGrafanaEmulator, type GrafanaEmulator } from '../../lib/testing/index.js';
import { runWatch, type WatchEvent, type WatchHandle } from '../../lib/watch/watch-session.js';
import { dashboardSource, HELPER, watchProject, write } from './watch-project.js';

let grafana: GrafanaEmulator;
let watch: WatchHandle | undefined;

beforeEach(async () => {
  grafana = await startGrafanaEmulator({ version: '11.3.0' });
});
afterEach(async () => {
  await watch?.close();
  watch = undefined;
  await grafana.stop();
});

/** Write requests (anything but GET/HEAD) the emulator received since `from`. */
function writesSince(from: number) {
  return grafana.requests.slice(from).filter((r) => r.method !== 'GET' && r.method !== 'HEAD');
}

async function start(
  dir: string,
  extra: { prune?: boolean; force?: boolean; typecheck?: boolean } = {},
): Promise<{ handle: WatchHandle; events: WatchEvent[] }> {
  const events: WatchEvent[] = [];
  const target = new GrafanaTarget({ name: 'emulator', client: new GrafanaClient({ url: grafana.url, token: grafana.token }) });
  watch = await runWatch({
    cwd: dir,
    target: { target, urlOf: (uid) => `${grafana.url}/d/${uid}` },
    typecheck: extra.typecheck ?? false,
    debounceMs: 10,
    onEvent: (e) => events.push(e),
    ...extra,
  });
  return { handle: watch, events };
}

describe('runWatch against the Grafana emulator', () => {
  test('GIVEN a project WHEN watch starts THEN every dashboard is applied once, with its URL', async () => {
    const dir = watchProject();
    const { handle, events } = await start(dir);
    const first = handle.cycles[0]!;
    expect(first.ok).toBe(true);
    expect(first.applied.map((d) => [d.uid, d.action]).sort()).toEqual([
      ['a', 'create'],
      ['b', 'create'],
      ['c', 'create'],
    ]);
    expect(first.applied.find((d) => d.uid === 'a')!.url).toBe(`${grafana.url}/d/a`);
    expect([...grafana.state.dashboards.keys()].sort()).toEqual(['a', 'b', 'c']);
    expect(events.map((e) => e.type)).toEqual(['cycle', 'ready']);
  });

  test('GIVEN a running watch WHEN one dashboard file is saved THEN exactly that dashboard is written, once', async () => {
    const dir = watchProject();
    const { handle } = await start(dir);
    const before = grafana.requests.length;
    const next = handle.nextCycle();
    write(dir, 'dashboards/c.dash.ts', dashboardSource('c', { helper: false, title: 'Service C (edited)' }));
    const cycle = await next;
    expect(cycle.ok).toBe(true);
    expect(cycle.evaluated).toEqual(['dashboards/c.dash.ts']);
    expect(cycle.applied.map((d) => [d.uid, d.action])).toEqual([['c', 'update']]);
    const writes = writesSince(before);
    expect(writes).toHaveLength(1);
    expect(writes[0]!.path).toBe('/api/dashboards/db');
    expect(cycle.writes).toBe(1);
    expect(grafana.state.dashboards.get('c')!.title).toBe('Service C (edited)');
  });

  test('GIVEN a helper imported by two of three dashboards WHEN it is saved THEN exactly those two are re-evaluated and written', async () => {
    const dir = watchProject();
    const { handle } = await start(dir);
    const before = grafana.requests.length;
    const next = handle.nextCycle();
    write(dir, 'lib/helpers.ts', HELPER(' (v2)'));
    const cycle = await next;
    expect(cycle.evaluated).toEqual(['dashboards/a.dash.ts', 'dashboards/b.dash.ts']);
    expect(cycle.applied.map((d) => d.uid).sort()).toEqual(['a', 'b']);
    expect(writesSince(before)).toHaveLength(2);
  });

  test('GIVEN two saves 5 ms apart (chokidar drops the second event) WHEN watched THEN the last content is applied', async () => {
    const dir = watchProject();
    const { handle } = await start(dir);
    write(dir, 'dashboards/c.dash.ts', dashboardSource('c', { helper: false, title: 'C first' }));
    await new Promise((r) => setTimeout(r, 5));
    write(dir, 'dashboards/c.dash.ts', dashboardSource('c', { helper: false, title: 'C second' }));
    // Cycles until the second title is applied (the test's timeout bounds the wait).
    while (grafana.state.dashboards.get('c')!.title !== 'C second') await handle.nextCycle();
    expect(grafana.state.dashboards.get('c')!.title).toBe('C second');
  });

  test('GIVEN a save that changes nothing in the output WHEN applied THEN no write is sent', async () => {
    const dir = watchProject();
    const { handle } = await start(dir);
    const before = grafana.requests.length;
    const next = handle.nextCycle();
    write(dir, 'dashboards/a.dash.ts', `${dashboardSource('a')}export const unused = 1; // changes the code, not the dashboard\n`);
    const cycle = await next;
    expect(cycle.evaluated).toEqual(['dashboards/a.dash.ts']);
    expect(cycle.applied).toEqual([]);
    expect(grafana.requests.length).toBe(before);
  });

  test('GIVEN a syntax error WHEN saved THEN it is reported with file:line, nothing is written, and the next good save recovers', async () => {
    const dir = watchProject();
    const { handle } = await start(dir);
    const before = grafana.requests.length;
    let next = handle.nextCycle();
    write(dir, 'dashboards/b.dash.ts', "import { dashboard } from 'grafts';\nexport default dashboard('B'\n  .uid('b');\n");
    const broken = await next;
    expect(broken.ok).toBe(false);
    expect(broken.problems[0]).toMatchObject({ kind: 'syntax', file: 'dashboards/b.dash.ts', line: expect.any(Number) });
    expect(writesSince(before)).toHaveLength(0);

    next = handle.nextCycle();
    write(dir, 'dashboards/b.dash.ts', dashboardSource('b', { title: 'B fixed' }));
    const fixed = await next;
    expect(fixed.ok).toBe(true);
    expect(fixed.applied.map((d) => [d.uid, d.title])).toEqual([['b', 'B fixed']]);
    expect(writesSince(before)).toHaveLength(1);
  });

  test('GIVEN an exception and then a validation error WHEN saved THEN both name the file and line, the others keep working', async () => {
    const dir = watchProject();
    const { handle } = await start(dir);
    let next = handle.nextCycle();
    write(dir, 'dashboards/a.dash.ts', "import { dashboard } from 'grafts';\n\nthrow new Error('boom');\nexport default dashboard('A');\n");
    const threw = await next;
    // The line of a thrown exception comes from Node's source maps, which vitest replaces: the
    // e2e test (built bin) checks `a.dash.ts:3:7` for it.
    expect(threw.problems).toEqual([expect.objectContaining({ kind: 'load', file: 'dashboards/a.dash.ts', message: 'threw Error: boom' })]);

    next = handle.nextCycle();
    write(
      dir,
      'dashboards/a.dash.ts',
      "import { dashboard, row, timeseries } from 'grafts';\n\nexport default dashboard('A').uid('a')\n  .row(row('R').panel(timeseries('Empty panel')));\n",
    );
    const invalid = await next;
    expect(invalid.problems.length).toBeGreaterThan(0);
    expect(invalid.problems[0]).toMatchObject({ kind: 'validation', file: 'dashboards/a.dash.ts', line: 4 });

    const before = grafana.requests.length;
    next = handle.nextCycle();
    write(dir, 'dashboards/c.dash.ts', dashboardSource('c', { helper: false, title: 'C while A is broken' }));
    const other = await next;
    expect(other.applied.map((d) => d.uid)).toEqual(['c']);
    expect(writesSince(before)).toHaveLength(1);
  });

  test('GIVEN new files in a new folder WHEN added THEN they are applied; WHEN a file is deleted THEN it is reported, and deleted only with --prune', async () => {
    const dir = watchProject();
    const { handle } = await start(dir, { prune: true });
    let next = handle.nextCycle();
    write(dir, 'dashboards/team-x/d.dash.ts', dashboardSource('d', { helper: false }).replace("'../lib/helpers.ts'", "'../../lib/helpers.ts'"));
    const added = await next;
    expect(added.applied.map((d) => [d.uid, d.action])).toEqual([['d', 'create']]);
    expect(grafana.state.dashboards.has('d')).toBe(true);

    next = handle.nextCycle();
    unlinkSync(`${dir}/dashboards/c.dash.ts`);
    const removed = await next;
    expect(removed.removed).toEqual([{ uid: 'c', title: 'Service c', pruned: true }]);
    expect(grafana.state.dashboards.has('c')).toBe(false);
  });

  test('GIVEN no --prune WHEN a file is deleted THEN the dashboard is reported and kept', async () => {
    const dir = watchProject();
    const { handle } = await start(dir);
    const next = handle.nextCycle();
    unlinkSync(`${dir}/dashboards/c.dash.ts`);
    const removed = await next;
    expect(removed.removed).toEqual([{ uid: 'c', title: 'Service c', pruned: false }]);
    expect(grafana.state.dashboards.has('c')).toBe(true);
  });
});

describe('runWatch: type check', () => {
  test('GIVEN a save with a type error WHEN the saves pause THEN the type check reports it with file:line after the apply; typecheckIdle() waits for it', async () => {
    const dir = watchProject();
    const { handle, events } = await start(dir, { typecheck: true });
    await handle.typecheckIdle(); // the initial check of every entry
    expect(events.filter((e) => e.type === 'typecheck')).toEqual([
      { type: 'typecheck', files: ['dashboards/a.dash.ts', 'dashboards/b.dash.ts', 'dashboards/c.dash.ts'], problems: [] },
    ]);

    const next = handle.nextCycle();
    write(
      dir,
      'dashboards/c.dash.ts',
      dashboardSource('c', { helper: false, title: 'C typed' }).replace('export default', "const n: number = 'x';\nexport default"),
    );
    const cycle = await next;
    expect(cycle.applied.map((d) => d.title)).toEqual(['C typed']); // types do not block the apply
    await handle.typecheckIdle();
    expect(events.at(-1)).toEqual({
      type: 'typecheck',
      files: ['dashboards/c.dash.ts'],
      problems: [
        { kind: 'type', file: 'dashboards/c.dash.ts', line: 3, column: 7, code: 'TS2322', message: "Type 'string' is not assignable to type 'number'." },
      ],
    });
  });
});

describe('runWatch: config and target state', () => {
  test('GIVEN a dashboard edited in the Grafana UI meanwhile WHEN its file is saved THEN the write is refused as a conflict and reported, the edit kept', async () => {
    const dir = watchProject();
    const { handle } = await start(dir);
    grafana.simulateUiEdit('c', (d) => ({ ...d, title: 'C edited in the UI' }));
    const next = handle.nextCycle();
    write(dir, 'dashboards/c.dash.ts', dashboardSource('c', { helper: false, title: 'C from code' }));
    const cycle = await next;
    expect(cycle.applied).toEqual([]);
    expect(cycle.problems).toEqual([expect.objectContaining({ kind: 'target', file: 'dashboards/c.dash.ts', message: expect.stringContaining('conflict') })]);
    expect(grafana.state.dashboards.get('c')!.title).toBe('C edited in the UI');
  });

  test('GIVEN --force WHEN a dashboard edited in the UI is saved THEN the code wins', async () => {
    const dir = watchProject();
    const { handle } = await start(dir, { force: true });
    grafana.simulateUiEdit('c', (d) => ({ ...d, title: 'C edited in the UI' }));
    const next = handle.nextCycle();
    write(dir, 'dashboards/c.dash.ts', dashboardSource('c', { helper: false, title: 'C from code' }));
    const cycle = await next;
    expect(cycle.applied.map((d) => [d.uid, d.action])).toEqual([['c', 'update']]);
    expect(grafana.state.dashboards.get('c')!.title).toBe('C from code');
  });

  test('GIVEN the config changes its dashboards glob WHEN saved THEN watch reloads and reports the dashboard that left', async () => {
    const dir = watchProject();
    write(dir, 'dash.config.ts', "export default { dashboards: 'dashboards/*.dash.ts' };\n");
    const { handle, events } = await start(dir);
    expect(handle.cycles[0]!.applied).toHaveLength(3);
    const next = handle.nextCycle();
    write(dir, 'dash.config.ts', "export default { dashboards: ['dashboards/*.dash.ts', '!dashboards/c.dash.ts'] };\n");
    const cycle = await next;
    expect(events.some((e) => e.type === 'restart')).toBe(true);
    expect(cycle.removed).toEqual([{ uid: 'c', title: 'Service c', pruned: false }]);
    expect(cycle.applied).toEqual([]); // a and b are unchanged: nothing written

    // A broken config is reported; the watcher keeps the previous one until it is fixed.
    let again = handle.nextCycle();
    write(dir, 'dash.config.ts', "export default { dashbords: 'x' };\n");
    const broken = await again;
    expect(broken.problems).toEqual([
      expect.objectContaining({ kind: 'config', file: 'dash.config.ts', message: expect.stringContaining('unknown config key "dashbords"') }),
    ]);
    again = handle.nextCycle();
    write(dir, 'dashboards/a.dash.ts', dashboardSource('a', { title: 'A after a bad config' }));
    expect((await again).applied.map((d) => d.title)).toEqual(['A after a bad config']);
  });

  test('GIVEN a managed dashboard on the target that the code no longer has WHEN watch starts THEN it is reported, and deleted with --prune', async () => {
    const dir = watchProject();
    const first = await start(dir);
    await first.handle.close();
    watch = undefined;
    unlinkSync(`${dir}/dashboards/c.dash.ts`);
    const { handle } = await start(dir);
    expect(handle.cycles[0]!.removed).toEqual([{ uid: 'c', title: 'Service c', pruned: false }]);
    await handle.close();
    watch = undefined;
    const pruning = await start(dir, { prune: true });
    expect(pruning.handle.cycles[0]!.removed).toEqual([{ uid: 'c', title: 'Service c', pruned: true }]);
    expect(grafana.state.dashboards.has('c')).toBe(false);
  });
});
