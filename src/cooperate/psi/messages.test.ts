// Binary frames: every message survives encodeFrame → decodeFrame → parseMessage, points travel as raw bytes, bad frames are refused.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { decodeFrame, encodeFrame, parseMessage, type PsiMessage } from './messages.ts';

const session = randomBytes(16).toString('base64url');
const points = randomBytes(32 * 1000);

describe('PSI binary frames', () => {
  test('round trip of messages with and without points; 32 bytes per point on the wire', () => {
    const msgs: PsiMessage[] = [
      { v: 1, session, type: 'psi.hello', selectorType: 'phone', reveal: 'both', nonce: randomBytes(32).toString('base64url'), size: 10, batchSize: 4 },
      { v: 1, session, type: 'psi.blinded', batch: 3, points: points.toString('base64url') },
      { v: 1, session, type: 'psi.page', what: 'responder-set', page: 0, points: '', last: true },
      { v: 1, session, type: 'psi.ack' },
    ];
    for (const m of msgs) assert.deepEqual(parseMessage(decodeFrame(encodeFrame(m))), m);
    const frame = encodeFrame(msgs[1]);
    assert.ok(frame.length < points.length + 200);
    assert.ok(frame.subarray(frame.length - points.length).equals(points));
  });

  test('malformed frames: CORVID_ERR_COOPERATE_BAD_MESSAGE', () => {
    const good = encodeFrame({ v: 1, session, type: 'psi.ack' });
    const header = (h: string, tail = Buffer.alloc(0)) => {
      const len = Buffer.alloc(4);
      len.writeUInt32BE(Buffer.byteLength(h));
      return Buffer.concat([len, Buffer.from(h), tail]);
    };
    for (const f of [Buffer.alloc(2), Buffer.from([0, 0, 0, 200, 1]), header('nope'), header('[1]'), Buffer.concat([good, Buffer.from([1])]), header('{"points":"x"}')]) {
      assert.throws(() => decodeFrame(f), { code: 'CORVID_ERR_COOPERATE_BAD_MESSAGE' });
    }
    // 33 raw bytes are not whole points: parseMessage refuses them
    const ragged = header(JSON.stringify({ v: 1, session, type: 'psi.blinded', batch: 0, points: true }), randomBytes(33));
    assert.throws(() => parseMessage(decodeFrame(ragged)), { code: 'CORVID_ERR_COOPERATE_BAD_MESSAGE' });
  });
});
