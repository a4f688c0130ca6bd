// RFC 9380 hash_to_curve for the suite curve25519_XMD:SHA-512_ELL2_RO_, returning X25519 u-coordinates (32 bytes, little-endian).
import { createHash } from 'node:crypto';
import { _map_to_curve_elligator2_curve25519 as elligator2, ed25519_hasher } from '@noble/curves/ed25519.js';
import { CorvidError } from '../../errors.ts';

/** The suite identifier of RFC 9380 §6.8.1; a DST should end with it. */
export const SUITE = 'curve25519_XMD:SHA-512_ELL2_RO_';

const P = 2n ** 255n - 19n;
const A = 486662n;
const A24 = 121666n; // (A + 2) / 4, RFC 7748's doubling constant with BB
const L = 48; // ceil((ceil(log2(p)) + k) / 8) with k = 128
const Z_PAD = Buffer.alloc(128); // r_in_bytes of SHA-512

const mod = (x: bigint): bigint => {
  const r = x % P;
  return r < 0n ? r + P : r;
};

/**
 * expand_message_xmd with SHA-512 (RFC 9380 §5.3.1), through Node's OpenSSL SHA-512.
 * @example expandMessageXmd(Buffer.from('abc'), Buffer.from('QUUX-V01-CS02-with-expander-SHA512-256'), 32)
 */
export function expandMessageXmd(msg: Uint8Array, dst: Uint8Array, lenInBytes: number): Buffer {
  if (dst.length > 255) throw new CorvidError('CORVID_ERR_VALIDATION', 'a DST longer than 255 bytes must be hashed first (RFC 9380 §5.3.3)');
  const ell = Math.ceil(lenInBytes / 64);
  if (ell > 255 || lenInBytes > 65535) throw new CorvidError('CORVID_ERR_VALIDATION', 'expand_message_xmd: requested length too large');
  const dstPrime = Buffer.concat([dst, Buffer.from([dst.length])]);
  const lib = Buffer.from([lenInBytes >> 8, lenInBytes & 0xff]);
  const b0 = createHash('sha512').update(Z_PAD).update(msg).update(lib).update(Buffer.from([0])).update(dstPrime).digest();
  const out: Buffer[] = [];
  let prev = createHash('sha512').update(b0).update(Buffer.from([1])).update(dstPrime).digest();
  out.push(prev);
  for (let i = 2; i <= ell; i++) {
    const x = Buffer.alloc(64);
    for (let j = 0; j < 64; j++) x[j] = b0[j] ^ prev[j];
    prev = createHash('sha512').update(x).update(Buffer.from([i])).update(dstPrime).digest();
    out.push(prev);
  }
  return Buffer.concat(out).subarray(0, lenInBytes);
}

/** hash_to_field(msg, 2) for GF(2^255 − 19) (RFC 9380 §5.2): two field elements from 96 uniform bytes. */
export function hashToField2(msg: Uint8Array, dst: Uint8Array): [bigint, bigint] {
  const uniform = expandMessageXmd(msg, dst, 2 * L);
  return [mod(BigInt('0x' + uniform.toString('hex', 0, L))), mod(BigInt('0x' + uniform.toString('hex', L, 2 * L)))];
}

/** A point of the RO construction before the final division: u = X / Z (projective x-only). */
interface Projective {
  X: bigint;
  Z: bigint;
}

/**
 * Q0 + Q1 on the Montgomery curve v² = u³ + A·u² + u from Elligator 2's fractions (u = n/d, v = y), then
 * clear_cofactor (h_eff = 8) as three x-only doublings. Null in the exceptional case u(Q0) = u(Q1).
 */
function addAndClear(u0: bigint, u1: bigint): Projective | null {
  const q0 = elligator2(u0);
  const q1 = elligator2(u1);
  const d01 = mod(q0.xMd * q1.xMd);
  const ld = mod(q1.xMn * q0.xMd - q0.xMn * q1.xMd); // (x1 − x0) · d0 · d1
  if (ld === 0n) return null;
  const ln = mod((q1.yMn - q0.yMn) * d01); // λ = ln / ld
  const ld2 = mod(ld * ld);
  // x3 = λ² − A − x0 − x1 over the common denominator ld²·d0·d1
  let X = mod(ln * ln * d01 - (A * d01 + q0.xMn * q1.xMd + q1.xMn * q0.xMd) * ld2);
  let Z = mod(ld2 * d01);
  for (let i = 0; i < 3; i++) {
    const aa = mod((X + Z) * (X + Z));
    const bb = mod((X - Z) * (X - Z));
    const e = aa - bb;
    X = mod(aa * bb);
    Z = mod(e * (bb + A24 * e));
  }
  return { X, Z };
}

/** Montgomery's trick: one modular inversion for a whole batch (nonzero inputs). */
function invertAll(zs: bigint[]): bigint[] {
  const acc: bigint[] = new Array(zs.length);
  let run = 1n;
  for (let i = 0; i < zs.length; i++) {
    acc[i] = run;
    run = mod(run * zs[i]);
  }
  let inv = powMod(run, P - 2n);
  const out: bigint[] = new Array(zs.length);
  for (let i = zs.length - 1; i >= 0; i--) {
    out[i] = mod(inv * acc[i]);
    inv = mod(inv * zs[i]);
  }
  return out;
}

function powMod(b: bigint, e: bigint): bigint {
  let r = 1n;
  let x = mod(b);
  while (e > 0n) {
    if (e & 1n) r = mod(r * x);
    x = mod(x * x);
    e >>= 1n;
  }
  return r;
}

/** The u-coordinate, little-endian, as X25519 reads it (RFC 7748 §5). */
function uBytes(u: bigint, out: Uint8Array, at: number): void {
  const hex = u.toString(16).padStart(64, '0');
  for (let i = 0; i < 32; i++) out[at + i] = parseInt(hex.slice(62 - 2 * i, 64 - 2 * i), 16);
}

/** The exceptional path (probability ≈ 2⁻²⁵⁰): noble's edwards25519 RO with the same DST, mapped to u = (1 + y) / (1 − y). */
function viaEdwards(msg: Uint8Array, dst: Uint8Array): bigint {
  const p = ed25519_hasher.hashToCurve(msg, { DST: dst }).toAffine();
  if (p.y === 1n) throw new CorvidError('CORVID_ERR_INTERNAL', 'hash_to_curve reached the identity');
  return mod((1n + p.y) * powMod(1n - p.y, P - 2n));
}

/**
 * hash_to_curve (RFC 9380 §3, suite curve25519_XMD:SHA-512_ELL2_RO_) of many messages under one DST, returned
 * as concatenated 32-byte little-endian u-coordinates (the X25519 encoding). Elligator 2 is @noble/curves'
 * `map_to_curve_elligator2_curve25519`; SHA-512 is OpenSSL's; the final divisions share one inversion.
 * @example hashToCurve([Buffer.from('abc')], Buffer.from('QUUX-V01-CS02-with-curve25519_XMD:SHA-512_ELL2_RO_'))
 *   // u = 0x2b4419f1…526d, little-endian
 */
export function hashToCurve(msgs: readonly Uint8Array[], dst: Uint8Array): Buffer {
  const out = Buffer.alloc(32 * msgs.length);
  const xs: bigint[] = [];
  const zs: bigint[] = [];
  const at: number[] = [];
  for (let i = 0; i < msgs.length; i++) {
    const [u0, u1] = hashToField2(msgs[i], dst);
    const r = addAndClear(u0, u1);
    if (r === null || r.Z === 0n) {
      uBytes(viaEdwards(msgs[i], dst), out, 32 * i);
      continue;
    }
    xs.push(r.X);
    zs.push(r.Z);
    at.push(i);
  }
  const inv = invertAll(zs);
  for (let j = 0; j < xs.length; j++) uBytes(mod(xs[j] * inv[j]), out, 32 * at[j]);
  return out;
}
