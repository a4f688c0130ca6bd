/** Seeded randomness shared by every module that samples (resolution, network analyses, benchmarks), so results repeat. */

/**
 * mulberry32 (Tommy Ettinger's 32-bit generator): fast, seedable, good enough for samples, visit orders and pivots.
 * @example const next = mulberry32(42); next() // a number in [0, 1)
 */
export function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
