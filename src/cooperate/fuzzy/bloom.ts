// Bloom-filter encodings of names (Schnell, Bachteler & Reiher 2009), hardened: keyed random hashing, XOR-folding, optional bit flips.
import { createHmac, randomInt } from 'node:crypto';
import { nameTokens } from '../../resolve/normalize/index.ts';

/** How names become filters; both parties must use the same parameters and session key. */
export interface BloomParams {
  /** Filter length before folding, a power of two (default 1024). */
  bits: number;
  /** Positions set per bigram (default 20). */
  k: number;
  /** XOR-fold the filter once (Schnell, Borgs & Encarnação 2016): sent filters are bits/2 long (default true). */
  fold: boolean;
  /** Probability of flipping each bit after encoding, RAPPOR's permanent randomized response (default 0). */
  flip: number;
}

export const DEFAULT_BLOOM: BloomParams = { bits: 1024, k: 20, fold: true, flip: 0 };

/**
 * The bigrams of a name: per token (transliterated and particle-joined as the resolution's name normaliser does),
 * padded with `_` on both sides, as a set, so that word order does not matter.
 * @example bigrams('Ann Li') // ['_a', 'an', 'nn', 'n_', '_l', 'li', 'i_']
 */
export function bigrams(name: string): string[] {
  const out = new Set<string>();
  for (const token of nameTokens(name)) {
    const t = `_${token}_`;
    for (let i = 0; i + 2 <= t.length; i++) out.add(t.slice(i, i + 2));
  }
  return [...out];
}

/**
 * k independent keyed positions per bigram: the i-th position is the i-th group of log2(bits) bits of
 * HMAC-SHA-256(key, gram) (counter blocks when more bits are needed). Independent ("random") hashing, not double
 * hashing, whose arithmetic structure the attack of Niedermeyer et al. (2014) exploits.
 */
export function positions(key: Uint8Array, gram: string, p: BloomParams): number[] {
  const width = Math.log2(p.bits);
  const out: number[] = [];
  let block = 0;
  let buf = Buffer.alloc(0);
  let bit = 0;
  while (out.length < p.k) {
    if (bit + width > buf.length * 8) {
      buf = Buffer.concat([buf.subarray(bit >> 3), createHmac('sha256', key).update(`${block++}:${gram}`).digest()]);
      bit &= 7;
    }
    let v = 0;
    for (let j = 0; j < width; j++, bit++) v = (v << 1) | ((buf[bit >> 3] >> (7 - (bit & 7))) & 1);
    out.push(v);
  }
  return out;
}

/**
 * The filter of one name: every bigram's k positions set, then folded and flipped as the parameters say.
 * An empty name gives an empty filter.
 * @example encodeName('Jan Jansen', key) // Uint32Array(16) with ~ 100 bits set
 */
export function encodeName(name: string, key: Uint8Array, p: BloomParams = DEFAULT_BLOOM, codebook?: Map<string, number[]>): Uint32Array {
  const full = new Uint32Array(p.bits / 32);
  for (const g of bigrams(name)) {
    let pos = codebook?.get(g);
    if (!pos) {
      pos = positions(key, g, p);
      codebook?.set(g, pos);
    }
    for (const i of pos) full[i >>> 5] |= 1 << (i & 31);
  }
  const out = p.fold ? xorFold(full) : full;
  if (p.flip > 0) flipBits(out, p.flip);
  return out;
}

/** XOR of the two halves: each sent bit mixes two positions, which breaks the bigram–bit pattern mining attacks rely on. */
export function xorFold(f: Uint32Array): Uint32Array {
  const half = f.length / 2;
  const out = new Uint32Array(half);
  for (let i = 0; i < half; i++) out[i] = f[i] ^ f[i + half];
  return out;
}

/** Flips each bit with probability `f` (Erlingsson, Pihur & Korolova 2014, permanent randomized response). */
function flipBits(f: Uint32Array, prob: number): void {
  const scale = 1 << 30;
  const limit = Math.round(prob * scale);
  for (let i = 0; i < f.length * 32; i++) if (randomInt(scale) < limit) f[i >>> 5] ^= 1 << (i & 31);
}

/** Set bits of a 32-bit word (SWAR popcount). */
export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Set bits of a filter. */
export function weight(f: Uint32Array, at = 0, words = f.length): number {
  let n = 0;
  for (let i = 0; i < words; i++) n += popcount32(f[at + i]);
  return n;
}

/**
 * Dice coefficient 2|A ∧ B| / (|A| + |B|) of two filters stored at word offsets `a` and `b` of two arrays, with
 * their weights precomputed; 0 when both are empty.
 * @example dice(new Uint32Array([0b1011]), 0, 3, new Uint32Array([0b0011]), 0, 2, 1) // 2·2/(3+2) = 0.8
 */
export function dice(fa: Uint32Array, a: number, wa: number, fb: Uint32Array, b: number, wb: number, words: number): number {
  if (wa + wb === 0) return 0;
  let both = 0;
  for (let i = 0; i < words; i++) both += popcount32(fa[a + i] & fb[b + i]);
  return (2 * both) / (wa + wb);
}
