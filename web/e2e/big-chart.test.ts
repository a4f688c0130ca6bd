// End-to-end: a chart of 2,000 entities and 6,000 links in Chromium. Dragging empty stage moves the drawn picture at
// once and then the camera by exactly the drag; a click on empty stage still clears the selection.
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { EMPTY_SPOT, importCallNetwork, saveChart } from './big-chart.ts';
import { apiToken, buildWeb, clickChartNode, eventually, openBrowser, signIn, startApp, withScreenshot, type RunningApp } from './harness.ts';

let app: RunningApp;
let browser: Browser;
let page: Page;
let people: string[];

/** Where an entity is drawn, in stage pixels. */
const drawnAt = (id: string) =>
  page.evaluate(`(() => { const c = window.__corvidChart.controller, a = c.model.graph.getNodeAttributes(${JSON.stringify(id)}); return c.sigma.graphToViewport({ x: a.x, y: a.y }); })()`) as Promise<{ x: number; y: number }>;

describe('a big chart in the browser', { timeout: 300_000 }, () => {
  before(async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'corvid-e2e-big-'));
    const net = importCallNetwork(dataDir, 2000, 6000);
    people = net.people;
    await buildWeb();
    [app, browser] = await Promise.all([startApp({ demo: false, dataDir }), openBrowser()]);
    await saveChart(app, await apiToken(app), 'big', net.people, net.calls);
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await signIn(page, app);
    await page.goto(`${app.url}/#/chart/big`);
    await eventually(async () => assert.match(await page.locator('.chart-status').innerText(), /^2000 entities · 6000 links/), 120_000);
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  test('dragging empty stage moves the picture with the pointer, then the camera by the same distance', () =>
    withScreenshot(page, 'big-chart-pan', async () => {
      const spot = (await page.evaluate(EMPTY_SPOT)) as { x: number; y: number; gap: number };
      assert.ok(spot.gap > 0, 'there is empty stage to grab');
      const stage = await page.locator('.chart-stage').boundingBox();
      assert.ok(stage);
      const probe = people[0] as string;
      const before = await drawnAt(probe);
      await page.mouse.move(stage.x + spot.x, stage.y + spot.y);
      await page.mouse.down();
      for (let i = 1; i <= 10; i++) await page.mouse.move(stage.x + spot.x + 12 * i, stage.y + spot.y + 6 * i);
      // Mid-drag: the canvases carry the drag as a transform; the camera has not moved yet.
      await eventually(async () => assert.equal(await page.locator('.chart-stage canvas').first().evaluate((c) => (c as unknown as { style: { transform: string } }).style.transform), 'translate(120px, 60px)'));
      assert.deepEqual(await drawnAt(probe), before);
      await page.mouse.up();
      await eventually(async () => {
        const after = await drawnAt(probe);
        assert.ok(Math.abs(after.x - before.x - 120) < 1 && Math.abs(after.y - before.y - 60) < 1, `moved by ${after.x - before.x}, ${after.y - before.y}`);
      });
      await eventually(async () => assert.equal(await page.locator('.chart-stage canvas').first().evaluate((c) => (c as unknown as { style: { transform: string } }).style.transform), ''));
    }));

  test('a click on empty stage clears the selection; clicking an entity still selects it', () =>
    withScreenshot(page, 'big-chart-click', async () => {
      // An entity drawn clear of the others, so the click cannot land on a neighbour.
      const target = (await page.evaluate(`(() => {
        const s = window.__corvidChart.controller.sigma, g = s.getGraph(), { width, height } = s.getDimensions(), pts = [];
        g.forEachNode((id, a) => { const p = s.graphToViewport({ x: a.x, y: a.y }); pts.push([id, p.x, p.y, s.scaleSize(s.getNodeDisplayData(id)?.size ?? a.size)]); });
        let best = null, bestGap = -Infinity;
        for (const [id, x, y, r] of pts) {
          if (x < 20 || y < 20 || x > width - 20 || y > height - 20) continue;
          let gap = Infinity;
          for (const [o, ox, oy, or] of pts) if (o !== id) gap = Math.min(gap, Math.hypot(ox - x, oy - y) - r - or);
          if (gap > bestGap) { best = id; bestGap = gap; }
        }
        return best; })()`)) as string;
      assert.ok(target, 'an entity is drawn on the stage');
      const stage = await page.locator('.chart-stage').boundingBox();
      assert.ok(stage);
      await clickChartNode(page, target);
      await page.getByRole('region', { name: 'Entity details' }).waitFor();
      const spot = (await page.evaluate(EMPTY_SPOT)) as { x: number; y: number };
      await page.mouse.click(stage.x + spot.x, stage.y + spot.y);
      await eventually(async () => assert.deepEqual(await page.evaluate('window.__corvidChart.controller.selection()'), []));
    }));
});
