import { describe, expect, test } from 'vitest';
import { EventBatcher, type FileEventBatch } from '../../lib/watch/batch-events.js';
import { previewBoxes, renderLayoutPreview } from '../../lib/watch/layout-preview.js';
import { renderPreviewPage } from '../../lib/watch/preview-page.js';
import { startPreviewServer } from '../../lib/watch/preview-server.js';
import { locateProblem } from '../../lib/watch/problem-location.js';
import {
  autoGrid,
  customVariable,
  dashboard,
  hasData,
  logs,
  loki,
  prometheus,
  row,
  stat,
  tab,
  timeRangeLessThan,
  timeseries,
  variableEquals,
} from '../../lib/index.js';
import { renderProject } from '../../lib/render/render-project.js';

describe('layout preview', () => {
  const json = {
    uid: 'api',
    title: 'API <prod>',
    panels: [
      { type: 'stat', title: 'Up', gridPos: { x: 0, y: 0, w: 6, h: 4 }, targets: [{ refId: 'A', expr: 'up{job="api"}' }] },
      {
        type: 'row',
        title: 'Details',
        collapsed: true,
        gridPos: { x: 0, y: 4, w: 24, h: 1 },
        panels: [{ type: 'logs', title: 'Logs', gridPos: { x: 0, y: 5, w: 24, h: 8 }, targets: [{ expr: '{app="api"}' }] }],
      },
    ],
  };

  test('boxes carry grid position, type and queries, collapsed rows included', () => {
    expect(previewBoxes(json)).toEqual([
      { kind: 'panel', title: 'Up', type: 'stat', gridPos: { x: 0, y: 0, w: 6, h: 4 }, queries: ['up{job="api"}'] },
      { kind: 'row', title: 'Details', type: 'row', gridPos: { x: 0, y: 4, w: 24, h: 1 }, queries: [], collapsed: true },
      { kind: 'panel', title: 'Logs', type: 'logs', gridPos: { x: 0, y: 5, w: 24, h: 8 }, queries: ['{app="api"}'] },
    ]);
  });

  test('HTML places boxes on the 24-column grid and escapes text', () => {
    const html = renderLayoutPreview(json);
    expect(html).toContain('<h2>API &lt;prod&gt;</h2>');
    expect(html).toContain('style="left:4px;top:4px;width:292px;height:112px"');
    expect(html).toContain('<code>up{job=&quot;api&quot;}</code>');
    expect(html).toContain('style="height:394px"'); // 13 rows × 30 px + 4
  });

  test('a Grafana target embeds each dashboard in kiosk mode', () => {
    const html = renderPreviewPage({
      mode: 'grafana',
      dashboards: [{ uid: 'api', title: 'API', source: 'api.dash.ts', url: 'http://g:3000/d/bob-api', json }],
      problems: [],
      generation: 1,
      target: 'http://g:3000',
    });
    expect(html).toContain('<iframe title="API" src="http://g:3000/d/bob-api?kiosk"');
  });
});

describe('preview server', () => {
  test('GIVEN a page connected to /events WHEN updated THEN it receives hello then reload with the new generation; only loopback, GET only', async () => {
    const server = await startPreviewServer({ mode: 'layout', target: 'files' });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const controller = new AbortController();
      const response = await fetch(`${server.url}events`, { signal: controller.signal });
      expect(response.headers.get('content-type')).toBe('text/event-stream');
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let text = decoder.decode((await reader.read()).value);
      expect(text).toBe('retry: 500\nevent: hello\ndata: 0\n\n');
      server.update([{ uid: 'api', title: 'API', source: 'api.dash.ts', url: 'x', json: { panels: [] } }], [], ['api']);
      text = decoder.decode((await reader.read()).value);
      expect(text).toBe('event: reload\ndata: {"generation":1,"uids":["api"],"titles":{"api":"API"},"full":true}\n\n');
      controller.abort();

      const api = (await (await fetch(`${server.url}api/dashboards`)).json()) as unknown;
      expect(api).toEqual({ generation: 1, problems: [], dashboards: [{ uid: 'api', title: 'API', source: 'api.dash.ts', url: 'x' }] });
      expect((await fetch(`${server.url}d/api`)).status).toBe(200);
      expect((await fetch(`${server.url}d/nope`)).status).toBe(404);
      expect((await fetch(server.url, { method: 'POST' })).status).toBe(405);
    } finally {
      await server.close();
    }
  });
});

describe('preview server, Grafana mode', () => {
  test('GIVEN embedded dashboards WHEN only one changes THEN pages are told to reload just its iframe; a new dashboard or problem reloads the page', async () => {
    const server = await startPreviewServer({ mode: 'grafana', target: 'http://g' });
    const api = { uid: 'api', title: 'API', source: 'api.dash.ts', url: 'http://g/d/api', json: {} };
    const db = { uid: 'db', title: 'DB', source: 'db.dash.ts', url: 'http://g/d/db', json: {} };
    try {
      server.update([api], [], ['api']);
      const controller = new AbortController();
      const reader = (await fetch(`${server.url}events`, { signal: controller.signal })).body!.getReader();
      const decoder = new TextDecoder();
      const next = async () => decoder.decode((await reader.read()).value);
      expect(await next()).toBe('retry: 500\nevent: hello\ndata: 1\n\n');
      server.update([api], [], ['api']);
      expect(await next()).toBe('event: reload\ndata: {"generation":2,"uids":["api"],"titles":{"api":"API"},"full":false}\n\n');
      server.update([api, db], [], ['db']);
      expect(await next()).toBe('event: reload\ndata: {"generation":3,"uids":["db"],"titles":{"db":"DB"},"full":true}\n\n');
      server.update([api, db], ['a.dash.ts:1:1: bad'], []);
      expect(await next()).toBe('event: reload\ndata: {"generation":4,"uids":[],"titles":{},"full":true}\n\n');
      controller.abort();
    } finally {
      await server.close();
    }
  });
});

describe('preview server port', () => {
  test('GIVEN a port in use WHEN started THEN it fails with a hint, not a stack', async () => {
    const first = await startPreviewServer({ mode: 'layout', target: 'files' });
    try {
      const port = Number(new URL(first.url).port);
      await expect(startPreviewServer({ mode: 'layout', target: 'files', port })).rejects.toMatchObject({
        name: 'PreviewServerError',
        message: `preview: cannot listen on 127.0.0.1:${port}: the port is in use`,
        suggestion: 'pass another --port, or leave it out to get a free one',
      });
    } finally {
      await first.close();
    }
  });
});

describe('event batching', () => {
  test('GIVEN the burst of one editor save WHEN batched THEN one flush; a temp file added and removed cancels out', async () => {
    const batches: FileEventBatch[] = [];
    const batcher = new EventBatcher({ debounceMs: 15, onFlush: (b) => batches.push(b) });
    batcher.add('add', '/p/.a.dash.ts.swp');
    batcher.add('change', '/p/a.dash.ts');
    batcher.add('unlink', '/p/.a.dash.ts.swp');
    batcher.add('change', '/p/a.dash.ts');
    batcher.add('add', '/p/b.dash.ts');
    batcher.add('change', '/p/b.dash.ts');
    await new Promise((r) => setTimeout(r, 60));
    expect(batches.map((b) => [...b])).toEqual([
      [
        ['/p/a.dash.ts', 'change'],
        ['/p/b.dash.ts', 'add'],
      ],
    ]);
    batcher.close();
  });
});

describe('validation problems get a line', () => {
  test('GIVEN a problem on a panel WHEN located THEN the line of its title literal is used, else the dashboard title, else none', () => {
    const source = "import x from 'grafts';\nexport default dashboard(\"API\")\n  .row(row('R').panel(timeseries(`Errors`)));\n";
    expect(locateProblem({ path: ['a.dash.ts', 'dashboard "API"', 'panel "Errors"'], message: 'no queries' }, source)).toEqual({
      file: 'a.dash.ts',
      line: 3,
      column: 34,
      message: 'dashboard "API" › panel "Errors": no queries',
    });
    expect(locateProblem({ path: ['a.dash.ts', 'dashboard "API"', 'panel "Gone"'], message: 'm' }, source)).toMatchObject({ line: 2 });
    expect(locateProblem({ path: ['a.dash.ts', 'dashboard "X"'], message: 'm' }, source)).toEqual({ file: 'a.dash.ts', message: 'dashboard "X": m' });
  });
});

describe('layout preview of a schema v2 dashboard', () => {
  const built = dashboard('Checkout')
    .uid('checkout')
    .variable(customVariable('env', ['prod', 'staging']))
    .tabs(
      tab('Overview').autoGrid(
        autoGrid({ maxColumns: 2, rowHeight: 'short' })
          .panel(stat('Rate').target(prometheus('sum(rate(x[5m]))')), stat('Errors').target(prometheus('e')))
          .item(logs('Error logs').target(loki('{job="api"} |= "error"')), { showIf: hasData() }),
      ),
      tab('Traffic').row(
        row('Requests').panel(timeseries('By status').target(prometheus('s')).width(24)),
        row('Detail')
          .showIf(timeRangeLessThan('1d'))
          .panel(timeseries('Per minute').target(prometheus('m')).width(24)),
      ),
      tab('Canary')
        .showIf(variableEquals('env', 'prod'))
        .panel(timeseries('Canary').target(prometheus('c')).width(24)),
    );
  const [rendered] = renderProject([{ source: 'checkout.dash.ts', exported: built }]).dashboards;

  test('draws the tab strip, each tab, the auto grid by max columns, nested rows and rule badges', () => {
    expect(rendered!.schema).toBe('v2');
    const html = renderLayoutPreview({ ...rendered!.json, uid: rendered!.uid, title: rendered!.title });
    expect(html).toMatch(/^<section class="dash v2" data-uid="checkout"><h2>Checkout<\/h2><div class="tabs"><div class="tab-strip">/);
    expect(html).toContain(
      '<div class="tab-strip"><span class="tab">Overview</span><span class="tab">Traffic</span><span class="tab ruled">Canary</span></div>',
    );
    // One pane per tab, in order, each under its title.
    expect([...html.matchAll(/<div class="tab-pane[^"]*" data-tab="([^"]+)"><h3>/g)].map((m) => m[1])).toEqual(['Overview', 'Traffic', 'Canary']);
    // The auto grid: 2 columns, short rows, three boxes; the logs item is ruled.
    expect(html).toContain('<div class="autogrid" data-columns="2" style="grid-template-columns:repeat(2, 1fr);grid-auto-rows:168px">');
    const autogrid = html.slice(html.indexOf('<div class="autogrid"'), html.indexOf('<div class="tab-pane" data-tab="Traffic">'));
    expect([...autogrid.matchAll(/<div class="panel[^"]*" data-title="([^"]+)"/g)].map((m) => m[1])).toEqual(['Rate', 'Errors', 'Error logs']);
    expect(autogrid).toContain('<code>sum(rate(x[5m]))</code>');
    expect(autogrid).toContain(
      '<div class="panel ruled" data-title="Error logs"><div class="title">Error logs</div><div class="kind">logs</div><code>{job=&quot;api&quot;} |= &quot;error&quot;</code><span class="rule" title="show/hide rule">show if has data</span></div>',
    );
    // Rows inside the Traffic tab, the ruled one marked, with their grid panels placed on the 24 columns.
    expect(html).toContain('<div class="v2row"><div class="row-header">▾ Requests</div><div class="grid"');
    expect(html).toContain(
      '<div class="v2row ruled"><div class="row-header">▾ Detail<span class="rule" title="show/hide rule">show if time range &lt; 1d</span></div><div class="grid"',
    );
    expect(html).toMatch(/<div class="panel" data-title="Per minute" style="left:4px;top:4px;width:1192px;height:\d+px">/);
    expect(html).toContain(
      '<div class="tab-pane ruled" data-tab="Canary"><h3>Canary<span class="rule" title="show/hide rule">show if $env = prod</span></h3><div class="grid"',
    );
  });
});
