// The responder refuses malformed messages and points, out-of-order batches and other sessions, each with its code.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createResponder, respond } from './responder.ts';

const session = randomBytes(16).toString('base64url');
const hello = { v: 1, type: 'psi.hello', session, selectorType: 'phone', reveal: 'requester', nonce: randomBytes(32).toString('base64url'), size: 2, batchSize: 2 };
const opened = async () => {
  const r = createResponder({ selectorType: 'phone', selectors: ['+31612345678'] });
  await respond(r, hello);
  return r;
};
const pts = (bufs: Buffer[]) => Buffer.concat(bufs).toString('base64url');
const u = (first: number, rest = 0) => {
  const b = Buffer.alloc(32, rest);
  b[0] = first;
  return b;
};

describe('PSI responder input checks', () => {
  test('malformed messages: CORVID_ERR_COOPERATE_BAD_MESSAGE', async () => {
    const r = createResponder({ selectorType: 'phone', selectors: [] });
    for (const m of [null, [], 'x', { ...hello, type: 'psi.nope' }, { ...hello, session: 'short' }, { ...hello, nonce: '***' }, { ...hello, size: -1 }, { ...hello, reveal: 'all' }, { ...hello, selectorType: 'ssn' }]) {
      await assert.rejects(respond(r, m), { code: 'CORVID_ERR_COOPERATE_BAD_MESSAGE' });
    }
    await assert.rejects(respond(r, { ...hello, v: 2 }), { code: 'CORVID_ERR_COOPERATE_UNSUPPORTED' });
  });

  test('points that are not 32-byte multiples are refused before any arithmetic', async () => {
    const r = await opened();
    await assert.rejects(respond(r, { v: 1, type: 'psi.blinded', session, batch: 0, points: randomBytes(33).toString('base64url') }), { code: 'CORVID_ERR_COOPERATE_BAD_MESSAGE' });
  });

  test('small-order and non-canonical points: CORVID_ERR_COOPERATE_BAD_POINT', async () => {
    const good = u(9);
    // u = 0 and u = 1 have order 4 and 1 (RFC 7748 §7); 2²⁵⁵ − 19 + 9 is 9 written non-canonically; a top bit set is non-canonical.
    const nonCanonical = Buffer.from(good);
    nonCanonical[0] = 0xf6; // p + 9 = 2²⁵⁵ − 10 = 0x7fff…fff6, little-endian
    nonCanonical.fill(0xff, 1, 31);
    nonCanonical[31] = 0x7f;
    const topBit = Buffer.from(good);
    topBit[31] = 0x80;
    for (const bad of [u(0), u(1), nonCanonical, topBit]) {
      const r = await opened();
      await assert.rejects(respond(r, { v: 1, type: 'psi.blinded', session, batch: 0, points: pts([good, bad]) }), { code: 'CORVID_ERR_COOPERATE_BAD_POINT' });
    }
  });

  test('wrong counts, repeated batches and unknown sessions: their codes', async () => {
    const r = await opened();
    await assert.rejects(respond(r, { v: 1, type: 'psi.blinded', session, batch: 0, points: pts([u(9)]) }), { code: 'CORVID_ERR_COOPERATE_BAD_MESSAGE' });
    await respond(r, { v: 1, type: 'psi.blinded', session, batch: 0, points: pts([u(9), u(10)]) });
    await assert.rejects(respond(r, { v: 1, type: 'psi.blinded', session, batch: 0, points: pts([u(9), u(10)]) }), { code: 'CORVID_ERR_COOPERATE_SESSION' });
    await assert.rejects(respond(r, { v: 1, type: 'psi.done', session: randomBytes(16).toString('base64url') }), { code: 'CORVID_ERR_COOPERATE_SESSION' });
    await assert.rejects(respond(r, { v: 1, type: 'psi.fetch', session, what: 'shuffled', page: 0 }), { code: 'CORVID_ERR_COOPERATE_SESSION' });
    await assert.rejects(respond(r, hello), { code: 'CORVID_ERR_COOPERATE_SESSION' });
  });

  test('a request for another selector type is a refusal reply, not an error', async () => {
    const r = createResponder({ selectorType: 'iban', selectors: [] });
    const reply = await respond(r, hello);
    assert.equal(reply.type, 'psi.refuse');
  });
});
