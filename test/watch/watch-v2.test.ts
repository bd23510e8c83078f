// `dash watch` on Grafana 13 with schema v2 dashboards: applied and updated through the /apis v2
// store, and a v1 dashboard saved as v2 in the UI meanwhile is refused, never overwritten.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, onTestFinished, test } from 'vitest';
import { GrafanaClient } from '../../lib/grafana/grafana-client.js';
import { GrafanaTarget } from '../../lib/sync/targets/grafana-target.js';
import { startGrafanaEmulator, type GrafanaEmulator } from '../../lib/testing/index.js';
import { runWatch, type WatchHandle } from '../../lib/watch/watch-session.js';
import { write } from './watch-project.js';

let grafana: GrafanaEmulator;
let watch: WatchHandle | undefined;

beforeEach(async () => {
  grafana = await startGrafanaEmulator({ version: '13.0.0' });
});
afterEach(async () => {
  await watch?.close();
  watch = undefined;
  await grafana.stop();
});

function source(uid: string, title: string, schema: 'v1' | 'v2'): string {
  return `import { dashboard, prometheus, row, timeseries } from 'grafts';

export default dashboard('${title}')
  .uid('${uid}')
  .schema('${schema}')
  .row(row('Traffic').panel(timeseries('Requests').target(prometheus('sum(rate(http_requests_total[5m]))'))));
`;
}

function project(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'grafts-watch-v2-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  write(dir, 'dashboards/new.dash.ts', source('new', 'New style', 'v2'));
  write(dir, 'dashboards/old.dash.ts', source('old', 'Old style', 'v1'));
  return dir;
}

async function start(dir: string): Promise<WatchHandle> {
  const target = new GrafanaTarget({ name: 'emulator', client: new GrafanaClient({ url: grafana.url, token: grafana.token }) });
  watch = await runWatch({ cwd: dir, target: { target, urlOf: (uid) => `${grafana.url}/d/${uid}` }, typecheck: false, debounceMs: 10 });
  return watch;
}

const classicOverV2 = () => grafana.requests.filter((r) => r.dashboardWrite?.body === 'classic' && /^v2/.test(r.dashboardWrite.storedVersionBefore ?? ''));

describe('runWatch with schema v2 dashboards (Grafana 13 emulator)', () => {
  test('GIVEN a v2 and a v1 dashboard WHEN watch starts and the v2 file is saved THEN each is stored in its schema and the save is one v2 write', async () => {
    const dir = project();
    const handle = await start(dir);
    expect(handle.cycles[0]!.applied.map((d) => [d.uid, d.action]).sort()).toEqual([
      ['new', 'create'],
      ['old', 'create'],
    ]);
    expect(grafana.state.dashboards.get('new')!.storedVersion).toBe('v2');
    expect(grafana.state.dashboards.get('old')!.storedVersion).toBe('v1');

    const before = grafana.requests.length;
    const next = handle.nextCycle();
    write(dir, 'dashboards/new.dash.ts', source('new', 'New style (edited)', 'v2'));
    const cycle = await next;
    expect(cycle.applied.map((d) => [d.uid, d.action])).toEqual([['new', 'update']]);
    const writes = grafana.requests.slice(before).filter((r) => r.method !== 'GET');
    expect(writes.map((r) => r.dashboardWrite)).toEqual([{ uid: 'new', body: 'v2', via: 'v2', storedVersionBefore: 'v2' }]);
    expect(grafana.state.dashboards.get('new')!.title).toBe('New style (edited)');
    expect(classicOverV2()).toEqual([]);
  });

  test('GIVEN a v1 dashboard saved as v2 from the Grafana 13 UI meanwhile WHEN its file is saved THEN the write is refused as a conflict naming the lost tabs, and Grafana keeps the v2 copy', async () => {
    const dir = project();
    const handle = await start(dir);
    grafana.simulateUiSaveAsV2('old');
    const before = grafana.requests.length;
    const next = handle.nextCycle();
    write(dir, 'dashboards/old.dash.ts', source('old', 'Old style from code', 'v1'));
    const cycle = await next;
    expect(cycle.applied).toEqual([]);
    expect(cycle.problems).toEqual([
      expect.objectContaining({ kind: 'target', file: 'dashboards/old.dash.ts', message: expect.stringContaining('tabs and show/hide rules') }),
    ]);
    expect(grafana.requests.slice(before).filter((r) => r.method !== 'GET')).toEqual([]);
    expect(grafana.state.dashboards.get('old')!.storedVersion).toBe('v2');
    expect(classicOverV2()).toEqual([]);
  });
});
