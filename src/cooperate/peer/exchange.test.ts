/**
 * Two real Corvid nodes on loopback (child processes, own SQLite stores): the exchange finds exactly the
 * planted intersection, the recorded messages carry no selector in any readable form, both audit logs
 * hold the exchange under one id, and a follow-up discloses only what the peer may receive.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { makeStatement } from '../../store/conformance/fixture.ts';
import { openStore } from '../../store/open.ts';
import { systemContext } from '../../model/context.ts';
import { makeNode, plant, recordingProxy, removeNode, type TestNode } from './nodes.testing.ts';

const COMMON = ['+31612340001', '+31612340002'];
const A_ONLY = ['+31612341001', '+31612341002', '+31612341003'];
const B_ONLY = ['+31612342001', '+31612342002', '+31612342003', '+31612342004'];

const holder = (id: string, name: string, phone: string, extra = {}) => [makeStatement(id, 'Person', 'name', name, extra), makeStatement(id, 'Person', 'phone', phone, extra)];

interface Outcome {
  exchange: string;
  count: number;
  selectors: number;
  peerSelectors: number;
  hits: { selector: string; entities: { id: string }[] }[] | null;
}

describe('two nodes: private set intersection, audit and follow-ups over signed HTTP', () => {
  let a: TestNode;
  let b: TestNode;
  let proxy: Awaited<ReturnType<typeof recordingProxy>>;
  let out: Outcome;

  before(async () => {
    [a, b] = await Promise.all([makeNode('police-a'), makeNode('police-b')]);
    await plant(a.dataDir, 'police-a', [...COMMON, ...A_ONLY].flatMap((p, i) => holder(`police-a.p${i}`, `A Person ${i}`, p)));
    await plant(b.dataDir, 'police-b', [
      ...[...COMMON, ...B_ONLY].flatMap((p, i) => holder(`police-b.q${i}`, `B Person ${i}`, p)),
      // More about the first common holder: one value A may receive, one H2, one RED, one in a compartment.
      makeStatement('police-b.q0', 'Person', 'birthDate', '1980-02-03'),
      makeStatement('police-b.q0', 'Person', 'nationality', 'it', { handling: 'H2' }),
      makeStatement('police-b.q0', 'Person', 'notes', 'informant report', { tlp: 'RED' }),
      makeStatement('police-b.q0', 'Person', 'alias', 'Il Secreto', { compartment: 'op-secret' }),
    ]);
    await Promise.all([a.start(), b.start()]);
    proxy = await recordingProxy(() => b.url);
    assert.equal((await a.cli(['peer', 'add', 'b', proxy.url, b.publicKey, '--tlp', 'AMBER'])).code, 0);
    assert.equal((await b.cli(['peer', 'add', 'a', a.url, a.publicKey, '--tlp', 'AMBER'])).code, 0);
    const r = await a.cli(['match', 'b', '--type', 'phone', '--batch', '2']);
    assert.equal(r.code, 0, r.stderr);
    out = r.json as Outcome;
  });
  after(async () => {
    await proxy?.close();
    await Promise.all([a && removeNode(a), b && removeNode(b)]);
  });

  test('finds exactly the planted intersection, with the local holders of each selector', () => {
    assert.equal(out.count, 2);
    assert.equal(out.selectors, 5);
    assert.equal(out.peerSelectors, 6);
    assert.deepEqual(out.hits!.map((h) => h.selector).sort(), COMMON);
    assert.deepEqual(out.hits!.map((h) => h.entities.map((e) => e.id)).sort(), [['police-a.p0'], ['police-a.p1']]);
  });

  test('no message carries a selector, its digits or its plain hash; the peer learns only the set size', () => {
    const wire = proxy.messages.map((m) => `${m.request}\n${m.response}`).join('\n');
    for (const p of [...COMMON, ...A_ONLY, ...B_ONLY]) {
      assert.ok(!wire.includes(p.slice(1)), `digits of ${p} on the wire`);
      for (const algo of ['sha256', 'sha1', 'md5']) {
        const hex = createHash(algo).update(p).digest('hex');
        assert.ok(!wire.includes(hex) && !wire.includes(Buffer.from(hex, 'hex').toString('base64')), `${algo} of ${p} on the wire`);
      }
    }
    const sent = proxy.messages.filter((m) => m.path.endsWith('/messages')).map((m) => ({ req: JSON.parse(m.request) as { requestedBy: string; msg: Record<string, unknown> }, res: JSON.parse(m.response) as Record<string, unknown> }));
    const hello = sent[0]!.req;
    assert.deepEqual(Object.keys(hello).sort(), ['msg', 'requestedBy']);
    assert.equal(hello.msg.type, 'psi.hello');
    assert.equal(hello.msg.size, 5, 'the peer learns the size of the set');
    // A's batches: 5 points in batches of 2; B's own set: 6 points in pages of 2; 32 bytes a point.
    const n = (b64: unknown): number => Buffer.from(String(b64), 'base64url').length / 32;
    assert.deepEqual(sent.filter((m) => m.req.msg.type === 'psi.blinded').map((m) => n(m.req.msg.points)), [2, 2, 1]);
    assert.deepEqual(sent.filter((m) => m.res.type === 'psi.page').map((m) => n(m.res.points)), [2, 2, 2]);
    const report = JSON.parse(proxy.messages.find((m) => m.path.endsWith('/report'))!.request) as Record<string, unknown>;
    assert.deepEqual(report, { hits: 2 });
  });

  test('both audit logs hold the exchange under the same id', async () => {
    const mine = (await a.cli(['audit', '--exchange', out.exchange])).json as { records: { action: string; detail: Record<string, unknown> }[] };
    const theirs = (await b.cli(['audit', '--exchange', out.exchange])).json as { records: { action: string; actor: string; detail: Record<string, unknown> }[] };
    assert.deepEqual(mine.records.map((r) => r.action), ['peer.exchange.start', 'peer.exchange.finish']);
    assert.deepEqual(theirs.records.map((r) => r.action), ['peer.exchange.start', 'peer.exchange.finish']);
    assert.equal(mine.records[1]!.detail.hits, 2);
    assert.equal(theirs.records[1]!.detail.peerSelectors, 5);
    assert.equal(theirs.records[1]!.detail.reportedHits, 2);
    assert.equal(theirs.records[0]!.actor, 'peer:a');
    assert.equal((await b.cli(['audit', 'verify'])).code, 0);
  });

  test('cardinality mode answers only how many', async () => {
    const r = await a.cli(['match', 'b', '--type', 'phone', '--cardinality']);
    assert.equal(r.code, 0, r.stderr);
    const c = r.json as Outcome;
    assert.equal(c.count, 2);
    assert.equal(c.hits, null);
  });

  test('an accepted follow-up sends only what A may receive and A imports it as received from peer b', async () => {
    const ask = await a.cli(['peer', 'ask', 'b', '--exchange', out.exchange, '--type', 'phone', '--selector', '+31 6 1234 0001', '--case', 'op-falco', '--basis', 'Art. 39 CISA']);
    assert.equal(ask.code, 0, ask.stderr);
    const id = (ask.json as { id: string }).id;
    const pending = (await b.cli(['peer', 'requests', '--pending'])).json as { requests: { id: string; selector: string; legalBasis: string; case: string }[] };
    assert.deepEqual(pending.requests.map((r) => [r.id, r.selector, r.case, r.legalBasis]), [[id, '+31612340001', 'op-falco', 'Art. 39 CISA']]);
    const acc = await b.cli(['peer', 'accept', id]);
    assert.equal(acc.code, 0, acc.stderr);
    assert.equal((acc.json as { status: string }).status, 'delivered');
    const again = await b.cli(['peer', 'accept', id]);
    assert.equal((again.json as { error: { code: string } }).error.code, 'CORVID_ERR_PEER_REQUEST_STATE', 'a delivered request is not sent twice');

    const store = await openStore({ data: a.dataDir });
    try {
      const got = await store.listStatements(systemContext(), { datasets: ['peer-b'] });
      const props = [...new Set(got.filter((s) => s.prop !== 'id').map((s) => s.prop))].sort();
      assert.deepEqual(props, ['birthDate', 'name', 'phone']);
      assert.ok(got.every((s) => s.source === 'received from peer b' && s.compartment === 'op-falco' && s.importer === 'peer:b'));
    } finally {
      await store.close();
    }
    const trail = ((await a.cli(['audit', '--exchange', out.exchange])).json as { records: { action: string }[] }).records.map((r) => r.action);
    assert.ok(trail.includes('peer.request.sent') && trail.includes('peer.disclosure.received'), trail.join());
    const btrail = ((await b.cli(['audit', '--exchange', out.exchange])).json as { records: { action: string; detail: { disclosed?: { withheldH2?: number } } }[] }).records;
    const sent = btrail.find((r) => r.action === 'peer.disclosure.sent')!;
    assert.equal(sent.detail.disclosed?.withheldH2, 1);
    assert.equal(((await a.cli(['peer', 'requests'])).json as { requests: { status: string }[] }).requests[0]!.status, 'received');
  });

  test('a declined follow-up is recorded on both sides with the reason', async () => {
    const ask = await a.cli(['peer', 'ask', 'b', '--exchange', out.exchange, '--type', 'phone', '--selector', '+31612340002', '--case', 'op-falco', '--basis', 'Art. 39 CISA']);
    const id = (ask.json as { id: string }).id;
    const dec = await b.cli(['peer', 'decline', id, '--reason', 'ongoing covert operation']);
    assert.equal(dec.code, 0, dec.stderr);
    assert.equal((dec.json as { notified: boolean }).notified, true);
    const mine = ((await a.cli(['peer', 'requests'])).json as { requests: { id: string; status: string; reason?: string }[] }).requests.find((r) => r.id === id)!;
    assert.deepEqual([mine.status, mine.reason], ['declined', 'ongoing covert operation']);
    const twice = await b.cli(['peer', 'accept', id]);
    assert.equal((twice.json as { error: { code: string } }).error.code, 'CORVID_ERR_PEER_REQUEST_STATE');
  });
});
