// RFC 9380 test vectors (Appendix J.4.1, curve25519_XMD:SHA-512_ELL2_RO_; K.3, expand_message_xmd SHA-512) and RFC 7748 §5.2.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expandMessageXmd, hashToCurve, hashToField2 } from './hash-to-curve.ts';
import { multiply } from './group.ts';

const DST = Buffer.from('QUUX-V01-CS02-with-curve25519_XMD:SHA-512_ELL2_RO_');
const bigEndian = (le: Buffer): string => Buffer.from(le).reverse().toString('hex');

describe('hash_to_curve curve25519_XMD:SHA-512_ELL2_RO_', () => {
  test('RFC 9380 J.4.1: P.x for the suite test messages', () => {
    const vectors: Array<[string, string]> = [
      ['', '2de3780abb67e861289f5749d16d3e217ffa722192d16bbd9d1bfb9d112b98c0'],
      ['abc', '2b4419f1f2d48f5872de692b0aca72cc7b0a60915dd70bde432e826b6abc526d'],
      ['abcdef0123456789', '68ca1ea5a6acf4e9956daa101709b1eee6c1bb0df1de3b90d4602382a104c036'],
      ['q128_' + 'q'.repeat(128), '096e9c8bae6c06b554c1ee69383bb0e82267e064236b3a30608d4ed20b73ac5a'],
    ];
    const out = hashToCurve(vectors.map(([m]) => Buffer.from(m)), DST);
    vectors.forEach(([, x], i) => assert.equal(bigEndian(out.subarray(32 * i, 32 * i + 32)), x));
  });

  test('RFC 9380 J.4.1: u[0], u[1] of the empty message', () => {
    const [u0, u1] = hashToField2(Buffer.alloc(0), DST);
    assert.equal(u0.toString(16).padStart(64, '0'), '005fe8a7b8fef0a16c105e6cadf5a6740b3365e18692a9c05bfbb4d97f645a6a');
    assert.equal(u1.toString(16).padStart(64, '0'), '1347edbec6a2b5d8c02e058819819bee177077c9d10a4ce165aab0fd0252261a');
  });

  test('RFC 9380 K.3: expand_message_xmd(SHA-512), msg "" and "abc", 32 bytes', () => {
    const dst = Buffer.from('QUUX-V01-CS02-with-expander-SHA512-256');
    assert.equal(expandMessageXmd(Buffer.from(''), dst, 32).toString('hex'), '6b9a7312411d92f921c6f68ca0b6380730a1a4d982c507211a90964c394179ba');
    assert.equal(expandMessageXmd(Buffer.from('abc'), dst, 32).toString('hex'), '0da749f12fbe5483eb066a5f595055679b976e93abe9be6f0f6318bce7aca8dc');
  });

  test('a DST over 255 bytes is refused', () => {
    assert.throws(() => expandMessageXmd(Buffer.from('x'), Buffer.alloc(256, 1), 32), { code: 'CORVID_ERR_VALIDATION' });
  });
});

describe('X25519 blinding', () => {
  test('RFC 7748 §5.2 first vector', () => {
    const k = Buffer.from('a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4', 'hex');
    const u = Buffer.from('e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c', 'hex');
    assert.equal(multiply(k, u).toString('hex'), 'c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552');
  });
});
