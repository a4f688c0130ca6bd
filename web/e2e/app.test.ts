// End-to-end: sign-in, search, the entity page and the review queue, on the demo investigation, as an analyst sees them in Chromium.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { apiToken, buildWeb, callApi, eventually, openBrowser, signIn, startApp, withScreenshot, type RunningApp } from './harness.ts';

interface Truth {
  entities: { key: string; name: string; records: { dataset: string; file: string }[] }[];
}
interface ManifestFile {
  path: string;
  dataset: string;
  grading: string;
  tlp: string;
  handling: string;
}

let app: RunningApp;
let browser: Browser;
let page: Page;

/** The ground truth's first person (the broker between both networks) and where the demo put him. */
async function demoPerson(): Promise<{ name: string; kycLines: Map<number, string[]>; header: string[]; kyc: ManifestFile }> {
  const truth = JSON.parse(await readFile(join(app.dataDir, 'demo', 'truth.json'), 'utf8')) as Truth;
  const person = truth.entities.find((e) => e.records.some((r) => r.file === 'fiu-nl/kyc-persons.csv'));
  assert.ok(person, 'the ground truth has a person with a KYC record');
  const manifest = JSON.parse(await readFile(join(app.dataDir, 'demo', 'manifest.json'), 'utf8')) as { files: ManifestFile[] };
  const kyc = manifest.files.find((f) => f.path === 'fiu-nl/kyc-persons.csv');
  assert.ok(kyc);
  // The CSV has no quoted commas in these columns; line numbers count the header as line 1.
  const rows = (await readFile(join(app.dataDir, 'demo', 'fiu-nl', 'kyc-persons.csv'), 'utf8')).split(/\r?\n/);
  const header = rows[0].split(',');
  const kycLines = new Map<number, string[]>();
  rows.forEach((line, i) => {
    const cells = line.split(',');
    if (`${cells[header.indexOf('first_name')]} ${cells[header.indexOf('last_name')]}` === person.name) kycLines.set(i + 1, cells);
  });
  assert.ok(kycLines.size > 0, 'the person is in the KYC file');
  return { name: person.name, kycLines, header, kyc };
}

describe('analyst web UI on the demo investigation', { timeout: 600_000 }, () => {
  before(async () => {
    await buildWeb();
    [app, browser] = await Promise.all([startApp({ demo: true }), openBrowser()]);
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  test('a wrong password shows an error and no session', () =>
    withScreenshot(page, 'signin-wrong-password', async () => {
      await page.goto(`${app.url}/#/search`);
      await page.getByLabel('User name').fill(app.admin.name);
      await page.getByLabel('Password').fill(`${app.admin.password}-wrong`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      assert.match(await alert.innerText(), /Wrong user name or password/);
      assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0);
    }));

  test('signing in shows the user in the top bar', () =>
    withScreenshot(page, 'signin', async () => {
      await signIn(page, app);
      assert.match(await page.getByRole('banner').innerText(), new RegExp(`\\b${app.admin.name}\\b`));
      assert.ok(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Review' }).isVisible());
    }));

  test('searching a demo person lists their records with type and dataset', () =>
    withScreenshot(page, 'search', async () => {
      const { name } = await demoPerson();
      await page.getByLabel('Search entities').fill(name);
      await page.getByLabel('Search entities').press('Enter');
      const results = page.getByRole('region', { name: 'Results' }).getByRole('listitem');
      await results.first().waitFor();
      assert.match(await page.getByRole('status').first().innerText(), new RegExp(`results? for “${name}”`));
      const first = await results.first().innerText();
      assert.ok(first.includes(name), `the best result is the person: ${first}`);
      const all = await results.allInnerTexts();
      assert.ok(all.some((t) => t.includes('Person') && t.includes('fiu-nl')), 'a Person record from fiu-nl (his KYC record) is listed');
      assert.ok(await results.first().locator('mark').count(), 'the matching words are highlighted');

      await page.getByLabel('Type', { exact: true }).selectOption({ label: 'Persons' });
      await eventually(async () => {
        const texts = await results.allInnerTexts();
        assert.ok(texts.length > 0);
        for (const t of texts) assert.match(t, /\bPerson\b/, `only persons after filtering: ${t}`);
      });
    }));

  test('a search with no match says what to do', () =>
    withScreenshot(page, 'search-empty', async () => {
      await page.getByLabel('Search entities').fill('qqxzv wwkjhq');
      await page.getByLabel('Search entities').press('Enter');
      await page.getByText('No results — try fewer words, or check the filters').waitFor();
    }));

  test('the entity page shows each value with its source file and line, grading and handling', () =>
    withScreenshot(page, 'entity', async () => {
      const { name, kycLines, header, kyc } = await demoPerson();
      await page.goto(`${app.url}/#/search?q=${encodeURIComponent(name)}&schema=Person&dataset=fiu-nl`);
      const results = page.getByRole('region', { name: 'Results' }).getByRole('listitem');
      await results.first().waitFor();
      await results.first().getByRole('link').first().click();
      await page.getByRole('heading', { level: 1, name }).waitFor();

      const props = page.getByRole('table', { name: /Properties/ });
      const nameRow = props.getByRole('row').filter({ hasText: 'kyc-persons.csv' }).filter({ hasText: name }).first();
      const nameText = await nameRow.innerText();
      const line = Number(/kyc-persons\.csv, line (\d+)/.exec(nameText)?.[1]);
      assert.ok(kycLines.has(line), `line ${line} of kyc-persons.csv holds ${name}`);
      assert.ok(nameText.includes(kyc.grading) && nameText.includes(kyc.handling) && nameText.includes(`TLP:${kyc.tlp}`), `grading and handling as the manifest says: ${nameText}`);
      const birth = kycLines.get(line)?.[header.indexOf('birth_date')];
      assert.ok(birth);
      assert.match(await props.getByRole('row').filter({ hasText: 'Birth date' }).first().innerText(), new RegExp(birth));

      const datasets = page.getByRole('region', { name: 'Datasets and source records' });
      assert.match(await datasets.innerText(), new RegExp(`kyc-persons\\.csv, line ${line}`));
      assert.match(await page.getByRole('region', { name: 'Resolution' }).innerText(), /Not merged/);

      const id = decodeURIComponent(new URL(page.url()).hash.replace('#/entity/', ''));
      await page.getByRole('button', { name: 'Open on link chart' }).click();
      await eventually(async () => assert.equal(decodeURIComponent(new URL(page.url()).hash), `#/chart?add=${id}`));
    }));

  test('review: deciding "same" shrinks the queue, undo brings the pair back', () =>
    withScreenshot(page, 'review', async () => {
      const token = await apiToken(app);
      await callApi(app, token, 'POST', '/resolve/runs', {});
      const queue = await callApi<{ items: { candidate: { id: number } }[] }>(app, token, 'GET', '/resolve/review?limit=500');
      const n = queue.items.length;
      assert.ok(n >= 2, 'the demo leaves uncertain pairs to review');

      await page.goto(`${app.url}/#/review`);
      const count = page.getByRole('heading', { name: /pairs? to review/ });
      await eventually(async () => assert.equal(await count.innerText(), `${n} pairs to review`));
      await page.getByRole('heading', { name: `Pair 1 of ${n}: are these the same?` }).waitFor();
      assert.match(await page.getByLabel('Match explanation').innerText(), /Match probability \d+ %[\s\S]*Prior −?[\d.]+ bits/);

      await page.keyboard.press('j');
      await page.getByRole('heading', { name: `Pair 2 of ${n}: are these the same?` }).waitFor();
      await page.keyboard.press('k');
      await page.getByRole('heading', { name: `Pair 1 of ${n}: are these the same?` }).waitFor();

      await page.keyboard.press('s');
      await eventually(async () => assert.equal(await count.innerText(), `${n - 1} pairs to review`));
      assert.match(await page.getByRole('status').first().innerText(), /as the same/);
      const judgements = await callApi<{ judgements: { by: string; verdict: string }[] }>(app, token, 'GET', '/resolve/judgements?active=true&limit=1000');
      assert.ok(judgements.judgements.some((j) => j.by === 'user' && j.verdict === 'positive'), 'the server holds the decision');

      await page.getByRole('button', { name: 'Undo' }).click();
      await eventually(async () => assert.equal(await count.innerText(), `${n} pairs to review`));
      const again = await callApi<{ items: unknown[] }>(app, token, 'GET', '/resolve/review?limit=500');
      assert.equal(again.items.length, n);
    }));

  test('after resolution the entity page shows the canonical entity and its members', () =>
    withScreenshot(page, 'entity-merged', async () => {
      const { name } = await demoPerson();
      await page.goto(`${app.url}/#/search?q=${encodeURIComponent(name)}&schema=Person&dataset=fiu-nl`);
      await page.getByRole('region', { name: 'Results' }).getByRole('listitem').first().getByRole('link').first().click();
      const resolution = page.getByRole('region', { name: 'Resolution' });
      await eventually(async () => assert.match(await resolution.innerText(), /records merged into the canonical entity/));
      const members = await resolution.getByRole('listitem').allInnerTexts();
      const datasets = new Set(members.flatMap((m) => m.match(/\b(fiu-nl|police-de|police-nl|telco-cdr)\b/g) ?? []));
      assert.ok(datasets.size >= 2, `records from several agencies are merged: ${members.join(' | ')}`);
    }));
});
