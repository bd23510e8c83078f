import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { GrafanaClient } from '../../lib/grafana/grafana-client.js';
import { FileTarget } from '../../lib/sync/targets/file-target.js';
import { GrafanaTarget } from '../../lib/sync/targets/grafana-target.js';
import { startGrafanaEmulator } from '../../lib/testing/index.js';
import { PREVIEW_COLUMN_PX, PREVIEW_GAP_PX, PREVIEW_ROW_PX } from '../../lib/watch/layout-preview.js';
import { runWatch } from '../../lib/watch/watch-session.js';
import { decodePng } from './png.js';
import { dashboardSource, watchProject, write } from './watch-project.js';

/** Debian's `chromium` package (.ci/run installs it), or CHROMIUM_PATH. */
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`headless Chromium not found at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
});
afterAll(async () => {
  await browser?.close();
});

const PANEL_RGB = [32, 96, 192];
const GRID_RGB = [245, 246, 248];
const near = (actual: number[], expected: number[]) => actual.slice(0, 3).every((v, i) => Math.abs(v - expected[i]!) <= 3);

describe('dash watch --open: live preview in headless Chromium', () => {
  test('GIVEN the preview page open WHEN a dashboard file is saved THEN the page reloads by itself and draws the new layout; a broken save shows its file:line', async () => {
    const dir = watchProject();
    const watch = await runWatch({
      cwd: dir,
      target: { target: new FileTarget({ name: 'files', dir: path.join(dir, '.grafts-watch', 'test') }) },
      typecheck: false,
      debounceMs: 10,
      open: true,
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, deviceScaleFactor: 1 });
    try {
      expect(watch.previewUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      let loads = 0;
      page.on('load', () => loads++);
      await page.goto(watch.previewUrl!, { timeout: 20_000 });
      await page.locator('#status', { hasText: 'live' }).waitFor({ timeout: 20_000 });
      expect(await page.locator('section.dash h2').allTextContents()).toEqual(['Service a', 'Service b', 'Service c']);
      const loadsBefore = loads;

      // Save: c gets a new title and a new row with a full-width panel.
      write(
        dir,
        'dashboards/c.dash.ts',
        dashboardSource('c', { helper: false, title: 'Service C live' }).replace(
          "  .row(row('Traffic')",
          "  .row(row('Saturation').panel(timeseries('c saturation').width(24).height(6).target(prometheus('sum(rate(cpu_seconds_total[5m]))'))))\n  .row(row('Traffic')",
        ),
      );
      const heading = page.locator('section.dash[data-uid="c"] h2', { hasText: 'Service C live' });
      await heading.waitFor({ timeout: 15_000 });
      expect(loads).toBeGreaterThan(loadsBefore); // reloaded by the page's own script, not by the test

      const saturation = page.locator('section.dash[data-uid="c"] .panel[data-title="c saturation"]');
      await expect(saturation.locator('code').textContent()).resolves.toBe('sum(rate(cpu_seconds_total[5m]))');
      await saturation.scrollIntoViewIfNeeded();
      const box = (await saturation.boundingBox())!;
      // 24 columns wide, 6 rows high, on the preview grid.
      expect(Math.round(box.width)).toBe(24 * PREVIEW_COLUMN_PX - 2 * PREVIEW_GAP_PX);
      expect(Math.round(box.height)).toBe(6 * PREVIEW_ROW_PX - 2 * PREVIEW_GAP_PX);
      const first = (await page.locator('section.dash[data-uid="c"] .panel[data-title="c errors"]').boundingBox())!;

      const png = decodePng(await page.screenshot());
      expect([png.width, png.height]).toEqual([1280, 1000]);
      // The new box's lower right inner corner has the panel colour (no text there) ...
      expect(near(png.pixel(box.x + box.width - 3, box.y + box.height - 3), PANEL_RGB)).toBe(true);
      // ... and so does the first panel, while the gap right of the first panel is grid background.
      expect(near(png.pixel(first.x + 3, first.y + first.height - 3), PANEL_RGB)).toBe(true);
      expect(near(png.pixel(first.x + first.width + PREVIEW_GAP_PX, first.y + first.height / 2), GRID_RGB)).toBe(true);

      // A broken save: the page shows the problem with file:line, and recovers on the next save.
      write(dir, 'dashboards/c.dash.ts', "import { dashboard } from 'grafts';\nexport default dashboard('C'\n  .uid('c');\n");
      await page.locator('.problems', { hasText: 'dashboards/c.dash.ts:3:12' }).waitFor({ timeout: 15_000 });
      write(dir, 'dashboards/c.dash.ts', dashboardSource('c', { helper: false, title: 'Service C back' }));
      await page.locator('section.dash[data-uid="c"] h2', { hasText: 'Service C back' }).waitFor({ timeout: 15_000 });
      expect(await page.locator('.problems').count()).toBe(0);
    } finally {
      await page.close();
      await watch.close();
    }
  }, 120_000);

  test('GIVEN a Grafana target WHEN one dashboard is saved THEN only its iframe reloads, in place (the page and the other iframes stay)', async () => {
    const grafana = await startGrafanaEmulator({ version: '11.3.0' });
    // Stands in for Grafana's UI (/d/<uid>?kiosk), counting the requests of each dashboard.
    const hits = new Map<string, number>();
    const ui = createServer((req, res) => {
      const uid = /^\/d\/([^?]+)\?kiosk$/.exec(req.url ?? '')?.[1] ?? '?';
      hits.set(uid, (hits.get(uid) ?? 0) + 1);
      res.writeHead(200, { 'Content-Type': 'text/html' }).end(`<p>dashboard ${uid}</p>`);
    });
    await new Promise<void>((resolve) => ui.listen(0, '127.0.0.1', resolve));
    const uiUrl = `http://127.0.0.1:${(ui.address() as AddressInfo).port}`;
    const dir = watchProject();
    const target = new GrafanaTarget({ name: 'g', client: new GrafanaClient({ url: grafana.url, token: grafana.token }) });
    const watch = await runWatch({ cwd: dir, target: { target, urlOf: (uid) => `${uiUrl}/d/${uid}` }, typecheck: false, debounceMs: 10, open: true });
    // Tall enough for all three iframes: they load lazily, when (nearly) in view.
    const page = await browser.newPage({ viewport: { width: 1280, height: 2400 } });
    // Every wait is bounded, so a slow machine fails at the step that was slow, never in cleanup.
    const step = { timeout: 20_000 };
    try {
      let loads = 0;
      page.on('load', () => loads++);
      await page.goto(watch.previewUrl!, step);
      await page.locator('#status', { hasText: 'live' }).waitFor(step);
      for (const uid of ['a', 'b', 'c']) {
        const section = page.locator(`section.dash[data-uid="${uid}"]`);
        await section.scrollIntoViewIfNeeded(step);
        await page
          .frameLocator(`section.dash[data-uid="${uid}"] iframe`)
          .locator('p', { hasText: `dashboard ${uid}` })
          .waitFor(step);
      }
      const before = { loads, a: hits.get('a'), b: hits.get('b'), c: hits.get('c') };
      expect(before).toEqual({ loads: 1, a: 1, b: 1, c: 1 });

      write(dir, 'dashboards/c.dash.ts', dashboardSource('c', { helper: false, title: 'C in Grafana' }));
      await page.waitForFunction("document.body.dataset.generation === '2'", undefined, step);
      expect(await page.locator('section.dash[data-uid="c"] h2').textContent(step)).toBe('C in Grafana');
      expect(await page.locator('nav a[href="/d/c"]').textContent(step)).toBe('C in Grafana');
      await expect.poll(() => hits.get('c'), { timeout: 20_000 }).toBe(2);
      expect({ loads, a: hits.get('a'), b: hits.get('b') }).toEqual({ loads: 1, a: 1, b: 1 });
    } finally {
      // The page first: its keep-alive and event-stream connections would hold the servers open.
      await page.close();
      await watch.close();
      ui.closeAllConnections();
      await new Promise((resolve) => ui.close(resolve));
      await grafana.stop();
    }
  }, 120_000);
});
