/**
 * `npm run bench chart [-- --nodes 5000 --edges 20000 --seconds 4]`: the link chart's frame rate in headless
 * Chromium (Debian's, through playwright-core). A generated call network is imported through `corvid import`,
 * saved as a chart through the API and opened in the web UI; then the mouse pans the chart for a few seconds
 * while the page counts animation frames and sigma's renders. Goal: ≥ 30 frames/s at 5,000 nodes / 20,000 links.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { EMPTY_SPOT, importCallNetwork, saveChart } from '../web/e2e/big-chart.ts';
import { apiToken, buildWeb, openBrowser, signIn, startApp } from '../web/e2e/harness.ts';
import { figure, fmt } from './lib.ts';

const GOAL_FPS = 30;

const { values } = parseArgs({ options: { nodes: { type: 'string', default: '5000' }, edges: { type: 'string', default: '20000' }, seconds: { type: 'string', default: '4' } } });
const nodes = Number(values.nodes);
const edges = Number(values.edges);
const seconds = Number(values.seconds);

const dataDir = mkdtempSync(join(tmpdir(), 'corvid-bench-chart-'));
const { people, calls } = importCallNetwork(dataDir, nodes, edges);

await buildWeb();
const app = await startApp({ demo: false, dataDir });
const browser = await openBrowser();
try {
  const token = await apiToken(app);
  await saveChart(app, token, 'bench-fps', people, calls);

  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await signIn(page, app);
  const t0 = performance.now();
  await page.goto(`${app.url}/#/chart/bench-fps`);
  // (page.waitForFunction would need 'unsafe-eval', which the UI's Content-Security-Policy rightly refuses.)
  const ready = `!!window.__corvidChart && window.__corvidChart.order >= ${nodes} && window.__corvidChart.size >= ${edges}`;
  for (const until = Date.now() + 120_000; !(await page.evaluate(ready)); ) {
    if (Date.now() > until) throw new Error('the chart did not open within two minutes');
    await sleep(100);
  }
  const openSeconds = (performance.now() - t0) / 1000;
  const onChart = (await page.evaluate('[window.__corvidChart.order, window.__corvidChart.size]')) as [number, number];
  await page.evaluate('window.__corvidChart.controller.layout.stop()');
  const renderer = (await page.evaluate(`(() => { const gl = document.createElement('canvas').getContext('webgl2'); const d = gl && gl.getExtension('WEBGL_debug_renderer_info'); return d ? gl.getParameter(d.UNMASKED_RENDERER_WEBGL) : (gl ? 'webgl2' : 'none'); })()`)) as string;

  // Count frames and sigma renders in the page while the mouse drags the stage in a circle.
  await page.evaluate(`(() => {
    const w = window; w.__bench = { frames: 0, renders: 0, worst: 0, last: 0, on: true, upAt: 0, settled: -1 };
    const s = w.__corvidChart.controller.sigma;
    s.on('afterRender', () => { const b = w.__bench; b.renders++; if (b.upAt && b.settled < 0) b.settled = performance.now() - b.upAt; });
    document.addEventListener('pointerup', () => { w.__bench.upAt = performance.now(); }, { capture: true });
    const tick = (t) => { const b = w.__bench; if (!b.on) return; if (b.last) b.worst = Math.max(b.worst, t - b.last); b.last = t; b.frames++; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
  const stage = await page.locator('.chart-stage').boundingBox();
  if (!stage) throw new Error('no chart stage');
  // Grab the chart where a user would: on empty stage (a press on a node drags the node instead). The point of the
  // stage's central half farthest from any drawn node.
  const spot = (await page.evaluate(EMPTY_SPOT)) as { x: number; y: number; gap: number };
  const cx = stage.x + spot.x;
  const cy = stage.y + spot.y;
  await page.mouse.move(cx, cy);
  // Entering the stage may redraw once (hover); let that pass, then count the drag's frames alone.
  await sleep(2000);
  await page.evaluate('(() => { const b = window.__bench; b.frames = 0; b.renders = 0; b.worst = 0; b.last = 0; })()');
  await page.mouse.down();
  const start = performance.now();
  let step = 0;
  while (performance.now() - start < seconds * 1000) {
    const a = step++ / 20;
    await page.mouse.move(cx + Math.cos(a) * 200, cy + Math.sin(a) * 150);
  }
  const elapsed = (performance.now() - start) / 1000;
  const during = (await page.evaluate('(() => { window.__bench.on = false; return { ...window.__bench }; })()')) as { frames: number; renders: number; worst: number };
  await page.mouse.up();
  // The redraw of the new view after the release (sigma's next render).
  let settled = -1;
  for (const until = Date.now() + 60_000; settled < 0 && Date.now() < until; await sleep(50)) settled = (await page.evaluate('window.__bench.settled')) as number;
  const b = during;

  figure('chart: nodes / links on screen', `${fmt(onChart[0])} / ${fmt(onChart[1])}`);
  figure('chart: open saved chart (fetch + draw)', `${openSeconds.toFixed(1)} s`);
  figure('chart: WebGL renderer', renderer);
  figure('chart: grabbed at (stage px; gap to the nearest node)', `${spot.x.toFixed(0)}, ${spot.y.toFixed(0)}; ${spot.gap.toFixed(1)} px`);
  figure('chart: mouse moves while panning', `${fmt(step)} in ${elapsed.toFixed(1)} s`);
  figure('chart: animation frames/s while panning', `${(b.frames / elapsed).toFixed(1)} (goal ≥ ${GOAL_FPS})`);
  figure('chart: sigma renders/s while panning', (b.renders / elapsed).toFixed(1));
  figure('chart: longest frame while panning', `${b.worst.toFixed(0)} ms`);
  figure('chart: redraw of the new view after release', settled < 0 ? 'none within 60 s' : `${settled.toFixed(0)} ms`);
} finally {
  await browser.close();
  await app.stop();
}
