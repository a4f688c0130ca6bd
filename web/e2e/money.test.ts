// End-to-end: the alert queue (confirm, dismiss, re-open, filters), an alert's evidence on the link chart, and the
// money-flow view of a trace, on a small bank ledger whose amounts are worked out by hand in money-seed.ts.
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { alertId } from '../../src/detect/alerts/alert-entity.ts';
import { apiToken, buildWeb, callApi, eventually, openBrowser, signIn, startApp, withScreenshot, type RunningApp } from './harness.ts';
import { ACCT, ALERTS, NAMES, seedMoney } from './money-seed.ts';

let app: RunningApp;
let browser: Browser;
let page: Page;
let token: string;

const cards = () => page.locator('article.alert-card');
const card = (name: string): Locator => page.getByRole('article', { name });
const titles = async (): Promise<string[]> => (await cards().locator('h2').allInnerTexts()).map((t) => t.trim());
const FAN_OUT = 'Fan-out: 3 accounts, 2 transfers';
const FAN_IN = 'Fan-in: 3 accounts, 2 transfers';
const STRUCTURING = 'Structuring: 2 accounts, 1 transfer';

/** The cell texts of a table's body rows. */
const rowsOf = async (table: Locator): Promise<string[][]> =>
  Promise.all((await table.locator('tbody tr').all()).map(async (r) => (await r.locator('td').allInnerTexts()).map((t) => t.trim())));

async function showQueue(status: string, expected: string[]): Promise<void> {
  await page.getByLabel('Status').selectOption(status);
  await eventually(async () => assert.deepEqual(await titles(), expected));
}

describe('the money views in the browser', { timeout: 600_000 }, () => {
  before(async () => {
    await buildWeb();
    const dataDir = await mkdtemp(join(tmpdir(), 'corvid-e2e-money-'));
    await seedMoney(dataDir);
    [app, browser] = await Promise.all([startApp({ demo: false, dataDir }), openBrowser()]);
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    token = await apiToken(app);
    await signIn(page, app, '#/alerts');
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  test('the queue lists open alerts highest score first, each with its explanation, score and evidence by name', () =>
    withScreenshot(page, 'alerts-queue', async () => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' }).click();
      await eventually(async () => assert.deepEqual(await titles(), [FAN_OUT, FAN_IN, STRUCTURING]));
      const first = card(FAN_OUT);
      const text = await first.innerText();
      assert.match(text, /Score 0\.92/);
      assert.match(text, /fan-out/);
      assert.ok(text.includes(ALERTS.fanOut.explanation));
      await eventually(async () => {
        const accounts = await first.getByRole('region', { name: 'Accounts' }).getByRole('link').allInnerTexts();
        // The API lists them by id: acct-m1, acct-m2, acct-v.
        assert.deepEqual(accounts, [NAMES[ACCT.mule1], NAMES[ACCT.mule2], NAMES[ACCT.victim]]);
      });
      // The evidence transfers with their amounts and dates, as imported.
      await eventually(async () => {
        const transfers = await first.getByRole('region', { name: 'Evidence transfers' }).getByRole('listitem').allInnerTexts();
        assert.equal(transfers.length, 2);
        assert.match(transfers[0]!, /1,000\.00 EUR · 2024-01-01/);
        assert.match(transfers[1]!, /500\.00 EUR · 2024-01-02/);
      });
    }));

  test('confirming needs a reason; with one, the alert leaves the open queue and shows its reason under Confirmed', () =>
    withScreenshot(page, 'alerts-confirm', async () => {
      const first = card(FAN_OUT);
      await first.getByRole('button', { name: 'Confirm' }).click();
      const refusal = first.getByRole('alert');
      await refusal.waitFor();
      assert.match(await refusal.innerText(), /^Reason: .*reason/);
      assert.equal(await first.getByLabel('Reason').getAttribute('aria-invalid'), 'true');

      await first.getByLabel('Reason').fill('the victim reported both transfers');
      await first.getByLabel('Grading if confirmed').selectOption('B2');
      await first.getByRole('button', { name: 'Confirm' }).click();
      await eventually(async () => assert.deepEqual(await titles(), [FAN_IN, STRUCTURING]));
      assert.match(await page.getByRole('status').first().innerText(), /Confirmed “Fan-out: 3 accounts, 2 transfers”: the victim reported both transfers/);

      await showQueue('confirmed', [FAN_OUT]);
      assert.match(await card(FAN_OUT).innerText(), /Confirmed: the victim reported both transfers/);
      // The confirmation travels with the accounts as a note graded as the reviewer chose.
      const mule = await callApi<{ statements: { prop: string; value: string; grading: string }[] }>(app, token, 'GET', `/entities/${ACCT.mule1}`);
      const note = mule.statements.find((s) => s.prop === 'notes');
      assert.equal(note?.grading, 'B2');
      assert.match(note?.value ?? '', /Confirmed fan-out alert/);
    }));

  test('dismissing moves an alert to Dismissed with its reason; re-opening brings it back to the open queue', () =>
    withScreenshot(page, 'alerts-dismiss', async () => {
      await showQueue('open', [FAN_IN, STRUCTURING]);
      const s = card(STRUCTURING);
      await s.getByLabel('Reason').fill('a known customer buying stock');
      await s.getByRole('button', { name: 'Dismiss' }).click();
      await eventually(async () => assert.deepEqual(await titles(), [FAN_IN]));

      await showQueue('dismissed', [STRUCTURING]);
      assert.match(await card(STRUCTURING).innerText(), /Dismissed: a known customer buying stock/);
      await card(STRUCTURING).getByRole('button', { name: 'Re-open' }).click();
      await eventually(async () => assert.deepEqual(await titles(), []));
      await showQueue('open', [FAN_IN, STRUCTURING]);
      const v = await callApi<{ status: string }>(app, token, 'GET', `/alerts/${alertId(ALERTS.structuring)}`);
      assert.equal(v.status, 'open');
    }));

  test('the typology filter lists only alerts of that typology, whatever their status', () =>
    withScreenshot(page, 'alerts-typology', async () => {
      await showQueue('all', [FAN_OUT, FAN_IN, STRUCTURING]);
      await page.getByLabel('Typology').selectOption('fan-out');
      await eventually(async () => assert.deepEqual(await titles(), [FAN_OUT]));
      assert.match(await page.evaluate('location.hash'), /status=all&typology=fan-out/);
      await page.getByLabel('Typology').selectOption('');
      await eventually(async () => assert.deepEqual(await titles(), [FAN_OUT, FAN_IN, STRUCTURING]));
    }));

  test('Show on chart opens the evidence: the accounts and the evidence payments, emphasised, under a banner naming the alert', () =>
    withScreenshot(page, 'alerts-chart', async () => {
      await card(FAN_IN).getByRole('link', { name: 'Show on chart' }).click();
      const banner = page.getByRole('region', { name: 'Alert evidence' });
      await banner.waitFor();
      const text = await banner.innerText();
      assert.match(text, /Fan-in: 3 accounts, 2 transfers/);
      assert.match(text, /fan-in/);
      assert.match(text, /score 0\.71/);
      assert.ok(text.includes(ALERTS.fanIn.explanation));
      assert.match(text, /Emphasised: 3 of 3 accounts and 2 of 2 evidence transfers/);
      // The three accounts and the two payments into the exchange, nothing else: 3 entities, 2 links.
      await eventually(async () => assert.match(await page.locator('.chart-status').innerText(), /^3 entities · 2 links/));
      const onChart = (await page.evaluate(`(() => {
        const c = window.__corvidChart, g = c.controller.model.graph, s = c.controller.sigma;
        return {
          nodes: g.nodes().sort(),
          evidence: [...c.controller.model.links.values()].filter((l) => s.getEdgeState(l.id).isOnPath).map((l) => l.source + ':' + l.from + '>' + l.to).sort(),
          emphasised: g.nodes().filter((n) => s.getNodeState(n).isOnPath).sort(),
        };
      })()`)) as { nodes: string[]; evidence: string[]; emphasised: string[] };
      assert.deepEqual(onChart.nodes, [ACCT.mule1, ACCT.mule2, ACCT.exchange].sort());
      assert.deepEqual(onChart.emphasised, onChart.nodes);
      assert.deepEqual(onChart.evidence, [`bank.pay-3:${ACCT.mule1}>${ACCT.exchange}`, `bank.pay-5:${ACCT.mule2}>${ACCT.exchange}`]);
    }));
  test('a FIFO trace of the victim’s payment shows the exchange as a cash-out point with the 300.00 that is his, and the transfer behind it', () =>
    withScreenshot(page, 'trace-fifo', async () => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Money flow' }).click();
      await page.getByLabel(/^From/).fill('bank.pay-1');
      await page.getByLabel('Model').selectOption('fifo');
      await page.getByRole('button', { name: 'Trace', exact: true }).click();
      // The API gives exact decimals without trailing zeros ("300"), and the page shows them as given.
      const cashOut = page.getByRole('table', { name: 'Cash-out points' });
      await cashOut.waitFor();
      assert.deepEqual(await rowsOf(cashOut), [[NAMES[ACCT.exchange], 'exchange', '300 EUR']]);
      // The shop got the other 300.00 of his money and passed none on; Mule one still holds 400.00 of it.
      assert.deepEqual(await rowsOf(page.getByRole('table', { name: 'Endpoints' })), [
        [NAMES[ACCT.exchange], 'exchange', 'yes', '300 EUR', '1 transfer'],
        [NAMES[ACCT.shop], '—', 'no', '300 EUR', '1 transfer'],
      ]);
      const exchangeNode = page.locator(`.sankey-node-cashout[data-entity="${ACCT.exchange}"]`);
      assert.equal(await exchangeNode.getAttribute('aria-label'), `${NAMES[ACCT.exchange]} (exchange): 300 EUR`);
      await exchangeNode.click();
      const behind = page.getByRole('table', { name: 'Transfers behind the number' });
      await behind.waitFor();
      const rows = await rowsOf(behind);
      assert.equal(rows.length, 1);
      assert.deepEqual(rows[0]!.slice(2), ['700 EUR', '300 EUR']);
    }));

  test('the haircut model shares Mule one’s clean money out in proportion: 700 × 1,000/1,400 = 500.00 reaches the exchange', () =>
    withScreenshot(page, 'trace-haircut', async () => {
      await page.getByLabel('Model').selectOption('haircut');
      await page.getByRole('button', { name: 'Trace', exact: true }).click();
      await eventually(async () => assert.deepEqual(await rowsOf(page.getByRole('table', { name: 'Cash-out points' })), [[NAMES[ACCT.exchange], 'exchange', '500 EUR']]));
      assert.match(await page.evaluate('location.hash'), /model=haircut/);
    }));

  test('saving the trace puts its accounts on a saved chart of the case', () =>
    withScreenshot(page, 'trace-save', async () => {
      await page.getByLabel('Save as').fill('Victim payment to the exchange');
      await page.getByLabel('Case (empty: personal)').fill('op-mule');
      await page.getByRole('button', { name: 'Save trace' }).click();
      const status = page.getByRole('form', { name: 'Save the trace' }).getByRole('status');
      await eventually(async () => assert.match(await status.innerText(), /Saved as “Victim payment to the exchange”/));
      const href = await status.getByRole('link', { name: 'Open the saved chart' }).getAttribute('href');
      const id = decodeURIComponent(/^#\/chart\/(.+)$/.exec(href ?? '')?.[1] ?? '');
      const chart = await callApi<{ name: string; case: string; state: { nodes: string[] } }>(app, token, 'GET', `/charts/${encodeURIComponent(id)}`);
      assert.equal(chart.name, 'Victim payment to the exchange');
      assert.equal(chart.case, 'op-mule');
      // Haircut: the victim's money went through Mule one to the exchange and the shop.
      for (const a of [ACCT.victim, ACCT.mule1, ACCT.exchange, ACCT.shop]) assert.ok(chart.state.nodes.includes(a), `${a} is on the saved chart`);
    }));
});
