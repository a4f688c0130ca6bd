// End-to-end: importing a CSV with a bad row through the web UI, its rejects with line numbers, and the session ending.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { buildWeb, eventually, openBrowser, signIn, startApp, withScreenshot, type RunningApp } from './harness.ts';

// Line 1 is the header. Line 3 has a birth date that is no date (the value is set aside, the row kept);
// line 4 has six cells under a four-column header (the whole record is rejected).
const CSV = ['id,name,birth_date,phone', '1,Anna Keller,1980-02-03,01701234567', '2,Bruno Stahl,not-a-date,+491709876543', '3,Carla Extra,1975-01-01,+49170111,extra,cells', '4,Dora Lenz,1990-12-31,'].join('\n');

let app: RunningApp;
let browser: Browser;
let page: Page;

describe('importing through the web UI', { timeout: 300_000 }, () => {
  before(async () => {
    await buildWeb();
    [app, browser] = await Promise.all([startApp({ demo: false }), openBrowser()]);
    page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
    await signIn(page, app, '#/import');
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  test('a CSV with a bad row imports the good rows and lists the reject with its line', () =>
    withScreenshot(page, 'import-csv', async () => {
      await page.getByRole('heading', { name: 'Import' }).waitFor();
      await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
      await page.getByLabel('Format', { exact: true }).selectOption('csv');
      await page.getByLabel('Dataset', { exact: true }).fill('e2e-people');
      await page.getByLabel('Default country', { exact: true }).fill('DE');
      await page.getByLabel('Start from an example', { exact: true }).selectOption({ label: 'People (id, name, birth date, phone)' });
      assert.match(await page.getByLabel('Mapping YAML', { exact: true }).inputValue(), /birthDate: \{ column: birth_date \}/);
      await page.getByRole('button', { name: 'Import', exact: true }).click();

      await page.getByText(/^Finished:/).waitFor();
      const summary = await page.locator('dl').innerText();
      // Four data rows: one rejected whole (line 4), three imported, one of their values (line 3's date) set aside.
      assert.match(summary, /Records read\s+4/);
      assert.match(summary, /Imported\s+3/);
      assert.match(summary, /Rejected records\s+1/);
      assert.match(summary, /Rejected values\s+1/);

      const rejects = page.getByRole('table', { name: /Rejects/ });
      await rejects.waitFor();
      const rows = await rejects.getByRole('row').allInnerTexts();
      const record = rows.find((r) => r.includes('whole record'));
      assert.ok(record, `a rejected record: ${rows.join(' | ')}`);
      assert.match(record, /^4\b/);
      assert.match(record, /3,Carla Extra,1975-01-01,\+49170111,extra,cells/);
      const value = rows.find((r) => r.includes('value of birth date'));
      assert.ok(value, `a rejected value: ${rows.join(' | ')}`);
      assert.match(value, /^3\b/);
      assert.match(value, /not-a-date/);
    }));

  test('the imported people can be found, with the phone number completed by the default country', () =>
    withScreenshot(page, 'import-search', async () => {
      await page.getByLabel('Search entities').fill('Anna Keller');
      await page.getByLabel('Search entities').press('Enter');
      const result = page.getByRole('region', { name: 'Results' }).getByRole('listitem').first();
      await result.waitFor();
      const text = await result.innerText();
      assert.match(text, /Anna Keller/);
      assert.match(text, /e2e-people/);
      // 01701234567 is a German mobile number written nationally: with default country DE it becomes +49 170 1234567.
      assert.match(text, /\+491701234567/);
    }));

  test('an expired session sends the user back to sign-in', () =>
    withScreenshot(page, 'session-expired', async () => {
      await page.evaluate("sessionStorage.setItem('corvid.token', 'cvd_revoked-or-expired')");
      await page.goto(`${app.url}/#/review`);
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      await page.getByText('Your session has ended').waitFor();
      await signIn(page, app, '#/review');
      await eventually(async () => assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /Review matches/));
    }));

  test('signing out returns to the sign-in page', () =>
    withScreenshot(page, 'sign-out', async () => {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByText('You are signed out.').waitFor();
      assert.equal(await page.evaluate("sessionStorage.getItem('corvid.token')"), null);
    }));
});
