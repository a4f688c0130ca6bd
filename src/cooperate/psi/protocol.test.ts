// The PSI session end to end in memory: exact intersections, what each message carries, unlinkability, refusals.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createResponder, respond, type ResponderOptions } from './responder.ts';
import { runRequester, type RequesterOptions } from './requester.ts';
import { workerEngine } from './engine.ts';
import { hashToCurve } from './hash-to-curve.ts';
import { hashToGroup, hashToRistretto, ristrettoReady } from './ristretto.ts';
import { sessionDst } from './session.ts';
import type { PsiMessage, Reveal } from './messages.ts';
import { mulberry32 as rng } from '../../model/random.ts';

/** Random Dutch mobile numbers in E.164, from a seeded PRNG; `prefix` keeps the two sets apart. */
function phones(n: number, seed: number, prefix: string): string[] {
  const next = rng(seed);
  return Array.from({ length: n }, () => `+316${prefix}${String(Math.floor(next() * 1e7)).padStart(7, '0')}`);
}

interface Wire {
  sent: PsiMessage[];
  replies: PsiMessage[];
}

async function exchange(req: Omit<RequesterOptions, 'selectorType'>, res: Omit<ResponderOptions, 'selectorType'>) {
  const responder = createResponder({ selectorType: 'phone', ...res });
  const wire: Wire = { sent: [], replies: [] };
  const result = await runRequester({ selectorType: 'phone', ...req }, async (m) => {
    wire.sent.push(JSON.parse(JSON.stringify(m)));
    const reply = await respond(responder, JSON.parse(JSON.stringify(m)));
    wire.replies.push(reply);
    return reply;
  });
  return { result, responder, wire };
}

const planted = ['+31612345678', '+31687654321', '+31611112222'];
const A = [...phones(300, 1, '1'), ...planted];
const B = [...phones(400, 2, '2'), ...planted];

describe('ECDH-PSI', () => {
  for (const reveal of ['requester', 'both'] as Reveal[]) {
    test(`reveal ${reveal}: the requester finds exactly the planted selectors`, async () => {
      const { result, responder } = await exchange({ selectors: A, reveal, batchSize: 64 }, { selectors: B });
      assert.deepEqual([...(result.intersection ?? [])].sort(), [...planted].sort());
      assert.equal(result.cardinality, 3);
      assert.equal(result.responderSize, 403);
      if (reveal === 'both') assert.deepEqual([...(responder.result?.intersection ?? [])].sort(), [...planted].sort());
      else assert.equal(responder.result?.intersection, undefined);
    });
  }

  test('reveal responder: only the responder learns the intersection', async () => {
    const { result, responder, wire } = await exchange({ selectors: A, reveal: 'responder', batchSize: 100 }, { selectors: B });
    assert.equal(result.intersection, undefined);
    assert.deepEqual([...(responder.result?.intersection ?? [])].sort(), [...planted].sort());
    for (const r of wire.replies) if (r.type === 'psi.reblinded') assert.equal(r.points, '');
  });

  test('cardinality: the count only; reblinded batches withheld, the shuffled set in a new order', async () => {
    const { result, responder, wire } = await exchange({ selectors: A, reveal: 'cardinality', batchSize: 50 }, { selectors: B });
    assert.equal(result.cardinality, 3);
    assert.equal(result.intersection, undefined);
    for (const r of wire.replies) if (r.type === 'psi.reblinded') assert.equal(r.points, '');
    const shuffled = Buffer.concat(wire.replies.filter((r) => r.type === 'psi.page' && r.what === 'shuffled').map((r) => Buffer.from((r as { points: string }).points, 'base64url')));
    const inOrder = Buffer.concat(responder.reblinded);
    assert.equal(shuffled.length, inOrder.length);
    assert.notDeepEqual(shuffled, inOrder); // 303! orders; equal only with probability 1/303!
    const keys = (b: Buffer) => Array.from({ length: b.length / 32 }, (_, i) => b.toString('hex', 32 * i, 32 * i + 32)).sort();
    assert.deepEqual(keys(shuffled), keys(inOrder));
  });

  test('no message carries a selector, its plain hash or its unblinded curve point', async () => {
    const { wire } = await exchange({ selectors: A, reveal: 'both', batchSize: 128 }, { selectors: B });
    const text = JSON.stringify([...wire.sent, ...wire.replies]);
    const hello = wire.sent[0] as Extract<PsiMessage, { type: 'psi.hello' }>;
    const accept = wire.replies[0] as Extract<PsiMessage, { type: 'psi.accept' }>;
    const dst = sessionDst('phone', hello.session, hello.nonce, accept.nonce);
    const packedAll = wire.sent.concat(wire.replies).map((m) => ('points' in m ? Buffer.from(m.points, 'base64url').toString('hex') : '')).join('');
    for (const s of planted) {
      assert.ok(!text.includes(s) && !text.includes(s.slice(1)), 'plaintext selector');
      for (const alg of ['sha256', 'sha512', 'sha1']) {
        const h = createHash(alg).update(s).digest();
        assert.ok(!text.includes(h.toString('base64url')) && !text.includes(h.toString('hex')) && !packedAll.includes(h.toString('hex').slice(0, 32)));
      }
      await ristrettoReady();
      for (const point of [hashToGroup([Buffer.from(s)], dst), hashToRistretto([Buffer.from(s)], dst), hashToCurve([Buffer.from(s)], dst)]) {
        assert.ok(!packedAll.includes(point.toString('hex')), 'H(x) travels only blinded');
      }
    }
  });

  test('two sessions give unlinkable values: the same selector is different bytes each time', async () => {
    const one = await exchange({ selectors: planted, reveal: 'requester' }, { selectors: planted });
    const two = await exchange({ selectors: planted, reveal: 'requester' }, { selectors: planted });
    const pointsOf = (w: Wire) => new Set(w.sent.concat(w.replies).flatMap((m) => ('points' in m && m.points ? chunks(m.points) : [])));
    const a = pointsOf(one.wire);
    for (const p of pointsOf(two.wire)) assert.ok(!a.has(p));
    assert.equal(one.result.cardinality, 3);
    assert.equal(two.result.cardinality, 3);
  });

  test('the worker engine gives the same intersection', async () => {
    const engine = workerEngine(2, 16);
    try {
      const { result } = await exchange({ selectors: A, reveal: 'requester', engine, batchSize: 128 }, { selectors: B, engine });
      assert.deepEqual([...(result.intersection ?? [])].sort(), [...planted].sort());
    } finally {
      await engine.close();
    }
  });

  test('progress is reported and an aborted exchange stops with CORVID_ERR_ABORTED', async () => {
    const ctl = new AbortController();
    const seen: string[] = [];
    await assert.rejects(
      exchange({ selectors: A, reveal: 'requester', batchSize: 32, signal: ctl.signal, onProgress: (p) => (seen.push(p.phase), p.done >= 64 && ctl.abort()) }, { selectors: B }),
      { code: 'CORVID_ERR_ABORTED' },
    );
    assert.deepEqual(seen, ['blind', 'blind']);
  });

  test('a policy refusal reaches the requester as CORVID_ERR_COOPERATE_REFUSED', async () => {
    await assert.rejects(exchange({ selectors: A, reveal: 'requester' }, { selectors: B, allowReveal: ['cardinality'] }), (e: { code: string; details: { code: string } }) => e.code === 'CORVID_ERR_COOPERATE_REFUSED' && e.details.code === 'CORVID_ERR_COOPERATE_REFUSED');
  });
});

function chunks(b64: string): string[] {
  const b = Buffer.from(b64, 'base64url');
  return Array.from({ length: b.length / 32 }, (_, i) => b.toString('hex', 32 * i, 32 * i + 32));
}
