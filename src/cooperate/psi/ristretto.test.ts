// hash_to_ristretto255 against RFC 9496 A.3 (element derivation) and RFC 9497 A.1.1 (OPRF HashToGroup, via the
// blinded element), @noble/curves as an independent implementation, and the u = s² bridge to X25519.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { ristretto255, ristretto255_hasher } from '@noble/curves/ed25519.js';
import { expandMessageXmd } from './hash-to-curve.ts';
import { multiply } from './group.ts';
import { deriveElements, hashToGroup, hashToRistretto, nativeSodium, packMessages, ristrettoReady, squareModP } from './ristretto.ts';

const P = 2n ** 255n - 19n;
const le = (b: Uint8Array): bigint => BigInt('0x' + (Buffer.from(b).reverse().toString('hex') || '0'));
const leBytes = (x: bigint): Buffer => Buffer.from(x.toString(16).padStart(64, '0'), 'hex').reverse();
const pow = (b: bigint, e: bigint): bigint => {
  let r = 1n;
  for (let x = b % P; e > 0n; e >>= 1n, x = (x * x) % P) if (e & 1n) r = (r * x) % P;
  return r;
};

before(() => ristrettoReady());

describe('hash_to_ristretto255 (RFC 9380 Appendix B)', () => {
  test('RFC 9496 A.3: element derivation from 64 uniform bytes (libsodium crypto_core_ristretto255_from_hash)', () => {
    const vectors: Array<[string, string]> = [
      ['5d1be09e3d0c82fc538112490e35701979d99e06ca3e2b5b54bffe8b4dc772c14d98b696a1bbfb5ca32c436cc61c16563790306c79eaca7705668b47dffe5bb6', '3066f82a1a747d45120d1740f14358531a8f04bbffe6a819f86dfe50f44a0a46'],
      ['f116b34b8f17ceb56e8732a60d913dd10cce47a6d53bee9204be8b44f6678b270102a56902e2488c46120e9276cfe54638286b9e4b3cdb470b542d46c2068d38', 'f26e5b6f7d362d2d2a94c5d0e7602cb4773c95a2e5c31a64f133189fa76ed61b'],
    ];
    for (const [input, output] of vectors) {
      assert.equal(deriveElements(Buffer.from(input, 'hex')).toString('hex'), output);
    }
  });

  test('RFC 9497 A.1.1: HashToGroup of the OPRF(ristretto255, SHA-512) inputs, times the vectors\' blind', () => {
    const dst = Buffer.from('HashToGroup-OPRFV1-\x00-ristretto255-SHA512');
    const blind = le(Buffer.from('64d37aed22a27f5191de1c1d69fadb899d8862b58eb4220029e036ec4c1f6706', 'hex'));
    const vectors: Array<[string, string]> = [
      ['00', '609a0ae68c15a3cf6903766461307e5c8bb2f95e7e6550e1ffa2dc99e412803c'],
      ['5a'.repeat(17), 'da27ef466870f5f15296299850aa088629945a17d1f5b7f5ff043f76b3c06418'],
    ];
    const hashed = hashToRistretto(vectors.map(([m]) => Buffer.from(m, 'hex')), dst);
    vectors.forEach(([, blinded], i) => {
      const point = ristretto255.Point.fromBytes(hashed.subarray(32 * i, 32 * i + 32));
      assert.equal(Buffer.from(point.multiply(blind).toBytes()).toString('hex'), blinded);
    });
  });

  test('the same bytes as @noble/curves hash_to_ristretto255 and the generic expand_message_xmd, many messages and chunks', () => {
    const dst = Buffer.from('CORVID-PSI-V1:test:ristretto255_XMD:SHA-512_R255MAP_RO_');
    const msgs = Array.from({ length: 4100 }, (_, i) => (i % 7 === 0 ? Buffer.alloc(0) : randomBytes(1 + (i % 300))));
    const ours = hashToRistretto(msgs, dst);
    for (const i of [0, 1, 2, 4095, 4096, 4099]) {
      assert.equal(Buffer.from(ristretto255_hasher.hashToCurve(msgs[i], { DST: dst }).toBytes()).toString('hex'), ours.toString('hex', 32 * i, 32 * i + 32));
      assert.equal(deriveElements(expandMessageXmd(msgs[i], dst, 64)).toString('hex'), ours.toString('hex', 32 * i, 32 * i + 32));
    }
    assert.deepEqual(hashToRistretto(packMessages(msgs), dst), ours); // the worker engine's packed form
  });
});

describe('from ristretto255 to X25519', () => {
  test('hashToGroup is s² mod p, the Montgomery u of the decoded point plus the 2-torsion point (0, 0)', () => {
    const dst = Buffer.from('CORVID-PSI-V1:test:ristretto255_XMD:SHA-512_R255MAP_RO_');
    const msgs = ['+31612345678', 'abc', ''].map((m) => Buffer.from(m));
    const enc = hashToRistretto(msgs, dst);
    const u = hashToGroup(msgs, dst);
    msgs.forEach((_, i) => {
      const s = le(enc.subarray(32 * i, 32 * i + 32));
      assert.equal(le(u.subarray(32 * i, 32 * i + 32)), (s * s) % P);
      const { y } = ristretto255.Point.fromBytes(enc.subarray(32 * i, 32 * i + 32)).toAffine();
      const uDecoded = ((1n + y) * pow((1n - y + P) % P, P - 2n)) % P; // birational map, RFC 7748 §4.1
      assert.equal((uDecoded * ((s * s) % P)) % P, 1n); // u(P + T₂) = 1 / u(P)
    });
  });

  test('squareModP agrees with BigInt on random and edge inputs', () => {
    const edges = [0n, 1n, 2n, P - 1n, P - 2n, 2n ** 255n - 1n, 2n ** 128n, (P - 1n) / 2n, 2n ** 254n + 12345n];
    const inputs = [...edges, ...Array.from({ length: 2000 }, () => le(randomBytes(32)) % 2n ** 255n)];
    const out = Buffer.alloc(32);
    for (const x of inputs) {
      squareModP(leBytes(x), 0, out, 0);
      assert.equal(le(out), (x * x) % P, `x = ${x}`);
    }
  });

  test('X25519 gives one value for every point of the coset, and the blindings commute', () => {
    const dst = Buffer.from('CORVID-PSI-V1:test:ristretto255_XMD:SHA-512_R255MAP_RO_');
    const u = hashToGroup([Buffer.from('+31612345678')], dst);
    const a = randomBytes(32);
    const b = randomBytes(32);
    const inverse = leBytes(pow(le(u), P - 2n)); // the decoded representative itself, u = 1/s²
    assert.deepEqual(multiply(a, inverse), multiply(a, u));
    assert.deepEqual(multiply(b, multiply(a, u)), multiply(a, multiply(b, u)));
    const out = Buffer.alloc(32);
    assert.throws(() => nativeSodium.crypto_scalarmult(out, a, Buffer.alloc(32))); // u = 0: the identity's image
  });
});
