/**
 * The signed transport against a real node process on loopback: a trusted, well-signed request passes
 * and its answer verifies; unsigned, unknown-key, forged, tampered, stale and replayed requests are each
 * refused with their own code; and the identity's private key is sealed at rest.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadIdentity, type NodeIdentity } from '../node/identity.ts';
import { peerClient, PEER_API } from './client.ts';
import { makePeer, type Peer } from './peers.ts';
import { signRequest } from './signing.ts';
import { makeNode, removeNode, type TestNode } from './nodes.testing.ts';

const code = async (res: Response): Promise<string> => ((await res.json()) as { error: { code: string } }).error.code;

describe('signed requests between nodes', () => {
  let b: TestNode;
  let dir: string;
  let me: NodeIdentity;
  let stranger: NodeIdentity;
  let peerB: Peer;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'corvid-transport-'));
    me = loadIdentity(join(dir, 'me'), { name: 'me' });
    stranger = loadIdentity(join(dir, 'stranger'), { name: 'stranger' });
    b = await makeNode('police-b');
    await b.start();
    assert.equal((await b.cli(['peer', 'add', 'me', 'http://127.0.0.1:9', me.publicKey])).code, 0);
    peerB = makePeer({ name: 'b', url: b.url, publicKey: b.publicKey }, 'test');
  });
  after(async () => {
    await removeNode(b);
    await rm(dir, { recursive: true, force: true });
  });

  const signed = (who: NodeIdentity, body: string, extra: { timestamp?: number; path?: string } = {}): Record<string, string> => ({
    'content-type': 'application/json',
    ...signRequest(who.privateKey, { method: 'POST', path: extra.path ?? `${PEER_API}/hello`, timestamp: extra.timestamp ?? Math.floor(Date.now() / 1000), nonce: randomBytes(18).toString('base64url'), node: who.publicKey, recipient: b.publicKey }, body),
  });
  const post = (headers: Record<string, string>, body: string): Promise<Response> => fetch(`${b.url}${PEER_API}/hello`, { method: 'POST', headers, body });

  test('a trusted peer gets a signed answer that names it', async () => {
    const hello = await peerClient(me, peerB).call<{ you: string; publicKey: string }>('/hello', {});
    assert.deepEqual([hello.you, hello.publicKey], ['me', b.publicKey]);
  });

  test('unsigned, unknown, forged, tampered and stale requests are refused, each with its own code', async () => {
    assert.equal(await code(await post({ 'content-type': 'application/json' }, '{}')), 'CORVID_ERR_PEER_UNSIGNED');
    assert.equal(await code(await post(signed(stranger, '{}'), '{}')), 'CORVID_ERR_PEER_UNKNOWN');
    const forged = { ...signed(stranger, '{}'), 'corvid-node': me.publicKey }; // the stranger claims to be "me"
    assert.equal(await code(await post(forged, '{}')), 'CORVID_ERR_PEER_BAD_SIGNATURE');
    assert.equal(await code(await post(signed(me, '{}'), '{"more":1}')), 'CORVID_ERR_PEER_BAD_SIGNATURE');
    assert.equal(await code(await post(signed(me, '{}', { path: `${PEER_API}/requests` }), '{}')), 'CORVID_ERR_PEER_BAD_SIGNATURE');
    assert.equal(await code(await post(signed(me, '{}', { timestamp: Math.floor(Date.now() / 1000) - 301 }), '{}')), 'CORVID_ERR_PEER_STALE');
    const stale = peerClient(me, peerB, { now: () => Math.floor(Date.now() / 1000) + 3600 });
    await assert.rejects(stale.call('/hello', {}), { code: 'CORVID_ERR_PEER_STALE' });
  });

  test('a replayed request is refused; the first one passed', async () => {
    const headers = signed(me, '{}');
    assert.equal((await post(headers, '{}')).status, 200);
    const again = await post(headers, '{}');
    assert.equal(await code(again), 'CORVID_ERR_PEER_REPLAY');
  });

  test('an answer not signed by the pinned key is refused by the client', async () => {
    const impostor = { ...peerB, publicKey: stranger.publicKey };
    await assert.rejects(peerClient(me, impostor).call('/hello', {}), { code: 'CORVID_ERR_PEER_BAD_RESPONSE' });
  });

  test('the private key is sealed at rest: a 0600 key file without a passphrase, scrypt with one', async () => {
    const file = await readFile(join(dir, 'me', 'node', 'identity.json'), 'utf8');
    assert.ok(!file.includes('PRIVATE KEY'));
    assert.equal((JSON.parse(file) as { sealed: { kdf: { name: string } } }).sealed.kdf.name, 'keyfile');
    assert.equal((await stat(join(dir, 'me', 'node', 'identity.key'))).mode & 0o777, 0o600);
    const locked = loadIdentity(join(dir, 'locked'), { passphrase: 'correct horse' });
    assert.equal(loadIdentity(join(dir, 'locked'), { passphrase: 'correct horse' }).publicKey, locked.publicKey);
    assert.throws(() => loadIdentity(join(dir, 'locked'), { passphrase: 'wrong' }), { code: 'CORVID_ERR_COOPERATE_IDENTITY_LOCKED' });
    assert.throws(() => loadIdentity(join(dir, 'locked')), { code: 'CORVID_ERR_COOPERATE_IDENTITY_LOCKED' });
  });
});
