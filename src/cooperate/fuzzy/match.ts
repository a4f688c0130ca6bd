// Encoded name sets and their comparison: keyed phonetic blocking, then Dice over the filters of each block's pairs.
import { createHmac } from 'node:crypto';
import { nameTokens, phoneticKeys } from '../../resolve/normalize/index.ts';
import { DEFAULT_BLOOM, dice, encodeName, weight, type BloomParams } from './bloom.ts';

/** Block keys per record: one per token, up to this many (names with more tokens use their longest ones). */
export const BLOCK_SLOTS = 3;
/** Bytes of one block key: a truncated HMAC, so the peer sees no phonetic code. */
export const BLOCK_BYTES = 8;

/** A set of names encoded for one session: packed filters, their weights and their block keys. */
export interface EncodedNames {
  count: number;
  /** 32-bit words per filter. */
  words: number;
  filters: Uint32Array;
  weights: Uint16Array;
  /** BLOCK_SLOTS keys of BLOCK_BYTES per record; unused slots repeat the first. */
  blocks: Buffer;
}

/**
 * Keyed block keys of a name: HMAC-SHA-256(key, "blk:" + Double Metaphone primary code) of each token, truncated.
 * Tokens of one or two letters (initials) give no key unless the name has nothing else.
 */
export function blockKeys(name: string, key: Uint8Array): Buffer[] {
  const tokens = nameTokens(name);
  const long = tokens.filter((t) => t.length > 2);
  const chosen = (long.length ? long : tokens).sort((x, y) => y.length - x.length || (x < y ? -1 : 1)).slice(0, BLOCK_SLOTS);
  const codes = [...new Set(chosen.map((t) => phoneticKeys(t)[0] || t))];
  return codes.map((c) => createHmac('sha256', key).update(`blk:${c}`).digest().subarray(0, BLOCK_BYTES));
}

/**
 * Encodes names with the session key: one filter and BLOCK_SLOTS block keys each, in input order.
 * @example const enc = encodeNames(['Jan Jansen', 'Ann Li'], key);
 */
export function encodeNames(names: readonly string[], key: Uint8Array, p: BloomParams = DEFAULT_BLOOM): EncodedNames {
  const words = (p.fold ? p.bits / 2 : p.bits) / 32;
  const filters = new Uint32Array(names.length * words);
  const weights = new Uint16Array(names.length);
  const blocks = Buffer.alloc(names.length * BLOCK_SLOTS * BLOCK_BYTES);
  const codebook = new Map<string, number[]>();
  names.forEach((name, i) => {
    const f = encodeName(name, key, p, codebook);
    filters.set(f, i * words);
    weights[i] = weight(f);
    const keys = blockKeys(name, key);
    for (let s = 0; s < BLOCK_SLOTS; s++) (keys[s] ?? keys[0] ?? Buffer.alloc(BLOCK_BYTES)).copy(blocks, (i * BLOCK_SLOTS + s) * BLOCK_BYTES);
  });
  return { count: names.length, words, filters, weights, blocks };
}

/** One candidate pair at or above the threshold. */
export interface FuzzyMatch {
  /** Index in the first set. */
  a: number;
  /** Index in the second set. */
  b: number;
  dice: number;
}

export interface CompareStats {
  comparisons: number;
  matches: number;
}

/** Each record's distinct block keys, sorted, and the records under each key. */
function blockIndex(e: EncodedNames): { keysOf: string[][]; index: Map<string, number[]> } {
  const index = new Map<string, number[]>();
  const keysOf: string[][] = new Array(e.count);
  for (let i = 0; i < e.count; i++) {
    const keys = new Set<string>();
    for (let s = 0; s < BLOCK_SLOTS; s++) keys.add(e.blocks.toString('latin1', (i * BLOCK_SLOTS + s) * BLOCK_BYTES, (i * BLOCK_SLOTS + s + 1) * BLOCK_BYTES));
    keysOf[i] = [...keys].sort();
    for (const k of keysOf[i]) {
      let list = index.get(k);
      if (!list) index.set(k, (list = []));
      list.push(i);
    }
  }
  return { keysOf, index };
}

/** The first key (in sorted order) two records share: a pair is compared only in that block, so only once. */
function firstShared(a: string[], b: string[], skipped: Set<string>): string | undefined {
  for (const k of a) if (b.includes(k) && !skipped.has(k)) return k;
  return undefined;
}

/**
 * Every pair (a in `x`, b in `y`) sharing a block key whose Dice coefficient reaches `threshold`, each pair once,
 * and how many comparisons that took. Blocks larger than `maxBlock` on either side are skipped (a block that big
 * is a common sound, not evidence).
 * @example compareEncoded(mine, theirs, 0.8) // { matches: [{ a: 0, b: 17, dice: 0.91 }], stats: { comparisons: 3, matches: 1 } }
 */
export function compareEncoded(x: EncodedNames, y: EncodedNames, threshold: number, maxBlock = 5000): { matches: FuzzyMatch[]; stats: CompareStats } {
  if (x.words !== y.words) throw new RangeError('filters of different lengths');
  const ix = blockIndex(x);
  const iy = blockIndex(y);
  const matches: FuzzyMatch[] = [];
  let comparisons = 0;
  const skipped = new Set<string>();
  for (const [key, as] of ix.index) if (as.length > maxBlock || (iy.index.get(key)?.length ?? 0) > maxBlock) skipped.add(key);
  for (const [key, as] of ix.index) {
    const bs = iy.index.get(key);
    if (!bs || skipped.has(key)) continue;
    for (const a of as) {
      for (const b of bs) {
        if (firstShared(ix.keysOf[a], iy.keysOf[b], skipped) !== key) continue;
        comparisons++;
        const d = dice(x.filters, a * x.words, x.weights[a], y.filters, b * y.words, y.weights[b], x.words);
        if (d >= threshold) matches.push({ a, b, dice: d });
      }
    }
  }
  return { matches, stats: { comparisons, matches: matches.length } };
}
