/** Tests of starting the server on real sockets: the port fallback and the URL it reports. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../store/open.ts';
import { DEFAULT_PORT, startServer } from './start.ts';

function occupy(port: number): Promise<Server | null> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(null)); // already taken by someone else: just as good
    s.listen(port, '127.0.0.1', () => resolve(s));
  });
}

test('when the default port is taken, starts on another one, reports the real URL and creates the admin', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'corvid-start-'));
  const store = await openStore({ data: dir });
  const blocker = await occupy(DEFAULT_PORT);
  try {
    const server = await startServer({ store, dataDir: dir });
    try {
      const port = Number(new URL(server.url).port);
      assert.notEqual(port, DEFAULT_PORT);
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${server.url}/api/v1/health`);
      assert.deepEqual(await res.json(), { ok: true, store: 'sqlite' });
      assert.ok(server.admin);
      assert.equal((await stat(server.admin.file)).mode & 0o777, 0o600);
    } finally {
      await server.close();
    }
  } finally {
    blocker?.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('an explicit port that is taken is an error; port 0 takes any free port', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'corvid-start-'));
  const store = await openStore({ data: dir });
  const blocker = await occupy(0);
  try {
    assert.ok(blocker);
    const taken = (blocker.address() as { port: number }).port;
    await assert.rejects(startServer({ store, dataDir: dir, port: taken }), { code: 'EADDRINUSE' });
    const server = await startServer({ store, dataDir: dir, port: 0 });
    try {
      assert.ok(Number(new URL(server.url).port) > 0);
      assert.equal(server.admin, null); // created by the first, refused start
    } finally {
      await server.close();
    }
  } finally {
    blocker?.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});
