/** Tests of the app as a whole through app.inject(): authentication, errors, headers, OpenAPI, the landing page. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { systemContext } from '../model/context.ts';
import { errorCode, startHarness, userToken, type Harness } from './testing.ts';

describe('server app', () => {
  let h: Harness;
  let adminToken: string;
  let aliceToken: string;

  before(async () => {
    h = await startHarness();
    const res = await h.call(null, { method: 'POST', url: '/api/v1/auth/login', payload: { name: 'admin', password: h.admin.password } });
    assert.equal(res.statusCode, 200);
    adminToken = (res.json() as { token: string }).token;
    aliceToken = await userToken(h.store, 'alice');
  });
  after(async () => h.close());

  test('health needs no token and names the store', async () => {
    const res = await h.call(null, { method: 'GET', url: '/api/v1/health' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { ok: true, store: 'sqlite' });
  });

  test('without a token: 401 CORVID_ERR_AUTH_REQUIRED and a Bearer challenge', async () => {
    for (const url of ['/api/v1/search?q=smith', '/api/v1/entities/x.1', '/api/v1/datasets', '/api/v1/jobs', '/api/v1/auth/me']) {
      const res = await h.call(null, { method: 'GET', url });
      assert.equal(res.statusCode, 401, url);
      assert.equal(errorCode(res), 'CORVID_ERR_AUTH_REQUIRED', url);
      assert.match(String(res.headers['www-authenticate']), /^Bearer/);
    }
  });

  test('a bad or malformed token: 401 CORVID_ERR_AUTH_INVALID', async () => {
    const unknown = await h.call(`cvd_${'A'.repeat(43)}`, { method: 'GET', url: '/api/v1/auth/me' });
    assert.equal(unknown.statusCode, 401);
    assert.equal(errorCode(unknown), 'CORVID_ERR_AUTH_INVALID');
    const basic = await h.call(null, { method: 'GET', url: '/api/v1/auth/me', headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } });
    assert.equal(basic.statusCode, 401);
    assert.equal(errorCode(basic), 'CORVID_ERR_AUTH_INVALID');
  });

  test('logs in with the ensureAdmin credentials; the session token says who you are', async () => {
    const res = await h.call(adminToken, { method: 'GET', url: '/api/v1/auth/me' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { user: { name: 'admin', roles: ['admin'], compartments: '*', tlpCeiling: 'RED' } });
    const audit = await h.store.listAudit(systemContext(), { action: 'auth.login' });
    assert.deepEqual(audit.map((r) => r.actor), ['admin']);
  });

  test('a wrong password is 401 CORVID_ERR_AUTH_INVALID and is audited, without the password', async () => {
    const res = await h.call(null, { method: 'POST', url: '/api/v1/auth/login', payload: { name: 'admin', password: 'wrong-password-123' } });
    assert.equal(res.statusCode, 401);
    assert.equal(errorCode(res), 'CORVID_ERR_AUTH_INVALID');
    assert.equal('token' in (res.json() as object), false);
    const audit = await h.store.listAudit(systemContext(), { action: 'auth.login.fail' });
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.target, 'admin');
    assert.ok(!JSON.stringify(audit).includes('wrong-password-123'));
  });

  test('creates a named API token that works, and logout revokes the token used', async () => {
    const created = await h.call(aliceToken, { method: 'POST', url: '/api/v1/auth/tokens', payload: { label: 'script', expiresInDays: 30 } });
    assert.equal(created.statusCode, 201);
    const { token, label } = created.json() as { token: string; label: string };
    assert.equal(label, 'script');
    assert.match(token, /^cvd_/);
    const me = await h.call(token, { method: 'GET', url: '/api/v1/auth/me' });
    assert.equal((me.json() as { user: { name: string } }).user.name, 'alice');
    assert.equal((await h.call(token, { method: 'POST', url: '/api/v1/auth/logout' })).statusCode, 204);
    assert.equal(errorCode(await h.call(token, { method: 'GET', url: '/api/v1/auth/me' })), 'CORVID_ERR_AUTH_INVALID');
  });

  test('validation errors are 400 CORVID_ERR_VALIDATION, for query, body and params', async () => {
    const noQuery = await h.call(aliceToken, { method: 'GET', url: '/api/v1/search' });
    assert.equal(noQuery.statusCode, 400);
    assert.equal(errorCode(noQuery), 'CORVID_ERR_VALIDATION');
    const badLimit = await h.call(aliceToken, { method: 'GET', url: '/api/v1/search?q=x&limit=5000' });
    assert.equal(errorCode(badLimit), 'CORVID_ERR_VALIDATION');
    const badBody = await h.call(adminToken, { method: 'POST', url: '/api/v1/datasets', payload: { name: 'Bad Name!' } });
    assert.equal(badBody.statusCode, 400);
    assert.equal(errorCode(badBody), 'CORVID_ERR_VALIDATION');
    const extra = await h.call(adminToken, { method: 'POST', url: '/api/v1/datasets', payload: { name: 'ok', colour: 'red' } });
    assert.equal(errorCode(extra), 'CORVID_ERR_VALIDATION');
    const badJson = await h.call(null, { method: 'POST', url: '/api/v1/auth/login', payload: '{"name":', headers: { 'content-type': 'application/json' } });
    assert.equal(badJson.statusCode, 400);
    assert.equal(errorCode(badJson), 'CORVID_ERR_VALIDATION');
    const unknownSchema = await h.call(aliceToken, { method: 'GET', url: '/api/v1/search?q=x&schema=Spaceship' });
    assert.equal(unknownSchema.statusCode, 400);
    assert.equal(errorCode(unknownSchema), 'CORVID_ERR_MODEL_UNKNOWN_SCHEMA');
  });

  test('JSON bodies over 1 MiB are 413 CORVID_ERR_PAYLOAD_TOO_LARGE', async () => {
    const res = await h.call(null, { method: 'POST', url: '/api/v1/auth/login', payload: { name: 'admin', password: 'x'.repeat(1024 * 1024 + 1) } });
    assert.equal(res.statusCode, 413);
    assert.equal(errorCode(res), 'CORVID_ERR_PAYLOAD_TOO_LARGE');
  });

  test('unknown routes are 404 CORVID_ERR_NOT_FOUND', async () => {
    for (const url of ['/api/v1/no-such-thing', '/nowhere']) {
      const res = await h.call(null, { method: 'GET', url });
      assert.equal(res.statusCode, 404, url);
      assert.equal(errorCode(res), 'CORVID_ERR_NOT_FOUND', url);
    }
  });

  test('admin-only routes refuse analysts with 403 CORVID_ERR_AUTH_FORBIDDEN', async () => {
    const calls = [
      { method: 'POST' as const, url: '/api/v1/datasets', payload: { name: 'police-a' } },
      { method: 'GET' as const, url: '/api/v1/audit' },
      { method: 'GET' as const, url: '/api/v1/audit/verify' },
    ];
    for (const c of calls) {
      const res = await h.call(aliceToken, c);
      assert.equal(res.statusCode, 403, c.url);
      assert.equal(errorCode(res), 'CORVID_ERR_AUTH_FORBIDDEN', c.url);
    }
  });

  test('datasets: admins create (201) and update (200); everyone lists and reads', async () => {
    const created = await h.call(adminToken, { method: 'POST', url: '/api/v1/datasets', payload: { name: 'police-a', title: 'Police A', defaultTlp: 'GREEN' } });
    assert.equal(created.statusCode, 201);
    assert.equal((created.json() as { dataset: { title: string } }).dataset.title, 'Police A');
    const updated = await h.call(adminToken, { method: 'POST', url: '/api/v1/datasets', payload: { name: 'police-a', defaultGrading: 'B2' } });
    assert.equal(updated.statusCode, 200);
    const one = await h.call(aliceToken, { method: 'GET', url: '/api/v1/datasets/police-a' });
    assert.equal(one.statusCode, 200);
    assert.deepEqual((one.json() as { counts: unknown }).counts, { entities: 0, statements: 0 });
    const body = one.json() as { dataset: { defaultTlp: string; defaultGrading: string } };
    assert.equal(body.dataset.defaultTlp, 'GREEN');
    assert.equal(body.dataset.defaultGrading, 'B2');
    const list = await h.call(aliceToken, { method: 'GET', url: '/api/v1/datasets' });
    assert.ok((list.json() as { datasets: { name: string }[] }).datasets.some((d) => d.name === 'police-a'));
    assert.equal(errorCode(await h.call(aliceToken, { method: 'GET', url: '/api/v1/datasets/none-such' })), 'CORVID_ERR_NOT_FOUND');
  });

  test('the audit log is readable and verifiable by admins', async () => {
    const res = await h.call(adminToken, { method: 'GET', url: '/api/v1/audit?action=auth.login&limit=10' });
    assert.equal(res.statusCode, 200);
    const { records } = res.json() as { records: { action: string; hash: string }[] };
    assert.ok(records.length >= 1);
    assert.ok(records.every((r) => r.action === 'auth.login' && /^[0-9a-f]{64}$/.test(r.hash)));
    const verify = await h.call(adminToken, { method: 'GET', url: '/api/v1/audit/verify' });
    assert.equal(verify.statusCode, 200);
    assert.equal((verify.json() as { ok: boolean }).ok, true);
  });

  test('openapi.json is public, OpenAPI 3, and documents every route', async () => {
    const res = await h.call(null, { method: 'GET', url: '/api/v1/openapi.json' });
    assert.equal(res.statusCode, 200);
    const doc = JSON.parse(res.body) as { openapi: string; paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };
    assert.match(doc.openapi, /^3\./);
    const expected: [string, string][] = [
      ['/api/v1/health', 'get'],
      ['/api/v1/openapi.json', 'get'],
      ['/api/v1/auth/login', 'post'],
      ['/api/v1/auth/tokens', 'post'],
      ['/api/v1/auth/me', 'get'],
      ['/api/v1/auth/logout', 'post'],
      ['/api/v1/search', 'get'],
      ['/api/v1/entities', 'get'],
      ['/api/v1/entities/{id}', 'get'],
      ['/api/v1/datasets', 'get'],
      ['/api/v1/datasets', 'post'],
      ['/api/v1/datasets/{name}', 'get'],
      ['/api/v1/imports', 'post'],
      ['/api/v1/imports/{jobId}/rejects', 'get'],
      ['/api/v1/jobs', 'get'],
      ['/api/v1/jobs/{id}', 'get'],
      ['/api/v1/jobs/{id}/cancel', 'post'],
      ['/api/v1/audit', 'get'],
      ['/api/v1/audit/verify', 'get'],
    ];
    for (const [path, method] of expected) assert.ok(doc.paths[path]?.[method], `${method.toUpperCase()} ${path} is documented`);
    for (const name of ['Entity', 'Statement', 'Job', 'Error']) assert.ok(doc.components.schemas[name], name);
  });

  test('the docs page and its assets are served locally', async () => {
    const page = await h.call(null, { method: 'GET', url: '/api/docs/' });
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['content-type']), /text\/html/);
    const bundle = await h.call(null, { method: 'GET', url: '/api/docs/static/swagger-ui-bundle.js' });
    assert.equal(bundle.statusCode, 200);
    assert.ok(bundle.body.length > 100_000);
  });

  test('GET / is an HTML page with a CSP, linking the API docs', async () => {
    const res = await h.call(null, { method: 'GET', url: '/' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    assert.match(String(res.headers['content-security-policy']), /default-src 'none'/);
    assert.ok(res.body.includes('href="/api/docs"'));
    assert.ok(res.body.includes('href="/api/v1/openapi.json"'));
  });

  test('answers carry security headers; API answers are not cached', async () => {
    const res = await h.call(aliceToken, { method: 'GET', url: '/api/v1/datasets' });
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['referrer-policy'], 'no-referrer');
    assert.equal(res.headers['cache-control'], 'no-store');
  });

  test('500s say nothing about the internals', async () => {
    const broken = await startHarness();
    try {
      const token = await userToken(broken.store, 'bob');
      // Break the store underneath the app: a raw error from the backend must not reach the client.
      broken.store.listDatasets = async () => {
        throw new Error('SQLITE_CORRUPT: database disk image is malformed at /secret/path');
      };
      const res = await broken.call(token, { method: 'GET', url: '/api/v1/datasets' });
      assert.equal(res.statusCode, 500);
      assert.equal(errorCode(res), 'CORVID_ERR_INTERNAL');
      assert.ok(!res.body.includes('SQLITE'));
      assert.ok(!res.body.includes('/secret/path'));
    } finally {
      await broken.close();
    }
  });
});
