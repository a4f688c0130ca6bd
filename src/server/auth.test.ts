/** Tests of the authentication primitives: password hashes, tokens, the first administrator. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemContext } from '../model/context.ts';
import { openStore } from '../store/open.ts';
import { checkLogin, ensureAdmin, generateToken, hashPassword, hashToken, issueToken, userForToken, verifyPassword } from './auth.ts';

describe('passwords', () => {
  test('hashes in the scrypt$N$r$p$salt$hash format and verifies only the right password', async () => {
    const stored = await hashPassword('correct horse battery staple');
    const parts = stored.split('$');
    assert.equal(parts.length, 6);
    assert.deepEqual(parts.slice(0, 4), ['scrypt', '16384', '8', '1']);
    assert.equal(Buffer.from(parts[4]!, 'base64').length, 16);
    assert.equal(Buffer.from(parts[5]!, 'base64').length, 64);
    assert.equal(await verifyPassword('correct horse battery staple', stored), true);
    assert.equal(await verifyPassword('correct horse battery stapler', stored), false);
  });

  test('salts every hash differently', async () => {
    assert.notEqual(await hashPassword('same'), await hashPassword('same'));
  });

  test('rejects malformed or hostile stored hashes without throwing', async () => {
    for (const bad of ['', 'scrypt$x', 'bcrypt$16384$8$1$c2FsdA==$aGFzaA==', 'scrypt$1000$8$1$c2FsdA==$aGFzaGhhc2hoYXNoaGFzaA==', 'scrypt$1073741824$8$1$c2FsdA==$aGFzaGhhc2hoYXNoaGFzaA==']) {
      assert.equal(await verifyPassword('x', bad), false, bad);
    }
  });
});

describe('tokens', () => {
  test('are cvd_ and 32 random bytes in base64url, stored as their SHA-256 hex', () => {
    const t = generateToken();
    assert.match(t, /^cvd_[A-Za-z0-9_-]{43}$/);
    assert.equal(Buffer.from(t.slice(4), 'base64url').length, 32);
    assert.notEqual(generateToken(), t);
    assert.equal(hashToken(t), createHash('sha256').update(t).digest('hex'));
  });
});

describe('with a store', () => {
  test('ensureAdmin creates admin once, with a 0600 credentials file that logs in', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'corvid-auth-'));
    const store = await openStore({ data: dir });
    try {
      // A stale, world-readable file from an earlier data directory must not keep its permissions.
      await writeFile(join(dir, 'admin-credentials.txt'), 'old', { mode: 0o644 });
      const creds = await ensureAdmin(store, dir);
      assert.ok(creds);
      assert.equal(creds.name, 'admin');
      assert.equal(creds.file, join(dir, 'admin-credentials.txt'));
      assert.equal((await stat(creds.file)).mode & 0o777, 0o600);
      const text = await readFile(creds.file, 'utf8');
      assert.ok(text.includes(`password: ${creds.password}`));
      assert.ok(text.includes('user: admin'));

      const admin = await store.getUser(systemContext(), 'admin');
      assert.deepEqual(admin?.roles, ['admin']);
      assert.equal(admin?.compartments, '*');
      assert.equal(admin?.tlpCeiling, 'RED');
      assert.equal((await checkLogin(store, 'admin', creds.password)).name, 'admin');
      await assert.rejects(checkLogin(store, 'admin', `${creds.password}x`), { code: 'CORVID_ERR_AUTH_INVALID' });
      await assert.rejects(checkLogin(store, 'nobody', creds.password), { code: 'CORVID_ERR_AUTH_INVALID' });

      assert.equal(await ensureAdmin(store, dir), null);
      assert.equal((await store.listUsers(systemContext())).length, 1);
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('userForToken accepts an issued token and refuses unknown, malformed and revoked ones alike', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'corvid-auth-'));
    const store = await openStore({ data: dir });
    try {
      await store.createUser(systemContext(), { name: 'alice', roles: ['analyst'], compartments: [], tlpCeiling: 'AMBER', passwordHash: await hashPassword('pw') });
      const token = await issueToken(store, systemContext(), 'alice', 'laptop');
      assert.equal((await userForToken(store, token)).user.name, 'alice');
      await assert.rejects(userForToken(store, generateToken()), { code: 'CORVID_ERR_AUTH_INVALID' });
      await assert.rejects(userForToken(store, 'not-a-token'), { code: 'CORVID_ERR_AUTH_INVALID' });
      await store.revokeToken(systemContext(), hashToken(token));
      await assert.rejects(userForToken(store, token), { code: 'CORVID_ERR_AUTH_INVALID' });
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
