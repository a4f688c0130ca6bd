/**
 * Real nodes under stress: a peer killed mid-exchange (SIGKILL, between two batches) gives a clear error,
 * no partial result, a failed job and audit record, and a retry works once it is back; and three nodes,
 * where each pair finds its own intersection and a node that is not trusted is refused.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { makeStatement } from '../../store/conformance/fixture.ts';
import { makeNode, plant, recordingProxy, removeNode, type TestNode } from './nodes.testing.ts';

const phones = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `+316${prefix}${String(i).padStart(4, '0')}`);
const people = (ds: string, list: readonly string[]) => list.flatMap((p, i) => [makeStatement(`${ds}.p${i}`, 'Person', 'name', `Person ${i}`), makeStatement(`${ds}.p${i}`, 'Person', 'phone', p)]);

interface Outcome {
  count: number;
  hits: { selector: string }[] | null;
}

describe('a peer dying mid-exchange, and three nodes', () => {
  let a: TestNode;
  let b: TestNode;
  let c: TestNode;
  const shared = phones('1111', 3);

  before(async () => {
    [a, b, c] = await Promise.all([makeNode('a'), makeNode('b'), makeNode('c')]);
    await plant(a.dataDir, 'a', people('a', [...shared, ...phones('2222', 40), '+31633330001']));
    await plant(b.dataDir, 'b', people('b', [...shared, ...phones('4444', 10)]));
    await plant(c.dataDir, 'c', people('c', ['+31633330001', shared[0]!, ...phones('5555', 5)]));
    await Promise.all([a.start(), b.start(), c.start()]);
  });
  after(async () => Promise.all([a, b, c].map((n) => n && removeNode(n))));

  test('killed between batches: a clear error, nothing disclosed or kept; the retry after a restart finds the hits', async () => {
    let kills = 0;
    let blinded = 0;
    // The proxy kills b when the third blinded batch is on its way, before forwarding it.
    const proxy = await recordingProxy(
      () => b.url,
      async (_path, body) => {
        if (body.includes('"psi.blinded"') && ++blinded === 3 && kills++ === 0) await b.kill();
      },
    );
    const server = proxy;
    try {
      assert.equal((await a.cli(['peer', 'add', 'b', server.url, b.publicKey])).code, 0);
      assert.equal((await b.cli(['peer', 'add', 'a', a.url, a.publicKey])).code, 0);
      const r = await a.cli(['match', 'b', '--type', 'phone', '--batch', '4']);
      assert.equal(kills, 1);
      assert.notEqual(r.code, 0);
      const err = (r.json as { error: { code: string } }).error;
      assert.equal(err.code, 'CORVID_ERR_PEER_UNREACHABLE');
      assert.ok(!r.stdout.includes('"hits"'), 'no partial hits');
      const jobs = (await a.cli(['jobs', 'list'])).stdout;
      assert.match(jobs, /failed/);
      const fails = (await a.cli(['audit', 'list', '--action', 'peer.exchange.fail'])).json as { records: { detail: { error: string } }[] };
      assert.deepEqual(fails.records.map((x) => x.detail.error), ['CORVID_ERR_PEER_UNREACHABLE']);
      assert.ok(!proxy.messages.some((m) => m.path.endsWith('/report')), 'no result was reported');
      assert.equal(proxy.messages.filter((m) => m.request.includes('"psi.blinded"')).length, 2, 'the third batch never reached b');

      await b.start();
      const retry = await a.cli(['match', 'b', '--type', 'phone', '--batch', '4']);
      assert.equal(retry.code, 0, retry.stderr);
      assert.deepEqual((retry.json as Outcome).hits!.map((h) => h.selector), shared);
    } finally {
      await server.close();
    }
  });

  test('three nodes: each pair finds exactly its own intersection; a node not trusted is refused', async () => {
    assert.equal((await a.cli(['peer', 'add', 'c', c.url, c.publicKey])).code, 0);
    assert.equal((await c.cli(['peer', 'add', 'a', a.url, a.publicKey])).code, 0);
    assert.equal((await c.cli(['peer', 'add', 'b', b.url, b.publicKey])).code, 0); // c trusts b, but b does not trust c
    const ac = (await a.cli(['match', 'c', '--type', 'phone'])).json as Outcome;
    assert.deepEqual(ac.hits!.map((h) => h.selector), [shared[0], '+31633330001']);
    const ca = (await c.cli(['match', 'a', '--type', 'phone', '--cardinality'])).json as Outcome;
    assert.equal(ca.count, 2);
    const cb = await c.cli(['match', 'b', '--type', 'phone']);
    assert.equal((cb.json as { error: { code: string } }).error.code, 'CORVID_ERR_PEER_UNKNOWN');
  });
});
