/** Tests of serving a built web UI from webRoot: files, the single-page fallback, and no way out of the root. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveStatic } from './static.ts';
import { errorCode, startHarness, type Harness } from './testing.ts';

describe('web root', () => {
  let root: string;
  let h: Harness;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'corvid-web-'));
    await mkdir(join(root, 'assets'));
    await writeFile(join(root, 'index.html'), '<!doctype html><title>Corvid UI</title>');
    await writeFile(join(root, 'assets', 'app-1a2b.js'), 'console.log(1)');
    await writeFile(join(root, '.env'), 'SECRET=1');
    h = await startHarness({ webRoot: root });
  });
  after(async () => {
    await h.close();
    await rm(root, { recursive: true, force: true });
  });

  test('resolveStatic stays inside the root and skips dot-files', async () => {
    assert.equal(await resolveStatic(root, '/'), join(root, 'index.html'));
    assert.equal(await resolveStatic(root, '/assets/app-1a2b.js'), join(root, 'assets', 'app-1a2b.js'));
    for (const bad of ['/../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/.env', '/assets%2f..%2f..%2fx', '/a%00b', '/%E0%A4%A']) {
      assert.equal(await resolveStatic(root, bad), null, bad);
    }
  });

  test('serves the UI with its CSP, hashed assets as immutable, client routes as the index page', async () => {
    const index = await h.call(null, { method: 'GET', url: '/' });
    assert.equal(index.statusCode, 200);
    assert.ok(index.body.includes('Corvid UI'));
    assert.match(String(index.headers['content-security-policy']), /default-src 'self'/);
    const js = await h.call(null, { method: 'GET', url: '/assets/app-1a2b.js' });
    assert.equal(js.statusCode, 200);
    assert.match(String(js.headers['content-type']), /javascript/);
    assert.match(String(js.headers['cache-control']), /immutable/);
    const route = await h.call(null, { method: 'GET', url: '/networks/42' });
    assert.ok(route.body.includes('Corvid UI'));
  });

  test('missing assets, dot-files and unknown API paths are 404s', async () => {
    for (const url of ['/assets/missing.js', '/.env', '/api/v1/nothing-here', '/api/unknown']) {
      const res = await h.call(null, { method: 'GET', url });
      assert.equal(res.statusCode, 404, url);
      assert.equal(errorCode(res), 'CORVID_ERR_NOT_FOUND', url);
    }
  });
});
