/**
 * Cancelling a running exchange between real nodes: `corvid jobs cancel match-<exchange>` from another
 * process while the match runs stops it before its next batch, with CORVID_ERR_JOB_CANCELLED, no hits,
 * no report to the peer (whose session is dropped), a cancelled job and a cancel audit record; a new
 * match afterwards works. The cancel is issued from the proxy when the second batch passes, so the
 * point where it lands is exact, not a matter of timing.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { makeStatement } from '../../store/conformance/fixture.ts';
import { makeNode, plant, recordingProxy, removeNode, type TestNode } from './nodes.testing.ts';

const phones = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `+316${prefix}${String(i).padStart(4, '0')}`);
const people = (ds: string, list: readonly string[]) => list.flatMap((p, i) => [makeStatement(`${ds}.p${i}`, 'Person', 'name', `Person ${i}`), makeStatement(`${ds}.p${i}`, 'Person', 'phone', p)]);

describe('cancelling a running exchange', () => {
  let a: TestNode;
  let b: TestNode;
  const shared = phones('1111', 3);

  before(async () => {
    [a, b] = await Promise.all([makeNode('a'), makeNode('b')]);
    await plant(a.dataDir, 'a', people('a', [...shared, ...phones('2222', 21)]));
    await plant(b.dataDir, 'b', people('b', [...shared, ...phones('4444', 10)]));
    await Promise.all([a.start(), b.start()]);
  });
  after(async () => Promise.all([a, b].map((n) => n && removeNode(n))));

  test('jobs cancel stops the match between batches: a clear code, nothing disclosed or kept; a new match works', async () => {
    let blinded = 0;
    const cancels: { code: number; stderr: string }[] = [];
    const proxy = await recordingProxy(
      () => b.url,
      async (path, body) => {
        if (!body.includes('"psi.blinded"') || ++blinded !== 2) return;
        const exchange = /\/exchanges\/([^/]+)\/messages/.exec(path)![1]!;
        cancels.push(await a.cli(['jobs', 'cancel', `match-${exchange}`]));
      },
    );
    try {
      assert.equal((await a.cli(['peer', 'add', 'b', proxy.url, b.publicKey])).code, 0);
      assert.equal((await b.cli(['peer', 'add', 'a', a.url, a.publicKey])).code, 0);
      // 24 phones in batches of 4: six blinded batches; the cancel lands while the second is on its way.
      const r = await a.cli(['match', 'b', '--type', 'phone', '--batch', '4']);
      assert.deepEqual(cancels.map((c) => c.code), [0], cancels[0]?.stderr);
      assert.notEqual(r.code, 0);
      assert.equal((r.json as { error: { code: string } }).error.code, 'CORVID_ERR_JOB_CANCELLED');
      assert.ok(!r.stdout.includes('"hits"'), 'no hits printed');
      const sent = proxy.messages.map((m) => m.request);
      assert.equal(sent.filter((m) => m.includes('"psi.blinded"')).length, 2, 'no batch after the cancel');
      assert.ok(!proxy.messages.some((m) => m.path.endsWith('/report')), 'no result was reported to the peer');
      assert.ok(proxy.messages.some((m) => m.path.endsWith('/cancel')), 'the peer was told to drop its session');
      const jobs = (await a.cli(['jobs', 'list', '--state', 'cancelled'])).json as { jobs: { id: string; kind: string }[] };
      assert.deepEqual(jobs.jobs.map((j) => j.kind), ['match']);
      const audit = (await a.cli(['audit', 'list', '--action', 'peer.exchange.cancel'])).json as { records: { detail: { error: string } }[] };
      assert.deepEqual(audit.records.map((x) => x.detail.error), ['CORVID_ERR_JOB_CANCELLED']);
      assert.deepEqual(((await a.cli(['audit', 'list', '--action', 'peer.exchange.finish'])).json as { records: unknown[] }).records, []);

      const again = await a.cli(['match', 'b', '--type', 'phone', '--batch', '4']);
      assert.equal(again.code, 0, again.stderr);
      assert.deepEqual((again.json as { hits: { selector: string }[] }).hits.map((h) => h.selector), shared);
    } finally {
      await proxy.close();
    }
  });
});
