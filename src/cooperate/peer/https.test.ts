/**
 * Real `corvid serve --tls` nodes on loopback: the private set intersection works end to end over HTTPS with
 * each side's certificate pinned to the peer's key; a node presenting another key at a trusted URL is
 * refused with CORVID_ERR_PEER_TLS_PIN before a byte of the request leaves; and inside TLS the signed-request
 * checks still refuse what they refuse over HTTP.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:tls';
import { makeStatement } from '../../store/conformance/fixture.ts';
import { loadIdentity, type NodeIdentity } from '../node/identity.ts';
import { loadTlsCredentials } from '../node/tls.ts';
import { peerClient, PEER_API } from './client.ts';
import { makeNode, plant, removeNode, type TestNode } from './nodes.testing.ts';
import { makePeer } from './peers.ts';
import { pinnedRequest } from './pinned-tls.ts';
import { signRequest } from './signing.ts';

const COMMON = ['+31612350001', '+31612350002', '+31612350003'];
const people = (ds: string, phones: readonly string[]) => phones.flatMap((p, i) => [makeStatement(`${ds}.p${i}`, 'Person', 'name', `Person ${i}`), makeStatement(`${ds}.p${i}`, 'Person', 'phone', p)]);

interface Outcome {
  count: number;
  hits: { selector: string }[] | null;
}

/** A TLS listener with some node's certificate and key that counts the application bytes it receives. */
async function countingListener(creds: { key: string; cert: string }): Promise<{ url: string; bytes(): number; settled(): Promise<number>; close(): void }> {
  let bytes = 0;
  const connections: Promise<unknown>[] = [];
  const server: Server = createServer({ key: creds.key, cert: creds.cert, minVersion: 'TLSv1.3' }, (s) => {
    s.on('data', (b: Buffer) => (bytes += b.length));
    s.on('error', () => undefined);
  });
  server.on('connection', (raw: Socket) => connections.push(once(raw, 'close')));
  server.on('tlsClientError', () => undefined);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return { url: `https://127.0.0.1:${port}`, bytes: () => bytes, settled: async () => (await Promise.all(connections)).length, close: () => server.close() };
}

describe('HTTPS between nodes, certificates pinned to the peers’ keys', () => {
  let a: TestNode;
  let b: TestNode;
  let c: TestNode;
  /** A requester without a server of its own, that trusts b's key at whatever URL a test gives it. */
  let d: TestNode;
  let dir: string;
  let me: NodeIdentity;
  let stranger: NodeIdentity;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'corvid-https-'));
    me = loadIdentity(join(dir, 'me'), { name: 'me' });
    stranger = loadIdentity(join(dir, 'stranger'), { name: 'stranger' });
    [a, b, c, d] = await Promise.all([makeNode('police-a', { tls: true }), makeNode('police-b', { tls: true }), makeNode('impostor', { tls: true }), makeNode('police-d')]);
    assert.equal((await a.cli(['peer', 'id', '--url', 'http://corvid-a.test:8470'])).code, 0);
    await plant(a.dataDir, 'police-a', people('police-a', [...COMMON, '+31612351001', '+31612351002']));
    await plant(b.dataDir, 'police-b', people('police-b', [...COMMON, '+31612352001']));
    await plant(c.dataDir, 'impostor', people('impostor', COMMON));
    await plant(d.dataDir, 'police-d', people('police-d', COMMON));
    await Promise.all([a.start(), b.start(), c.start()]);
    for (const [from, to] of [[a, b], [b, a]] as const) assert.equal((await from.cli(['peer', 'add', to.name, to.url, to.publicKey])).code, 0);
    assert.equal((await b.cli(['peer', 'add', 'me', 'https://127.0.0.1:9', me.publicKey])).code, 0);
    // c would gladly answer d, but d reaches it under b's name and key.
    assert.equal((await c.cli(['peer', 'add', d.name, 'http://127.0.0.1:9', d.publicKey])).code, 0);
  });
  after(async () => {
    await Promise.all([a, b, c, d].map((n) => n && removeNode(n)));
    await rm(dir, { recursive: true, force: true });
  });

  test('the nodes serve HTTPS only, and `corvid peer id` gives the https URL', async () => {
    assert.match(a.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(((await a.cli(['peer', 'id'])).json as { url: string }).url, 'https://corvid-a.test:8470');
    await assert.rejects(fetch(`${b.url.replace('https:', 'http:')}/api/v1/health`), 'no plain HTTP on a TLS port');
  });

  test('a private set intersection over HTTPS finds exactly the common selectors', async () => {
    const r = await a.cli(['match', b.name, '--type', 'phone', '--batch', '2']);
    assert.equal(r.code, 0, r.stderr);
    const out = r.json as Outcome;
    assert.equal(out.count, COMMON.length);
    assert.deepEqual(out.hits!.map((h) => h.selector).sort(), COMMON);
  });

  test('a node presenting another key at the trusted URL is refused with CORVID_ERR_PEER_TLS_PIN', async () => {
    assert.equal((await d.cli(['peer', 'add', b.name, c.url, b.publicKey])).code, 0);
    const r = await d.cli(['match', b.name, '--type', 'phone']);
    assert.notEqual(r.code, 0);
    assert.equal((r.json as { error: { code: string } }).error.code, 'CORVID_ERR_PEER_TLS_PIN', r.stderr);
  });

  test('nothing is sent to it: a listener with the impostor’s certificate receives no byte of the request', async () => {
    const listener = await countingListener(loadTlsCredentials(c.dataDir, loadIdentity(c.dataDir, { name: 'impostor' })));
    try {
      assert.equal((await d.cli(['peer', 'remove', b.name])).code, 0);
      assert.equal((await d.cli(['peer', 'add', b.name, listener.url, b.publicKey])).code, 0);
      const r = await d.cli(['match', b.name, '--type', 'phone']);
      assert.equal((r.json as { error: { code: string } }).error.code, 'CORVID_ERR_PEER_TLS_PIN', r.stderr);
      assert.ok((await listener.settled()) >= 1, 'the client did connect');
      assert.equal(listener.bytes(), 0);
    } finally {
      listener.close();
    }
  });

  test('inside TLS, unsigned, unknown-key, tampered and replayed requests are still refused; a signed one passes', async () => {
    const path = `${PEER_API}/hello`;
    const signed = (who: NodeIdentity, body: string): Record<string, string> => ({
      'content-type': 'application/json',
      ...signRequest(who.privateKey, { method: 'POST', path, timestamp: Math.floor(Date.now() / 1000), nonce: randomBytes(18).toString('base64url'), node: who.publicKey, recipient: b.publicKey }, body),
    });
    const post = async (headers: Record<string, string>, body: string): Promise<{ status: number; code?: string }> => {
      const res = await pinnedRequest(`${b.url}${path}`, b.publicKey, { method: 'POST', headers, body });
      return { status: res.status, code: (JSON.parse(res.text) as { error?: { code: string } }).error?.code };
    };
    assert.equal((await post({ 'content-type': 'application/json' }, '{}')).code, 'CORVID_ERR_PEER_UNSIGNED');
    assert.equal((await post(signed(stranger, '{}'), '{}')).code, 'CORVID_ERR_PEER_UNKNOWN');
    assert.equal((await post(signed(me, '{}'), '{"more":1}')).code, 'CORVID_ERR_PEER_BAD_SIGNATURE');
    const first = signed(me, '{}');
    assert.equal((await post(first, '{}')).status, 200);
    assert.equal((await post(first, '{}')).code, 'CORVID_ERR_PEER_REPLAY');
    const hello = await peerClient(me, makePeer({ name: 'b', url: b.url, publicKey: b.publicKey }, 'test')).call<{ you: string }>('/hello', {});
    assert.equal(hello.you, 'me');
  });
});
