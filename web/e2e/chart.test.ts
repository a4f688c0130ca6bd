// End-to-end: the link chart on the demo investigation, as an analyst uses it in Chromium — open an entity on the
// chart, expand it by link type, find paths between two entities, narrow the chart with the timeline, save and reopen.
// Expected figures come from the API's raw neighbour lists (GET /network/expand), not from the chart's own code.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { apiToken, buildWeb, callApi, clickChartNode, eventually, openBrowser, signIn, startApp, waitForLayout, withScreenshot, type RunningApp } from './harness.ts';

interface Edge {
  id: string;
  from: string;
  to: string;
  kind: string;
  schema: string;
  start?: string;
  end?: string;
}
interface View {
  nodes: { id: string; label: string }[];
  edges: Edge[];
  truncated?: boolean;
}

let app: RunningApp;
let browser: Browser;
let page: Page;
let token: string;

const expand = (id: string) => callApi<View>(app, token, 'GET', `/network/expand/${encodeURIComponent(id)}?limit=2000`);
const neighbours = (v: View, id: string) => new Set(v.edges.filter((e) => e.from === id || e.to === id).map((e) => (e.from === id ? e.to : e.from)));
const status = () => page.locator('.chart-status');

/**
 * The hawaladar (truth.json, per-0001, the broker between both networks) as one source recorded him: by default the
 * German hawala ledger, where he is the demo's busiest money collector.
 */
async function hawaladar(file = 'police-de/hawala-ledger.ftm.json'): Promise<{ id: string; name: string }> {
  const truth = JSON.parse(await readFile(join(app.dataDir, 'demo', 'truth.json'), 'utf8')) as {
    entities: { key: string; name: string; records: { dataset: string; file: string; id?: string }[] }[];
  };
  const person = truth.entities.find((e) => e.key === 'per-0001');
  const rec = person?.records.find((r) => r.file === file && r.id);
  assert.ok(person && rec, `the ground truth places the hawaladar in ${file}`);
  return { id: `${rec.dataset}.${rec.id}`, name: person.name };
}

describe('the link chart in the browser', { timeout: 600_000 }, () => {
  before(async () => {
    await buildWeb();
    [app, browser] = await Promise.all([startApp({ demo: true }), openBrowser()]);
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    token = await apiToken(app);
    await signIn(page, app);
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  test('an entity opened from its page, expanded by link type, brings exactly its neighbours of that type', () =>
    withScreenshot(page, 'chart-expand', async () => {
      const { id } = await hawaladar();
      const view = await expand(id);
      const types = new Map<string, Set<string>>();
      for (const e of view.edges.filter((x) => x.from === id || x.to === id)) {
        const other = e.from === id ? e.to : e.from;
        const t = types.get(e.schema) ?? new Set<string>();
        types.set(e.schema, t.add(other));
      }
      assert.ok(types.get('Payment')?.size, 'the ledger records payments to the hawaladar');

      await page.goto(`${app.url}/#/entity/${encodeURIComponent(id)}`);
      await page.getByRole('button', { name: 'Open on link chart' }).click();
      await eventually(async () => assert.match(await status().innerText(), /^1 entit(y|ies) · 0 links/));
      await waitForLayout(page);
      await clickChartNode(page, id);
      const details = page.getByRole('region', { name: 'Entity details' });
      await details.getByRole('heading', { level: 3 }).waitFor();
      const list = details.getByRole('list', { name: 'Expand by link type' });
      for (const [schema, ends] of types) {
        await eventually(async () => assert.match(await list.getByRole('button', { name: new RegExp(`^${schema}\\b`) }).innerText(), new RegExp(`${ends.size} new`)));
      }
      await list.getByRole('button', { name: /^Payment\b/ }).click();
      const payers = types.get('Payment') as Set<string>;
      // The entity, its payment counterparts, and every link among them that the store holds.
      await eventually(async () => assert.match(await status().innerText(), new RegExp(`^${1 + payers.size} entities · `)));
      const onChart = await page.evaluate('[...window.__corvidChart.controller.model.entities.keys()]');
      assert.deepEqual(new Set(onChart as string[]), new Set([id, ...payers]));
    }));

  test('shortest paths between the hawaladar and an entity two hops away go through their common neighbours', () =>
    withScreenshot(page, 'chart-paths', async () => {
      // The smuggling case's record of him: the entities it involves him in, and what they in turn touch.
      const { id } = await hawaladar('police-de/schleusung.ftm.json');
      const first = await expand(id);
      const name = first.nodes.find((n) => n.id === id)?.label ?? id;
      const around = neighbours(first, id);
      await page.goto(`${app.url}/#/search`);
      await page.goto(`${app.url}/#/chart?add=${encodeURIComponent(id)}`);
      await eventually(async () => assert.match(await status().innerText(), /^1 entit(y|ies) · /));
      await waitForLayout(page);
      await clickChartNode(page, id);
      await page.getByRole('region', { name: 'Entity details' }).getByRole('button', { name: /^Expand all/ }).click();
      await eventually(async () => assert.match(await status().innerText(), new RegExp(`^${1 + around.size} entities · `)));
      // A neighbour whose own neighbours include someone who is not the hawaladar's neighbour.
      let via = '';
      let far = '';
      for (const x of around) {
        const next = [...neighbours(await expand(x), x)].find((m) => m !== id && !around.has(m));
        if (next) {
          via = x;
          far = next;
          break;
        }
      }
      assert.ok(far, 'someone is two hops from the hawaladar');
      const common = [...neighbours(await expand(far), far)].filter((m) => around.has(m));

      await waitForLayout(page);
      await clickChartNode(page, via);
      await page.getByRole('region', { name: 'Entity details' }).getByRole('heading', { level: 3 }).waitFor();
      await page.getByRole('region', { name: 'Entity details' }).getByRole('button', { name: /^Expand all/ }).click();
      await eventually(async () => assert.equal(await page.evaluate(`window.__corvidChart.controller.model.entities.has(${JSON.stringify(far)})`), true));
      await waitForLayout(page);
      await clickChartNode(page, id);
      await clickChartNode(page, far, { shift: true });
      const panel = page.getByRole('region', { name: 'Paths' });
      await panel.getByText(`Between ${name}`).waitFor();
      await panel.getByRole('button', { name: 'Find paths' }).click();
      const farLabel = (await expand(far)).nodes.find((n) => n.id === far)?.label ?? far;
      const want = `${common.length} path${common.length === 1 ? '' : 's'} between ${name} and ${farLabel}`;
      await eventually(async () => assert.equal(await panel.getByRole('status').innerText(), want));
      const items = await panel.getByRole('listitem').allInnerTexts();
      assert.equal(items.length, common.length);
      for (const t of items) assert.ok(t.startsWith(`2 hops: ${name} → `) && t.endsWith(` → ${farLabel}`), t);
    }));

  test('a time window on the timeline keeps the links dated inside it and the undated ones', () =>
    withScreenshot(page, 'chart-timeline', async () => {
      const { id } = await hawaladar();
      const view = await expand(id);
      await page.goto(`${app.url}/#/search`);
      await page.goto(`${app.url}/#/chart?add=${encodeURIComponent(id)}`);
      await eventually(async () => assert.match(await status().innerText(), /^1 entit(y|ies) · /));
      await waitForLayout(page);
      await clickChartNode(page, id);
      await page.getByRole('region', { name: 'Entity details' }).getByRole('button', { name: /^Expand all/ }).click();
      await eventually(async () => assert.equal(await status().innerText().then((t) => t.split(' · ').slice(0, 2).join(' · ')), `${view.nodes.length} entities · ${view.edges.length} links`));

      const dated = view.edges.filter((e) => e.start);
      const undated = view.edges.length - dated.length;
      const timeline = page.getByRole('region', { name: 'Timeline of links' });
      assert.match(await timeline.innerText(), new RegExp(`${dated.length} dated links? by \\w+${undated ? ` · ${undated} undated` : ''}`));

      // The month with the most payments, as the window.
      const months = new Map<string, number>();
      for (const e of dated) months.set((e.start as string).slice(0, 7), (months.get((e.start as string).slice(0, 7)) ?? 0) + 1);
      const month = [...months].sort((a, b) => b[1] - a[1])[0]?.[0] as string;
      const from = `${month}-01`;
      const to = `${month}-28`;
      const inside = dated.filter((e) => (e.start as string) <= to && (e.end ?? (e.start as string)) >= from).length;
      await timeline.getByRole('textbox', { name: 'From' }).fill(from);
      await timeline.getByRole('textbox', { name: 'to', exact: true }).fill(to);
      await eventually(async () => assert.equal(await timeline.getByRole('status').innerText(), `Window ${from} – ${to} · ${inside + undated} links shown`));
      assert.match(await status().innerText(), new RegExp(` · ${inside + undated} links`));

      await timeline.getByRole('button', { name: 'Clear window' }).click();
      await eventually(async () => assert.match(await status().innerText(), new RegExp(` · ${view.edges.length} links`)));
    }));

  test('PageRank sizes the nodes and is saved on the entities with the algorithm as its source', () =>
    withScreenshot(page, 'chart-measures', async () => {
      const { id } = await hawaladar();
      const payer = [...neighbours(await expand(id), id)][0] as string;
      const entities = (await page.evaluate('window.__corvidChart.controller.model.entities.size')) as number;
      await page.getByRole('group', { name: 'Measures' }).getByLabel('Size').selectOption('pagerank');
      await page.getByRole('button', { name: 'Save measures…' }).and(page.locator(':enabled')).waitFor();
      await page.getByRole('button', { name: 'Save measures…' }).click();
      const dialog = page.getByRole('dialog');
      assert.match(await dialog.innerText(), /score of each entity by pagerank/);
      await dialog.getByRole('button', { name: 'Save' }).click();
      await eventually(async () => assert.match(await page.locator('.chart-notice').innerText(), new RegExp(`Saved on the entities — pagerank: ${entities} new values`)));
      const scoreOf = async (e: string) => {
        const got = await callApi<{ statements: { prop: string; value: string; source: string }[] }>(app, token, 'GET', `/entities/${encodeURIComponent(e)}`);
        const st = got.statements.find((x) => x.prop === 'score');
        assert.ok(st, `${e} has a saved score`);
        assert.match(st.source, /^computed by pagerank \(alpha=0\.85, /);
        return Number(st.value);
      };
      // The hawaladar is the centre of the ledger's star of payments: he outranks any one payer.
      assert.ok((await scoreOf(id)) > (await scoreOf(payer)));
    }));

  test('PNG and SVG exports hold the chart as drawn: its entities and links', () =>
    withScreenshot(page, 'chart-export', async () => {
      const { id } = await hawaladar();
      const label = (await page.evaluate(`window.__corvidChart.controller.model.graph.getNodeAttribute(${JSON.stringify(id)}, 'label')`)) as string;
      const entities = (await page.evaluate('window.__corvidChart.controller.model.entities.size')) as number;
      const links = (await page.evaluate('window.__corvidChart.controller.model.graph.size')) as number;
      const tools = page.getByRole('toolbar', { name: 'Link chart tools' });

      const [png] = await Promise.all([page.waitForEvent('download'), tools.getByRole('button', { name: 'PNG' }).click()]);
      assert.match(png.suggestedFilename(), /\.png$/);
      const bytes = await readFile(await png.path());
      assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG file');
      // Decoded by the browser itself: the picture is the stage's size and not blank (a chart is drawn on white).
      const pixels = (await page.evaluate(`(async () => {
        const bytes = Uint8Array.from(atob(${JSON.stringify(bytes.toString('base64'))}), (c) => c.charCodeAt(0));
        const img = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
        const c = new OffscreenCanvas(img.width, img.height), ctx = c.getContext('2d');
        ctx.drawImage(img, 0, 0);
        const d = ctx.getImageData(0, 0, img.width, img.height).data;
        let ink = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200) ink++;
        const stage = window.__corvidChart.controller.sigma.getStageCanvas();
        return { width: img.width, height: img.height, ink, stageWidth: stage.width, stageHeight: stage.height };
      })()`)) as { width: number; height: number; ink: number; stageWidth: number; stageHeight: number };
      assert.deepEqual([pixels.width, pixels.height], [pixels.stageWidth, pixels.stageHeight]);
      assert.ok(pixels.ink > 500, `the image has ${pixels.ink} drawn pixels`);

      const [svg] = await Promise.all([page.waitForEvent('download'), tools.getByRole('button', { name: 'SVG' }).click()]);
      const text = await readFile(await svg.path(), 'utf8');
      assert.match(text, /^<\?xml|^<svg/);
      assert.ok(text.includes(label), `the hawaladar is labelled “${label}”`);
      assert.equal((text.match(/<line\b/g) ?? []).length + (text.match(/<path\b/g) ?? []).length >= links, true, 'one stroke per link');
      assert.ok((text.match(/<(circle|rect|polygon)\b/g) ?? []).length >= entities, 'one shape per entity');
    }));

  test('a saved chart reopens from the list with the same entities', () =>
    withScreenshot(page, 'chart-save', async () => {
      const before = (await page.evaluate('window.__corvidChart.controller.model.entities.size')) as number;
      await page.getByRole('toolbar', { name: 'Link chart tools' }).getByRole('button', { name: /^Save( •)?$/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Name').fill('Hawala collections');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await eventually(async () => assert.match(await status().innerText(), /“Hawala collections” \(personal\)/));
      const saved = await callApi<{ id: string; name: string }[]>(app, token, 'GET', '/charts');
      assert.ok(saved.some((c) => c.name === 'Hawala collections'), 'the server holds the chart');

      await page.goto(`${app.url}/#/chart`);
      await page.getByRole('button', { name: 'Open…' }).click();
      await page.getByRole('region', { name: 'Saved charts' }).getByRole('link', { name: 'Hawala collections' }).click();
      await eventually(async () => assert.equal(await page.evaluate('window.__corvidChart.controller.model.entities.size'), before));
    }));
});
