// RFC 9380 hash_to_ristretto255 (suite ristretto255_XMD:SHA-512_R255MAP_RO_), mapped to X25519 u-coordinates for blinding.
import { createRequire } from 'node:module';
import loadSodiumWasm from 'libsodium-sumo';
import { CorvidError } from '../../errors.ts';

/** The suite identifier of RFC 9380 Appendix B; the session DST ends with it. */
export const RISTRETTO_SUITE = 'ristretto255_XMD:SHA-512_R255MAP_RO_';

/** The two libsodium calls used from sodium-native (native prebuilt addon): SHA-512 and X25519. */
export interface NativeSodium {
  crypto_hash_sha512(out: Uint8Array, input: Uint8Array): void;
  /** X25519(n, p) into q (RFC 7748 §5, n clamped); throws when p has small order or the result is all zero. */
  crypto_scalarmult(q: Uint8Array, n: Uint8Array, p: Uint8Array): void;
}

/** sodium-native ships prebuilt binaries for linux/darwin/win32 × x64/arm64 inside its package (no install script). */
export const nativeSodium = createRequire(import.meta.url)('sodium-native') as NativeSodium;

interface SodiumWasm {
  HEAPU8: Uint8Array;
  _malloc(n: number): number;
  _crypto_core_ristretto255_from_hash(out: number, input: number): number;
}

/** Elements mapped per call into the WASM heap: 64 bytes in, 32 bytes out each. */
const CHUNK = 4096;
const Z_PAD = 128; // r_in_bytes of SHA-512

let wasm: SodiumWasm | undefined;
let loading: Promise<void> | undefined;
let inPtr = 0;
let outPtr = 0;

/**
 * Loads libsodium's WebAssembly build (libsodium-sumo) once per thread; the ristretto255 map is only there
 * (sodium-native does not expose it). Must have resolved before {@link hashToRistretto} / {@link hashToGroup}.
 * @example await ristrettoReady(); hashToGroup([Buffer.from('+31612345678')], dst);
 */
export function ristrettoReady(): Promise<void> {
  loading ??= (loadSodiumWasm as unknown as () => Promise<SodiumWasm>)().then((m) => {
    inPtr = m._malloc(64 * CHUNK);
    outPtr = m._malloc(32 * CHUNK);
    wasm = m;
  });
  return loading;
}

function loaded(): SodiumWasm {
  if (!wasm) throw new CorvidError('CORVID_ERR_INTERNAL', 'ristretto255 is not loaded: await ristrettoReady() first');
  return wasm;
}

/** Messages either as an array or packed in one buffer with offsets (what the worker engine transfers). */
export type Messages = readonly Uint8Array[] | { packed: Uint8Array; offsets: Uint32Array };

const count = (msgs: Messages): number => ('packed' in msgs ? msgs.offsets.length - 1 : msgs.length);

/** Packs messages into one buffer: message i is packed[offsets[i], offsets[i + 1]). */
export function packMessages(msgs: readonly Uint8Array[]): { packed: Uint8Array; offsets: Uint32Array } {
  const offsets = new Uint32Array(msgs.length + 1);
  for (let i = 0; i < msgs.length; i++) offsets[i + 1] = offsets[i] + msgs[i].length;
  const packed = new Uint8Array(offsets[msgs.length]);
  for (let i = 0; i < msgs.length; i++) packed.set(msgs[i], offsets[i]);
  return { packed, offsets };
}

/**
 * expand_message_xmd(msg, DST, 64) with SHA-512 (RFC 9380 §5.3.1), for messages [from, to), written at `at + 64·i`
 * of `out`: with 64 output bytes, ell = 1, so uniform_bytes = b1 = H(b0 ‖ 1 ‖ DST′), b0 = H(Z_pad ‖ msg ‖ 0x0040 ‖ 0 ‖ DST′).
 */
function expand64(msgs: Messages, from: number, to: number, dst: Uint8Array, out: Uint8Array, at: number): void {
  const dstPrime = Buffer.concat([dst, Buffer.from([dst.length])]);
  const packed = 'packed' in msgs ? Buffer.from(msgs.packed.buffer, msgs.packed.byteOffset, msgs.packed.byteLength) : undefined;
  const offsets = 'packed' in msgs ? msgs.offsets : undefined;
  const list = 'packed' in msgs ? undefined : msgs;
  const length = (i: number): number => (offsets ? offsets[i + 1] - offsets[i] : (list as readonly Uint8Array[])[i].length);
  let longest = 0;
  for (let i = from; i < to; i++) longest = Math.max(longest, length(i));
  const a = Buffer.alloc(Z_PAD + longest + 3 + dstPrime.length); // Z_pad stays zero
  const b = Buffer.alloc(64 + 1 + dstPrime.length);
  b[64] = 1;
  dstPrime.copy(b, 65);
  const b0 = b.subarray(0, 64);
  for (let i = from; i < to; i++) {
    if (packed && offsets) packed.copy(a, Z_PAD, offsets[i], offsets[i + 1]);
    else a.set((list as readonly Uint8Array[])[i], Z_PAD);
    let p = Z_PAD + length(i);
    a[p++] = 0;
    a[p++] = 64;
    a[p++] = 0;
    dstPrime.copy(a, p);
    nativeSodium.crypto_hash_sha512(b0, a.subarray(0, p + dstPrime.length));
    nativeSodium.crypto_hash_sha512(out.subarray(at + 64 * (i - from), at + 64 * (i - from + 1)), b);
  }
}

function checkDst(dst: Uint8Array): void {
  if (dst.length > 255) throw new CorvidError('CORVID_ERR_VALIDATION', 'a DST longer than 255 bytes must be hashed first (RFC 9380 §5.3.3)');
}

/**
 * Calls `each(chunkOffset, encodings)` with the ristretto255 encodings of hash_to_ristretto255(msg) for every
 * message, CHUNK at a time: expand_message_xmd (above, libsodium's SHA-512) then RFC 9496 §4.3.4's element
 * derivation, libsodium's `crypto_core_ristretto255_from_hash` (two Elligator maps and an addition).
 */
function eachChunk(msgs: Messages, dst: Uint8Array, each: (from: number, encodings: Buffer) => void): void {
  checkDst(dst);
  const m = loaded();
  const n = count(msgs);
  for (let from = 0; from < n; from += CHUNK) {
    const to = Math.min(n, from + CHUNK);
    expand64(msgs, from, to, dst, m.HEAPU8, inPtr);
    for (let i = 0; i < to - from; i++) m._crypto_core_ristretto255_from_hash(outPtr + 32 * i, inPtr + 64 * i);
    each(from, Buffer.from(m.HEAPU8.buffer, m.HEAPU8.byteOffset + outPtr, 32 * (to - from)));
  }
}

/**
 * RFC 9496 §4.3.4's element derivation alone: packed 64-byte uniform strings to packed encodings (for tests).
 * @example deriveElements(Buffer.from('5d1be09e…dffe5bb6', 'hex')) // 3066f82a…f44a0a46
 */
export function deriveElements(uniform: Uint8Array): Buffer {
  const m = loaded();
  const n = uniform.length / 64;
  if (!Number.isInteger(n)) throw new CorvidError('CORVID_ERR_VALIDATION', 'uniform strings are 64 bytes each');
  const out = Buffer.alloc(32 * n);
  for (let from = 0; from < n; from += CHUNK) {
    const to = Math.min(n, from + CHUNK);
    m.HEAPU8.set(uniform.subarray(64 * from, 64 * to), inPtr);
    for (let i = 0; i < to - from; i++) m._crypto_core_ristretto255_from_hash(outPtr + 32 * i, inPtr + 64 * i);
    out.set(m.HEAPU8.subarray(outPtr, outPtr + 32 * (to - from)), 32 * from);
  }
  return out;
}

/**
 * hash_to_ristretto255 (RFC 9380 Appendix B; RFC 9496 §4.3.4) of many messages under one DST: the packed
 * 32-byte canonical encodings.
 * @example hashToRistretto([Buffer.from([0])], Buffer.from('HashToGroup-OPRFV1-\x00-ristretto255-SHA512'))
 */
export function hashToRistretto(msgs: Messages, dst: Uint8Array): Buffer {
  const out = Buffer.alloc(32 * count(msgs));
  eachChunk(msgs, dst, (from, enc) => enc.copy(out, 32 * from));
  return out;
}

/**
 * The group element of each message as X25519 sees it: u = s² mod p, s the element's ristretto255 encoding.
 * Why: decoding s gives the Edwards point with y = (1 − s²)/(1 + s²) (RFC 9496 §4.3.1), whose Montgomery u is
 * (1 + y)/(1 − y) = 1/s²; adding the 2-torsion point (0, 0) maps u to 1/u, so u = s² is P + T₂, another point of the
 * same ristretto coset P + E[4]. X25519's clamped scalar is a multiple of 8, so it gives the same result for every
 * point of the coset: X25519(k, s²) = u([k′]P₀), P₀ the element's point in the prime-order subgroup. s = 0 (the
 * identity, probability 2⁻²⁵²) gives u = 0, which the blinding refuses.
 * @example await ristrettoReady(); hashToGroup([Buffer.from('+31612345678')], dst) // Buffer(32)
 */
export function hashToGroup(msgs: Messages, dst: Uint8Array): Buffer {
  const out = Buffer.alloc(32 * count(msgs));
  eachChunk(msgs, dst, (from, enc) => {
    const n = enc.length / 32;
    for (let i = 0; i < n; i++) squareModP(enc, 32 * i, out, 32 * (from + i));
  });
  return out;
}

const limbs = new Float64Array(32);

/**
 * x² mod p (p = 2²⁵⁵ − 19) of the 32-byte little-endian x at `src[at]`, written little-endian at `dst[to]`: 16-bit
 * limbs in doubles (products < 2³², column sums < 2³⁶, exact), 2²⁵⁶ ≡ 38 folds the top half, then carries and the
 * one conditional subtraction of p. No allocation per element (BigInt made one object per operation). Tested against BigInt.
 */
export function squareModP(src: Uint8Array, at: number, dst: Uint8Array, to: number): void {
  const x = limbs; // x[0..15] the input, x[16..31] scratch
  for (let i = 0; i < 16; i++) x[i] = src[at + 2 * i] | (src[at + 2 * i + 1] << 8);
  const c = new Array<number>(32).fill(0);
  for (let i = 0; i < 16; i++) {
    const xi = x[i];
    c[2 * i] += xi * xi;
    for (let j = i + 1; j < 16; j++) c[i + j] += 2 * xi * x[j];
  }
  for (let k = 0; k < 15; k++) c[k] += 38 * c[k + 16];
  // carries: twice round the top (2²⁵⁶ ≡ 38), then bit 255 folded as 19
  for (let pass = 0; pass < 2; pass++) {
    let carry = 0;
    for (let k = 0; k < 16; k++) {
      const v = c[k] + carry;
      carry = Math.floor(v / 65536);
      c[k] = v - carry * 65536;
    }
    c[0] += 38 * carry;
  }
  let top = c[15] >>> 15;
  c[15] &= 0x7fff;
  c[0] += 19 * top;
  let carry = 0;
  for (let k = 0; k < 16; k++) {
    const v = c[k] + carry;
    carry = v >>> 16;
    c[k] = v & 0xffff;
  }
  // now x² mod p < 2²⁵⁵ + 2¹⁶; subtract p when x + 19 reaches 2²⁵⁵
  carry = 19;
  const t = new Array<number>(16);
  for (let k = 0; k < 16; k++) {
    const v = c[k] + carry;
    carry = v >>> 16;
    t[k] = v & 0xffff;
  }
  top = t[15] >>> 15;
  const r = top ? t : c;
  if (top) r[15] &= 0x7fff;
  for (let k = 0; k < 16; k++) {
    dst[to + 2 * k] = r[k] & 0xff;
    dst[to + 2 * k + 1] = r[k] >>> 8;
  }
}
